// Accounts: session tokens, login with its throttle, and the session check of every request.
// User administration is in accounts_admin.cc.
#include "access/accounts.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "access/internal/utc_time.h"

namespace xianjie::access {
namespace {

using internal::FormatUtc;
using internal::ParseUtc;

constexpr char kWrongCredentials[] = "wrong username or password";
constexpr char kNoSession[] = "not logged in, or the session has ended; log in again";

std::string Hex(const unsigned char* bytes, size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(2 * n, '0');
  for (size_t i = 0; i < n; ++i) {
    out[2 * i] = kDigits[bytes[i] >> 4];
    out[2 * i + 1] = kDigits[bytes[i] & 0xF];
  }
  return out;
}

std::string RandomHex32() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) {
    // Without randomness no token can be safe; a server must not go on issuing sessions.
    std::fprintf(stderr, "fatal: OpenSSL RAND_bytes failed\n");
    std::abort();
  }
  return Hex(bytes, sizeof bytes);
}

// `s` as a JSON string literal, for audit details.
std::string JsonQuote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      char esc[8];
      std::snprintf(esc, sizeof esc, "\\u%04x", u);
      out += esc;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string ClientDetail(const std::string& address, const std::string& user_agent) {
  return "{\"client\":" + JsonQuote(address) + ",\"user_agent\":" + JsonQuote(user_agent) + "}";
}

}  // namespace

std::string NewSessionToken() { return RandomHex32(); }

std::string SessionTokenHash(std::string_view token) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  if (EVP_Digest(token.data(), token.size(), digest, &n, EVP_sha256(), nullptr) != 1) {
    std::fprintf(stderr, "fatal: OpenSSL SHA-256 failed\n");
    std::abort();
  }
  return Hex(digest, n);
}

Accounts::Accounts(UserStore& users, AuditStore& audit, AccountsOptions options)
    : users_(users), audit_(audit), options_(std::move(options)) {
  // A hash of a password nobody knows, at the configured cost: verifying against it takes as
  // long as verifying a real user's password.
  auto dummy = HashPassword(RandomHex32(), options_.password_cost);
  if (dummy.ok()) dummy_hash_ = std::move(*dummy);
}

Status Accounts::CheckThrottle(const std::string& key, int64_t now) {
  auto it = failures_.find(key);
  if (it == failures_.end() || it->second.locked_until <= now) return Status::Ok();
  const int64_t minutes = (it->second.locked_until - now + 59) / 60;
  return ResourceExhausted("too many failed logins; try again in " + std::to_string(minutes) +
                           (minutes == 1 ? " minute" : " minutes"));
}

void Accounts::RecordFailure(const std::string& key, int64_t now) {
  Failures& f = failures_[key];
  const int64_t window_start = now - options_.failure_window.count();
  std::erase_if(f.times, [&](int64_t t) { return t <= window_start; });
  f.times.push_back(now);
  if (static_cast<int>(f.times.size()) >= options_.max_failures) {
    f.locked_until = now + options_.lockout.count();
    f.times.clear();
  }
}

Result<User> Accounts::CheckCredentials(const std::string& username, const std::string& password,
                                        const std::string& client_address,
                                        const std::string& user_agent,
                                        const std::string& failed_action) {
  const std::string user_key = "u:" + username;
  const std::string client_key = "c:" + client_address;
  {
    std::lock_guard lock(mu_);
    const int64_t now = options_.now();
    XJ_RETURN_IF_ERROR(CheckThrottle(user_key, now));
    XJ_RETURN_IF_ERROR(CheckThrottle(client_key, now));
  }
  XJ_ASSIGN_OR_RETURN(std::optional<User> user, users_.GetUser(username));
  // Unknown and disabled users are verified against the dummy hash: the same work, the same
  // answer, so that neither the message nor the time tells which usernames exist.
  const bool usable = user.has_value() && !user->disabled;
  const bool match = VerifyPassword(password, usable ? user->password_hash : dummy_hash_);
  if (!usable || !match) {
    {
      std::lock_guard lock(mu_);
      const int64_t now = options_.now();
      RecordFailure(user_key, now);
      RecordFailure(client_key, now);
    }
    XJ_RETURN_IF_ERROR(audit_.Append(username.empty() ? "-" : username, failed_action, username,
                                     ClientDetail(client_address, user_agent)));
    return Unauthenticated(kWrongCredentials);
  }
  {
    // The client's count stays: one good account must not let an address guess on at others.
    std::lock_guard lock(mu_);
    failures_.erase(user_key);
  }
  return *std::move(user);
}

