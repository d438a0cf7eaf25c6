// SqlStore: standards and screening runs (rules::ScreeningStore), in the tables of migrations
// 0002_screening and 0003_standard_load. Writes go through their own connection; reads through
// the reader pool.
#include <string>
#include <utility>

#include "store/internal/argument_checks.h"
#include "store/sql/connection.h"
#include "store/sql/internal/read_rows.h"
#include "store/sql/internal/reader.h"
#include "store/sql/sql_store.h"

namespace xianjie::store {
namespace {

using rules::HouseholdResult;
using rules::ScreeningRun;
using rules::StandardLoad;
using rules::StoredStandard;
using sql_internal::Annotate;
using sql_internal::Connection;
using sql_internal::ReadOneRow;
using sql_internal::ReadRows;
using sql_internal::Statement;

// A standard stored again keeps its first row: the time, user and origin of its first store.
constexpr char kInsertStandard[] =
    "INSERT INTO standard (content_hash, province, county, year, name, origin, toml, loaded_at, "
    "user_name) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (content_hash) DO NOTHING";
constexpr char kStandardColumns[] =
    "SELECT content_hash, province, county, year, name, origin, toml, loaded_at, user_name "
    "FROM standard ";
constexpr char kInsertLoad[] =
    "INSERT INTO standard_load (content_hash, loaded_at, user_name, origin) "
    "VALUES (?1, ?2, ?3, ?4) RETURNING load_id";
// The standard of a scope's latest load, with that load's origin, time and user, in the columns
// of kStandardColumns.
constexpr char kInForce[] =
    "SELECT s.content_hash, s.province, s.county, s.year, s.name, l.origin, s.toml, l.loaded_at, "
    "l.user_name FROM standard s JOIN standard_load l ON l.content_hash = s.content_hash "
    "WHERE s.province = ?1 AND s.county = ?2 AND s.year = ?3 ORDER BY l.load_id DESC LIMIT 1";
constexpr char kLoads[] =
    "SELECT l.load_id, l.content_hash, s.province, s.county, s.year, l.loaded_at, l.user_name, "
    "l.origin FROM standard_load l JOIN standard s ON s.content_hash = l.content_hash "
    "ORDER BY l.load_id";

constexpr char kInsertRun[] =
    "INSERT INTO screening_run (standard_hash, province, county, year, started_at, seconds, "
    "registry_batch, previous_run, incremental, evaluated, screened, flagged, new_warnings, "
    "counts_json, user_name) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) RETURNING run_id";
constexpr char kRunColumns[] =
    "SELECT run_id, standard_hash, province, county, year, started_at, seconds, registry_batch, "
    "previous_run, incremental, evaluated, screened, flagged, new_warnings, counts_json, "
    "user_name FROM screening_run ";

constexpr char kResultColumns[] =
    "SELECT run_id, household_id, rules, proposed_type, risks, per_capita_fen, new_warning "
    "FROM screening_result ";

StoredStandard ReadStandard(const Statement& row) {
  StoredStandard s;
  s.content_hash.assign(row.Text(0));
  s.province.assign(row.Text(1));
  s.county.assign(row.Text(2));
  s.year = static_cast<int>(row.Int(3));
  s.name.assign(row.Text(4));
  s.origin.assign(row.Text(5));
  s.toml.assign(row.Text(6));
  s.loaded_at.assign(row.Text(7));
  s.user.assign(row.Text(8));
  return s;
}

StandardLoad ReadLoad(const Statement& row) {
  StandardLoad l;
  l.load_id = row.Int(0);
  l.content_hash.assign(row.Text(1));
  l.province.assign(row.Text(2));
  l.county.assign(row.Text(3));
  l.year = static_cast<int>(row.Int(4));
  l.loaded_at.assign(row.Text(5));
  l.user.assign(row.Text(6));
  l.origin.assign(row.Text(7));
  return l;
}

ScreeningRun ReadRun(const Statement& row) {
  ScreeningRun r;
  r.run_id = row.Int(0);
  r.standard_hash.assign(row.Text(1));
  r.province.assign(row.Text(2));
  r.county.assign(row.Text(3));
  r.year = static_cast<int>(row.Int(4));
  r.started_at.assign(row.Text(5));
  r.seconds = row.Double(6);
  r.registry_batch = row.Int(7);
  r.previous_run = row.Int(8);
  r.incremental = row.Int(9) != 0;
  r.evaluated = row.Int(10);
  r.screened = row.Int(11);
  r.flagged = row.Int(12);
  r.new_warnings = row.Int(13);
  r.counts_json.assign(row.Text(14));
  r.user.assign(row.Text(15));
  return r;
}

HouseholdResult ReadHouseholdResult(const Statement& row) {
  HouseholdResult r;
  r.run_id = row.Int(0);
  r.household_id.assign(row.Text(1));
  r.rules.assign(row.Text(2));
  r.proposed_type.assign(row.Text(3));
  r.risks.assign(row.Text(4));
  r.per_capita_fen = row.Int(5);
  r.new_warning = row.Int(6) != 0;
  return r;
}

void BindRun(Statement& insert, const ScreeningRun& r) {
  insert.BindText(1, r.standard_hash);
  insert.BindText(2, r.province);
  insert.BindText(3, r.county);
  insert.Bind(4, r.year);
  insert.BindText(5, r.started_at);
  insert.BindDouble(6, r.seconds);
  insert.Bind(7, r.registry_batch);
  insert.Bind(8, r.previous_run);
  insert.Bind(9, r.incremental ? 1 : 0);
  insert.Bind(10, r.evaluated);
  insert.Bind(11, r.screened);
  insert.Bind(12, r.flagged);
  insert.Bind(13, r.new_warnings);
  insert.BindText(14, r.counts_json);
  insert.BindText(15, r.user);
}

// Stores the standard's content unless stored already, inside the caller's transaction if any.
Status WriteStandard(Connection& connection, const StoredStandard& standard) {
  XJ_ASSIGN_OR_RETURN(auto insert, connection.Prepare(kInsertStandard));
  insert.BindText(1, standard.content_hash);
  insert.BindText(2, standard.province);
  insert.BindText(3, standard.county);
  insert.Bind(4, standard.year);
  insert.BindText(5, standard.name);
  insert.BindText(6, standard.origin);
  insert.BindText(7, standard.toml);
  insert.BindText(8, standard.loaded_at);
  insert.BindText(9, standard.user);
  return insert.Run();
}

// Stores the content and a load of it inside the caller's transaction; returns the load id.
Result<int64_t> WriteLoad(Connection& connection, const StoredStandard& standard) {
  XJ_RETURN_IF_ERROR(WriteStandard(connection, standard));
  XJ_ASSIGN_OR_RETURN(auto insert, connection.Prepare(kInsertLoad));
  insert.BindText(1, standard.content_hash);
  insert.BindText(2, standard.loaded_at);
  insert.BindText(3, standard.user);
  insert.BindText(4, standard.origin);
  return insert.RunForId();
}

// Inserts the run and its results inside the caller's transaction; returns the run id.
Result<int64_t> WriteRun(Connection& connection, const ScreeningRun& run,
                         std::span<const HouseholdResult> results) {
  int64_t run_id = 0;
  {
    XJ_ASSIGN_OR_RETURN(auto insert, connection.Prepare(kInsertRun));
    BindRun(insert, run);
    XJ_ASSIGN_OR_RETURN(run_id, insert.RunForId());
  }
  // About 130,000 rows for a province: one compiled INSERT for every row on SQLite, COPY on
  // PostgreSQL.
  XJ_ASSIGN_OR_RETURN(
      auto insert, connection.BeginBulkInsert("screening_result",
                                              {"run_id", "household_id", "rules", "proposed_type",
                                               "risks", "per_capita_fen", "new_warning"}));
  for (const HouseholdResult& r : results) {
    insert->Bind(1, run_id);
    insert->BindText(2, r.household_id);
    insert->BindText(3, r.rules);
    insert->BindText(4, r.proposed_type);
    insert->BindText(5, r.risks);
    insert->Bind(6, r.per_capita_fen);
    insert->Bind(7, r.new_warning ? 1 : 0);
    XJ_RETURN_IF_ERROR(insert->EndRow());
  }
  XJ_RETURN_IF_ERROR(insert->Flush());
  return run_id;
}

}  // namespace

Result<Connection*> SqlStore::ScreeningWriter() {
  if (screening_writer_ == nullptr) {
    XJ_ASSIGN_OR_RETURN(screening_writer_, driver_->Connect(sql_internal::Driver::Role::kWriter));
  }
  return screening_writer_.get();
}

Status SqlStore::PutStandard(const StoredStandard& standard) {
  XJ_RETURN_IF_ERROR(internal::CheckStandard(standard));
  std::lock_guard lock(screening_mu_);
  XJ_ASSIGN_OR_RETURN(Connection * connection, ScreeningWriter());
  return Annotate(WriteStandard(*connection, standard), "storing standard '" + standard.name + "'");
}

Result<int64_t> SqlStore::LoadStandard(const StoredStandard& standard) {
  XJ_RETURN_IF_ERROR(internal::CheckStandard(standard));
  const std::string what = "loading standard '" + standard.name + "'";
  std::lock_guard lock(screening_mu_);
  XJ_ASSIGN_OR_RETURN(Connection * connection, ScreeningWriter());
  XJ_RETURN_IF_ERROR(Annotate(connection->BeginWrite(), what));
  Result<int64_t> load_id = WriteLoad(*connection, standard);
  Status status = load_id.ok() ? connection->Commit() : load_id.status();
  if (!status.ok()) {
    if (connection->InTransaction()) (void)connection->Rollback();
    return Annotate(status, what);
  }
  return load_id;
}

Result<std::optional<StoredStandard>> SqlStore::GetStandard(const std::string& content_hash) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select,
                      reader->Prepare(std::string(kStandardColumns) + "WHERE content_hash = ?1"));
  select.BindText(1, content_hash);
  return ReadOneRow<StoredStandard>(select, ReadStandard);
}

