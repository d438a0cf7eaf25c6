// What only the SQLite store promises beyond the contract: data survives reopening, the rows
// follow the schema's conventions, a writer elsewhere makes BeginBatch fail as busy, a batch
// killed mid-way leaves the database as it was, and damaged rows are reported as data loss.
#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "registry/codes.h"
#include "store/sqlite_test_support.h"
#include "store/store_contract_test.h"

namespace xianjie::store::testing {
namespace {

using registry::HouseholdVersion;

class SqliteStoreTest : public ::testing::Test {
 protected:
  std::unique_ptr<SqlStore> Open(int busy_timeout_ms = 5000) {
    auto store = SqliteStore::Open(db_, OpenMode::kCreate, {.busy_timeout_ms = busy_timeout_ms});
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(*store) : nullptr;
  }

  TempDir dir_;
  std::string db_ = dir_ / "registry.db";
};

TEST_F(SqliteStoreTest, EverythingSurvivesReopening) {
  registry::Region regions[] = {{*RegionCode::Parse("63"), "青海省"}};
  HouseholdVersion v1 = MakeVersion(MakeRecord("H1", 3, 1), 1);
  HouseholdVersion v2 = MakeVersion(MakeRecord("H1", 2, 2), 2);
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    XJ_ASSERT_OK(store->ReplaceRegions(regions));
    XJ_ASSERT_OK(CommitBatch(*store, {v1}, "{\"n\":1}"));
    auto writer = store->BeginBatch(MakeBatchInfo("李四"));
    XJ_ASSERT_OK(writer);
    XJ_ASSERT_OK((*writer)->PutVersion(v2));
    XJ_ASSERT_OK((*writer)->PutQuarantine({0, "m.csv", 4, "sex", "member.sex", "?", "m", "r"}));
    XJ_ASSERT_OK((*writer)->Commit("{\"n\":2}"));
  }
  auto store = Open();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(*store->LoadRegions(),
            std::vector<registry::Region>(std::begin(regions), std::end(regions)));
  auto history = store->History("H1");
  XJ_ASSERT_OK(history);
  ASSERT_EQ(history->size(), 2u);
  v1.batch_id = 1;
  v2.batch_id = 2;
  EXPECT_EQ((*history)[0], v1);
  EXPECT_EQ((*history)[1], v2);
  auto batch = store->GetBatch(2);
  XJ_ASSERT_OK(batch);
  ASSERT_TRUE(batch->has_value());
  EXPECT_EQ((*batch)->user, "李四");
  EXPECT_EQ((*batch)->report_json, "{\"n\":2}");
  EXPECT_EQ(store->Quarantine(2)->size(), 1u);
  EXPECT_EQ(store->Counts()->versions, 2);
}

TEST_F(SqliteStoreTest, RowsFollowTheSchemaConventions) {
  registry::HouseholdRecord r = MakeRecord("H1", 1);
  r.household.prev_net_income.reset();
  r.household.wage_income = Money::FromFen(1'234'567);
  r.members[0].relation = registry::Relation::kHead;
  r.members[0].school_stage = registry::SchoolStage::kVocational;
  r.members[0].birth_date = CivilDate::FromYmd(1987, 6, 5);
  HouseholdVersion v = MakeVersion(r, 1);
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    XJ_ASSERT_OK(CommitBatch(*store, {v}));
  }
  RawDb raw(db_);
  EXPECT_EQ(raw.Int("SELECT wage_income FROM household_version"), 1'234'567);
  EXPECT_EQ(raw.Text("SELECT typeof(prev_net_income) FROM household_version"), "null");
  EXPECT_EQ(raw.Int("SELECT village_code FROM household_version"), 630102001001);
  EXPECT_EQ(raw.Int("SELECT content_hash FROM household_version"),
            static_cast<int64_t>(v.content_hash));
  EXPECT_EQ(raw.Int("SELECT birth_date FROM member_version"), 19870605);
  EXPECT_EQ(raw.Text("SELECT c.code FROM member_version m JOIN code c "
                     "ON c.kind = 'school_stage' AND c.value = m.school_stage"),
            "vocational");
  EXPECT_EQ(raw.Text("SELECT as_of FROM batch"), "2026-10-31");
}

TEST_F(SqliteStoreTest, TheCodeTableMatchesTheRegistryCodes) {
  ASSERT_NE(Open(), nullptr);
  RawDb raw(db_);
  auto check = [&raw](const char* kind, auto e) {
    auto codes = registry::CodesOf(e);
    std::string where = std::string("FROM code WHERE kind = '") + kind + "'";
    EXPECT_EQ(raw.Int("SELECT count(*) " + where), static_cast<int64_t>(codes.size())) << kind;
    for (size_t i = 0; i < codes.size(); ++i) {
      std::string row = where + " AND value = " + std::to_string(i);
      EXPECT_EQ(raw.Text("SELECT code " + row), codes[i].code) << kind << i;
      EXPECT_EQ(raw.Text("SELECT label_zh " + row), codes[i].label_zh) << kind << i;
    }
  };
  check("status", registry::HouseholdStatus{});
  check("relation", registry::Relation{});
  check("sex", registry::Sex{});
  check("labor", registry::Labor{});
  check("health", registry::Health{});
  check("school_stage", registry::SchoolStage{});
}

