// Background imports of uploaded files, the import batches, and quarantined rows.
#include "service/imports.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "access/authorize.h"
#include "ingest/importer.h"
#include "ingest/quarantine_csv.h"
#include "service/common.h"
#include "service/coordination.h"
#include "service/workspace.h"

namespace xianjie::service {
namespace {

namespace fs = std::filesystem;
using access::Operation;

Status WriteFile(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return IoError("cannot write the uploaded file to " + path.string());
  return Status::Ok();
}

// A fresh private directory under the system's temporary directory.
Result<fs::path> MakeUploadDir(int64_t job_id) {
  std::random_device random;
  std::error_code ec;
  const fs::path dir = fs::temp_directory_path(ec) /
                       ("xianjie-import-" + std::to_string(job_id) + "-" +
                        std::to_string(random()));
  if (ec || !fs::create_directory(dir, ec) || ec) {
    return IoError("cannot create a temporary directory for the upload: " + ec.message());
  }
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  return dir;
}

// The regions the import may place households in: those within `scope` and their ancestors.
Result<registry::RegionTable> RegionsWithin(Workspace& ws, const std::string& scope) {
  XJ_ASSIGN_OR_RETURN(std::vector<registry::Region> all, ws.database().LoadRegions());
  std::vector<registry::Region> kept;
  for (registry::Region& r : all) {
    const std::string prefix = r.code.Prefix();
    const bool inside = prefix.compare(0, scope.size(), scope) == 0;
    const bool ancestor = scope.compare(0, prefix.size(), prefix) == 0;
    if (inside || ancestor) kept.push_back(std::move(r));
  }
  return registry::RegionTable::Build(std::move(kept));
}

}  // namespace

ImportJobs::~ImportJobs() {
  std::thread worker;
  {
    std::lock_guard lock(mu_);
    worker = std::move(worker_);
  }
  if (worker.joinable()) worker.join();
}

Result<int64_t> ImportJobs::Start(const std::string& user, const std::string& scope,
                                  ImportUpload upload) {
  if (upload.households_csv.empty() && upload.members_csv.empty()) {
    return InvalidArgument("nothing to import: upload a households file, a members file or both");
  }
  std::unique_lock lock(mu_);
  if (running_) {
    return FailedPrecondition("an import is running; wait until it has finished and try again");
  }
  const int64_t job_id = next_id_++;
  XJ_ASSIGN_OR_RETURN(const fs::path dir, MakeUploadDir(job_id));
  const bool households = !upload.households_csv.empty();
  const bool members = !upload.members_csv.empty();
  Status written = Status::Ok();
  if (households) written = WriteFile(dir / "households.csv", upload.households_csv);
  if (written.ok() && members) written = WriteFile(dir / "members.csv", upload.members_csv);
  if (!written.ok()) {
    std::error_code ec;
    fs::remove_all(dir, ec);
    return written;
  }
  ImportJob job;
  job.job_id = job_id;
  job.user = user;
  jobs_[job_id] = job;
  running_ = true;
  std::thread previous = std::move(worker_);
  worker_ = std::thread(&ImportJobs::Run, this, job_id, dir.string(), scope, households, members);
  lock.unlock();
  if (previous.joinable()) previous.join();  // finished already: running_ was false
  return job_id;
}

void ImportJobs::Update(int64_t job_id, const std::function<void(ImportJob&)>& fn) {
  {
    std::lock_guard lock(mu_);
    fn(jobs_[job_id]);
  }
  changed_.notify_all();
}

void ImportJobs::Run(int64_t job_id, std::string dir, std::string scope, bool households,
                     bool members) {
  Update(job_id, [](ImportJob& j) { j.state = "running"; });
  std::string user;
  {
    std::lock_guard lock(mu_);
    user = jobs_[job_id].user;
  }
  Status status = Status::Ok();
  ingest::ImportReport report;
  try {
    auto regions = RegionsWithin(ws_, scope);
    if (!regions.ok()) {
      status = regions.status();
    } else {
      ingest::ImportRequest request;
      if (households) request.households_path = (fs::path(dir) / "households.csv").string();
      if (members) request.members_path = (fs::path(dir) / "members.csv").string();
      request.user = user;
      request.progress = [&](const ingest::ImportProgress& p) {
        Update(job_id, [&](ImportJob& j) {
          j.phase = std::string(p.phase);
          j.rows = p.done;
          j.rows_total = p.total;
        });
      };
      auto imported = ingest::ImportExchangeFiles(ws_.database(), *regions, request);
      if (imported.ok()) {
        report = std::move(*imported);
        status = ws_.Refresh();
        // The plans' checks of the monitoring objects whose record the import changed.
        if (status.ok()) status = SyncChangedSince(ws_, report.batch_id - 1).status();
      } else {
        status = imported.status();
      }
    }
  } catch (const std::exception& e) {
    // A bug: the background job is one of the three edges where exceptions are caught.
    status = Internal(std::string("the import stopped on an internal error: ") + e.what());
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  {
    std::lock_guard lock(mu_);
    ImportJob& j = jobs_[job_id];
    if (report.batch_id > 0) {
      j.batch_id = report.batch_id;
      j.report_json = report.ToJson();
    }
    if (report.batch_id > 0 && status.ok()) {
      j.state = "done";
    } else if (report.batch_id > 0) {
      // Committed, but the workspace could not be refreshed: the data is in; say so.
      j.state = "done";
      j.error = "imported, but the views are not updated yet: " + status.message();
    } else {
      j.state = "failed";
      j.error = status.message();
    }
    running_ = false;
  }
  changed_.notify_all();
}

Result<ImportJob> ImportJobs::Get(int64_t job_id) const {
  std::lock_guard lock(mu_);
  auto it = jobs_.find(job_id);
  if (it == jobs_.end()) return NotFound("no import job " + std::to_string(job_id));
  return it->second;
}

Result<ImportJob> ImportJobs::Wait(int64_t job_id) const {
  std::unique_lock lock(mu_);
  auto it = jobs_.find(job_id);
  if (it == jobs_.end()) return NotFound("no import job " + std::to_string(job_id));
  changed_.wait(lock, [&] { return it->second.state == "done" || it->second.state == "failed"; });
  return it->second;
}

Result<int64_t> StartImport(Workspace& ws, const access::Principal& principal,
                            ImportUpload upload) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kRegistryImport, principal.scope));
  return ws.import_jobs().Start(principal.username, principal.scope, std::move(upload));
}

