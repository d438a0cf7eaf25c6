// SqlStore: applications from the public page (cases::CaseStore; migration 0008, table
// `application`). Writes are single statements on the screening writer's connection (under
// screening_mu_); reads use the pool. A region is a range of the village_code index, as for
// cases. Status and relation are stored as their codes and parsed back on every read: a code
// this xianjie does not know is kDataLoss naming the row and column.
#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/internal/case_checks.h"
#include "store/sql/connection.h"
#include "store/sql/internal/read_rows.h"
#include "store/sql/internal/reader.h"
#include "store/sql/internal/where.h"
#include "store/sql/sql_store.h"

namespace xianjie::store {
namespace {

using cases::Application;
using cases::ApplicationFilter;
using cases::ApplicationStatus;
using sql_internal::ReadRows;
using sql_internal::Statement;
using sql_internal::Where;

constexpr char kSelectApplication[] =
    "SELECT application_id, reference, village_code, received_at, applicant_name, id_number, "
    "phone, relation, text, client_hash, household_id, case_id, status, handled_by, handled_at, "
    "note FROM application ";
constexpr char kInsertApplication[] =
    "INSERT INTO application (reference, village_code, received_at, applicant_name, id_number, "
    "phone, relation, text, client_hash, household_id, case_id, status, handled_by, handled_at, "
    "note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) RETURNING "
    "application_id";
constexpr char kUpdateApplication[] =
    "UPDATE application SET household_id = ?2, case_id = ?3, status = ?4, handled_by = ?5, "
    "handled_at = ?6, note = ?7 WHERE application_id = ?1 AND status = ?8";

Status DamagedRow(const Statement& row, int64_t id, std::string_view column, std::string_view raw,
                  std::string_view what) {
  return DataLoss("database '" + row.database() + "': application row application_id=" +
                  std::to_string(id) + " has " + std::string(column) + " '" +
                  std::string(raw.substr(0, 60)) + "', not " + std::string(what) +
                  "; restore the database from a backup (or open it with the newer xianjie "
                  "that wrote it)");
}

Result<Application> ReadApplication(const Statement& row) {
  Application a;
  a.id = row.Int(0);
  a.reference.assign(row.Text(1));
  a.village_code.assign(row.Text(2));
  a.received_at.assign(row.Text(3));
  a.applicant_name.assign(row.Text(4));
  a.id_number.assign(row.Text(5));
  a.phone.assign(row.Text(6));
  auto relation = cases::ParseRelation(row.Text(7));
  if (!relation) return DamagedRow(row, a.id, "relation", row.Text(7), "self or proxy");
  a.relation = *relation;
  a.text.assign(row.Text(8));
  a.client_hash.assign(row.Text(9));
  a.household_id.assign(row.Text(10));
  a.case_id = row.Int(11);
  auto status = cases::ParseApplicationStatus(row.Text(12));
  if (!status) {
    return DamagedRow(row, a.id, "status", row.Text(12),
                      "an application status this xianjie knows");
  }
  a.status = *status;
  a.handled_by.assign(row.Text(13));
  a.handled_at.assign(row.Text(14));
  a.note.assign(row.Text(15));
  return a;
}

Where ApplicationWhere(const ApplicationFilter& filter) {
  Where where;
  where.AddPrefix("village_code", filter.village_prefix);
  if (!filter.statuses.empty()) {
    // Sorted and deduplicated: one statement text per set of statuses.
    std::vector<ApplicationStatus> statuses = filter.statuses;
    std::sort(statuses.begin(), statuses.end());
    statuses.erase(std::unique(statuses.begin(), statuses.end()), statuses.end());
    std::string in;
    for (ApplicationStatus s : statuses) {
      in += (in.empty() ? "" : ", ") + where.Param(std::string(cases::ApplicationStatusCode(s)));
    }
    where.Add("status IN (" + in + ")");
  }
  return where;
}

}  // namespace

Result<int64_t> SqlStore::PutApplication(const Application& a) {
  XJ_RETURN_IF_ERROR(internal::CheckApplication(a));
  std::lock_guard lock(screening_mu_);
  XJ_ASSIGN_OR_RETURN(sql_internal::Connection * connection, ScreeningWriter());
  XJ_ASSIGN_OR_RETURN(auto insert, connection->Prepare(kInsertApplication));
  insert.BindText(1, a.reference);
  insert.BindText(2, a.village_code);
  insert.BindText(3, a.received_at);
  insert.BindText(4, a.applicant_name);
  insert.BindText(5, a.id_number);
  insert.BindText(6, a.phone);
  insert.BindText(7, cases::RelationCode(a.relation));
  insert.BindText(8, a.text);
  insert.BindText(9, a.client_hash);
  insert.BindText(10, a.household_id);
  insert.Bind(11, a.case_id);
  insert.BindText(12, cases::ApplicationStatusCode(a.status));
  insert.BindText(13, a.handled_by);
  insert.BindText(14, a.handled_at);
  insert.BindText(15, a.note);
  return sql_internal::Annotate(insert.RunForId(),
                                "storing an application of village " + a.village_code);
}

Result<std::optional<Application>> SqlStore::GetApplication(int64_t id) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(
      auto select, reader->Prepare(std::string(kSelectApplication) + "WHERE application_id = ?1"));
  select.Bind(1, id);
  XJ_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return std::optional<Application>();
  XJ_ASSIGN_OR_RETURN(Application a, ReadApplication(select));
  return std::optional<Application>(std::move(a));
}

