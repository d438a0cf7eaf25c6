// Storage contract of the measures of cases::CaseStore (migration 0007), run once per backend:
// a new measure numbered and read back whole, replacing one by id, refusals that change nothing,
// and a household's measures by id.
#include <optional>
#include <string>
#include <vector>

#include "cases/case_store.h"
#include "cases/measure.h"
#include "store/store_contract_test.h"

namespace xianjie::store::testing {
namespace {

using cases::Measure;
using cases::MeasureCategory;
using cases::MeasureStatus;

// A measure whose every field is set, text with quotes, backslashes and Chinese, so that a
// column mixed up or mangled shows.
Measure MakeMeasure(const std::string& household) {
  Measure m;
  m.household_id = household;
  m.member_id_number = TestIdNumberEndingInX();
  m.category = MeasureCategory::kPublicPost;
  m.item = "生态护林员 \"岗位\" \\ 'A'";
  m.department = "县林草局";
  m.start = CivilDate::FromYmd(2026, 3, 15);
  m.end = CivilDate::FromYmd(2027, 3, 14);
  m.amount_fen = 1'000'000'000'001;
  m.status = MeasureStatus::kInProgress;
  m.risks = "R07;R08";
  m.recorded_by = "li.si";
  m.recorded_at = "2026-03-15T02:00:00Z";
  m.plan_id = 3;
  m.item_code = "ecological_ranger";
  return m;
}

class MeasureStoreContractTest : public StoreContractTest {
 protected:
  int64_t Put(const Measure& m) {
    auto id = store().PutMeasure(m);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }
  std::vector<Measure> Of(const std::string& household) {
    auto measures = store().MeasuresOf(household);
    EXPECT_TRUE(measures.ok()) << measures.status().ToString();
    return measures.ok() ? *measures : std::vector<Measure>{};
  }
};

TEST_P(MeasureStoreContractTest, ANewMeasureIsNumberedAndReadsBackWhole) {
  Measure m = MakeMeasure("H1");
  EXPECT_EQ(Put(m), 1);
  m.id = 1;
  EXPECT_EQ(Of("H1"), std::vector<Measure>{m});
  EXPECT_EQ(Put(MakeMeasure("H2")), 2);
}

TEST_P(MeasureStoreContractTest, OptionalFieldsReadBackUnset) {
  Measure m = MakeMeasure("H1");
  m.member_id_number = "";
  m.end.reset();
  m.department = "";
  m.risks = "";
  m.amount_fen = 0;
  m.plan_id = 0;
  m.item_code = "";
  ASSERT_EQ(Put(m), 1);
  m.id = 1;
  EXPECT_EQ(Of("H1"), std::vector<Measure>{m});
}

TEST_P(MeasureStoreContractTest, EveryCategoryAndStatusReadsBack) {
  std::vector<Measure> expected;
  for (MeasureCategory category : cases::kAllMeasureCategories) {
    for (MeasureStatus status : cases::kAllMeasureStatuses) {
      Measure m = MakeMeasure("H1");
      m.category = category;
      m.status = status;
      m.id = Put(m);
      expected.push_back(m);
    }
  }
  EXPECT_EQ(Of("H1"), expected);
}

TEST_P(MeasureStoreContractTest, AHouseholdsMeasuresAreByIdAndOnlyItsOwn) {
  Put(MakeMeasure("H1"));
  Put(MakeMeasure("H2"));
  Put(MakeMeasure("H1"));
  std::vector<int64_t> ids;
  for (const Measure& m : Of("H1")) ids.push_back(m.id);
  EXPECT_EQ(ids, (std::vector<int64_t>{1, 3}));
  EXPECT_EQ(Of("H3"), std::vector<Measure>{});
}

TEST_P(MeasureStoreContractTest, AMeasureWithAnIdReplacesTheStoredOne) {
  Measure m = MakeMeasure("H1");
  m.id = Put(m);
  Put(MakeMeasure("H1"));
  m.status = MeasureStatus::kDone;
  m.end = CivilDate::FromYmd(2026, 10, 31);
  m.item = "护林员岗位（已完成）";
  m.recorded_by = "wang.wu";
  m.plan_id = 4;  // moved into the episode's plan
  m.item_code = "forest_ranger";
  EXPECT_EQ(Put(m), m.id);
  std::vector<Measure> stored = Of("H1");
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0], m);
  EXPECT_EQ(stored[1].status, MeasureStatus::kInProgress);  // the other one is untouched
  m.end.reset();                                            // an end can be taken back
  EXPECT_EQ(Put(m), m.id);
  EXPECT_EQ(Of("H1")[0], m);
}

TEST_P(MeasureStoreContractTest, ReplacingAnUnknownMeasureIsNotFound) {
  Measure m = MakeMeasure("H1");
  m.id = 5;
  EXPECT_EQ(store().PutMeasure(m).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Of("H1"), std::vector<Measure>{});
}

TEST_P(MeasureStoreContractTest, AMeasureCannotMoveToAnotherHousehold) {
  Measure m = MakeMeasure("H1");
  m.id = Put(m);
  Measure moved = m;
  moved.household_id = "H2";
  auto put = store().PutMeasure(moved);
  EXPECT_EQ(put.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(put.status().message().find("H1"), std::string::npos) << put.status().message();
  EXPECT_EQ(Of("H1"), std::vector<Measure>{m});
  EXPECT_EQ(Of("H2"), std::vector<Measure>{});
}

TEST_P(MeasureStoreContractTest, AnInvalidMeasureIsRefusedNamingTheField) {
  Measure m = MakeMeasure("H1");
  m.end = CivilDate::FromYmd(2026, 3, 14);  // before the start
  auto put = store().PutMeasure(m);
  EXPECT_EQ(put.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(put.status().message().find("end"), std::string::npos) << put.status().message();
  m = MakeMeasure("");
  EXPECT_EQ(store().PutMeasure(m).status().code(), StatusCode::kInvalidArgument);
  m = MakeMeasure("H1");
  m.plan_id = -1;
  put = store().PutMeasure(m);
  EXPECT_EQ(put.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(put.status().message().find("plan_id"), std::string::npos) << put.status().message();
  m = MakeMeasure("H1");
  m.item_code = "Forest Ranger";
  put = store().PutMeasure(m);
  EXPECT_EQ(put.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(put.status().message().find("item_code"), std::string::npos) << put.status().message();
  EXPECT_EQ(Of("H1"), std::vector<Measure>{});
}

INSTANTIATE_TEST_SUITE_P(Backends, MeasureStoreContractTest, ::testing::ValuesIn(AllBackends()),
                         [](const ::testing::TestParamInfo<StoreBackend>& param) {
                           return param.param.name;
                         });

}  // namespace
}  // namespace xianjie::store::testing
