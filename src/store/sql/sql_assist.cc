// SqlStore: assistance (assist::AssistStore; migration 0011, tables assist_plan,
// responsible_person, visit, measure_catalog). Writes are BEGIN IMMEDIATE transactions on the
// screening writer's connection (under screening_mu_) that read what they could be refused for
// first, so a refusal leaves nothing behind; reads use the pool. States are stored as their
// codes and parsed back on every read, dates as 'YYYY-MM-DD': a value this xianjie cannot read
// is kDataLoss naming the table, row and column.
#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/internal/assist_checks.h"
#include "store/sql/connection.h"
#include "store/sql/internal/read_rows.h"
#include "store/sql/internal/reader.h"
#include "store/sql/internal/row_decoder.h"
#include "store/sql/internal/transaction.h"
#include "store/sql/internal/where.h"
#include "store/sql/sql_store.h"

namespace xianjie::store {
namespace {

using assist::CatalogVersion;
using assist::Plan;
using assist::PlanFilter;
using assist::PlanState;
using assist::ResponsiblePerson;
using assist::Visit;
using assist::VisitFilter;
using sql_internal::Annotate;
using sql_internal::Connection;
using sql_internal::InsertNextVersion;
using sql_internal::InWriteTransaction;
using sql_internal::ReadOneRow;
using sql_internal::ReadRows;
using sql_internal::RowDecoder;
using sql_internal::Statement;
using sql_internal::Where;

constexpr char kSelectPlan[] =
    "SELECT plan_id, household_id, episode_id, village_code, state, created_by, created_at, "
    "updated_at, completed_by, completed_at, note FROM assist_plan ";
constexpr char kInsertPlan[] =
    "INSERT INTO assist_plan (household_id, episode_id, village_code, state, created_by, "
    "created_at, updated_at, completed_by, completed_at, note) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING plan_id";
constexpr char kUpdatePlan[] =
    "UPDATE assist_plan SET state = ?2, updated_at = ?3, completed_by = ?4, completed_at = ?5, "
    "note = ?6 WHERE plan_id = ?1";
constexpr char kSelectResponsible[] =
    "SELECT responsible_id, household_id, name, unit, phone, from_on, to_on, assigned_by, "
    "assigned_at FROM responsible_person ";
constexpr char kInsertResponsible[] =
    "INSERT INTO responsible_person (household_id, name, unit, phone, from_on, to_on, "
    "assigned_by, assigned_at) VALUES (?1, ?2, ?3, ?4, ?5, NULL, ?6, ?7) "
    "RETURNING responsible_id";
constexpr char kSelectVisit[] =
    "SELECT visit_id, household_id, village_code, visited_on, visitor, recorded_by, recorded_at, "
    "found, risks_seen, lead_id FROM visit ";
constexpr char kInsertVisit[] =
    "INSERT INTO visit (household_id, village_code, visited_on, visitor, recorded_by, "
    "recorded_at, found, risks_seen, lead_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
    "RETURNING visit_id";
constexpr char kSelectCatalog[] =
    "SELECT province, version, text, created_by, created_at FROM measure_catalog ";

Result<Plan> ReadPlan(const Statement& row) {
  Plan p;
  p.id = row.Int(0);
  RowDecoder d(row, "assist_plan", "plan_id=" + std::to_string(p.id));
  p.household_id.assign(row.Text(1));
  p.episode_id = row.Int(2);
  p.village_code.assign(row.Text(3));
  p.state =
      d.Code<PlanState>(4, "state", assist::ParsePlanState, "a plan state this xianjie knows");
  p.created_by.assign(row.Text(5));
  p.created_at.assign(row.Text(6));
  p.updated_at.assign(row.Text(7));
  p.completed_by.assign(row.Text(8));
  p.completed_at.assign(row.Text(9));
  p.note.assign(row.Text(10));
  return d.Finish(std::move(p));
}

Result<ResponsiblePerson> ReadResponsible(const Statement& row) {
  ResponsiblePerson r;
  r.id = row.Int(0);
  RowDecoder d(row, "responsible_person", "responsible_id=" + std::to_string(r.id));
  r.household_id.assign(row.Text(1));
  r.name.assign(row.Text(2));
  r.unit.assign(row.Text(3));
  r.phone.assign(row.Text(4));
  r.from = d.Date(5, "from_on");
  r.to = d.OptionalDate(6, "to_on");
  r.assigned_by.assign(row.Text(7));
  r.assigned_at.assign(row.Text(8));
  return d.Finish(std::move(r));
}

Result<Visit> ReadVisit(const Statement& row) {
  Visit v;
  v.id = row.Int(0);
  RowDecoder d(row, "visit", "visit_id=" + std::to_string(v.id));
  v.household_id.assign(row.Text(1));
  v.village_code.assign(row.Text(2));
  v.visited_on = d.Date(3, "visited_on");
  v.visitor.assign(row.Text(4));
  v.recorded_by.assign(row.Text(5));
  v.recorded_at.assign(row.Text(6));
  v.found.assign(row.Text(7));
  v.risks_seen.assign(row.Text(8));
  v.lead_id = row.Int(9);
  return d.Finish(std::move(v));
}

Result<CatalogVersion> ReadCatalog(const Statement& row) {
  CatalogVersion c;
  c.province.assign(row.Text(0));
  c.version = row.Int(1);
  c.text.assign(row.Text(2));
  c.created_by.assign(row.Text(3));
  c.created_at.assign(row.Text(4));
  return c;
}

Where PlanWhere(const PlanFilter& filter) {
  Where where;
  where.AddPrefix("village_code", filter.region_prefix);
  if (!filter.household_id.empty()) {
    where.Add("household_id = " + where.Param(filter.household_id));
  }
  if (!filter.states.empty()) {
    std::string in;
    for (PlanState s : assist::kAllPlanStates) {  // in a fixed order: one text per set
      if (std::find(filter.states.begin(), filter.states.end(), s) == filter.states.end()) {
        continue;
      }
      in += (in.empty() ? "" : ", ") + where.Param(std::string(assist::PlanStateCode(s)));
    }
    where.Add("state IN (" + in + ")");
  }
  return where;
}

Where VisitWhere(const VisitFilter& filter) {
  Where where;
  where.AddPrefix("village_code", filter.region_prefix);
  if (filter.from) where.Add("visited_on >= " + where.Param(filter.from->ToString()));
  if (filter.to) where.Add("visited_on <= " + where.Param(filter.to->ToString()));
  return where;
}

// The total of `where` over `table` (when asked) and the page, in one read transaction.
template <typename T, typename Read>
Result<std::vector<T>> ReadPage(Connection& reader, const std::string& select,
                                const std::string& table, const Where& where,
                                const std::string& order, int64_t offset, int64_t limit,
                                int64_t* total, Read read) {
  sql_internal::ReadTransaction snapshot(reader);
  XJ_RETURN_IF_ERROR(snapshot.Begin());
  if (total != nullptr) {
    XJ_ASSIGN_OR_RETURN(auto count,
                        reader.Prepare("SELECT count(*) FROM " + table + " " + where.sql));
    where.Bind(count);
    XJ_ASSIGN_OR_RETURN(bool row, count.Step());
    *total = row ? count.Int(0) : 0;
  }
  const int limit_param = where.NextParam();
  XJ_ASSIGN_OR_RETURN(auto page, reader.Prepare(select + where.sql + " ORDER BY " + order +
                                                " LIMIT ?" + std::to_string(limit_param) +
                                                " OFFSET ?" + std::to_string(limit_param + 1)));
  where.Bind(page);
  sql_internal::BindPage(page, limit_param, limit, offset);
  return ReadRows<T>(page, read);
}

}  // namespace

Result<int64_t> SqlStore::CreatePlan(const Plan& plan) {
  XJ_RETURN_IF_ERROR(assist::CheckPlan(plan));
  const std::string what =
      "creating the plan of monitoring episode " + std::to_string(plan.episode_id);
  std::lock_guard lock(screening_mu_);
  XJ_ASSIGN_OR_RETURN(Connection * connection, ScreeningWriter());
  return InWriteTransaction<int64_t>(*connection, what, [&]() -> Result<int64_t> {
    XJ_ASSIGN_OR_RETURN(
        auto existing,
        connection->Prepare("SELECT plan_id FROM assist_plan WHERE episode_id = ?1"));
    existing.Bind(1, plan.episode_id);
    XJ_ASSIGN_OR_RETURN(bool row, existing.Step());
    if (row) return internal::PlanExists(plan.episode_id, existing.Int(0));
    XJ_ASSIGN_OR_RETURN(auto insert, connection->Prepare(kInsertPlan));
    insert.BindText(1, plan.household_id);
    insert.Bind(2, plan.episode_id);
    insert.BindText(3, plan.village_code);
    insert.BindText(4, assist::PlanStateCode(plan.state));
    insert.BindText(5, plan.created_by);
    insert.BindText(6, plan.created_at);
    insert.BindText(7, plan.updated_at);
    insert.BindText(8, plan.completed_by);
    insert.BindText(9, plan.completed_at);
    insert.BindText(10, plan.note);
    return insert.RunForId();
  });
}

Status SqlStore::UpdatePlan(const Plan& plan, PlanState expected) {
  const std::string what = "changing plan " + std::to_string(plan.id);
  std::lock_guard lock(screening_mu_);
  XJ_ASSIGN_OR_RETURN(Connection * connection, ScreeningWriter());
  return InWriteTransaction<bool>(
             *connection, what,
             [&]() -> Result<bool> {
               XJ_ASSIGN_OR_RETURN(auto select, connection->Prepare(std::string(kSelectPlan) +
                                                                    "WHERE plan_id = ?1"));
               select.Bind(1, plan.id);
               XJ_ASSIGN_OR_RETURN(std::optional<Plan> stored, ReadOneRow<Plan>(select, ReadPlan));
               if (!stored) return internal::NoSuchPlan(plan.id);
               Plan next = *stored;
               next.state = plan.state;
               next.updated_at = plan.updated_at;
               next.completed_by = plan.completed_by;
               next.completed_at = plan.completed_at;
               next.note = plan.note;
               XJ_RETURN_IF_ERROR(assist::CheckPlan(next));
               if (stored->state != expected) return internal::PlanChanged(plan.id, stored->state);
               XJ_ASSIGN_OR_RETURN(auto update, connection->Prepare(kUpdatePlan));
               update.Bind(1, plan.id);
               update.BindText(2, assist::PlanStateCode(next.state));
               update.BindText(3, next.updated_at);
               update.BindText(4, next.completed_by);
               update.BindText(5, next.completed_at);
               update.BindText(6, next.note);
               XJ_RETURN_IF_ERROR(update.Run());
               return true;
             })
      .status();
}

Result<std::optional<Plan>> SqlStore::GetPlan(int64_t id) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select,
                      reader->Prepare(std::string(kSelectPlan) + "WHERE plan_id = ?1"));
  select.Bind(1, id);
  return ReadOneRow<Plan>(select, ReadPlan);
}

