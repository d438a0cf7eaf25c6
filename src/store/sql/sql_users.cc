// SqlStore: users and sessions (access::UserStore) in the app_user and session tables of
// migration 0005. Each write is one statement on the store's own writing connection (that of
// standards and the audit log); reads use the pool of read connections.
#include <string>

#include "store/sql/connection.h"
#include "store/sql/internal/read_rows.h"
#include "store/sql/internal/reader.h"
#include "store/sql/sql_store.h"

namespace xianjie::store {
namespace {

using access::Session;
using access::User;
using sql_internal::Annotate;
using sql_internal::Connection;
using sql_internal::Statement;

constexpr char kUserColumns[] =
    "SELECT username, display_name, role, scope, password_hash, disabled, created_at, "
    "password_changed_at FROM app_user ";
constexpr char kInsertUser[] =
    "INSERT INTO app_user (username, display_name, role, scope, password_hash, disabled, "
    "created_at, password_changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
    "ON CONFLICT (username) DO NOTHING";
constexpr char kUpdateUser[] =
    "UPDATE app_user SET display_name = ?2, role = ?3, scope = ?4, password_hash = ?5, "
    "disabled = ?6, password_changed_at = ?8 WHERE username = ?1";
constexpr char kSessionColumns[] =
    "SELECT token_hash, username, csrf_token, created_at, last_seen_at, client FROM session ";
constexpr char kInsertSession[] =
    "INSERT INTO session (token_hash, username, csrf_token, created_at, last_seen_at, client) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (token_hash) DO NOTHING";

void BindUser(Statement& s, const User& u) {
  s.BindText(1, u.username);
  s.BindText(2, u.display_name);
  s.BindText(3, access::RoleName(u.role));
  s.BindText(4, u.scope);
  s.BindText(5, u.password_hash);
  s.Bind(6, u.disabled ? 1 : 0);
  s.BindText(7, u.created_at);
  s.BindText(8, u.password_changed_at);
}

Result<User> ReadUser(const Statement& s) {
  User u;
  u.username.assign(s.Text(0));
  u.display_name.assign(s.Text(1));
  auto role = access::ParseRole(s.Text(2));
  if (!role.ok()) {
    return DataLoss("database '" + s.database() + "': user '" + u.username + "' has " +
                    role.status().message());
  }
  u.role = *role;
  u.scope.assign(s.Text(3));
  u.password_hash.assign(s.Text(4));
  u.disabled = s.Int(5) != 0;
  u.created_at.assign(s.Text(6));
  u.password_changed_at.assign(s.Text(7));
  return u;
}

Session ReadSession(const Statement& s) {
  Session session;
  session.token_hash.assign(s.Text(0));
  session.username.assign(s.Text(1));
  session.csrf_token.assign(s.Text(2));
  session.created_at.assign(s.Text(3));
  session.last_seen_at.assign(s.Text(4));
  session.client.assign(s.Text(5));
  return session;
}

}  // namespace

Status SqlStore::AddUser(const User& user) {
  const std::string what = "adding user '" + user.username + "'";
  std::lock_guard lock(screening_mu_);
  XJ_ASSIGN_OR_RETURN(Connection * connection, ScreeningWriter());
  XJ_ASSIGN_OR_RETURN(auto insert, connection->Prepare(kInsertUser));
  BindUser(insert, user);
  XJ_RETURN_IF_ERROR(Annotate(insert.Run(), what));
  if (connection->Changes() == 0) {
    return AlreadyExists("user '" + user.username + "' already exists");
  }
  return Status::Ok();
}

Result<std::optional<User>> SqlStore::GetUser(const std::string& username) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select,
                      reader->Prepare(std::string(kUserColumns) + "WHERE username = ?1"));
  select.BindText(1, username);
  XJ_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return std::optional<User>();
  XJ_ASSIGN_OR_RETURN(User user, ReadUser(select));
  return std::optional<User>(std::move(user));
}

