// Tests of source contracts (ingest/source_contract.h): the shipped contracts in config/sources/
// against the built-in list, a minimal contract, and each error of the parser, which must name
// the file, the position and the key path.
#include "ingest/source_contract.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace xianjie::ingest {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

std::string ReadText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::string kMinimal = R"(name = "test_source"
title = "测试"
department = "测试局"
frequency = "monthly"
key = "id_number"
period = "month_of:paid_on"
event_date = "paid_on"
columns = [
  { name = "id_number", header = "身份证号", aliases = ["公民身份号码"], type = "id_number", required = true },
  { name = "amount", header = "金额（元）", aliases = ["金额"], type = "money", required = true },
  { name = "paid_on", header = "发放日期", type = "date", required = true },
  { name = "kind", header = "类型", type = "enum", values = { "低保" = "dibao", "特困" = "tekun" } },
]

[[fact]]
name = "paid_12m"
aggregate = "sum(amount) over 12 months"

[[warning]]
when = "dept.paid_12m > 0"
type = "sudden_hardship"
risks = ["R01", "因学"]
message = "有发放"

[[update]]
field = "member.med_insured"
value = "true"
)";

// kMinimal with the first `from` replaced by `to`.
std::string With(const std::string& from, const std::string& to) {
  std::string text = kMinimal;
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::string ErrorOf(const std::string& text) {
  auto c = ParseSourceContract(text, "test.toml");
  if (c.ok()) return "(parsed)";
  EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
  return c.status().message();
}

TEST(SourceContractTest, MinimalContractParses) {
  auto c = ParseSourceContract(kMinimal, "test.toml");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->name, "test_source");
  EXPECT_EQ(c->frequency, SourceFrequency::kMonthly);
  EXPECT_EQ(c->key, SourceKey::kIdNumber);
  ASSERT_EQ(c->columns.size(), 4u);
  EXPECT_EQ(c->columns[0].aliases, std::vector<std::string>{"公民身份号码"});
  EXPECT_TRUE(c->columns[1].required);
  EXPECT_FALSE(c->columns[3].required);
  ASSERT_EQ(c->columns[3].values.size(), 2u);
  EXPECT_EQ(c->columns[3].values[0].label, "低保");
  EXPECT_EQ(c->columns[3].values[0].value, "dibao");
  EXPECT_EQ(c->KeyColumn().name, "id_number");
  ASSERT_EQ(c->facts.size(), 1u);
  EXPECT_EQ(c->facts[0].function, "sum");
  EXPECT_EQ(c->facts[0].column, "amount");
  EXPECT_EQ(c->facts[0].months, 12);
  ASSERT_EQ(c->warnings.size(), 1u);
  EXPECT_EQ(c->warnings[0].when, "dept.paid_12m > 0");
  EXPECT_EQ(c->warnings[0].when_line, 20);
  EXPECT_EQ(c->warnings[0].risks, (std::vector<std::string>{"R01", "R02"}));
  ASSERT_EQ(c->updates.size(), 1u);
  EXPECT_EQ(c->updates[0].value, "true");
  EXPECT_EQ(c->origin, "test.toml");
}

TEST(SourceContractTest, WarningTextIsStoredNotCompiled) {
  auto c = ParseSourceContract(With("dept.paid_12m > 0", "dept.nothing >>> ((("), "t.toml");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->warnings[0].when, "dept.nothing >>> (((");
}

TEST(SourceContractTest, HouseholdKey) {
  std::string text = With("type = \"id_number\", required = true", "type = \"id_number\"");
  EXPECT_THAT(ErrorOf(text), HasSubstr("key: the key column 'id_number' is not required"));
  text = std::string(kMinimal);
  text.replace(text.find("key = \"id_number\""), 17, "key = \"household_id\"");
  EXPECT_THAT(ErrorOf(text), HasSubstr("key: no column has type \"household_id\""));
  text.replace(text.find("columns = [\n"), 12,
               "columns = [\n  { name = \"household\", header = \"户编号\", type = "
               "\"household_id\", required = true },\n");
  auto c = ParseSourceContract(text, "t.toml");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->key, SourceKey::kHouseholdId);
  EXPECT_EQ(c->KeyColumn().name, "household");
}