Result<LoginResult> Accounts::Login(const std::string& username, const std::string& password,
                                    const std::string& client_address,
                                    const std::string& user_agent) {
  XJ_ASSIGN_OR_RETURN(const User user, CheckCredentials(username, password, client_address,
                                                      user_agent, "user.login_failed"));
  const int64_t now = options_.now();
  LoginResult result;
  result.token = NewSessionToken();
  result.csrf_token = RandomHex32();
  result.principal = Principal{user.username, user.role, user.scope};
  result.display_name = user.display_name;
  result.expires_at = FormatUtc(now + options_.absolute_timeout.count());
  Session session{.token_hash = SessionTokenHash(result.token),
                  .username = user.username,
                  .csrf_token = result.csrf_token,
                  .created_at = FormatUtc(now),
                  .last_seen_at = FormatUtc(now),
                  .client = client_address + " " + user_agent};
  XJ_RETURN_IF_ERROR(users_.PutSession(session));
  Status audited = audit_
                       .Append(user.username, "user.login", user.username,
                               ClientDetail(client_address, user_agent))
                       .status();
  if (!audited.ok()) {
    // No unrecorded logins.
    (void)users_.DeleteSession(session.token_hash);
    return audited;
  }
  return result;
}

Result<SessionInfo> Accounts::Authenticate(const std::string& token) {
  const std::string hash = SessionTokenHash(token);
  XJ_ASSIGN_OR_RETURN(std::optional<Session> session, users_.GetSession(hash));
  if (!session.has_value()) return Unauthenticated(kNoSession);
  const int64_t now = options_.now();
  XJ_ASSIGN_OR_RETURN(int64_t created, ParseUtc(session->created_at));
  XJ_ASSIGN_OR_RETURN(int64_t last_seen, ParseUtc(session->last_seen_at));
  const int64_t absolute_end = created + options_.absolute_timeout.count();
  if (now > absolute_end || now > last_seen + options_.idle_timeout.count()) {
    XJ_RETURN_IF_ERROR(users_.DeleteSession(hash));
    return Unauthenticated(kNoSession);
  }
  XJ_ASSIGN_OR_RETURN(std::optional<User> user, users_.GetUser(session->username));
  if (!user.has_value() || user->disabled) {
    XJ_RETURN_IF_ERROR(users_.DeleteSession(hash));
    return Unauthenticated(kNoSession);
  }
  if (now - last_seen >= options_.touch_interval.count()) {
    Status touched = users_.TouchSession(hash, FormatUtc(now));
    // Ended meanwhile (logout in another request): the session is gone.
    if (touched.code() == StatusCode::kNotFound) return Unauthenticated(kNoSession);
    XJ_RETURN_IF_ERROR(touched);
    last_seen = now;
  }
  SessionInfo info;
  info.principal = Principal{user->username, user->role, user->scope};
  info.display_name = user->display_name;
  info.csrf_token = session->csrf_token;
  info.expires_at =
      FormatUtc(std::min(absolute_end, last_seen + options_.idle_timeout.count()));
  return info;
}

Status Accounts::Logout(const std::string& token) {
  const std::string hash = SessionTokenHash(token);
  XJ_ASSIGN_OR_RETURN(std::optional<Session> session, users_.GetSession(hash));
  if (!session.has_value()) return Status::Ok();
  XJ_RETURN_IF_ERROR(users_.DeleteSession(hash));
  return audit_.Append(session->username, "user.logout", session->username, "").status();
}

Result<int64_t> Accounts::PurgeExpiredSessions() {
  const int64_t now = options_.now();
  return users_.DeleteExpiredSessions(FormatUtc(now - options_.absolute_timeout.count()),
                                      FormatUtc(now - options_.idle_timeout.count()));
}

}  // namespace xianjie::access
