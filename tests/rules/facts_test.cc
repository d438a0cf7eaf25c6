// Department facts at their edges (the language's behaviour is in language/facts.test): the
// catalogue's checks, FactColumns, the dept.<fact> token, evaluation without facts or with
// columns of another shape, Explain's tree over facts, and member conditions' contract.
#include "rules/facts.h"

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "rules/compiled_standard.h"
#include "rules/explain.h"
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

TEST(CheckFactFields, AcceptsMoneyNumbersAndBooleans) {
  const std::vector<FactField> fields = {{"a", ValueType::Money(2)},
                                         {"b", ValueType::Money(6)},
                                         {"c", ValueType::Number(0)},
                                         {"d_2", ValueType::Number(6)},
                                         {"e", ValueType::Boolean()}};
  EXPECT_TRUE(CheckFactFields(fields).ok());
  EXPECT_TRUE(CheckFactFields({}).ok());
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
  EXPECT_EQ(message({{"on", ValueType::Date()}}),
            "fact 'on': a fact is money (scale 2 to 6), a number (scale 0 to 6) or a boolean, "
            "not a date");
  EXPECT_EQ(message({{"h", ValueType::Code(CodeSet::kHealth)}}),
            "fact 'h': a fact is money (scale 2 to 6), a number (scale 0 to 6) or a boolean, "
            "not a health code");
  EXPECT_EQ(message({{"m", ValueType::Money(1)}}),
            "fact 'm': a fact is money (scale 2 to 6), a number (scale 0 to 6) or a boolean, "
            "not money");
  EXPECT_EQ(message({{"n", ValueType::Number(7)}}),
            "fact 'n': a fact is money (scale 2 to 6), a number (scale 0 to 6) or a boolean, "
            "not a number");
  EXPECT_EQ(message({{"x", ValueType::Boolean()}, {"x", ValueType::Money()}}),
            "fact 'x': defined twice");
  EXPECT_EQ(CheckFactFields(std::vector<FactField>{{"Bad", ValueType::Money()}}).code(),
            StatusCode::kInvalidArgument);
}

TEST(CheckFactFields, CompileRefusesABadCatalogue) {
  const std::vector<FactField> fields = {{"x", ValueType::Date()}};
  auto compiled = Compile(DefaultStandard("facts_test"), fields);
  ASSERT_FALSE(compiled.ok());
  EXPECT_EQ(compiled.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(compiled.status().message(),
            "department facts: fact 'x': a fact is money (scale 2 to 6), a number (scale 0 to "
            "6) or a boolean, not a date");
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
          "param rural_income money 15300",
          "rule medical sum(member, dept.medical) > 0.5 * rural_income",
          "rule clean all(member, not dept.dropout) and max(member, dept.months) = 0",
          "household a status=lifted", "member",
          "member relation=child birth_date=2012-03-01 dept.medical=9000 dept.dropout=1 "
          "dept.months=4",
          "household b", "member"}) {
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
  auto bad = CompileMemberCondition("true", *compiled_, {{{"g", ValueType::Date()}}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
}

TEST_F(FactsWorld, MemberConditionArgumentsAreChecked) {
  const CompiledCondition c = Member("dept.dropout");
  EXPECT_THROW(EvaluateMemberCondition(c, *snapshot_, columns_.get(), 0, 2),
               std::invalid_argument);  // row 2 is b's member
  EXPECT_THROW(EvaluateMemberCondition(c, *snapshot_, columns_.get(), 2, 0), std::invalid_argument);
  EXPECT_THROW(EvaluateMemberCondition(compiled_->rule(0).when, *snapshot_, columns_.get(), 0, 0),
               std::invalid_argument);  // a household condition
}

}  // namespace
}  // namespace xianjie::rules