Result<std::optional<Plan>> SqlStore::PlanOfEpisode(int64_t episode_id) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select,
                      reader->Prepare(std::string(kSelectPlan) + "WHERE episode_id = ?1"));
  select.Bind(1, episode_id);
  return ReadOneRow<Plan>(select, ReadPlan);
}

Result<std::vector<Plan>> SqlStore::ListPlans(const PlanFilter& filter, int64_t* total) {
  XJ_RETURN_IF_ERROR(internal::CheckPlanFilter(filter));
  const Where where = PlanWhere(filter);
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  return ReadPage<Plan>(*reader, kSelectPlan, "assist_plan", where, "plan_id", filter.offset,
                        filter.limit, total, ReadPlan);
}

Result<int64_t> SqlStore::AssignResponsible(const ResponsiblePerson& next) {
  XJ_RETURN_IF_ERROR(internal::CheckAssignment(next));
  const std::string what = "assigning the responsible person of household " + next.household_id;
  std::lock_guard lock(screening_mu_);
  XJ_ASSIGN_OR_RETURN(Connection * connection, ScreeningWriter());
  return InWriteTransaction<int64_t>(*connection, what, [&]() -> Result<int64_t> {
    XJ_ASSIGN_OR_RETURN(auto select,
                        connection->Prepare(std::string(kSelectResponsible) +
                                            "WHERE household_id = ?1 AND to_on IS NULL"));
    select.BindText(1, next.household_id);
    XJ_ASSIGN_OR_RETURN(std::optional<ResponsiblePerson> current,
                        ReadOneRow<ResponsiblePerson>(select, ReadResponsible));
    if (current) {
      if (next.from <= current->from) return internal::AssignmentOverlaps(*current, next);
      XJ_ASSIGN_OR_RETURN(auto end, connection->Prepare("UPDATE responsible_person SET to_on = ?2 "
                                                        "WHERE responsible_id = ?1"));
      end.Bind(1, current->id);
      const std::string to = CivilDate::FromDays(next.from.ToDays() - 1).ToString();
      end.BindText(2, to);
      XJ_RETURN_IF_ERROR(end.Run());
    }
    XJ_ASSIGN_OR_RETURN(auto insert, connection->Prepare(kInsertResponsible));
    const std::string from = next.from.ToString();
    insert.BindText(1, next.household_id);
    insert.BindText(2, next.name);
    insert.BindText(3, next.unit);
    insert.BindText(4, next.phone);
    insert.BindText(5, from);
    insert.BindText(6, next.assigned_by);
    insert.BindText(7, next.assigned_at);
    return insert.RunForId();
  });
}

