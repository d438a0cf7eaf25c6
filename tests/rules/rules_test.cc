// Runs the rule-language cases in tests/rules/**/*.test: one GoogleTest per file. Every value
// is computed three ways — the vectorized executor over all households (dense selection), the
// executor over a scattered subset (sparse selection) and the scalar evaluator — and all three
// must agree with the expectation.
//
// Format (also in docs/rules-language.md, "Test files"). One directive per line; lines starting
// with '#' and blank lines between records are ignored.
//
//   standard 63 2024             start from a built-in standard (FindBuiltinStandard; a county
//                                 as a third word: standard 63 630121 2024)
//   line 7500                    the monitoring line in yuan (default 7500, no rules, no types)
//   param NAME TYPE VALUE        TYPE: money (yuan), decimal, integer, date, boolean (1/0)
//   rule ID CONDITION            append a rule; its source line is the directive's line
//   risk RULE CODE [CONDITION]   append a risk suggestion to rule RULE
//   type CODE CONDITION          append a proposed type
//   household ID [field=value]   a household; fields not given keep their defaults: status
//                                 ordinary, wage_income 30000, other money 0, prev_net_income
//                                 missing, housing_safe 1, water_safe 1 (money in yuan;
//                                 prev_net_income=missing)
//   member [field=value]         a member of the last household: relation head (first) or
//                                 child, sex M, birth_date 1980-01-01, labor ordinary, health
//                                 healthy, school_stage none, enrolled 0, med_insured 1,
//                                 pension_insured 1, shares_household 1. A household without
//                                 member lines gets one default member.
//   fact NAME TYPE [SCALE]       declare a department fact, dept.NAME: TYPE money (scale 2 by
//                                 default), number (scale 0 by default), boolean or date; the
//                                 standard is compiled with the facts declared so far
//   fact NAME code CODE...       declare a code fact with its codes
//   member ... dept.NAME=VALUE   a member's fact (money in yuan, numbers as decimals, booleans
//                                 1/0/unknown, dates, codes); members without it have no value
//                                 (0, false, missing date, no code)
//   clear                        forget all households (and their facts)
//   reset                        start again from the empty standard (facts stay declared)
//
// Records with an expectation: the directive, a line "----", then the expected lines up to the
// next blank line (or the end of the file). Households are listed in household_id byte order.
//
//   eval EXPRESSION              "ID VALUE" per household (true/false/unknown, 7500.00, 0.5,
//                                 missing, 2024-09-01, lifted), or "error" and the exact caret
//                                 message (without a place prefix)
//   compile                      "ok", or "error" and the exact message of rules::Compile
//   screen                       "ID RULES TYPE RISKS" per household: fired rule ids joined by
//                                 ',', the type code, the risk codes joined by ','; '-' for none;
//                                 "ID not screened" for a household without a counted member
//   explain ID RULE              the rule's 'because' line; RULE 'type' gives "code: because" of
//   the
//                                 proposed type, or '-' when there is none
//   member_eval CONDITION        a member condition (rules/member_condition.h) for every listed
//                                 member: "ID N VALUE", N the member's position in the household
//                                 (1 = head, then by ID number), or "error" and the message;
//                                 also given the person's facts alone (person_facts) unless it
//                                 reads facts in an aggregate, which must agree
//   member_explain ID N CONDITION  the member condition's 'because' line for that member
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "base/id_number.h"
#include "registry/snapshot_build.h"
#include "rules/compiled_standard.h"
#include "rules/explain.h"
#include "rules/expression.h"
#include "rules/member_condition.h"
#include "rules/rules_test_support.h"
#include "rules/screen.h"
#include "rules/standard_toml.h"

namespace xianjie::rules {
namespace {

namespace fs = std::filesystem;

struct Line {
  int number = 0;
  std::string text;
};

class CaseRunner {
 public:
  CaseRunner(std::string name, std::vector<Line> lines)
      : name_(std::move(name)), lines_(std::move(lines)) {
    standard_ = DefaultStandard(name_);
  }

  void Run() {
    for (pos_ = 0; pos_ < lines_.size(); ++pos_) {
      const Line& line = lines_[pos_];
      if (line.text.empty() || line.text[0] == '#') continue;
      Directive(line);
    }
  }

