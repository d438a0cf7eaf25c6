// Accounts: user administration (add, password, disable, list), each change in the audit log.
#include <string>
#include <utility>

#include "access/accounts.h"
#include "access/internal/utc_time.h"

namespace xianjie::access {
namespace {

using internal::FormatUtc;

Status CheckUsername(const std::string& username) {
  bool ok = !username.empty() && username.size() <= 64;
  for (char c : username) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                         (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    ok = ok && allowed;
  }
  if (ok) return Status::Ok();
  return InvalidArgument("username '" + username +
                         "' is not valid: give 1 to 64 of the characters A-Z a-z 0-9 . _ -");
}

Status NoSuchUser(const std::string& username) {
  return NotFound("there is no user '" + username + "'; see `xianjie user list`");
}

}  // namespace

Status Accounts::AddUser(const std::string& actor, const std::string& username,
                         const std::string& password, Role role, const std::string& scope,
                         const std::string& display_name) {
  XJ_RETURN_IF_ERROR(CheckUsername(username));
  XJ_RETURN_IF_ERROR(CheckScope(role, scope));
  XJ_RETURN_IF_ERROR(CheckPasswordPolicy(password));
  XJ_ASSIGN_OR_RETURN(std::optional<User> existing, users_.GetUser(username));
  if (existing.has_value()) {
    return AlreadyExists("user '" + username + "' already exists; choose another username");
  }
  XJ_ASSIGN_OR_RETURN(std::string hash, HashPassword(password, options_.password_cost));
  const std::string now = FormatUtc(options_.now());
  User user{.username = username,
            .display_name = display_name,
            .role = role,
            .scope = scope,
            .password_hash = std::move(hash),
            .disabled = false,
            .created_at = now,
            .password_changed_at = now};
  XJ_RETURN_IF_ERROR(users_.AddUser(user));
  const std::string detail =
      "{\"role\":\"" + std::string(RoleName(role)) + "\",\"scope\":\"" + scope + "\"}";
  return audit_.Append(actor, "user.add", username, detail).status();
}

Status Accounts::SetPassword(const std::string& actor, const std::string& username,
                             const std::string& password) {
  XJ_ASSIGN_OR_RETURN(std::optional<User> user, users_.GetUser(username));
  if (!user.has_value()) return NoSuchUser(username);
  XJ_RETURN_IF_ERROR(CheckPasswordPolicy(password));
  XJ_ASSIGN_OR_RETURN(user->password_hash, HashPassword(password, options_.password_cost));
  user->password_changed_at = FormatUtc(options_.now());
  XJ_RETURN_IF_ERROR(users_.UpdateUser(*user));
  XJ_RETURN_IF_ERROR(users_.DeleteSessionsOf(username));
  return audit_.Append(actor, "user.password", username, "").status();
}

Status Accounts::ChangeOwnPassword(const std::string& username, const std::string& old_password,
                                   const std::string& new_password,
                                   const std::string& client_address,
                                   const std::string& user_agent) {
  XJ_RETURN_IF_ERROR(CheckPasswordPolicy(new_password));
  Result<User> user = CheckCredentials(username, old_password, client_address, user_agent,
                                       "user.password_failed");
  if (user.status().code() == StatusCode::kUnauthenticated) {
    return InvalidArgument("the current password is not right; the password was not changed");
  }
  XJ_RETURN_IF_ERROR(user.status());
  return SetPassword(username, username, new_password);
}

Status Accounts::SetDisabled(const std::string& actor, const std::string& username, bool disabled) {
  XJ_ASSIGN_OR_RETURN(std::optional<User> user, users_.GetUser(username));
  if (!user.has_value()) return NoSuchUser(username);
  user->disabled = disabled;
  XJ_RETURN_IF_ERROR(users_.UpdateUser(*user));
  XJ_RETURN_IF_ERROR(users_.DeleteSessionsOf(username));
  return audit_.Append(actor, disabled ? "user.disable" : "user.enable", username, "").status();
}

Result<std::vector<UserSummary>> Accounts::ListUsers() {
  XJ_ASSIGN_OR_RETURN(std::vector<User> users, users_.ListUsers());
  std::vector<UserSummary> out;
  out.reserve(users.size());
  for (User& u : users) {
    out.push_back(UserSummary{.username = std::move(u.username),
                              .display_name = std::move(u.display_name),
                              .role = u.role,
                              .scope = std::move(u.scope),
                              .disabled = u.disabled,
                              .created_at = std::move(u.created_at),
                              .password_changed_at = std::move(u.password_changed_at)});
  }
  return out;
}

}  // namespace xianjie::access
