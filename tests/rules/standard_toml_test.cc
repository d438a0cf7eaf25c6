// Standards as TOML (rules/standard_toml.h): what a valid file gives, every error with its exact
// message and position, the content hash, writing back, and the shipped standards.
#include "rules/standard_toml.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace xianjie::rules {
namespace {

// A small valid standard; the tests change one line of it at a time (line numbers stay put).
constexpr std::string_view kBase = R"([standard]
province = "63"
year = 2024
name = "测试标准"

[line]
amount = "7500.00"

[parameters]
share = { decimal = "0.5" }

[[rule]]
id = "low"
label_zh = "低收入"
label_en = "low income"
when = "net_income < line * members"
risks = [{ risk = "R01", when = "rigid_medical > 0" }, { risk = "R99" }]

[[type]]
code = "marginal"
when = "low"
)";

// kBase with the first occurrence of `from` replaced by `to`.
std::string With(std::string_view from, std::string_view to, std::string_view base = kBase) {
  std::string text(base);
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// The error message of parsing `text` as "t.toml" ("" if it parsed).
std::string ErrorOf(std::string_view text) {
  auto s = ParseStandardToml(text, "t.toml");
  if (s.ok()) return "";
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument);
  return s.status().message();
}

Standard Parsed(std::string_view text, std::string origin = "t.toml") {
  auto s = ParseStandardToml(text, std::move(origin));
  EXPECT_TRUE(s.ok()) << s.status().message();
  return s.ok() ? *s : Standard{};
}

// --- what a valid file gives

TEST(StandardTomlTest, ParsesTheBase) {
  Standard s = Parsed(kBase);
  EXPECT_EQ(s.province, "63");
  EXPECT_EQ(s.county, "");
  EXPECT_EQ(s.year, 2024);
  EXPECT_EQ(s.name, "测试标准");
  EXPECT_EQ(s.line_definition.amount, Money::FromYuan(7500));
  EXPECT_FALSE(s.line_definition.placeholder);
  EXPECT_EQ(s.line, Money::FromYuan(7500));
  ASSERT_EQ(s.parameters.size(), 1u);
  EXPECT_EQ(s.parameters[0], (Parameter{"share", Decimal{5, 1}, false, ""}));
  ASSERT_EQ(s.rules.size(), 1u);
  const RuleDefinition& r = s.rules[0];
  EXPECT_EQ(r.id, "low");
  EXPECT_EQ(r.label_zh, "低收入");
  EXPECT_EQ(r.label_en, "low income");
  EXPECT_EQ(r.when, "net_income < line * members");
  EXPECT_EQ(r.source_line, 16);
  ASSERT_EQ(r.risks.size(), 2u);
  EXPECT_EQ(r.risks[0], (RiskSuggestion{"R01", "rigid_medical > 0", 17}));
  EXPECT_EQ(r.risks[1], (RiskSuggestion{"R99", "", 0}));
  ASSERT_EQ(s.types.size(), 1u);
  EXPECT_EQ(s.types[0], (TypeDefinition{"marginal", "low", 21}));
  EXPECT_EQ(s.origin, "t.toml");
  EXPECT_EQ(s.toml, kBase);
  EXPECT_EQ(s.content_hash.size(), 16u);
  EXPECT_EQ(s.content_hash.find_first_not_of("0123456789abcdef"), std::string::npos);
}

TEST(StandardTomlTest, ParametersOfEveryTypeInFileOrder) {
  Standard s = Parsed(With("share = { decimal = \"0.5\" }\n",
                           "zeta = { money = \"15300.5\", placeholder = true, note = \"估计\" }\n"
                           "alpha = { integer = -6 }\n"
                           "start = { date = 2024-09-01 }\n"
                           "flag = { boolean = false }\n"
                           "[parameters.share]\ndecimal = \"0.50\"\n"));
  ASSERT_EQ(s.parameters.size(), 5u);
  EXPECT_EQ(s.parameters[0], (Parameter{"zeta", Money::FromFen(1530050), true, "估计"}));
  EXPECT_EQ(s.parameters[1], (Parameter{"alpha", int64_t{-6}, false, ""}));
  EXPECT_EQ(s.parameters[2], (Parameter{"start", CivilDate::FromYmd(2024, 9, 1), false, ""}));
  EXPECT_EQ(s.parameters[3], (Parameter{"flag", false, false, ""}));
  EXPECT_EQ(s.parameters[4], (Parameter{"share", Decimal{50, 2}, false, ""}));
}