struct ErrorCase {
  std::string from;
  std::string to;
  std::string message;  // a part of the expected message
};

TEST(SourceContractTest, EveryErrorNamesFileAndKeyPath) {
  const ErrorCase cases[] = {
      {"title = \"测试\"", "title = \"测试", "test.toml:2:"},
      {"title = ", "titel = ", "test.toml:2:1: titel: unknown key; did you mean 'title'?"},
      {"name = \"test_source\"", "", "test.toml:1:1: name: missing; add name = "},
      {"name = \"test_source\"", "name = \"Test-Source\"", "name: 'Test-Source' is not a name"},
      {"name = \"test_source\"", "name = 3", "name: must be a string, not an integer"},
      {"department = \"测试局\"", "department = \"  \"", "department: is empty"},
      {"\"monthly\"", "\"fortnightly\"",
       "test.toml:4:13: frequency: unknown frequency 'fortnightly'; use one of daily, weekly"},
      {"key = \"id_number\"", "key = \"passport\"", "key: unknown key 'passport'"},
      {"\"month_of:paid_on\"", "\"month:paid_on\"", "period: 'month:paid_on' is not <unit>_of"},
      {"\"month_of:paid_on\"", "\"decade_of:paid_on\"", "is not <unit>_of:<date column>"},
      {"\"month_of:paid_on\"", "\"month_of:paid\"", "period: no column 'paid' is declared"},
      {"\"month_of:paid_on\"", "\"month_of:amount\"", "period: column 'amount' is money"},
      {"event_date = \"paid_on\"", "event_date = \"when\"",
       "event_date: no column 'when' is declared"},
      {"columns = [", "colums = [", "test.toml:8:1: colums: unknown key; did you mean 'columns'?"},
      {"type = \"money\"", "type = \"monye\"",
       "test.toml:10:65: columns[1].type: unknown type 'monye'; use one of id_number, "},
      {"type = \"money\"", "type = \"money\", width = 3", "columns[1].width: unknown key"},
      {"name = \"amount\"", "name = \"id_number\"",
       "columns[1].name: column 'id_number' is declared twice"},
      {"header = \"发放日期\"", "header = \"\u3000\"", "columns[2].header: is empty"},
      {"header = \"发放日期\"", "header = \"身份证号\"",
       "columns[2].header: header '身份证号' is already used by columns[0].header"},
      {"header = \"发放日期\"", "header = \"公民身份号码\"",
       "header '公民身份号码' is already used by columns[0].aliases[0]"},
      {"aliases = [\"金额\"]", "aliases = [\"金额(元)\"]",
       "columns[1].aliases[0]: header '金额(元)' is already used by columns[1].header"},
      {"aliases = [\"金额\"]", "aliases = [\"金额\", \"\"]", "columns[1].aliases[1]: is empty"},
      {"aliases = [\"金额\"]", "aliases = \"金额\"", "columns[1].aliases: must be an array"},
      {"type = \"money\", required = true", "type = \"money\", required = \"yes\"",
       "columns[1].required: must be true or false, not a string"},
      {"type = \"enum\", values = { \"低保\" = \"dibao\", \"特困\" = \"tekun\" }",
       "type = \"enum\"", "columns[3].values: missing for an enum column"},
      {"type = \"enum\", values = { \"低保\" = \"dibao\", \"特困\" = \"tekun\" }",
       "type = \"enum\", values = { \"低保\" = 1 }",
       "columns[3].values.\"低保\": must be a string, not an integer"},
      {"type = \"enum\",", "type = \"text\",", "columns[3].values: only an enum column has values"},
      {"{ name = \"id_number\", header = \"身份证号\", aliases = [\"公民身份号码\"], type = "
       "\"id_number\", required = true },",
       "", "key: no column has type \"id_number\""},
      {"aggregate = \"sum(amount) over 12 months\"", "aggregate = \"sum(amt) over 12 months\"",
       "fact[0].aggregate: no column 'amt' is declared"},
      {"aggregate = \"sum(amount) over 12 months\"", "aggregate = \"total(amount)\"",
       "fact[0].aggregate: unknown function 'total'"},
      {"aggregate = \"sum(amount) over 12 months\"", "aggregate = \"sum(kind)\"",
       "sum needs a money, integer or decimal column; 'kind' is enum"},
      {"aggregate = \"sum(amount) over 12 months\"", "aggregate = \"sum(amount) over a year\"",
       "must end with \" over <1-120> months\""},
      {"aggregate = \"sum(amount) over 12 months\"", "aggregate = \"sum(*)\"",
       "only count takes *"},
      {"aggregate = \"sum(amount) over 12 months\"", "aggregate = \"amount\"",
       "is not <function>(<column>)"},
      {"[[fact]]\nname = \"paid_12m\"",
       "[[fact]]\nname = \"x\"\naggregate = \"count(*)\"\n[[fact]]\nname = \"x\"",
       "fact[1].name: fact 'x' is declared twice"},
      {"[[fact]]", "[fact]", "fact: must be an array of tables, not a table"},
      {"when = \"dept.paid_12m > 0\"\n", "", "warning[0].when: missing; add when = "},
      {"type = \"sudden_hardship\"", "type = \"urgent\"",
       "warning[0].type: unknown object type 'urgent'"},
      {"type = \"sudden_hardship\"", "type = \"guarantee_gap\"", "unknown object type"},
      {"\"R01\", \"因学\"", "\"R01\", \"R13\"", "warning[0].risks[1]: unknown risk 'R13'"},
      {"message = \"有发放\"", "mesage = \"有发放\"",
       "warning[0].mesage: unknown key; did you mean 'message'?"},
      {"field = \"member.med_insured\"", "field = \"person.med_insured\"",
       "update[0].field: 'person.med_insured' is not member.<field> or household.<field>"},
      {"value = \"true\"", "value = \"true\"\ncolumn = \"amount\"",
       "update[0]: both value and column are given"},
      {"value = \"true\"", "", "update[0]: neither value nor column"},
      {"value = \"true\"", "column = \"insured\"", "update[0].column: no column 'insured'"},
      {"field = \"member.med_insured\"\n", "", "update[0].field: missing"},
      {"risks = [\"R01\", \"因学\"]", "risks = \"R01\"", "warning[0].risks: must be an array"},
      {"\"R01\", \"因学\"", "\"R01\", 2", "warning[0].risks[1]: must be a string, not an integer"},
      {"aliases = [\"金额\"]", "aliases = [3]", "columns[1].aliases[0]: must be a string"},
      {"values = { \"低保\" = \"dibao\", \"特困\" = \"tekun\" }", "values = {}",
       "columns[3].values: is empty"},
      {"aggregate = \"sum(amount) over 12 months\"\n", "", "fact[0].aggregate: missing"},
      {"\"month_of:paid_on\"", "\"upload\"", "(parsed)"},
      {"columns = [\n", "columns = [\n  \"id_number\",\n",
       "columns[0]: must be a table, not a string"},
  };
  for (const ErrorCase& c : cases) {
    const std::string message = ErrorOf(With(c.from, c.to));
    if (c.message == "(parsed)") {
      EXPECT_EQ(message, c.message) << c.to;
      continue;
    }
    EXPECT_THAT(message, StartsWith("test.toml:")) << c.to;
    EXPECT_THAT(message, HasSubstr(c.message)) << c.to;
  }
}

