// Opening SQLite registries through OpenStore and SqliteStore::Open: creating, refusing files
// that are missing, not SQLite or not Xianjie's, newer schemas, and recording migrations once.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "store/open.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_store.h"
#include "store/sqlite_test_support.h"
#include "store/store_contract_test.h"

namespace xianjie::store::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::xianjie::testing::ReadFile;
using ::xianjie::testing::WriteFile;

class SqliteOpenTest : public ::testing::Test {
 protected:
  TempDir dir_;
  std::string db_ = dir_ / "registry.db";
};

TEST_F(SqliteOpenTest, CreateMakesAFreshRegistry) {
  auto store = OpenStore(db_, OpenMode::kCreate);
  XJ_ASSERT_OK(store);
  EXPECT_TRUE(std::filesystem::exists(db_));
  auto counts = (*store)->Counts();
  XJ_ASSERT_OK(counts);
  EXPECT_EQ(counts->households, 0);
  RawDb raw(db_);
  EXPECT_EQ(raw.Text("PRAGMA journal_mode"), "wal");
}

TEST_F(SqliteOpenTest, ExistingRefusesAMissingFileAndSaysHowToCreateIt) {
  auto store = OpenStore(db_, OpenMode::kExisting);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status(), NotFound("database '" + db_ + "' does not exist; create it with: " +
                                     "xianjie init --db " + db_));
  EXPECT_FALSE(std::filesystem::exists(db_));
}

TEST_F(SqliteOpenTest, ExistingOpensWhatCreateMade) {
  XJ_ASSERT_OK(OpenStore(db_, OpenMode::kCreate));
  XJ_EXPECT_OK(OpenStore(db_, OpenMode::kExisting));
}

TEST_F(SqliteOpenTest, CreateInAMissingDirectoryIsAnIoError) {
  auto store = OpenStore(dir_ / "no/such/dir/registry.db", OpenMode::kCreate);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kIoError) << store.status().ToString();
}

TEST_F(SqliteOpenTest, ADirectoryIsNotADatabase) {
  for (OpenMode mode : {OpenMode::kCreate, OpenMode::kExisting}) {
    auto store = OpenStore(dir_.path(), mode);
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
    EXPECT_NE(store.status().message().find("directory"), std::string::npos);
  }
}

TEST_F(SqliteOpenTest, AFileThatIsNotSqliteIsRefusedAndLeftAlone) {
  const std::string text = "household_id,village_code\nH1,630102001001\n";
  for (OpenMode mode : {OpenMode::kCreate, OpenMode::kExisting}) {
    WriteFile(db_, text);
    auto store = OpenStore(db_, mode);
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
    EXPECT_NE(store.status().message().find("is not a SQLite database"), std::string::npos)
        << store.status().message();
    EXPECT_EQ(ReadFile(db_), text);
  }
}

TEST_F(SqliteOpenTest, ASqliteDatabaseThatIsNotXianjiesIsRefusedAndLeftAlone) {
  {
    RawDb raw(db_);
    ASSERT_EQ(raw.Exec("CREATE TABLE photos (id INTEGER PRIMARY KEY, title TEXT)"), "");
  }
  for (OpenMode mode : {OpenMode::kCreate, OpenMode::kExisting}) {
    auto store = OpenStore(db_, mode);
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
    EXPECT_NE(store.status().message().find("not a Xianjie registry"), std::string::npos)
        << store.status().message();
  }
  RawDb raw(db_);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM sqlite_schema"), 1);
  EXPECT_EQ(raw.Text("PRAGMA journal_mode"), "delete");
}