Status SqlStore::UpdateUser(const User& user) {
  const std::string what = "updating user '" + user.username + "'";
  std::lock_guard lock(screening_mu_);
  XJ_ASSIGN_OR_RETURN(Connection * connection, ScreeningWriter());
  XJ_ASSIGN_OR_RETURN(auto update, connection->Prepare(kUpdateUser));
  BindUser(update, user);
  XJ_RETURN_IF_ERROR(Annotate(update.Run(), what));
  if (connection->Changes() == 0) return NotFound("there is no user '" + user.username + "'");
  return Status::Ok();
}

Result<std::vector<User>> SqlStore::ListUsers() {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select,
                      reader->Prepare(std::string(kUserColumns) + "ORDER BY username"));
  return sql_internal::ReadRows<User>(select, ReadUser);
}

Status SqlStore::PutSession(const Session& session) {
  std::lock_guard lock(screening_mu_);
  XJ_ASSIGN_OR_RETURN(Connection * connection, ScreeningWriter());
  XJ_ASSIGN_OR_RETURN(auto insert, connection->Prepare(kInsertSession));
  insert.BindText(1, session.token_hash);
  insert.BindText(2, session.username);
  insert.BindText(3, session.csrf_token);
  insert.BindText(4, session.created_at);
  insert.BindText(5, session.last_seen_at);
  insert.BindText(6, session.client);
  XJ_RETURN_IF_ERROR(Annotate(insert.Run(), "storing a session of '" + session.username + "'"));
  if (connection->Changes() == 0) return AlreadyExists("a session with this token already exists");
  return Status::Ok();
}

Result<std::optional<Session>> SqlStore::GetSession(const std::string& token_hash) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select,
                      reader->Prepare(std::string(kSessionColumns) + "WHERE token_hash = ?1"));
  select.BindText(1, token_hash);
  XJ_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return std::optional<Session>();
  return std::optional<Session>(ReadSession(select));
}

Status SqlStore::TouchSession(const std::string& token_hash, const std::string& last_seen_at) {
  std::lock_guard lock(screening_mu_);
  XJ_ASSIGN_OR_RETURN(Connection * connection, ScreeningWriter());
  XJ_ASSIGN_OR_RETURN(
      auto update,
      connection->Prepare("UPDATE session SET last_seen_at = ?2 WHERE token_hash = ?1"));
  update.BindText(1, token_hash);
  update.BindText(2, last_seen_at);
  XJ_RETURN_IF_ERROR(Annotate(update.Run(), "refreshing a session"));
  if (connection->Changes() == 0) return NotFound("there is no such session");
  return Status::Ok();
}

Status SqlStore::DeleteSession(const std::string& token_hash) {
  std::lock_guard lock(screening_mu_);
  XJ_ASSIGN_OR_RETURN(Connection * connection, ScreeningWriter());
  XJ_ASSIGN_OR_RETURN(auto remove,
                      connection->Prepare("DELETE FROM session WHERE token_hash = ?1"));
  remove.BindText(1, token_hash);
  return Annotate(remove.Run(), "ending a session");
}

Result<int64_t> SqlStore::DeleteSessionsOf(const std::string& username) {
  std::lock_guard lock(screening_mu_);
  XJ_ASSIGN_OR_RETURN(Connection * connection, ScreeningWriter());
  XJ_ASSIGN_OR_RETURN(auto remove, connection->Prepare("DELETE FROM session WHERE username = ?1"));
  remove.BindText(1, username);
  XJ_RETURN_IF_ERROR(Annotate(remove.Run(), "ending the sessions of '" + username + "'"));
  return connection->Changes();
}

Result<int64_t> SqlStore::DeleteExpiredSessions(const std::string& created_before,
                                                const std::string& seen_before) {
  std::lock_guard lock(screening_mu_);
  XJ_ASSIGN_OR_RETURN(Connection * connection, ScreeningWriter());
  XJ_ASSIGN_OR_RETURN(
      auto remove,
      connection->Prepare("DELETE FROM session WHERE created_at < ?1 OR last_seen_at < ?2"));
  remove.BindText(1, created_before);
  remove.BindText(2, seen_before);
  XJ_RETURN_IF_ERROR(Annotate(remove.Run(), "removing expired sessions"));
  return connection->Changes();
}

}  // namespace xianjie::store