Result<std::optional<StoredStandard>> SqlStore::LatestStandard(const std::string& province,
                                                               const std::string& county,
                                                               int year) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(kInForce));
  select.BindText(1, province);
  select.BindText(2, county);
  select.Bind(3, year);
  return ReadOneRow<StoredStandard>(select, ReadStandard);
}

Result<std::vector<StoredStandard>> SqlStore::ListStandards() {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select,
                      reader->Prepare(std::string(kStandardColumns) + "ORDER BY standard_id"));
  return ReadRows<StoredStandard>(select, ReadStandard);
}

Result<std::vector<StandardLoad>> SqlStore::ListLoads() {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(kLoads));
  return ReadRows<StandardLoad>(select, ReadLoad);
}

Result<int64_t> SqlStore::PutRun(const ScreeningRun& run,
                                 std::span<const HouseholdResult> results) {
  XJ_RETURN_IF_ERROR(internal::CheckRunResults(results));
  const std::string what = "storing the screening run of " + run.province +
                           (run.county.empty() ? "" : "/" + run.county) + " " +
                           std::to_string(run.year);
  std::lock_guard lock(screening_mu_);
  XJ_ASSIGN_OR_RETURN(Connection * connection, ScreeningWriter());
  XJ_RETURN_IF_ERROR(Annotate(connection->BeginWrite(), what));
  Result<int64_t> run_id = WriteRun(*connection, run, results);
  Status status = run_id.ok() ? connection->Commit() : run_id.status();
  if (!status.ok()) {
    if (connection->InTransaction()) (void)connection->Rollback();
    return Annotate(status, what);
  }
  return run_id;
}

