// The storage port of users and sessions, implemented in src/store/ (memory, sqlite; migration
// 0005). Session tokens are never stored: only their SHA-256 (SessionTokenHash), so a copy of
// the database does not let anyone into a session.
#ifndef XIANJIE_ACCESS_USER_STORE_H_
#define XIANJIE_ACCESS_USER_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "access/role.h"
#include "base/status.h"

namespace xianjie::access {

struct User {
  std::string username;       // 1..64 of [A-Za-z0-9._-]; unique
  std::string display_name;   // for the UI, may be Chinese; may be empty
  Role role = Role::kVillage;
  std::string scope;          // CheckScope(role, scope) holds
  std::string password_hash;  // PHC string (password.h)
  bool disabled = false;
  std::string created_at;           // UTC ISO 8601
  std::string password_changed_at;  // UTC ISO 8601
  bool operator==(const User&) const = default;
};

struct Session {
  std::string token_hash;  // lower-case hex SHA-256 of the token; unique
  std::string username;
  std::string csrf_token;    // sent to the client on login; required on state-changing requests
  std::string created_at;    // UTC ISO 8601; the absolute expiry counts from here
  std::string last_seen_at;  // UTC ISO 8601; the idle expiry counts from here
  std::string client;        // remote address and user agent at login, for the audit
  bool operator==(const Session&) const = default;
};

// Thread-safe.
class UserStore {
 public:
  virtual ~UserStore() = default;

  // kAlreadyExists when the username is taken.
  virtual Status AddUser(const User& user) = 0;
  virtual Result<std::optional<User>> GetUser(const std::string& username) = 0;
  // Replaces role, scope, display name, password hash, disabled and password_changed_at of an
  // existing user (created_at is kept); kNotFound if there is none.
  virtual Status UpdateUser(const User& user) = 0;
  // In username order.
  virtual Result<std::vector<User>> ListUsers() = 0;

  // kAlreadyExists if token_hash is taken.
  virtual Status PutSession(const Session& session) = 0;
  virtual Result<std::optional<Session>> GetSession(const std::string& token_hash) = 0;
  // Sets last_seen_at; kNotFound if there is no such session.
  virtual Status TouchSession(const std::string& token_hash, const std::string& last_seen_at) = 0;
  // Removing a session that does not exist is not an error.
  virtual Status DeleteSession(const std::string& token_hash) = 0;
  // Ends every session of a user (password change, disable); returns how many.
  virtual Result<int64_t> DeleteSessionsOf(const std::string& username) = 0;
  // Removes sessions created before `created_before` or last seen before `seen_before`
  // (ISO 8601 string comparison); returns how many.
  virtual Result<int64_t> DeleteExpiredSessions(const std::string& created_before,
                                                const std::string& seen_before) = 0;
};

}  // namespace xianjie::access

#endif  // XIANJIE_ACCESS_USER_STORE_H_
