// Binding and reading the rows of migration 0010 (uploads, department rows, warnings,
// findings).
#include "store/sql/internal/exchange_rows.h"

#include <nlohmann/json.hpp>
#include <utility>

namespace xianjie::store::sql_internal {
namespace {

Status Damaged(const Statement& row, const char* table, int64_t id, const char* column,
               std::string_view value) {
  return DataLoss("database '" + row.database() + "': " + table + " row " + std::to_string(id) +
                  " has an unreadable " + column + " '" + std::string(value) +
                  "'; restore the database from a backup or a newer xianjie");
}

}  // namespace

void BindUpload(Statement& s, const exchange::UploadRecord& u) {
  s.Bind(1, u.id);
  s.Bind(2, u.batch_id);
  s.BindText(3, u.source);
  s.BindText(4, u.file_name);
  s.BindText(5, u.sha256);
  s.Bind(6, u.bytes);
  s.BindText(7, u.format);
  s.BindText(8, u.encoding);
  s.BindText(9, u.sheet);
  s.BindText(10, u.user);
  s.BindText(11, u.uploaded_at);
  s.BindText(12, u.region_code);
  s.Bind(13, u.read);
  s.Bind(14, u.accepted);
  s.Bind(15, u.quarantined);
  s.Bind(16, u.unmatched);
  s.Bind(17, u.warnings);
  s.Bind(18, u.updated_households);
  s.BindText(19, u.report_json);
}

void BindDeptRow(Statement& s, const exchange::DeptRow& r, int64_t upload_id) {
  s.Bind(1, upload_id);
  s.Bind(2, r.row);
  s.BindText(3, r.source);
  s.BindText(4, r.key);
  s.BindText(5, r.id_number);
  s.BindText(6, r.household_id);
  s.BindText(7, r.village_code);
  s.BindText(8, r.period);
  s.BindText(9, r.event_date);
  s.BindText(10, r.values_json);
}

WarningValues::WarningValues(const exchange::DeptWarning& w, int64_t upload_id,
                             std::string raised_at)
    : w_(w),
      upload_id_(upload_id),
      risks_(nlohmann::json(w.risks).dump()),
      raised_at_(std::move(raised_at)) {}

void WarningValues::Bind(Statement& s) const {
  s.BindText(1, w_.source);
  s.BindText(2, w_.person_key);
  s.BindText(3, w_.household_id);
  s.BindText(4, w_.village_code);
  s.BindText(5, w_.period);
  s.Bind(6, upload_id_);
  s.Bind(7, w_.row);
  s.Bind(8, w_.warning_index);
  s.BindText(9, w_.object_type);
  s.BindText(10, risks_);
  s.BindText(11, w_.message);
  s.BindText(12, raised_at_);
}

void BindFinding(Statement& s, const exchange::Finding& f) {
  s.BindText(1, f.check);
  s.BindText(2, f.household_id);
  s.BindText(3, f.village_code);
  s.BindText(4, f.evidence_key);
  s.BindText(5, f.detail);
  s.BindText(6, f.source);
  s.Bind(7, f.upload_id);
  s.Bind(8, f.row);
  s.BindText(9, f.opened_at);
  s.BindText(10, exchange::FindingStateName(f.state));
  s.BindText(11, f.resolved_by);
  s.BindText(12, f.resolved_at);
  s.BindText(13, f.note);
}

exchange::UploadRecord ReadUpload(const Statement& row) {
  exchange::UploadRecord u;
  u.id = row.Int(0);
  u.batch_id = row.Int(1);
  u.source.assign(row.Text(2));
  u.file_name.assign(row.Text(3));
  u.sha256.assign(row.Text(4));
  u.bytes = row.Int(5);
  u.format.assign(row.Text(6));
  u.encoding.assign(row.Text(7));
  u.sheet.assign(row.Text(8));
  u.user.assign(row.Text(9));
  u.uploaded_at.assign(row.Text(10));
  u.region_code.assign(row.Text(11));
  u.read = row.Int(12);
  u.accepted = row.Int(13);
  u.quarantined = row.Int(14);
  u.unmatched = row.Int(15);
  u.warnings = row.Int(16);
  u.updated_households = row.Int(17);
  u.report_json.assign(row.Text(18));
  return u;
}

exchange::DeptRow ReadDeptRow(const Statement& row) {
  exchange::DeptRow r;
  r.upload_id = row.Int(0);
  r.row = row.Int(1);
  r.source.assign(row.Text(2));
  r.key.assign(row.Text(3));
  r.id_number.assign(row.Text(4));
  r.household_id.assign(row.Text(5));
  r.village_code.assign(row.Text(6));
  r.period.assign(row.Text(7));
  r.event_date.assign(row.Text(8));
  r.values_json.assign(row.Text(9));
  return r;
}

Result<exchange::DeptWarning> ReadWarning(const Statement& row) {
  exchange::DeptWarning w;
  w.id = row.Int(0);
  w.source.assign(row.Text(1));
  w.person_key.assign(row.Text(2));
  w.household_id.assign(row.Text(3));
  w.village_code.assign(row.Text(4));
  w.period.assign(row.Text(5));
  w.upload_id = row.Int(6);
  w.row = row.Int(7);
  w.warning_index = static_cast<int>(row.Int(8));
  w.object_type.assign(row.Text(9));
  auto risks = nlohmann::json::parse(row.Text(10), nullptr, /*allow_exceptions=*/false);
  if (risks.is_discarded() || !risks.is_array()) {
    return Damaged(row, "dept_warning", w.id, "risks", row.Text(10));
  }
  for (const auto& risk : risks) {
    if (!risk.is_string()) return Damaged(row, "dept_warning", w.id, "risks", row.Text(10));
    w.risks.push_back(risk.get<std::string>());
  }
  w.message.assign(row.Text(11));
  w.raised_at.assign(row.Text(12));
  return w;
}

Result<exchange::Finding> ReadFinding(const Statement& row) {
  exchange::Finding f;
  f.id = row.Int(0);
  f.check.assign(row.Text(1));
  f.household_id.assign(row.Text(2));
  f.village_code.assign(row.Text(3));
  f.evidence_key.assign(row.Text(4));
  f.detail.assign(row.Text(5));
  f.source.assign(row.Text(6));
  f.upload_id = row.Int(7);
  f.row = row.Int(8);
  f.opened_at.assign(row.Text(9));
  auto state = exchange::ParseFindingState(row.Text(10));
  if (!state.has_value()) return Damaged(row, "finding", f.id, "state", row.Text(10));
  f.state = *state;
  f.resolved_by.assign(row.Text(11));
  f.resolved_at.assign(row.Text(12));
  f.note.assign(row.Text(13));
  return f;
}

}  // namespace xianjie::store::sql_internal
