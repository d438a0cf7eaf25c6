// Imports through the service: uploaded exchange files imported in the background, one at a
// time per process, with the job's phase and row counts to poll; the import batches; and the
// rows a batch quarantined, as a list or as the CSV to fix and re-submit (audited as
// quarantine.download).
#ifndef XIANJIE_SERVICE_IMPORTS_H_
#define XIANJIE_SERVICE_IMPORTS_H_

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "access/role.h"
#include "base/status.h"
#include "registry/store.h"

namespace xianjie::service {

class Workspace;

// Files as uploaded (either may be empty, not both).
struct ImportUpload {
  std::string households_csv;
  std::string members_csv;
};

struct ImportJob {
  int64_t job_id = 0;
  std::string user;
  std::string state = "queued";  // "queued", "running", "done", "failed"
  std::string phase;             // the importer's phase ("reading households", ... "writing")
  int64_t rows = 0;              // rows done in the phase (0 when the importer does not say)
  int64_t rows_total = 0;        // 0 when unknown
  int64_t batch_id = 0;          // when done
  std::string report_json;       // ingest::ImportReport::ToJson(), when done
  std::string error;             // when failed: what went wrong, for the clerk
};

// The background imports of one Workspace. Thread-safe. Jobs are kept for the process's life.
class ImportJobs {
 public:
  explicit ImportJobs(Workspace& ws) : ws_(ws) {}
  ~ImportJobs();  // waits for a running import to finish
  ImportJobs(const ImportJobs&) = delete;
  ImportJobs& operator=(const ImportJobs&) = delete;

  // Writes the files to a temporary directory and imports them on a background thread as user
  // `user`, limited to the villages of `scope` (rows of other villages are quarantined as
  // unknown villages); refreshes the workspace after the commit. Returns the job id.
  // kFailedPrecondition "an import is running" while another runs; kIoError when the files
  // cannot be written.
  Result<int64_t> Start(const std::string& user, const std::string& scope, ImportUpload upload);
  // kNotFound for an unknown job.
  Result<ImportJob> Get(int64_t job_id) const;
  // Blocks until the job is done or failed (tests, CLI); kNotFound for an unknown job.
  Result<ImportJob> Wait(int64_t job_id) const;

 private:
  void Run(int64_t job_id, std::string dir, std::string scope, bool households, bool members);
  void Update(int64_t job_id, const std::function<void(ImportJob&)>& fn);

  Workspace& ws_;
  mutable std::mutex mu_;
  mutable std::condition_variable changed_;
  std::map<int64_t, ImportJob> jobs_;  // guarded by mu_
  int64_t next_id_ = 1;                // guarded by mu_
  bool running_ = false;               // guarded by mu_
  std::thread worker_;                 // guarded by mu_
};

// registry.import: StartImport for the principal (their scope limits the villages).
Result<int64_t> StartImport(Workspace& ws, const access::Principal& principal,
                            ImportUpload upload);
// registry.import: a job's state. Only its own user sees a job (kNotFound for others').
Result<ImportJob> GetImportJob(Workspace& ws, const access::Principal& principal, int64_t job_id);
// import.read: the committed import batches, newest first.
Result<std::vector<registry::BatchInfo>> ListImports(Workspace& ws,
                                                     const access::Principal& principal);
// import.read: the rows batch `batch_id` quarantined, in (file, line) order; kNotFound for an
// unknown batch. Audited as quarantine.download (the rows hold people's data).
Result<std::vector<registry::QuarantineEntry>> QuarantinedRows(Workspace& ws,
                                                               const access::Principal& principal,
                                                               int64_t batch_id);
// The same rows as the quarantine CSV (ingest/quarantine_csv.h).
Result<std::string> QuarantineCsv(Workspace& ws, const access::Principal& principal,
                                  int64_t batch_id);

}  // namespace xianjie::service

#endif  // XIANJIE_SERVICE_IMPORTS_H_