TEST(StandardTomlTest, CountyStandard) {
  Standard s = Parsed(With("year = 2024", "county = \"630121\"\nyear = 2024"));
  EXPECT_EQ(s.county, "630121");
}

TEST(StandardTomlTest, LineAsMultipleOfTheMinimumAllowanceRoundsHalfAwayFromZero) {
  // 1.5 × 5333.33 = 7999.995 yuan -> 8000.00.
  Standard s = Parsed(With("amount = \"7500.00\"",
                           "dibao_multiple = \"1.5\"\ndibao_annual = \"5333.33\"\n"
                           "placeholder = true"));
  EXPECT_EQ(s.line_definition.dibao_multiple, (Decimal{15, 1}));
  EXPECT_EQ(s.line_definition.dibao_annual, Money::FromFen(533333));
  EXPECT_FALSE(s.line_definition.amount.has_value());
  EXPECT_TRUE(s.line_definition.placeholder);
  EXPECT_EQ(s.line, Money::FromFen(800000));
  // 1.25 × 0.02 yuan = 2.5 fen -> 3 fen.
  EXPECT_EQ(
      Parsed(With("amount = \"7500.00\"", "dibao_multiple = \"1.25\"\ndibao_annual = \"0.02\""))
          .line,
      Money::FromFen(3));
}

TEST(StandardTomlTest, CodesMayBeWrittenAsChineseLabels) {
  Standard s = Parsed(With("code = \"marginal\"", "code = \"边缘易致贫户\"",
                           With("{ risk = \"R99\" }", "{ risk = \"其他\" }")));
  EXPECT_EQ(s.types[0].code, "marginal");
  EXPECT_EQ(s.rules[0].risks[1].risk, "R99");
}

TEST(StandardTomlTest, SourceLineOfAMultiLineExpressionIsWhereItsTextBegins) {
  Standard s = Parsed(With("when = \"net_income < line * members\"",
                           "when = \"\"\"\nnet_income <\n  line * members\"\"\""));
  EXPECT_EQ(s.rules[0].source_line, 17);
  EXPECT_EQ(s.rules[0].when, "net_income <\n  line * members");
  s = Parsed(With("when = \"net_income < line * members\"",
                  "when = '''net_income <\n  line * members'''"));
  EXPECT_EQ(s.rules[0].source_line, 16);
  // Characters before the string count as characters, not bytes.
  s = Parsed(
      With("label_en = \"low income\"\nwhen = \"net_income < line * members\"",
           "label_en = \"low income\"\n\"when\"  =  \"\"\"\r\nnet_income < line * members\"\"\""));
  EXPECT_EQ(s.rules[0].source_line, 17);
}

// --- TOML syntax

TEST(StandardTomlErrorTest, SyntaxErrorAtTomlPlusPlusPosition) {
  EXPECT_EQ(ErrorOf(With("year = 2024", "year = 20 24")),
            "t.toml:3:11: TOML syntax: error while parsing key-value pair: expected a comment or "
            "whitespace, saw '2'; fix the TOML syntax (docs/standards.md shows a complete "
            "standard)");
}

TEST(StandardTomlErrorTest, RepeatedKeyIsASyntaxError) {
  EXPECT_EQ(ErrorOf(With("year = 2024", "year = 2024\nyear = 2025")),
            "t.toml:4:8: TOML syntax: error while parsing key-value pair: cannot redefine "
            "existing integer 'year'; a name may appear only once in a table: remove or rename "
            "the repeated one");
}

TEST(StandardTomlErrorTest, DuplicateParameterName) {
  EXPECT_EQ(ErrorOf(With("share = { decimal = \"0.5\" }",
                         "share = { decimal = \"0.5\" }\nshare = { integer = 1 }")),
            "t.toml:11:9: TOML syntax: error while parsing key-value pair: cannot redefine "
            "existing table 'share'; a name may appear only once in a table: remove or rename "
            "the repeated one");
}

// --- tables and keys

