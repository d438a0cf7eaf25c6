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

// Current versions with their members, in household_id (BINARY, i.e. byte) order then member
// order: the planner walks household's primary key and looks the rest up by key, so rows
// stream without a sort.
const std::string kSelectCurrent =
    std::string("SELECT ") + kVersionColumns + ", " + kMemberColumns +
    " FROM household h"
    " JOIN household_version v ON v.household_id = h.household_id"
    " AND v.version = h.current_version"
    " LEFT JOIN member_version m ON m.household_id = v.household_id AND m.version = v.version";

const std::string kScanCurrent = kSelectCurrent + " ORDER BY h.household_id, m.seq";
const std::string kGetCurrent = kSelectCurrent + " WHERE h.household_id = ?1 ORDER BY m.seq";
const std::string kHistory =
    std::string("SELECT ") + kVersionColumns + ", " + kMemberColumns +
    " FROM household_version v"
    " LEFT JOIN member_version m ON m.household_id = v.household_id AND m.version = v.version"
    " WHERE v.household_id = ?1 ORDER BY v.version, m.seq";

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
  XJ_ASSIGN_OR_RETURN(
      auto select,
      reader->Prepare("SELECT m.id_number, m.household_id FROM household h"
                      " JOIN member_version m ON m.household_id = h.household_id"
                      " AND m.version = h.current_version"));
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
    XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(kGetCurrent));
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
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(kScanCurrent));
  return sqlite_internal::ReadVersionRows(select, [&](HouseholdVersion& v) { return fn(v); });
}

Result<std::vector<HouseholdVersion>> SqliteStore::History(const std::string& household_id) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(kHistory));
  select.BindText(1, household_id);
  std::vector<HouseholdVersion> versions;
  XJ_RETURN_IF_ERROR(sqlite_internal::ReadVersionRows(select, [&](HouseholdVersion& v) {
    versions.push_back(std::move(v));
    return Status::Ok();
  }));
  return versions;
}

}  // namespace xianjie::store
