// What only the SQLite store promises about assistance (migration 0011): a database of schema
// 0010 is upgraded in place and its measures keep working (plan 0, no item code), plans,
// responsible persons, visits and catalogue versions survive reopening, the rows follow the
// schema's conventions, one current responsible person per household and one plan per episode
// hold even against SQL, and a damaged row is data loss naming its table, row and column.
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

using assist::Plan;
using assist::PlanState;
using assist::ResponsiblePerson;
using assist::Visit;

class SqliteAssistTest : public ::testing::Test {
 protected:
  std::unique_ptr<SqlStore> Open(OpenMode mode = OpenMode::kCreate) {
    auto store = SqliteStore::Open(db_, mode);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(*store) : nullptr;
  }

  // A database of schema `version`, as the xianjie of that version made it: the migrations are
  // frozen, so applying the first `version` of them gives that schema.
  void MakeDatabaseOfVersion(int version) {
    RawDb raw(db_);
    ASSERT_EQ(raw.Exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
                       "name TEXT NOT NULL, applied_at TEXT NOT NULL)"),
              "");
    for (const Migration& m : Migrations()) {
      if (m.version > version) break;
      ASSERT_EQ(raw.Exec(m.sql), "") << m.name;
      ASSERT_EQ(raw.Exec("INSERT INTO schema_migrations VALUES (" + std::to_string(m.version) +
                         ", '" + std::string(m.name) + "', '2026-11-01T00:00:00Z')"),
                "");
    }
  }

  // Plan 1 of episode 11 (active), a responsible person ended by a second, a visit, a
  // catalogue version.
  void WriteAssist(SqlStore& store) {
    XJ_ASSERT_OK(store.CreatePlan(plan_));
    Plan active = plan_;
    active.id = 1;
    active.state = PlanState::kActive;
    XJ_ASSERT_OK(store.UpdatePlan(active, PlanState::kDraft));
    XJ_ASSERT_OK(store.AssignResponsible(person_));
    ResponsiblePerson next = person_;
    next.name = "李四";
    next.from = CivilDate::FromYmd(2026, 7, 1);
    XJ_ASSERT_OK(store.AssignResponsible(next));
    XJ_ASSERT_OK(store.AddVisit(visit_));
    XJ_ASSERT_OK(store.PutCatalogVersion({"63", 0, "text", "prov", "2026-01-01T00:00:00Z"}));
  }

  TempDir dir_;
  std::string db_ = dir_ / "registry.db";
  Plan plan_ = [] {
    Plan p;
    p.household_id = "H1";
    p.episode_id = 11;
    p.village_code = "630121100201";
    p.created_by = "li.si";
    p.created_at = "2026-03-15T02:00:00Z";
    p.updated_at = "2026-03-15T02:00:00Z";
    return p;
  }();
  ResponsiblePerson person_ = [] {
    ResponsiblePerson r;
    r.household_id = "H1";
    r.name = "王五";
    r.unit = "驻村工作队";
    r.phone = "13812345678";
    r.from = CivilDate::FromYmd(2026, 3, 1);
    r.assigned_by = "wang.wu";
    r.assigned_at = "2026-03-01T00:00:00Z";
    return r;
  }();
  Visit visit_ = [] {
    Visit v;
    v.household_id = "H1";
    v.village_code = "630121100201";
    v.visited_on = CivilDate::FromYmd(2026, 4, 2);
    v.visitor = "张三";
    v.recorded_by = "li.si";
    v.recorded_at = "2026-04-02T08:00:00Z";
    v.found = "病情稳定";
    v.risks_seen = "R01";
    return v;
  }();
};

TEST_F(SqliteAssistTest, A0010DatabaseIsUpgradedAndItsMeasuresKeepWorking) {
  MakeDatabaseOfVersion(10);
  {
    RawDb raw(db_);
    ASSERT_EQ(raw.Exec("INSERT INTO measure (household_id, member_id_number, category, item, "
                       "department, start_on, end_on, amount_fen, status, risks, recorded_by, "
                       "recorded_at) VALUES ('H1', '', 'health', '大病救助', '', '2026-01-05', "
                       "NULL, 100, 'done', 'R01', 'li.si', '2026-01-05T00:00:00Z')"),
              "");
  }
  auto store = Open(OpenMode::kExisting);
  ASSERT_NE(store, nullptr);
  auto measures = store->MeasuresOf("H1");
  XJ_ASSERT_OK(measures);
  ASSERT_EQ(measures->size(), 1u);
  cases::Measure m = measures->front();
  EXPECT_EQ(m.item, "大病救助");
  EXPECT_EQ(m.plan_id, 0);
  EXPECT_EQ(m.item_code, "");
  // The old measure is replaced into a plan like a new one.
  m.plan_id = 1;
  m.item_code = "medical_assistance";
  XJ_ASSERT_OK(store->PutMeasure(m));
  EXPECT_EQ(store->MeasuresOf("H1").value(), std::vector<cases::Measure>{m});
  XJ_ASSERT_OK(store->CreatePlan(plan_));
  RawDb raw(db_);
  EXPECT_EQ(raw.Text("SELECT name FROM schema_migrations WHERE version = 11"), "0011_assist");
  EXPECT_EQ(raw.Int("SELECT count(*) FROM schema_migrations"), LatestSchemaVersion());
  EXPECT_EQ(raw.Text("PRAGMA integrity_check"), "ok");
}