Result<std::vector<Application>> SqlStore::ListApplications(const ApplicationFilter& filter,
                                                            int64_t* total) {
  XJ_RETURN_IF_ERROR(internal::CheckApplicationFilter(filter));
  const Where where = ApplicationWhere(filter);
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  sql_internal::ReadTransaction snapshot(*reader);
  XJ_RETURN_IF_ERROR(snapshot.Begin());
  if (total != nullptr) {
    XJ_ASSIGN_OR_RETURN(auto count,
                        reader->Prepare("SELECT count(*) FROM application " + where.sql));
    where.Bind(count);
    XJ_ASSIGN_OR_RETURN(bool row, count.Step());
    *total = row ? count.Int(0) : 0;
  }
  const int limit_param = static_cast<int>(where.texts.size()) + 1;
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(std::string(kSelectApplication) + where.sql +
                                                   " ORDER BY application_id LIMIT ?" +
                                                   std::to_string(limit_param) + " OFFSET ?" +
                                                   std::to_string(limit_param + 1)));
  where.Bind(select);
  sql_internal::BindPage(select, limit_param, filter.limit, filter.offset);
  return ReadRows<Application>(select, ReadApplication);
}

Status SqlStore::UpdateApplication(const Application& a, ApplicationStatus expected) {
  const std::string what = "recording what became of application " + std::to_string(a.id);
  std::lock_guard lock(screening_mu_);
  XJ_ASSIGN_OR_RETURN(sql_internal::Connection * connection, ScreeningWriter());
  {
    XJ_ASSIGN_OR_RETURN(auto update, connection->Prepare(kUpdateApplication));
    update.Bind(1, a.id);
    update.BindText(2, a.household_id);
    update.Bind(3, a.case_id);
    update.BindText(4, cases::ApplicationStatusCode(a.status));
    update.BindText(5, a.handled_by);
    update.BindText(6, a.handled_at);
    update.BindText(7, a.note);
    update.BindText(8, cases::ApplicationStatusCode(expected));
    XJ_RETURN_IF_ERROR(sql_internal::Annotate(update.Run(), what));
  }
  if (connection->Changes() == 1) return Status::Ok();
  // Nothing changed: no such row, or its status moved. Writes of applications are serialized
  // by screening_mu_, so the status read now is the one that refused the update.
  XJ_ASSIGN_OR_RETURN(
      auto select, connection->Prepare("SELECT status FROM application WHERE application_id = ?1"));
  select.Bind(1, a.id);
  XJ_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return internal::NoSuchApplication(a.id);
  auto stored = cases::ParseApplicationStatus(select.Text(0));
  if (!stored) {
    return DamagedRow(select, a.id, "status", select.Text(0),
                      "an application status this xianjie knows");
  }
  return internal::ApplicationChanged(a.id, *stored);
}

}  // namespace xianjie::store