TEST_F(SqliteStoreTest, AWriterElsewhereMakesWritesBusyButNotReads) {
  auto store = Open(/*busy_timeout_ms=*/50);
  ASSERT_NE(store, nullptr);
  XJ_ASSERT_OK(CommitBatch(*store, {MakeVersion(MakeRecord("H1", 2), 1)}));
  RawDb other(db_);  // as another process's import would
  ASSERT_EQ(other.Exec("BEGIN IMMEDIATE"), "");

  auto writer = store->BeginBatch(MakeBatchInfo());
  ASSERT_FALSE(writer.ok());
  EXPECT_EQ(writer.status().code(), StatusCode::kIoError);
  EXPECT_NE(writer.status().message().find(
                "the database is busy with another import; try again when it has finished"),
            std::string::npos)
      << writer.status().message();
  registry::Region regions[] = {{*RegionCode::Parse("63"), "青海省"}};
  EXPECT_EQ(store->ReplaceRegions(regions).code(), StatusCode::kIoError);
  EXPECT_EQ(ScannedIds(*store), std::vector<std::string>{"H1"});

  ASSERT_EQ(other.Exec("COMMIT"), "");
  auto next = store->BeginBatch(MakeBatchInfo());
  XJ_ASSERT_OK(next);
  EXPECT_EQ((*next)->info().batch_id, 2);
}

TEST_F(SqliteStoreTest, TwoStoresOnOneFileTakeTurnsWriting) {
  auto first = Open(50);
  auto second = Open(50);
  ASSERT_TRUE(first != nullptr && second != nullptr);
  auto writer = first->BeginBatch(MakeBatchInfo());
  XJ_ASSERT_OK(writer);
  XJ_ASSERT_OK((*writer)->PutVersion(MakeVersion(MakeRecord("H1", 2), 1)));
  EXPECT_EQ(second->BeginBatch(MakeBatchInfo()).status().code(), StatusCode::kIoError);
  XJ_ASSERT_OK((*writer)->Commit("{}"));
  EXPECT_EQ(ScannedIds(*second), std::vector<std::string>{"H1"});
  XJ_EXPECT_OK(CommitBatch(*second, {MakeVersion(MakeRecord("H1", 3), 2)}));
}

TEST_F(SqliteStoreTest, AProcessKilledMidBatchLeavesTheDatabaseAsBefore) {
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    XJ_ASSERT_OK(CommitBatch(*store, {MakeVersion(MakeRecord("H0", 2), 1)}));
  }
  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // The child writes a large uncommitted batch, says so, and waits to be killed.
    auto store = SqliteStore::Open(db_, OpenMode::kExisting);
    if (!store.ok()) _exit(2);
    auto writer = (*store)->BeginBatch(MakeBatchInfo("killed"));
    if (!writer.ok()) _exit(3);
    if (!(*writer)->PutVersion(MakeVersion(MakeRecord("H0", 3, 1), 2)).ok()) _exit(4);
    for (int i = 1; i <= 5000; ++i) {
      if (!(*writer)->PutVersion(MakeVersion(MakeRecord("K" + std::to_string(i), 3, i), 1)).ok()) {
        _exit(5);
      }
    }
    if (write(ready[1], "x", 1) != 1) _exit(6);
    for (;;) pause();
  }
  close(ready[1]);
  char byte = 0;
  ASSERT_EQ(read(ready[0], &byte, 1), 1) << "the child failed before killing";
  close(ready[0]);
  kill(child, SIGKILL);
  int wstatus = 0;
  ASSERT_EQ(waitpid(child, &wstatus, 0), child);
  ASSERT_TRUE(WIFSIGNALED(wstatus));

  auto store = SqliteStore::Open(db_, OpenMode::kExisting);
  XJ_ASSERT_OK(store);
  auto counts = (*store)->Counts();
  XJ_ASSERT_OK(counts);
  EXPECT_EQ(counts->households, 1);
  EXPECT_EQ(counts->versions, 1);
  EXPECT_EQ(counts->batches, 1);
  EXPECT_EQ(ScannedIds(**store), std::vector<std::string>{"H0"});
  {
    RawDb raw(db_);
    EXPECT_EQ(raw.Text("PRAGMA integrity_check"), "ok");
    EXPECT_EQ(raw.Int("SELECT count(*) FROM member_version"), 2);
  }
  auto next = (*store)->BeginBatch(MakeBatchInfo());
  XJ_ASSERT_OK(next);
  EXPECT_EQ((*next)->info().batch_id, 2);
}

TEST_F(SqliteStoreTest, ADamagedRowIsReportedAsDataLoss) {
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    XJ_ASSERT_OK(CommitBatch(*store, {MakeVersion(MakeRecord("H1", 2), 1)}));
  }
  {
    RawDb raw(db_);
    ASSERT_EQ(raw.Exec("UPDATE member_version SET relation = 42 WHERE seq = 1"), "");
  }
  auto store = Open();
  ASSERT_NE(store, nullptr);
  std::string ids[] = {"H1"};
  auto current = store->GetCurrent(ids);
  ASSERT_FALSE(current.ok());
  EXPECT_EQ(current.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(current.status().message().find("household H1 version 1"), std::string::npos)
      << current.status().message();
  EXPECT_EQ(store->ScanCurrent([](const HouseholdVersion&) { return Status::Ok(); }).code(),
            StatusCode::kDataLoss);
}

TEST_F(SqliteStoreTest, AValueOutsideItsCodeTableIsRefusedBeforeWriting) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  registry::HouseholdRecord r = MakeRecord("H1", 1);
  r.members[0].health = static_cast<registry::Health>(17);
  auto writer = store->BeginBatch(MakeBatchInfo());
  XJ_ASSERT_OK(writer);
  EXPECT_EQ((*writer)->PutVersion(MakeVersion(r, 1)).code(), StatusCode::kInvalidArgument);
  XJ_ASSERT_OK((*writer)->PutVersion(MakeVersion(MakeRecord("H1", 1), 1)));
  XJ_EXPECT_OK((*writer)->Commit("{}"));
}

}  // namespace
}  // namespace xianjie::store::testing