 private:
  std::string Where(int number) const { return name_ + ":" + std::to_string(number); }

  // The expected block after a directive: "----", then lines up to a blank line.
  std::vector<std::string> Expected() {
    std::vector<std::string> out;
    if (pos_ + 1 >= lines_.size() || lines_[pos_ + 1].text != "----") {
      ADD_FAILURE() << Where(lines_[pos_].number) << ": expected a line '----' after this";
      return out;
    }
    pos_ += 2;
    for (; pos_ < lines_.size() && !lines_[pos_].text.empty(); ++pos_)
      out.push_back(lines_[pos_].text);
    return out;
  }

  void Check(int number, const std::string& what, const std::vector<std::string>& expected,
             const std::vector<std::string>& actual) {
    if (expected == actual) return;
    std::string e;
    std::string a;
    for (const std::string& s : expected) e += s + "\n";
    for (const std::string& s : actual) a += s + "\n";
    ADD_FAILURE() << Where(number) << ": " << what << "\n--- expected\n"
                  << e << "--- actual\n"
                  << a;
  }

  void Directive(const Line& line) {
    std::string word = line.text.substr(0, line.text.find(' '));
    std::string rest = line.text.size() > word.size() ? line.text.substr(word.size() + 1) : "";
    Status s = Status::Ok();
    if (word == "eval") {
      Eval(line, rest);
    } else if (word == "compile") {
      CompileCase(line);
    } else if (word == "screen") {
      Screen(line);
    } else if (word == "explain") {
      ExplainCase(line, rest);
    } else if (word == "member_eval") {
      MemberEval(line, rest);
    } else if (word == "member_explain") {
      MemberExplain(line, rest);
    } else if (word == "clear") {
      households_.clear();
      facts_.values.clear();
    } else if (word == "reset") {
      standard_ = DefaultStandard(name_);
    } else {
      s = ApplySetup(word, rest, line.number, &standard_, &households_, &facts_);
    }
    if (!s.ok()) ADD_FAILURE() << Where(line.number) << ": " << s.message();
  }

  std::shared_ptr<const CompiledStandard> CompileOrFail(int number) {
    auto compiled = Compile(standard_, facts_.fields);
    if (!compiled.ok()) {
      ADD_FAILURE() << Where(number)
                    << ": the standard does not compile: " << compiled.status().message();
      return nullptr;
    }
    return *compiled;
  }

  std::shared_ptr<const registry::Snapshot> SnapshotOrFail(int number) {
    auto snapshot = BuildTestSnapshot(households_);
    if (!snapshot.ok()) {
      ADD_FAILURE() << Where(number) << ": " << snapshot.status().message();
      return nullptr;
    }
    return *snapshot;
  }

  std::unique_ptr<FactColumns> FactsOrFail(int number, const registry::Snapshot& snapshot) {
    auto facts = BuildTestFacts(households_, facts_, snapshot);
    if (!facts.ok()) {
      ADD_FAILURE() << Where(number) << ": " << facts.status().message();
      return nullptr;
    }
    return std::make_unique<FactColumns>(std::move(facts).value());
  }

  void Eval(const Line& line, const std::string& text) {
    const std::vector<std::string> expected = Expected();
    auto compiled = CompileOrFail(line.number);
    auto snapshot = SnapshotOrFail(line.number);
    if (!compiled || !snapshot) return;
    auto facts = FactsOrFail(line.number, *snapshot);
    if (!facts) return;
    std::vector<std::string> actual;
    Result<CompiledExpression> e = CompileExpression(*compiled, text);
    if (!e.ok()) {
      actual.push_back("error");
      std::istringstream in(e.status().message());
      for (std::string l; std::getline(in, l);) actual.push_back(l);
      Check(line.number, "eval " + text, expected, actual);
      return;
    }
    const std::vector<ValueLine> values = EvaluateAllWays(*snapshot, *compiled, *e, facts.get());
    for (const ValueLine& v : values) {
      if (!v.disagreement.empty()) {
        ADD_FAILURE() << Where(line.number) << ": evaluators disagree for " << v.id << ": "
                      << v.disagreement;
      }
      actual.push_back(v.id + " " + v.value);
    }
    Check(line.number, "eval " + text, expected, actual);
  }

