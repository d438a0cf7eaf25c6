// What only the SQLite store promises about the verification samples (migration 0013): a
// database of schema 0012 is upgraded in place and its samples survive reopening; one latest
// draw per county and year, results only of drawn households (with foreign keys on), boolean
// answers and weights of at least 1, even against SQL; a damaged
// row is kDataLoss naming it.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_store.h"
#include "store/sqlite_test_support.h"
#include "store/store_contract_test.h"

namespace xianjie::store::testing {
namespace {

using analytics::SampleDraw;
using analytics::SampleResult;
using analytics::SampleUnit;
using analytics::Stratum;

SampleDraw Draw() {
  SampleDraw d;
  d.county_code = "630121";
  d.year = 2026;
  d.seed = 6301212026;
  d.parameters_json = R"({"villages":10})";
  d.drawn_by = "zhang.san";
  d.drawn_at = "2026-11-01T02:00:00Z";
  d.frame_households = 10;
  d.villages = 1;
  d.households = 2;
  return d;
}

std::vector<SampleUnit> Units() {
  return {{0, "A01", "630121100201", Stratum::kMarginal, 1, 0.5, 2},
          {0, "A02", "630121100201", Stratum::kOther, 1, 0.25, 4}};
}

class SqliteSampleTest : public ::testing::Test {
 protected:
  std::unique_ptr<SqlStore> Open() {
    auto store = SqliteStore::Open(db_, OpenMode::kCreate);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(*store) : nullptr;
  }

  TempDir dir_;
  std::string db_ = dir_ / "registry.db";
};

TEST_F(SqliteSampleTest, ASchema12DatabaseIsUpgradedAndItsSamplesSurviveReopening) {
  {
    RawDb raw(db_);
    ASSERT_EQ(raw.Exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
                       "name TEXT NOT NULL, applied_at TEXT NOT NULL)"),
              "");
    for (const Migration& m : Migrations()) {
      if (m.version > 12) break;
      ASSERT_EQ(raw.Exec(m.sql), "") << m.name;
      ASSERT_EQ(raw.Exec("INSERT INTO schema_migrations VALUES (" + std::to_string(m.version) +
                         ", '" + std::string(m.name) + "', '2026-11-01T00:00:00Z')"),
                "");
    }
    ASSERT_EQ(raw.Int("SELECT count(*) FROM sqlite_schema WHERE name = 'sample_draw'"), 0);
  }
  int64_t id = 0;
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    auto put = store->PutDraw(Draw(), Units(), false);
    XJ_ASSERT_OK(put);
    id = *put;
    SampleResult r;
    r.draw_id = id;
    r.household_id = "A02";
    r.satisfied = true;
    r.visited_on = CivilDate::FromYmd(2026, 11, 5);
    r.visitor = "王五";
    r.recorded_by = "li.si";
    r.recorded_at = "2026-11-05T02:00:00Z";
    XJ_ASSERT_OK(store->PutResult(r));
  }
  auto store = Open();
  ASSERT_NE(store, nullptr);
  auto draw = store->GetDraw(id);
  XJ_ASSERT_OK(draw);
  ASSERT_TRUE(draw->has_value());
  EXPECT_EQ((*draw)->seed, 6301212026u);
  EXPECT_EQ((*draw)->recorded, 1);
  auto units = store->DrawUnits(id);
  XJ_ASSERT_OK(units);
  EXPECT_EQ(units->size(), 2u);
  auto results = store->DrawResults(id);
  XJ_ASSERT_OK(results);
  ASSERT_EQ(results->size(), 1u);
  EXPECT_EQ((*results)[0].satisfied, std::optional<bool>(true));
  EXPECT_EQ((*results)[0].included, std::nullopt);
  RawDb raw(db_);
  EXPECT_EQ(raw.Text("SELECT name FROM schema_migrations WHERE version = 13"), "0013_sample");
  EXPECT_EQ(raw.Int("SELECT count(*) FROM schema_migrations"), LatestSchemaVersion());
  // Unanswered questions are NULL in the table, not 0.
  EXPECT_EQ(raw.Text("SELECT included FROM sample_result"), "<null>");
}

TEST_F(SqliteSampleTest, TheSchemaHoldsAgainstSql) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  XJ_ASSERT_OK(store->PutDraw(Draw(), Units(), false));
  RawDb raw(db_);
  // A second latest draw of the county and year.
  EXPECT_NE(raw.Exec("INSERT INTO sample_draw (county_code, year, seed, parameters, drawn_by, "
                     "drawn_at, frame_households, villages, households, latest, closed_by, "
                     "closed_at) VALUES ('630121', 2026, 1, '{}', 'x', 'x', 0, 0, 0, 1, '', '')"),
            "");
  // A result of a household that was not drawn (with foreign keys on, as every connection of
  // the store has them).
  ASSERT_EQ(raw.Exec("PRAGMA foreign_keys = ON"), "");
  EXPECT_NE(raw.Exec("INSERT INTO sample_result (draw_id, household_id, visited_on, visitor, "
                     "note, recorded_by, recorded_at) VALUES (1, 'Z9', '2026-11-05', 'x', '', "
                     "'x', 'x')"),
            "");
  // An answer that is not a boolean; a weight below 1.
  EXPECT_NE(raw.Exec("INSERT INTO sample_result (draw_id, household_id, satisfied, visited_on, "
                     "visitor, note, recorded_by, recorded_at) VALUES (1, 'A01', 2, "
                     "'2026-11-05', 'x', '', 'x', 'x')"),
            "");
  EXPECT_NE(raw.Exec("UPDATE sample_unit SET weight = 0.5 WHERE household_id = 'A01'"), "");
}

TEST_F(SqliteSampleTest, DamagedRowsAreDataLoss) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  auto id = store->PutDraw(Draw(), Units(), false);
  XJ_ASSERT_OK(id);
  SampleResult r;
  r.draw_id = *id;
  r.household_id = "A01";
  r.visited_on = CivilDate::FromYmd(2026, 11, 5);
  r.visitor = "王五";
  r.recorded_by = "li.si";
  r.recorded_at = "2026-11-05T02:00:00Z";
  XJ_ASSERT_OK(store->PutResult(r));
  {
    RawDb raw(db_);
    ASSERT_EQ(raw.Exec("UPDATE sample_unit SET stratum = 'flood' WHERE household_id = 'A02'"), "");
    ASSERT_EQ(raw.Exec("UPDATE sample_result SET visited_on = '2026-13-01'"), "");
  }
  auto units = store->DrawUnits(*id);
  ASSERT_FALSE(units.ok());
  EXPECT_EQ(units.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(units.status().message().find("sample_unit row 1/A02 has stratum 'flood'"),
            std::string::npos)
      << units.status().message();
  auto results = store->DrawResults(*id);
  ASSERT_FALSE(results.ok());
  EXPECT_EQ(results.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(results.status().message().find("visited_on '2026-13-01', not a date"),
            std::string::npos)
      << results.status().message();
}

}  // namespace
}  // namespace xianjie::store::testing