TEST_F(SqliteAssistTest, PlansPersonsVisitsAndCataloguesSurviveReopening) {
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    WriteAssist(*store);
  }
  auto store = Open(OpenMode::kExisting);
  ASSERT_NE(store, nullptr);
  Plan plan = plan_;
  plan.id = 1;
  plan.state = PlanState::kActive;
  EXPECT_EQ(store->PlanOfEpisode(11).value(), plan);
  const std::vector<ResponsiblePerson> history = store->ResponsibleOf("H1").value();
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].to, CivilDate::FromYmd(2026, 6, 30));
  EXPECT_FALSE(history[1].to.has_value());
  Visit visit = visit_;
  visit.id = 1;
  EXPECT_EQ(store->VisitsOf("H1").value(), std::vector<Visit>{visit});
  EXPECT_EQ(store->LatestCatalogVersion("63").value().value_or(assist::CatalogVersion{}).version,
            1);
  // Numbering goes on.
  EXPECT_EQ(store->PutCatalogVersion({"63", 0, "text 2", "prov", "2026-02-01T00:00:00Z"}).value(),
            2);
  Plan next = plan_;
  next.episode_id = 12;
  EXPECT_EQ(store->CreatePlan(next).value(), 2);
}

TEST_F(SqliteAssistTest, TheRowsFollowTheSchemaConventions) {
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    WriteAssist(*store);
  }
  RawDb raw(db_);
  EXPECT_EQ(raw.Text("SELECT state FROM assist_plan"), "active");
  EXPECT_EQ(raw.Text("SELECT completed_at FROM assist_plan"), "");
  EXPECT_EQ(raw.Text("SELECT to_on FROM responsible_person WHERE responsible_id = 1"),
            "2026-06-30");
  EXPECT_EQ(raw.Text("SELECT to_on FROM responsible_person WHERE responsible_id = 2"), "<null>");
  EXPECT_EQ(raw.Text("SELECT visited_on FROM visit"), "2026-04-02");
}

TEST_F(SqliteAssistTest, OneCurrentPersonAndOnePlanPerEpisodeHoldAgainstSql) {
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    WriteAssist(*store);
  }
  RawDb raw(db_);
  EXPECT_NE(raw.Exec("INSERT INTO responsible_person (household_id, name, unit, phone, from_on, "
                     "to_on, assigned_by, assigned_at) VALUES ('H1', 'x', 'u', '13800000000', "
                     "'2026-08-01', NULL, 'a', 't')"),
            "");
  EXPECT_NE(raw.Exec("INSERT INTO assist_plan (household_id, episode_id, village_code, state, "
                     "created_by, created_at, updated_at, completed_by, completed_at, note) "
                     "VALUES ('H1', 11, '630121100201', 'draft', 'a', 't', 't', '', '', '')"),
            "");
}

TEST_F(SqliteAssistTest, ADamagedRowIsDataLossNamingItsTableRowAndColumn) {
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    WriteAssist(*store);
  }
  {
    RawDb raw(db_);
    ASSERT_EQ(raw.Exec("UPDATE assist_plan SET state = 'finished'"), "");
    ASSERT_EQ(raw.Exec("UPDATE visit SET visited_on = '2026-13-01'"), "");
  }
  auto store = Open(OpenMode::kExisting);
  ASSERT_NE(store, nullptr);
  auto plan = store->GetPlan(1);
  EXPECT_EQ(plan.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(plan.status().message().find("assist_plan row plan_id=1 has state 'finished'"),
            std::string::npos)
      << plan.status().message();
  auto visits = store->VisitsOf("H1");
  EXPECT_EQ(visits.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(visits.status().message().find("visit row visit_id=1 has visited_on"),
            std::string::npos)
      << visits.status().message();
}

}  // namespace
}  // namespace xianjie::store::testing