TEST_F(SqliteOpenTest, AnEmptyFileIsCreatedIntoButNotOpenedAsExisting) {
  WriteFile(db_, "");
  auto existing = OpenStore(db_, OpenMode::kExisting);
  ASSERT_FALSE(existing.ok());
  EXPECT_EQ(existing.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(existing.status().message().find("xianjie init --db"), std::string::npos);
  XJ_EXPECT_OK(OpenStore(db_, OpenMode::kCreate));
  XJ_EXPECT_OK(OpenStore(db_, OpenMode::kExisting));
}

TEST_F(SqliteOpenTest, ANewerSchemaIsRefusedAndLeftAlone) {
  XJ_ASSERT_OK(OpenStore(db_, OpenMode::kCreate));
  int newer = LatestSchemaVersion() + 1;
  {
    RawDb raw(db_);
    ASSERT_EQ(raw.Exec("INSERT INTO schema_migrations VALUES (" + std::to_string(newer) +
                       ", '9999_future', '2030-01-01T00:00:00Z')"),
              "");
  }
  for (OpenMode mode : {OpenMode::kCreate, OpenMode::kExisting}) {
    auto store = OpenStore(db_, mode);
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
    EXPECT_NE(store.status().message().find("schema version " + std::to_string(newer)),
              std::string::npos)
        << store.status().message();
    EXPECT_NE(store.status().message().find("newer xianjie"), std::string::npos);
  }
  RawDb raw(db_);
  EXPECT_EQ(raw.Int("SELECT max(version) FROM schema_migrations"), newer);
}

TEST_F(SqliteOpenTest, MigrationsAreRecordedOnceAndNotReapplied) {
  XJ_ASSERT_OK(OpenStore(db_, OpenMode::kCreate));
  std::string applied_at;
  {
    RawDb raw(db_);
    EXPECT_EQ(raw.Int("SELECT count(*) FROM schema_migrations"),
              static_cast<int64_t>(Migrations().size()));
    for (const Migration& m : Migrations()) {
      EXPECT_EQ(raw.Text("SELECT name FROM schema_migrations WHERE version = " +
                         std::to_string(m.version)),
                m.name);
    }
    applied_at = raw.Text("SELECT group_concat(applied_at) FROM schema_migrations");
    EXPECT_EQ(applied_at.size(), 20u * Migrations().size() + Migrations().size() - 1) << applied_at;
  }
  for (OpenMode mode : {OpenMode::kExisting, OpenMode::kCreate}) XJ_ASSERT_OK(OpenStore(db_, mode));
  RawDb raw(db_);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM schema_migrations"),
            static_cast<int64_t>(Migrations().size()));
  EXPECT_EQ(raw.Text("SELECT group_concat(applied_at) FROM schema_migrations"), applied_at);
}

TEST_F(SqliteOpenTest, ExistingAppliesPendingMigrations) {
  {
    // A registry whose every migration is still pending.
    RawDb raw(db_);
    ASSERT_EQ(raw.Exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
                       "name TEXT NOT NULL, applied_at TEXT NOT NULL)"),
              "");
  }
  auto store = OpenStore(db_, OpenMode::kExisting);
  XJ_ASSERT_OK(store);
  XJ_EXPECT_OK(CommitBatch(**store, {MakeVersion(MakeRecord("H1", 2), 1)}));
  RawDb raw(db_);
  EXPECT_EQ(raw.Int("SELECT max(version) FROM schema_migrations"), LatestSchemaVersion());
}

// A URL goes to PostgreSQL, never to a file of that name; the password stays out of messages.
TEST_F(SqliteOpenTest, PostgresqlUrlsGoToPostgresql) {
  for (const char* url : {"postgresql://xianjie:secret@127.0.0.1:1/registry",
                          "postgres://xianjie:secret@127.0.0.1:1/registry"}) {
    auto store = OpenStore(url, OpenMode::kExisting);
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.status().code(), StatusCode::kIoError);
    EXPECT_THAT(store.status().message(), HasSubstr("cannot connect to PostgreSQL database "
                                                    "'postgresql://xianjie@127.0.0.1:1/registry'"));
    EXPECT_THAT(store.status().message(), Not(HasSubstr("secret")));
  }
  EXPECT_FALSE(std::filesystem::exists("postgresql:"));
}

TEST(DisplayNameTest, APostgresqlUrlIsShownWithoutItsPassword) {
  EXPECT_EQ(DisplayName("postgresql://xianjie:secret@db.example:5433/registry"
                        "?options=-csearch_path%3Dp63&password=other&sslmode=require"),
            "postgresql://xianjie@db.example:5433/registry?options=-csearch_path%3Dp63"
            "&sslmode=require");
  EXPECT_EQ(DisplayName("postgres://xianjie@127.0.0.1:54320/x"),
            "postgresql://xianjie@127.0.0.1:54320/x");
  EXPECT_EQ(DisplayName("/srv/xianjie/registry.db"), "/srv/xianjie/registry.db");
}

TEST_F(SqliteOpenTest, AnEmptySpecIsInvalid) {
  EXPECT_EQ(OpenStore("", OpenMode::kCreate).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(SqliteOpenTest, MemorySpecOpensAnEmptyMemoryStore) {
  auto store = OpenStore(":memory:", OpenMode::kExisting);
  XJ_ASSERT_OK(store);
  XJ_ASSERT_OK(CommitBatch(**store, {MakeVersion(MakeRecord("H1", 2), 1)}));
  EXPECT_EQ(ScannedIds(**store), std::vector<std::string>{"H1"});
  EXPECT_FALSE(std::filesystem::exists(":memory:"));
}

}  // namespace
}  // namespace xianjie::store::testing