Result<ImportJob> GetImportJob(Workspace& ws, const access::Principal& principal,
                               int64_t job_id) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kRegistryImport, ""));
  XJ_ASSIGN_OR_RETURN(ImportJob job, ws.import_jobs().Get(job_id));
  if (job.user != principal.username) {
    return NotFound("no import job " + std::to_string(job_id));
  }
  return job;
}

Result<std::vector<registry::BatchInfo>> ListImports(Workspace& ws,
                                                     const access::Principal& principal) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kImportRead, ""));
  XJ_ASSIGN_OR_RETURN(std::vector<registry::BatchInfo> batches, ws.database().ListBatches());
  std::reverse(batches.begin(), batches.end());
  return batches;
}

Result<std::vector<registry::QuarantineEntry>> QuarantinedRows(Workspace& ws,
                                                               const access::Principal& principal,
                                                               int64_t batch_id) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kImportRead, ""));
  XJ_ASSIGN_OR_RETURN(std::optional<registry::BatchInfo> batch,
                      ws.database().GetBatch(batch_id));
  if (!batch) return NotFound("no import batch " + std::to_string(batch_id));
  XJ_ASSIGN_OR_RETURN(std::vector<registry::QuarantineEntry> rows,
                      ws.database().Quarantine(batch_id));
  XJ_RETURN_IF_ERROR(RecordRead(ws.database(), principal, "quarantine.download",
                                "batch " + std::to_string(batch_id),
                                "{\"rows\":" + std::to_string(rows.size()) + "}"));
  return rows;
}

Result<std::string> QuarantineCsv(Workspace& ws, const access::Principal& principal,
                                  int64_t batch_id) {
  XJ_ASSIGN_OR_RETURN(std::vector<registry::QuarantineEntry> rows,
                      QuarantinedRows(ws, principal, batch_id));
  std::ostringstream out;
  ingest::WriteQuarantineCsv(rows, out);
  return out.str();
}

}  // namespace xianjie::service
