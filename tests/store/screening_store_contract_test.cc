// Storage contract of rules::ScreeningStore for screening runs, run once per backend: ids, round
// trip, results in household_id order, the refused inputs, the latest run of a scope, a
// household's results over runs. Standards and their loads: standard_store_contract_test.cc.
#include <string>
#include <vector>

#include "rules/screening_store.h"
#include "store/store_contract_test.h"

namespace xianjie::store::testing {
namespace {

using rules::HouseholdResult;
using rules::ScreeningRun;
using rules::StoredStandard;

class ScreeningStoreContractTest : public StoreContractTest {};

ScreeningRun MakeRun(const std::string& county = "", int year = 2024) {
  ScreeningRun r;
  r.standard_hash = "std-a";
  r.province = "630000";
  r.county = county;
  r.year = year;
  r.started_at = "2026-11-29T03:04:05Z";
  r.seconds = 0.123456789;
  r.registry_batch = 7;
  r.previous_run = 0;
  r.incremental = false;
  r.evaluated = 1000;
  r.screened = 990;
  r.flagged = 3;
  r.new_warnings = 2;
  r.counts_json = R"({"rules":{"income_below_line":2},"types":{"A":1}})";
  r.user = "李四";
  return r;
}

HouseholdResult MakeResult(const std::string& household_id, int seed = 0) {
  HouseholdResult r;
  r.household_id = household_id;
  r.rules = seed % 2 == 0 ? "income_below_line" : "income_below_line;medical_burden";
  r.proposed_type = seed % 2 == 0 ? "A" : "C";
  r.risks = seed % 3 == 0 ? "R01" : "R01;R09";
  r.per_capita_fen = 512'345 - seed;
  r.new_warning = seed % 2 == 1;
  return r;
}

std::vector<std::string> Ids(const std::vector<HouseholdResult>& results) {
  std::vector<std::string> ids;
  for (const auto& r : results) ids.push_back(r.household_id);
  return ids;
}

// --- runs

TEST_P(ScreeningStoreContractTest, RunIdsAreAssignedFromOne) {
  ScreeningRun run = MakeRun();
  run.run_id = 42;  // ignored
  for (int64_t expected = 1; expected <= 3; ++expected) {
    auto id = store().PutRun(run, {});
    XJ_ASSERT_OK(id);
    EXPECT_EQ(*id, expected);
  }
}

TEST_P(ScreeningStoreContractTest, AStoredRunReadsBackWhole) {
  ScreeningRun run = MakeRun("630102");
  run.previous_run = 5;
  run.incremental = true;
  run.seconds = 1.0 / 3.0;
  auto id = store().PutRun(run, {});
  XJ_ASSERT_OK(id);
  auto read = store().GetRun(*id);
  XJ_ASSERT_OK(read);
  ASSERT_TRUE(read->has_value());
  run.run_id = *id;
  EXPECT_EQ(**read, run);
}

TEST_P(ScreeningStoreContractTest, AnUnknownRunIsAbsent) {
  XJ_ASSERT_OK(store().PutRun(MakeRun(), {}));
  for (int64_t id : {0, -1, 2, 99}) {
    auto read = store().GetRun(id);
    XJ_ASSERT_OK(read);
    EXPECT_FALSE(read->has_value()) << id;
  }
}

TEST_P(ScreeningStoreContractTest, RunResultsReadBackWithTheirRunId) {
  std::vector<HouseholdResult> results = {MakeResult("H1", 0), MakeResult("H2", 1),
                                          MakeResult("H3", 2)};
  results[1].run_id = 77;  // ignored
  XJ_ASSERT_OK(store().PutRun(MakeRun(), {}));
  auto id = store().PutRun(MakeRun(), results);
  XJ_ASSERT_OK(id);
  ASSERT_EQ(*id, 2);
  auto read = store().RunResults(2);
  XJ_ASSERT_OK(read);
  for (HouseholdResult& r : results) r.run_id = 2;
  EXPECT_EQ(*read, results);
}

TEST_P(ScreeningStoreContractTest, RunResultsAreInHouseholdIdByteOrder) {
  // Byte order: digits < upper case < lower case < any multi-byte UTF-8 character.
  const std::vector<std::string> ids = {"0", "H10", "H9", "a", "é", "中"};
  std::vector<HouseholdResult> results;
  for (const auto& id : ids) results.push_back(MakeResult(id));
  auto id = store().PutRun(MakeRun(), results);
  XJ_ASSERT_OK(id);
  auto read = store().RunResults(*id);
  XJ_ASSERT_OK(read);
  EXPECT_EQ(Ids(*read), ids);
}

TEST_P(ScreeningStoreContractTest, ARunWithoutResultsOrAnUnknownRunHasNone) {
  auto id = store().PutRun(MakeRun(), {});
  XJ_ASSERT_OK(id);
  for (int64_t run : {*id, int64_t{2}, int64_t{0}}) {
    auto read = store().RunResults(run);
    XJ_ASSERT_OK(read);
    EXPECT_TRUE(read->empty()) << run;
  }
}

TEST_P(ScreeningStoreContractTest, ResultsOutOfOrderAreRefusedAndNothingIsStored) {
  std::vector<HouseholdResult> results = {MakeResult("H1"), MakeResult("H3"), MakeResult("H2")};
  auto id = store().PutRun(MakeRun(), results);
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.status().code(), StatusCode::kInvalidArgument);
  auto runs = store().ListRuns();
  XJ_ASSERT_OK(runs);
  EXPECT_TRUE(runs->empty());
  auto stored = store().RunResults(1);
  XJ_ASSERT_OK(stored);
  EXPECT_TRUE(stored->empty());
}

TEST_P(ScreeningStoreContractTest, AHouseholdGivenTwiceIsRefused) {
  std::vector<HouseholdResult> results = {MakeResult("H1"), MakeResult("H2", 0),
                                          MakeResult("H2", 1)};
  auto id = store().PutRun(MakeRun(), results);
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.status().code(), StatusCode::kInvalidArgument);
  auto runs = store().ListRuns();
  XJ_ASSERT_OK(runs);
  EXPECT_TRUE(runs->empty());
}

