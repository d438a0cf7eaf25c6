// What only the SQLite store promises about standards and screening runs beyond the contract:
// they survive reopening, a registry written before migration 0002 or 0003 is upgraded in place
// (keeping the standard in force), a run and a load are all or nothing, they wait for an open
// import's write lock, and the rows follow the schema's conventions.
#include <gtest/gtest.h>

#include <string>
#include <tuple>

#include "store/sqlite/sqlite_store.h"
#include "store/sqlite_test_support.h"
#include "store/store_contract_test.h"

namespace xianjie::store::testing {
namespace {

using rules::HouseholdResult;
using rules::ScreeningRun;
using rules::StoredStandard;

StoredStandard Standard(const std::string& hash) {
  return {.content_hash = hash,
          .province = "630000",
          .county = "",
          .year = 2024,
          .name = "青海省 2024",
          .origin = "qinghai-2024.toml",
          .toml = "[standard]\n",
          .loaded_at = "2026-11-29T02:00:00Z",
          .user = "张三"};
}

ScreeningRun MakeRun() {
  ScreeningRun r;
  r.standard_hash = "std-a";
  r.province = "630000";
  r.year = 2024;
  r.started_at = "2026-11-29T03:04:05Z";
  r.seconds = 0.25;
  r.registry_batch = 1;
  r.incremental = true;
  r.evaluated = 10;
  r.flagged = 2;
  r.counts_json = "{}";
  r.user = "李四";
  return r;
}

std::vector<HouseholdResult> Results(std::initializer_list<const char*> ids) {
  std::vector<HouseholdResult> results;
  for (const char* id : ids) {
    results.push_back({.household_id = id,
                       .rules = "income_below_line",
                       .proposed_type = "A",
                       .risks = "R01",
                       .per_capita_fen = 400'000,
                       .new_warning = true});
  }
  return results;
}

class SqliteScreeningTest : public ::testing::Test {
 protected:
  std::unique_ptr<SqlStore> Open(int busy_timeout_ms = 5000) {
    auto store = SqliteStore::Open(db_, OpenMode::kCreate, {.busy_timeout_ms = busy_timeout_ms});
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(*store) : nullptr;
  }

  TempDir dir_;
  std::string db_ = dir_ / "registry.db";
};

TEST_F(SqliteScreeningTest, StandardsAndRunsSurviveReopening) {
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    XJ_ASSERT_OK(store->PutStandard(Standard("std-a")));
    XJ_ASSERT_OK(store->PutRun(MakeRun(), Results({"H1", "H2"})));
  }
  auto store = Open();
  ASSERT_NE(store, nullptr);
  auto standard = store->GetStandard("std-a");
  XJ_ASSERT_OK(standard);
  ASSERT_TRUE(standard->has_value());
  EXPECT_EQ(**standard, Standard("std-a"));
  auto run = store->GetRun(1);
  XJ_ASSERT_OK(run);
  ASSERT_TRUE(run->has_value());
  ScreeningRun expected = MakeRun();
  expected.run_id = 1;
  EXPECT_EQ(**run, expected);
  EXPECT_EQ(store->RunResults(1)->size(), 2u);
  auto next = store->PutRun(MakeRun(), {});
  XJ_ASSERT_OK(next);
  EXPECT_EQ(*next, 2);
}

// The tables of migrations 0006, 0007, 0008, 0010, 0011, 0012, 0013 and 0014, dropped to take a
// database back to an older schema (0012's and 0014's triggers and indexes go with the case
// tables).
constexpr char kDrop0006[] =
    "DROP TABLE case_data_change; DROP TABLE sample_result; DROP TABLE sample_unit; DROP TABLE "
    "sample_draw; "
    "DROP TABLE assessment_config; DROP TABLE change_stamp; "
    "DROP TABLE measure_catalog; DROP TABLE visit; DROP TABLE responsible_person; "
    "DROP TABLE assist_plan; "
    "DROP TABLE dept_warning; DROP TABLE dept_row; DROP TABLE upload; DROP TABLE source_file; "
    "DROP TABLE finding; "
    "DROP TABLE case_event; DROP TABLE case_record; DROP TABLE lead; DROP TABLE case_attachment; "
    "DROP TABLE episode; DROP TABLE workflow_limits; DROP TABLE measure; "
    "DROP TABLE application; ";

TEST_F(SqliteScreeningTest, ARegistryFromBeforeMigration2IsUpgradedInPlace) {
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    XJ_ASSERT_OK(CommitBatch(*store, {MakeVersion(MakeRecord("H1", 2), 1)}));
  }
  {
    // Take the database back to schema version 1, as an older xianjie left it.
    RawDb raw(db_);
    ASSERT_EQ(raw.Exec(std::string(kDrop0006) + "DROP TABLE session; DROP TABLE app_user; "
                                                "DROP TABLE audit_log; DROP TABLE standard_load; "
                                                "DROP TABLE screening_result; "
                                                "DROP TABLE screening_run; DROP TABLE standard; "
                                                "DELETE FROM schema_migrations WHERE version >= 2"),
              "");
  }
  auto store = SqliteStore::Open(db_, OpenMode::kExisting);
  XJ_ASSERT_OK(store);
  EXPECT_EQ(ScannedIds(**store), std::vector<std::string>{"H1"});
  XJ_ASSERT_OK((*store)->PutStandard(Standard("std-a")));
  XJ_ASSERT_OK((*store)->PutRun(MakeRun(), Results({"H1"})));
  XJ_ASSERT_OK((*store)->LoadStandard(Standard("std-a")));
  RawDb raw(db_);
  EXPECT_EQ(raw.Text("SELECT name FROM schema_migrations WHERE version = 2"), "0002_screening");
  EXPECT_EQ(raw.Text("SELECT name FROM schema_migrations WHERE version = 3"), "0003_standard_load");
}

