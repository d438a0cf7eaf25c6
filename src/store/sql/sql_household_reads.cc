// SqlStore's reads of households: current hashes and members, current versions by id or
// as one ordered stream, the registry as of an instant, the households changed since a batch,
// and a household's history. Each call reads one snapshot.
#include <string>

#include "store/internal/argument_checks.h"
#include "store/sql/internal/reader.h"
#include "store/sql/internal/row_codec.h"
#include "store/sql/sql_store.h"

namespace xianjie::store {
namespace {

using registry::HouseholdVersion;
using sql_internal::kMemberColumns;
using sql_internal::kVersionColumns;

using sql_internal::Dialect;

// The current-state queries walk household's primary key, i.e. household_id in byte order, and
// look the current version and its members up by vid. On SQLite, CROSS JOIN fixes that join
// order: rows stream in the order wanted without a sort, and old versions are never read.
// PostgreSQL has no such hint (nor CROSS JOIN with ON) and plans the order itself; there the
// registry tables are partitioned by province, and joining on the province too keeps each
// version with its household's partition.
//
// The queries are built from the shared column lists once per dialect, and never destroyed.
class HouseholdQueries {
 public:
  static const HouseholdQueries& For(Dialect dialect) {
    static const HouseholdQueries* const sqlite = new HouseholdQueries(Dialect::kSqlite);
    static const HouseholdQueries* const postgres = new HouseholdQueries(Dialect::kPostgres);
    return dialect == Dialect::kSqlite ? *sqlite : *postgres;
  }

  std::string get_current;    // one household's current version with its members
  std::string scan_versions;  // all current versions, and all their members, in the same
  std::string scan_members;   // order: merged by MergeVersionRows
  std::string scan_as_of;
  std::string changed_since;
  std::string history;
  std::string current_members;  // (id number, household id) of every current member

 private:
  explicit HouseholdQueries(Dialect dialect) {
    const bool sqlite = dialect == Dialect::kSqlite;
    const std::string join = sqlite ? " CROSS JOIN " : " JOIN ";
    // The current version row of household h, and the member rows of version v.
    const std::string current_version = join + "household_version v ON v.vid = h.current_vid" +
                                        (sqlite ? "" : " AND v.province = h.province");
    const std::string members_of_version =
        std::string(" LEFT JOIN member_version m ON m.vid = v.vid") +
        (sqlite ? "" : " AND m.province = v.province");
    const std::string members_of_current = join + "member_version m ON m.vid = h.current_vid" +
                                           (sqlite ? "" : " AND m.province = h.province");
    const std::string versions = std::string("SELECT ") + kVersionColumns;
    const std::string with_members = versions + ", " + kMemberColumns;

    get_current = with_members + " FROM household h" + current_version + members_of_version +
                  " WHERE h.household_id = ?1 ORDER BY m.seq";
    scan_versions = versions + " FROM household h" + current_version + " ORDER BY h.household_id";
    scan_members = std::string("SELECT h.household_id, ") + kMemberColumns + " FROM household h" +
                   members_of_current + " ORDER BY h.household_id, m.seq";
    // Each household's highest version whose batch finished at or before ?1, with its members.
    // The household table is walked in id order and the version found by a correlated subquery
    // that walks the household's versions from the highest down (UNIQUE(household_id, version))
    // and looks each batch up by key: one streamed query, no sort, no temporary table.
    scan_as_of = with_members + " FROM household h" + join +
                 "household_version v ON v.vid = ("
                 "   SELECT w.vid FROM household_version w" +
                 join +
                 "batch b ON b.batch_id = w.batch_id"
                 "   WHERE w.household_id = h.household_id AND b.finished_at <= ?1"
                 "   ORDER BY w.version DESC LIMIT 1)" +
                 members_of_version + " ORDER BY h.household_id, m.seq";
    // The households with a version of a batch after ?1. Batches are written one at a time and
    // number their version rows (vid) from the highest before them, so the versions of later
    // batches are exactly the rows after the last vid of batch ?1 or before: the inner query
    // finds it by walking vid down from the end, and (on SQLite) NOT INDEXED makes the outer one
    // read only the rows after it (by rowid range) instead of the whole (household_id, version)
    // index. The cost follows the number of versions written since, not the registry's size.
    changed_since = std::string("SELECT household_id FROM household_version") +
                    (sqlite ? " NOT INDEXED" : "") +
                    " WHERE vid > coalesce((SELECT vid FROM household_version WHERE batch_id <= ?1"
                    "                       ORDER BY vid DESC LIMIT 1), 0)"
                    "   AND batch_id > ?1"
                    " GROUP BY household_id ORDER BY household_id";
    // Every version of one household, oldest first.
    current_members = "SELECT m.id_number, h.household_id FROM household h" + members_of_current;
    history = with_members + " FROM household_version v" + members_of_version +
              " WHERE v.household_id = ?1 ORDER BY v.version, m.seq";
  }
};

}  // namespace

Status SqlStore::ForEachCurrentHash(
    const std::function<void(const std::string&, int32_t, uint64_t)>& fn) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  // One snapshot; streamed (a cursor on PostgreSQL).
  sql_internal::ReadTransaction transaction(*reader);
  XJ_RETURN_IF_ERROR(transaction.Begin());
  XJ_ASSIGN_OR_RETURN(
      auto select,
      reader->PrepareScan("SELECT household_id, current_version, current_hash FROM household"));
  std::string id;
  for (;;) {
    XJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return Status::Ok();
    id.assign(select.Text(0));
    fn(id, static_cast<int32_t>(select.Int(1)), static_cast<uint64_t>(select.Int(2)));
  }
}