TEST_P(ScreeningStoreContractTest, AResultWithoutHouseholdIsRefused) {
  auto id = store().PutRun(MakeRun(), std::vector<HouseholdResult>{MakeResult("")});
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.status().code(), StatusCode::kInvalidArgument);
}

TEST_P(ScreeningStoreContractTest, RunsAreListedByRunId) {
  for (int year : {2024, 2023, 2025}) XJ_ASSERT_OK(store().PutRun(MakeRun("", year), {}));
  auto runs = store().ListRuns();
  XJ_ASSERT_OK(runs);
  ASSERT_EQ(runs->size(), 3u);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ((*runs)[i].run_id, static_cast<int64_t>(i + 1));
  EXPECT_EQ((*runs)[1].year, 2023);
}

TEST_P(ScreeningStoreContractTest, TheLatestRunIsTheHighestRunIdOfItsScope) {
  ScreeningRun late_start = MakeRun();
  late_start.started_at = "2026-12-31T00:00:00Z";       // the id decides, not the time written
  XJ_ASSERT_OK(store().PutRun(late_start, {}));         // 1
  XJ_ASSERT_OK(store().PutRun(MakeRun(), {}));          // 2
  XJ_ASSERT_OK(store().PutRun(MakeRun("630102"), {}));  // 3
  XJ_ASSERT_OK(store().PutRun(MakeRun("", 2025), {}));  // 4
  auto latest = store().LatestRun("630000", "", 2024);
  XJ_ASSERT_OK(latest);
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->run_id, 2);
  auto county = store().LatestRun("630000", "630102", 2024);
  XJ_ASSERT_OK(county);
  ASSERT_TRUE(county->has_value());
  EXPECT_EQ((*county)->run_id, 3);
}

TEST_P(ScreeningStoreContractTest, AScopeWithoutRunsHasNoLatest) {
  XJ_ASSERT_OK(store().PutRun(MakeRun("", 2024), {}));
  for (auto [county, year] : {std::pair<const char*, int>{"630102", 2024}, {"", 2023}}) {
    auto latest = store().LatestRun("630000", county, year);
    XJ_ASSERT_OK(latest);
    EXPECT_FALSE(latest->has_value()) << county << " " << year;
  }
}

TEST_P(ScreeningStoreContractTest, AHouseholdsResultsComeByRunId) {
  XJ_ASSERT_OK(store().PutRun(MakeRun(), std::vector{MakeResult("H1", 0), MakeResult("H2", 0)}));
  XJ_ASSERT_OK(store().PutRun(MakeRun(), std::vector{MakeResult("H1", 1)}));
  XJ_ASSERT_OK(store().PutRun(MakeRun(), std::vector{MakeResult("H2", 2)}));
  XJ_ASSERT_OK(store().PutRun(MakeRun(), std::vector{MakeResult("H0", 3), MakeResult("H2", 3)}));
  auto results = store().HouseholdResults("H2");
  XJ_ASSERT_OK(results);
  std::vector<HouseholdResult> expected = {MakeResult("H2", 0), MakeResult("H2", 2),
                                           MakeResult("H2", 3)};
  expected[0].run_id = 1;
  expected[1].run_id = 3;
  expected[2].run_id = 4;
  EXPECT_EQ(*results, expected);
}

TEST_P(ScreeningStoreContractTest, AHouseholdNeverFlaggedHasNoResults) {
  XJ_ASSERT_OK(store().PutRun(MakeRun(), std::vector{MakeResult("H1")}));
  auto results = store().HouseholdResults("H10");
  XJ_ASSERT_OK(results);
  EXPECT_TRUE(results->empty());
}

TEST_P(ScreeningStoreContractTest, ARunIsStoredWithoutARegistryBatch) {
  // Screening writes are independent of the registry's batches and change none of its counts.
  ASSERT_TRUE(CommitBatch(store(), {MakeVersion(MakeRecord("H1", 2), 1)}).ok());
  XJ_ASSERT_OK(store().PutStandard(MakeStandard("std-a")));
  XJ_ASSERT_OK(store().PutRun(MakeRun(), std::vector{MakeResult("H1")}));
  registry::RegistryCounts counts = Counts();
  EXPECT_EQ(counts.batches, 1);
  EXPECT_EQ(counts.versions, 1);
  auto last = store().LastCommittedBatch();
  XJ_ASSERT_OK(last);
  EXPECT_EQ(*last, 1);
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(Backends, ScreeningStoreContractTest, ::testing::ValuesIn(AllBackends()),
                         [](const ::testing::TestParamInfo<StoreBackend>& param) {
                           return param.param.name;
                         });

}  // namespace xianjie::store::testing
