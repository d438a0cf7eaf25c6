// The checks file (exchange/checks.h): the shipped config/checks.toml, and every refusal of the
// strict parser and of CompileChecks with its exact place and advice.
#include <gtest/gtest.h>

#include <string>

#include "exchange/checks.h"
#include "exchange/exchange_test_support.h"

namespace xianjie::exchange {
namespace {

using testing::Catalog;

// The message ParseChecks gives for `text`, or "ok".
std::string ParseError(const std::string& text) {
  auto parsed = ParseChecks(text, "checks.toml");
  if (parsed.ok()) return "ok";
  EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument);
  return parsed.status().message();
}

constexpr char kCheck[] = R"([[check]]
id = "Q09"
title_zh = "工资性收入过低"
title_en = "Implausible wages"
)";

TEST(ShippedChecksTest, HoldTheThirteenChecksOfDomain92InOrder) {
  const CheckSet& checks = BuiltinChecks();
  EXPECT_EQ(checks.origin, "config/checks.toml");
  ASSERT_EQ(checks.checks.size(), 13u);
  for (size_t i = 0; i < 13; ++i) {
    const CheckDefinition& c = checks.checks[i];
    EXPECT_EQ(c.id, (i < 9 ? "Q0" : "Q1") + std::to_string((i + 1) % 10)) << i;
    EXPECT_TRUE(c.enabled) << c.id;
    EXPECT_FALSE(c.title_zh.empty()) << c.id;
    EXPECT_FALSE(c.title_en.empty()) << c.id;
  }
  EXPECT_EQ(checks.Find("Q01")->builtin, kBuiltinDeceasedListed);
  EXPECT_EQ(checks.Find("Q02")->builtin, kBuiltinDuplicateIdNumber);
  EXPECT_EQ(checks.Find("Q05")->builtin, kBuiltinDualMedicalInsurance);
  EXPECT_EQ(checks.Find("Q06")->risk, "R07");
  EXPECT_TRUE(checks.Find("Q06")->monitored);
  EXPECT_TRUE(checks.Find("Q12")->monitored);
  EXPECT_EQ(checks.Find("Q12")->risk, "");
  ASSERT_NE(checks.FindParameter("implausible_wage_max"), nullptr);
  EXPECT_EQ(std::get<Money>(checks.FindParameter("implausible_wage_max")->value),
            Money::FromYuan(100));
  EXPECT_EQ(std::get<Money>(checks.FindParameter("former_poverty_line")->value),
            Money::FromYuan(4000));
}

TEST(ShippedChecksTest, CompileAgainstTheShippedContractsFacts) {
  auto compiled = CompileChecks(BuiltinChecks(), Catalog(), CivilDate::FromYmd(2026, 11, 20), true);
  ASSERT_TRUE(compiled.ok()) << compiled.status().ToString();
  EXPECT_EQ(compiled->size(), 10u);  // all but the three built-ins
  for (const CompiledRuleCheck& c : *compiled) {
    ASSERT_EQ(c.standard->rule_count(), 1u);
    EXPECT_EQ(c.standard->rule_label_zh(0), c.check->title_zh);
  }
}

TEST(ShippedChecksTest, KindsAreRuleOrBuiltin) {
  EXPECT_EQ(BuiltinChecks().Find("Q03")->Kind(), "rule");
  EXPECT_EQ(BuiltinChecks().Find("Q02")->Kind(), "builtin:duplicate_id_number");
}

