// SqliteStore's reads of households: current hashes and members, current versions by id or
// as one ordered stream, the registry as of an instant, the households changed since a batch,
// and a household's history. Each call reads one snapshot.
#include <string>

#include "store/internal/argument_checks.h"
#include "store/sqlite/internal/reader.h"
#include "store/sqlite/internal/row_codec.h"
#include "store/sqlite/sqlite_store.h"

namespace xianjie::store {
namespace {

using registry::HouseholdVersion;
using sqlite_internal::kMemberColumns;
using sqlite_internal::kVersionColumns;

// The current-state queries walk household's primary key, i.e. household_id in BINARY (byte)
// order, and look the current version and its members up by vid (CROSS JOIN fixes that order):
// rows stream in the order wanted without a sort, and old versions are never read.

// The queries are built from the shared column lists once, and never destroyed.

// One household's current version with its members.
const std::string& GetCurrentSql() {
  static const std::string* const sql =
      new std::string(std::string("SELECT ") + kVersionColumns + ", " + kMemberColumns +
                      " FROM household h"
                      " CROSS JOIN household_version v ON v.vid = h.current_vid"
                      " LEFT JOIN member_version m ON m.vid = v.vid"
                      " WHERE h.household_id = ?1 ORDER BY m.seq");
  return *sql;
}

// All current versions, and all their members, in the same order: merged by MergeVersionRows.
const std::string& ScanVersionsSql() {
  static const std::string* const sql =
      new std::string(std::string("SELECT ") + kVersionColumns +
                      " FROM household h CROSS JOIN household_version v ON v.vid = h.current_vid"
                      " ORDER BY h.household_id");
  return *sql;
}
const std::string& ScanMembersSql() {
  static const std::string* const sql =
      new std::string(std::string("SELECT h.household_id, ") + kMemberColumns +
                      " FROM household h CROSS JOIN member_version m ON m.vid = h.current_vid"
                      " ORDER BY h.household_id, m.seq");
  return *sql;
}

// Each household's highest version whose batch finished at or before ?1, with its members. The
// household table is walked in id order and the version found by a correlated subquery that
// walks the household's versions from the highest down (UNIQUE(household_id, version)) and looks
// each batch up by key: one streamed query, no sort, no temporary table.
const std::string& ScanAsOfSql() {
  static const std::string* const sql = new std::string(
      std::string("SELECT ") + kVersionColumns + ", " + kMemberColumns +
      " FROM household h"
      " CROSS JOIN household_version v ON v.vid = ("
      "   SELECT w.vid FROM household_version w CROSS JOIN batch b ON b.batch_id = w.batch_id"
      "   WHERE w.household_id = h.household_id AND b.finished_at <= ?1"
      "   ORDER BY w.version DESC LIMIT 1)"
      " LEFT JOIN member_version m ON m.vid = v.vid"
      " ORDER BY h.household_id, m.seq");
  return *sql;
}

// The households with a version of a batch after ?1. Batches are written one at a time and
// number their version rows (vid) from the highest before them, so the versions of later batches
// are exactly the rows after the last vid of batch ?1 or before: the inner query finds it by
// walking vid down from the end, and NOT INDEXED makes the outer one read only the rows after it
// (by rowid range) instead of the whole (household_id, version) index. The cost follows the
// number of versions written since, not the registry's size.
constexpr char kChangedSinceSql[] =
    "SELECT household_id FROM household_version NOT INDEXED"
    " WHERE vid > coalesce((SELECT vid FROM household_version WHERE batch_id <= ?1"
    "                       ORDER BY vid DESC LIMIT 1), 0)"
    "   AND batch_id > ?1"
    " GROUP BY household_id ORDER BY household_id";

// Every version of one household, oldest first.
const std::string& HistorySql() {
  static const std::string* const sql =
      new std::string(std::string("SELECT ") + kVersionColumns + ", " + kMemberColumns +
                      " FROM household_version v"
                      " LEFT JOIN member_version m ON m.vid = v.vid"
                      " WHERE v.household_id = ?1 ORDER BY v.version, m.seq");
  return *sql;
}

}  // namespace

Status SqliteStore::ForEachCurrentHash(
    const std::function<void(const std::string&, int32_t, uint64_t)>& fn) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(
      auto select,
      reader->Prepare("SELECT household_id, current_version, current_hash FROM household"));
  std::string id;
  for (;;) {
    XJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return Status::Ok();
    id.assign(select.Text(0));
    fn(id, static_cast<int32_t>(select.Int(1)), static_cast<uint64_t>(select.Int(2)));
  }
}

