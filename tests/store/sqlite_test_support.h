// A raw sqlite3 connection for the SQLite store's own tests: to look at what the store wrote,
// to plant foreign or damaged databases, and to hold the write lock as another process would.
#ifndef XIANJIE_TESTS_STORE_SQLITE_TEST_SUPPORT_H_
#define XIANJIE_TESTS_STORE_SQLITE_TEST_SUPPORT_H_

#include <sqlite3.h>

#include <cstdint>
#include <string>

namespace xianjie::store::testing {

class RawDb {
 public:
  explicit RawDb(const std::string& path);
  ~RawDb();
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  // Runs SQL; returns "" or SQLite's error message.
  std::string Exec(const std::string& sql);
  // The first column of the first row as an integer (or -1 with no row or an error).
  int64_t Int(const std::string& sql);
  // The first column of the first row as text ("<null>" for NULL, "<none>" with no row).
  std::string Text(const std::string& sql);

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace xianjie::store::testing

#endif  // XIANJIE_TESTS_STORE_SQLITE_TEST_SUPPORT_H_