Result<std::optional<ScreeningRun>> SqlStore::GetRun(int64_t run_id) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(std::string(kRunColumns) + "WHERE run_id = ?1"));
  select.Bind(1, run_id);
  return ReadOneRow<ScreeningRun>(select, ReadRun);
}

Result<std::optional<ScreeningRun>> SqlStore::LatestRun(const std::string& province,
                                                        const std::string& county, int year) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(std::string(kRunColumns) +
                                                   "WHERE province = ?1 AND county = ?2 AND "
                                                   "year = ?3 ORDER BY run_id DESC LIMIT 1"));
  select.BindText(1, province);
  select.BindText(2, county);
  select.Bind(3, year);
  return ReadOneRow<ScreeningRun>(select, ReadRun);
}

Result<std::vector<ScreeningRun>> SqlStore::ListRuns() {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(std::string(kRunColumns) + "ORDER BY run_id"));
  return ReadRows<ScreeningRun>(select, ReadRun);
}

Result<std::vector<HouseholdResult>> SqlStore::RunResults(int64_t run_id) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(std::string(kResultColumns) +
                                                   "WHERE run_id = ?1 ORDER BY household_id"));
  select.Bind(1, run_id);
  return ReadRows<HouseholdResult>(select, ReadHouseholdResult);
}

Result<std::vector<HouseholdResult>> SqlStore::HouseholdResults(const std::string& household_id) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(std::string(kResultColumns) +
                                                   "WHERE household_id = ?1 ORDER BY run_id"));
  select.BindText(1, household_id);
  return ReadRows<HouseholdResult>(select, ReadHouseholdResult);
}

}  // namespace xianjie::store