// Rows of the standard table as schema version 2 wrote them: its in force was the highest
// standard_id of a scope, whatever the time; the fourth row was recorded by `xianjie screen`.
constexpr char kSchema2Standards[] =
    "INSERT INTO standard (standard_id, content_hash, province, county, year, name, origin, toml, "
    "loaded_at, user_name) VALUES "
    "(1, 'std-a', '630000', '', 2024, 'A', 'a.toml', '[a]', '2026-11-29T09:00:00Z', '张三'), "
    "(2, 'std-c', '630000', '630102', 2024, 'C', 'c.toml', '[c]', '2026-11-29T10:00:00Z', '李四'), "
    "(3, 'std-b', '630000', '', 2024, 'B', 'b.toml', '[b]', '2026-11-29T01:00:00Z', '王五'), "
    "(4, 'std-d', '630000', '', 2025, 'D', 'built-in', '[d]', '', '赵六')";

TEST_F(SqliteScreeningTest, ASchema2DatabaseKeepsItsStandardsInForce) {
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
  }
  {
    // Take the database back to schema version 2, with standards as that version stored them.
    RawDb raw(db_);
    ASSERT_EQ(raw.Exec(std::string(kDrop0006) + "DROP TABLE session; DROP TABLE app_user; "
                                                "DROP TABLE audit_log; DROP TABLE standard_load; "
                                                "DELETE FROM schema_migrations WHERE version >= 3"),
              "");
    ASSERT_EQ(raw.Exec(kSchema2Standards), "");
  }
  auto store = SqliteStore::Open(db_, OpenMode::kExisting);
  XJ_ASSERT_OK(store);
  // One load per standard, in standard_id order, with the stored time, user and origin.
  auto loads = (*store)->ListLoads();
  XJ_ASSERT_OK(loads);
  ASSERT_EQ(loads->size(), 4u);
  const char* hashes[] = {"std-a", "std-c", "std-b", "std-d"};
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ((*loads)[i].load_id, static_cast<int64_t>(i + 1));
    EXPECT_EQ((*loads)[i].content_hash, hashes[i]);
  }
  EXPECT_EQ((*loads)[2], (rules::StandardLoad{.load_id = 3,
                                              .content_hash = "std-b",
                                              .province = "630000",
                                              .county = "",
                                              .year = 2024,
                                              .loaded_at = "2026-11-29T01:00:00Z",
                                              .user = "王五",
                                              .origin = "b.toml"}));
  for (auto [county, year, hash] : {std::tuple<const char*, int, const char*>{"", 2024, "std-b"},
                                    {"630102", 2024, "std-c"},
                                    {"", 2025, "std-d"}}) {
    auto latest = (*store)->LatestStandard("630000", county, year);
    XJ_ASSERT_OK(latest);
    ASSERT_TRUE(latest->has_value()) << county << " " << year;
    EXPECT_EQ((*latest)->content_hash, hash);
  }
  // What the migration is for: the earlier standard can be put back in force.
  XJ_ASSERT_OK((*store)->LoadStandard(Standard("std-a")));
  EXPECT_EQ((*(*store)->LatestStandard("630000", "", 2024))->content_hash, "std-a");
  RawDb raw(db_);
  EXPECT_EQ(raw.Text("SELECT name FROM schema_migrations WHERE version = 3"), "0003_standard_load");
}

