// How cases, events, leads, attachments, episodes, measures and workflow limits map to the rows
// of migrations 0006 and 0007: the column lists and statements, binding a record to their
// parameters, and reading rows back, checking every code, date and JSON value. Private to
// store/sqlite.
#ifndef XIANJIE_STORE_SQL_INTERNAL_CASE_ROWS_H_
#define XIANJIE_STORE_SQL_INTERNAL_CASE_ROWS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"
#include "cases/case.h"
#include "cases/deadlines.h"
#include "cases/measure.h"
#include "store/sql/connection.h"

namespace xianjie::store::sql_internal {

// SELECTs of every column ReadCase, ReadEvent, ... expect, in their order; a WHERE clause and
// ORDER BY follow.
inline constexpr char kSelectCase[] =
    "SELECT case_id, kind, household_id, village_code, state, channel, relapse, opened_at, "
    "opened_on, state_since, updated_at, version, paused_days, step_paused_days, paused_since, "
    "open_objections, home_visit_done, comparison_done, notice_start, notice_end, proposed_type, "
    "proposed_risks, decided_type, decided_risks, method, reason, closed_at, escalation, "
    "episode_id FROM case_record ";
inline constexpr char kSelectEvent[] =
    "SELECT case_id, seq, event, from_state, to_state, actor, actor_role, at, on_date, comment, "
    "fields, attachments FROM case_event ";
inline constexpr char kSelectLead[] =
    "SELECT lead_id, household_id, channel, source, at, proposed_type, proposed_risks, note, "
    "case_id, episode_id, visit_reason FROM lead ";
inline constexpr char kSelectEpisode[] =
    "SELECT episode_id, household_id, village_code, identified_on, type, risks, "
    "identification_case, eliminated_on, method, elimination_case FROM episode ";
inline constexpr char kSelectAttachment[] =
    "SELECT attachment_id, case_id, filename, content_type, sha256, bytes, uploaded_by, "
    "uploaded_at FROM case_attachment ";
inline constexpr char kSelectLimits[] =
    "SELECT application_days, home_visit_days, comparison_days, appraisal_days, notice_min_days, "
    "notice_close_days, township_days, county_days, overall_days, escalate_every, "
    "elimination_min_months, stable_income_months, early_elimination_months "
    "FROM workflow_limits ";
inline constexpr char kSelectMeasure[] =
    "SELECT measure_id, household_id, member_id_number, category, item, department, start_on, "
    "end_on, amount_fen, status, risks, recorded_by, recorded_at, plan_id, item_code "
    "FROM measure ";

// Statements whose parameters the Bind functions below fill. A NULL id (an id of 0) lets the
// database number the row: the highest id + 1, as no row is ever deleted (SQLite's rowid; a
// trigger on PostgreSQL).
inline constexpr char kInsertCase[] =
    "INSERT INTO case_record (case_id, kind, household_id, village_code, state, channel, "
    "relapse, opened_at, opened_on, state_since, updated_at, version, paused_days, "
    "step_paused_days, paused_since, open_objections, home_visit_done, comparison_done, "
    "notice_start, notice_end, proposed_type, proposed_risks, decided_type, decided_risks, "
    "method, reason, closed_at, escalation, episode_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
    "?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, "
    "?27, ?28, ?29) RETURNING case_id";
inline constexpr char kUpdateCase[] =
    "UPDATE case_record SET kind = ?2, household_id = ?3, village_code = ?4, state = ?5, "
    "channel = ?6, relapse = ?7, opened_at = ?8, opened_on = ?9, state_since = ?10, "
    "updated_at = ?11, version = ?12, paused_days = ?13, step_paused_days = ?14, "
    "paused_since = ?15, open_objections = ?16, home_visit_done = ?17, comparison_done = ?18, "
    "notice_start = ?19, notice_end = ?20, proposed_type = ?21, proposed_risks = ?22, "
    "decided_type = ?23, decided_risks = ?24, method = ?25, reason = ?26, closed_at = ?27, "
    "escalation = ?28, episode_id = ?29 WHERE case_id = ?1";
inline constexpr char kInsertEvent[] =
    "INSERT INTO case_event (case_id, seq, event, from_state, to_state, actor, actor_role, at, "
    "on_date, comment, fields, attachments) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
inline constexpr char kInsertLead[] =
    "INSERT INTO lead (lead_id, household_id, channel, source, at, proposed_type, "
    "proposed_risks, note, case_id, episode_id, visit_reason) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING lead_id";
inline constexpr char kInsertEpisode[] =
    "INSERT INTO episode (episode_id, household_id, village_code, identified_on, type, risks, "
    "identification_case, eliminated_on, method, elimination_case) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING episode_id";
inline constexpr char kInsertAttachment[] =
    "INSERT INTO case_attachment (attachment_id, case_id, filename, content_type, sha256, bytes, "
    "uploaded_by, uploaded_at, content) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
    "RETURNING attachment_id";
inline constexpr char kPutLimits[] =
    "INSERT INTO workflow_limits (province, application_days, home_visit_days, comparison_days, "
    "appraisal_days, notice_min_days, notice_close_days, township_days, county_days, "
    "overall_days, escalate_every, elimination_min_months, stable_income_months, "
    "early_elimination_months) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
    "?14) "
    "ON CONFLICT (province) DO UPDATE SET application_days = excluded.application_days, "
    "home_visit_days = excluded.home_visit_days, comparison_days = excluded.comparison_days, "
    "appraisal_days = excluded.appraisal_days, notice_min_days = excluded.notice_min_days, "
    "notice_close_days = excluded.notice_close_days, township_days = excluded.township_days, "
    "county_days = excluded.county_days, overall_days = excluded.overall_days, "
    "escalate_every = excluded.escalate_every, "
    "elimination_min_months = excluded.elimination_min_months, "
    "stable_income_months = excluded.stable_income_months, "
    "early_elimination_months = excluded.early_elimination_months";
// ?1 is the measure_id (NULL: a new row); kUpdateMeasure keeps the row's household.
inline constexpr char kInsertMeasure[] =
    "INSERT INTO measure (measure_id, household_id, member_id_number, category, item, "
    "department, start_on, end_on, amount_fen, status, risks, recorded_by, recorded_at, plan_id, "
    "item_code) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) "
    "RETURNING measure_id";
inline constexpr char kUpdateMeasure[] =
    "UPDATE measure SET member_id_number = ?3, category = ?4, item = ?5, department = ?6, "
    "start_on = ?7, end_on = ?8, amount_fen = ?9, status = ?10, risks = ?11, recorded_by = ?12, "
    "recorded_at = ?13, plan_id = ?14, item_code = ?15 WHERE measure_id = ?1 AND "
    "household_id = ?2";

// The values of a row that are not text in the record (dates, JSON), encoded for binding.
// Statement binds text without a copy, so these must outlive the statement's last step, as must
// the record they were made from.
class CaseValues {
 public:
  explicit CaseValues(const cases::CaseRecord& c);
  // ?1 case_id .. ?29 episode_id, for kInsertCase and kUpdateCase.
  void Bind(Statement& s) const;