Result<std::vector<ResponsiblePerson>> SqlStore::ResponsibleOf(const std::string& household_id) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select,
                      reader->Prepare(std::string(kSelectResponsible) + "WHERE household_id = ?1 "
                                                                        "ORDER BY responsible_id"));
  select.BindText(1, household_id);
  return ReadRows<ResponsiblePerson>(select, ReadResponsible);
}

Result<int64_t> SqlStore::AddVisit(const Visit& visit) {
  XJ_RETURN_IF_ERROR(assist::CheckVisit(visit));
  std::lock_guard lock(screening_mu_);
  XJ_ASSIGN_OR_RETURN(Connection * connection, ScreeningWriter());
  XJ_ASSIGN_OR_RETURN(auto insert, connection->Prepare(kInsertVisit));
  const std::string visited_on = visit.visited_on.ToString();
  insert.BindText(1, visit.household_id);
  insert.BindText(2, visit.village_code);
  insert.BindText(3, visited_on);
  insert.BindText(4, visit.visitor);
  insert.BindText(5, visit.recorded_by);
  insert.BindText(6, visit.recorded_at);
  insert.BindText(7, visit.found);
  insert.BindText(8, visit.risks_seen);
  insert.Bind(9, visit.lead_id);
  return Annotate(insert.RunForId(), "recording a visit of household " + visit.household_id);
}

