// Writing one import batch inside a single transaction.
//
// The transaction stays open from BeginBatch to Commit. This is what makes a batch
// all-or-nothing even when the process is killed: SQLite (WAL, synchronous=FULL) ignores
// uncommitted WAL frames on the next open, and PostgreSQL never shows an uncommitted
// transaction.
#include "store/sql/internal/batch_writer.h"

#include <string_view>
#include <utility>

#include "base/clock.h"
#include "store/internal/exchange_checks.h"
#include "store/sql/internal/row_codec.h"

namespace xianjie::store::sql_internal {
namespace {

using registry::HouseholdVersion;

constexpr char kInsertBatch[] =
    "INSERT INTO batch (source, user_name, households_file, members_file, started_at, as_of) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING batch_id";
constexpr char kFinishBatch[] =
    "UPDATE batch SET finished_at = ?2, report_json = ?3 WHERE batch_id = ?1";
// A new household: inserted only if the id is unknown.
constexpr char kInsertHousehold[] =
    "INSERT INTO household (household_id, current_version, current_vid, current_hash, "
    "current_members) VALUES (?1, 1, ?2, ?3, ?4) ON CONFLICT (household_id) DO NOTHING";
// A next version: applies only if the current version is the one before it.
constexpr char kAdvanceHousehold[] =
    "UPDATE household SET current_version = ?2, current_vid = ?3, current_hash = ?4, "
    "current_members = ?5 WHERE household_id = ?1 AND current_version = ?2 - 1";
// PostgreSQL's chunks: the staging table of household rows and how a chunk's rows are applied.
// Every writer holds the store's write lock, so nothing changes household between the two.
constexpr size_t kBulkChunk = 10'000;  // versions
constexpr char kCreateStage[] =
    "CREATE TEMP TABLE IF NOT EXISTS household_stage (household_id text COLLATE \"C\" NOT NULL, "
    "version bigint NOT NULL, vid bigint NOT NULL, hash bigint NOT NULL, members bigint NOT NULL, "
    "province smallint NOT NULL) ON COMMIT DELETE ROWS";
constexpr char kApplyStage[] =
    "UPDATE household h SET current_version = s.version, current_vid = s.vid, "
    "current_hash = s.hash, current_members = s.members, province = s.province "
    "FROM household_stage s WHERE h.household_id = s.household_id; "
    "INSERT INTO household (household_id, current_version, current_vid, current_hash, "
    "current_members, province) SELECT s.household_id, s.version, s.vid, s.hash, s.members, "
    "s.province FROM household_stage s "
    "WHERE NOT EXISTS (SELECT 1 FROM household h WHERE h.household_id = s.household_id); "
    "DELETE FROM household_stage";
constexpr char kCurrentVersions[] = "SELECT household_id, current_version FROM household";

// The partition of a version: its village's province, the first two digits of the code.
int64_t Province(const HouseholdVersion& v) {
  return static_cast<int64_t>(v.record.household.village_code.value() / 10'000'000'000ULL);
}

constexpr char kLastVid[] = "SELECT coalesce(max(vid), 0) FROM household_version";
constexpr char kCurrentVersion[] = "SELECT current_version FROM household WHERE household_id = ?1";
constexpr char kInsertQuarantine[] =
    "INSERT INTO quarantine (batch_id, file, line, column_name, rule, raw_value, message, "
    "record) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

}  // namespace

Result<std::unique_ptr<SqlBatchWriter>> SqlBatchWriter::Begin(Connection* connection,
                                                              registry::BatchInfo info,
                                                              std::function<void()> on_close) {
  std::unique_ptr<SqlBatchWriter> writer(
      new SqlBatchWriter(connection, std::move(info), std::move(on_close)));
  XJ_RETURN_IF_ERROR(connection->EnterBulkWrite());
  XJ_RETURN_IF_ERROR(Annotate(connection->BeginWrite(), "starting the import"));
  XJ_RETURN_IF_ERROR(writer->CompileStatements());
  const registry::BatchInfo& i = writer->info_;
  std::string as_of = i.as_of.ToString();
  XJ_ASSIGN_OR_RETURN(auto insert, connection->Prepare(kInsertBatch));
  insert.BindText(1, i.source);
  insert.BindText(2, i.user);
  insert.BindText(3, i.households_file);
  insert.BindText(4, i.members_file);
  insert.BindText(5, i.started_at);
  insert.BindText(6, as_of);
  XJ_ASSIGN_OR_RETURN(bool inserted, insert.Step());
  if (!inserted) return Internal("recording the batch returned no batch id");
  writer->info_.batch_id = insert.Int(0);
  writer->info_.finished_at.clear();
  writer->info_.report_json.clear();
  XJ_ASSIGN_OR_RETURN(auto last_vid, connection->Prepare(kLastVid));
  XJ_ASSIGN_OR_RETURN(bool row, last_vid.Step());
  writer->last_vid_ = row ? last_vid.Int(0) : 0;
  XJ_RETURN_IF_ERROR(Annotate(writer->BeginRows(), "starting the import"));
  return writer;
}

Status SqlBatchWriter::BeginRows() {
  // On PostgreSQL every registry row carries its partition, the province.
  std::vector<std::string> versions = kVersionColumnNames;
  std::vector<std::string> members = kMemberColumnNames;
  if (bulk_) {
    versions.push_back("province");
    members.push_back("province");
  }
  XJ_ASSIGN_OR_RETURN(versions_bulk_, connection_->BeginBulkInsert("household_version", versions));
  XJ_ASSIGN_OR_RETURN(members_bulk_, connection_->BeginBulkInsert("member_version", members));
  if (!bulk_) return Status::Ok();
  XJ_RETURN_IF_ERROR(connection_->Exec(kCreateStage));
  XJ_ASSIGN_OR_RETURN(households_bulk_, connection_->BeginBulkInsert(
                                            "household_stage", {"household_id", "version", "vid",
                                                                "hash", "members", "province"}));
  XJ_ASSIGN_OR_RETURN(auto select, connection_->Prepare(kCurrentVersions));
  for (;;) {
    XJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return Status::Ok();
    current_versions_.emplace(select.Text(0), select.Int(1));
  }
}

Status SqlBatchWriter::PutVersionInBulk(const HouseholdVersion& version) {
  const std::string& id = version.record.household.household_id;
  auto current = current_versions_.find(id);
  const int64_t known = current == current_versions_.end() ? 0 : current->second;
  if (version.version != known + 1) return WrongVersion(version, known);
  const int64_t vid = last_vid_ + 1;
  const int64_t province = Province(version);
  auto write = [&]() -> Status {
    BindVersion(*versions_bulk_, vid, version, info_.batch_id);
    versions_bulk_->Bind(19, province);
    XJ_RETURN_IF_ERROR(versions_bulk_->EndRow());
    int seq = 0;
    for (const registry::Member& m : version.record.members) {
      BindMember(*members_bulk_, vid, seq++, m);
      members_bulk_->Bind(15, province);
      XJ_RETURN_IF_ERROR(members_bulk_->EndRow());
    }
    return Status::Ok();
  };
  Status status = write();
  if (status.ok()) {
    pending_[id] = {version.version, vid, static_cast<int64_t>(version.content_hash),
                    static_cast<int64_t>(version.record.members.size()), province};
    current_versions_[id] = version.version;
    last_vid_ = vid;
    if (versions_bulk_->pending_rows() >= kBulkChunk) status = FlushBulk();
  }
  if (!status.ok()) broken_ = Annotate(status, "writing household " + id);
  return status.ok() ? status : broken_;
}

Status SqlBatchWriter::FlushBulk() {
  // Versions before their members (the foreign key), both before the households pointing at them.
  XJ_RETURN_IF_ERROR(versions_bulk_->Flush());
  XJ_RETURN_IF_ERROR(members_bulk_->Flush());
  if (pending_.empty()) return Status::Ok();
  for (const auto& [id, h] : pending_) {
    households_bulk_->BindText(1, id);
    households_bulk_->Bind(2, h.version);
    households_bulk_->Bind(3, h.vid);
    households_bulk_->Bind(4, h.hash);
    households_bulk_->Bind(5, h.members);
    households_bulk_->Bind(6, h.province);
    XJ_RETURN_IF_ERROR(households_bulk_->EndRow());
  }
  XJ_RETURN_IF_ERROR(households_bulk_->Flush());
  pending_.clear();
  return connection_->Exec(kApplyStage);
}

SqlBatchWriter::~SqlBatchWriter() {
  // A committed writer gave the connection back at Commit; it may hold the next batch now.
  if (committed_) return;
  if (connection_->InTransaction()) (void)connection_->Rollback();
  RestoreConnection();
  on_close_();
}

void SqlBatchWriter::RestoreConnection() { connection_->LeaveBulkWrite(); }

Status SqlBatchWriter::CompileStatements() {
  struct {
    const char* sql;
    sql_internal::Query** stmt;
  } const statements[] = {
      {kInsertHousehold, &insert_household_}, {kAdvanceHousehold, &advance_household_},
      {kCurrentVersion, &current_version_},   {kInsertQuarantine, &insert_quarantine_},
  };
  for (const auto& s : statements) {
    XJ_ASSIGN_OR_RETURN(*s.stmt, connection_->Compile(s.sql));
  }
  return Status::Ok();
}

Status SqlBatchWriter::Usable() const {
  if (committed_) {
    return FailedPrecondition("batch " + std::to_string(info_.batch_id) +
                              " is already committed; start a new batch");
  }
  if (!broken_.ok()) {
    return FailedPrecondition("batch " + std::to_string(info_.batch_id) +
                              " cannot continue after an earlier failure: " + broken_.message());
  }
  return Status::Ok();
}

Status SqlBatchWriter::PutVersion(const HouseholdVersion& version) {
  XJ_RETURN_IF_ERROR(Usable());
  XJ_RETURN_IF_ERROR(CheckStorable(version.record));
  if (bulk_) return PutVersionInBulk(version);
  if (version.version < 1) return WrongVersion(version);
  // The household row is written first: if the number is wrong nothing has been written.
  int64_t vid = last_vid_ + 1;
  XJ_RETURN_IF_ERROR(AdvanceHousehold(vid, version));
  if (connection_->Changes() == 0) return WrongVersion(version);
  Status status = WriteRows(vid, version);
  if (!status.ok()) {
    broken_ = Annotate(status, "writing household " + version.record.household.household_id);
    return broken_;
  }
  last_vid_ = vid;
  return Status::Ok();
}

Status SqlBatchWriter::AdvanceHousehold(int64_t vid, const HouseholdVersion& v) {
  const std::string& id = v.record.household.household_id;
  auto hash = static_cast<int64_t>(v.content_hash);
  auto members = static_cast<int64_t>(v.record.members.size());
  Status status;
  if (v.version == 1) {
    Statement insert(insert_household_);
    insert.BindText(1, id);
    insert.Bind(2, vid);
    insert.Bind(3, hash);
    insert.Bind(4, members);
    status = insert.Run();
  } else {
    Statement advance(advance_household_);
    advance.BindText(1, id);
    advance.Bind(2, v.version);
    advance.Bind(3, vid);
    advance.Bind(4, hash);
    advance.Bind(5, members);
    status = advance.Run();
  }
  if (!status.ok()) broken_ = Annotate(status, "writing household " + id);
  return status.ok() ? status : broken_;
}

Status SqlBatchWriter::WriteRows(int64_t vid, const HouseholdVersion& v) {
  BindVersion(*versions_bulk_, vid, v, info_.batch_id);
  XJ_RETURN_IF_ERROR(versions_bulk_->EndRow());
  int seq = 0;
  for (const registry::Member& m : v.record.members) {
    BindMember(*members_bulk_, vid, seq++, m);
    XJ_RETURN_IF_ERROR(members_bulk_->EndRow());
  }
  return Status::Ok();
}

Status SqlBatchWriter::WrongVersion(const HouseholdVersion& v) {
  int64_t current = 0;
  {
    Statement select(current_version_);
    select.BindText(1, v.record.household.household_id);
    XJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (row) current = select.Int(0);
  }
  return WrongVersion(v, current);
}

Status SqlBatchWriter::WrongVersion(const HouseholdVersion& v, int64_t current) {
  const std::string& id = v.record.household.household_id;
  return FailedPrecondition("household " + id + ": cannot add version " +
                            std::to_string(v.version) + " when its current version is " +
                            std::to_string(current) + "; the next version must be " +
                            std::to_string(current + 1));
}

Status SqlBatchWriter::PutQuarantine(const registry::QuarantineEntry& e) {
  XJ_RETURN_IF_ERROR(Usable());
  Statement insert(insert_quarantine_);
  insert.Bind(1, info_.batch_id);
  insert.BindText(2, e.file);
  insert.Bind(3, e.line);
  insert.BindText(4, e.column);
  insert.BindText(5, e.rule);
  insert.BindText(6, e.value);
  insert.BindText(7, e.message);
  insert.BindText(8, e.record);
  Status status = insert.Run();
  if (!status.ok()) broken_ = Annotate(status, "writing a quarantine entry");
  return status.ok() ? status : broken_;
}

Status SqlBatchWriter::Commit(std::string report_json) {
  XJ_RETURN_IF_ERROR(Usable());
  if (upload_id_ != 0) return internal::BatchOfUpload(info_.batch_id, upload_id_);
  return CommitWith(std::move(report_json), [] { return Status::Ok(); });
}

Status SqlBatchWriter::Break(const Status& status) {
  if (broken_.ok()) broken_ = status;
  return status;
}

Status SqlBatchWriter::CommitWith(std::string report_json,
                                  const std::function<Status()>& before_commit) {
  XJ_RETURN_IF_ERROR(Usable());
  std::string finished_at = UtcNowIso8601();
  auto finish = [&]() -> Status {
    if (bulk_) XJ_RETURN_IF_ERROR(FlushBulk());
    XJ_RETURN_IF_ERROR(before_commit());
    XJ_ASSIGN_OR_RETURN(auto update, connection_->Prepare(kFinishBatch));
    update.Bind(1, info_.batch_id);
    update.BindText(2, finished_at);
    update.BindText(3, report_json);
    XJ_RETURN_IF_ERROR(update.Run());
    return connection_->Commit();
  };
  Status status = finish();
  if (!status.ok()) {
    // The database may have rolled the transaction back already (a full disk, say); either way the
    // batch is lost, and the destructor rolls back whatever is left.
    broken_ = Annotate(status, "committing batch " + std::to_string(info_.batch_id));
    return broken_;
  }
  committed_ = true;
  info_.finished_at = std::move(finished_at);
  info_.report_json = std::move(report_json);
  RestoreConnection();
  on_close_();
  return Status::Ok();
}

}  // namespace xianjie::store::sql_internal