TEST(StandardTomlErrorTest, MissingStandardTable) {
  EXPECT_EQ(ErrorOf(With("[standard]", "[standards]")),
            "t.toml:1:2: unknown key 'standards' in the file; did you mean 'standard'? the file "
            "takes standard, line, parameters, rule, type");
  EXPECT_EQ(ErrorOf("[line]\namount = \"7500.00\"\n"),
            "t.toml:1:1: the file has no [standard] table; add [standard] (docs/standards.md "
            "shows a complete standard)");
}

TEST(StandardTomlErrorTest, MissingLineTable) {
  EXPECT_EQ(ErrorOf(With("[line]\namount = \"7500.00\"\n", "")),
            "t.toml:1:1: the file has no [line] table; add [line] (docs/standards.md shows a "
            "complete standard)");
}

TEST(StandardTomlErrorTest, TableThatIsNotATable) {
  EXPECT_EQ(ErrorOf("line = \"7500.00\"\n" + With("[line]\namount = \"7500.00\"\n", "")),
            "t.toml:1:8: 'line' must be a table, not a string; write it as a table headed [line]");
}

TEST(StandardTomlErrorTest, MissingKeys) {
  EXPECT_EQ(ErrorOf(With("province = \"63\"\n", "")),
            "t.toml:1:1: [standard] has no 'province'; add province = \"63\"");
  EXPECT_EQ(ErrorOf(With("year = 2024\n", "")),
            "t.toml:1:1: [standard] has no 'year'; add year = 2024");
  EXPECT_EQ(ErrorOf(With("name = \"测试标准\"\n", "")),
            "t.toml:1:1: [standard] has no 'name'; add name = \"青海省2024年防止返贫监测标准\"");
  EXPECT_EQ(ErrorOf(With("id = \"low\"\n", "")),
            "t.toml:12:1: rule 1 has no 'id'; add id = \"income_below_line\"");
  EXPECT_EQ(ErrorOf(With("label_zh = \"低收入\"\n", "")),
            "t.toml:12:1: rule 'low' has no 'label_zh'; add label_zh = \"收入低于监测线\"");
  EXPECT_EQ(ErrorOf(With("label_en = \"low income\"\n", "")),
            "t.toml:12:1: rule 'low' has no 'label_en'; add label_en = \"income below the line\"");
  EXPECT_EQ(ErrorOf(With("when = \"net_income < line * members\"\n", "")),
            "t.toml:12:1: rule 'low' has no 'when'; add when = \"net_income < line * members\"");
  EXPECT_EQ(ErrorOf(With("{ risk = \"R99\" }", "{ when = \"true\" }")),
            "t.toml:17:56: risk 2 of rule 'low' has no 'risk'; add risk = \"R01\"");
  EXPECT_EQ(ErrorOf(With("code = \"marginal\"\n", "")),
            "t.toml:19:1: type 1 has no 'code'; add code = \"marginal\"");
  EXPECT_EQ(ErrorOf(With("when = \"low\"\n", "")),
            "t.toml:19:1: type 'marginal' has no 'when'; add when = \"income_below_line\"");
}

TEST(StandardTomlErrorTest, UnknownKeysAreErrorsWithASuggestion) {
  EXPECT_EQ(ErrorOf(With("amount = \"7500.00\"", "amount = \"7500.00\"\npalceholder = true")),
            "t.toml:8:1: unknown key 'palceholder' in [line]; did you mean 'placeholder'? [line] "
            "takes amount, dibao_multiple, dibao_annual, placeholder");
  EXPECT_EQ(ErrorOf(With("year = 2024", "year = 2024\ncountry = \"630121\"")),
            "t.toml:4:1: unknown key 'country' in [standard]; did you mean 'county'? [standard] "
            "takes province, county, year, name");
  EXPECT_EQ(ErrorOf(With("label_en = \"low income\"", "label_en = \"low income\"\nfoo = 1")),
            "t.toml:16:1: unknown key 'foo' in rule 1; rule 1 takes id, label_zh, label_en, "
            "when, risks");
  EXPECT_EQ(ErrorOf(With("{ decimal = \"0.5\" }", "{ decimal = \"0.5\", notes = \"x\" }")),
            "t.toml:10:28: unknown key 'notes' in parameter 'share'; did you mean 'note'? "
            "parameter 'share' takes money, decimal, integer, date, boolean, placeholder, note");
  EXPECT_EQ(ErrorOf(With("{ risk = \"R99\" }", "{ risk = \"R99\", wehn = \"true\" }")),
            "t.toml:17:72: unknown key 'wehn' in risk 2 of rule 'low'; did you mean 'when'? risk "
            "2 of rule 'low' takes risk, when");
  EXPECT_EQ(ErrorOf(With("code = \"marginal\"", "code = \"marginal\"\nprio = 1")),
            "t.toml:21:1: unknown key 'prio' in type 1; type 1 takes code, when");
  EXPECT_EQ(ErrorOf(With("[[type]]", "[[types]]")),
            "t.toml:19:3: unknown key 'types' in the file; did you mean 'type'? the file takes "
            "standard, line, parameters, rule, type");
}

