// What migrate-store relies on in the SQL store (sql_copy.cc): SqlStore::Tables() names every
// table of the schema, each after the tables it references, so that a copy misses nothing and
// never inserts a row before the row it points at. (scripts/compare-schemas.py holds the
// PostgreSQL schema to the same tables.)
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "store/sql/sql_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/sqlite_test_support.h"
#include "store/store_test_support.h"

namespace xianjie::store::testing {
namespace {

TEST(SqlCopyTablesTest, EveryTableOfTheSchemaEachAfterTheTablesItReferences) {
  TempDir dir;
  ASSERT_TRUE(SqliteStore::Open(dir / "x.db", OpenMode::kCreate).ok());
  RawDb raw(dir / "x.db");
  std::vector<std::string> listed;
  for (std::string_view t : SqlStore::Tables()) listed.emplace_back(t);
  const std::set<std::string> unique(listed.begin(), listed.end());
  EXPECT_EQ(unique.size(), listed.size()) << "a table is listed twice";

  const int64_t tables = raw.Int(
      "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT IN "
      "('schema_migrations', 'sqlite_sequence')");
  EXPECT_EQ(tables, static_cast<int64_t>(listed.size()));
  for (int64_t i = 0; i < tables; ++i) {
    const std::string name = raw.Text(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN "
        "('schema_migrations', 'sqlite_sequence') ORDER BY name LIMIT 1 OFFSET " +
        std::to_string(i));
    EXPECT_TRUE(unique.count(name)) << "table " << name << " is missing from SqlStore::Tables()";
  }
  for (size_t i = 0; i < listed.size(); ++i) {
    const std::string& table = listed[i];
    const int64_t references =
        raw.Int("SELECT count(*) FROM pragma_foreign_key_list('" + table + "')");
    for (int64_t r = 0; r < references; ++r) {
      const std::string referenced = raw.Text("SELECT \"table\" FROM pragma_foreign_key_list('" +
                                              table + "') LIMIT 1 OFFSET " + std::to_string(r));
      auto at = std::find(listed.begin(), listed.end(), referenced);
      EXPECT_TRUE(at < listed.begin() + static_cast<std::ptrdiff_t>(i))
          << table << " references " << referenced << ", which is not listed before it";
    }
  }
}

}  // namespace
}  // namespace xianjie::store::testing
