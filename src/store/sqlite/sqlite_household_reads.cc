// SqliteStore's reads of households: current hashes and members, current versions by id or
// as one ordered stream, and a household's history. Each call reads one snapshot.
#include <string>

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
