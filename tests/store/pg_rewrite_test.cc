// The PostgreSQL driver's rewriting of SQLite parameters (`?N`, `?`) to `$N`.
#include <gtest/gtest.h>

#include "store/postgres/pg_connection.h"

namespace xianjie::store::postgres_internal {
namespace {

std::string Rewrite(std::string_view sql, int expected_parameters) {
  std::vector<bool> used = {true, true, true, true, true, true, true, true};
  std::string out = RewriteParameters(sql, &used);
  EXPECT_EQ(static_cast<int>(used.size()), expected_parameters) << sql;
  return out;
}

TEST(RewriteParameters, NumberedParametersKeepTheirNumbers) {
  EXPECT_EQ(Rewrite("UPDATE t SET a = ?2 WHERE id = ?1 AND v = ?2 - 1", 2),
            "UPDATE t SET a = $2 WHERE id = $1 AND v = $2 - 1");
  EXPECT_EQ(Rewrite("SELECT ?12, ?3", 12), "SELECT $12, $3");
}

TEST(RewriteParameters, ParametersTheSqlSkipsAreMarkedUnused) {
  std::vector<bool> used;
  RewriteParameters("UPDATE u SET a = ?2, b = ?4 WHERE id = ?1", &used);
  EXPECT_EQ(used, (std::vector<bool>{true, true, false, true}));
}

TEST(RewriteParameters, BareParametersCountUpFromTheHighestSoFar) {
  EXPECT_EQ(Rewrite("INSERT INTO t VALUES (?, ?, ?)", 3), "INSERT INTO t VALUES ($1, $2, $3)");
  EXPECT_EQ(Rewrite("SELECT ?5, ?", 6), "SELECT $5, $6");
}

TEST(RewriteParameters, QuotesAndCommentsAreLeftAlone) {
  EXPECT_EQ(Rewrite("SELECT '?1', 'it''s ?', \"col?\" FROM t WHERE a = ?1", 1),
            "SELECT '?1', 'it''s ?', \"col?\" FROM t WHERE a = $1");
  EXPECT_EQ(Rewrite("SELECT 1 -- what ?\nWHERE b = ? /* ?3 */", 1),
            "SELECT 1 -- what ?\nWHERE b = $1 /* ?3 */");
}

TEST(RewriteParameters, SqlWithoutParametersIsUnchanged) {
  EXPECT_EQ(Rewrite("SELECT count(*) FROM household", 0), "SELECT count(*) FROM household");
  EXPECT_EQ(Rewrite("SELECT 'unterminated ?", 0), "SELECT 'unterminated ?");
}

}  // namespace
}  // namespace xianjie::store::postgres_internal