TEST(StandardTomlErrorTest, WrongTypes) {
  EXPECT_EQ(ErrorOf(With("year = 2024", "year = \"2024\"")),
            "t.toml:3:8: 'year' in [standard] must be an integer, not a string; write year = 2024");
  EXPECT_EQ(ErrorOf(With("year = 2024", "year = 2024.0")),
            "t.toml:3:8: 'year' in [standard] must be an integer, not a floating-point number; "
            "write year = 2024");
  EXPECT_EQ(ErrorOf(With("province = \"63\"", "province = 63")),
            "t.toml:2:12: 'province' in [standard] must be a string, not an integer; write "
            "province = \"63\"");
  EXPECT_EQ(ErrorOf(With("amount = \"7500.00\"", "amount = 7500.0")),
            "t.toml:7:10: 'amount' in [line] must be a string, not a floating-point number; "
            "write amount = \"7500.00\"");
  EXPECT_EQ(ErrorOf(With("amount = \"7500.00\"", "amount = \"7500.00\"\nplaceholder = \"yes\"")),
            "t.toml:8:15: 'placeholder' in [line] must be a boolean, not a string; write "
            "placeholder = true or false");
  EXPECT_EQ(ErrorOf(With("when = \"low\"", "when = false")),
            "t.toml:21:8: 'when' in type 'marginal' must be a string, not a boolean; write when = "
            "\"income_below_line\"");
  EXPECT_EQ(ErrorOf(With("id = \"low\"", "id = [\"low\"]")),
            "t.toml:13:6: 'id' in rule 1 must be a string, not an array; write id = "
            "\"income_below_line\"");
}

TEST(StandardTomlErrorTest, EmptyStrings) {
  EXPECT_EQ(ErrorOf(With("name = \"测试标准\"", "name = \" \"")),
            "t.toml:4:8: 'name' in [standard] is empty; write name = "
            "\"青海省2024年防止返贫监测标准\"");
  EXPECT_EQ(ErrorOf(With("when = \"net_income < line * members\"", "when = \"\"")),
            "t.toml:16:8: 'when' in rule 'low' is empty; write when = \"net_income < line * "
            "members\"");
  EXPECT_EQ(ErrorOf(With("when = \"rigid_medical > 0\"", "when = \"\"")),
            "t.toml:17:33: 'when' in risk 1 of rule 'low' is empty; write when = "
            "\"rigid_medical > 0\"");
}

// --- [standard]

TEST(StandardTomlErrorTest, InvalidProvince) {
  EXPECT_EQ(ErrorOf(With("province = \"63\"", "province = \"99\"")),
            "t.toml:2:12: province '99' is not a province code; write the two-digit code of a "
            "province, e.g. province = \"63\" for Qinghai");
  EXPECT_EQ(ErrorOf(With("province = \"63\"", "province = \"630000\"")),
            "t.toml:2:12: province '630000' is not a province code; write the two-digit code of "
            "a province, e.g. province = \"63\" for Qinghai");
}

TEST(StandardTomlErrorTest, InvalidCounty) {
  const std::string what_to_do =
      "; write the 6-digit code of a county of province 63 (xianjie regions --level county "
      "lists them), or leave 'county' out for the whole province";
  auto county = [](std::string_view c) {
    return ErrorOf(With("year = 2024", "county = \"" + std::string(c) + "\"\nyear = 2024"));
  };
  EXPECT_EQ(county("6301"), "t.toml:3:10: county '6301' is not a county code" + what_to_do);
  EXPECT_EQ(county("630100"), "t.toml:3:10: county '630100' is not a county code" + what_to_do);
  EXPECT_EQ(county("63012x"), "t.toml:3:10: county '63012x' is not a county code" + what_to_do);
  EXPECT_EQ(county(""), "t.toml:3:10: 'county' in [standard] is empty; write county = \"630102\"");
  EXPECT_EQ(county("620102"), "t.toml:3:10: county '620102' is not in province '63'" + what_to_do);
  EXPECT_EQ(county("630199"),
            "t.toml:3:10: county '630199' is not in the region table of province 63" + what_to_do);
}

