// Backends, temporary directories and record builders for the store tests.
#include "store/store_test_support.h"

#include <libpq-fe.h>

#include <cstdlib>
#include <functional>

#include "base/id_number.h"
#include "store/memory/memory_store.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"
#include "support/temp_files.h"

namespace xianjie::store::testing {

using registry::HouseholdRecord;
using registry::Member;

std::ostream& operator<<(std::ostream& os, const StoreBackend& backend) {
  return os << backend.name;
}

Result<std::string> TestPostgresUrl(const TempDir& dir) { return TestPostgresUrl(dir.path()); }

Result<std::string> TestPostgresUrl(const std::string& key) {
  std::string url;
  if (const char* env = std::getenv("XJ_TEST_POSTGRES"); env != nullptr && *env != '\0') {
    url = env;
  } else if (const char* file = std::getenv("XJ_TEST_POSTGRES_FILE"); file != nullptr) {
    url = ::xianjie::testing::ReadFile(file);
    while (!url.empty() && (url.back() == '\n' || url.back() == ' ')) url.pop_back();
  }
  if (url.empty()) {
    return FailedPrecondition(
        "no PostgreSQL test cluster: run the test through ctest (its postgres fixture starts "
        "one), or set XJ_TEST_POSTGRES to a URL (scripts/pg-cluster.sh start DIR auto)");
  }
  char schema[32];
  std::snprintf(schema, sizeof schema, "t_%016zx", std::hash<std::string>{}(key));
  PGconn* conn = PQconnectdb(url.c_str());
  std::string error;
  if (PQstatus(conn) != CONNECTION_OK) {
    error = PQerrorMessage(conn);
  } else {
    PGresult* result = PQexec(conn, (std::string("CREATE SCHEMA IF NOT EXISTS ") + schema).c_str());
    if (PQresultStatus(result) != PGRES_COMMAND_OK) error = PQresultErrorMessage(result);
    PQclear(result);
  }
  PQfinish(conn);
  if (!error.empty()) return IoError("test cluster " + url + ": " + error);
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
         schema;
}

std::vector<StoreBackend> AllBackends() {
  return {
      {"Memory",
       [](const TempDir&) -> Result<std::unique_ptr<Database>> {
         return std::unique_ptr<Database>(std::make_unique<MemoryStore>());
       }},
      {"Sqlite",
       [](const TempDir& dir) -> Result<std::unique_ptr<Database>> {
         XJ_ASSIGN_OR_RETURN(auto store, SqliteStore::Open(dir / "registry.db", OpenMode::kCreate));
         return std::unique_ptr<Database>(std::move(store));
       }},
      {"Postgres",
       [](const TempDir& dir) -> Result<std::unique_ptr<Database>> {
         XJ_ASSIGN_OR_RETURN(std::string url, TestPostgresUrl(dir));
         XJ_ASSIGN_OR_RETURN(auto store, PostgresStore::Open(url, OpenMode::kCreate));
         return std::unique_ptr<Database>(std::move(store));
       }},
  };
}

std::string TestIdNumber(int n) {
  CivilDate birth = CivilDate::FromDays(-7000 + (n * 37) % 25000);
  return MakeIdNumber("630102", birth, n % 1000);
}

std::string TestIdNumberEndingInX() {
  for (int n = 0;; ++n) {
    std::string id = TestIdNumber(n);
    if (id.back() == 'X') return id;
  }
}

HouseholdRecord MakeRecord(const std::string& household_id, int members, int seed) {
  HouseholdRecord r;
  registry::Household& h = r.household;
  h.household_id = household_id;
  h.village_code = *RegionCode::Parse("630102001001");
  h.status =
      seed % 2 == 0 ? registry::HouseholdStatus::kLifted : registry::HouseholdStatus::kOrdinary;
  h.wage_income = Money::FromFen(1'234'567 + seed);
  h.business_income = Money::FromFen(300'000 + seed);
  h.property_income = Money::FromFen(seed % 7);
  h.transfer_income = Money::FromFen(450'050);
  h.production_costs = Money::FromFen(120'000);
  if (seed % 3 != 0) h.prev_net_income = Money::FromFen(1'500'000 - seed);
  h.rigid_medical = Money::FromFen(20'000);
  h.housing_safe = seed % 5 != 0;
  for (int i = 0; i < members; ++i) {
    Member& m = r.members.emplace_back();
    m.id_number = TestIdNumber(seed * 10 + i);
    m.name = "成员" + std::to_string(i);
    m.relation = i == 0 ? registry::Relation::kHead : registry::Relation::kChild;
    m.sex = (seed + i) % 2 == 0 ? registry::Sex::kMale : registry::Sex::kFemale;
    m.birth_date = CivilDate::FromYmd(1960 + i * 7 + seed % 5, 1 + i % 12, 1 + seed % 28);
    m.labor = registry::Labor::kOrdinary;
    m.enrolled = i % 2 == 1;
  }
  registry::Canonicalize(r);
  return r;
}

registry::HouseholdVersion MakeVersion(HouseholdRecord record, int32_t version) {
  registry::HouseholdVersion v;
  v.version = version;
  v.content_hash = registry::ContentHash(record);
  v.record = std::move(record);
  return v;
}

registry::BatchInfo MakeBatchInfo(const std::string& user) {
  registry::BatchInfo info;
  info.source = "registry_import";
  info.user = user;
  info.households_file = "households.csv";
  info.members_file = "members.csv";
  info.started_at = "2026-11-29T02:08:06Z";
  info.as_of = CivilDate::FromYmd(2026, 10, 31);
  return info;
}

rules::StoredStandard MakeStandard(const std::string& hash, const std::string& county, int year,
                                   const std::string& loaded_at) {
  rules::StoredStandard s;
  s.content_hash = hash;
  s.province = "630000";
  s.county = county;
  s.year = year;
  s.name = "青海省防返贫监测标准 " + hash;
  s.origin = "standards/qinghai-" + hash + ".toml";
  s.toml = "[standard]\nname = \"" + hash + "\"\nline_fen = 760000\n";
  s.loaded_at = loaded_at;
  s.user = "张三";
  return s;
}

Result<int64_t> CommitBatch(registry::Store& store,
                            const std::vector<registry::HouseholdVersion>& versions,
                            const std::string& report_json) {
  XJ_ASSIGN_OR_RETURN(auto writer, store.BeginBatch(MakeBatchInfo()));
  for (const auto& v : versions) XJ_RETURN_IF_ERROR(writer->PutVersion(v));
  XJ_RETURN_IF_ERROR(writer->Commit(report_json));
  return writer->info().batch_id;
}

std::vector<std::string> ScannedIds(registry::Store& store) {
  std::vector<std::string> ids;
  Status status = store.ScanCurrent([&](const registry::HouseholdVersion& v) {
    ids.push_back(v.record.household.household_id);
    return Status::Ok();
  });
  if (!status.ok()) ids.push_back("error: " + status.ToString());
  return ids;
}

}  // namespace xianjie::store::testing
