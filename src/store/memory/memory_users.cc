// MemoryStore: users and sessions (access::UserStore), two maps under their own mutex.
#include <utility>

#include "store/memory/memory_store.h"

namespace xianjie::store {

using access::Session;
using access::User;

Status MemoryStore::AddUser(const User& user) {
  std::lock_guard lock(users_mu_);
  if (!users_.emplace(user.username, user).second) {
    return AlreadyExists("user '" + user.username + "' already exists");
  }
  return Status::Ok();
}

Result<std::optional<User>> MemoryStore::GetUser(const std::string& username) {
  std::lock_guard lock(users_mu_);
  auto it = users_.find(username);
  if (it == users_.end()) return std::optional<User>();
  return std::optional<User>(it->second);
}

Status MemoryStore::UpdateUser(const User& user) {
  std::lock_guard lock(users_mu_);
  auto it = users_.find(user.username);
  if (it == users_.end()) return NotFound("there is no user '" + user.username + "'");
  User updated = user;
  updated.created_at = it->second.created_at;
  it->second = std::move(updated);
  return Status::Ok();
}

Result<std::vector<User>> MemoryStore::ListUsers() {
  std::lock_guard lock(users_mu_);
  std::vector<User> out;
  out.reserve(users_.size());
  for (const auto& [name, user] : users_) out.push_back(user);
  return out;
}

Status MemoryStore::PutSession(const Session& session) {
  std::lock_guard lock(users_mu_);
  if (!sessions_.emplace(session.token_hash, session).second) {
    return AlreadyExists("a session with this token already exists");
  }
  return Status::Ok();
}

Result<std::optional<Session>> MemoryStore::GetSession(const std::string& token_hash) {
  std::lock_guard lock(users_mu_);
  auto it = sessions_.find(token_hash);
  if (it == sessions_.end()) return std::optional<Session>();
  return std::optional<Session>(it->second);
}

Status MemoryStore::TouchSession(const std::string& token_hash, const std::string& last_seen_at) {
  std::lock_guard lock(users_mu_);
  auto it = sessions_.find(token_hash);
  if (it == sessions_.end()) return NotFound("there is no such session");
  it->second.last_seen_at = last_seen_at;
  return Status::Ok();
}

Status MemoryStore::DeleteSession(const std::string& token_hash) {
  std::lock_guard lock(users_mu_);
  sessions_.erase(token_hash);
  return Status::Ok();
}

Result<int64_t> MemoryStore::DeleteSessionsOf(const std::string& username) {
  std::lock_guard lock(users_mu_);
  return static_cast<int64_t>(std::erase_if(
      sessions_, [&](const auto& entry) { return entry.second.username == username; }));
}

Result<int64_t> MemoryStore::DeleteExpiredSessions(const std::string& created_before,
                                                   const std::string& seen_before) {
  std::lock_guard lock(users_mu_);
  return static_cast<int64_t>(std::erase_if(sessions_, [&](const auto& entry) {
    return entry.second.created_at < created_before || entry.second.last_seen_at < seen_before;
  }));
}

}  // namespace xianjie::store
