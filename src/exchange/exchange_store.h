// The storage port of department data (docs/decisions/0006): the files received (content-
// addressed), the uploads with their row counts, every data row of an upload (matched rows are
// the facts rules and checks read; unmatched rows are kept, never dropped), department warnings
// (unique per source, person and period), and cross-check findings. Implemented in src/store/
// (memory, sqlite; migration 0010). Thread-safe.
//
// An upload is also a registry batch (registry/store.h): its registry updates are the batch's
// versions and its quarantined rows the batch's quarantine entries, so that history shows the
// department as the source of a change and one quarantine table serves every input. The
// UploadWriter holds the batch and the upload in one transaction: everything an upload writes
// becomes visible at its Commit, or nothing does.
#ifndef XIANJIE_EXCHANGE_EXCHANGE_STORE_H_
#define XIANJIE_EXCHANGE_EXCHANGE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "registry/store.h"

namespace xianjie::exchange {

// One file received for a source, as committed.
struct UploadRecord {
  int64_t id = 0;           // assigned by BeginUpload: 1, 2, ...
  int64_t batch_id = 0;     // the registry batch of the upload (set by BeginUpload)
  std::string source;       // the contract's name: "medical_insurance"
  std::string file_name;    // as given by the uploader (for people; the content names the file)
  std::string sha256;       // lower-case hex of the file's bytes
  int64_t bytes = 0;        // the file's size
  std::string format;       // "xlsx" or "csv"
  std::string encoding;     // CSV: "utf-8" or "gb18030"; XLSX: ""
  std::string sheet;        // XLSX: the sheet read; CSV: ""
  std::string user;         // who uploaded it
  std::string uploaded_at;  // UTC "YYYY-MM-DDTHH:MM:SSZ"
  std::string region_code;  // the scope it was uploaded for ("" = the whole registry)
  // Row outcomes: read = accepted + quarantined + unmatched (the store refuses a Commit where
  // this does not hold, kInvalidArgument).
  int64_t read = 0;
  int64_t accepted = 0;
  int64_t quarantined = 0;
  int64_t unmatched = 0;
  int64_t warnings = 0;            // department warnings new with this upload
  int64_t updated_households = 0;  // registry versions the upload wrote
  std::string report_json;  // the full report (exchange::UploadReport::ToJson; UpdateUploadReport)

  bool operator==(const UploadRecord&) const = default;
};

// One data row of an upload that was accepted (matched or not).
struct DeptRow {
  int64_t upload_id = 0;  // set by the writer
  int64_t row = 0;        // the row number in the file (XLSX row, CSV line)
  std::string source;
  std::string key;           // the row's key as normalized: an ID number or a household id
  std::string id_number;     // the person ("" for a household-keyed source)
  std::string household_id;  // the household matched; "" = unmatched
  std::string village_code;  // of the household matched; "" = unmatched
  std::string period;        // "2026-03" (month), "2026-Q1", "2026-W09", "2026-03-01", "2026"
  std::string event_date;    // "YYYY-MM-DD" or "" (no event date column, or empty)
  std::string values_json;   // {"column": value, ...}: the typed values of the row's cells

  bool matched() const { return !household_id.empty(); }
  bool operator==(const DeptRow&) const = default;
};

// A department warning: one of a contract's [[warning]] conditions held for a person (or a
// household, for household-keyed sources) in a period. At most one per (source, person_key,
// period): a second one is not written.
struct DeptWarning {
  int64_t id = 0;  // assigned
  std::string source;
  std::string person_key;  // the ID number, or the household id for household-keyed sources
  std::string household_id;
  std::string village_code;
  std::string period;
  int64_t upload_id = 0;           // set by the writer
  int64_t row = 0;                 // the row whose fact raised it
  int warning_index = 0;           // the contract's [[warning]] (0-based) that held first
  std::string object_type;         // registry ObjectType code: "sudden_hardship" ...
  std::vector<std::string> risks;  // risk codes, "R01" ...
  std::string message;
  std::string raised_at;  // UTC; the upload's time

