// Connections, statement reuse and the mapping of SQLite result codes to Status.
#include "store/sqlite/internal/connection.h"

#include <utility>

namespace xianjie::store::sqlite_internal {

Statement::Statement(Statement&& other) noexcept
    : connection_(other.connection_), stmt_(other.stmt_), bind_rc_(other.bind_rc_) {
  other.stmt_ = nullptr;
}

Statement::~Statement() {
  if (stmt_ == nullptr) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

void Statement::Bind(int index, int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, index, value);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
}

void Statement::BindText(int index, std::string_view text) {
  // SQLITE_STATIC: no copy; the caller keeps `text` alive while the statement runs.
  int rc = sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
}

void Statement::BindBlob(int index, std::string_view bytes) {
  // A zero-length blob needs a non-null pointer, or SQLite stores NULL.
  const char* data = bytes.data() != nullptr ? bytes.data() : "";
  int rc = sqlite3_bind_blob64(stmt_, index, data, bytes.size(), SQLITE_STATIC);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
}

void Statement::BindNull(int index) {
  int rc = sqlite3_bind_null(stmt_, index);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
}

void Statement::BindDouble(int index, double value) {
  int rc = sqlite3_bind_double(stmt_, index, value);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
}

Result<bool> Statement::Step() {
  if (bind_rc_ != SQLITE_OK) return connection_->Error(bind_rc_);
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return connection_->Error(rc);
}

Status Statement::Run() {
  for (;;) {
    XJ_ASSIGN_OR_RETURN(bool row, Step());
    if (!row) return Status::Ok();
  }
}

std::string_view Statement::Text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (text == nullptr) return {};
  return std::string_view(text, static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::string_view Statement::Blob(int column) const {
  const auto* bytes = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
  if (bytes == nullptr) return {};
  return std::string_view(bytes, static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

const std::string& Statement::path() const { return connection_->path(); }

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, Settings settings) {
  // NOMUTEX: the store gives each connection to one thread at a time, so SQLite's own
  // per-connection mutex would only cost time.
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (settings.create) flags |= SQLITE_OPEN_CREATE;
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return IoError("cannot open database '" + path + "': " + detail);
  }
  std::unique_ptr<Connection> connection(new Connection(db, path));
  sqlite3_busy_timeout(db, settings.busy_timeout_ms);
  // Crash safety rests on WAL plus synchronous=FULL: a transaction is durable once COMMIT
  // returns, and one cut short (even by SIGKILL) leaves no trace.
  XJ_RETURN_IF_ERROR(connection->Exec("PRAGMA foreign_keys = ON"));
  XJ_RETURN_IF_ERROR(connection->Exec("PRAGMA synchronous = FULL"));
  XJ_RETURN_IF_ERROR(connection->Exec("PRAGMA temp_store = MEMORY"));
  if (settings.query_only) XJ_RETURN_IF_ERROR(connection->Exec("PRAGMA query_only = ON"));
  return connection;
}

Connection::~Connection() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

Status Connection::Exec(const char* sql) {
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
  return rc == SQLITE_OK ? Status::Ok() : Error(rc);
}

Result<Statement> Connection::Prepare(const std::string& sql) {
  XJ_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Compile(sql));
  return Statement(this, stmt);
}

Result<sqlite3_stmt*> Connection::Compile(const std::string& sql) {
  auto it = statements_.find(sql);
  if (it != statements_.end()) return it->second;
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return Error(rc);
  statements_.emplace(sql, stmt);
  return stmt;
}

Status Connection::Error(int rc) const {
  std::string detail = sqlite3_errmsg(db_);
  std::string where = "database '" + path_ + "'";
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return IoError(std::string(kBusyMessage) + " (" + where + ")");
    case SQLITE_NOTADB:
      return FailedPrecondition("'" + path_ + "' is not a SQLite database; check the --db path");
    case SQLITE_CORRUPT:
      return DataLoss(where + " is damaged (" + detail + "); restore it from a backup");
    case SQLITE_FULL:
      return IoError(where + ": the disk is full (" + detail + "); free space and run again");
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      return IoError(where + " cannot be written (" + detail + "); check its permissions");
    case SQLITE_IOERR:
    case SQLITE_NOMEM:
    case SQLITE_INTERRUPT:
      return IoError(where + ": " + detail);
    default:
      // SQL errors, constraint failures and misuse mean the store's own SQL or invariants broke.
      return Internal(where + ": " + detail);
  }
}

Status Annotate(const Status& status, std::string_view what) {
  if (status.ok()) return status;
  return Status(status.code(), std::string(what) + ": " + status.message());
}

}  // namespace xianjie::store::sqlite_internal