TEST(StandardTomlErrorTest, CountyOfAProvinceWithoutRegionTableIsTakenOnTrust) {
  Standard s = Parsed(With("province = \"63\"", "province = \"62\"",
                           With("year = 2024", "county = \"620102\"\nyear = 2024")));
  EXPECT_EQ(s.county, "620102");
}

TEST(StandardTomlErrorTest, YearOutOfRange) {
  EXPECT_EQ(ErrorOf(With("year = 2024", "year = 2019")),
            "t.toml:3:8: year 2019 is out of range; write a year from 2020 to 2100");
  EXPECT_EQ(ErrorOf(With("year = 2024", "year = 12024")),
            "t.toml:3:8: year 12024 is out of range; write a year from 2020 to 2100");
}

// --- [line]

TEST(StandardTomlErrorTest, LineForms) {
  const std::string forms =
      "; give either amount = \"7500.00\", or dibao_multiple = \"1.5\" with dibao_annual = "
      "\"5600.00\"";
  EXPECT_EQ(ErrorOf(With("amount = \"7500.00\"", "placeholder = true")),
            "t.toml:6:1: [line] has no 'amount'" + forms);
  EXPECT_EQ(ErrorOf(With("amount = \"7500.00\"", "amount = \"7500.00\"\ndibao_annual = \"1.00\"")),
            "t.toml:8:16: [line] has both 'amount' and 'dibao_annual'" + forms);
  EXPECT_EQ(ErrorOf(With("amount = \"7500.00\"", "dibao_multiple = \"1.5\"")),
            "t.toml:6:1: [line] has 'dibao_multiple' but no 'dibao_annual'; a line as a multiple "
            "of the minimum allowance needs both: dibao_multiple = \"1.5\" and dibao_annual = "
            "\"5600.00\" (yuan a year)");
  EXPECT_EQ(ErrorOf(With("amount = \"7500.00\"", "dibao_annual = \"5600\"")),
            "t.toml:6:1: [line] has 'dibao_annual' but no 'dibao_multiple'; a line as a multiple "
            "of the minimum allowance needs both: dibao_multiple = \"1.5\" and dibao_annual = "
            "\"5600.00\" (yuan a year)");
}

TEST(StandardTomlErrorTest, LineValues) {
  EXPECT_EQ(ErrorOf(With("amount = \"7500.00\"", "amount = \"7500.001\"")),
            "t.toml:7:10: 'amount' in [line]: '7500.001' is not an amount of money: it has more "
            "than two decimals; write yuan with at most two decimals, like 1234.56");
  EXPECT_EQ(ErrorOf(With("amount = \"7500.00\"", "amount = \"7,500\"")),
            "t.toml:7:10: 'amount' in [line]: '7,500' is not an amount of money: it contains ','; "
            "write yuan with at most two decimals, like 1234.56");
  EXPECT_EQ(ErrorOf(With("amount = \"7500.00\"", "amount = \"0\"")),
            "t.toml:7:10: 'amount' in [line] must be more than 0; write yuan, like \"7500.00\"");
  EXPECT_EQ(ErrorOf(With("amount = \"7500.00\"", "amount = \"-1\"")),
            "t.toml:7:10: 'amount' in [line] must be more than 0; write yuan, like \"7500.00\"");
  EXPECT_EQ(
      ErrorOf(With("amount = \"7500.00\"", "dibao_multiple = \"1.5x\"\ndibao_annual = \"5600\"")),
      "t.toml:7:18: 'dibao_multiple' in [line]: '1.5x' is not a decimal number: unexpected "
      "character; write digits with an optional '-' and up to six decimals, like 0.5");
  EXPECT_EQ(
      ErrorOf(With("amount = \"7500.00\"", "dibao_multiple = \"0\"\ndibao_annual = \"5600\"")),
      "t.toml:7:18: 'dibao_multiple' in [line] must be more than 0; write a number, like "
      "\"1.5\"");
  EXPECT_EQ(ErrorOf(With("amount = \"7500.00\"",
                         "dibao_multiple = \"0.000001\"\ndibao_annual = \"0.01\"")),
            "t.toml:6:1: the monitoring line rounds to 0 fen; change the line in [line]");
}

