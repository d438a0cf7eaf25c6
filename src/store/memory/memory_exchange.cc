// MemoryStore: uploads, their rows and department warnings (exchange::ExchangeStore), held under
// the registry's mutex so that an upload and its batch are applied in one step.
#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <utility>

#include "store/internal/argument_checks.h"
#include "store/internal/exchange_checks.h"
#include "store/internal/open_batch_error.h"
#include "store/memory/internal/batch_writer.h"
#include "store/memory/internal/upload_writer.h"
#include "store/memory/memory_store.h"

namespace xianjie::store {
namespace {

using exchange::DeptRow;
using exchange::DeptWarning;
using exchange::UploadRecord;

// ForEachFact's order, and FactsOfHouseholds' within a household.
bool FactOrder(const std::shared_ptr<const DeptRow>& a, const std::shared_ptr<const DeptRow>& b) {
  return std::tie(a->source, a->period, a->upload_id, a->row) <
         std::tie(b->source, b->period, b->upload_id, b->row);
}

}  // namespace

Result<std::unique_ptr<exchange::UploadWriter>> MemoryStore::BeginUpload(registry::BatchInfo batch,
                                                                         UploadRecord upload,
                                                                         std::string_view content) {
  XJ_RETURN_IF_ERROR(internal::CheckNewUpload(upload, content));
  bool file_stored = false;
  {
    std::lock_guard lock(mu_);
    if (batch_open_) return internal::BatchStillOpen(open_batch_);
    auto committed = upload_of_file_.find({upload.source, upload.sha256});
    if (committed != upload_of_file_.end()) {
      return internal::UploadExists(upload.source, upload.sha256, committed->second);
    }
    // As BeginBatch does; the upload is numbered after the committed ones.
    batch.batch_id = static_cast<int64_t>(batches_.size()) + 1;
    batch.finished_at.clear();
    batch.report_json.clear();
    batch_open_ = true;
    open_batch_ = batch;
    upload.id = static_cast<int64_t>(uploads_.size()) + 1;
    upload.batch_id = batch.batch_id;
    // Files are never removed: one stored now is still stored at Commit.
    file_stored = files_.contains(upload.sha256);
  }
  // From here the batch is open: destroying the batch writer closes it.
  auto batch_writer = std::make_unique<MemoryBatchWriter>(this, std::move(batch), upload.id);
  std::optional<std::string> file;
  if (!file_stored) file.emplace(content);
  return std::unique_ptr<exchange::UploadWriter>(std::make_unique<MemoryUploadWriter>(
      this, std::move(upload), std::move(batch_writer), std::move(file)));
}

void MemoryStore::ApplyUploadLocked(StagedUpload staged) {
  const UploadRecord& u = staged.record;
  if (staged.content.has_value()) files_.emplace(u.sha256, std::move(*staged.content));
  upload_of_file_[{u.source, u.sha256}] = u.id;
  for (const RowPtr& row : staged.rows) {
    if (row->matched()) facts_of_household_[row->household_id].push_back(row);
  }
  upload_rows_.push_back(std::move(staged.rows));
  for (DeptWarning& w : staged.warnings) {
    w.id = static_cast<int64_t>(warnings_.size()) + 1;
    warning_keys_.emplace(w.source, w.person_key, w.period);
    NoteCaseData({w.household_id});
    warnings_.push_back(std::move(w));
  }
  uploads_.push_back(std::move(staged.record));
}

bool MemoryStore::WarningRecorded(const WarningKey& key) {
  std::lock_guard lock(mu_);
  return warning_keys_.contains(key);
}

Result<std::optional<UploadRecord>> MemoryStore::FindUpload(std::string_view source,
                                                            std::string_view sha256) {
  std::lock_guard lock(mu_);
  auto it = upload_of_file_.find({std::string(source), std::string(sha256)});
  if (it == upload_of_file_.end()) return std::optional<UploadRecord>();
  return std::optional<UploadRecord>(uploads_[static_cast<size_t>(it->second - 1)]);
}

Result<std::optional<UploadRecord>> MemoryStore::GetUpload(int64_t upload_id) {
  std::lock_guard lock(mu_);
  if (upload_id < 1 || upload_id > static_cast<int64_t>(uploads_.size())) {
    return std::optional<UploadRecord>();
  }
  return std::optional<UploadRecord>(uploads_[static_cast<size_t>(upload_id - 1)]);
}

Status MemoryStore::UpdateUploadReport(int64_t upload_id, std::string_view report_json) {
  XJ_RETURN_IF_ERROR(internal::CheckReport(upload_id, report_json));
  std::lock_guard lock(mu_);
  if (upload_id < 1 || upload_id > static_cast<int64_t>(uploads_.size())) {
    return internal::NoSuchUpload(upload_id);
  }
  UploadRecord& upload = uploads_[static_cast<size_t>(upload_id - 1)];
  upload.report_json = report_json;
  batches_[static_cast<size_t>(upload.batch_id - 1)].report_json = report_json;
  return Status::Ok();
}

Result<std::vector<UploadRecord>> MemoryStore::ListUploads(const exchange::UploadFilter& filter) {
  XJ_RETURN_IF_ERROR(internal::CheckUploadFilter(filter));
  std::lock_guard lock(mu_);
  std::vector<UploadRecord> found;
  int64_t skipped = 0;
  for (auto it = uploads_.rbegin(); it != uploads_.rend(); ++it) {
    if (!filter.source.empty() && it->source != filter.source) continue;
    if (!it->region_code.starts_with(filter.region_prefix)) continue;
    if (skipped++ < filter.offset) continue;
    if (filter.limit > 0 && static_cast<int64_t>(found.size()) == filter.limit) break;
    found.push_back(*it);
  }
  return found;
}

Result<std::optional<std::string>> MemoryStore::FileContent(std::string_view sha256) {
  std::lock_guard lock(mu_);
  auto it = files_.find(sha256);
  if (it == files_.end()) return std::optional<std::string>();
  return std::optional<std::string>(it->second);
}

Result<std::vector<DeptRow>> MemoryStore::UploadRows(int64_t upload_id, bool unmatched_only) {
  std::vector<RowPtr> found;
  {
    std::lock_guard lock(mu_);
    if (upload_id < 1 || upload_id > static_cast<int64_t>(upload_rows_.size())) {
      return std::vector<DeptRow>();
    }
    found = upload_rows_[static_cast<size_t>(upload_id - 1)];
  }
  std::vector<DeptRow> rows;
  rows.reserve(found.size());
  for (const RowPtr& row : found) {
    if (!unmatched_only || !row->matched()) rows.push_back(*row);
  }
  return rows;
}

Status MemoryStore::ForEachFact(std::string_view source, std::string_view min_period,
                                const std::function<void(const DeptRow&)>& fn) {
  std::vector<RowPtr> found;
  {
    std::lock_guard lock(mu_);
    for (const std::vector<RowPtr>& rows : upload_rows_) {
      for (const RowPtr& row : rows) {
        if (!row->matched() || row->period < min_period) continue;
        if (!source.empty() && row->source != source) continue;
        found.push_back(row);
      }
    }
  }
  std::sort(found.begin(), found.end(), FactOrder);
  for (const RowPtr& row : found) fn(*row);
  return Status::Ok();
}

Result<std::vector<DeptRow>> MemoryStore::FactsOfHouseholds(
    const std::vector<std::string>& household_ids) {
  const std::vector<std::string> ids = internal::SortedDistinct(household_ids);
  std::vector<std::vector<RowPtr>> found;
  {
    std::lock_guard lock(mu_);
    for (const std::string& id : ids) {
      auto it = facts_of_household_.find(id);
      if (it != facts_of_household_.end()) found.push_back(it->second);
    }
  }
  std::vector<DeptRow> rows;
  for (std::vector<RowPtr>& facts : found) {
    std::sort(facts.begin(), facts.end(), FactOrder);
    for (const RowPtr& row : facts) rows.push_back(*row);
  }
  return rows;
}

Result<std::vector<DeptWarning>> MemoryStore::WarningsOf(const std::string& household_id) {
  std::lock_guard lock(mu_);
  std::vector<DeptWarning> found;
  for (const DeptWarning& w : warnings_) {
    if (w.household_id == household_id) found.push_back(w);
  }
  return found;
}

Result<std::vector<DeptWarning>> MemoryStore::WarningsOfHouseholds(
    const std::vector<std::string>& household_ids) {
  const std::set<std::string, std::less<>> ids(household_ids.begin(), household_ids.end());
  std::lock_guard lock(mu_);
  std::vector<DeptWarning> found;
  for (const std::string& id : ids) {  // by household, then id (warnings_ is in id order)
    for (const DeptWarning& w : warnings_) {
      if (w.household_id == id) found.push_back(w);
    }
  }
  return found;
}

Result<std::vector<DeptWarning>> MemoryStore::Warnings(int64_t upload_id) {
  std::lock_guard lock(mu_);
  std::vector<DeptWarning> found;
  for (const DeptWarning& w : warnings_) {
    if (upload_id == 0 || w.upload_id == upload_id) found.push_back(w);
  }
  return found;
}

}  // namespace xianjie::store
