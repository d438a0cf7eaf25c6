// What only the PostgreSQL store promises beyond the contract: precise errors when it cannot be
// opened, another store's write makes writes busy but not reads, and the registry tables get a
// partition per province (moving rows that arrived before their province's partition).
#include "store/postgres/postgres_store.h"

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <algorithm>
#include <string>
#include <vector>

#include "store/postgres/partitions.h"
#include "store/store_contract_test.h"
#include "store/store_test_support.h"

namespace xianjie::store::testing {
namespace {

using registry::HouseholdVersion;
using registry::Region;

// SQL straight to the test schema, as an operator with psql would.
class RawPg {
 public:
  explicit RawPg(const std::string& url) : conn_(PQconnectdb(url.c_str())) {}
  ~RawPg() { PQfinish(conn_); }
  RawPg(const RawPg&) = delete;
  RawPg& operator=(const RawPg&) = delete;

  bool ok() const { return PQstatus(conn_) == CONNECTION_OK; }
  // "" on success, else the server's message.
  std::string Exec(const std::string& sql) {
    PGresult* result = PQexec(conn_, sql.c_str());
    const ExecStatusType status = PQresultStatus(result);
    std::string error =
        status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK ? "" : PQresultErrorMessage(result);
    PQclear(result);
    return error;
  }
  // The first column of every row, as text.
  std::vector<std::string> Column(const std::string& sql) {
    PGresult* result = PQexec(conn_, sql.c_str());
    std::vector<std::string> values;
    if (PQresultStatus(result) == PGRES_TUPLES_OK) {
      for (int i = 0; i < PQntuples(result); ++i) values.emplace_back(PQgetvalue(result, i, 0));
    } else {
      ADD_FAILURE() << sql << ": " << PQresultErrorMessage(result);
    }
    PQclear(result);
    return values;
  }
  int64_t Int(const std::string& sql) {
    std::vector<std::string> values = Column(sql);
    return values.empty() ? -1 : std::stoll(values[0]);
  }

 private:
  PGconn* conn_;
};

class PostgresStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto url = TestPostgresUrl(dir_);
    ASSERT_TRUE(url.ok()) << url.status().ToString();
    url_ = *url;
  }

  std::unique_ptr<SqlStore> Open(PostgresOptions options = {}) {
    auto store = PostgresStore::Open(url_, OpenMode::kCreate, options);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(*store) : nullptr;
  }

  // The partitions of `table`, with their bounds: "household_p63 FOR VALUES IN ('63')".
  std::vector<std::string> Partitions(RawPg& raw, const std::string& table) {
    return raw.Column(
        "SELECT c.relname || ' ' || pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i "
        "JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = '" +
        table + "'::regclass ORDER BY 1");
  }

  // A household of `members` members in `village`.
  static HouseholdVersion InVillage(const std::string& id, int members, const char* village) {
    registry::HouseholdRecord record =
        MakeRecord(id, members, /*seed=*/static_cast<int>(id.size()));
    record.household.village_code = *RegionCode::Parse(village);
    return MakeVersion(record, 1);
  }

  TempDir dir_;
  std::string url_;
};

const Region kTwoProvinces[] = {{*RegionCode::Parse("11"), "北京市"},
                                {*RegionCode::Parse("110101001001"), "东华门社区"},
                                {*RegionCode::Parse("63"), "青海省"},
                                {*RegionCode::Parse("630102001001"), "团结村"}};

TEST_F(PostgresStoreTest, AnUnreachableServerIsAnIoErrorThatHidesThePassword) {
  auto store = PostgresStore::Open(
      "postgresql://xj:secret-word@127.0.0.1:1/registry?connect_timeout=2", OpenMode::kExisting);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kIoError);
  EXPECT_NE(store.status().message().find("cannot connect to PostgreSQL database"),
            std::string::npos)
      << store.status().message();
  EXPECT_NE(store.status().message().find("127.0.0.1:1/registry"), std::string::npos)
      << store.status().message();
  EXPECT_EQ(store.status().message().find("secret-word"), std::string::npos)
      << store.status().message();
}

