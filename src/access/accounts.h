// Accounts: users, logins and sessions as a service over UserStore, used by the server (login,
// every request's session check) and by `xianjie user ...`. Holds the login throttle in memory:
// a server process is the only place logins happen.
#ifndef XIANJIE_ACCESS_ACCOUNTS_H_
#define XIANJIE_ACCESS_ACCOUNTS_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "access/audit.h"
#include "access/password.h"
#include "access/role.h"
#include "access/user_store.h"
#include "base/status.h"

namespace xianjie::access {

// A fresh session token: 32 random bytes (OpenSSL RAND_bytes) as 64 lower-case hex characters.
std::string NewSessionToken();
// Lower-case hex SHA-256 of the token, as stored.
std::string SessionTokenHash(std::string_view token);

struct AccountsOptions {
  std::chrono::seconds idle_timeout{30 * 60};          // a session unused this long ends
  std::chrono::seconds absolute_timeout{12 * 60 * 60};  // a session ends this long after login
  // A request records the session's last use only when the stored one is at least this old, so
  // that busy sessions do not write to the database on every request; the idle expiry is then
  // up to this much early.
  std::chrono::seconds touch_interval{60};
  int max_failures = 5;                                 // failed logins per username or client...
  std::chrono::seconds failure_window{15 * 60};         // ...within this window...
  std::chrono::seconds lockout{15 * 60};                // ...block further attempts this long
  PasswordCost password_cost;
  // The clock, for tests; UTC seconds since the epoch.
  std::function<int64_t()> now = [] {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
};

struct LoginResult {
  std::string token;       // to send as the session cookie; never stored
  std::string csrf_token;  // to send to the client; required in X-CSRF-Token on writes
  Principal principal;
  std::string display_name;
  std::string expires_at;  // UTC ISO 8601, the absolute expiry
};

struct SessionInfo {
  Principal principal;
  std::string display_name;
  std::string csrf_token;
  std::string expires_at;  // the earlier of the idle and absolute expiries, after this touch
};

// A user as listed: never the password hash.
struct UserSummary {
  std::string username;
  std::string display_name;
  Role role = Role::kVillage;
  std::string scope;
  bool disabled = false;
  std::string created_at;
  std::string password_changed_at;
};

// Thread-safe.
class Accounts {
 public:
  // `audit` receives "user.login", "user.login_failed", "user.logout", "user.add",
  // "user.password", "user.disable" and "user.enable" entries.
  Accounts(UserStore& users, AuditStore& audit, AccountsOptions options = {});

  // Checks the password and opens a session. `client` is the remote address (the throttle's
  // key beside the username) and user agent. Errors:
  //  kResourceExhausted  too many failures for this username or client: "try again in N minutes"
  //  kUnauthenticated    unknown user, wrong password or disabled user — one message for all
  //                      three ("wrong username or password"), so names cannot be probed.
  // A failed attempt costs the same time whether or not the user exists.
  Result<LoginResult> Login(const std::string& username, const std::string& password,
                            const std::string& client_address, const std::string& user_agent);

  // The session of a token: kUnauthenticated when unknown, expired (idle or absolute; the
  // session is then removed) or its user is disabled. Refreshes last_seen_at when it is
  // touch_interval old or older.
  Result<SessionInfo> Authenticate(const std::string& token);

  // Ends the session (the token may be unknown).
  Status Logout(const std::string& token);

  // --- administration (the caller has authorized Operation::kUserAdmin, or is the CLI)
  // kInvalidArgument for a bad username, scope (CheckScope) or password (CheckPasswordPolicy);
  // kAlreadyExists for a taken username.
  Status AddUser(const std::string& actor, const std::string& username,
                 const std::string& password, Role role, const std::string& scope,
                 const std::string& display_name = "");
  // Sets a new password and ends the user's sessions. kNotFound, kInvalidArgument.
  Status SetPassword(const std::string& actor, const std::string& username,
                     const std::string& password);
  // A user's own change: checks `old_password` under the login throttle (so that it cannot be
  // used to guess faster than a login; a wrong one is recorded as "user.password_failed"), then
  // SetPassword, which ends the user's sessions. kInvalidArgument for a wrong old password or a
  // new one against the policy; kResourceExhausted while throttled.
  Status ChangeOwnPassword(const std::string& username, const std::string& old_password,
                           const std::string& new_password, const std::string& client_address,
                           const std::string& user_agent);
  // Disables (or enables) a user and ends their sessions. kNotFound.
  Status SetDisabled(const std::string& actor, const std::string& username, bool disabled);
  Result<std::vector<UserSummary>> ListUsers();

  // Removes expired sessions (called by the server now and then); returns how many.
  Result<int64_t> PurgeExpiredSessions();

 private:
  struct Failures {
    std::vector<int64_t> times;  // failure times within the window
    int64_t locked_until = 0;
  };
  // Throttle, then the password: the user, or kResourceExhausted / kUnauthenticated (a failure
  // counts against the username and the client and is audited as `failed_action`).
  Result<User> CheckCredentials(const std::string& username, const std::string& password,
                                const std::string& client_address, const std::string& user_agent,
                                const std::string& failed_action);
  Status CheckThrottle(const std::string& key, int64_t now);  // requires mu_
  void RecordFailure(const std::string& key, int64_t now);    // requires mu_

  UserStore& users_;
  AuditStore& audit_;
  AccountsOptions options_;
  std::string dummy_hash_;  // verified against on unknown users, to even out the timing
  std::mutex mu_;
  std::map<std::string, Failures> failures_;  // guarded by mu_; keys "u:name", "c:address"
};

}  // namespace xianjie::access

#endif  // XIANJIE_ACCESS_ACCOUNTS_H_
