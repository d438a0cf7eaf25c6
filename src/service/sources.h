// Department sources through the service (docs/decisions/0006, "API"): the built-in contracts
// with their last upload and health, a contract, uploading a file for the principal's scope, and
// the uploads with their report, quarantined rows, unmatched rows and original file.
//
// Scope. An upload is made for the uploader's scope (UploadRecord::region_code). A principal
// sees an upload — in lists, in a source's last upload, in quality figures — when its region and
// the principal's scope overlap (one lies inside the other: a county officer sees the province's
// uploads and their own county's). The rows of an upload (the report's issues, the quarantine,
// the unmatched rows, the file) hold people's data: only principals whose scope contains the
// upload's region read them; others get kPermissionDenied, and the report without its issues.
//
// Masking. ID numbers in rows, issues and warnings are masked (MaskIdNumber) unless the role
// sees whole numbers (access::SeesFullIdNumbers: township here, since village officers do not
// read sources): the ID columns' values whole, and any run of 15 or more digits (an ID number
// with or without its check character) in other values, raw records and messages.
#ifndef XIANJIE_SERVICE_SOURCES_H_
#define XIANJIE_SERVICE_SOURCES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/role.h"
#include "base/status.h"
#include "cases/case.h"
#include "exchange/exchange_store.h"
#include "exchange/upload.h"
#include "ingest/source_contract.h"
#include "registry/store.h"
#include "service/common.h"

namespace xianjie::service {

// A contract as the API's GET /sources/{name} and `xianjie source show --json` give it: name,
// title, department, frequency, key and its column, period, event date, origin, late_after_days
// (LateAfterDays, null for sources sent by event), the columns (values of enum columns, [] for
// the others), facts, warnings and updates (value or column, the other null). JSON text.
std::string SourceContractJson(const ingest::SourceContract& contract);

class Workspace;

enum class SourceHealth : uint8_t {
  kOk,     // uploaded within its frequency's allowance
  kLate,   // the last upload is older than LateAfterDays
  kNever,  // no upload the principal sees
};
std::string_view SourceHealthName(SourceHealth health);  // "ok", "late", "never"

// Days without an upload after which a source is late: daily 2, weekly 9, monthly 35,
// quarterly 100, yearly 380; nullopt for on_event (never late).
std::optional<int> LateAfterDays(ingest::SourceFrequency frequency);

struct SourceSummary {
  const ingest::SourceContract* contract = nullptr;  // a built-in contract (lives forever)
  int64_t uploads = 0;                               // uploads the principal sees
  std::optional<exchange::UploadRecord> last;        // the newest of them (report_json empty)
  std::optional<int> days_since_last;                // China's dates of now and of the last upload
  SourceHealth health = SourceHealth::kNever;
};

// source.read: every built-in contract, by name.
Result<std::vector<SourceSummary>> ListSources(Workspace& ws, const access::Principal& principal);

// source.read: the built-in contract `name`; kNotFound naming the known sources.
Result<const ingest::SourceContract*> GetSource(Workspace& ws, const access::Principal& principal,
                                                const std::string& name);

// A file as the uploader sent it.
struct SourceUpload {
  std::string source;
  std::string file_name;
  std::string content;
  std::string encoding = "auto";  // CSV: "auto", "utf-8", "gbk" ... (ingest::ParseTextEncoding)
  std::string sheet;              // XLSX: "" = the first sheet
};

struct UploadOutcome {
  exchange::UploadReport report;  // as service::UploadDepartmentFile returned it
  // The report as JSON (exchange::UploadReport::ToJson), masked for the principal. For a file
  // uploaded before (report.duplicate), the first upload's stored report (with its leads and
  // findings) with "duplicate": true.
  std::string report_json;
  std::vector<exchange::DeptWarning> new_warnings;  // person_key masked
};

// source.upload for the principal's scope: uploads the file as the principal (username and
// scope recorded with the upload; service::UploadDepartmentFile: the warnings' leads, the
// workspace refreshed) and records "source.upload" (subject "upload:<id>", detail with the
// source, file and whether it was a duplicate) in the audit log. kInvalidArgument for an
// unknown encoding name and, with the reader's one-line reason, a file that cannot be read
// (nothing is written then); kNotFound for an unknown source. An audit failure after the
// upload is kIoError saying the upload was made.
Result<UploadOutcome> UploadSource(Workspace& ws, const access::Principal& principal,
                                   const SourceUpload& upload);

// Whether the principal sees the upload (its region and the scope overlap; "" is everything).
bool UploadVisibleTo(const access::Principal& principal, const exchange::UploadRecord& upload);
// Whether the principal may read the upload's rows (the scope contains its region).
bool UploadRowsVisibleTo(const access::Principal& principal, const exchange::UploadRecord& upload);

struct UploadQuery {
  std::string source;  // "" = every source (an unknown name is kNotFound)
  int64_t offset = 0;
  int64_t limit = 50;
};

// source.read: the uploads the principal sees, newest first, report_json empty. kInvalidArgument
// for bad paging.
Result<Page<exchange::UploadRecord>> ListUploads(Workspace& ws, const access::Principal& principal,
                                                 const UploadQuery& query);

struct UploadDetail {
  exchange::UploadRecord record;  // report_json empty: see report_json below
  // The stored report, masked; without its issues ("issues": [], "issues_withheld": true) when
  // the principal may not read the upload's rows.
  std::string report_json;
  bool rows_visible = false;
  std::vector<exchange::DeptWarning> warnings;  // raised by the upload; person_key masked
  // What each warning became, in the order of `warnings`: the household's lead of source
  // "dept:<source>:<period>" (its case, or the episode it was recorded on), or none when it was
  // not taken (yet). The stored report has the counts only (its "leads" and "findings").
  std::vector<std::optional<cases::Lead>> leads;
};

// source.read: one upload. kNotFound for an unknown id; kPermissionDenied for an upload the
// principal does not see. Audited as "upload.read" (the issues hold cells of people's rows).
Result<UploadDetail> GetUpload(Workspace& ws, const access::Principal& principal,
                               int64_t upload_id);

// source.read: the upload's quarantined rows (its registry batch's quarantine), masked, in
// (file, line) order. kPermissionDenied unless the principal may read the upload's rows.
// Audited as "quarantine.download".
Result<std::vector<registry::QuarantineEntry>> UploadQuarantine(Workspace& ws,
                                                                const access::Principal& principal,
                                                                int64_t upload_id);
// The same rows as the quarantine CSV (ingest/quarantine_csv.h).
Result<std::string> UploadQuarantineCsv(Workspace& ws, const access::Principal& principal,
                                        int64_t upload_id);

// source.read: the upload's rows whose key matched nobody, masked, in row order; as
// UploadQuarantine. Audited as "upload.unmatched".
Result<std::vector<exchange::DeptRow>> UploadUnmatched(Workspace& ws,
                                                       const access::Principal& principal,
                                                       int64_t upload_id);

struct UploadedFile {
  std::string file_name;
  std::string format;   // "xlsx" or "csv"
  std::string content;  // the bytes as received
};

// The original file of an upload, for county officers and above (import.read, as for the
// registry's own files) whose scope contains the upload's region. Audited as "source.file".
// kNotFound when the upload or its stored file is missing.
Result<UploadedFile> UploadOriginal(Workspace& ws, const access::Principal& principal,
                                    int64_t upload_id);

}  // namespace xianjie::service

#endif  // XIANJIE_SERVICE_SOURCES_H_
