// MemoryStore: applications from the public page (cases::CaseStore, migration 0008's table in
// SQLite), under the cases' mutex; ids are 1, 2, ... as SQLite numbers them.
#include <algorithm>
#include <utility>

#include "store/internal/case_checks.h"
#include "store/memory/memory_store.h"

namespace xianjie::store {
namespace {

using cases::Application;
using cases::ApplicationFilter;

bool Matches(const Application& a, const ApplicationFilter& filter) {
  if (!a.village_code.starts_with(filter.village_prefix)) return false;
  return filter.statuses.empty() || std::find(filter.statuses.begin(), filter.statuses.end(),
                                              a.status) != filter.statuses.end();
}

}  // namespace

Result<int64_t> MemoryStore::PutApplication(const Application& application) {
  XJ_RETURN_IF_ERROR(internal::CheckApplication(application));
  std::lock_guard lock(cases_mu_);
  Application& stored = applications_.emplace_back(application);
  stored.id = static_cast<int64_t>(applications_.size());
  return stored.id;
}

Result<std::optional<Application>> MemoryStore::GetApplication(int64_t id) {
  std::lock_guard lock(cases_mu_);
  if (id <= 0 || id > static_cast<int64_t>(applications_.size())) {
    return std::optional<Application>();
  }
  return std::optional<Application>(applications_[id - 1]);
}

Result<std::vector<Application>> MemoryStore::ListApplications(const ApplicationFilter& filter,
                                                               int64_t* total) {
  XJ_RETURN_IF_ERROR(internal::CheckApplicationFilter(filter));
  std::lock_guard lock(cases_mu_);
  std::vector<Application> page;
  int64_t matches = 0;
  for (const Application& a : applications_) {
    if (!Matches(a, filter)) continue;
    ++matches;
    if (matches <= filter.offset) continue;
    if (filter.limit > 0 && static_cast<int64_t>(page.size()) >= filter.limit) continue;
    page.push_back(a);
  }
  if (total != nullptr) *total = matches;
  return page;
}

Status MemoryStore::UpdateApplication(const Application& application,
                                      cases::ApplicationStatus expected) {
  std::lock_guard lock(cases_mu_);
  const int64_t id = application.id;
  if (id <= 0 || id > static_cast<int64_t>(applications_.size())) {
    return internal::NoSuchApplication(id);
  }
  Application& stored = applications_[id - 1];
  if (stored.status != expected) return internal::ApplicationChanged(id, stored.status);
  stored.household_id = application.household_id;
  stored.case_id = application.case_id;
  stored.status = application.status;
  stored.handled_by = application.handled_by;
  stored.handled_at = application.handled_at;
  stored.note = application.note;
  return Status::Ok();
}

}  // namespace xianjie::store
