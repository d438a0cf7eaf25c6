// MemoryStore: cross-check findings (exchange::ExchangeStore), under a mutex of their own.
#include <algorithm>
#include <tuple>
#include <utility>

#include "store/internal/exchange_checks.h"
#include "store/memory/memory_store.h"

namespace xianjie::store {
namespace {

using exchange::Finding;
using exchange::FindingFilter;
using exchange::FindingState;

bool Matches(const Finding& f, const FindingFilter& filter) {
  return f.village_code.starts_with(filter.region_prefix) &&
         (filter.check.empty() || f.check == filter.check) &&
         f.check.starts_with(filter.check_prefix) &&
         (!filter.state.has_value() || f.state == *filter.state) &&
         (filter.household_id.empty() || f.household_id == filter.household_id);
}

// ListFindings' order: open first, then by opening time and id.
bool ListOrder(const Finding& a, const Finding& b) {
  const bool a_closed = a.state != FindingState::kOpen;
  const bool b_closed = b.state != FindingState::kOpen;
  return std::tie(a_closed, a.opened_at, a.id) < std::tie(b_closed, b.opened_at, b.id);
}

}  // namespace

Result<int64_t> MemoryStore::PutFindings(std::vector<Finding>& findings) {
  XJ_RETURN_IF_ERROR(internal::CheckNewFindings(findings));
  std::lock_guard lock(findings_mu_);
  int64_t added = 0;
  for (Finding& f : findings) {
    auto [it, inserted] = finding_of_key_.try_emplace({f.check, f.household_id, f.evidence_key},
                                                      static_cast<int64_t>(findings_.size()) + 1);
    if (!inserted) {
      f.id = 0;
      continue;
    }
    f.id = it->second;
    findings_.push_back(f);
    ++added;
  }
  return added;
}

Result<std::optional<Finding>> MemoryStore::GetFinding(int64_t finding_id) {
  std::lock_guard lock(findings_mu_);
  if (finding_id < 1 || finding_id > static_cast<int64_t>(findings_.size())) {
    return std::optional<Finding>();
  }
  return std::optional<Finding>(findings_[static_cast<size_t>(finding_id - 1)]);
}

Result<std::vector<Finding>> MemoryStore::ListFindings(const FindingFilter& filter) {
  XJ_RETURN_IF_ERROR(internal::CheckFindingFilter(filter));
  std::vector<Finding> found;
  {
    std::lock_guard lock(findings_mu_);
    for (const Finding& f : findings_) {
      if (Matches(f, filter)) found.push_back(f);
    }
  }
  std::sort(found.begin(), found.end(), ListOrder);
  const auto begin = std::min(found.size(), static_cast<size_t>(filter.offset));
  const auto end = filter.limit > 0
                       ? std::min(found.size(), begin + static_cast<size_t>(filter.limit))
                       : found.size();
  return std::vector<Finding>(std::make_move_iterator(found.begin() + begin),
                              std::make_move_iterator(found.begin() + end));
}

Result<int64_t> MemoryStore::CountFindings(const FindingFilter& filter) {
  XJ_RETURN_IF_ERROR(internal::CheckFindingFilter(filter));
  std::lock_guard lock(findings_mu_);
  return static_cast<int64_t>(std::count_if(findings_.begin(), findings_.end(),
                                            [&](const Finding& f) { return Matches(f, filter); }));
}

Status MemoryStore::ResolveFinding(int64_t finding_id, FindingState state, std::string_view user,
                                   std::string_view note, std::string_view at_utc) {
  XJ_RETURN_IF_ERROR(internal::CheckResolution(finding_id, state, note));
  std::lock_guard lock(findings_mu_);
  if (finding_id < 1 || finding_id > static_cast<int64_t>(findings_.size())) {
    return internal::NoSuchFinding(finding_id);
  }
  Finding& f = findings_[static_cast<size_t>(finding_id - 1)];
  if (f.state != FindingState::kOpen) return internal::FindingNotOpen(finding_id, f.state);
  f.state = state;
  f.resolved_by = user;
  f.resolved_at = at_utc;
  f.note = note;
  return Status::Ok();
}

}  // namespace xianjie::store