  bool operator==(const DeptWarning&) const = default;
};

enum class FindingState : uint8_t {
  kOpen,       // waiting for the village
  kCorrected,  // the data was wrong and has been corrected
  kConfirmed,  // the suspicion is real (a case or another procedure follows)
  kJustified,  // a coordination check (C01–C11, decision 0008): the county recorded why the
               // plan is right as it is
};
// "open", "corrected", "confirmed", "justified".
std::string_view FindingStateName(FindingState state);
// The state named `name` (as FindingStateName writes it), or nullopt.
std::optional<FindingState> ParseFindingState(std::string_view name);

// One cross-check (疑点, DOMAIN.md §9.2) failing for one household, with its evidence. Unique per
// (check, household_id, evidence_key): running the checks again does not open it twice, and a
// resolved finding stays resolved for the same evidence.
struct Finding {
  int64_t id = 0;     // assigned
  std::string check;  // "Q01" ... or a province's own check id
  std::string household_id;
  std::string village_code;
  std::string evidence_key;  // what identifies the evidence: "upload:12:row:40", "member:<id>" ...
  std::string detail;        // what was found, for people
  std::string source;        // the department source of the evidence, or "" (registry only)
  int64_t upload_id = 0;     // 0 when the evidence is not an upload's row
  int64_t row = 0;
  std::string opened_at;  // UTC
  FindingState state = FindingState::kOpen;
  std::string resolved_by;
  std::string resolved_at;
  std::string note;  // the resolver's note (required to resolve)

  bool operator==(const Finding&) const = default;
};

struct FindingFilter {
  std::string region_prefix;  // village code prefix; "" = all
  std::string check;          // "" = any
  std::string check_prefix;   // checks whose id starts with it ("C": coordination); "" = any
  std::optional<FindingState> state;
  std::string household_id;  // "" = any
  int64_t offset = 0;
  int64_t limit = 0;  // 0 = no limit
};

struct UploadFilter {
  std::string source;         // "" = any
  std::string region_prefix;  // uploads whose region_code starts with it; "" = all
  int64_t offset = 0;
  int64_t limit = 0;  // 0 = no limit
};

// Collects the writes of one upload inside its registry batch's transaction. Destroying it
// without Commit discards everything (the batch included).
class UploadWriter {
 public:
  virtual ~UploadWriter() = default;
  const UploadRecord& upload() const { return upload_; }

  // The registry batch of the upload: versions (the updates) and quarantine entries. Its own
  // Commit must not be called (it returns kFailedPrecondition); UploadWriter::Commit commits it.
  virtual registry::BatchWriter& batch() = 0;
  // A data row (accepted, matched or not). kAlreadyExists for a row number given before in this
  // upload; kInvalidArgument for a row of another source or numbered below 1 (the writer stays
  // usable after either).
  virtual Status PutRow(const DeptRow& row) = 0;
  // A warning; returns true if written, false if (source, person_key, period) has one already
  // (committed before, or earlier in this upload). kInvalidArgument for a warning of another
  // source or without person key or period. An empty raised_at is stored as the upload's time.
  virtual Result<bool> PutWarning(const DeptWarning& warning) = 0;
  // Stores the upload's final counts and report (id, batch_id, sha256 and the other identity
  // fields of `final_record` are those of BeginUpload; the store keeps its own) and commits
  // the batch, the rows, the warnings and the upload at once. After Commit the writer is spent.
  // A record whose counts do not add up (or are negative) is refused with kInvalidArgument
  // before anything is written; the writer stays usable (Commit again, or destroy it).
  virtual Status Commit(const UploadRecord& final_record) = 0;

 protected:
  explicit UploadWriter(UploadRecord upload) : upload_(std::move(upload)) {}
  UploadRecord upload_;
};

class ExchangeStore {
 public:
  virtual ~ExchangeStore() = default;