TEST(ParseChecksTest, ReadsParametersOfEveryType) {
  auto parsed = ParseChecks(std::string(R"([parameters]
a = { money = "100.50", note = "yuan" }
b = { decimal = "0.25" }
c = { integer = 16 }
d = { date = 2026-09-01 }
e = { boolean = true }
)") + kCheck + "when = \"wage_income < a\"\n",
                            "checks.toml");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  ASSERT_EQ(parsed->parameters.size(), 5u);
  EXPECT_EQ(std::get<Money>(parsed->parameters[0].value), Money::FromFen(10050));
  EXPECT_EQ(parsed->parameters[0].note, "yuan");
  EXPECT_EQ(std::get<rules::Decimal>(parsed->parameters[1].value), (rules::Decimal{25, 2}));
  EXPECT_EQ(std::get<int64_t>(parsed->parameters[2].value), 16);
  EXPECT_EQ(std::get<CivilDate>(parsed->parameters[3].value), CivilDate::FromYmd(2026, 9, 1));
  EXPECT_TRUE(std::get<bool>(parsed->parameters[4].value));
  EXPECT_EQ(parsed->checks[0].when_line, 11);
  EXPECT_EQ(parsed->checks[0].line, 8);
}

TEST(ParseChecksTest, AMultiLineConditionBeginsOnTheLineAfterItsQuotes) {
  auto parsed = ParseChecks(std::string(kCheck) +
                                "when = \"\"\"\nwage_income > 0 and\n"
                                "wage_income < 100\"\"\"\n",
                            "checks.toml");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->checks[0].when_line, 6);
}

TEST(ParseChecksTest, ARiskIsStoredAsItsCodeAndImpliesMonitored) {
  auto parsed = ParseChecks(std::string(kCheck) + "when = \"true\"\nrisk = \"因病\"\n", "x");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->checks[0].risk, "R01");
  EXPECT_TRUE(parsed->checks[0].monitored);
  EXPECT_TRUE(parsed->checks[0].enabled);  // enabled may be left out
}

TEST(ParseChecksTest, RefusesTomlSyntax) {
  EXPECT_EQ(ParseError("[[check]\nid = 1\n"),
            "checks.toml:1:9: TOML syntax: Error while parsing table header: expected ']', saw "
            "'\\n'; fix the TOML syntax (config/checks.toml is a complete checks file)");
}

TEST(ParseChecksTest, RefusesAnUnknownKeyNamingTheClosest) {
  EXPECT_EQ(ParseError(std::string(kCheck) + "buitin = \"duplicate_id_number\"\n"),
            "checks.toml:5:1: check[0].buitin: unknown key; did you mean 'builtin'? the keys "
            "here are id, title_zh, title_en, enabled, when, builtin, monitored, risk");
  EXPECT_EQ(ParseError("[parameter]\n"),
            "checks.toml:1:2: parameter: unknown key; did you mean 'parameters'? the keys here "
            "are parameters, check");
}

TEST(ParseChecksTest, RefusesAFileWithoutChecks) {
  EXPECT_EQ(ParseError("[parameters]\n"),
            "checks.toml:1:1: check: no check is defined; add [[check]] tables with id, "
            "title_zh, title_en and when or builtin");
}

TEST(ParseChecksTest, RefusesMissingAndEmptyKeys) {
  EXPECT_EQ(
      ParseError("[[check]]\nid = \"Q01\"\ntitle_en = \"x\"\nwhen = \"true\"\n"),
      "checks.toml:1:1: check[0].title_zh: missing; add title_zh = \"同一身份证号登记在两户\"");
  EXPECT_EQ(ParseError("[[check]]\nid = \"  \"\n"),
            "checks.toml:2:6: check[0].id: is empty; write id = \"Q01\"");
  EXPECT_EQ(ParseError("[[check]]\nid = 1\n"),
            "checks.toml:2:6: check[0].id: must be a string, not an integer; write id = \"Q01\"");
}

