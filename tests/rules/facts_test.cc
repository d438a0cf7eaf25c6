// Department facts at their edges (the language's behaviour is in language/facts.test): the
// catalogue's checks (codes too), FactColumns, code values and their printing, the dept.<fact>
// token, evaluation without facts or with columns of another shape, Explain's tree over facts,
// member conditions' contract with fact columns or one person's facts, and a fact with more
// codes than an optimized mask holds.
#include "rules/facts.h"

#include <gtest/gtest.h>

#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "rules/compiled_standard.h"
#include "rules/explain.h"
#include "rules/expression.h"
#include "rules/lexer.h"
#include "rules/member_condition.h"
#include "rules/rules_test_support.h"
#include "rules/screen.h"

namespace xianjie::rules {
namespace {

std::vector<FactField> Catalogue() {
  return {{"medical", ValueType::Money()},
          {"dropout", ValueType::Boolean()},
          {"months", ValueType::Number(0)}};
}

TEST(CheckFactFields, AcceptsEveryFactType) {
  const std::vector<FactField> fields = {{"a", ValueType::Money(2)},
                                         {"b", ValueType::Money(6)},
                                         {"c", ValueType::Number(0)},
                                         {"d_2", ValueType::Number(6)},
                                         {"e", ValueType::Boolean()},
                                         {"f", ValueType::Date()},
                                         FactField::Code("g", {"new", "out_of_school", "A", "1"}),
                                         {"h", ValueType::FactCode(), {"x"}}};
  EXPECT_TRUE(CheckFactFields(fields).ok());
  EXPECT_TRUE(CheckFactFields({}).ok());
  EXPECT_EQ(fields[6].type, ValueType::FactCode());
  EXPECT_EQ(fields[6].codes, (std::vector<std::string>{"new", "out_of_school", "A", "1"}));
}

TEST(CheckFactFields, RefusesBadNamesTypesAndDuplicates) {
  const auto message = [](std::vector<FactField> fields) {
    return CheckFactFields(fields).message();
  };
  EXPECT_EQ(message({{"Medical", ValueType::Money()}}),
            "fact 'Medical': a fact name is a lower-case letter, then letters, digits or _");
  EXPECT_EQ(message({{"", ValueType::Money()}}),
            "fact '': a fact name is a lower-case letter, then letters, digits or _");
  EXPECT_EQ(message({{"a.b", ValueType::Money()}}),
            "fact 'a.b': a fact name is a lower-case letter, then letters, digits or _");
  EXPECT_EQ(message({{"h", ValueType::Code(CodeSet::kHealth)}}),
            "fact 'h': a fact is money (scale 2 to 6), a number (scale 0 to 6), a boolean, a "
            "date or one of its own codes, not a health code");
  EXPECT_EQ(message({{"m", ValueType::Money(1)}}),
            "fact 'm': a fact is money (scale 2 to 6), a number (scale 0 to 6), a boolean, a "
            "date or one of its own codes, not money");
  EXPECT_EQ(message({{"n", ValueType::Number(7)}}),
            "fact 'n': a fact is money (scale 2 to 6), a number (scale 0 to 6), a boolean, a "
            "date or one of its own codes, not a number");
  // A bound plan's fact code type (it names a fact) is not a catalogue type.
  EXPECT_EQ(message({{"s", ValueType::FactCode(2), {"a"}}}),
            "fact 's': a fact is money (scale 2 to 6), a number (scale 0 to 6), a boolean, a "
            "date or one of its own codes, not a fact code");
  EXPECT_EQ(message({{"x", ValueType::Boolean()}, {"x", ValueType::Money()}}),
            "fact 'x': defined twice");
  EXPECT_EQ(CheckFactFields(std::vector<FactField>{{"Bad", ValueType::Money()}}).code(),
            StatusCode::kInvalidArgument);
}

TEST(CheckFactFields, RefusesBadCodes) {
  const auto message = [](std::vector<FactField> fields) {
    return CheckFactFields(fields).message();
  };
  EXPECT_EQ(message({FactField::Code("state", {})}), "fact 'state': a code fact lists its codes");
  EXPECT_EQ(message({{"paid", ValueType::Money(), {"a"}}}),
            "fact 'paid': only a code fact lists codes, not money");
  EXPECT_EQ(message({{"on", ValueType::Date(), {"a"}}}),
            "fact 'on': only a code fact lists codes, not a date");
  EXPECT_EQ(message({FactField::Code("state", {"new", ""})}),
            "fact 'state': code '': a code is one or more letters, digits or _");
  EXPECT_EQ(message({FactField::Code("state", {"out of school"})}),
            "fact 'state': code 'out of school': a code is one or more letters, digits or _");
  EXPECT_EQ(message({FactField::Code("state", {"新增"})}),
            "fact 'state': code '新增': a code is one or more letters, digits or _");
  EXPECT_EQ(message({FactField::Code("state", {"it's"})}),
            "fact 'state': code 'it's': a code is one or more letters, digits or _");
  EXPECT_EQ(message({FactField::Code("state", {"new", "ended", "new"})}),
            "fact 'state': code 'new' is listed twice");
  // Codes are case-sensitive: 'a' and 'A' are two codes.
  EXPECT_TRUE(CheckFactFields(std::vector<FactField>{FactField::Code("g", {"a", "A"})}).ok());
}

TEST(CheckFactFields, RefusesTooManyFacts) {
  std::vector<FactField> fields(kMaxFacts + 1, FactField{"x", ValueType::Money()});
  EXPECT_EQ(CheckFactFields(fields).message(), "65536 facts; at most 65535 are allowed");
}

TEST(CheckFactFields, CompileRefusesABadCatalogue) {
  const std::vector<FactField> fields = {FactField::Code("x", {"a", "a"})};
  auto compiled = Compile(DefaultStandard("facts_test"), fields);
  ASSERT_FALSE(compiled.ok());
  EXPECT_EQ(compiled.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(compiled.status().message(), "department facts: fact 'x': code 'a' is listed twice");
}

TEST(FactCodeValue, IsThePositionPlusOne) {
  const FactField f = FactField::Code("state", {"new", "continuing", "ended"});
  EXPECT_EQ(*FactCodeValue(f, "new"), 1);
  EXPECT_EQ(*FactCodeValue(f, "ended"), 3);
  EXPECT_EQ(FactCodeValue(f, "New").status().message(),
            "fact 'state': unknown code 'New' (codes: new, continuing, ended)");
  EXPECT_EQ(FactCodeValue(f, "").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(FactCodeValue({"paid", ValueType::Money()}, "new").status().message(),
            "fact 'paid' is money, not a code");
}

TEST(CheckFactValue, EachTypeItsValues) {
  const FactField code = FactField::Code("grade", {"A", "B"});
  EXPECT_TRUE(CheckFactValue(code, 0).ok());
  EXPECT_TRUE(CheckFactValue(code, 2).ok());
  EXPECT_EQ(CheckFactValue(code, 3).message(),
            "fact 'grade': 3 is not a code value (0 no value, 1 to 2 its codes)");
  EXPECT_EQ(CheckFactValue(code, -1).code(), StatusCode::kInvalidArgument);
  const FactField date{"on", ValueType::Date()};
  EXPECT_TRUE(CheckFactValue(date, 0).ok());
  EXPECT_TRUE(CheckFactValue(date, 20240229).ok());
  EXPECT_EQ(CheckFactValue(date, 20230229).message(),
            "fact 'on': 20230229 is not a day YYYYMMDD (or 0, no value)");
  EXPECT_EQ(CheckFactValue(date, -20240101).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckFactValue(date, 202401011).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckFactValue({"flag", ValueType::Boolean()}, 3).message(),
            "fact 'flag': 3 is not a truth value (0 false, 1 unknown, 2 true)");
  EXPECT_TRUE(CheckFactValue({"paid", ValueType::Money()}, INT64_MIN).ok());
  EXPECT_TRUE(CheckFactValue({"n", ValueType::Number(3)}, -7).ok());
}

TEST(FormatValue, NamesAFactsCodes) {
  const std::vector<FactField> facts = {{"paid", ValueType::Money()},
                                        FactField::Code("state", {"new", "ended"})};
  const ValueType t = ValueType::FactCode(1);
  EXPECT_EQ(FormatValue(t, {1, true}, facts), "new");
  EXPECT_EQ(FormatValue(t, {2, true}, facts), "ended");
  EXPECT_EQ(FormatValue(t, {0, true}, facts), "(none)");
  EXPECT_EQ(FormatValue(t, {0, false}, facts), "missing");
  EXPECT_EQ(FormatValue(t, {3, true}, facts), "?");
  EXPECT_EQ(FormatValue(t, {1, true}), "?");  // without the catalogue
  EXPECT_EQ(FormatValue(ValueType::Date(), {20240301, true}, facts), "2024-03-01");
  EXPECT_EQ(DescribeType(t, facts), "a dept.state code");
  EXPECT_EQ(DescribeType(t, {}), "a fact code");
  EXPECT_EQ(DescribeType(ValueType::Code(CodeSet::kLabor), facts), "a labor code");
}

TEST(FactColumns, ReadsZeroUntilSet) {
  FactColumns facts(Catalogue(), 3);
  EXPECT_EQ(facts.members(), 3u);
  EXPECT_EQ(facts.Find("dropout"), 1);
  EXPECT_EQ(facts.Find("dept.dropout"), -1);
  EXPECT_EQ(facts.Find("none"), -1);
  EXPECT_EQ(facts.Get(0, 2), 0);
  EXPECT_EQ(facts.Column("medical", ValueType::Money()), nullptr);  // nothing set: no column
  ASSERT_TRUE(facts.Set(0, 2, 123456).ok());
  EXPECT_EQ(facts.Get(0, 2), 123456);
  EXPECT_EQ(facts.Get(0, 1), 0);
  const int64_t* column = facts.Column("medical", ValueType::Money());
  ASSERT_NE(column, nullptr);
  EXPECT_EQ(column[0], 0);
  EXPECT_EQ(column[2], 123456);
  ASSERT_TRUE(facts.SetBoolean(1, 0, true).ok());
  EXPECT_EQ(facts.Get(1, 0), kTruthTrue);
  ASSERT_TRUE(facts.Set(1, 1, kTruthUnknown).ok());
  EXPECT_EQ(facts.Get(1, 1), kTruthUnknown);
}

TEST(FactColumns, ColumnOfAnotherTypeIsNotServed) {
  FactColumns facts(Catalogue(), 1);
  ASSERT_TRUE(facts.Set(0, 0, 5).ok());
  EXPECT_EQ(facts.Column("medical", ValueType::Money(3)), nullptr);
  EXPECT_EQ(facts.Column("medical", ValueType::Number(2)), nullptr);
  EXPECT_NE(facts.Column("medical", ValueType::Money(2)), nullptr);
  EXPECT_EQ(FactColumns().Column("medical", ValueType::Money()), nullptr);
}

TEST(FactColumns, CodesAndDates) {
  FactColumns facts({FactField::Code("state", {"new", "ended"}), {"on", ValueType::Date()}}, 3);
  ASSERT_TRUE(facts.SetCode(0, 1, "ended").ok());
  ASSERT_TRUE(facts.Set(0, 2, 1).ok());
  ASSERT_TRUE(facts.Set(1, 0, 20240301).ok());
  EXPECT_EQ(facts.Get(0, 0), 0);
  EXPECT_EQ(facts.Get(0, 1), 2);
  EXPECT_EQ(facts.Get(0, 2), 1);
  EXPECT_EQ(facts.Get(1, 0), 20240301);
  EXPECT_EQ(facts.Get(1, 1), 0);
  EXPECT_EQ(facts.SetCode(0, 0, "stopped").message(),
            "fact 'state': unknown code 'stopped' (codes: new, ended)");
  EXPECT_EQ(facts.SetCode(1, 0, "new").message(), "fact 'on' is a date, not a code");
  EXPECT_EQ(facts.SetCode(2, 0, "new").message(), "fact index 2 out of range (2 facts)");
  EXPECT_EQ(facts.Set(0, 0, 3).message(),
            "fact 'state': 3 is not a code value (0 no value, 1 to 2 its codes)");
  EXPECT_EQ(facts.Set(1, 0, 20241301).message(),
            "fact 'on': 20241301 is not a day YYYYMMDD (or 0, no value)");
  EXPECT_EQ(facts.Get(0, 0), 0);
  EXPECT_EQ(facts.Get(1, 0), 20240301);
}

TEST(FactColumns, ACodeColumnIsServedOnlyForTheSameCodes) {
  const FactField state = FactField::Code("state", {"new", "ended"});
  FactColumns facts({state}, 1);
  EXPECT_EQ(facts.Column(state), nullptr);  // nothing set yet
  ASSERT_TRUE(facts.Set(0, 0, 2).ok());
  EXPECT_NE(facts.Column(state), nullptr);
  EXPECT_EQ(facts.Column(FactField::Code("state", {"new", "stopped"})), nullptr);
  EXPECT_EQ(facts.Column(FactField::Code("state", {"ended", "new"})), nullptr);
  EXPECT_EQ(facts.Column(FactField::Code("other", {"new", "ended"})), nullptr);
  EXPECT_EQ(facts.Column({"state", ValueType::Number(0)}), nullptr);
  EXPECT_EQ(FactColumns().Column(state), nullptr);
}

TEST(FactColumns, SetRefusesWhatItCannotHold) {
  FactColumns facts(Catalogue(), 2);
  EXPECT_EQ(facts.Set(3, 0, 1).message(), "fact index 3 out of range (3 facts)");
  EXPECT_EQ(facts.Set(0, 2, 1).message(), "fact 'medical': member row 2 out of range (2 members)");
  EXPECT_EQ(facts.Set(1, 0, 3).message(),
            "fact 'dropout': 3 is not a truth value (0 false, 1 unknown, 2 true)");
  EXPECT_EQ(facts.Set(1, 0, -1).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(facts.SetBoolean(2, 0, true).message(), "fact 'months' is a number, not a boolean");
  EXPECT_EQ(facts.Get(1, 0), 0);
}

TEST(FactToken, DeptDotNameIsOneToken) {
  const std::string src = "sum(member, dept.medical_12m) + dept_x + dept";
  auto tokens = Lex(src);
  ASSERT_TRUE(tokens.ok()) << tokens.status().message();
  const Token& fact = (*tokens)[4];
  EXPECT_EQ(fact.kind, TokenKind::kFact);
  EXPECT_EQ(fact.text, "medical_12m");
  EXPECT_EQ(src.substr(fact.span.offset, fact.span.length), "dept.medical_12m");
  EXPECT_EQ((*tokens)[7].kind, TokenKind::kName);
  EXPECT_EQ((*tokens)[7].text, "dept_x");
  EXPECT_EQ((*tokens)[9].kind, TokenKind::kName);
  EXPECT_EQ((*tokens)[9].text, "dept");
}

TEST(FactToken, DeptDotWithoutANameIsAnEmptyFact) {
  auto tokens = Lex("dept. > 0");
  ASSERT_TRUE(tokens.ok());
  EXPECT_EQ((*tokens)[0].kind, TokenKind::kFact);
  EXPECT_EQ((*tokens)[0].text, "");
  EXPECT_EQ((*tokens)[0].span.length, 5u);
  auto twice = Lex("dept.a.b");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.status().message(), "unexpected '.'\n  dept.a.b\n        ^");
}

TEST(FactToken, DeptIsReserved) {
  Standard s = DefaultStandard("facts_test");
  s.rules.push_back({"dept", "", "", "true", {}, 0});
  auto compiled = Compile(s);
  ASSERT_FALSE(compiled.ok());
  EXPECT_EQ(compiled.status().message(),
            "facts_test: rule 'dept': the id is a reserved word of the rule language; choose "
            "another");
}

// A household of a head and a child, the child with facts; the standard reads them.
class FactsWorld : public ::testing::Test {
 protected:
  void SetUp() override {
    standard_ = DefaultStandard("facts_test");
    for (const char* line :
         {"fact medical money", "fact dropout boolean", "fact months number",
          "fact state code new continuing ended", "fact on date", "param rural_income money 15300",
          "rule medical sum(member, dept.medical) > 0.5 * rural_income",
          "rule clean all(member, not dept.dropout) and max(member, dept.months) = 0",
          "household a status=lifted", "member",
          "member relation=child birth_date=2012-03-01 dept.medical=9000 dept.dropout=1 "
          "dept.months=4 dept.state=new dept.on=2024-03-01",
          "household b", "member dept.state=ended"}) {
      const std::string text(line);
      const size_t space = text.find(' ');
      ASSERT_TRUE(ApplySetup(text.substr(0, space),
                             space == std::string::npos ? "" : text.substr(space + 1), 1,
                             &standard_, &households_, &facts_)
                      .ok())
          << line;
    }
    auto compiled = Compile(standard_, facts_.fields);
    ASSERT_TRUE(compiled.ok()) << compiled.status().message();
    compiled_ = *compiled;
    auto snapshot = BuildTestSnapshot(households_);
    ASSERT_TRUE(snapshot.ok()) << snapshot.status().message();
    snapshot_ = *snapshot;
    auto columns = BuildTestFacts(households_, facts_, *snapshot_);
    ASSERT_TRUE(columns.ok()) << columns.status().message();
    columns_ = std::make_unique<FactColumns>(std::move(columns).value());
  }

  // Member row m's facts as the person_facts of EvaluateMemberCondition.
  std::vector<int64_t> PersonFacts(uint32_t m) const {
    std::vector<int64_t> out;
    for (size_t f = 0; f < columns_->fields().size(); ++f) out.push_back(columns_->Get(f, m));
    return out;
  }

  CompiledCondition Member(const std::string& text) {
    auto c = CompileMemberCondition(text, *compiled_, facts_.fields);
    EXPECT_TRUE(c.ok()) << c.status().message();
    return c.ok() ? std::move(c).value() : CompiledCondition{};
  }

  Standard standard_;
  std::vector<registry::HouseholdRecord> households_;
  TestFacts facts_;
  std::shared_ptr<const CompiledStandard> compiled_;
  std::shared_ptr<const registry::Snapshot> snapshot_;
  std::unique_ptr<FactColumns> columns_;
};

TEST_F(FactsWorld, CompiledStandardKeepsItsCatalogue) {
  EXPECT_EQ(compiled_->facts(), facts_.fields);
}

TEST_F(FactsWorld, FactsDecideScreening) {
  const ScreenOutcome out = ScreenAll(*snapshot_, *compiled_, 2, columns_.get());
  EXPECT_EQ(out.fired, (std::vector<uint32_t>{0b01, 0b10}));
  const uint32_t b = 1;
  const ScreenOutcome rows = ScreenRows(*snapshot_, *compiled_, {&b, 1}, columns_.get());
  EXPECT_EQ(rows.fired, (std::vector<uint32_t>{0b10}));
}

TEST_F(FactsWorld, WithoutFactsEveryFactReadsZeroOrFalse) {
  const ScreenOutcome none = ScreenAll(*snapshot_, *compiled_, 2);
  EXPECT_EQ(none.fired, (std::vector<uint32_t>{0b10, 0b10}));
  const FactColumns empty(facts_.fields, snapshot_->members());
  EXPECT_EQ(ScreenAll(*snapshot_, *compiled_, 1, &empty).fired, none.fired);
  // Columns that hold the facts with other types are not read either.
  FactColumns other({{"medical", ValueType::Number(2)}, {"dropout", ValueType::Number(0)}},
                    snapshot_->members());
  for (uint32_t m = 0; m < snapshot_->members(); ++m) {
    ASSERT_TRUE(other.Set(0, m, 900000000).ok());
    ASSERT_TRUE(other.Set(1, m, 2).ok());
  }
  EXPECT_EQ(ScreenAll(*snapshot_, *compiled_, 1, &other).fired, none.fired);
  const HouseholdExplanation e = Explain(*snapshot_, 0, *compiled_);
  EXPECT_EQ(e.rules[0].because,
            "sum(member, dept.medical) 0.00 > 0.5 × rural_income 15300.00 → false");
}

TEST_F(FactsWorld, MisalignedFactsAreABug) {
  const FactColumns short_columns(facts_.fields, 1);
  EXPECT_THROW(ScreenAll(*snapshot_, *compiled_, 2, &short_columns), std::invalid_argument);
  EXPECT_THROW(ScreenRows(*snapshot_, *compiled_, {}, &short_columns), std::invalid_argument);
  EXPECT_THROW(Explain(*snapshot_, 0, *compiled_, &short_columns), std::invalid_argument);
  const CompiledCondition c = Member("dept.dropout");
  EXPECT_THROW(EvaluateMemberCondition(c, *snapshot_, &short_columns, 0, 0), std::invalid_argument);
}

TEST_F(FactsWorld, ExplainShowsEachMembersFact) {
  const HouseholdExplanation e = Explain(*snapshot_, 0, *compiled_, columns_.get());
  EXPECT_EQ(e.rules[0].result, Truth::kTrue);
  EXPECT_EQ(e.rules[0].because,
            "sum(member, dept.medical) 9000.00 > 0.5 × rural_income 15300.00 → true");
  const ExplainedTerm& sum = e.rules[0].tree.children[0];
  ASSERT_EQ(sum.children.size(), 2u);
  EXPECT_EQ(sum.children[1].source, "member 2 (child, born 2012-03-01)");
  EXPECT_EQ(sum.children[1].value, "9000.00");
  ASSERT_EQ(sum.children[1].children.size(), 1u);
  EXPECT_EQ(sum.children[1].children[0].source, "dept.medical");
}

TEST_F(FactsWorld, MemberConditionIsAboutOnePerson) {
  const CompiledCondition c =
      Member("status = 'lifted' and dept.medical > 0.5 * rural_income and age_on(2024-09-01) < 16");
  EXPECT_TRUE(c.bound.member_context);
  EXPECT_EQ(c.optimized.root, -1);
  EXPECT_EQ(EvaluateMemberCondition(c, *snapshot_, columns_.get(), 0, 0), Truth::kFalse);
  EXPECT_EQ(EvaluateMemberCondition(c, *snapshot_, columns_.get(), 0, 1), Truth::kTrue);
  EXPECT_EQ(EvaluateMemberCondition(c, *snapshot_, columns_.get(), 1, 2), Truth::kFalse);
  EXPECT_EQ(EvaluateMemberCondition(c, *snapshot_, nullptr, 0, 1), Truth::kFalse);
}

TEST_F(FactsWorld, MemberConditionUnknownWhereAMissingValueDecides) {
  const CompiledCondition c = Member("dept.medical > prev_net_income * 0.5");
  EXPECT_EQ(EvaluateMemberCondition(c, *snapshot_, columns_.get(), 0, 1), Truth::kUnknown);
  const MemberConditionExplanation e = ExplainMemberCondition(c, *snapshot_, columns_.get(), 0, 1);
  EXPECT_EQ(e.result, Truth::kUnknown);
  EXPECT_EQ(e.because, "dept.medical 9000.00 > prev_net_income missing × 0.5 → unknown");
  EXPECT_EQ(e.tree.source, "dept.medical > prev_net_income * 0.5");
  ASSERT_EQ(e.tree.children.size(), 2u);
  EXPECT_EQ(e.tree.children[0].value, "9000.00");
  EXPECT_EQ(e.tree.children[1].value, "missing");
}

TEST_F(FactsWorld, MemberConditionMayUseOtherFactsThanTheStandard) {
  const std::vector<FactField> more = {{"grade", ValueType::Number(1)}};
  auto c = CompileMemberCondition("dept.grade >= 2.5", *compiled_, more);
  ASSERT_TRUE(c.ok()) << c.status().message();
  FactColumns columns(more, snapshot_->members());
  ASSERT_TRUE(columns.Set(0, 1, 30).ok());
  EXPECT_EQ(EvaluateMemberCondition(*c, *snapshot_, &columns, 0, 1), Truth::kTrue);
  EXPECT_EQ(EvaluateMemberCondition(*c, *snapshot_, &columns, 0, 0), Truth::kFalse);
  auto unknown = CompileMemberCondition("dept.medical > 0", *compiled_, more);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().message(),
            "unknown fact 'dept.medical'\n  dept.medical > 0\n  ^^^^^^^^^^^^\nfacts: dept.grade");
  auto bad = CompileMemberCondition("true", *compiled_, {{{"g", ValueType::Code(CodeSet::kSex)}}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().message(),
            "department facts: fact 'g': a fact is money (scale 2 to 6), a number (scale 0 to "
            "6), a boolean, a date or one of its own codes, not a sex code");
}

TEST_F(FactsWorld, MemberConditionArgumentsAreChecked) {
  const CompiledCondition c = Member("dept.dropout");
  EXPECT_THROW(EvaluateMemberCondition(c, *snapshot_, columns_.get(), 0, 2),
               std::invalid_argument);  // row 2 is b's member
  EXPECT_THROW(EvaluateMemberCondition(c, *snapshot_, columns_.get(), 2, 0), std::invalid_argument);
  EXPECT_THROW(EvaluateMemberCondition(compiled_->rule(0).when, *snapshot_, columns_.get(), 0, 0),
               std::invalid_argument);  // a household condition
}

TEST_F(FactsWorld, PersonFactsGiveTheColumnsResults) {
  for (const char* text :
       {"status = 'lifted' and dept.medical > 0.5 * rural_income and dept.state = 'new'",
        "dept.dropout or dept.on < 2024-06-01", "not dept.dropout and dept.state != 'ended'",
        "dept.months * 2 >= members or dept.on is missing",
        "dept.state in ('new', 'ended') and any(member, age_on(2024-09-01) < 16)",
        "dept.medical > prev_net_income * 0.5 or dept.state = 'continuing'"}) {
    const CompiledCondition c = Member(text);
    EXPECT_EQ(c.bound.facts, facts_.fields) << text;  // the order person_facts follows
    ASSERT_FALSE(NeedsFactColumns(c)) << text;
    for (uint32_t h = 0; h < snapshot_->households(); ++h) {
      for (uint32_t m = snapshot_->member_begin()[h]; m < snapshot_->member_begin()[h + 1]; ++m) {
        const std::vector<int64_t> person = PersonFacts(m);
        EXPECT_EQ(EvaluateMemberCondition(c, *snapshot_, person, h, m),
                  EvaluateMemberCondition(c, *snapshot_, columns_.get(), h, m))
            << text << " " << m;
        const MemberConditionExplanation a = ExplainMemberCondition(c, *snapshot_, person, h, m);
        const MemberConditionExplanation b =
            ExplainMemberCondition(c, *snapshot_, columns_.get(), h, m);
        EXPECT_EQ(a.result, b.result) << text << " " << m;
        EXPECT_EQ(a.because, b.because) << text << " " << m;
      }
    }
  }
}

TEST_F(FactsWorld, PersonFactsExplainCodesAndDates) {
  const CompiledCondition c = Member("dept.state = 'new' and dept.on < 2024-06-01");
  const std::vector<int64_t> child = PersonFacts(1);
  EXPECT_EQ(child, (std::vector<int64_t>{900000, kTruthTrue, 4, 1, 20240301}));
  const MemberConditionExplanation e = ExplainMemberCondition(c, *snapshot_, child, 0, 1);
  EXPECT_EQ(e.result, Truth::kTrue);
  EXPECT_EQ(e.because,
            "dept.state new = 'new' [true] and dept.on 2024-03-01 < 2024-06-01 [true] → true");
  EXPECT_EQ(e.tree.children[0].children[0].value, "new");
  EXPECT_EQ(e.tree.children[1].children[0].value, "2024-03-01");
  const std::vector<int64_t> nothing(5, 0);
  const MemberConditionExplanation none = ExplainMemberCondition(c, *snapshot_, nothing, 0, 1);
  EXPECT_EQ(none.result, Truth::kFalse);
  EXPECT_EQ(none.because,
            "dept.state (none) = 'new' [false] and dept.on missing < 2024-06-01 [unknown] → false");
}

TEST_F(FactsWorld, PersonFactsAreChecked) {
  const CompiledCondition c = Member("dept.dropout or dept.state = 'new'");
  std::vector<int64_t> person = PersonFacts(1);
  EXPECT_EQ(EvaluateMemberCondition(c, *snapshot_, person, 0, 1), Truth::kTrue);
  const std::span<const int64_t> fewer(person.data(), person.size() - 1);
  EXPECT_THROW(EvaluateMemberCondition(c, *snapshot_, fewer, 0, 1), std::invalid_argument);
  EXPECT_THROW(ExplainMemberCondition(c, *snapshot_, fewer, 0, 1), std::invalid_argument);
  EXPECT_THROW(EvaluateMemberCondition(c, *snapshot_, person, 0, 2), std::invalid_argument);
  for (const auto& [field, bad] :
       std::vector<std::pair<size_t, int64_t>>{{1, 3}, {3, 4}, {3, -1}, {4, 20241301}, {4, 1}}) {
    std::vector<int64_t> wrong = person;
    wrong[field] = bad;
    EXPECT_THROW(EvaluateMemberCondition(c, *snapshot_, wrong, 0, 1), std::invalid_argument)
        << field << " " << bad;
  }
  try {
    EvaluateMemberCondition(c, *snapshot_, fewer, 0, 1);
    ADD_FAILURE() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "4 fact values for 5 facts");
  }
  person[3] = 4;
  try {
    EvaluateMemberCondition(c, *snapshot_, person, 0, 1);
    ADD_FAILURE() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "fact 'state': 4 is not a code value (0 no value, 1 to 3 its codes)");
  }
}

TEST_F(FactsWorld, PersonFactsCannotFeedAggregatesOverFacts) {
  const CompiledCondition reads = Member("relation = 'head' and any(member, dept.dropout)");
  EXPECT_TRUE(NeedsFactColumns(reads));
  EXPECT_EQ(EvaluateMemberCondition(reads, *snapshot_, columns_.get(), 0, 0), Truth::kTrue);
  EXPECT_THROW(EvaluateMemberCondition(reads, *snapshot_, PersonFacts(0), 0, 0),
               std::invalid_argument);
  try {
    ExplainMemberCondition(reads, *snapshot_, PersonFacts(0), 0, 0);
    ADD_FAILURE() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(),
                 "the condition reads facts inside an aggregate: give FactColumns, not one "
                 "person's facts");
  }
  EXPECT_FALSE(NeedsFactColumns(Member("dept.dropout and any(member, enrolled)")));
  EXPECT_FALSE(NeedsFactColumns(Member("count(member) > 1")));
}

TEST_F(FactsWorld, PersonFactsOfAnEmptyCatalogue) {
  auto c = CompileMemberCondition("status = 'lifted' and relation = 'child'", *compiled_, {});
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_TRUE(c->bound.facts.empty());
  EXPECT_EQ(EvaluateMemberCondition(*c, *snapshot_, std::span<const int64_t>(), 0, 1),
            Truth::kTrue);
  EXPECT_EQ(EvaluateMemberCondition(*c, *snapshot_, std::span<const int64_t>(), 0, 0),
            Truth::kFalse);
  const int64_t one = 0;
  EXPECT_THROW(EvaluateMemberCondition(*c, *snapshot_, std::span<const int64_t>(&one, 1), 0, 1),
               std::invalid_argument);
}

// A code fact and its columns agree wherever the codes are the same; screening reads no value
// where the columns hold the fact with other codes (a contract that changed its values).
TEST_F(FactsWorld, CodeColumnsWithOtherCodesAreNotRead) {
  auto e = CompileExpression(*compiled_, "count(listed_member, dept.state = 'new')");
  ASSERT_TRUE(e.ok()) << e.status().message();
  const std::vector<uint32_t> rows = {0, 1};
  EXPECT_EQ(EvaluateVectorized(*snapshot_, *compiled_, *e, rows, columns_.get())[0].value, 1);
  EXPECT_EQ(EvaluateScalar(*snapshot_, *compiled_, *e, rows, columns_.get())[0].value, 1);
  FactColumns other({FactField::Code("state", {"new", "stopped"})}, snapshot_->members());
  ASSERT_TRUE(other.SetCode(0, 1, "new").ok());
  EXPECT_EQ(EvaluateVectorized(*snapshot_, *compiled_, *e, rows, &other)[0].value, 0);
  EXPECT_EQ(EvaluateScalar(*snapshot_, *compiled_, *e, rows, &other)[0].value, 0);
}

// Codes that fit a 64-bit mask become one in the optimized plan; a fact with more codes keeps
// its 'in' and '=' as lists compared one by one, with the same results.
TEST(FactCodes, MoreThan63CodesLeaveTheMask) {
  std::vector<std::string> many;
  for (int i = 0; i < 70; ++i) many.push_back("c" + std::to_string(i));
  const std::vector<FactField> facts = {FactField::Code("few", {"a", "b"}),
                                        FactField::Code("many", many)};
  auto compiled = Compile(DefaultStandard("facts_test"), facts);
  ASSERT_TRUE(compiled.ok()) << compiled.status().message();
  const auto in_node = [&](const std::string& text) {
    auto e = CompileExpression(**compiled, text);
    EXPECT_TRUE(e.ok()) << e.status().message();
    for (const BoundNode& n : e->plans.optimized.nodes) {
      if (n.kind == BoundKind::kIn) return n;
    }
    return BoundNode{};
  };
  const BoundNode few = in_node("any(member, dept.few in ('b'))");
  EXPECT_EQ(few.kind, BoundKind::kIn);
  EXPECT_EQ(few.mask, uint64_t{1} << 2);
  EXPECT_TRUE(few.set.empty());
  const BoundNode many_in = in_node("any(member, dept.many in ('c0', 'c69'))");
  EXPECT_EQ(many_in.kind, BoundKind::kIn);
  EXPECT_EQ(many_in.mask, 0u);
  EXPECT_EQ(many_in.set, (std::vector<Int128>{1, 70}));
  EXPECT_EQ(in_node("any(member, dept.many = 'c69')").kind, BoundKind::kConstant);  // no kIn

  std::vector<registry::HouseholdRecord> households;
  TestFacts values;
  values.fields = facts;
  Standard unused = DefaultStandard("facts_test");
  for (const char* line : {"household h1", "member dept.many=c69", "member dept.many=c63",
                           "household h2", "member dept.many=c64", "household h3", "member"}) {
    const std::string text(line);
    const size_t space = text.find(' ');
    const std::string rest = space == std::string::npos ? "" : text.substr(space + 1);
    ASSERT_TRUE(ApplySetup(text.substr(0, space), rest, 1, &unused, &households, &values).ok())
        << line;
  }
  auto snapshot = BuildTestSnapshot(households);
  ASSERT_TRUE(snapshot.ok());
  auto columns = BuildTestFacts(households, values, **snapshot);
  ASSERT_TRUE(columns.ok()) << columns.status().message();
  for (const auto& [text, expected] : std::vector<std::pair<std::string, std::string>>{
           {"count(member, dept.many in ('c63', 'c69'))", "2 0 0"},
           {"count(member, dept.many not in ('c63', 'c69'))", "0 1 1"},
           {"any(member, dept.many = 'c64')", "false true false"},
           {"all(member, dept.many != 'c69')", "false true true"}}) {
    auto e = CompileExpression(**compiled, text);
    ASSERT_TRUE(e.ok()) << e.status().message();
    std::string got;
    for (const ValueLine& v : EvaluateAllWays(**snapshot, **compiled, *e, &*columns)) {
      EXPECT_EQ(v.disagreement, "") << text;
      got += (got.empty() ? "" : " ") + v.value;
    }
    EXPECT_EQ(got, expected) << text;
  }
}

}  // namespace
}  // namespace xianjie::rules
