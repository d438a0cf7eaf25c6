// SqlStore: the writes of cases::CaseStore, in the tables of migrations 0006 and 0007. Each
// call is one BEGIN IMMEDIATE transaction on the connection that standards, runs, the audit log
// and users are written on (under screening_mu_): it reads what it could be refused for, then
// writes, so a refusal leaves nothing behind. Reads are in sqlite_case_reads.cc.
#include <string>
#include <utility>

#include "store/internal/case_checks.h"
#include "store/sql/connection.h"
#include "store/sql/internal/case_rows.h"
#include "store/sql/internal/transaction.h"
#include "store/sql/sql_store.h"

namespace xianjie::store {
namespace {

using cases::CaseRecord;
using cases::EventWrite;
using cases::Lead;
using cases::NewCase;
using sql_internal::Annotate;
using sql_internal::CaseValues;
using sql_internal::Connection;
using sql_internal::EpisodeValues;
using sql_internal::EventValues;
using sql_internal::InWriteTransaction;
using sql_internal::Statement;

// The household's case that is not terminal; the terms are those of the partial unique index
// case_open_per_household, so that it serves the lookup.
constexpr char kOpenCaseOf[] =
    "SELECT case_id FROM case_record WHERE household_id = ?1 "
    "AND state NOT IN ('monitored', 'eliminated', 'rejected', 'dismissed')";
constexpr char kLeadExists[] = "SELECT 1 FROM lead WHERE household_id = ?1 AND source = ?2";
constexpr char kEpisodeClosed[] =
    "SELECT eliminated_on IS NOT NULL FROM episode WHERE episode_id = ?1";
constexpr char kCloseEpisode[] =
    "UPDATE episode SET eliminated_on = ?2, method = ?3, elimination_case = ?4 "
    "WHERE episode_id = ?1";

// The open case of the household (0 if none), inside the caller's transaction.
Result<int64_t> OpenCaseId(sql_internal::Query* compiled, const std::string& household_id) {
  Statement select(compiled);
  select.BindText(1, household_id);
  XJ_ASSIGN_OR_RETURN(bool row, select.Step());
  return row ? select.Int(0) : 0;
}

Result<bool> LeadRecorded(sql_internal::Query* compiled, const Lead& lead) {
  Statement select(compiled);
  select.BindText(1, lead.household_id);
  select.BindText(2, lead.source);
  return select.Step();
}

// Returns the lead's id.
Result<int64_t> InsertLead(sql_internal::Query* compiled, const Lead& lead, int64_t case_id) {
  Statement insert(compiled);
  sql_internal::BindLead(insert, lead, case_id);
  return insert.RunForId();
}

// Every statement is compiled once for the whole call: a province's first screening opens
// 150,000 cases here, five statements each.
Result<std::vector<int64_t>> WriteNewCases(Connection& connection,
                                           const std::vector<NewCase>& new_cases) {
  XJ_ASSIGN_OR_RETURN(sql_internal::Query * open_case, connection.Compile(kOpenCaseOf));
  XJ_ASSIGN_OR_RETURN(sql_internal::Query * lead_exists, connection.Compile(kLeadExists));
  XJ_ASSIGN_OR_RETURN(sql_internal::Query * insert_case,
                      connection.Compile(sql_internal::kInsertCase));
  XJ_ASSIGN_OR_RETURN(sql_internal::Query * insert_event,
                      connection.Compile(sql_internal::kInsertEvent));
  XJ_ASSIGN_OR_RETURN(sql_internal::Query * insert_lead,
                      connection.Compile(sql_internal::kInsertLead));
  std::vector<int64_t> ids;
  ids.reserve(new_cases.size());
  for (const NewCase& c : new_cases) {
    // CheckNewCases refused duplicates within the call, so each check sees the rows before it.
    if (!cases::IsTerminal(c.record.state)) {
      XJ_ASSIGN_OR_RETURN(int64_t open, OpenCaseId(open_case, c.record.household_id));
      if (open != 0) return internal::OpenCaseExists(c.record.household_id, open);
    }
    XJ_ASSIGN_OR_RETURN(bool recorded, LeadRecorded(lead_exists, c.lead));
    if (recorded) return internal::LeadExists(c.lead.household_id, c.lead.source);

    CaseRecord record = c.record;
    record.id = 0;
    record.version = 1;
    int64_t id = 0;
    {
      CaseValues values(record);
      Statement insert(insert_case);
      values.Bind(insert);
      XJ_ASSIGN_OR_RETURN(id, insert.RunForId());
    }
    {
      EventValues values(c.opened, id, 1);
      Statement insert(insert_event);
      values.Bind(insert);
      XJ_RETURN_IF_ERROR(insert.Run());
    }
    XJ_RETURN_IF_ERROR(InsertLead(insert_lead, c.lead, id));
    ids.push_back(id);
  }
  return ids;
}

// Checks what AppendEvent could be refused for, against the stored rows.
Status CheckAppend(Connection& connection, const EventWrite& write) {
  const int64_t id = write.next.id;
  CaseRecord stored;
  {
    XJ_ASSIGN_OR_RETURN(auto select, connection.Prepare(std::string(sql_internal::kSelectCase) +
                                                        "WHERE case_id = ?1"));
    select.Bind(1, id);
    XJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return internal::NoSuchCase(id);
    XJ_ASSIGN_OR_RETURN(stored, sql_internal::ReadCase(select));
  }
  if (stored.version != write.expected_version) return internal::CaseChanged();
  if (write.next.household_id != stored.household_id) {
    return internal::HouseholdChanged(id, stored.household_id, write.next.household_id);
  }
  if (cases::IsTerminal(stored.state) && !cases::IsTerminal(write.next.state)) {
    XJ_ASSIGN_OR_RETURN(sql_internal::Query * open_case, connection.Compile(kOpenCaseOf));
    XJ_ASSIGN_OR_RETURN(int64_t open, OpenCaseId(open_case, stored.household_id));
    if (open != 0) return internal::OpenCaseExists(stored.household_id, open);
  }
  if (write.close_episode.has_value()) {
    const int64_t episode = write.close_episode->id;
    XJ_ASSIGN_OR_RETURN(auto select, connection.Prepare(kEpisodeClosed));
    select.Bind(1, episode);
    XJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return internal::NoSuchEpisode(episode);
    if (select.Int(0) != 0) return internal::EpisodeClosed(episode);
  }
  if (write.lead.has_value()) {
    XJ_ASSIGN_OR_RETURN(sql_internal::Query * lead_exists, connection.Compile(kLeadExists));
    XJ_ASSIGN_OR_RETURN(bool recorded, LeadRecorded(lead_exists, *write.lead));
    if (recorded) return internal::LeadExists(write.lead->household_id, write.lead->source);
  }
  return Status::Ok();
}

Result<bool> WriteEvent(Connection& connection, const EventWrite& write) {
  XJ_RETURN_IF_ERROR(CheckAppend(connection, write));
  const int64_t id = write.next.id;
  CaseRecord next = write.next;
  next.version = write.expected_version + 1;
  if (write.open_episode.has_value()) {
    EpisodeValues values(*write.open_episode, id);
    XJ_ASSIGN_OR_RETURN(auto insert, connection.Prepare(sql_internal::kInsertEpisode));
    values.Bind(insert);
    XJ_ASSIGN_OR_RETURN(next.episode_id, insert.RunForId());
  }
  if (write.close_episode.has_value()) {
    const cases::Episode& e = *write.close_episode;
    const std::string eliminated_on = e.eliminated_on->ToString();
    XJ_ASSIGN_OR_RETURN(auto update, connection.Prepare(kCloseEpisode));
    update.Bind(1, e.id);
    update.BindText(2, eliminated_on);
    update.BindText(3, e.method);
    update.Bind(4, e.elimination_case);
    XJ_RETURN_IF_ERROR(update.Run());
  }
  {
    CaseValues values(next);
    XJ_ASSIGN_OR_RETURN(auto update, connection.Prepare(sql_internal::kUpdateCase));
    values.Bind(update);
    XJ_RETURN_IF_ERROR(update.Run());
  }
  {
    EventValues values(write.record, id, next.version);
    XJ_ASSIGN_OR_RETURN(auto insert, connection.Prepare(sql_internal::kInsertEvent));
    values.Bind(insert);
    XJ_RETURN_IF_ERROR(insert.Run());
  }
  if (write.lead.has_value()) {
    XJ_ASSIGN_OR_RETURN(sql_internal::Query * insert_lead,
                        connection.Compile(sql_internal::kInsertLead));
    XJ_RETURN_IF_ERROR(InsertLead(insert_lead, *write.lead, id));
  }
  return true;
}

}  // namespace

Result<std::vector<int64_t>> SqlStore::OpenCases(const std::vector<NewCase>& new_cases) {
  XJ_RETURN_IF_ERROR(internal::CheckNewCases(new_cases));
  if (new_cases.empty()) return std::vector<int64_t>();
  const std::string what = "opening " + std::to_string(new_cases.size()) + " cases";
  std::lock_guard lock(screening_mu_);
  XJ_ASSIGN_OR_RETURN(Connection * connection, ScreeningWriter());
  return InWriteTransaction<std::vector<int64_t>>(
      *connection, what, [&] { return WriteNewCases(*connection, new_cases); });
}

Status SqlStore::AppendEvent(const EventWrite& write) {
  XJ_RETURN_IF_ERROR(internal::CheckEventWrite(write));
  const std::string what = "storing " + std::string(cases::EventCode(write.record.event)) +
                           " of case " + std::to_string(write.next.id);
  std::lock_guard lock(screening_mu_);
  XJ_ASSIGN_OR_RETURN(Connection * connection, ScreeningWriter());
  return InWriteTransaction<bool>(*connection, what, [&] { return WriteEvent(*connection, write); })
      .status();
}

Result<int64_t> SqlStore::AddLead(const Lead& lead) {
  XJ_RETURN_IF_ERROR(internal::CheckLead(lead));
  const std::string what = "recording lead '" + lead.source + "' of household " + lead.household_id;
  std::lock_guard lock(screening_mu_);
  XJ_ASSIGN_OR_RETURN(Connection * connection, ScreeningWriter());
  return InWriteTransaction<int64_t>(*connection, what, [&]() -> Result<int64_t> {
    XJ_ASSIGN_OR_RETURN(sql_internal::Query * lead_exists, connection->Compile(kLeadExists));
    XJ_ASSIGN_OR_RETURN(bool recorded, LeadRecorded(lead_exists, lead));
    if (recorded) return internal::LeadExists(lead.household_id, lead.source);
    XJ_ASSIGN_OR_RETURN(sql_internal::Query * insert,
                        connection->Compile(sql_internal::kInsertLead));
    return InsertLead(insert, lead, lead.case_id);
  });
}

Result<int64_t> SqlStore::PutAttachment(const cases::Attachment& meta, const std::string& content) {
  const std::string what =
      "storing attachment '" + meta.filename + "' of case " + std::to_string(meta.case_id);
  std::lock_guard lock(screening_mu_);
  XJ_ASSIGN_OR_RETURN(Connection * connection, ScreeningWriter());
  XJ_ASSIGN_OR_RETURN(auto insert, connection->Prepare(sql_internal::kInsertAttachment));
  sql_internal::BindAttachment(insert, meta, content);
  return Annotate(insert.RunForId(), what);
}

Result<int64_t> SqlStore::PutMeasure(const cases::Measure& measure) {
  XJ_RETURN_IF_ERROR(cases::CheckMeasure(measure));
  const std::string what = "storing a measure of household " + measure.household_id;
  std::lock_guard lock(screening_mu_);
  XJ_ASSIGN_OR_RETURN(Connection * connection, ScreeningWriter());
  return InWriteTransaction<int64_t>(*connection, what, [&]() -> Result<int64_t> {
    sql_internal::MeasureValues values(measure);
    if (measure.id == 0) {
      XJ_ASSIGN_OR_RETURN(auto insert, connection->Prepare(sql_internal::kInsertMeasure));
      values.Bind(insert);
      return insert.RunForId();
    }
    XJ_ASSIGN_OR_RETURN(
        auto select, connection->Prepare("SELECT household_id FROM measure WHERE measure_id = ?1"));
    select.Bind(1, measure.id);
    XJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return internal::NoSuchMeasure(measure.id);
    const std::string stored(select.Text(0));
    if (stored != measure.household_id) {
      return internal::MeasureHouseholdChanged(measure.id, stored, measure.household_id);
    }
    XJ_ASSIGN_OR_RETURN(auto update, connection->Prepare(sql_internal::kUpdateMeasure));
    values.Bind(update);
    XJ_RETURN_IF_ERROR(update.Run());
    return measure.id;
  });
}

Status SqlStore::PutLimits(const std::string& province, const cases::WorkflowLimits& limits) {
  XJ_RETURN_IF_ERROR(internal::CheckProvince(province));
  std::lock_guard lock(screening_mu_);
  XJ_ASSIGN_OR_RETURN(Connection * connection, ScreeningWriter());
  XJ_ASSIGN_OR_RETURN(auto upsert, connection->Prepare(sql_internal::kPutLimits));
  sql_internal::BindLimits(upsert, province, limits);
  return Annotate(upsert.Run(), "storing the workflow limits of province " + province);
}

}  // namespace xianjie::store