TEST_F(PostgresStoreTest, AMissingDatabaseIsAnIoErrorNamingIt) {
  std::string url = url_;
  const size_t slash = url.find('/', url.find("://") + 3);
  const size_t end = url.find('?', slash);
  url.replace(slash + 1, end - slash - 1, "no_such_registry");
  auto store = PostgresStore::Open(url, OpenMode::kCreate);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kIoError);
  EXPECT_NE(store.status().message().find("no_such_registry"), std::string::npos)
      << store.status().message();
}

TEST_F(PostgresStoreTest, ASchemaThatIsNotXianjiesIsRefusedAndLeftAlone) {
  RawPg raw(url_);
  ASSERT_TRUE(raw.ok());
  ASSERT_EQ(raw.Exec("CREATE TABLE photos (id bigint PRIMARY KEY, title text)"), "");
  for (OpenMode mode : {OpenMode::kCreate, OpenMode::kExisting}) {
    auto store = PostgresStore::Open(url_, mode);
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
    EXPECT_NE(store.status().message().find("not a Xianjie registry"), std::string::npos)
        << store.status().message();
  }
  EXPECT_EQ(raw.Int("SELECT count(*) FROM pg_class WHERE relnamespace = "
                    "current_schema()::regnamespace AND relkind = 'r'"),
            1);
}

TEST_F(PostgresStoreTest, AnEmptySchemaIsCreatedIntoButNotOpenedAsExisting) {
  auto existing = PostgresStore::Open(url_, OpenMode::kExisting);
  ASSERT_FALSE(existing.ok());
  EXPECT_EQ(existing.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(existing.status().message().find("xianjie init --db"), std::string::npos)
      << existing.status().message();
  XJ_EXPECT_OK(PostgresStore::Open(url_, OpenMode::kCreate));
  XJ_EXPECT_OK(PostgresStore::Open(url_, OpenMode::kExisting));
}

TEST_F(PostgresStoreTest, ASearchPathWithNoSchemaIsRefused) {
  const std::string url =
      url_.substr(0, url_.find("options=")) + "options=-csearch_path%3Dno_such_schema_anywhere";
  auto store = PostgresStore::Open(url, OpenMode::kCreate);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(store.status().message().find("has no schema to work in"), std::string::npos)
      << store.status().message();
}

TEST_F(PostgresStoreTest, ANewerSchemaIsRefusedAndLeftAlone) {
  ASSERT_NE(Open(), nullptr);
  RawPg raw(url_);
  const int64_t newer = raw.Int("SELECT max(version) + 1 FROM schema_migrations");
  ASSERT_EQ(raw.Exec("INSERT INTO schema_migrations VALUES (" + std::to_string(newer) +
                     ", '9999_future', '2030-01-01T00:00:00Z')"),
            "");
  auto store = PostgresStore::Open(url_, OpenMode::kExisting);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(store.status().message().find("schema version " + std::to_string(newer)),
            std::string::npos)
      << store.status().message();
  EXPECT_EQ(raw.Int("SELECT max(version) FROM schema_migrations"), newer);
}

TEST_F(PostgresStoreTest, AnotherStoresBatchMakesWritesBusyButNotReads) {
  auto first = Open({.busy_timeout_ms = 200});
  auto second = Open({.busy_timeout_ms = 200});
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  XJ_ASSERT_OK(CommitBatch(*first, {MakeVersion(MakeRecord("H1", 2), 1)}));

  auto open = first->BeginBatch(MakeBatchInfo());
  XJ_ASSERT_OK(open);
  XJ_ASSERT_OK((*open)->PutVersion(MakeVersion(MakeRecord("H2", 1), 1)));

  auto busy = second->BeginBatch(MakeBatchInfo());
  ASSERT_FALSE(busy.ok());
  EXPECT_EQ(busy.status().code(), StatusCode::kIoError);
  EXPECT_NE(busy.status().message().find(
                "the database is busy with another import; try again when it has finished"),
            std::string::npos)
      << busy.status().message();
  EXPECT_EQ(second->ReplaceRegions(kTwoProvinces).code(), StatusCode::kIoError);
  // Readers see the last committed state, not the open batch.
  EXPECT_EQ(ScannedIds(*second), std::vector<std::string>{"H1"});

  XJ_ASSERT_OK((*open)->Commit("{}"));
  EXPECT_EQ(ScannedIds(*second), (std::vector<std::string>{"H1", "H2"}));
  auto next = second->BeginBatch(MakeBatchInfo());
  XJ_ASSERT_OK(next);
  EXPECT_EQ((*next)->info().batch_id, 3);
}

TEST_F(PostgresStoreTest, EachProvinceOfTheRegionsGetsItsOwnPartitions) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  XJ_ASSERT_OK(store->ReplaceRegions(kTwoProvinces));
  XJ_ASSERT_OK(
      CommitBatch(*store, {InVillage("Q1", 3, "630102001001"), InVillage("Q22", 2, "630102001001"),
                           InVillage("B333", 4, "110101001001")}));
  RawPg raw(url_);
  for (std::string table : {"household", "household_version", "member_version"}) {
    EXPECT_EQ(Partitions(raw, table), (std::vector<std::string>{table + "_p11 FOR VALUES IN ('11')",
                                                                table + "_p63 FOR VALUES IN ('63')",
                                                                table + "_p_default DEFAULT"}));
    EXPECT_EQ(raw.Int("SELECT count(*) FROM " + table + "_p_default"), 0) << table;
  }
  EXPECT_EQ(raw.Int("SELECT count(*) FROM household_p63"), 2);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM household_p11"), 1);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM member_version_p63"), 5);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM member_version_p11"), 4);

  // Loading the regions again keeps the partitions and their rows.
  XJ_ASSERT_OK(store->ReplaceRegions(kTwoProvinces));
  EXPECT_EQ(Partitions(raw, "household").size(), 3u);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM household_p63"), 2);
}

