// The content hash of a standard (rules/standard_hash.h): the same for the same content however
// the file is written, different for any change of content; and FormatStandardToml writes TOML
// that parses back to the same content.
#include "rules/standard_hash.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "rules/standard_toml.h"

namespace xianjie::rules::standard_hash_test {
namespace {

constexpr std::string_view kBase = R"([standard]
province = "63"
year = 2024
name = "测试标准"

[line]
amount = "7500.00"
placeholder = true

[parameters]
share = { decimal = "0.5" }
income = { money = "15300.00", placeholder = true, note = "估计" }
start = { date = 2024-09-01 }
age = { integer = 6 }
flag = { boolean = true }

[[rule]]
id = "low"
label_zh = "低收入"
label_en = "low income"
when = "net_income < line * members and status = 'lifted  x'"
risks = [{ risk = "R01", when = "rigid_medical > 0" }, { risk = "R99" }]

[[rule]]
id = "drop"
label_zh = "下降"
label_en = "drop"
when = "prev_net_income > 0"

[[type]]
code = "marginal"
when = "low"

[[type]]
code = "sudden_hardship"
when = "drop"
)";

std::string With(std::string_view from, std::string_view to) {
  std::string text(kBase);
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::string HashOf(std::string_view text, std::string origin = "t.toml") {
  auto s = ParseStandardToml(text, std::move(origin));
  EXPECT_TRUE(s.ok()) << s.status().message() << "\n" << text;
  return s.ok() ? s->content_hash : "";
}

TEST(StandardHashTest, IsSixteenLowercaseHexDigitsOfTheCanonicalText) {
  auto s = ParseStandardToml(kBase, "t.toml");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->content_hash, StandardContentHash(*s));
  EXPECT_EQ(s->content_hash.size(), 16u);
  EXPECT_EQ(s->content_hash.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_TRUE(CanonicalStandardText(*s).starts_with("18:xianjie-standard-1,2:63,0:,4:2024,"));
}

TEST(StandardHashTest, FnvOfAnEmptyStandardIsPinned) {
  // Pins the hash function and the canonical layout: changing either makes every stored
  // standard a new version, so it must be a deliberate change of this value.
  Standard empty;
  EXPECT_EQ(CanonicalStandardText(empty),
            "18:xianjie-standard-1,0:,0:,1:0,0:,5:dibao,1:0,1:0,1:0,1:0,10:parameters,1:0,5:rules,"
            "1:0,5:types,1:0,");
  EXPECT_EQ(StandardContentHash(empty), "45755bc271ac0bc9");
}

TEST(StandardHashTest, SameUnderCommentsWhiteSpaceLayoutAndOrigin) {
  const std::string base = HashOf(kBase);
  EXPECT_EQ(HashOf(kBase, "elsewhere/other-name.toml"), base);
  EXPECT_EQ(HashOf("# a comment\n\n" + std::string(kBase) + "\n# trailing\n"), base);
  EXPECT_EQ(HashOf(With("year = 2024", "year   =   2024   # the year")), base);
  EXPECT_EQ(HashOf(With("province = \"63\"\nyear = 2024", "year = 2024\nprovince = '63'")), base);
  EXPECT_EQ(HashOf(With("amount = \"7500.00\"", "amount = \"7500\"")), base);
  EXPECT_EQ(HashOf(With("[line]\namount = \"7500.00\"\nplaceholder = true",
                        "[line]\nplaceholder = true\namount = \"7500.0\"")),
            base);
  // Parameters count by name, not by position; inline and standard tables are the same.
  EXPECT_EQ(HashOf(With("share = { decimal = \"0.5\" }\n"
                        "income = { money = \"15300.00\", placeholder = true, note = \"估计\" }",
                        "income = { note = \"估计\", placeholder = true, money = \"15300\" }\n"
                        "share = { decimal = \"0.5\" }")),
            base);
  EXPECT_EQ(HashOf(With("flag = { boolean = true }\n", "[parameters.flag]\nboolean = true\n")),
            base);
  // An expression re-wrapped or re-spaced, outside its '...' literals.
  EXPECT_EQ(HashOf(With("when = \"net_income < line * members and status = 'lifted  x'\"",
                        "when = \"\"\"\n  net_income  <  line\n    * members   and\tstatus = "
                        "'lifted  x'  \"\"\"")),
            base);
  EXPECT_EQ(HashOf(With("when = \"prev_net_income > 0\"", "when = '\tprev_net_income>0 '")),
            HashOf(With("when = \"prev_net_income > 0\"", "when = \"prev_net_income>0\"")));
  // A false placeholder is the same as none.
  EXPECT_EQ(HashOf(With("{ integer = 6 }", "{ integer = 6, placeholder = false }")), base);
}

TEST(StandardHashTest, DifferentForAnyChangeOfContent) {
  const std::string base = HashOf(kBase);
  for (auto [from, to] : std::initializer_list<std::pair<std::string_view, std::string_view>>{
           {"province = \"63\"", "province = \"62\""},
           {"year = 2024", "year = 2024\ncounty = \"630121\""},
           {"year = 2024", "year = 2025"},
           {"测试标准", "测试标准2"},
           {"amount = \"7500.00\"", "amount = \"7500.01\""},
           {"amount = \"7500.00\"", "dibao_multiple = \"1\"\ndibao_annual = \"7500.00\""},
           {"placeholder = true\n\n", "placeholder = false\n\n"},
           {"decimal = \"0.5\"", "decimal = \"0.50\""},
           {"decimal = \"0.5\"", "decimal = \"0.6\""},
           {"{ decimal = \"0.5\" }", "{ decimal = \"0.5\", placeholder = true }"},
           {"{ decimal = \"0.5\" }", "{ decimal = \"0.5\", note = \"n\" }"},
           {"share = ", "share2 = "},
           {"money = \"15300.00\"", "money = \"15300.01\""},
           {"money = \"15300.00\"", "decimal = \"15300.00\""},
           {"note = \"估计\"", "note = \"估计.\""},
           {"income = { money = \"15300.00\", placeholder = true",
            "income = { money = \"15300.00\""},
           {"date = 2024-09-01", "date = 2024-09-02"},
           {"integer = 6", "integer = 7"},
           {"boolean = true", "boolean = false"},
           {"id = \"low\"", "id = \"low2\""},
           {"label_zh = \"低收入\"", "label_zh = \"低收入 \""},
           {"label_en = \"low income\"", "label_en = \"Low income\""},
           {"line * members and", "line * members or"},
           {"'lifted  x'", "'lifted x'"},
           {"{ risk = \"R01\"", "{ risk = \"R02\""},
           {"when = \"rigid_medical > 0\"", "when = \"rigid_medical > 1\""},
           {", { risk = \"R99\" }", ""},
           {"risks = [{ risk = \"R01\", when = \"rigid_medical > 0\" }, ",
            "risks = [{ risk = \"R01\", when = \"rigid_medical > 0\" }, { risk = \"R02\", when "
            "= \"true\" }, "},
           {"code = \"marginal\"", "code = \"unstable_lifted\""},
           {"when = \"low\"", "when = \"low or drop\""},
       }) {
    EXPECT_NE(HashOf(With(from, to)), base) << from << " -> " << to;
  }
}

TEST(StandardHashTest, RuleAndTypeOrderMatter) {
  const std::string base = HashOf(kBase);
  const std::string marginal = "[[type]]\ncode = \"marginal\"\nwhen = \"low\"\n";
  const std::string sudden = "[[type]]\ncode = \"sudden_hardship\"\nwhen = \"drop\"\n";
  EXPECT_NE(HashOf(With(marginal + "\n" + sudden, sudden + "\n" + marginal)), base);
  const std::string drop =
      "[[rule]]\nid = \"drop\"\nlabel_zh = \"下降\"\nlabel_en = \"drop\"\n"
      "when = \"prev_net_income > 0\"\n\n";
  std::string rules_swapped = With(drop, "");
  rules_swapped.insert(rules_swapped.find("[[rule]]"), drop);
  EXPECT_NE(HashOf(rules_swapped), base);
}

TEST(StandardHashTest, FormatParsesBackToTheSameContent) {
  auto s = ParseStandardToml(kBase, "t.toml");
  ASSERT_TRUE(s.ok());
  std::string toml = FormatStandardToml(*s);
  auto back = ParseStandardToml(toml, "t.toml");
  ASSERT_TRUE(back.ok()) << back.status().message() << "\n" << toml;
  EXPECT_EQ(back->content_hash, s->content_hash);
  EXPECT_EQ(back->parameters, s->parameters);  // in the same order too
  EXPECT_EQ(back->line_definition, s->line_definition);
  EXPECT_EQ(back->line, s->line);
  ASSERT_EQ(back->rules.size(), s->rules.size());
  for (size_t i = 0; i < s->rules.size(); ++i) {
    EXPECT_EQ(back->rules[i].when, s->rules[i].when);
    EXPECT_EQ(back->rules[i].risks.size(), s->rules[i].risks.size());
  }
}

TEST(StandardHashTest, FormatEscapesStrings) {
  auto s = ParseStandardToml(kBase, "t.toml");
  ASSERT_TRUE(s.ok());
  s->name = "a \"quoted\" \\ name\twith\ncontrol \x01 characters";
  s->rules[0].when = "net_income\n< line * members";
  s->county = "630121";
  s->line_definition = LineDefinition{std::nullopt, Decimal{150, 2}, Money::FromFen(-5), false};
  s->line_definition.dibao_annual = Money::FromFen(560005);
  s->content_hash = StandardContentHash(*s);
  auto back = ParseStandardToml(FormatStandardToml(*s), "t.toml");
  ASSERT_TRUE(back.ok()) << back.status().message() << "\n" << FormatStandardToml(*s);
  EXPECT_EQ(back->name, s->name);
  EXPECT_EQ(back->rules[0].when, s->rules[0].when);
  EXPECT_EQ(back->line_definition.dibao_multiple, (Decimal{150, 2}));
  EXPECT_EQ(back->content_hash, s->content_hash);
}

}  // namespace
}  // namespace xianjie::rules::standard_hash_test
