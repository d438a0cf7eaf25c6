// The upload pipeline of department files (docs/decisions/0006, "The upload pipeline"): keep
// the file, read it by its source's contract, match each row's person to the registry, apply
// the contract's registry updates as new versions with the department as their source, compute
// the facts and raise department warnings, and account for every row:
// read = accepted + quarantined + unmatched. All of it is one transaction; uploading the same
// file again changes nothing and returns the first upload's figures.
#ifndef XIANJIE_EXCHANGE_UPLOAD_H_
#define XIANJIE_EXCHANGE_UPLOAD_H_

#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "cases/case_store.h"
#include "cases/leads.h"
#include "exchange/exchange_store.h"
#include "exchange/facts.h"
#include "ingest/source_contract.h"
#include "ingest/text_encoding.h"
#include "registry/household_search.h"
#include "registry/store.h"

namespace xianjie::exchange {

// Which of a contract's [[warning]] conditions hold for one person, given the snapshot rows of
// the person and their household (in the snapshot the upload matched against) and the person's
// facts (in contract.facts order): the index of the first that holds, or -1 for none.
using WarningTest = std::function<Result<int>(uint32_t household_row, uint32_t member_row,
                                              std::span<const FactValue> facts)>;

struct UploadRequest {
  const ingest::SourceContract* contract = nullptr;
  std::string file_name;     // as the uploader named it (shown in reports and quarantine)
  std::string_view content;  // the file's bytes
  ingest::TextEncoding encoding = ingest::TextEncoding::kAuto;  // CSV only
  std::string sheet;                                            // XLSX only; "" = the first sheet
  std::string user;
  // The uploader's scope (a region code prefix; "" = the whole registry), recorded with the
  // upload. Rows are matched only to households inside it: a person registered outside it is
  // `unmatched`, exactly as a person the registry does not know (kept, never dropped; no update,
  // fact, warning or lead), so that an upload neither changes nor discloses other regions.
  std::string region_code;
  std::string now_utc;  // "YYYY-MM-DDTHH:MM:SSZ": stamps the batch, upload and warnings
  CivilDate today;      // dates after it are refused; facts are computed as of it
};

// What the pipeline needs besides the request. The index is the registry as matched: the
// caller passes the current one (service::Workspace).
struct UploadContext {
  ExchangeStore& exchange;
  registry::Store& registry;
  const registry::HouseholdIndex& index;
  // Decides the contract's warnings; null: no warning is evaluated (the report says so).
  const WarningTest* warnings = nullptr;
};

// One quarantined cell or row, as the report lists it (the first 50 of an upload).
struct UploadIssue {
  int64_t row = 0;
  std::string column;
  std::string rule;
  std::string value;
  std::string message;
};

struct UploadReport {
  UploadRecord upload;     // id, batch, file identity and the row counts
  bool duplicate = false;  // the same file was uploaded for this source before: its report
  bool warnings_evaluated = false;
  int64_t header_row = 0;             // the file's header row (XLSX row or CSV line)
  std::vector<int64_t> skipped_rows;  // rows with a value above it, skipped (a title, notes)
  int64_t households_touched = 0;     // distinct households of the matched rows
  std::map<std::string, int64_t> quarantined_by_rule;  // quarantined cells by rule id
  std::vector<UploadIssue> issues;                     // the first 50, in row order
  std::vector<DeptWarning> new_warnings;               // written by this upload
  // What the warnings became and the findings the cross-checks opened over the households the
  // upload touched: filled by service::UploadDepartmentFile after the commit, which then stores
  // the report again with them (ExchangeStore::UpdateUploadReport).
  cases::LeadsTaken leads;
  int64_t findings = 0;
  double seconds = 0;

  // accepted / (accepted + unmatched); 1 when there is neither.
  double match_rate() const;
  // "" when no row was skipped above the header row; else a sentence for the uploader saying
  // which rows were skipped and which is the header row.
  std::string HeaderNote() const;
  // {"upload_id":..,"batch_id":..,"source":..,"file":..,"sha256":..,"bytes":..,"format":..,
  //  "encoding":..,"sheet":..,"uploaded_at":..,"duplicate":..,"header_row":..,
  //  "skipped_rows":[..],"header_note":..,"read":..,"accepted":..,"quarantined":..,
  //  "unmatched":..,"match_rate":..,"warnings":..,"updated_households":..,
  //  "households_touched":..,"warnings_evaluated":..,"quarantined_by_rule":{..},"issues":[..],
  //  "leads":{"opened":..,"joined":..,"on_episode":..,"already":..},"findings":..,"seconds":..}
  std::string ToJson() const;
};

// The report of a committed upload as stored (its record, the rest from report_json): what the
// same file uploaded again answers, with duplicate = true and no new_warnings. Fields a stored
// report lacks (or one that does not parse) keep their defaults.
UploadReport StoredReport(UploadRecord upload);

// Uploads one file. The header row is looked for among the first rows (SourceTable with the
// contract): a title or notes above it are skipped and reported (header_row, skipped_rows). A
// file that cannot be read at all (not a spreadsheet, a broken zip, a missing sheet, text that
// is not in the declared encoding, no header row that matches the contract) fails with
// kInvalidArgument and a one-line reason naming the file (the header's several problems on
// following lines), and writes nothing. Rows that break a rule are never a failure: they are
// quarantined. The same (source, file content) uploaded before returns that upload's stored
// report (StoredReport) and writes nothing.
Result<UploadReport> UploadFile(const UploadContext& context, const UploadRequest& request);

// Turns new department warnings into leads (channel department_warning, source
// "dept:<source>:<period>", one per household and period): a new case, the open case joined, or
// the monitoring episode. Idempotent: a lead recorded before counts as `already`. Call after
// UploadFile returned; a failure leaves the warnings stored, and calling again completes it.
Result<cases::LeadsTaken> TakeWarningLeads(cases::CaseStore& cases,
                                           std::span<const DeptWarning> warnings,
                                           std::string_view now_utc);

}  // namespace xianjie::exchange

#endif  // XIANJIE_EXCHANGE_UPLOAD_H_
