// MemoryStore: the audit log (access::AuditStore), a vector appended under its own mutex.
#include <utility>

#include "base/clock.h"
#include "store/memory/memory_store.h"

namespace xianjie::store {

using access::AuditEntry;

Result<AuditEntry> MemoryStore::Append(const std::string& user, const std::string& action,
                                       const std::string& subject, const std::string& detail) {
  if (user.empty() || action.empty()) {
    return InvalidArgument("an audit entry needs a user and an action");
  }
  std::lock_guard lock(audit_mu_);
  AuditEntry e{.seq = static_cast<int64_t>(audit_.size()) + 1,
               .time = UtcNowIso8601(),
               .user = user,
               .action = action,
               .subject = subject,
               .detail = detail,
               .prev_hash = audit_.empty() ? access::kGenesisHash : audit_.back().hash,
               .hash = ""};
  e.hash = access::AuditEntryHash(e);
  audit_.push_back(e);
  return e;
}

Status MemoryStore::ForEach(const std::function<Status(const AuditEntry&)>& fn) {
  std::vector<AuditEntry> entries;
  {
    std::lock_guard lock(audit_mu_);
    entries = audit_;  // callbacks run without the lock
  }
  for (const AuditEntry& e : entries) XJ_RETURN_IF_ERROR(fn(e));
  return Status::Ok();
}

Result<int64_t> MemoryStore::Count() {
  std::lock_guard lock(audit_mu_);
  return static_cast<int64_t>(audit_.size());
}

}  // namespace xianjie::store