// --- [parameters]

TEST(StandardTomlErrorTest, ParameterWithoutType) {
  EXPECT_EQ(ErrorOf(With("share = { decimal = \"0.5\" }", "share = 0.5")),
            "t.toml:10:9: parameter 'share' is a floating-point number without a type; write it "
            "with its type, like share = { decimal = \"0.5\" } (money, decimal, integer, date or "
            "boolean)");
  EXPECT_EQ(ErrorOf(With("share = { decimal = \"0.5\" }", "share = \"0.5\"")),
            "t.toml:10:9: parameter 'share' is a string without a type; write it with its type, "
            "like share = { decimal = \"0.5\" } (money, decimal, integer, date or boolean)");
}

TEST(StandardTomlErrorTest, ParameterNeedsExactlyOneValue) {
  const std::string kinds =
      "; give exactly one of money = \"15300.00\", decimal = \"0.5\", integer = 6, date = "
      "2024-09-01 or boolean = true";
  EXPECT_EQ(ErrorOf(With("{ decimal = \"0.5\" }", "{ decimal = \"0.5\", integer = 1 }")),
            "t.toml:10:28: parameter 'share' has two values, 'decimal' and 'integer'" + kinds);
  EXPECT_EQ(ErrorOf(With("{ decimal = \"0.5\" }", "{ note = \"x\" }")),
            "t.toml:10:9: parameter 'share' has no value" + kinds);
}

TEST(StandardTomlErrorTest, ParameterValuesAreExactAndTyped) {
  auto param = [](std::string_view value) { return ErrorOf(With("{ decimal = \"0.5\" }", value)); };
  EXPECT_EQ(param("{ decimal = 0.5 }"),
            "t.toml:10:21: 'decimal' in parameter 'share' must be a string, not a floating-point "
            "number; write decimal = \"0.5\" (quoted: exact)");
  EXPECT_EQ(param("{ decimal = \"0.1234567\" }"),
            "t.toml:10:21: 'decimal' in parameter 'share': '0.1234567' is not a decimal number: "
            "more than six decimals; write digits with an optional '-' and up to six decimals, "
            "like 0.5");
  EXPECT_EQ(param("{ money = 15300.0 }"),
            "t.toml:10:19: 'money' in parameter 'share' must be a string of yuan, not a "
            "floating-point number; write money = \"15300.00\" (yuan, quoted)");
  EXPECT_EQ(param("{ money = 15300 }"),
            "t.toml:10:19: 'money' in parameter 'share' must be a string of yuan, not an integer; "
            "write money = \"15300.00\" (yuan, quoted)");
  EXPECT_EQ(param("{ money = \"15300.005\" }"),
            "t.toml:10:19: 'money' in parameter 'share': '15300.005' is not an amount of money: "
            "it has more than two decimals; write yuan with at most two decimals, like 1234.56");
  EXPECT_EQ(param("{ integer = 6.0 }"),
            "t.toml:10:21: 'integer' in parameter 'share' must be an integer, not a "
            "floating-point number; write integer = 6");
  EXPECT_EQ(param("{ integer = \"6\" }"),
            "t.toml:10:21: 'integer' in parameter 'share' must be an integer, not a string; write "
            "integer = 6");
  EXPECT_EQ(param("{ date = \"2024-09-01\" }"),
            "t.toml:10:18: 'date' in parameter 'share' must be a date, not a string; write date = "
            "2024-09-01 (without quotes)");
  EXPECT_EQ(param("{ date = 2024-09-01T08:00:00 }"),
            "t.toml:10:18: 'date' in parameter 'share' must be a date, not a date-time; write "
            "date = 2024-09-01 (without quotes)");
  EXPECT_EQ(param("{ boolean = 1 }"),
            "t.toml:10:21: 'boolean' in parameter 'share' must be a boolean, not an integer; "
            "write boolean = true");
  EXPECT_EQ(param("{ decimal = \"0.5\", placeholder = 1 }"),
            "t.toml:10:42: 'placeholder' in parameter 'share' must be a boolean, not an integer; "
            "write placeholder = true or false");
  EXPECT_EQ(param("{ decimal = \"0.5\", note = 1 }"),
            "t.toml:10:35: 'note' in parameter 'share' must be a string, not an integer; write "
            "note = \"where the value comes from\"");
}

