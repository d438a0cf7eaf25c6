// End-to-end tests of `xianjie plan show|list` and `xianjie catalog show|put` (decision 0008): a
// generated registry in which one household is made a monitoring object with a plan, a measure
// and a responsible person through the store; then the plan shown and listed as officers of
// different levels (the phone masked above the township), and the catalogue shown and put, with
// every refusal (exit 1 and the reason on stderr).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_runner.h"
#include "store/open.h"

namespace xianjie::testing {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

class PlanCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(RunCli({"generate", "--households", "30", "--seed", "3", "--out", data_}).exit_code,
              0);
    ASSERT_EQ(RunCli({"init", "--db", db_}).exit_code, 0);
    CliResult imp = RunCli({"import", "--db", db_, "--households", data_ + "/households.csv",
                            "--members", data_ + "/members.csv"});
    ASSERT_EQ(imp.exit_code, 0) << imp.err;
    std::ifstream in(data_ + "/households.csv");
    std::string line;
    std::getline(in, line);
    std::getline(in, line);
    const size_t a = line.find(',');
    const size_t b = line.find(',', a + 1);
    household_ = line.substr(0, a);
    village_ = line.substr(a + 1, b - a - 1);
    AddUser("cadre", "village", village_);
    AddUser("county", "county", village_.substr(0, 6));
    AddUser("province", "province", "63");
    AddUser("stranger", "village", village_.substr(0, 9) == "630121100" ? "630102001001"
                                                                          : "630121100201");
    // The monitoring object, its plan, a measure of the plan and a responsible person, written
    // as the procedure and the service would have written them.
    auto db = store::OpenStore(db_, store::OpenMode::kExisting);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    cases::CaseRecord c;
    c.household_id = household_;
    c.village_code = village_;
    c.state = cases::CaseState::kMonitored;
    c.opened_at = c.updated_at = "2026-01-05T02:00:00Z";
    c.opened_on = c.state_since = CivilDate::FromYmd(2026, 1, 5);
    cases::EventRecord opened;
    opened.event = cases::EventType::kOpen;
    opened.from = opened.to = cases::CaseState::kCountyApproval;
    opened.actor = opened.actor_role = "system";
    opened.at = c.opened_at;
    opened.on = c.opened_on;
    c.state = cases::CaseState::kCountyApproval;
    c.comparison_done = true;
    cases::Lead lead;
    lead.household_id = household_;
    lead.source = "test:1";
    lead.at = c.opened_at;
    auto ids = (*db)->OpenCases({cases::NewCase{c, opened, lead}});
    ASSERT_TRUE(ids.ok()) << ids.status().ToString();
    cases::EventWrite approve;
    approve.next = c;
    approve.next.id = ids->front();
    approve.next.state = cases::CaseState::kMonitored;
    approve.next.version = 2;
    approve.expected_version = 1;
    approve.record = opened;
    approve.record.case_id = ids->front();
    approve.record.seq = 2;
    approve.record.event = cases::EventType::kCountyApprove;
    approve.record.to = cases::CaseState::kMonitored;
    cases::Episode episode;
    episode.household_id = household_;
    episode.village_code = village_;
    episode.identified_on = CivilDate::FromYmd(2026, 1, 5);
    episode.type = "marginal";
    episode.risks = "R01";
    approve.open_episode = episode;
    ASSERT_TRUE((*db)->AppendEvent(approve).ok());
    assist::Plan plan;
    plan.household_id = household_;
    plan.episode_id = 1;
    plan.village_code = village_;
    plan.created_by = "cadre";
    plan.created_at = plan.updated_at = "2026-01-06T02:00:00Z";
    plan.note = "先治病";
    auto plan_id = (*db)->CreatePlan(plan);
    ASSERT_TRUE(plan_id.ok()) << plan_id.status().ToString();
    cases::Measure m;
    m.household_id = household_;
    m.category = cases::MeasureCategory::kHealth;
    m.item_code = "medical_assistance";
    m.item = "医疗救助";
    m.start = CivilDate::FromYmd(2026, 1, 6);
    m.plan_id = *plan_id;
    m.recorded_by = "cadre";
    m.recorded_at = "2026-01-06T02:00:00Z";
    ASSERT_TRUE((*db)->PutMeasure(m).ok());
    assist::ResponsiblePerson r;
    r.household_id = household_;
    r.name = "王五";
    r.unit = "驻村工作队";
    r.phone = "13812345678";
    r.from = CivilDate::FromYmd(2026, 1, 6);
    r.assigned_by = "cadre";
    r.assigned_at = "2026-01-06T02:00:00Z";
    ASSERT_TRUE((*db)->AssignResponsible(r).ok());
  }

  void AddUser(const std::string& name, const std::string& role, const std::string& scope) {
    CliResult r = RunCli({"user", "add", "--db", db_, "--username", name, "--password",
                          "long-enough-password", "--role", role, "--scope", scope});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  Json ShowAs(const std::string& user) {
    CliResult r = RunCli({"plan", "show", "--db", db_, "--as", user, "--household", household_,
                          "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.exit_code == 0 ? Json::parse(r.out) : Json();
  }

  TempDir dir_;
  std::string db_ = dir_ / "x.db";
  std::string data_ = dir_ / "data";
  std::string household_;
  std::string village_;
};

TEST_F(PlanCliTest, PlanShowPrintsThePlanAsTheUserMaySeeIt) {
  const Json cadre = ShowAs("cadre");
  EXPECT_EQ(cadre["id"], 1);
  EXPECT_EQ(cadre["state"], "draft");
  EXPECT_EQ(cadre["note"], "先治病");
  ASSERT_EQ(cadre["measures"].size(), 1u);
  EXPECT_EQ(cadre["measures"][0]["item_code"], "medical_assistance");
  EXPECT_EQ(cadre["responsible"]["phone"], "13812345678");
  EXPECT_EQ(ShowAs("county")["responsible"]["phone"], "138****5678");
  CliResult text = RunCli({"plan", "show", "--db", db_, "--as", "county", "--plan", "1"});
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("plan 1  draft"));
  EXPECT_THAT(text.out, HasSubstr("138****5678"));
  EXPECT_THAT(text.out, HasSubstr("medical_assistance"));
  // The reads are in the audit log under the user.
  CliResult audit = RunCli({"audit", "list", "--db", db_, "--user", "county", "--json"});
  ASSERT_EQ(audit.exit_code, 0) << audit.err;
  EXPECT_THAT(audit.out, HasSubstr("plan.read"));
}

TEST_F(PlanCliTest, PlanShowIsRefusedWithTheReason) {
  CliResult outside = RunCli({"plan", "show", "--db", db_, "--as", "stranger", "--household",
                              household_});
  EXPECT_EQ(outside.exit_code, 1);
  EXPECT_THAT(outside.err, HasSubstr("outside the user's scope"));
  CliResult none = RunCli({"plan", "show", "--db", db_, "--as", "cadre", "--plan", "9"});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_THAT(none.err, HasSubstr("no plan 9"));
  CliResult both = RunCli({"plan", "show", "--db", db_, "--as", "cadre"});
  EXPECT_EQ(both.exit_code, 1);
  EXPECT_THAT(both.err, HasSubstr("either --household or --plan"));
  CliResult nobody = RunCli({"plan", "show", "--db", db_, "--as", "ghost", "--plan", "1"});
  EXPECT_EQ(nobody.exit_code, 1);
  EXPECT_THAT(nobody.err, HasSubstr("no user 'ghost'"));
}

TEST_F(PlanCliTest, PlanListListsTheScopesPlans) {
  CliResult list = RunCli({"plan", "list", "--db", db_, "--as", "county", "--state", "draft",
                           "--json"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  const Json items = Json::parse(list.out);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["household_id"], household_);
  EXPECT_EQ(items[0]["measures"], 1);
  CliResult active = RunCli({"plan", "list", "--db", db_, "--as", "county", "--state", "active",
                             "--json"});
  ASSERT_EQ(active.exit_code, 0) << active.err;
  EXPECT_EQ(Json::parse(active.out).size(), 0u);
  CliResult bad = RunCli({"plan", "list", "--db", db_, "--as", "county", "--state", "finished"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.err, HasSubstr("draft, active, complete or closed"));
}

TEST_F(PlanCliTest, CatalogShowAndPut) {
  const std::string shipped = ReadText(std::string(XJ_SOURCE_DIR) + "/config/measures.toml");
  CliResult toml = RunCli({"catalog", "show", "--db", db_, "--toml"});
  ASSERT_EQ(toml.exit_code, 0) << toml.err;
  EXPECT_EQ(toml.out, shipped);
  CliResult text = RunCli({"catalog", "show", "--db", db_});
  EXPECT_THAT(text.out, HasSubstr("built in"));
  EXPECT_THAT(text.out, HasSubstr("ecological_ranger"));

  std::string edited = shipped;
  const size_t at = edited.find("\"contracted_doctor\"");
  ASSERT_NE(at, std::string::npos);
  edited.replace(at, 19, "\"family_doctor\"");
  const std::string file = dir_ / "measures.toml";
  std::ofstream(file) << edited;
  CliResult county = RunCli({"catalog", "put", "--db", db_, "--as", "county", file});
  EXPECT_EQ(county.exit_code, 1);
  EXPECT_THAT(county.err, HasSubstr("measure.catalog"));
  CliResult put = RunCli({"catalog", "put", "--db", db_, "--as", "province", file});
  ASSERT_EQ(put.exit_code, 0) << put.err;
  EXPECT_THAT(put.out, HasSubstr("version 1 in force"));
  CliResult json = RunCli({"catalog", "show", "--db", db_, "--as", "cadre", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const Json catalog = Json::parse(json.out);
  EXPECT_EQ(catalog["version"], 1);
  EXPECT_EQ(catalog["toml"], edited);

  const std::string bad = dir_ / "bad.toml";
  std::ofstream(bad) << "[[category]]\ncode = \"industri\"\n";
  CliResult refused = RunCli({"catalog", "put", "--db", db_, "--as", "province", bad});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("industri"));
  CliResult missing = RunCli({"catalog", "put", "--db", db_, "--as", "province",
                              dir_ / "nowhere.toml"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("cannot read"));
}

}  // namespace
}  // namespace xianjie::testing
