// The labels of the API's codes (service/code_labels.h, decision 0009): config/code_labels.json
// as built in, in both languages; a code without a label kept as it is; the language tags; the
// file's refusals, each naming the group and code and what to write; and the registry's Chinese
// labels of the exchange format (registry/codes.h), which must be the ones the UI shows.
#include "service/code_labels.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "registry/codes.h"

namespace xianjie::service {
namespace {

TEST(CodeLabelsTest, TheBuiltInFileLabelsCodesInBothLanguages) {
  const CodeLabels& labels = BuiltinCodeLabels();
  struct Case {
    const char* group;
    const char* code;
    const char* zh;
    const char* en;
  };
  const Case cases[] = {
      {"case_state", "lead", "线索核实", "Lead"},
      {"channel", "cadre_visit", "干部排查", "Cadre visit"},
      {"type", "marginal", "边缘易致贫户", "Marginal household"},
      {"risk", "R07", "因务工就业不稳", "Unstable work"},
      {"measure_status", "in_progress", "实施中", "In progress"},
      {"action", "household.read", "查看农户档案", "Read household file"},
      {"finding_state", "justified", "已说明理由", "Justified"},
      {"application_status", "unmatched", "待处理", "To handle"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(labels.LabelOr(c.group, c.code, Language::kChinese), c.zh) << c.group;
    EXPECT_EQ(labels.LabelOr(c.group, c.code, Language::kEnglish), c.en) << c.group;
  }
}

TEST(CodeLabelsTest, ACodeWithoutALabelIsKeptAsItIs) {
  const CodeLabels& labels = BuiltinCodeLabels();
  EXPECT_EQ(labels.Find("risk", "R42", Language::kChinese), nullptr);
  EXPECT_EQ(labels.LabelOr("risk", "R42", Language::kChinese), "R42");
  EXPECT_EQ(labels.LabelOr("no_such_group", "lead", Language::kEnglish), "lead");
  EXPECT_EQ(labels.LabelOr("risk", "", Language::kChinese), "");
  EXPECT_FALSE(labels.HasGroup("no_such_group"));
  EXPECT_TRUE(labels.CodesIn("no_such_group").empty());
}

TEST(CodeLabelsTest, LanguagesAreTheWebUisLocaleTags) {
  EXPECT_EQ(LanguageOfTag("zh-CN"), Language::kChinese);
  EXPECT_EQ(LanguageOfTag("en"), Language::kEnglish);
  for (const char* tag : {"", "zh", "zh-cn", "EN", "en-US", "fr"}) {
    EXPECT_FALSE(LanguageOfTag(tag).has_value()) << tag;
  }
  EXPECT_EQ(LanguageTag(Language::kChinese), "zh-CN");
  EXPECT_EQ(LanguageTag(Language::kEnglish), "en");
}

// The exchange format's labels are what files may hold (DOMAIN.md §13) and stay in the registry's
// constant tables; the UI's labels of the same codes must be the same words, so that the clerk
// reads on the screen and in a workbook what the files say.
template <typename E>
void ExpectSameCodes(const char* group) {
  const CodeLabels& labels = BuiltinCodeLabels();
  std::vector<std::string> registry_codes;
  for (const registry::CodeEntry& e : registry::CodesOf(E{})) {
    registry_codes.emplace_back(e.code);
    const std::string* label = labels.Find(group, e.code, Language::kChinese);
    ASSERT_NE(label, nullptr) << group << " has no label for the registry's code " << e.code;
    EXPECT_EQ(*label, e.label_zh) << group << "." << e.code;
  }
  std::sort(registry_codes.begin(), registry_codes.end());
  EXPECT_EQ(labels.CodesIn(group), registry_codes) << group;
}

TEST(CodeLabelsTest, TheRegistrysChineseLabelsAreTheUis) {
  ExpectSameCodes<registry::HouseholdStatus>("status");
  ExpectSameCodes<registry::Relation>("relation");
  ExpectSameCodes<registry::Sex>("sex");
  ExpectSameCodes<registry::Labor>("labor");
  ExpectSameCodes<registry::Health>("health");
  ExpectSameCodes<registry::SchoolStage>("school_stage");
  ExpectSameCodes<registry::RiskType>("risk");
  ExpectSameCodes<registry::ObjectType>("type");
}

TEST(CodeLabelsTest, AFileOfGroupsOfCodesIsRead) {
  auto labels = ParseCodeLabels(
      R"({"plan_state": {"draft": {"zh-CN": "草稿", "en": "Draft"}}, "empty": {}})", "t.json");
  ASSERT_TRUE(labels.ok()) << labels.status().ToString();
  EXPECT_EQ(labels->LabelOr("plan_state", "draft", Language::kEnglish), "Draft");
  EXPECT_TRUE(labels->HasGroup("empty"));
  EXPECT_EQ(labels->CodesIn("plan_state"), std::vector<std::string>{"draft"});
}

TEST(CodeLabelsTest, AFileOfAnotherShapeIsRefusedWithWhereAndWhatToWrite) {
  const std::string shape = R"(write {"<group>": {"<code>": {"zh-CN": "…", "en": "…"}}})";
  struct Case {
    std::string text;
    std::string message;
  };
  const Case cases[] = {
      {R"({"a": )", "t.json: not JSON: parse error at line 1, column 7"},
      // Found by fuzz_code_labels: a number too large for a double threw past the parser's catch.
      {R"({"g": 1e99999})", "t.json: not JSON: number overflow parsing '1e99999'"},
      {"[]", "t.json: not an object of groups; " + shape},
      {R"({"g": ["x"]})", "t.json: group 'g' must be an object of codes; " + shape},
      {R"({"g": {"x": "X"}})",
       "t.json: group 'g', code 'x' must be an object of its labels; " + shape},
      {R"({"g": {"": {"zh-CN": "甲", "en": "A"}}})",
       "t.json: group 'g', code '': the code is empty; " + shape},
      {R"({"g": {"x": {"zh-CN": "甲"}}})",
       "t.json: group 'g', code 'x': the label 'en' must be a non-empty string; every code has "
       "both languages"},
      {R"({"g": {"x": {"zh-CN": "", "en": "A"}}})",
       "t.json: group 'g', code 'x': the label 'zh-CN' must be a non-empty string"},
      {R"({"g": {"x": {"zh-CN": "甲", "en": 1}}})",
       "t.json: group 'g', code 'x': the label 'en' must be a non-empty string"},
      {R"({"g": {"x": {"zh-CN": "甲", "en": "A", "fr": "A"}}})",
       "t.json: group 'g', code 'x': unknown language 'fr'; the languages are zh-CN and en"},
      {R"({"g": {"x": {"zh-CN": "甲", "en": "A"}, "x": {"zh-CN": "乙", "en": "B"}}})",
       "t.json: group 'g', code 'x' is given twice; keep one (the web build would keep the "
       "last)"},
      {R"({"g": {}, "h": {}, "g": {}})", "t.json: group 'g' is given twice"},
  };
  for (const Case& c : cases) {
    auto labels = ParseCodeLabels(c.text, "t.json");
    ASSERT_FALSE(labels.ok()) << c.text;
    EXPECT_EQ(labels.status().code(), StatusCode::kInvalidArgument) << c.text;
    EXPECT_EQ(labels.status().message().rfind(c.message, 0), 0u)
        << c.text << "\n" << labels.status().message();
  }
}

}  // namespace
}  // namespace xianjie::service
