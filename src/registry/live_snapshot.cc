// Building, then patching, the registry's snapshot after imports.
#include "registry/live_snapshot.h"

#include <string>
#include <vector>

#include "registry/snapshot_build.h"

namespace xianjie::registry {

std::shared_ptr<const Snapshot> LiveSnapshot::current() const {
  std::lock_guard lock(mu_);
  if (snapshot_ == nullptr) return SnapshotBuilder().Finish();
  return snapshot_;
}

int64_t LiveSnapshot::batch() const {
  std::lock_guard lock(mu_);
  return batch_;
}

Result<LiveSnapshot::Refresh> LiveSnapshot::Update() {
  std::lock_guard update(update_mu_);
  std::shared_ptr<const Snapshot> base;
  int64_t since = 0;
  {
    std::lock_guard lock(mu_);
    base = snapshot_;
    since = batch_;
  }
  // The batch is read before the households: a batch committed in between is applied again by
  // the next Update (patching the same household twice is harmless), never missed.
  XJ_ASSIGN_OR_RETURN(const int64_t last, store_.LastCommittedBatch());
  Refresh refresh;
  refresh.batch = last;
  std::shared_ptr<const Snapshot> next;
  if (base == nullptr) {
    XJ_ASSIGN_OR_RETURN(next, BuildSnapshot(store_));
    refresh.rebuilt = true;
  } else if (last == since) {
    return refresh;
  } else {
    std::vector<std::string> ids;
    XJ_RETURN_IF_ERROR(
        store_.ForEachChangedSince(since, [&](const std::string& id) { ids.push_back(id); }));
    XJ_ASSIGN_OR_RETURN(std::vector<HouseholdVersion> versions, store_.GetCurrent(ids));
    std::vector<HouseholdRecord> records;
    records.reserve(versions.size());
    for (HouseholdVersion& v : versions) records.push_back(std::move(v.record));
    XJ_ASSIGN_OR_RETURN(next, Patch(*base, records));
    refresh.patched = static_cast<int64_t>(records.size());
  }
  std::lock_guard lock(mu_);
  snapshot_ = std::move(next);
  batch_ = last;
  return refresh;
}

}  // namespace xianjie::registry
