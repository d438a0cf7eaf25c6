// The raw sqlite3 connection of the SQLite store tests.
#include "store/sqlite_test_support.h"

namespace xianjie::store::testing {

RawDb::RawDb(const std::string& path) {
  sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
}

RawDb::~RawDb() { sqlite3_close(db_); }

std::string RawDb::Exec(const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) == SQLITE_OK) return "";
  std::string message = error != nullptr ? error : "error";
  sqlite3_free(error);
  return message;
}

int64_t RawDb::Int(const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  int64_t value = -1;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW) {
    value = sqlite3_column_int64(stmt, 0);
  }
  sqlite3_finalize(stmt);
  return value;
}

std::string RawDb::Text(const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  std::string value = "<none>";
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(stmt, 0);
    value = text != nullptr ? reinterpret_cast<const char*>(text) : "<null>";
  }
  sqlite3_finalize(stmt);
  return value;
}

}  // namespace xianjie::store::testing
