// How uploads, department rows, warnings and findings map to the rows of migration 0010: the
// column lists and statements, binding a record to their parameters, and reading rows back,
// checking every code and JSON value. Private to store/.
#ifndef XIANJIE_STORE_SQL_INTERNAL_EXCHANGE_ROWS_H_
#define XIANJIE_STORE_SQL_INTERNAL_EXCHANGE_ROWS_H_

#include <string>

#include "base/status.h"
#include "exchange/exchange_store.h"
#include "store/sql/connection.h"

namespace xianjie::store::sql_internal {

// SELECTs of every column ReadUpload, ReadDeptRow, ... expect, in their order; a WHERE clause
// and ORDER BY follow.
inline constexpr char kSelectUpload[] =
    "SELECT upload_id, batch_id, source, file_name, sha256, bytes, format, encoding, sheet, "
    "user_name, uploaded_at, region_code, read, accepted, quarantined, unmatched, warnings, "
    "updated_households, report_json FROM upload ";
inline constexpr char kSelectDeptRow[] =
    "SELECT upload_id, row, source, key, id_number, household_id, village_code, period, "
    "event_date, values_json FROM dept_row ";
inline constexpr char kSelectWarning[] =
    "SELECT warning_id, source, person_key, household_id, village_code, period, upload_id, row, "
    "warning_index, object_type, risks, message, raised_at FROM dept_warning ";
inline constexpr char kSelectFinding[] =
    "SELECT finding_id, check_code, household_id, village_code, evidence_key, detail, source, "
    "upload_id, row, opened_at, state, resolved_by, resolved_at, note FROM finding ";

// Statements whose parameters the Bind functions below fill.
inline constexpr char kInsertUpload[] =
    "INSERT INTO upload (upload_id, batch_id, source, file_name, sha256, bytes, format, "
    "encoding, sheet, user_name, uploaded_at, region_code, read, accepted, quarantined, "
    "unmatched, warnings, updated_households, report_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
    "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)";
// A row number given twice changes nothing; the writer sees no change and refuses it.
inline constexpr char kInsertDeptRow[] =
    "INSERT INTO dept_row (upload_id, row, source, key, id_number, household_id, village_code, "
    "period, event_date, values_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
    "ON CONFLICT (upload_id, row) DO NOTHING";
// A warning already recorded for (source, person_key, period) changes nothing.
inline constexpr char kInsertWarning[] =
    "INSERT INTO dept_warning (source, person_key, household_id, village_code, period, "
    "upload_id, row, warning_index, object_type, risks, message, raised_at) VALUES (?1, ?2, ?3, "
    "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) ON CONFLICT (source, person_key, period) DO NOTHING";
// A finding already recorded for (check, household, evidence) changes nothing.
inline constexpr char kInsertFinding[] =
    "INSERT INTO finding (check_code, household_id, village_code, evidence_key, detail, source, "
    "upload_id, row, opened_at, state, resolved_by, resolved_at, note) VALUES (?1, ?2, ?3, ?4, "
    "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
    "ON CONFLICT (check_code, household_id, evidence_key) DO NOTHING RETURNING finding_id";

// Binds every column of kInsertUpload.
void BindUpload(Statement& s, const exchange::UploadRecord& u);
// Binds every column of kInsertDeptRow, with `upload_id` for the row's.
void BindDeptRow(Statement& s, const exchange::DeptRow& r, int64_t upload_id);

// The parameters of kInsertWarning, owning the texts bound (the risks' JSON, the time).
class WarningValues {
 public:
  WarningValues(const exchange::DeptWarning& w, int64_t upload_id, std::string raised_at);
  void Bind(Statement& s) const;

 private:
  const exchange::DeptWarning& w_;
  int64_t upload_id_;
  std::string risks_;
  std::string raised_at_;
};

// Binds every column of kInsertFinding.
void BindFinding(Statement& s, const exchange::Finding& f);

// Readers of a row selected with the column lists above; kDataLoss naming the table, row and
// column for a value this binary cannot read.
exchange::UploadRecord ReadUpload(const Statement& row);
exchange::DeptRow ReadDeptRow(const Statement& row);
Result<exchange::DeptWarning> ReadWarning(const Statement& row);
Result<exchange::Finding> ReadFinding(const Statement& row);

}  // namespace xianjie::store::sql_internal

#endif  // XIANJIE_STORE_SQL_INTERNAL_EXCHANGE_ROWS_H_