TEST(ParseChecksTest, RefusesABadOrRepeatedId) {
  EXPECT_EQ(ParseError("[[check]]\nid = \"q1\"\n"),
            "checks.toml:2:6: check[0].id: 'q1' is not a check id; use 'Q', then upper-case "
            "letters, digits or '_' (at most 16 in all), like \"Q14\" (ids starting with C are "
            "the coordination checks')");
  EXPECT_EQ(ParseError("[[check]]\nid = \"C12\"\n"),
            "checks.toml:2:6: check[0].id: 'C12' is not a check id; use 'Q', then upper-case "
            "letters, digits or '_' (at most 16 in all), like \"Q14\" (ids starting with C are "
            "the coordination checks')");
  EXPECT_NE(ParseError("[[check]]\nid = \"Q\"\n").find("'Q' is not a check id"), std::string::npos);
  EXPECT_EQ(ParseError(std::string(kCheck) + "when = \"true\"\n" + kCheck + "when = \"true\"\n"),
            "checks.toml:7:1: check[1].id: check 'Q09' is defined twice (first at line 2); give "
            "each check its own id");
}

TEST(ParseChecksTest, RefusesBothOrNeitherOfWhenAndBuiltin) {
  EXPECT_EQ(ParseError(kCheck),
            "checks.toml:1:1: check[0]: has neither 'when' nor 'builtin'; give either when = "
            "\"<a household condition>\" or builtin = \"<name>\" (deceased_listed, "
            "duplicate_id_number, dual_medical_insurance)");
  EXPECT_EQ(
      ParseError(std::string(kCheck) + "when = \"true\"\nbuiltin = \"duplicate_id_number\"\n"),
      "checks.toml:6:11: check[0]: has both 'when' and 'builtin'; give either when = \"<a "
      "household condition>\" or builtin = \"<name>\" (deceased_listed, duplicate_id_number, "
      "dual_medical_insurance)");
}

TEST(ParseChecksTest, RefusesAnUnknownBuiltin) {
  EXPECT_EQ(ParseError(std::string(kCheck) + "builtin = \"duplicate_id_numbers\"\n"),
            "checks.toml:5:11: check[0].builtin: unknown built-in check 'duplicate_id_numbers'; "
            "did you mean 'duplicate_id_number'? the built-in checks are deceased_listed, "
            "duplicate_id_number, dual_medical_insurance");
}

TEST(ParseChecksTest, RefusesMonitoredOnABuiltin) {
  EXPECT_EQ(
      ParseError(std::string(kCheck) + "builtin = \"duplicate_id_number\"\nmonitored = true\n"),
      "checks.toml:6:13: check[0].monitored: only a check with 'when' is limited to monitored "
      "households; remove it, or write the check as a condition");
}

TEST(ParseChecksTest, RefusesAnUnknownRiskOrANonBooleanFlag) {
  EXPECT_EQ(ParseError(std::string(kCheck) + "when = \"true\"\nrisk = \"R13\"\n"),
            "checks.toml:6:8: check[0].risk: unknown risk type 'R13'; use one of R01, R02, R03, "
            "R04, R05, R06, R07, R08, R09, R10, R11, R12, R99");
  EXPECT_EQ(ParseError(std::string(kCheck) + "when = \"true\"\nenabled = \"yes\"\n"),
            "checks.toml:6:11: check[0].enabled: must be true or false, not a string; write "
            "enabled = true");
}

TEST(ParseChecksTest, RefusesParametersWithoutExactlyOneTypedValue) {
  EXPECT_EQ(ParseError("[parameters]\nx = 100\n"),
            "checks.toml:2:5: parameters.x: is an integer without a type; write it with its "
            "type, like x = { money = \"100.00\" } (money, decimal, integer, date or boolean)");
  EXPECT_EQ(ParseError("[parameters]\nx = { money = \"1\", integer = 2 }\n"),
            "checks.toml:2:30: parameters.x: has two values, 'money' and 'integer'; give exactly "
            "one of money = \"100.00\", decimal = \"0.5\", integer = 6, date = 2024-09-01 or "
            "boolean = true");
  EXPECT_EQ(ParseError("[parameters]\nx = { note = \"n\" }\n"),
            "checks.toml:2:5: parameters.x: has no value; give exactly one of money = "
            "\"100.00\", decimal = \"0.5\", integer = 6, date = 2024-09-01 or boolean = true");
  EXPECT_EQ(ParseError("[parameters]\nx = { money = 100 }\n"),
            "checks.toml:2:15: parameters.x.money: must be a quoted string, not an integer; "
            "write money = \"100.00\" (yuan, quoted: exact)");
  EXPECT_EQ(ParseError("[parameters]\nx = { mony = \"1\" }\n"),
            "checks.toml:2:7: parameters.x.mony: unknown key; did you mean 'money'? the keys "
            "here are money, decimal, integer, date, boolean, note");
  EXPECT_EQ(ParseError("[parameters]\nx = { money = \"1.234\" }\n").substr(0, 37),
            "checks.toml:2:15: parameters.x.money:");
}