TEST(StandardTomlErrorTest, BadNames) {
  const std::string what_to_do =
      "; use up to 64 lower-case letters, digits and '_', starting with a letter (like "
      "income_drop_fraction)";
  EXPECT_EQ(ErrorOf(With("share = ", "Share = ")),
            "t.toml:10:1: parameter name 'Share' is not a valid name" + what_to_do);
  EXPECT_EQ(ErrorOf(With("share = ", "\"share rate\" = ")),
            "t.toml:10:1: parameter name 'share rate' is not a valid name" + what_to_do);
  EXPECT_EQ(
      ErrorOf(With("share = ", std::string(65, 'a') + " = ")),
      "t.toml:10:1: parameter name '" + std::string(65, 'a') + "' is not a valid name" + what_to_do);
  EXPECT_EQ(ErrorOf(With("id = \"low\"", "id = \"9low\"")),
            "t.toml:13:6: rule id '9low' is not a valid name" + what_to_do);
  EXPECT_EQ(ErrorOf(With("id = \"low\"", "id = \"low-income\"")),
            "t.toml:13:6: rule id 'low-income' is not a valid name" + what_to_do);
  EXPECT_TRUE(ErrorOf(With("share = ", std::string(64, 'a') + " = ")).empty());
}

TEST(StandardTomlErrorTest, NamesThatClashWithTheRuleLanguage) {
  const std::string what_to_do = "; choose another name (docs/rules-language.md lists the names in use)";
  auto param = [](std::string_view name) {
    return ErrorOf(With("share = ", std::string(name) + " = "));
  };
  EXPECT_EQ(param("members"),
            "t.toml:10:1: parameter name 'members' clashes with a household field of the rule "
            "language" +
                what_to_do);
  EXPECT_EQ(param("enrolled"),
            "t.toml:10:1: parameter name 'enrolled' clashes with a member field of the rule "
            "language" +
                what_to_do);
  EXPECT_EQ(param("line"),
            "t.toml:10:1: parameter name 'line' clashes with the monitoring line of [line] of the "
            "rule language" +
                what_to_do);
  EXPECT_EQ(
      param("and"),
      "t.toml:10:1: parameter name 'and' clashes with a reserved word of the rule language" + what_to_do);
  EXPECT_EQ(
      param("age_on"),
      "t.toml:10:1: parameter name 'age_on' clashes with a function of the rule language" + what_to_do);
  EXPECT_EQ(
      param("count"),
      "t.toml:10:1: parameter name 'count' clashes with a function of the rule language" + what_to_do);
  EXPECT_EQ(
      param("missing"),
      "t.toml:10:1: parameter name 'missing' clashes with a reserved word of the rule language" +
          what_to_do);
  EXPECT_EQ(ErrorOf(With("id = \"low\"", "id = \"net_income\"")),
            "t.toml:13:6: rule id 'net_income' clashes with a household field of the rule "
            "language" +
                what_to_do);
  for (std::string_view name : {"status",
                                "wage_income",
                                "business_income",
                                "property_income",
                                "transfer_income",
                                "production_costs",
                                "prev_net_income",
                                "rigid_medical",
                                "rigid_education",
                                "rigid_other",
                                "housing_safe",
                                "water_safe",
                                "net_income",
                                "rigid_spending",
                                "members",
                                "listed_members",
                                "relation",
                                "sex",
                                "labor",
                                "health",
                                "school_stage",
                                "birth_date",
                                "enrolled",
                                "med_insured",
                                "pension_insured",
                                "shares_household",
                                "member",
                                "listed_member",
                                "line",
                                "age_on",
                                "if",
                                "any",
                                "all",
                                "count",
                                "sum",
                                "min",
                                "max",
                                "and",
                                "or",
                                "not",
                                "between",
                                "in",
                                "is",
                                "missing",
                                "true",
                                "false",
                                "unknown"}) {
    EXPECT_NE(param(name).find("clashes with"), std::string::npos) << name;
  }
}

// --- [[rule]] and [[type]]

