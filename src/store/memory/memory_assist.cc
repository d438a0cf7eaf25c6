// MemoryStore: assistance (assist::AssistStore; migration 0011's tables in SQLite) under a mutex
// of its own: plans, responsible persons, visits and catalogue versions. Ids are 1, 2, ... per
// kind of row, as SQLite numbers them.
#include <algorithm>
#include <utility>

#include "store/internal/assist_checks.h"
#include "store/memory/memory_store.h"

namespace xianjie::store {
namespace {

using assist::CatalogVersion;
using assist::Plan;
using assist::PlanFilter;
using assist::ResponsiblePerson;
using assist::Visit;
using assist::VisitFilter;

bool Matches(const Plan& p, const PlanFilter& filter) {
  if (!p.village_code.starts_with(filter.region_prefix)) return false;
  if (!filter.household_id.empty() && p.household_id != filter.household_id) return false;
  return filter.states.empty() ||
         std::find(filter.states.begin(), filter.states.end(), p.state) != filter.states.end();
}

bool Matches(const Visit& v, const VisitFilter& filter) {
  if (!v.village_code.starts_with(filter.region_prefix)) return false;
  if (filter.from && v.visited_on < *filter.from) return false;
  return !filter.to || v.visited_on <= *filter.to;
}

// The page [offset, offset + limit) of `rows` (limit 0: to the end); `total` gets their number.
template <typename T>
std::vector<T> PageOf(std::vector<T> rows, int64_t offset, int64_t limit, int64_t* total) {
  if (total != nullptr) *total = static_cast<int64_t>(rows.size());
  const auto begin = std::min(rows.size(), static_cast<size_t>(offset));
  auto end = rows.size();
  if (limit > 0) end = std::min(end, begin + static_cast<size_t>(limit));
  return std::vector<T>(std::make_move_iterator(rows.begin() + static_cast<ptrdiff_t>(begin)),
                        std::make_move_iterator(rows.begin() + static_cast<ptrdiff_t>(end)));
}

}  // namespace

Result<int64_t> MemoryStore::CreatePlan(const Plan& plan) {
  XJ_RETURN_IF_ERROR(assist::CheckPlan(plan));
  std::lock_guard lock(assist_mu_);
  if (auto it = plan_of_episode_.find(plan.episode_id); it != plan_of_episode_.end()) {
    return internal::PlanExists(plan.episode_id, it->second);
  }
  Plan& stored = plans_.emplace_back(plan);
  stored.id = static_cast<int64_t>(plans_.size());
  plan_of_episode_[plan.episode_id] = stored.id;
  return stored.id;
}

Status MemoryStore::UpdatePlan(const Plan& plan, assist::PlanState expected) {
  std::lock_guard lock(assist_mu_);
  if (plan.id <= 0 || plan.id > static_cast<int64_t>(plans_.size())) {
    return internal::NoSuchPlan(plan.id);
  }
  Plan& stored = plans_[plan.id - 1];
  Plan next = stored;
  next.state = plan.state;
  next.updated_at = plan.updated_at;
  next.completed_by = plan.completed_by;
  next.completed_at = plan.completed_at;
  next.note = plan.note;
  XJ_RETURN_IF_ERROR(assist::CheckPlan(next));
  if (stored.state != expected) return internal::PlanChanged(plan.id, stored.state);
  stored = std::move(next);
  return Status::Ok();
}

Result<std::optional<Plan>> MemoryStore::GetPlan(int64_t id) {
  std::lock_guard lock(assist_mu_);
  if (id <= 0 || id > static_cast<int64_t>(plans_.size())) return std::optional<Plan>();
  return std::optional<Plan>(plans_[id - 1]);
}

Result<std::optional<Plan>> MemoryStore::PlanOfEpisode(int64_t episode_id) {
  std::lock_guard lock(assist_mu_);
  auto it = plan_of_episode_.find(episode_id);
  if (it == plan_of_episode_.end()) return std::optional<Plan>();
  return std::optional<Plan>(plans_[it->second - 1]);
}

Result<std::vector<Plan>> MemoryStore::ListPlans(const PlanFilter& filter, int64_t* total) {
  XJ_RETURN_IF_ERROR(internal::CheckPlanFilter(filter));
  std::vector<Plan> matches;
  {
    std::lock_guard lock(assist_mu_);
    for (const Plan& p : plans_) {
      if (Matches(p, filter)) matches.push_back(p);
    }
  }
  return PageOf(std::move(matches), filter.offset, filter.limit, total);
}

Result<int64_t> MemoryStore::AssignResponsible(const ResponsiblePerson& next) {
  XJ_RETURN_IF_ERROR(internal::CheckAssignment(next));
  std::lock_guard lock(assist_mu_);
  ResponsiblePerson* current = nullptr;
  for (ResponsiblePerson& r : responsible_) {
    if (r.household_id == next.household_id && !r.to.has_value()) current = &r;
  }
  if (current != nullptr) {
    if (next.from <= current->from) return internal::AssignmentOverlaps(*current, next);
    current->to = CivilDate::FromDays(next.from.ToDays() - 1);
  }
  ResponsiblePerson& stored = responsible_.emplace_back(next);
  stored.id = static_cast<int64_t>(responsible_.size());
  return stored.id;
}

Result<std::vector<ResponsiblePerson>> MemoryStore::ResponsibleOf(
    const std::string& household_id) {
  std::lock_guard lock(assist_mu_);
  std::vector<ResponsiblePerson> out;
  for (const ResponsiblePerson& r : responsible_) {
    if (r.household_id == household_id) out.push_back(r);
  }
  return out;
}

Result<int64_t> MemoryStore::AddVisit(const Visit& visit) {
  XJ_RETURN_IF_ERROR(assist::CheckVisit(visit));
  std::lock_guard lock(assist_mu_);
  Visit& stored = visits_.emplace_back(visit);
  stored.id = static_cast<int64_t>(visits_.size());
  return stored.id;
}

Result<std::vector<Visit>> MemoryStore::VisitsOf(const std::string& household_id) {
  std::vector<Visit> out;
  {
    std::lock_guard lock(assist_mu_);
    for (const Visit& v : visits_) {
      if (v.household_id == household_id) out.push_back(v);
    }
  }
  std::sort(out.begin(), out.end(), [](const Visit& a, const Visit& b) {
    if (a.visited_on != b.visited_on) return a.visited_on > b.visited_on;
    return a.id > b.id;
  });
  return out;
}

Result<std::vector<Visit>> MemoryStore::ListVisits(const VisitFilter& filter, int64_t* total) {
  XJ_RETURN_IF_ERROR(internal::CheckVisitFilter(filter));
  std::vector<Visit> matches;
  {
    std::lock_guard lock(assist_mu_);
    for (const Visit& v : visits_) {
      if (Matches(v, filter)) matches.push_back(v);
    }
  }
  std::stable_sort(matches.begin(), matches.end(), [](const Visit& a, const Visit& b) {
    return a.visited_on < b.visited_on;  // ids rise within a day: stable keeps them so
  });
  return PageOf(std::move(matches), filter.offset, filter.limit, total);
}

Result<int64_t> MemoryStore::PutCatalogVersion(const CatalogVersion& version) {
  XJ_RETURN_IF_ERROR(assist::CheckCatalogVersion(version));
  std::lock_guard lock(assist_mu_);
  std::vector<CatalogVersion>& versions = catalog_versions_[version.province];
  CatalogVersion& stored = versions.emplace_back(version);
  stored.version = static_cast<int64_t>(versions.size());
  return stored.version;
}

Result<std::optional<CatalogVersion>> MemoryStore::LatestCatalogVersion(
    const std::string& province) {
  std::lock_guard lock(assist_mu_);
  auto it = catalog_versions_.find(province);
  if (it == catalog_versions_.end() || it->second.empty()) return std::optional<CatalogVersion>();
  return std::optional<CatalogVersion>(it->second.back());
}

Result<std::vector<CatalogVersion>> MemoryStore::CatalogVersions(const std::string& province) {
  std::lock_guard lock(assist_mu_);
  auto it = catalog_versions_.find(province);
  if (it == catalog_versions_.end()) return std::vector<CatalogVersion>();
  return it->second;
}

}  // namespace xianjie::store