Status SqlStore::ForEachCurrentMember(
    const std::function<void(const std::string&, const std::string&)>& fn) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  // One snapshot; streamed (a cursor on PostgreSQL).
  sql_internal::ReadTransaction transaction(*reader);
  XJ_RETURN_IF_ERROR(transaction.Begin());
  XJ_ASSIGN_OR_RETURN(
      auto select, reader->PrepareScan(HouseholdQueries::For(reader->dialect()).current_members));
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

Result<std::vector<HouseholdVersion>> SqlStore::GetCurrent(
    std::span<const std::string> household_ids) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  sql_internal::ReadTransaction transaction(*reader);
  XJ_RETURN_IF_ERROR(transaction.Begin());
  std::vector<HouseholdVersion> versions;
  for (const std::string& id : household_ids) {
    XJ_ASSIGN_OR_RETURN(auto select,
                        reader->Prepare(HouseholdQueries::For(reader->dialect()).get_current));
    select.BindText(1, id);
    XJ_RETURN_IF_ERROR(sql_internal::ReadVersionRows(select, [&](HouseholdVersion& v) {
      versions.push_back(std::move(v));
      return Status::Ok();
    }));
  }
  return versions;
}

Status SqlStore::ScanCurrent(const std::function<Status(const HouseholdVersion&)>& fn) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  // Both statements must read the same snapshot.
  sql_internal::ReadTransaction transaction(*reader);
  XJ_RETURN_IF_ERROR(transaction.Begin());
  XJ_ASSIGN_OR_RETURN(auto versions,
                      reader->PrepareScan(HouseholdQueries::For(reader->dialect()).scan_versions));
  XJ_ASSIGN_OR_RETURN(auto members,
                      reader->PrepareScan(HouseholdQueries::For(reader->dialect()).scan_members));
  return sql_internal::MergeVersionRows(versions, members,
                                        [&](HouseholdVersion& v) { return fn(v); });
}

Status SqlStore::ScanAsOf(const std::string& committed_at_or_before,
                          const std::function<Status(const HouseholdVersion&)>& fn) {
  XJ_RETURN_IF_ERROR(internal::CheckUtcInstant(committed_at_or_before));
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  // One snapshot; streamed (a cursor on PostgreSQL).
  sql_internal::ReadTransaction transaction(*reader);
  XJ_RETURN_IF_ERROR(transaction.Begin());
  XJ_ASSIGN_OR_RETURN(auto select,
                      reader->PrepareScan(HouseholdQueries::For(reader->dialect()).scan_as_of));
  select.BindText(1, committed_at_or_before);
  return sql_internal::ReadVersionRows(select, [&](HouseholdVersion& v) { return fn(v); });
}

Result<int64_t> SqlStore::LastCommittedBatch() {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  // Readers see committed batches only: an open batch's row is in its uncommitted transaction.
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare("SELECT coalesce(max(batch_id), 0) FROM batch"));
  XJ_ASSIGN_OR_RETURN(bool row, select.Step());
  return row ? select.Int(0) : 0;
}

Status SqlStore::ForEachChangedSince(int64_t batch_id,
                                     const std::function<void(const std::string&)>& fn) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select,
                      reader->Prepare(HouseholdQueries::For(reader->dialect()).changed_since));
  select.Bind(1, batch_id);
  std::string id;
  for (;;) {
    XJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return Status::Ok();
    id.assign(select.Text(0));
    fn(id);
  }
}

Result<std::vector<HouseholdVersion>> SqlStore::History(const std::string& household_id) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select,
                      reader->Prepare(HouseholdQueries::For(reader->dialect()).history));
  select.BindText(1, household_id);
  std::vector<HouseholdVersion> versions;
  XJ_RETURN_IF_ERROR(sql_internal::ReadVersionRows(select, [&](HouseholdVersion& v) {
    versions.push_back(std::move(v));
    return Status::Ok();
  }));
  return versions;
}

}  // namespace xianjie::store
