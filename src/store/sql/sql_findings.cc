// SqlStore: cross-check findings (exchange::ExchangeStore, migration 0010). Writes are each
// one BEGIN IMMEDIATE transaction on the screening writer's connection (under screening_mu_),
// like the cases'; reads run on the pool. A region is a range of the finding_by_village index.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/internal/exchange_checks.h"
#include "store/sql/connection.h"
#include "store/sql/internal/exchange_rows.h"
#include "store/sql/internal/reader.h"
#include "store/sql/internal/transaction.h"
#include "store/sql/internal/where.h"
#include "store/sql/sql_store.h"

namespace xianjie::store {
namespace {

using exchange::Finding;
using exchange::FindingFilter;
using exchange::FindingState;
using sql_internal::Annotate;
using sql_internal::Connection;
using sql_internal::InWriteTransaction;
using sql_internal::Statement;
using sql_internal::Where;

constexpr char kFindingState[] = "SELECT state FROM finding WHERE finding_id = ?1";
constexpr char kResolve[] =
    "UPDATE finding SET state = ?2, resolved_by = ?3, resolved_at = ?4, note = ?5 "
    "WHERE finding_id = ?1 AND state = 'open'";

Where FindingWhere(const FindingFilter& filter) {
  Where where;
  where.AddPrefix("village_code", filter.region_prefix);
  if (!filter.check.empty()) where.Add("check_code = " + where.Param(filter.check));
  where.AddPrefix("check_code", filter.check_prefix);
  if (filter.state.has_value()) {
    where.Add("state = " + where.Param(std::string(exchange::FindingStateName(*filter.state))));
  }
  if (!filter.household_id.empty()) where.Add("household_id = " + where.Param(filter.household_id));
  return where;
}

// Inserts the findings not recorded yet; returns the id of each (0: recorded before).
Result<std::vector<int64_t>> InsertFindings(Connection& connection,
                                            const std::vector<Finding>& findings) {
  XJ_ASSIGN_OR_RETURN(sql_internal::Query * insert_finding,
                      connection.Compile(sql_internal::kInsertFinding));
  std::vector<int64_t> ids;
  ids.reserve(findings.size());
  for (const Finding& f : findings) {
    Statement insert(insert_finding);
    sql_internal::BindFinding(insert, f);
    XJ_ASSIGN_OR_RETURN(int64_t id, insert.RunForId());
    ids.push_back(id);
  }
  return ids;
}

Status Resolve(Connection& connection, int64_t finding_id, FindingState state,
               std::string_view user, std::string_view note, std::string_view at_utc) {
  {
    XJ_ASSIGN_OR_RETURN(auto select, connection.Prepare(kFindingState));
    select.Bind(1, finding_id);
    XJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return internal::NoSuchFinding(finding_id);
    auto stored = exchange::ParseFindingState(select.Text(0));
    if (!stored.has_value()) {
      return DataLoss("database '" + connection.database() + "': finding row " +
                      std::to_string(finding_id) + " has an unreadable state '" +
                      std::string(select.Text(0)) + "'; restore the database from a backup");
    }
    if (*stored != FindingState::kOpen) return internal::FindingNotOpen(finding_id, *stored);
  }
  XJ_ASSIGN_OR_RETURN(auto update, connection.Prepare(kResolve));
  update.Bind(1, finding_id);
  update.BindText(2, exchange::FindingStateName(state));
  update.BindText(3, user);
  update.BindText(4, at_utc);
  update.BindText(5, note);
  return update.Run();
}

}  // namespace

Result<int64_t> SqlStore::PutFindings(std::vector<Finding>& findings) {
  XJ_RETURN_IF_ERROR(internal::CheckNewFindings(findings));
  if (findings.empty()) return int64_t{0};
  std::lock_guard lock(screening_mu_);
  XJ_ASSIGN_OR_RETURN(Connection * connection, ScreeningWriter());
  XJ_ASSIGN_OR_RETURN(std::vector<int64_t> ids, InWriteTransaction<std::vector<int64_t>>(
                                                    *connection, "storing findings", [&] {
                                                      return InsertFindings(*connection, findings);
                                                    }));
  // The ids are handed out only once the transaction has committed.
  int64_t added = 0;
  for (size_t i = 0; i < findings.size(); ++i) {
    findings[i].id = ids[i];
    if (ids[i] != 0) ++added;
  }
  return added;
}

Result<std::optional<Finding>> SqlStore::GetFinding(int64_t finding_id) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(std::string(sql_internal::kSelectFinding) +
                                                   "WHERE finding_id = ?1"));
  select.Bind(1, finding_id);
  XJ_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return std::optional<Finding>();
  XJ_ASSIGN_OR_RETURN(Finding finding, sql_internal::ReadFinding(select));
  return std::optional<Finding>(std::move(finding));
}

Result<std::vector<Finding>> SqlStore::ListFindings(const FindingFilter& filter) {
  XJ_RETURN_IF_ERROR(internal::CheckFindingFilter(filter));
  const Where where = FindingWhere(filter);
  const int limit_param = where.NextParam();
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(
      auto select,
      reader->Prepare(std::string(sql_internal::kSelectFinding) + where.sql +
                      " ORDER BY state <> 'open', opened_at, finding_id LIMIT ?" +
                      std::to_string(limit_param) + " OFFSET ?" + std::to_string(limit_param + 1)));
  where.Bind(select);
  sql_internal::BindPage(select, limit_param, filter.limit, filter.offset);
  std::vector<Finding> findings;
  for (;;) {
    XJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return findings;
    XJ_ASSIGN_OR_RETURN(Finding finding, sql_internal::ReadFinding(select));
    findings.push_back(std::move(finding));
  }
}

Result<int64_t> SqlStore::CountFindings(const FindingFilter& filter) {
  XJ_RETURN_IF_ERROR(internal::CheckFindingFilter(filter));
  const Where where = FindingWhere(filter);
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto count, reader->Prepare("SELECT count(*) FROM finding " + where.sql));
  where.Bind(count);
  XJ_ASSIGN_OR_RETURN(bool row, count.Step());
  return row ? count.Int(0) : int64_t{0};
}

Status SqlStore::ResolveFinding(int64_t finding_id, FindingState state, std::string_view user,
                                std::string_view note, std::string_view at_utc) {
  XJ_RETURN_IF_ERROR(internal::CheckResolution(finding_id, state, note));
  std::lock_guard lock(screening_mu_);
  XJ_ASSIGN_OR_RETURN(Connection * connection, ScreeningWriter());
  return InWriteTransaction<bool>(
             *connection, "resolving finding " + std::to_string(finding_id),
             [&]() -> Result<bool> {
               XJ_RETURN_IF_ERROR(Resolve(*connection, finding_id, state, user, note, at_utc));
               return true;
             })
      .status();
}

}  // namespace xianjie::store