TEST_F(PostgresStoreTest, RowsThatCameBeforeTheirProvincesPartitionMoveIntoIt) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  // Imported before any regions were loaded: everything is in the default partitions.
  XJ_ASSERT_OK(CommitBatch(
      *store, {InVillage("Q1", 3, "630102001001"), InVillage("B22", 2, "110101001001")}));
  XJ_ASSERT_OK(CommitBatch(*store, {MakeVersion(InVillage("Q1", 1, "630102001001").record, 2)}));
  RawPg raw(url_);
  ASSERT_EQ(raw.Int("SELECT count(*) FROM member_version_p_default"), 6);
  auto before = store->History("Q1");
  XJ_ASSERT_OK(before);
  const std::vector<std::string> ids = ScannedIds(*store);

  XJ_ASSERT_OK(store->ReplaceRegions(kTwoProvinces));
  EXPECT_EQ(raw.Int("SELECT count(*) FROM household_version_p63"), 2);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM member_version_p63"), 4);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM household_p11"), 1);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM member_version_p11"), 2);
  for (std::string table : {"household", "household_version", "member_version"}) {
    EXPECT_EQ(raw.Int("SELECT count(*) FROM " + table + "_p_default"), 0) << table;
  }
  // The moved partitions keep the parent's keys and the members' reference to their version.
  EXPECT_NE(raw.Exec("INSERT INTO member_version SELECT 999, seq, id_number, name, relation, "
                     "sex, birth_date, labor, health, school_stage, enrolled, med_insured, "
                     "pension_insured, shares_household, province FROM member_version_p63 "
                     "LIMIT 1"),
            "");
  EXPECT_NE(raw.Exec("INSERT INTO household_version SELECT * FROM household_version_p63 LIMIT 1"),
            "");
  EXPECT_EQ(*store->History("Q1"), *before);
  EXPECT_EQ(ScannedIds(*store), ids);
  // And the registry goes on: a new version lands in the province's partition.
  XJ_ASSERT_OK(CommitBatch(*store, {MakeVersion(InVillage("Q1", 2, "630102001001").record, 3)}));
  EXPECT_EQ(raw.Int("SELECT count(*) FROM household_version_p63"), 3);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM household_version_p_default"), 0);
}