TEST(ParseChecksTest, RefusesParameterNamesTakenElsewhere) {
  EXPECT_EQ(ParseError("[parameters]\ntoday = { date = 2026-01-01 }\n"),
            "checks.toml:2:1: parameters.today: the name is set by the checks when they run "
            "(the day they run); choose another name");
  EXPECT_EQ(ParseError("[parameters]\nwage_income = { integer = 1 }\n"),
            "checks.toml:2:1: parameters.wage_income: the name is the name of a household "
            "field; choose another name");
  EXPECT_EQ(ParseError("[parameters]\nBig = { integer = 1 }\n"),
            "checks.toml:2:1: parameters.Big: 'Big' is not a name; use lower-case ASCII "
            "letters, digits and '_', starting with a letter");
  EXPECT_EQ(ParseError("[parameters]\nq09 = { integer = 1 }\n" + std::string(kCheck) +
                       "when = \"true\"\n"),
            "checks.toml:4:1: check[0].id: the check's rule name 'q09' is also a parameter's; "
            "rename the parameter");
}

TEST(CompileChecksTest, PlacesAConditionsErrorAtItsLineWithTheCheckId) {
  auto parsed = ParseChecks(std::string(kCheck) + "when = \"wage_incme > 0\"\n", "checks.toml");
  ASSERT_TRUE(parsed.ok());
  auto compiled = CompileChecks(*parsed, Catalog(), CivilDate::FromYmd(2026, 11, 20));
  ASSERT_FALSE(compiled.ok());
  EXPECT_EQ(compiled.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(compiled.status().message(),
            "checks.toml:5: check Q09, when: unknown name 'wage_incme'\n"
            "  wage_incme > 0\n"
            "  ^^^^^^^^^^\n"
            "did you mean 'wage_income'?");
}

TEST(CompileChecksTest, NamesAnUnknownFact) {
  auto parsed =
      ParseChecks(std::string(kCheck) + "when = \"any(member, dept.vehicle > 0)\"\n", "c.toml");
  ASSERT_TRUE(parsed.ok());
  auto compiled = CompileChecks(*parsed, Catalog(), CivilDate::FromYmd(2026, 11, 20));
  ASSERT_FALSE(compiled.ok());
  EXPECT_NE(compiled.status().message().find("c.toml:5: check Q09, when: unknown fact "
                                             "'dept.vehicle'"),
            std::string::npos)
      << compiled.status().message();
}

TEST(CompileChecksTest, ReadsTodayAndSkipsDisabledChecks) {
  auto parsed = ParseChecks(
      std::string(kCheck) + "when = \"any(member, age_on(today) < 16)\"\nenabled = false\n",
      "c.toml");
  ASSERT_TRUE(parsed.ok());
  auto none = CompileChecks(*parsed, Catalog(), CivilDate::FromYmd(2026, 11, 20));
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  auto all = CompileChecks(*parsed, Catalog(), CivilDate::FromYmd(2026, 11, 20), true);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->front().standard->rule_id(0), "q09");
}

}  // namespace
}  // namespace xianjie::exchange
