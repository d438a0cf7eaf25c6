// exchange::ComputeFacts: each aggregate of a contract's [[fact]]s, windows, and damaged rows.
#include "exchange/facts.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace xianjie::exchange {
namespace {

constexpr char kContract[] = R"toml(
name = "test_source"
title = "测试"
department = "测试局"
frequency = "monthly"
key = "id_number"
period = "month_of:on"
event_date = "on"
columns = [
  { name = "id", header = "身份证号", type = "id_number", required = true },
  { name = "amount", header = "金额", type = "money" },
  { name = "state", header = "状态", type = "enum", values = { "新增" = "new", "停止" = "stopped" } },
  { name = "flag", header = "标记", type = "bool" },
  { name = "on", header = "日期", type = "date", required = true },
]
[[fact]]
name = "amount_12m"
aggregate = "sum(amount) over 12 months"
[[fact]]
name = "amount_max"
aggregate = "max(amount)"
[[fact]]
name = "amount_min"
aggregate = "min(amount)"
[[fact]]
name = "rows_12m"
aggregate = "count(*) over 12 months"
[[fact]]
name = "state"
aggregate = "latest(state)"
[[fact]]
name = "flagged"
aggregate = "any(flag)"
[[fact]]
name = "last_on"
aggregate = "latest(on)"
)toml";

DeptRow Row(int64_t upload, int64_t row, const std::string& date, const std::string& values) {
  DeptRow r;
  r.upload_id = upload;
  r.row = row;
  r.source = "test_source";
  r.key = "630102199001011234";
  r.household_id = "A01";
  r.period = date.substr(0, 7);
  r.event_date = date;
  // As the row mapper writes them, with the row's date column.
  r.values_json = values.starts_with('{') ? "{\"on\":\"" + date + "\"," + values.substr(1) : values;
  return r;
}

class FactsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto parsed = ingest::ParseSourceContract(kContract, "test_source.toml");
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    contract_ = *parsed;
  }
  std::vector<FactValue> Compute(const std::vector<DeptRow>& rows, CivilDate as_of) {
    std::vector<const DeptRow*> pointers;
    for (const DeptRow& r : rows) pointers.push_back(&r);
    auto facts = ComputeFacts(contract_, pointers, as_of);
    EXPECT_TRUE(facts.ok()) << facts.status().ToString();
    return facts.ok() ? *facts : std::vector<FactValue>{};
  }
  ingest::SourceContract contract_;
};

TEST_F(FactsTest, AggregatesOverTheWindow) {
  const std::vector<DeptRow> rows = {
      Row(1, 2, "2025-11-20", R"({"amount":"100.00","state":"new","flag":false})"),
      Row(1, 3, "2025-11-21", R"({"amount":250.5,"state":"new"})"),
      Row(2, 2, "2026-06-01", R"({"amount":"40.25","state":"stopped","flag":true})"),
      Row(3, 2, "2026-11-19", R"({"state":"new"})"),
  };
  const auto facts = Compute(rows, CivilDate::FromYmd(2026, 11, 20));
  ASSERT_EQ(facts.size(), 7u);
  // The 12 months ending 2026-11-20 begin on 2025-11-21: the first row is outside.
  EXPECT_EQ(facts[0], (FactValue{true, 25050 + 4025, ""}));
  EXPECT_EQ(facts[1].number, 25050);  // max over every row
  EXPECT_EQ(facts[2].number, 4025);   // min
  EXPECT_EQ(facts[3], (FactValue{true, 3, ""}));
  EXPECT_EQ(facts[4].text, "new");  // the latest row's state
  EXPECT_EQ(facts[5], (FactValue{true, 1, ""}));
  EXPECT_EQ(facts[6].text, "2026-11-19");
}

TEST_F(FactsTest, NothingToAggregate) {
  const auto facts = Compute({}, CivilDate::FromYmd(2026, 11, 20));
  ASSERT_EQ(facts.size(), 7u);
  EXPECT_EQ(facts[0], (FactValue{true, 0, ""}));  // a sum of nothing is 0
  EXPECT_FALSE(facts[1].present);                 // a max of nothing is not known
  EXPECT_EQ(facts[3], (FactValue{true, 0, ""}));
  EXPECT_FALSE(facts[4].present);
  EXPECT_EQ(facts[5], (FactValue{true, 0, ""}));  // any of nothing is false
}

TEST_F(FactsTest, RowsAfterTheDayAreLeftOutOfWindows) {
  const auto facts =
      Compute({Row(1, 2, "2026-12-01", R"({"amount":"5"})")}, CivilDate::FromYmd(2026, 11, 20));
  EXPECT_EQ(facts[0].number, 0);
  EXPECT_EQ(facts[3].number, 0);
}

TEST_F(FactsTest, KindsFollowFunctionAndColumn) {
  EXPECT_EQ(KindOf(contract_, contract_.facts[0]), FactKind::kMoney);
  EXPECT_EQ(KindOf(contract_, contract_.facts[3]), FactKind::kInteger);
  EXPECT_EQ(KindOf(contract_, contract_.facts[4]), FactKind::kEnum);
  EXPECT_EQ(KindOf(contract_, contract_.facts[5]), FactKind::kBool);
  EXPECT_EQ(KindOf(contract_, contract_.facts[6]), FactKind::kDate);
}

TEST_F(FactsTest, DamagedValuesAreAnError) {
  DeptRow bad = Row(7, 9, "2026-01-01", "not json");
  const DeptRow* rows[] = {&bad};
  auto facts = ComputeFacts(contract_, rows, CivilDate::FromYmd(2026, 11, 20));
  ASSERT_FALSE(facts.ok());
  EXPECT_NE(facts.status().message().find("row 9 of upload 7"), std::string::npos);
}

}  // namespace
}  // namespace xianjie::exchange