Status SqliteStore::ForEachCurrentMember(
    const std::function<void(const std::string&, const std::string&)>& fn) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select,
                      reader->Prepare("SELECT m.id_number, h.household_id FROM household h"
                                      " CROSS JOIN member_version m ON m.vid = h.current_vid"));
  std::string id_number;
  std::string household_id;
  for (;;) {
    XJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return Status::Ok();
    id_number.assign(select.Text(0));
    household_id.assign(select.Text(1));
    fn(id_number, household_id);
  }
}

Result<std::vector<HouseholdVersion>> SqliteStore::GetCurrent(
    std::span<const std::string> household_ids) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  sqlite_internal::ReadTransaction transaction(*reader);
  XJ_RETURN_IF_ERROR(transaction.Begin());
  std::vector<HouseholdVersion> versions;
  for (const std::string& id : household_ids) {
    XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(GetCurrentSql()));
    select.BindText(1, id);
    XJ_RETURN_IF_ERROR(sqlite_internal::ReadVersionRows(select, [&](HouseholdVersion& v) {
      versions.push_back(std::move(v));
      return Status::Ok();
    }));
  }
  return versions;
}

Status SqliteStore::ScanCurrent(const std::function<Status(const HouseholdVersion&)>& fn) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  // Both statements must read the same snapshot.
  sqlite_internal::ReadTransaction transaction(*reader);
  XJ_RETURN_IF_ERROR(transaction.Begin());
  XJ_ASSIGN_OR_RETURN(auto versions, reader->Prepare(ScanVersionsSql()));
  XJ_ASSIGN_OR_RETURN(auto members, reader->Prepare(ScanMembersSql()));
  return sqlite_internal::MergeVersionRows(versions, members,
                                           [&](HouseholdVersion& v) { return fn(v); });
}

Status SqliteStore::ScanAsOf(const std::string& committed_at_or_before,
                             const std::function<Status(const HouseholdVersion&)>& fn) {
  XJ_RETURN_IF_ERROR(internal::CheckUtcInstant(committed_at_or_before));
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(ScanAsOfSql()));
  select.BindText(1, committed_at_or_before);
  return sqlite_internal::ReadVersionRows(select, [&](HouseholdVersion& v) { return fn(v); });
}

Result<int64_t> SqliteStore::LastCommittedBatch() {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  // Readers see committed batches only: an open batch's row is in its uncommitted transaction.
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare("SELECT coalesce(max(batch_id), 0) FROM batch"));
  XJ_ASSIGN_OR_RETURN(bool row, select.Step());
  return row ? select.Int(0) : 0;
}

Status SqliteStore::ForEachChangedSince(int64_t batch_id,
                                        const std::function<void(const std::string&)>& fn) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(kChangedSinceSql));
  select.Bind(1, batch_id);
  std::string id;
  for (;;) {
    XJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return Status::Ok();
    id.assign(select.Text(0));
    fn(id);
  }
}

Result<std::vector<HouseholdVersion>> SqliteStore::History(const std::string& household_id) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(HistorySql()));
  select.BindText(1, household_id);
  std::vector<HouseholdVersion> versions;
  XJ_RETURN_IF_ERROR(sqlite_internal::ReadVersionRows(select, [&](HouseholdVersion& v) {
    versions.push_back(std::move(v));
    return Status::Ok();
  }));
  return versions;
}

}  // namespace xianjie::store