TEST(SourceContractTest, ColumnsMissingOrEmpty) {
  std::string no_columns = kMinimal.substr(0, kMinimal.find("columns = ["));
  EXPECT_THAT(ErrorOf(no_columns), HasSubstr("test.toml:1:1: columns: missing"));
  std::string empty = no_columns + "columns = []\n";
  EXPECT_THAT(ErrorOf(empty), HasSubstr("columns: is empty"));
}

TEST(SourceContractTest, FoldedHeadersCountAsTheSame) {
  // "金额（元）" and " 金额(元) " fold to the same header.
  EXPECT_THAT(ErrorOf(With("header = \"发放日期\"", "header = \" 金额(元) \"")),
              HasSubstr("already used by columns[1].header"));
}

// Every shipped contract parses, is built in, and has its key column.
TEST(SourceContractTest, ShippedContractsAreBuiltIn) {
  std::set<std::string> files;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(XJ_SOURCE_DIR) + "/config/sources")) {
    if (entry.path().extension() != ".toml") continue;
    const std::string name = entry.path().stem().string();
    files.insert(name);
    auto parsed = ParseSourceContract(ReadText(entry.path()), entry.path().filename().string());
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    EXPECT_EQ(parsed->name, name) << "the file name is the source's name";
    const SourceContract* built_in = FindBuiltinContract(name);
    ASSERT_NE(built_in, nullptr) << name << " is not in src/ingest/builtin_sources.inc";
    EXPECT_EQ(built_in->columns.size(), parsed->columns.size());
  }
  std::set<std::string> built_in;
  for (const SourceContract& c : BuiltinContracts()) {
    EXPECT_TRUE(built_in.insert(c.name).second) << "twice: " << c.name;
    const ContractColumn& key = c.KeyColumn();
    EXPECT_TRUE(key.type == ColumnType::kIdNumber || key.type == ColumnType::kHouseholdId)
        << c.name;
    EXPECT_TRUE(key.required) << c.name;
    EXPECT_EQ(c.origin, "config/sources/" + c.name + ".toml");
  }
  EXPECT_EQ(built_in, files);
}

