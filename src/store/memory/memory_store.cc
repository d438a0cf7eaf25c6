// MemoryStore: regions, reads of households and batches, and applying a committed batch.
#include "store/memory/memory_store.h"

#include <algorithm>

#include "store/internal/argument_checks.h"
#include "store/internal/open_batch_error.h"
#include "store/memory/internal/batch_writer.h"

namespace xianjie::store {

using registry::BatchInfo;
using registry::HouseholdVersion;
using registry::Region;

Status MemoryStore::ReplaceRegions(std::span<const Region> regions) {
  std::vector<Region> sorted(regions.begin(), regions.end());
  std::sort(sorted.begin(), sorted.end(),
            [](const Region& a, const Region& b) { return a.code < b.code; });
  for (size_t i = 0; i < sorted.size(); ++i) {
    if (!sorted[i].code.valid()) {
      return InvalidArgument("region '" + sorted[i].name + "' has no code");
    }
    if (i > 0 && sorted[i - 1].code == sorted[i].code) {
      return InvalidArgument("region code " + std::to_string(sorted[i].code.value()) +
                             " is given twice");
    }
  }
  std::lock_guard lock(mu_);
  if (batch_open_) {
    return FailedPrecondition("cannot replace the regions while batch " +
                              std::to_string(open_batch_.batch_id) + " is open");
  }
  regions_ = std::move(sorted);
  return Status::Ok();
}

Result<std::vector<Region>> MemoryStore::LoadRegions() {
  std::lock_guard lock(mu_);
  return regions_;
}

Result<std::unique_ptr<registry::BatchWriter>> MemoryStore::BeginBatch(BatchInfo info) {
  std::lock_guard lock(mu_);
  if (batch_open_) {
    return internal::BatchStillOpen(open_batch_);
  }
  info.batch_id = static_cast<int64_t>(batches_.size()) + 1;
  info.finished_at.clear();
  info.report_json.clear();
  batch_open_ = true;
  open_batch_ = info;
  return std::unique_ptr<registry::BatchWriter>(
      std::make_unique<MemoryBatchWriter>(this, std::move(info)));
}

int32_t MemoryStore::CurrentVersion(const std::string& household_id) {
  std::lock_guard lock(mu_);
  auto it = households_.find(household_id);
  return it == households_.end() ? 0 : it->second.back()->version;
}

void MemoryStore::Apply(BatchInfo batch, std::vector<VersionPtr> versions,
                        std::vector<registry::QuarantineEntry> quarantine,
                        const std::function<void()>& also_locked) {
  std::stable_sort(quarantine.begin(), quarantine.end(),
                   [](const registry::QuarantineEntry& a, const registry::QuarantineEntry& b) {
                     return a.file != b.file ? a.file < b.file : a.line < b.line;
                   });
  std::lock_guard lock(mu_);
  for (VersionPtr& v : versions) {
    households_[v->record.household.household_id].push_back(std::move(v));
  }
  quarantined_ += static_cast<int64_t>(quarantine.size());
  if (!quarantine.empty()) quarantine_[batch.batch_id] = std::move(quarantine);
  batches_.push_back(std::move(batch));
  also_locked();
  batch_open_ = false;
}

void MemoryStore::CloseWriter() {
  std::lock_guard lock(mu_);
  batch_open_ = false;
}

std::vector<MemoryStore::VersionPtr> MemoryStore::CurrentVersions() {
  std::lock_guard lock(mu_);
  std::vector<VersionPtr> current;
  current.reserve(households_.size());
  for (const auto& [id, versions] : households_) current.push_back(versions.back());
  return current;
}

Status MemoryStore::ForEachCurrentHash(
    const std::function<void(const std::string&, int32_t, uint64_t)>& fn) {
  for (const VersionPtr& v : CurrentVersions()) {
    fn(v->record.household.household_id, v->version, v->content_hash);
  }
  return Status::Ok();
}

Status MemoryStore::ForEachCurrentMember(
    const std::function<void(const std::string&, const std::string&)>& fn) {
  for (const VersionPtr& v : CurrentVersions()) {
    for (const registry::Member& m : v->record.members) {
      fn(m.id_number, v->record.household.household_id);
    }
  }
  return Status::Ok();
}

Result<std::vector<HouseholdVersion>> MemoryStore::GetCurrent(
    std::span<const std::string> household_ids) {
  std::vector<VersionPtr> found;
  {
    std::lock_guard lock(mu_);
    for (const std::string& id : household_ids) {
      auto it = households_.find(id);
      if (it != households_.end()) found.push_back(it->second.back());
    }
  }
  std::vector<HouseholdVersion> versions;
  versions.reserve(found.size());
  for (const VersionPtr& v : found) versions.push_back(*v);
  return versions;
}

Status MemoryStore::ScanCurrent(const std::function<Status(const HouseholdVersion&)>& fn) {
  for (const VersionPtr& v : CurrentVersions()) XJ_RETURN_IF_ERROR(fn(*v));
  return Status::Ok();
}

Status MemoryStore::ScanAsOf(const std::string& committed_at_or_before,
                             const std::function<Status(const HouseholdVersion&)>& fn) {
  XJ_RETURN_IF_ERROR(internal::CheckUtcInstant(committed_at_or_before));
  std::vector<VersionPtr> found;
  {
    std::lock_guard lock(mu_);
    for (const auto& [id, versions] : households_) {
      // Versions are oldest first; the highest that counts wins.
      for (auto it = versions.rbegin(); it != versions.rend(); ++it) {
        const BatchInfo& batch = batches_[static_cast<size_t>((*it)->batch_id - 1)];
        if (batch.finished_at <= committed_at_or_before) {
          found.push_back(*it);
          break;
        }
      }
    }
  }
  for (const VersionPtr& v : found) XJ_RETURN_IF_ERROR(fn(*v));
  return Status::Ok();
}

Result<int64_t> MemoryStore::LastCommittedBatch() {
  std::lock_guard lock(mu_);
  return static_cast<int64_t>(batches_.size());
}

Status MemoryStore::ForEachChangedSince(int64_t batch_id,
                                        const std::function<void(const std::string&)>& fn) {
  std::vector<VersionPtr> changed;
  {
    std::lock_guard lock(mu_);
    // A household's last version has its highest batch id.
    for (const auto& [id, versions] : households_) {
      if (versions.back()->batch_id > batch_id) changed.push_back(versions.back());
    }
  }
  for (const VersionPtr& v : changed) fn(v->record.household.household_id);
  return Status::Ok();
}

Result<std::vector<HouseholdVersion>> MemoryStore::History(const std::string& household_id) {
  std::vector<VersionPtr> found;
  {
    std::lock_guard lock(mu_);
    auto it = households_.find(household_id);
    if (it != households_.end()) found = it->second;
  }
  std::vector<HouseholdVersion> versions;
  versions.reserve(found.size());
  for (const VersionPtr& v : found) versions.push_back(*v);
  return versions;
}

Result<std::optional<BatchInfo>> MemoryStore::GetBatch(int64_t batch_id) {
  std::lock_guard lock(mu_);
  if (batch_id < 1 || batch_id > static_cast<int64_t>(batches_.size())) {
    return std::optional<BatchInfo>();
  }
  return std::optional<BatchInfo>(batches_[static_cast<size_t>(batch_id - 1)]);
}

Result<std::vector<BatchInfo>> MemoryStore::ListBatches() {
  std::lock_guard lock(mu_);
  return batches_;
}

Result<std::vector<registry::QuarantineEntry>> MemoryStore::Quarantine(int64_t batch_id) {
  std::lock_guard lock(mu_);
  auto it = quarantine_.find(batch_id);
  if (it == quarantine_.end()) return std::vector<registry::QuarantineEntry>();
  return it->second;
}

Result<registry::RegistryCounts> MemoryStore::Counts() {
  std::lock_guard lock(mu_);
  registry::RegistryCounts counts;
  counts.households = static_cast<int64_t>(households_.size());
  for (const auto& [id, versions] : households_) {
    counts.members += static_cast<int64_t>(versions.back()->record.members.size());
    counts.versions += static_cast<int64_t>(versions.size());
  }
  counts.batches = static_cast<int64_t>(batches_.size());
  counts.quarantined = quarantined_;
  counts.regions = static_cast<int64_t>(regions_.size());
  return counts;
}

}  // namespace xianjie::store