TEST_F(PostgresStoreTest, AFailedRegionLoadMakesNoPartitions) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  const Region twice[] = {{*RegionCode::Parse("63"), "青海省"},
                          {*RegionCode::Parse("63"), "又一个"}};
  EXPECT_EQ(store->ReplaceRegions(twice).code(), StatusCode::kInvalidArgument);
  RawPg raw(url_);
  EXPECT_EQ(Partitions(raw, "household"), std::vector<std::string>{"household_p_default DEFAULT"});
  // A failure inside the transaction (a partition name already taken by an unrelated table)
  // rolls the regions back with it.
  ASSERT_EQ(raw.Exec("CREATE TABLE household_version_p11 (x int)"), "");
  Status status = store->ReplaceRegions(kTwoProvinces);
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message().find("province 11"), std::string::npos) << status.message();
  EXPECT_EQ(raw.Int("SELECT count(*) FROM region"), 0);
  EXPECT_EQ(Partitions(raw, "household"), std::vector<std::string>{"household_p_default DEFAULT"});
}

// The national layout's refusals (its whole run is tests/cli/national_test.sh). A shard here is
// another schema of the test cluster.
TEST_F(PostgresStoreTest, AShardIsRefusedWhenItCannotBeUsed) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  auto shard_url = TestPostgresUrl(dir_.path() + "/shard");
  ASSERT_TRUE(shard_url.ok()) << shard_url.status().ToString();

  Status not_url = PostgresStore::AddShard(url_, 63, dir_ / "shard.db");
  EXPECT_EQ(not_url.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(not_url.message().find("must be a PostgreSQL database"), std::string::npos)
      << not_url.message();
  EXPECT_EQ(PostgresStore::AddShard(url_, 7, *shard_url).code(), StatusCode::kInvalidArgument);

  // A shard database that holds rows of the province already.
  RawPg shard(*shard_url);
  ASSERT_EQ(shard.Exec("CREATE TABLE member_version_p63 (vid bigint)"), "");
  ASSERT_EQ(shard.Exec("INSERT INTO member_version_p63 VALUES (1)"), "");
  Status full = PostgresStore::AddShard(url_, 63, *shard_url);
  EXPECT_EQ(full.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(full.message().find("holds 1 rows in member_version_p63 already"), std::string::npos)
      << full.message();
  ASSERT_EQ(shard.Exec("DROP TABLE member_version_p63"), "");

  // A registry that holds households cannot become a coordinator; the shard's tables made before
  // the refusal are empty, and made again by the next attempt.
  XJ_ASSERT_OK(CommitBatch(*store, {MakeVersion(MakeRecord("H1", 2), 1)}));
  Status filled = PostgresStore::AddShard(url_, 63, *shard_url);
  EXPECT_EQ(filled.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(filled.message().find("holds 1 households itself"), std::string::npos)
      << filled.message();
  RawPg raw(url_);
  EXPECT_EQ(Partitions(raw, "household"), std::vector<std::string>{"household_p_default DEFAULT"});
  auto shards = PostgresStore::ListShards(url_);
  XJ_ASSERT_OK(shards);
  EXPECT_TRUE(shards->empty());
  EXPECT_EQ(ScannedIds(*store), std::vector<std::string>{"H1"});
}

// A national coordinator's shards get the registry tables' keys from RegistryKeys
// (shards.cc); they must be the keys the schema gives the tables.
TEST_F(PostgresStoreTest, TheKeysShardsGetAreTheRegistryTablesKeys) {
  ASSERT_NE(Open(), nullptr);
  RawPg raw(url_);
  for (const char* table : postgres_internal::kPartitionedTables) {
    std::vector<std::string> keys = raw.Column(
        "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = '" +
        std::string(table) +
        "'::regclass AND contype IN ('p', 'u', 'f') AND conparentid = 0 AND confrelid <> "
        "'batch'::regclass ORDER BY 1");
    std::vector<std::string> expected = postgres_internal::RegistryKeys(table);
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(keys, expected) << table;
  }
}

}  // namespace
}  // namespace xianjie::store::testing