  // --- uploads
  // The committed upload of `source` whose file has this SHA-256, if any (idempotence).
  virtual Result<std::optional<UploadRecord>> FindUpload(std::string_view source,
                                                         std::string_view sha256) = 0;
  // Begins an upload: opens the registry batch `batch` (as registry::Store::BeginBatch, with
  // its one-writer rule), stores the file's bytes under their SHA-256 unless already stored,
  // and assigns upload.id and upload.batch_id. kAlreadyExists if (source, sha256) has a
  // committed upload (nothing is opened); kInvalidArgument if upload.sha256 and upload.bytes are
  // not those of `content`, or the source is empty.
  virtual Result<std::unique_ptr<UploadWriter>> BeginUpload(registry::BatchInfo batch,
                                                            UploadRecord upload,
                                                            std::string_view content) = 0;
  virtual Result<std::optional<UploadRecord>> GetUpload(int64_t upload_id) = 0;
  // Replaces the report of committed upload `upload_id` (and of its registry batch, which
  // carries the same report): for what is known only after the commit, the leads its warnings
  // became and the findings of the checks. The counts and every other field stay as committed.
  // kNotFound for an upload not committed; kInvalidArgument for an empty report.
  virtual Status UpdateUploadReport(int64_t upload_id, std::string_view report_json) = 0;
  // Newest first.
  virtual Result<std::vector<UploadRecord>> ListUploads(const UploadFilter& filter) = 0;
  // The bytes of a stored file, or nullopt.
  virtual Result<std::optional<std::string>> FileContent(std::string_view sha256) = 0;

  // --- rows
  // The rows of one upload in row order; `unmatched_only` keeps those without a household.
  virtual Result<std::vector<DeptRow>> UploadRows(int64_t upload_id, bool unmatched_only) = 0;
  // Calls fn for every matched row of `source` ("" = every source) whose period is >=
  // `min_period` ("" = all) — in (source, period, upload_id, row) order. Periods compare as
  // strings, which orders each unit's form chronologically.
  virtual Status ForEachFact(std::string_view source, std::string_view min_period,
                             const std::function<void(const DeptRow&)>& fn) = 0;
  // The matched rows of the given households, any source, in (household_id, source, period,
  // upload_id, row) order.
  virtual Result<std::vector<DeptRow>> FactsOfHouseholds(
      const std::vector<std::string>& household_ids) = 0;

  // --- warnings
  // Warnings of an upload, in id order; upload_id 0 = every upload.
  virtual Result<std::vector<DeptWarning>> Warnings(int64_t upload_id) = 0;
  // Warnings of one household, in id order.
  virtual Result<std::vector<DeptWarning>> WarningsOf(const std::string& household_id) = 0;
  // Warnings of the households (any order; a repeated one counts once) read at one moment, by
  // household, then id: WarningsOf each, in one pass.
  virtual Result<std::vector<DeptWarning>> WarningsOfHouseholds(
      const std::vector<std::string>& household_ids) = 0;

  // --- findings
  // Inserts the findings not recorded before (by check, household_id, evidence_key), in one
  // transaction; returns how many were new and assigns their ids in `findings` (the others,
  // recorded before or earlier in the call, get id 0). kInvalidArgument, nothing stored, if one
  // has no check or household or is not open.
  virtual Result<int64_t> PutFindings(std::vector<Finding>& findings) = 0;
  virtual Result<std::optional<Finding>> GetFinding(int64_t finding_id) = 0;
  // In (state open first, opened_at, id) order.
  virtual Result<std::vector<Finding>> ListFindings(const FindingFilter& filter) = 0;
  virtual Result<int64_t> CountFindings(const FindingFilter& filter) = 0;
  // Resolves an open finding: kNotFound for an unknown id, kFailedPrecondition if it is not
  // open, kInvalidArgument for kOpen or an empty note.
  virtual Status ResolveFinding(int64_t finding_id, FindingState state, std::string_view user,
                                std::string_view note, std::string_view at_utc) = 0;
};

}  // namespace xianjie::exchange

#endif  // XIANJIE_EXCHANGE_EXCHANGE_STORE_H_