  void CompileCase(const Line& line) {
    const std::vector<std::string> expected = Expected();
    std::vector<std::string> actual;
    auto compiled = Compile(standard_, facts_.fields);
    if (compiled.ok()) {
      actual.push_back("ok");
    } else {
      actual.push_back("error");
      std::istringstream in(compiled.status().message());
      for (std::string l; std::getline(in, l);) actual.push_back(l);
    }
    Check(line.number, "compile", expected, actual);
  }

  void Screen(const Line& line) {
    const std::vector<std::string> expected = Expected();
    auto compiled = CompileOrFail(line.number);
    auto snapshot = SnapshotOrFail(line.number);
    if (!compiled || !snapshot) return;
    auto facts = FactsOrFail(line.number, *snapshot);
    if (!facts) return;
    std::string disagreement;
    const std::vector<std::string> actual =
        ScreenLines(*snapshot, *compiled, &disagreement, facts.get());
    if (!disagreement.empty()) ADD_FAILURE() << Where(line.number) << ": " << disagreement;
    Check(line.number, "screen", expected, actual);
  }

  void ExplainCase(const Line& line, const std::string& rest) {
    const std::vector<std::string> expected = Expected();
    const std::string id = rest.substr(0, rest.find(' '));
    const std::string rule = rest.size() > id.size() ? rest.substr(id.size() + 1) : "";
    auto compiled = CompileOrFail(line.number);
    auto snapshot = SnapshotOrFail(line.number);
    if (!compiled || !snapshot) return;
    auto facts = FactsOrFail(line.number, *snapshot);
    if (!facts) return;
    const int64_t row = snapshot->Find(id);
    if (row < 0) {
      ADD_FAILURE() << Where(line.number) << ": no household '" << id << "'";
      return;
    }
    const HouseholdExplanation e =
        Explain(*snapshot, static_cast<uint32_t>(row), *compiled, facts.get());
    std::vector<std::string> actual;
    if (rule == "type") {
      actual.push_back(e.proposed_type.empty() ? "-" : e.proposed_type + ": " + e.type_because);
    } else {
      const int r = compiled->FindRule(rule);
      if (r < 0) {
        ADD_FAILURE() << Where(line.number) << ": no rule '" << rule << "'";
        return;
      }
      actual.push_back(e.rules[static_cast<size_t>(r)].because);
    }
    Check(line.number, "explain " + rest, expected, actual);
  }

  static const char* TruthText(Truth t) {
    return t == Truth::kTrue ? "true" : t == Truth::kFalse ? "false" : "unknown";
  }

  void MemberEval(const Line& line, const std::string& text) {
    const std::vector<std::string> expected = Expected();
    auto compiled = CompileOrFail(line.number);
    auto snapshot = SnapshotOrFail(line.number);
    if (!compiled || !snapshot) return;
    auto facts = FactsOrFail(line.number, *snapshot);
    if (!facts) return;
    std::vector<std::string> actual;
    Result<CompiledCondition> c = CompileMemberCondition(text, *compiled, facts_.fields);
    if (!c.ok()) {
      actual.push_back("error");
      std::istringstream in(c.status().message());
      for (std::string l; std::getline(in, l);) actual.push_back(l);
      Check(line.number, "member_eval " + text, expected, actual);
      return;
    }
    const uint32_t* begin = snapshot->member_begin();
    for (uint32_t h = 0; h < snapshot->households(); ++h) {
      for (uint32_t m = begin[h]; m < begin[h + 1]; ++m) {
        const Truth t = EvaluateMemberCondition(*c, *snapshot, facts.get(), h, m);
        const MemberConditionExplanation e =
            ExplainMemberCondition(*c, *snapshot, facts.get(), h, m);
        if (e.result != t) {
          ADD_FAILURE() << Where(line.number) << ": ExplainMemberCondition differs for "
                        << snapshot->household_id(h) << " " << m - begin[h] + 1;
        }
        if (!NeedsFactColumns(*c)) {
          const std::vector<int64_t> person = PersonFacts(*facts, m);
          const MemberConditionExplanation p = ExplainMemberCondition(*c, *snapshot, person, h, m);
          if (EvaluateMemberCondition(*c, *snapshot, person, h, m) != t || p.result != t ||
              p.because != e.because) {
            ADD_FAILURE() << Where(line.number) << ": with one person's facts, "
                          << snapshot->household_id(h) << " " << m - begin[h] + 1 << " is "
                          << TruthText(p.result) << ": " << p.because;
          }
        }
        actual.push_back(std::string(snapshot->household_id(h)) + " " +
                         std::to_string(m - begin[h] + 1) + " " + TruthText(t));
      }
    }
    Check(line.number, "member_eval " + text, expected, actual);
  }