TEST(StandardTomlErrorTest, RulesAndTypesAreArraysOfTables) {
  EXPECT_EQ(ErrorOf(With("[[rule]]", "[rule]")),
            "t.toml:12:1: 'rule' must be an array of tables, not a table; head each rule with "
            "[[rule]] (two brackets)");
  EXPECT_EQ(ErrorOf("type = [1]\n" + With("[[type]]\ncode = \"marginal\"\nwhen = \"low\"\n", "")),
            "t.toml:1:9: type 1 is an integer, not a table; head each type with [[type]]");
  EXPECT_EQ(ErrorOf(With("risks = [", "risks = [1, ")),
            "t.toml:17:10: risk 1 is an integer, not a table; head each risk with [[risks]]");
}

TEST(StandardTomlErrorTest, NoRules) {
  std::string text(kBase.substr(0, kBase.find("[[rule]]")));
  EXPECT_EQ(ErrorOf(text),
            "t.toml:1:1: the standard has no [[rule]]; add at least one rule (docs/standards.md "
            "shows the default rules)");
}

TEST(StandardTomlErrorTest, DuplicateRuleId) {
  std::string rule = "\n[[rule]]\nid = \"low\"\nlabel_zh = \"x\"\nlabel_en = \"x\"\nwhen = \"x\"\n";
  EXPECT_EQ(ErrorOf(std::string(kBase) + rule),
            "t.toml:24:6: rule id 'low' is already used (line 13); give each rule and parameter "
            "its own name");
}

TEST(StandardTomlErrorTest, RuleIdThatIsAParameterName) {
  EXPECT_EQ(ErrorOf(With("id = \"low\"", "id = \"share\"")),
            "t.toml:13:6: rule id 'share' is already used (line 10); give each rule and parameter "
            "its own name");
}

TEST(StandardTomlErrorTest, UnknownRiskType) {
  EXPECT_EQ(ErrorOf(With("{ risk = \"R01\"", "{ risk = \"R13\"")),
            "t.toml:17:19: unknown risk type 'R13'; write one of R01 ... R12 or R99 (DOMAIN.md "
            "§6)");
  EXPECT_EQ(ErrorOf(With("{ risk = \"R01\"", "{ risk = \"r01\"")),
            "t.toml:17:19: unknown risk type 'r01'; write one of R01 ... R12 or R99 (DOMAIN.md "
            "§6)");
}

TEST(StandardTomlErrorTest, RiskAfterOneWithoutConditionIsNeverChosen) {
  EXPECT_EQ(ErrorOf(With("{ risk = \"R99\" }", "{ risk = \"R99\" }, { risk = \"R02\" }")),
            "t.toml:17:74: risk 3 of rule 'low' is never chosen: the risk before it has no "
            "'when'; give the earlier risk a 'when', or move the one without 'when' last");
}

TEST(StandardTomlErrorTest, UnknownObjectType) {
  EXPECT_EQ(ErrorOf(With("code = \"marginal\"", "code = \"poor\"")),
            "t.toml:20:8: unknown object type 'poor'; write one of unstable_lifted, marginal, "
            "sudden_hardship or guarantee_gap (DOMAIN.md §4.2)");
}

TEST(StandardTomlErrorTest, DuplicateType) {
  EXPECT_EQ(ErrorOf(std::string(kBase) + "\n[[type]]\ncode = \"边缘易致贫户\"\nwhen = \"true\"\n"),
            "t.toml:24:8: type 'marginal' is already defined (line 20); define each type once, "
            "in priority order");
}

TEST(StandardTomlErrorTest, OriginPrefixesEveryMessage) {
  auto s = ParseStandardToml(With("year = 2024", "year = 1999"), "/srv/标准/63-2024.toml");
  EXPECT_EQ(s.status().message(),
            "/srv/标准/63-2024.toml:3:8: year 1999 is out of range; write a year from 2020 to "
            "2100");
}

TEST(StandardTomlErrorTest, ColumnsCountCharacters) {
  EXPECT_EQ(ErrorOf(With("name = \"测试标准\"", "name = \"测试标准\"  x")),
            "t.toml:4:16: TOML syntax: error while parsing key-value pair: expected a comment or "
            "whitespace, saw 'x'; fix the TOML syntax (docs/standards.md shows a complete "
            "standard)");
}

}  // namespace
}  // namespace xianjie::rules
