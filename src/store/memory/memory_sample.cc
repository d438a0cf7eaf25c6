// MemoryStore: the verification samples (analytics::SampleStore; migration 0013's tables in
// SQLite) under a mutex of their own: draws with their units and visit results. Draw ids are 1,
// 2, ... as SQLite numbers them.
#include <algorithm>
#include <tuple>
#include <utility>

#include "store/internal/sample_checks.h"
#include "store/memory/memory_store.h"

namespace xianjie::store {

using analytics::SampleDraw;
using analytics::SampleResult;
using analytics::SampleUnit;

SampleDraw MemoryStore::DrawAsRead(int64_t id) const {
  SampleDraw d = sample_draws_[id - 1];
  auto latest = latest_draw_.find({d.county_code, d.year});
  d.latest = latest != latest_draw_.end() && latest->second == id;
  d.recorded = static_cast<int64_t>(sample_results_[id - 1].size());
  return d;
}

Result<int64_t> MemoryStore::PutDraw(const SampleDraw& draw, const std::vector<SampleUnit>& units,
                                     bool redraw) {
  XJ_RETURN_IF_ERROR(analytics::CheckSampleDraw(draw, units));
  std::lock_guard lock(sample_mu_);
  const std::pair<std::string, int> key{draw.county_code, draw.year};
  if (auto it = latest_draw_.find(key); it != latest_draw_.end()) {
    const SampleDraw latest = DrawAsRead(it->second);
    if (!redraw) return internal::DrawExists(latest);
    if (latest.closed()) return internal::ClosedDrawNotRedrawn(latest);
  }
  SampleDraw& stored = sample_draws_.emplace_back(draw);
  stored.id = static_cast<int64_t>(sample_draws_.size());
  stored.latest = true;
  stored.closed_by.clear();
  stored.closed_at.clear();
  stored.recorded = 0;
  std::vector<SampleUnit>& kept = sample_units_.emplace_back(units);
  for (SampleUnit& u : kept) u.draw_id = stored.id;
  std::sort(kept.begin(), kept.end(), [](const SampleUnit& a, const SampleUnit& b) {
    return std::tie(a.village_code, a.household_id) < std::tie(b.village_code, b.household_id);
  });
  sample_results_.emplace_back();
  latest_draw_[key] = stored.id;
  return stored.id;
}

Result<std::optional<SampleDraw>> MemoryStore::GetDraw(int64_t id) {
  std::lock_guard lock(sample_mu_);
  if (id <= 0 || id > static_cast<int64_t>(sample_draws_.size())) {
    return std::optional<SampleDraw>();
  }
  return std::optional<SampleDraw>(DrawAsRead(id));
}

Result<std::vector<SampleDraw>> MemoryStore::ListDraws(const analytics::SampleDrawFilter& filter) {
  XJ_RETURN_IF_ERROR(internal::CheckDrawFilter(filter));
  std::lock_guard lock(sample_mu_);
  std::vector<SampleDraw> out;
  for (int64_t id = 1; id <= static_cast<int64_t>(sample_draws_.size()); ++id) {
    SampleDraw d = DrawAsRead(id);
    if (!d.county_code.starts_with(filter.region_prefix)) continue;
    if (filter.year != 0 && d.year != filter.year) continue;
    if (filter.latest_only && !d.latest) continue;
    out.push_back(std::move(d));
  }
  return out;
}

Result<std::vector<SampleUnit>> MemoryStore::DrawUnits(int64_t draw_id) {
  std::lock_guard lock(sample_mu_);
  if (draw_id <= 0 || draw_id > static_cast<int64_t>(sample_draws_.size())) {
    return std::vector<SampleUnit>();
  }
  return sample_units_[draw_id - 1];
}

Status MemoryStore::PutResult(const SampleResult& result) {
  XJ_RETURN_IF_ERROR(analytics::CheckSampleResult(result));
  std::lock_guard lock(sample_mu_);
  const int64_t id = result.draw_id;
  if (id > static_cast<int64_t>(sample_draws_.size())) return internal::NoSuchDraw(id);
  const SampleDraw draw = DrawAsRead(id);
  const std::vector<SampleUnit>& units = sample_units_[id - 1];
  const bool unit = std::any_of(units.begin(), units.end(), [&](const SampleUnit& u) {
    return u.household_id == result.household_id;
  });
  if (!unit) return internal::NotAUnit(id, result.household_id);
  if (draw.closed()) return internal::DrawClosed(draw);
  if (!draw.latest) {
    return internal::DrawReplaced(draw, latest_draw_.at({draw.county_code, draw.year}));
  }
  sample_results_[id - 1][result.household_id] = result;
  return Status::Ok();
}

Result<std::vector<SampleResult>> MemoryStore::DrawResults(int64_t draw_id) {
  std::lock_guard lock(sample_mu_);
  std::vector<SampleResult> out;
  if (draw_id <= 0 || draw_id > static_cast<int64_t>(sample_draws_.size())) return out;
  for (const auto& [household, result] : sample_results_[draw_id - 1]) out.push_back(result);
  return out;
}

Status MemoryStore::CloseDraw(int64_t draw_id, const std::string& by, const std::string& at) {
  XJ_RETURN_IF_ERROR(internal::CheckClosing(by, at));
  std::lock_guard lock(sample_mu_);
  if (draw_id <= 0 || draw_id > static_cast<int64_t>(sample_draws_.size())) {
    return internal::NoSuchDraw(draw_id);
  }
  SampleDraw& stored = sample_draws_[draw_id - 1];
  if (stored.closed()) return internal::DrawClosed(stored);
  stored.closed_by = by;
  stored.closed_at = at;
  return Status::Ok();
}

}  // namespace xianjie::store