// The departments of DOMAIN.md §9.1, each with its contract.
TEST(SourceContractTest, EveryDepartmentOfDomainHasAContract) {
  for (const char* name :
       {"medical_insurance", "health", "education", "civil_affairs", "human_resources", "housing",
        "water", "disability", "emergency", "public_security", "agriculture", "market_regulation",
        "vehicles", "real_estate"}) {
    EXPECT_NE(FindBuiltinContract(name), nullptr) << name;
  }
  EXPECT_EQ(FindBuiltinContract("tax"), nullptr);
  // The sources whose feeds raise warnings (§9.1) have at least one; the others are for checks.
  for (const SourceContract& c : BuiltinContracts()) {
    const bool checks_only = c.name == "public_security" || c.name == "market_regulation" ||
                             c.name == "vehicles" || c.name == "real_estate";
    EXPECT_EQ(c.warnings.empty(), checks_only) << c.name;
    EXPECT_FALSE(c.facts.empty()) << c.name;
  }
}

TEST(SourceContractTest, BuiltinContractNamesListEverySourceInOrder) {
  const std::string names = BuiltinContractNames();
  EXPECT_TRUE(names.starts_with("agriculture, civil_affairs, disability, ")) << names;
  EXPECT_TRUE(names.ends_with(", vehicles, water")) << names;
  std::string expected;
  for (const SourceContract& c : BuiltinContracts()) {
    expected += (expected.empty() ? "" : ", ") + c.name;
  }
  EXPECT_EQ(names, expected);
}

TEST(SourceContractTest, Names) {
  EXPECT_EQ(SourceFrequencyName(SourceFrequency::kOnEvent), "on_event");
  EXPECT_EQ(SourceKeyName(SourceKey::kHouseholdId), "household_id");
  EXPECT_EQ(ColumnTypeName(ColumnType::kEnum), "enum");
}

}  // namespace
}  // namespace xianjie::ingest
