// MemoryStore: standards and screening runs (rules::ScreeningStore).
#include <algorithm>
#include <utility>

#include "store/internal/argument_checks.h"
#include "store/memory/memory_store.h"

namespace xianjie::store {

using rules::HouseholdResult;
using rules::ScreeningRun;
using rules::StandardLoad;
using rules::StoredStandard;

void MemoryStore::StoreContent(const StoredStandard& standard) {
  for (const StoredStandard& s : standards_) {
    if (s.content_hash == standard.content_hash) return;  // the first store stays
  }
  standards_.push_back(standard);
}

Status MemoryStore::PutStandard(const StoredStandard& standard) {
  XJ_RETURN_IF_ERROR(internal::CheckStandard(standard));
  std::lock_guard lock(screening_mu_);
  StoreContent(standard);
  return Status::Ok();
}

Result<int64_t> MemoryStore::LoadStandard(const StoredStandard& standard) {
  XJ_RETURN_IF_ERROR(internal::CheckStandard(standard));
  std::lock_guard lock(screening_mu_);
  StoreContent(standard);
  StandardLoad load{.load_id = static_cast<int64_t>(loads_.size()) + 1,
                    .content_hash = standard.content_hash,
                    .province = standard.province,
                    .county = standard.county,
                    .year = standard.year,
                    .loaded_at = standard.loaded_at,
                    .user = standard.user,
                    .origin = standard.origin};
  loads_.push_back(std::move(load));
  return loads_.back().load_id;
}

Result<std::optional<StoredStandard>> MemoryStore::GetStandard(const std::string& content_hash) {
  std::lock_guard lock(screening_mu_);
  for (const StoredStandard& s : standards_) {
    if (s.content_hash == content_hash) return std::optional<StoredStandard>(s);
  }
  return std::optional<StoredStandard>();
}

Result<std::optional<StoredStandard>> MemoryStore::LatestStandard(const std::string& province,
                                                                  const std::string& county,
                                                                  int year) {
  std::lock_guard lock(screening_mu_);
  for (auto load = loads_.rbegin(); load != loads_.rend(); ++load) {
    if (load->province != province || load->county != county || load->year != year) continue;
    for (const StoredStandard& s : standards_) {
      if (s.content_hash != load->content_hash) continue;
      StoredStandard in_force = s;
      in_force.loaded_at = load->loaded_at;
      in_force.user = load->user;
      in_force.origin = load->origin;
      return std::optional<StoredStandard>(std::move(in_force));
    }
  }
  return std::optional<StoredStandard>();
}

Result<std::vector<StoredStandard>> MemoryStore::ListStandards() {
  std::lock_guard lock(screening_mu_);
  return standards_;
}

Result<std::vector<StandardLoad>> MemoryStore::ListLoads() {
  std::lock_guard lock(screening_mu_);
  return loads_;
}

Result<int64_t> MemoryStore::PutRun(const ScreeningRun& run,
                                    std::span<const HouseholdResult> results) {
  XJ_RETURN_IF_ERROR(internal::CheckRunResults(results));
  ScreeningRun stored = run;
  std::vector<HouseholdResult> stored_results(results.begin(), results.end());
  std::lock_guard lock(screening_mu_);
  stored.run_id = static_cast<int64_t>(runs_.size()) + 1;
  for (HouseholdResult& r : stored_results) r.run_id = stored.run_id;
  runs_.push_back(std::move(stored));
  run_results_.push_back(std::move(stored_results));
  return runs_.back().run_id;
}

Result<std::optional<ScreeningRun>> MemoryStore::GetRun(int64_t run_id) {
  std::lock_guard lock(screening_mu_);
  if (run_id < 1 || run_id > static_cast<int64_t>(runs_.size())) {
    return std::optional<ScreeningRun>();
  }
  return std::optional<ScreeningRun>(runs_[static_cast<size_t>(run_id - 1)]);
}

Result<std::optional<ScreeningRun>> MemoryStore::LatestRun(const std::string& province,
                                                           const std::string& county, int year) {
  std::lock_guard lock(screening_mu_);
  for (auto it = runs_.rbegin(); it != runs_.rend(); ++it) {
    if (it->province == province && it->county == county && it->year == year) {
      return std::optional<ScreeningRun>(*it);
    }
  }
  return std::optional<ScreeningRun>();
}

Result<std::vector<ScreeningRun>> MemoryStore::ListRuns() {
  std::lock_guard lock(screening_mu_);
  return runs_;
}

Result<std::vector<HouseholdResult>> MemoryStore::RunResults(int64_t run_id) {
  std::lock_guard lock(screening_mu_);
  if (run_id < 1 || run_id > static_cast<int64_t>(runs_.size())) {
    return std::vector<HouseholdResult>();
  }
  return run_results_[static_cast<size_t>(run_id - 1)];
}

Result<std::vector<HouseholdResult>> MemoryStore::HouseholdResults(
    const std::string& household_id) {
  std::lock_guard lock(screening_mu_);
  std::vector<HouseholdResult> found;
  for (const std::vector<HouseholdResult>& results : run_results_) {
    // Each run's results are in household_id order.
    auto it = std::lower_bound(
        results.begin(), results.end(), household_id,
        [](const HouseholdResult& r, const std::string& id) { return r.household_id < id; });
    if (it != results.end() && it->household_id == household_id) found.push_back(*it);
  }
  return found;
}

}  // namespace xianjie::store
