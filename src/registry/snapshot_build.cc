// Snapshot from the store or from records: sort by id if needed, then the row builder.
#include "registry/snapshot_build.h"

#include <algorithm>
#include <numeric>
#include <vector>

namespace xianjie::registry {
namespace {

// True if the members are in Canonicalize's order already (the usual case: no copy needed).
bool MembersCanonical(const HouseholdRecord& r) {
  return std::is_sorted(r.members.begin(), r.members.end(), [](const Member& a, const Member& b) {
    bool ah = a.relation == Relation::kHead, bh = b.relation == Relation::kHead;
    if (ah != bh) return ah;
    return a.id_number < b.id_number;
  });
}

}  // namespace

Result<std::shared_ptr<const Snapshot>> BuildSnapshot(Store& store) {
  SnapshotBuilder builder;
  Status scan = store.ScanCurrent([&](const HouseholdVersion& v) -> Status {
    Status added = builder.Add(v.record);
    if (!added.ok()) return DataLoss("the registry's current versions: " + added.message());
    return Status::Ok();
  });
  XJ_RETURN_IF_ERROR(scan);
  return builder.Finish();
}

Result<std::shared_ptr<const Snapshot>> BuildSnapshot(std::span<const HouseholdRecord> records) {
  std::vector<uint32_t> order(records.size());
  std::iota(order.begin(), order.end(), 0u);
  auto id = [&](uint32_t i) -> const std::string& { return records[i].household.household_id; };
  if (!std::is_sorted(order.begin(), order.end(),
                      [&](uint32_t a, uint32_t b) { return id(a) < id(b); })) {
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return id(a) < id(b); });
  }
  size_t members = 0;
  for (const HouseholdRecord& r : records) members += r.members.size();
  SnapshotBuilder builder;
  builder.Reserve(records.size(), members);
  for (uint32_t i : order) {
    const HouseholdRecord& r = records[i];
    if (MembersCanonical(r)) {
      XJ_RETURN_IF_ERROR(builder.Add(r));
    } else {
      HouseholdRecord copy = r;
      Canonicalize(copy);
      XJ_RETURN_IF_ERROR(builder.Add(copy));
    }
  }
  return builder.Finish();
}

}  // namespace xianjie::registry