Result<std::vector<Visit>> SqlStore::VisitsOf(const std::string& household_id) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(std::string(kSelectVisit) +
                                                   "WHERE household_id = ?1 "
                                                   "ORDER BY visited_on DESC, visit_id DESC"));
  select.BindText(1, household_id);
  return ReadRows<Visit>(select, ReadVisit);
}

Result<std::vector<Visit>> SqlStore::ListVisits(const VisitFilter& filter, int64_t* total) {
  XJ_RETURN_IF_ERROR(internal::CheckVisitFilter(filter));
  const Where where = VisitWhere(filter);
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  return ReadPage<Visit>(*reader, kSelectVisit, "visit", where, "visited_on, visit_id",
                         filter.offset, filter.limit, total, ReadVisit);
}

Result<int64_t> SqlStore::PutCatalogVersion(const CatalogVersion& version) {
  XJ_RETURN_IF_ERROR(assist::CheckCatalogVersion(version));
  const std::string what = "storing a measures catalogue of province " + version.province;
  std::lock_guard lock(screening_mu_);
  XJ_ASSIGN_OR_RETURN(Connection * connection, ScreeningWriter());
  return InWriteTransaction<int64_t>(*connection, what, [&] {
    return InsertNextVersion(*connection, "measure_catalog", version.province, version.text,
                             version.created_by, version.created_at);
  });
}

Result<std::optional<CatalogVersion>> SqlStore::LatestCatalogVersion(const std::string& province) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(
      auto select, reader->Prepare(std::string(kSelectCatalog) + "WHERE province = ?1 "
                                                                 "ORDER BY version DESC LIMIT 1"));
  select.BindText(1, province);
  return ReadOneRow<CatalogVersion>(select, ReadCatalog);
}

Result<std::vector<CatalogVersion>> SqlStore::CatalogVersions(const std::string& province) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(std::string(kSelectCatalog) +
                                                   "WHERE province = ?1 ORDER BY version"));
  select.BindText(1, province);
  return ReadRows<CatalogVersion>(select, ReadCatalog);
}

}  // namespace xianjie::store
