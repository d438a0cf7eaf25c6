// Rows of migrations 0006 and 0007 to and from the records of cases/case.h and cases/measure.h.
// Codes are written with cases::KindCode etc. and parsed back with cases::ParseKind etc.; event
// fields are a JSON object of strings and attachment ids a JSON array, parsed without exceptions.
#include "store/sql/internal/case_rows.h"

#include <optional>
#include <utility>

#include "store/sql/internal/row_decoder.h"

namespace xianjie::store::sql_internal {
namespace {

using cases::Attachment;
using cases::CaseRecord;
using cases::Episode;
using cases::EventRecord;
using cases::Lead;
using cases::WorkflowLimits;

std::string DateText(const std::optional<CivilDate>& date) {
  return date.has_value() ? date->ToString() : std::string();
}

// Binds an optional date's text (kept alive by the caller), or NULL.
void BindOptionalDate(Statement& s, int index, const std::optional<CivilDate>& date,
                      const std::string& text) {
  if (date.has_value()) {
    s.BindText(index, text);
  } else {
    s.BindNull(index);
  }
}

}  // namespace

CaseValues::CaseValues(const CaseRecord& c)
    : c_(c),
      opened_on_(c.opened_on.ToString()),
      state_since_(c.state_since.ToString()),
      paused_since_(DateText(c.paused_since)),
      notice_start_(DateText(c.notice_start)),
      notice_end_(DateText(c.notice_end)) {}

void CaseValues::Bind(Statement& s) const {
  if (c_.id > 0) {
    s.Bind(1, c_.id);
  } else {
    s.BindNull(1);
  }
  s.BindText(2, cases::KindCode(c_.kind));
  s.BindText(3, c_.household_id);
  s.BindText(4, c_.village_code);
  s.BindText(5, cases::StateCode(c_.state));
  s.BindText(6, cases::ChannelCode(c_.channel));
  s.Bind(7, c_.relapse ? 1 : 0);
  s.BindText(8, c_.opened_at);
  s.BindText(9, opened_on_);
  s.BindText(10, state_since_);
  s.BindText(11, c_.updated_at);
  s.Bind(12, c_.version);
  s.Bind(13, c_.paused_days);
  s.Bind(14, c_.step_paused_days);
  BindOptionalDate(s, 15, c_.paused_since, paused_since_);
  s.Bind(16, c_.open_objections);
  s.Bind(17, c_.home_visit_done ? 1 : 0);
  s.Bind(18, c_.comparison_done ? 1 : 0);
  BindOptionalDate(s, 19, c_.notice_start, notice_start_);
  BindOptionalDate(s, 20, c_.notice_end, notice_end_);
  s.BindText(21, c_.proposed_type);
  s.BindText(22, c_.proposed_risks);
  s.BindText(23, c_.decided_type);
  s.BindText(24, c_.decided_risks);
  s.BindText(25, c_.method);
  s.BindText(26, c_.reason);
  s.BindText(27, c_.closed_at);
  s.Bind(28, c_.escalation);
  s.Bind(29, c_.episode_id);
}

EventValues::EventValues(const EventRecord& e, int64_t case_id, int64_t seq)
    : e_(e),
      case_id_(case_id),
      seq_(seq),
      on_(e.on.ToString()),
      // The store checked that every field is UTF-8 (store/internal/case_checks.h), so dump
      // cannot throw.
      fields_(nlohmann::json(e.fields).dump()),
      attachments_(nlohmann::json(e.attachments).dump()) {}

void EventValues::Bind(Statement& s) const {
  s.Bind(1, case_id_);
  s.Bind(2, seq_);
  s.BindText(3, cases::EventCode(e_.event));
  s.BindText(4, cases::StateCode(e_.from));
  s.BindText(5, cases::StateCode(e_.to));
  s.BindText(6, e_.actor);
  s.BindText(7, e_.actor_role);
  s.BindText(8, e_.at);
  s.BindText(9, on_);
  s.BindText(10, e_.comment);
  s.BindText(11, fields_);
  s.BindText(12, attachments_);
}

EpisodeValues::EpisodeValues(const Episode& e, int64_t identification_case)
    : e_(e),
      identification_case_(identification_case),
      identified_on_(e.identified_on.ToString()),
      eliminated_on_(DateText(e.eliminated_on)) {}

void EpisodeValues::Bind(Statement& s) const {
  s.BindNull(1);
  s.BindText(2, e_.household_id);
  s.BindText(3, e_.village_code);
  s.BindText(4, identified_on_);
  s.BindText(5, e_.type);
  s.BindText(6, e_.risks);
  s.Bind(7, identification_case_);
  BindOptionalDate(s, 8, e_.eliminated_on, eliminated_on_);
  s.BindText(9, e_.method);
  s.Bind(10, e_.elimination_case);
}

void BindLead(Statement& s, const Lead& lead, int64_t case_id) {
  s.BindNull(1);
  s.BindText(2, lead.household_id);
  s.BindText(3, cases::ChannelCode(lead.channel));
  s.BindText(4, lead.source);
  s.BindText(5, lead.at);
  s.BindText(6, lead.proposed_type);
  s.BindText(7, lead.proposed_risks);
  s.BindText(8, lead.note);
  s.Bind(9, case_id);
  s.Bind(10, lead.episode_id);
  s.BindText(11, lead.visit_reason);
}

void BindAttachment(Statement& s, const Attachment& meta, std::string_view content) {
  s.BindNull(1);
  s.Bind(2, meta.case_id);
  s.BindText(3, meta.filename);
  s.BindText(4, meta.content_type);
  s.BindText(5, meta.sha256);
  s.Bind(6, meta.bytes);
  s.BindText(7, meta.uploaded_by);
  s.BindText(8, meta.uploaded_at);
  s.BindBlob(9, content);
}

void BindLimits(Statement& s, const std::string& province, const WorkflowLimits& l) {
  s.BindText(1, province);
  s.Bind(2, l.application_days);
  s.Bind(3, l.home_visit_days);
  s.Bind(4, l.comparison_days);
  s.Bind(5, l.appraisal_days);
  s.Bind(6, l.notice_min_days);
  s.Bind(7, l.notice_close_days);
  s.Bind(8, l.township_days);
  s.Bind(9, l.county_days);
  s.Bind(10, l.overall_days);
  s.Bind(11, l.escalate_every);
  s.Bind(12, l.elimination_min_months);
  s.Bind(13, l.stable_income_months);
  s.Bind(14, l.early_elimination_months);
}

MeasureValues::MeasureValues(const cases::Measure& m)
    : m_(m), start_(m.start.ToString()), end_(DateText(m.end)) {}

void MeasureValues::Bind(Statement& s) const {
  if (m_.id > 0) {
    s.Bind(1, m_.id);
  } else {
    s.BindNull(1);
  }
  s.BindText(2, m_.household_id);
  s.BindText(3, m_.member_id_number);
  s.BindText(4, cases::MeasureCategoryCode(m_.category));
  s.BindText(5, m_.item);
  s.BindText(6, m_.department);
  s.BindText(7, start_);
  BindOptionalDate(s, 8, m_.end, end_);
  s.Bind(9, m_.amount_fen);
  s.BindText(10, cases::MeasureStatusCode(m_.status));
  s.BindText(11, m_.risks);
  s.BindText(12, m_.recorded_by);
  s.BindText(13, m_.recorded_at);
  s.Bind(14, m_.plan_id);
  s.BindText(15, m_.item_code);
}

Result<CaseRecord> ReadCase(const Statement& row) {
  CaseRecord c;
  c.id = row.Int(0);
  RowDecoder d(row, "case_record", "case_id=" + std::to_string(c.id));
  c.kind = d.Code(1, "kind", cases::ParseKind, "a case kind this xianjie knows");
  c.household_id.assign(row.Text(2));
  c.village_code.assign(row.Text(3));
  c.state = d.Code(4, "state", cases::ParseState, "a case state this xianjie knows");
  c.channel = d.Code(5, "channel", cases::ParseChannel, "a lead channel this xianjie knows");
  c.relapse = row.Int(6) != 0;
  c.opened_at.assign(row.Text(7));
  c.opened_on = d.Date(8, "opened_on");
  c.state_since = d.Date(9, "state_since");
  c.updated_at.assign(row.Text(10));
  c.version = row.Int(11);
  c.paused_days = static_cast<int32_t>(row.Int(12));
  c.step_paused_days = static_cast<int32_t>(row.Int(13));
  c.paused_since = d.OptionalDate(14, "paused_since");
  c.open_objections = static_cast<int32_t>(row.Int(15));
  c.home_visit_done = row.Int(16) != 0;
  c.comparison_done = row.Int(17) != 0;
  c.notice_start = d.OptionalDate(18, "notice_start");
  c.notice_end = d.OptionalDate(19, "notice_end");
  c.proposed_type.assign(row.Text(20));
  c.proposed_risks.assign(row.Text(21));
  c.decided_type.assign(row.Text(22));
  c.decided_risks.assign(row.Text(23));
  c.method.assign(row.Text(24));
  c.reason.assign(row.Text(25));
  c.closed_at.assign(row.Text(26));
  c.escalation = static_cast<int32_t>(row.Int(27));
  c.episode_id = row.Int(28);
  return d.Finish(std::move(c));
}

Result<EventRecord> ReadEvent(const Statement& row) {
  EventRecord e;
  e.case_id = row.Int(0);
  e.seq = row.Int(1);
  RowDecoder d(row, "case_event",
               "case_id=" + std::to_string(e.case_id) + " seq=" + std::to_string(e.seq));
  e.event = d.Code(2, "event", cases::ParseEvent, "an event this xianjie knows");
  e.from = d.Code(3, "from_state", cases::ParseState, "a case state this xianjie knows");
  e.to = d.Code(4, "to_state", cases::ParseState, "a case state this xianjie knows");
  e.actor.assign(row.Text(5));
  e.actor_role.assign(row.Text(6));
  e.at.assign(row.Text(7));
  e.on = d.Date(8, "on_date");
  e.comment.assign(row.Text(9));
  e.fields = d.Fields(10, "fields");
  e.attachments = d.Ids(11, "attachments");
  return d.Finish(std::move(e));
}

Result<Lead> ReadLead(const Statement& row) {
  Lead l;
  l.id = row.Int(0);
  RowDecoder d(row, "lead", "lead_id=" + std::to_string(l.id));
  l.household_id.assign(row.Text(1));
  l.channel = d.Code(2, "channel", cases::ParseChannel, "a lead channel this xianjie knows");
  l.source.assign(row.Text(3));
  l.at.assign(row.Text(4));
  l.proposed_type.assign(row.Text(5));
  l.proposed_risks.assign(row.Text(6));
  l.note.assign(row.Text(7));
  l.case_id = row.Int(8);
  l.episode_id = row.Int(9);
  l.visit_reason.assign(row.Text(10));
  return d.Finish(std::move(l));
}

Result<Episode> ReadEpisode(const Statement& row) {
  Episode e;
  e.id = row.Int(0);
  RowDecoder d(row, "episode", "episode_id=" + std::to_string(e.id));
  e.household_id.assign(row.Text(1));
  e.village_code.assign(row.Text(2));
  e.identified_on = d.Date(3, "identified_on");
  e.type.assign(row.Text(4));
  e.risks.assign(row.Text(5));
  e.identification_case = row.Int(6);
  e.eliminated_on = d.OptionalDate(7, "eliminated_on");
  e.method.assign(row.Text(8));
  e.elimination_case = row.Int(9);
  return d.Finish(std::move(e));
}

Attachment ReadAttachment(const Statement& row) {
  Attachment a;
  a.id = row.Int(0);
  a.case_id = row.Int(1);
  a.filename.assign(row.Text(2));
  a.content_type.assign(row.Text(3));
  a.sha256.assign(row.Text(4));
  a.bytes = row.Int(5);
  a.uploaded_by.assign(row.Text(6));
  a.uploaded_at.assign(row.Text(7));
  return a;
}

WorkflowLimits ReadLimits(const Statement& row) {
  WorkflowLimits l;
  l.application_days = static_cast<int>(row.Int(0));
  l.home_visit_days = static_cast<int>(row.Int(1));
  l.comparison_days = static_cast<int>(row.Int(2));
  l.appraisal_days = static_cast<int>(row.Int(3));
  l.notice_min_days = static_cast<int>(row.Int(4));
  l.notice_close_days = static_cast<int>(row.Int(5));
  l.township_days = static_cast<int>(row.Int(6));
  l.county_days = static_cast<int>(row.Int(7));
  l.overall_days = static_cast<int>(row.Int(8));
  l.escalate_every = static_cast<int>(row.Int(9));
  l.elimination_min_months = static_cast<int>(row.Int(10));
  l.stable_income_months = static_cast<int>(row.Int(11));
  l.early_elimination_months = static_cast<int>(row.Int(12));
  return l;
}

Result<cases::Measure> ReadMeasure(const Statement& row) {
  cases::Measure m;
  m.id = row.Int(0);
  RowDecoder d(row, "measure", "measure_id=" + std::to_string(m.id));
  m.household_id.assign(row.Text(1));
  m.member_id_number.assign(row.Text(2));
  m.category =
      d.Code(3, "category", cases::ParseMeasureCategory, "a measure category this xianjie knows");
  m.item.assign(row.Text(4));
  m.department.assign(row.Text(5));
  m.start = d.Date(6, "start_on");
  m.end = d.OptionalDate(7, "end_on");
  m.amount_fen = row.Int(8);
  m.status = d.Code(9, "status", cases::ParseMeasureStatus, "a measure status this xianjie knows");
  m.risks.assign(row.Text(10));
  m.recorded_by.assign(row.Text(11));
  m.recorded_at.assign(row.Text(12));
  m.plan_id = row.Int(13);
  m.item_code.assign(row.Text(14));
  return d.Finish(std::move(m));
}

}  // namespace xianjie::store::sql_internal