TEST_F(SqliteScreeningTest, ALoadThatFailsMidwayLeavesNothing) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  {
    RawDb raw(db_);
    ASSERT_EQ(raw.Exec("CREATE TRIGGER planted BEFORE INSERT ON standard_load "
                       "BEGIN SELECT RAISE(ABORT, 'planted'); END"),
              "");
  }
  auto failed = store->LoadStandard(Standard("std-a"));
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("loading standard '青海省 2024'"), std::string::npos)
      << failed.status().message();
  EXPECT_TRUE(store->ListStandards()->empty());  // the content was not stored either
  EXPECT_TRUE(store->ListLoads()->empty());
  {
    RawDb raw(db_);
    ASSERT_EQ(raw.Exec("DROP TRIGGER planted"), "");
  }
  auto next = store->LoadStandard(Standard("std-a"));
  XJ_ASSERT_OK(next);
  EXPECT_EQ(*next, 1);
}

TEST_F(SqliteScreeningTest, ARunThatFailsMidwayLeavesNothing) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  {
    RawDb raw(db_);
    ASSERT_EQ(raw.Exec("CREATE TRIGGER planted BEFORE INSERT ON screening_result "
                       "WHEN NEW.household_id = 'H3' BEGIN SELECT RAISE(ABORT, 'planted'); END"),
              "");
  }
  auto failed = store->PutRun(MakeRun(), Results({"H1", "H2", "H3", "H4"}));
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("storing the screening run of 630000 2024"),
            std::string::npos)
      << failed.status().message();
  EXPECT_TRUE(store->ListRuns()->empty());
  {
    RawDb raw(db_);
    EXPECT_EQ(raw.Int("SELECT count(*) FROM screening_result"), 0);
    ASSERT_EQ(raw.Exec("DROP TRIGGER planted"), "");
  }
  auto next = store->PutRun(MakeRun(), Results({"H1", "H2", "H3", "H4"}));
  XJ_ASSERT_OK(next);
  EXPECT_EQ(*next, 1);
  EXPECT_EQ(store->RunResults(1)->size(), 4u);
}

TEST_F(SqliteScreeningTest, ARunWaitsForAnOpenImportThenIsBusy) {
  auto store = Open(/*busy_timeout_ms=*/50);
  ASSERT_NE(store, nullptr);
  {
    auto writer = store->BeginBatch(MakeBatchInfo());
    XJ_ASSERT_OK(writer);
    auto run = store->PutRun(MakeRun(), Results({"H1"}));
    ASSERT_FALSE(run.ok());
    EXPECT_EQ(run.status().code(), StatusCode::kIoError);
    EXPECT_NE(run.status().message().find("busy with another import"), std::string::npos)
        << run.status().message();
    EXPECT_EQ(store->PutStandard(Standard("std-a")).code(), StatusCode::kIoError);
    EXPECT_EQ(store->LoadStandard(Standard("std-a")).status().code(), StatusCode::kIoError);
    XJ_ASSERT_OK((*writer)->Commit("{}"));
  }
  auto run = store->PutRun(MakeRun(), Results({"H1"}));
  XJ_ASSERT_OK(run);
  EXPECT_EQ(*run, 1);
}

TEST_F(SqliteScreeningTest, RowsFollowTheSchemaConventions) {
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    XJ_ASSERT_OK(store->PutStandard(Standard("std-a")));
    XJ_ASSERT_OK(store->LoadStandard(Standard("std-a")));
    XJ_ASSERT_OK(store->PutRun(MakeRun(), Results({"H1"})));
  }
  RawDb raw(db_);
  EXPECT_EQ(raw.Int("SELECT standard_id FROM standard WHERE content_hash = 'std-a'"), 1);
  EXPECT_EQ(raw.Text("SELECT user_name FROM standard"), "张三");
  EXPECT_EQ(raw.Text("SELECT load_id || ' ' || content_hash || ' ' || loaded_at || ' ' || "
                     "user_name || ' ' || origin FROM standard_load"),
            "1 std-a 2026-11-29T02:00:00Z 张三 qinghai-2024.toml");
  EXPECT_EQ(raw.Text("SELECT typeof(seconds) || ' ' || seconds FROM screening_run"), "real 0.25");
  EXPECT_EQ(raw.Int("SELECT incremental FROM screening_run"), 1);
  EXPECT_EQ(raw.Int("SELECT new_warning FROM screening_result"), 1);
  EXPECT_EQ(raw.Int("SELECT per_capita_fen FROM screening_result"), 400'000);
}

}  // namespace
}  // namespace xianjie::store::testing
