// The SQLite driver: connections, statement reuse and the mapping of SQLite result codes to
// Status.
#include "store/sqlite/sqlite_connection.h"

#include <utility>

namespace xianjie::store::sqlite_internal {

// The page cache a connection returns to when its batch ends (SQLite's default, 2 MiB).
constexpr char kDefaultCacheSize[] = "PRAGMA cache_size = -2000";

void SqliteQuery::Bind(int index, int64_t value) { Check(sqlite3_bind_int64(stmt_, index, value)); }

void SqliteQuery::BindText(int index, std::string_view text) {
  // SQLITE_STATIC: no copy; the caller keeps `text` alive while the statement runs.
  Check(sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8));
}

void SqliteQuery::BindBlob(int index, std::string_view bytes) {
  // A zero-length blob needs a non-null pointer, or SQLite stores NULL.
  const char* data = bytes.data() != nullptr ? bytes.data() : "";
  Check(sqlite3_bind_blob64(stmt_, index, data, bytes.size(), SQLITE_STATIC));
}

void SqliteQuery::BindNull(int index) { Check(sqlite3_bind_null(stmt_, index)); }

void SqliteQuery::BindDouble(int index, double value) {
  Check(sqlite3_bind_double(stmt_, index, value));
}

Result<bool> SqliteQuery::Step() {
  if (bind_rc_ != SQLITE_OK) return connection_->Error(bind_rc_);
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return connection_->Error(rc);
}

std::string_view SqliteQuery::Text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (text == nullptr) return {};
  return std::string_view(text, static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::string_view SqliteQuery::Blob(int column) const {
  const auto* bytes = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
  if (bytes == nullptr) return {};
  return std::string_view(bytes, static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

void SqliteQuery::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_rc_ = SQLITE_OK;
}

const std::string& SqliteQuery::database() const { return connection_->database(); }

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const std::string& path,
                                                                 Settings settings) {
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
  std::unique_ptr<SqliteConnection> connection(
      new SqliteConnection(db, path, settings.batch_cache_kib));
  sqlite3_busy_timeout(db, settings.busy_timeout_ms);
  // Crash safety rests on WAL plus synchronous=FULL: a transaction is durable once COMMIT
  // returns, and one cut short (even by SIGKILL) leaves no trace.
  XJ_RETURN_IF_ERROR(connection->Exec("PRAGMA foreign_keys = ON"));
  XJ_RETURN_IF_ERROR(connection->Exec("PRAGMA synchronous = FULL"));
  XJ_RETURN_IF_ERROR(connection->Exec("PRAGMA temp_store = MEMORY"));
  if (settings.query_only) XJ_RETURN_IF_ERROR(connection->Exec("PRAGMA query_only = ON"));
  return connection;
}

SqliteConnection::~SqliteConnection() {
  statements_.clear();  // finalized before the connection closes
  sqlite3_close(db_);
}

Status SqliteConnection::Exec(const std::string& sql) {
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
  return rc == SQLITE_OK ? Status::Ok() : Error(rc);
}

Result<sql_internal::Query*> SqliteConnection::Compile(const std::string& sql) {
  auto it = statements_.find(sql);
  if (it != statements_.end()) return it->second.get();
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return Error(rc);
  auto query = std::make_unique<SqliteQuery>(this, stmt);
  SqliteQuery* raw = query.get();
  statements_.emplace(sql, std::move(query));
  return raw;
}

Status SqliteConnection::EnterBulkWrite() {
  // A PRAGMA takes no parameters; the number comes from SqliteOptions, not from input.
  return Exec("PRAGMA cache_size = " + std::to_string(-batch_cache_kib_));
}

void SqliteConnection::LeaveBulkWrite() {
  (void)Exec(kDefaultCacheSize);
  sqlite3_db_release_memory(db_);
}

Status SqliteConnection::Error(int rc) const {
  std::string detail = sqlite3_errmsg(db_);
  std::string where = "database '" + path_ + "'";
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return IoError(std::string(sql_internal::kBusyMessage) + " (" + where + ")");
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

}  // namespace xianjie::store::sqlite_internal
