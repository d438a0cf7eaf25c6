// The PostgreSQL driver: connections, prepared statements, text values, and the mapping of
// SQLSTATEs to Status.
#include "store/postgres/pg_connection.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "store/postgres/partitions.h"

namespace xianjie::store::postgres_internal {
namespace {

// Type OIDs of pg_type (the server's catalog/pg_type_d.h is not in libpq-dev).
constexpr Oid kByteaOid = 17;
constexpr Oid kTextOid = 25;

// Rows a scan's cursor fetches at a time.
constexpr int kCursorChunk = 10'000;

// The first key of the advisory lock that stands for the write lock: "XJW" as a number; the
// second is the hash of the schema, so that stores in two schemas of one database do not wait
// for each other.
constexpr char kWriteLock[] =
    "SELECT pg_advisory_xact_lock(5786199, hashtext(coalesce(current_schema(), '')))";

std::string Trim(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Notices (e.g. "relation already exists, skipping") are not errors; they are not printed.
void IgnoreNotice(void*, const char*) {}

// Rows kept as COPY text: values separated by tabs, rows ended by newlines, NULL as \N, and
// backslash, tab, newline and carriage return escaped.
class CopyIn final : public sql_internal::BulkInsert {
 public:
  CopyIn(PgConnection* connection, std::string command, int columns)
      : connection_(connection), command_(std::move(command)), columns_(columns) {}

  void Bind(int index, int64_t value) override {
    if (!Next(index)) return;
    char digits[24];
    buffer_.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
  }
  void BindText(int index, std::string_view text) override {
    if (!Next(index)) return;
    if (text.find('\0') != std::string_view::npos && error_.ok()) {
      error_ = InvalidArgument(
          "a value holds a NUL character, which PostgreSQL cannot store; remove it and try "
          "again");
    }
    for (char c : text) {
      switch (c) {
        case '\\':
          buffer_ += "\\\\";
          break;
        case '\t':
          buffer_ += "\\t";
          break;
        case '\n':
          buffer_ += "\\n";
          break;
        case '\r':
          buffer_ += "\\r";
          break;
        default:
          buffer_ += c;
      }
    }
  }
  // bytea in hex form, its backslash escaped for COPY's text format.
  void BindBlob(int index, std::string_view bytes) override {
    if (!Next(index)) return;
    static constexpr char kHex[] = "0123456789abcdef";
    buffer_ += "\\\\x";
    for (unsigned char c : bytes) {
      buffer_ += kHex[c >> 4];
      buffer_ += kHex[c & 15];
    }
  }
  // The shortest text that reads back as the same double.
  void BindDouble(int index, double value) override {
    if (!Next(index)) return;
    char digits[32];
    buffer_.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
  }
  void BindNull(int index) override {
    if (Next(index)) buffer_ += "\\N";
  }
  Status EndRow() override {
    if (error_.ok() && bound_ != columns_) {
      error_ = Internal("a bulk row of " + command_ + " has " + std::to_string(bound_) +
                        " values, not " + std::to_string(columns_));
    }
    buffer_ += '\n';
    bound_ = 0;
    ++rows_;
    return error_;
  }
  Status Flush() override;
  size_t pending_rows() const override { return rows_; }

 private:
  // Whether value `index` is the next one; it is preceded by a tab unless it is the first.
  bool Next(int index) {
    if (index != bound_ + 1 || index > columns_) {
      if (error_.ok()) {
        error_ = Internal("bulk value " + std::to_string(index) + " out of order in " + command_);
      }
      return false;
    }
    if (bound_ > 0) buffer_ += '\t';
    ++bound_;
    return true;
  }

  PgConnection* connection_;
  const std::string command_;
  const int columns_;
  std::string buffer_;
  int bound_ = 0;
  size_t rows_ = 0;
  Status error_;
};

Status CopyIn::Flush() {
  XJ_RETURN_IF_ERROR(error_);
  if (rows_ == 0) return Status::Ok();
  PGconn* conn = connection_->raw();
  PGresult* start = PQexec(conn, command_.c_str());
  const bool copying = PQresultStatus(start) == PGRES_COPY_IN;
  Status status = copying ? Status::Ok() : connection_->Error(start);
  PQclear(start);
  XJ_RETURN_IF_ERROR(status);
  const bool sent = PQputCopyData(conn, buffer_.data(), static_cast<int>(buffer_.size())) == 1;
  PQputCopyEnd(conn, sent ? nullptr : "the rows could not be sent");
  // The outcome of the COPY, then the end of the command.
  for (PGresult* result = PQgetResult(conn); result != nullptr; result = PQgetResult(conn)) {
    if (PQresultStatus(result) != PGRES_COMMAND_OK && status.ok()) {
      status = connection_->Error(result);
    }
    PQclear(result);
  }
  if (status.ok() && !sent) status = connection_->Error(nullptr);
  buffer_.clear();
  rows_ = 0;
  if (!status.ok()) error_ = status;
  return status;
}

}  // namespace

std::string RewriteParameters(std::string_view sql, std::vector<bool>* used) {
  std::string out;
  out.reserve(sql.size() + 8);
  used->clear();
  int highest = 0;
  size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    if (c == '\'' || c == '"') {  // a literal or a quoted name, with doubled quotes inside
      size_t end = i + 1;
      while (end < sql.size()) {
        if (sql[end] == c) {
          if (end + 1 < sql.size() && sql[end + 1] == c) {
            end += 2;
            continue;
          }
          break;
        }
        ++end;
      }
      end = std::min(end + 1, sql.size());
      out.append(sql.substr(i, end - i));
      i = end;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      size_t end = sql.find('\n', i);
      end = end == std::string_view::npos ? sql.size() : end;
      out.append(sql.substr(i, end - i));
      i = end;
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      size_t end = sql.find("*/", i + 2);
      end = end == std::string_view::npos ? sql.size() : end + 2;
      out.append(sql.substr(i, end - i));
      i = end;
    } else if (c == '?') {
      size_t end = i + 1;
      while (end < sql.size() && sql[end] >= '0' && sql[end] <= '9') ++end;
      int number = highest + 1;  // a bare `?` is one more than the highest so far, as in SQLite
      if (end > i + 1) {
        std::from_chars(sql.data() + i + 1, sql.data() + end, number);
      }
      highest = std::max(highest, number);
      if (used->size() < static_cast<size_t>(highest)) used->resize(highest, false);
      if (number >= 1) (*used)[number - 1] = true;
      out += '$';
      out += std::to_string(number);
      i = end;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

PgQuery::PgQuery(PgConnection* connection, std::string name, std::string sql,
                 std::vector<bool> used, bool cursor)
    : connection_(connection),
      name_(std::move(name)),
      sql_(std::move(sql)),
      parameters_(static_cast<int>(used.size())),
      used_(std::move(used)),
      cursor_(cursor),
      values_(parameters_),
      is_null_(parameters_, 1),
      is_binary_(parameters_, 0) {}

PgQuery::~PgQuery() {
  if (result_ != nullptr) PQclear(result_);
}

int PgQuery::Slot(int index) {
  if (index < 1 || index > parameters_) {
    if (bind_error_.ok()) {
      bind_error_ = Internal("database '" + database() + "': parameter " + std::to_string(index) +
                             " is out of range in: " + sql_);
    }
    return -1;
  }
  return index - 1;
}

void PgQuery::Bind(int index, int64_t value) {
  int slot = Slot(index);
  if (slot < 0) return;
  char buffer[24];
  auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  values_[slot].assign(buffer, end);
  is_null_[slot] = 0;
  is_binary_[slot] = 0;
}

void PgQuery::BindText(int index, std::string_view text) {
  int slot = Slot(index);
  if (slot < 0) return;
  if (text.find('\0') != std::string_view::npos && bind_error_.ok()) {
    bind_error_ = InvalidArgument(
        "a value holds a NUL character, which PostgreSQL cannot store; remove it and try again");
  }
  values_[slot].assign(text);
  is_null_[slot] = 0;
  is_binary_[slot] = 0;
}

void PgQuery::BindBlob(int index, std::string_view bytes) {
  int slot = Slot(index);
  if (slot < 0) return;
  values_[slot].assign(bytes);
  is_null_[slot] = 0;
  is_binary_[slot] = 1;
}

void PgQuery::BindNull(int index) {
  int slot = Slot(index);
  if (slot < 0) return;
  values_[slot].clear();
  is_null_[slot] = 1;
  is_binary_[slot] = 0;
}

void PgQuery::BindDouble(int index, double value) {
  int slot = Slot(index);
  if (slot < 0) return;
  char buffer[32];
  auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  values_[slot].assign(buffer, end);
  is_null_[slot] = 0;
  is_binary_[slot] = 0;
}

PgQuery::Values PgQuery::CurrentValues() const {
  Values v;
  // Blobs are declared bytea; every other parameter's type is inferred from where it stands,
  // and one the SQL does not use (SQLite allows that) is declared text.
  v.types.assign(parameters_, 0);
  v.values.resize(parameters_);
  v.lengths.resize(parameters_);
  v.formats.resize(parameters_);
  for (int i = 0; i < parameters_; ++i) {
    if (is_binary_[i]) v.types[i] = kByteaOid;
    if (!used_[i]) v.types[i] = kTextOid;
    v.values[i] = is_null_[i] ? nullptr : values_[i].c_str();
    v.lengths[i] = static_cast<int>(values_[i].size());
    v.formats[i] = is_binary_[i];
  }
  return v;
}

// Keeps `result` as the current rows if it succeeded; otherwise the error.
Status PgQuery::TakeResultOrError(PGresult* result) {
  const ExecStatusType status = PQresultStatus(result);
  if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
    if (result_ != nullptr) PQclear(result_);
    result_ = result;
    rows_ = PQntuples(result_);
    row_ = -1;
    const char* changed = PQcmdTuples(result_);
    connection_->set_changes(changed[0] != '\0' ? std::atoll(changed) : 0);
    decoded_.assign(PQnfields(result_), std::string());
    decoded_valid_.assign(PQnfields(result_), 0);
    return Status::Ok();
  }
  Status error = connection_->Error(result);
  PQclear(result);
  return error;
}

Status PgQuery::Execute() {
  if (!bind_error_.ok()) return bind_error_;
  if (cursor_) return Declare();
  PGconn* conn = connection_->raw();
  Values v = CurrentValues();
  if (!prepared_) {
    PGresult* prepared = PQprepare(conn, name_.c_str(), sql_.c_str(), parameters_,
                                   parameters_ > 0 ? v.types.data() : nullptr);
    const bool ok = PQresultStatus(prepared) == PGRES_COMMAND_OK;
    Status status = ok ? Status::Ok() : connection_->Error(prepared);
    PQclear(prepared);
    if (!ok) return status;
    prepared_ = true;
  }
  return TakeResultOrError(PQexecPrepared(conn, name_.c_str(), parameters_, v.values.data(),
                                          v.lengths.data(), v.formats.data(),
                                          /*resultFormat=*/0));
}

Status PgQuery::Declare() {
  Values v = CurrentValues();
  const std::string declare = "DECLARE " + name_ + " NO SCROLL CURSOR FOR " + sql_;
  PGresult* result = PQexecParams(connection_->raw(), declare.c_str(), parameters_,
                                  parameters_ > 0 ? v.types.data() : nullptr, v.values.data(),
                                  v.lengths.data(), v.formats.data(), /*resultFormat=*/0);
  const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
  Status status = ok ? Status::Ok() : connection_->Error(result);
  PQclear(result);
  XJ_RETURN_IF_ERROR(status);
  declared_ = true;
  exhausted_ = false;
  return FetchChunk();
}

Status PgQuery::FetchChunk() {
  const std::string fetch = "FETCH " + std::to_string(kCursorChunk) + " FROM " + name_;
  XJ_RETURN_IF_ERROR(TakeResultOrError(PQexec(connection_->raw(), fetch.c_str())));
  exhausted_ = rows_ < kCursorChunk;
  return Status::Ok();
}

Result<bool> PgQuery::Step() {
  if (!executed_) {
    executed_ = true;
    row_ = -1;
    XJ_RETURN_IF_ERROR(Execute());
  }
  if (result_ != nullptr && row_ + 1 >= rows_ && cursor_ && !exhausted_) {
    XJ_RETURN_IF_ERROR(FetchChunk());
  }
  if (result_ == nullptr || row_ + 1 >= rows_) {
    row_ = rows_;
    return false;
  }
  ++row_;
  std::fill(decoded_valid_.begin(), decoded_valid_.end(), 0);
  return true;
}

int64_t PgQuery::Int(int column) const {
  if (IsNull(column)) return 0;
  const char* text = PQgetvalue(result_, row_, column);
  const int length = PQgetlength(result_, row_, column);
  int64_t value = 0;
  auto [end, error] = std::from_chars(text, text + length, value);
  if (error == std::errc() && end == text + length) return value;
  if (length == 1 && (text[0] == 't' || text[0] == 'f')) return text[0] == 't' ? 1 : 0;
  return static_cast<int64_t>(std::strtod(text, nullptr));
}

double PgQuery::Double(int column) const {
  if (IsNull(column)) return 0;
  return std::strtod(PQgetvalue(result_, row_, column), nullptr);
}

std::string_view PgQuery::Text(int column) const {
  if (IsNull(column)) return {};
  return std::string_view(PQgetvalue(result_, row_, column),
                          static_cast<size_t>(PQgetlength(result_, row_, column)));
}

std::string_view PgQuery::Blob(int column) const {
  if (IsNull(column)) return {};
  std::string_view text = Text(column);
  if (PQftype(result_, column) != kByteaOid) return text;
  if (!decoded_valid_[column]) {
    // bytea in text form is "\x" and two hex digits a byte (bytea_output = hex, the default).
    std::string& bytes = decoded_[column];
    bytes.clear();
    if (text.size() >= 2 && text[0] == '\\' && text[1] == 'x') {
      bytes.reserve((text.size() - 2) / 2);
      for (size_t i = 2; i + 1 < text.size(); i += 2) {
        bytes += static_cast<char>(HexDigit(text[i]) * 16 + HexDigit(text[i + 1]));
      }
    }
    decoded_valid_[column] = 1;
  }
  return decoded_[column];
}

bool PgQuery::IsNull(int column) const {
  if (result_ == nullptr || row_ < 0 || row_ >= rows_) return true;
  return PQgetisnull(result_, row_, column) != 0;
}

void PgQuery::Reset() {
  if (declared_) {
    // Fails harmlessly if the transaction has ended (and the cursor with it).
    PQclear(PQexec(connection_->raw(), ("CLOSE " + name_).c_str()));
    declared_ = false;
  }
  if (result_ != nullptr) PQclear(result_);
  result_ = nullptr;
  executed_ = false;
  row_ = -1;
  rows_ = 0;
  std::fill(is_null_.begin(), is_null_.end(), 1);
  std::fill(is_binary_.begin(), is_binary_.end(), 0);
  bind_error_ = Status::Ok();
}

const std::string& PgQuery::database() const { return connection_->database(); }

Result<std::unique_ptr<PgConnection>> PgConnection::Open(const std::string& url,
                                                         const std::string& database,
                                                         Settings settings) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (conn == nullptr) return IoError("cannot connect to PostgreSQL: out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string detail = Trim(PQerrorMessage(conn));
    PQfinish(conn);
    return IoError("cannot connect to PostgreSQL database '" + database + "': " + detail +
                   "; check that the server runs and that the URL's user, host, port and "
                   "database are right");
  }
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
  std::unique_ptr<PgConnection> connection(new PgConnection(conn, database, settings));
  if (PQsetClientEncoding(conn, "UTF8") != 0) {
    return IoError("database '" + database + "' cannot talk UTF-8: " + Trim(PQerrorMessage(conn)));
  }
  if (settings.read_only) {
    XJ_RETURN_IF_ERROR(connection->Exec("SET default_transaction_read_only = on"));
  }
  return connection;
}

PgConnection::~PgConnection() {
  statements_.clear();
  cursors_.clear();
  PQfinish(conn_);
}

Status PgConnection::Exec(const std::string& sql) {
  PGresult* result = PQexec(conn_, sql.c_str());
  const ExecStatusType status = PQresultStatus(result);
  Status out =
      status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK ? Status::Ok() : Error(result);
  PQclear(result);
  return out;
}

Status PgConnection::PartitionRegions() {
  std::vector<int> provinces;
  {
    XJ_ASSIGN_OR_RETURN(auto select,
                        Prepare("SELECT DISTINCT code / 10000000000 FROM region ORDER BY 1"));
    for (;;) {
      XJ_ASSIGN_OR_RETURN(bool row, select.Step());
      if (!row) break;
      provinces.push_back(static_cast<int>(select.Int(0)));
    }
  }
  return MakeProvincePartitions(*this, provinces);
}

Result<PgQuery*> PgConnection::Find(const std::string& sql, bool cursor) {
  auto& cache = cursor ? cursors_ : statements_;
  auto it = cache.find(sql);
  if (it != cache.end()) return it->second.get();
  std::vector<bool> used;
  std::string rewritten = RewriteParameters(sql, &used);
  auto query = std::make_unique<PgQuery>(this, "xj" + std::to_string(++next_statement_),
                                         std::move(rewritten), std::move(used), cursor);
  PgQuery* raw = query.get();
  cache.emplace(sql, std::move(query));
  return raw;
}

Result<sql_internal::Query*> PgConnection::Compile(const std::string& sql) {
  XJ_ASSIGN_OR_RETURN(PgQuery * query, Find(sql, /*cursor=*/false));
  return query;
}

Result<sql_internal::Statement> PgConnection::PrepareScan(const std::string& sql) {
  XJ_ASSIGN_OR_RETURN(PgQuery * query, Find(sql, /*cursor=*/true));
  return sql_internal::Statement(query);
}

Result<std::unique_ptr<sql_internal::BulkInsert>> PgConnection::BeginBulkInsert(
    const std::string& table, const std::vector<std::string>& columns) {
  std::string command = "COPY " + table + " (";
  for (size_t i = 0; i < columns.size(); ++i) command += (i == 0 ? "" : ", ") + columns[i];
  command += ") FROM STDIN";
  return std::unique_ptr<sql_internal::BulkInsert>(
      std::make_unique<CopyIn>(this, std::move(command), static_cast<int>(columns.size())));
}

Status PgConnection::BeginWrite() {
  XJ_RETURN_IF_ERROR(Exec("BEGIN"));
  // lock_timeout 0 would wait for ever; a busy timeout of 0 means not waiting at all.
  const int wait_ms = std::max(1, settings_.busy_timeout_ms);
  Status status = Exec("SET LOCAL lock_timeout = " + std::to_string(wait_ms));
  if (status.ok()) status = Exec(kWriteLock);
  if (!status.ok()) (void)Rollback();
  return status;
}

Status PgConnection::BeginRead() { return Exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); }

Status PgConnection::Commit() {
  PGresult* result = PQexec(conn_, "COMMIT");
  Status out;
  if (PQresultStatus(result) != PGRES_COMMAND_OK) {
    out = Error(result);
  } else if (std::strcmp(PQcmdStatus(result), "ROLLBACK") == 0) {
    // COMMIT of a transaction that an error had ended rolls it back instead.
    out = Internal("database '" + database_ +
                   "': the transaction was rolled back after an earlier error");
  }
  PQclear(result);
  return out;
}

Status PgConnection::Rollback() { return Exec("ROLLBACK"); }

bool PgConnection::InTransaction() const { return PQtransactionStatus(conn_) != PQTRANS_IDLE; }

Status PgConnection::Error(const PGresult* result) const {
  const char* primary =
      result != nullptr ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string detail = Trim(primary != nullptr ? primary : PQerrorMessage(conn_));
  const std::string where = "database '" + database_ + "'";
  if (PQstatus(conn_) == CONNECTION_BAD) {
    return IoError(where + ": the connection to the server was lost (" + detail +
                   "); check that the server runs, then run again");
  }
  const char* field = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string state = field != nullptr ? field : "";
  const std::string kind = state.substr(0, 2);
  if (state == "55P03" || state == "40P01" || state == "40001") {
    return IoError(std::string(sql_internal::kBusyMessage) + " (" + where + ")");
  }
  if (kind == "08" || state == "57P01" || state == "57P02" || state == "57P03") {
    return IoError(where + ": the server is not available (" + detail + "); run again later");
  }
  if (state == "53100") {
    return IoError(where + ": the server's disk is full (" + detail +
                   "); free space and run again");
  }
  if (kind == "53") return IoError(where + ": the server is out of resources (" + detail + ")");
  if (state == "42501") {
    return IoError(where + " cannot be written (" + detail + "); check the user's privileges");
  }
  if (kind == "22") return InvalidArgument(where + ": a value cannot be stored (" + detail + ")");
  const char* constraint =
      result != nullptr ? PQresultErrorField(result, PG_DIAG_CONSTRAINT_NAME) : nullptr;
  if (state == "23514" && constraint != nullptr &&
      std::string_view(constraint) == kNoShardConstraint) {
    return FailedPrecondition(where +
                              " is a national coordinator, and a household's province has no "
                              "shard (" +
                              detail +
                              "); add the province's shard first: xianjie shard add --db " +
                              database_ + " --province NN --shard postgresql://...");
  }
  if (state == "XX001" || state == "XX002") {
    return DataLoss(where + " is damaged (" + detail + "); restore it from a backup");
  }
  // SQL errors, constraint failures and misuse mean the store's own SQL or invariants broke.
  return Internal(where + ": " + detail);
}

}  // namespace xianjie::store::postgres_internal
