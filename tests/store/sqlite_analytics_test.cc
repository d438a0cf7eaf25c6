// What only the SQLite store promises about the analytics' reads (migration 0012): the change
// stamp of the case data moves with writes made by another process (another connection to the
// file) and by plain SQL, because triggers keep it in the writing transaction; a database of
// schema 0011 is upgraded in place with its cases, and its assessment settings survive reopening;
// the change log of migration 0014 logs plain SQL and keeps the latest changes only.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "store/case_builders.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_store.h"
#include "store/sqlite_test_support.h"
#include "store/store_contract_test.h"

namespace xianjie::store::testing {
namespace {

class SqliteAnalyticsTest : public ::testing::Test {
 protected:
  std::unique_ptr<SqlStore> Open() {
    auto store = SqliteStore::Open(db_, OpenMode::kCreate);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(*store) : nullptr;
  }
  static int64_t Stamp(SqlStore& store) {
    auto stamp = store.CaseDataStamp();
    EXPECT_TRUE(stamp.ok()) << stamp.status().ToString();
    return stamp.ok() ? *stamp : -1;
  }

  TempDir dir_;
  std::string db_ = dir_ / "registry.db";
};

TEST_F(SqliteAnalyticsTest, AnotherProcesssWriteMovesTheStamp) {
  auto reader = Open();
  auto writer = Open();  // another connection to the same file, as another process has
  ASSERT_NE(reader, nullptr);
  ASSERT_NE(writer, nullptr);
  const int64_t before = Stamp(*reader);
  XJ_ASSERT_OK(writer->OpenCases({MakeNewCase("H1")}));
  const int64_t after_case = Stamp(*reader);
  EXPECT_GT(after_case, before);
  // Plain SQL, through no store at all: the trigger still moves it.
  {
    RawDb raw(db_);
    ASSERT_EQ(raw.Exec("UPDATE case_record SET reason = 'x' WHERE case_id = 1"), "");
  }
  EXPECT_GT(Stamp(*reader), after_case);
}

TEST_F(SqliteAnalyticsTest, ASchema11DatabaseIsUpgradedWithItsCases) {
  {
    RawDb raw(db_);
    ASSERT_EQ(raw.Exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
                       "name TEXT NOT NULL, applied_at TEXT NOT NULL)"),
              "");
    for (const Migration& m : Migrations()) {
      if (m.version > 11) break;
      ASSERT_EQ(raw.Exec(m.sql), "") << m.name;
      ASSERT_EQ(raw.Exec("INSERT INTO schema_migrations VALUES (" + std::to_string(m.version) +
                         ", '" + std::string(m.name) + "', '2026-11-01T00:00:00Z')"),
                "");
    }
    ASSERT_EQ(raw.Int("SELECT count(*) FROM sqlite_schema WHERE name = 'change_stamp'"), 0);
  }
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    XJ_ASSERT_OK(store->OpenCases({MakeNewCase("H1")}));
    EXPECT_GT(Stamp(*store), 0);
    XJ_ASSERT_OK(store->PutAssessmentConfig({"63", 0, "text", "prov", "2026-01-01T00:00:00Z"}));
  }
  auto store = Open();
  ASSERT_NE(store, nullptr);
  auto latest = store->LatestAssessmentConfig("63");
  XJ_ASSERT_OK(latest);
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->version, 1);
  RawDb raw(db_);
  EXPECT_EQ(raw.Text("SELECT name FROM schema_migrations WHERE version = 12"), "0012_analytics");
  EXPECT_EQ(raw.Int("SELECT count(*) FROM schema_migrations"), LatestSchemaVersion());
}

// Migration 0014: plain SQL through no store is logged with its household (the old and the new
// one when a row moves), and the log keeps only the latest kCaseDataLogKept changes, after which
// an older point is not complete.
TEST_F(SqliteAnalyticsTest, PlainSqlIsLoggedWithItsHouseholds) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  XJ_ASSERT_OK(store->OpenCases({MakeNewCase("H1")}));
  auto start = store->CaseDataChangesAfter(-1);
  XJ_ASSERT_OK(start);
  {
    RawDb raw(db_);
    ASSERT_EQ(raw.Exec("UPDATE case_record SET household_id = 'H2' WHERE case_id = 1"), "");
    ASSERT_EQ(raw.Exec("DELETE FROM lead WHERE household_id = 'H1'"), "");
  }
  auto changes = store->CaseDataChangesAfter(start->last);
  XJ_ASSERT_OK(changes);
  EXPECT_TRUE(changes->complete);
  EXPECT_EQ(changes->households, (std::vector<std::string>{"H1", "H2"}));
  EXPECT_EQ(changes->last, start->last + 3);
}

TEST_F(SqliteAnalyticsTest, TheLogKeepsTheLatestChangesOnly) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  {
    RawDb raw(db_);
    ASSERT_EQ(raw.Exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                       "WHERE i < " +
                       std::to_string(cases::kCaseDataLogKept + 10) +
                       ") INSERT INTO case_data_change (household_id) SELECT 'H' || i FROM n"),
              "");
    EXPECT_EQ(raw.Int("SELECT count(*) FROM case_data_change"), cases::kCaseDataLogKept);
  }
  auto gone = store->CaseDataChangesAfter(5);
  XJ_ASSERT_OK(gone);
  EXPECT_FALSE(gone->complete);
  EXPECT_EQ(gone->last, cases::kCaseDataLogKept + 10);
  auto kept = store->CaseDataChangesAfter(10);  // the first kept is 11
  XJ_ASSERT_OK(kept);
  EXPECT_TRUE(kept->complete);
  EXPECT_EQ(kept->households.size(), static_cast<size_t>(cases::kCaseDataLogKept));
}

TEST_F(SqliteAnalyticsTest, AMissingStampIsDataLoss) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  {
    RawDb raw(db_);
    ASSERT_EQ(raw.Exec("DELETE FROM change_stamp"), "");
  }
  auto stamp = store->CaseDataStamp();
  ASSERT_FALSE(stamp.ok());
  EXPECT_EQ(stamp.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(stamp.status().message().find("change stamp of the case data is missing"),
            std::string::npos);
}

}  // namespace
}  // namespace xianjie::store::testing