 private:
  const cases::CaseRecord& c_;
  std::string opened_on_, state_since_, paused_since_, notice_start_, notice_end_;
};

class EventValues {
 public:
  // The event stored as event `seq` of case `case_id` (whatever the record's own say).
  EventValues(const cases::EventRecord& e, int64_t case_id, int64_t seq);
  void Bind(Statement& s) const;  // kInsertEvent

 private:
  const cases::EventRecord& e_;
  int64_t case_id_, seq_;
  std::string on_, fields_, attachments_;
};

class EpisodeValues {
 public:
  // The episode stored as opened by case `identification_case`.
  EpisodeValues(const cases::Episode& e, int64_t identification_case);
  void Bind(Statement& s) const;  // kInsertEpisode

 private:
  const cases::Episode& e_;
  int64_t identification_case_;
  std::string identified_on_, eliminated_on_;
};

class MeasureValues {
 public:
  explicit MeasureValues(const cases::Measure& m);
  // ?1 measure_id (NULL when 0) .. ?13 recorded_at, ?14 plan_id, ?15 item_code, for
  // kInsertMeasure and kUpdateMeasure.
  void Bind(Statement& s) const;

 private:
  const cases::Measure& m_;
  std::string start_, end_;
};

// kInsertLead with the lead's case_id replaced by `case_id`.
void BindLead(Statement& s, const cases::Lead& lead, int64_t case_id);
void BindAttachment(Statement& s, const cases::Attachment& meta, std::string_view content);
void BindLimits(Statement& s, const std::string& province, const cases::WorkflowLimits& limits);

// A row back as a record. A code this xianjie does not know, a malformed date or JSON value is
// kDataLoss naming the table, the row and the column: the file was damaged, or written by a
// newer xianjie.
Result<cases::CaseRecord> ReadCase(const Statement& row);
Result<cases::EventRecord> ReadEvent(const Statement& row);
Result<cases::Lead> ReadLead(const Statement& row);
Result<cases::Episode> ReadEpisode(const Statement& row);
cases::Attachment ReadAttachment(const Statement& row);
cases::WorkflowLimits ReadLimits(const Statement& row);
Result<cases::Measure> ReadMeasure(const Statement& row);

}  // namespace xianjie::store::sql_internal

#endif  // XIANJIE_STORE_SQL_INTERNAL_CASE_ROWS_H_