  void MemberExplain(const Line& line, const std::string& rest) {
    const std::vector<std::string> expected = Expected();
    std::istringstream words(rest);
    std::string id;
    uint32_t position = 0;
    words >> id >> position;
    std::string text;
    std::getline(words, text);
    if (!text.empty() && text[0] == ' ') text.erase(0, 1);
    auto compiled = CompileOrFail(line.number);
    auto snapshot = SnapshotOrFail(line.number);
    if (!compiled || !snapshot) return;
    auto facts = FactsOrFail(line.number, *snapshot);
    if (!facts) return;
    const int64_t row = snapshot->Find(id);
    const uint32_t* begin = snapshot->member_begin();
    if (row < 0 || position == 0 || begin[row] + position > begin[row + 1]) {
      ADD_FAILURE() << Where(line.number) << ": no member " << position << " of '" << id << "'";
      return;
    }
    Result<CompiledCondition> c = CompileMemberCondition(text, *compiled, facts_.fields);
    if (!c.ok()) {
      ADD_FAILURE() << Where(line.number) << ": " << c.status().message();
      return;
    }
    const auto h = static_cast<uint32_t>(row);
    const uint32_t m = begin[h] + position - 1;
    const MemberConditionExplanation e = ExplainMemberCondition(*c, *snapshot, facts.get(), h, m);
    Check(line.number, "member_explain " + rest, expected, {e.because});
    if (!NeedsFactColumns(*c)) {
      const MemberConditionExplanation p =
          ExplainMemberCondition(*c, *snapshot, PersonFacts(*facts, m), h, m);
      EXPECT_EQ(p.because, e.because) << Where(line.number) << ": with one person's facts";
    }
  }

  // Member row m's facts as EvaluateMemberCondition's person_facts.
  static std::vector<int64_t> PersonFacts(const FactColumns& facts, uint32_t m) {
    std::vector<int64_t> out;
    for (size_t f = 0; f < facts.fields().size(); ++f) out.push_back(facts.Get(f, m));
    return out;
  }

  std::string name_;
  std::vector<Line> lines_;
  size_t pos_ = 0;
  Standard standard_;
  std::vector<registry::HouseholdRecord> households_;
  TestFacts facts_;
};

std::vector<std::string> TestFiles() {
  std::vector<std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator(XJ_RULES_TESTS_DIR)) {
    if (entry.is_regular_file() && entry.path().extension() == ".test") {
      out.push_back(fs::relative(entry.path(), XJ_RULES_TESTS_DIR).string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

class RuleCases : public ::testing::TestWithParam<std::string> {};

TEST_P(RuleCases, Passes) {
  std::ifstream in(fs::path(XJ_RULES_TESTS_DIR) / GetParam());
  ASSERT_TRUE(in) << GetParam();
  std::vector<Line> lines;
  int number = 0;
  for (std::string text; std::getline(in, text);) {
    if (!text.empty() && text.back() == '\r') text.pop_back();
    lines.push_back({++number, text});
  }
  CaseRunner(fs::path(GetParam()).filename().string(), std::move(lines)).Run();
}

INSTANTIATE_TEST_SUITE_P(rules, RuleCases, ::testing::ValuesIn(TestFiles()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           std::string name;
                           for (char c : param.param.substr(0, param.param.size() - 5)) {
                             name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace xianjie::rules
