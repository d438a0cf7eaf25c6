// End-to-end test of `xianjie demo`: it builds a screened registry, one user per role whose
// printed passwords open a session, each scoped to the demo household's region, and the case
// workflow around those users in every state (read back with `xianjie case list|candidates`
// and from the store). One demo of 2,000 households serves every test of the suite.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "access/accounts.h"
#include "analytics/naive_poverty.h"
#include "assist/assist_store.h"
#include "assist/plan.h"
#include "base/clock.h"
#include "cases/application.h"
#include "cases/case.h"
#include "cli/cli_runner.h"
#include "ingest/snapshot_reader.h"
#include "registry/region.h"
#include "store/open.h"

namespace xianjie::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

struct DemoUser {
  std::string password, role, scope;
};

std::map<std::string, DemoUser> ReadUsers(const std::string& path) {
  std::map<std::string, DemoUser> users;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string name;
    DemoUser u;
    fields >> name >> u.password >> u.role >> u.scope;
    users[name] = u;
  }
  return users;
}

class DemoCliTest : public ::testing::Test {
 protected:
  // Large enough that the demo village and township hold their stories (at 2,000 households the
  // village has four and every story spills into the county); small enough for a sanitizer
  // build.
  // Under ctest the demo is made once for every test of the suite, by the demo_cli fixture
  // (tests/cli/CMakeLists.txt), which names its directory in $XJ_DEMO_CLI_DIR and keeps what the
  // command printed beside it; the tests only read it. Run alone, the suite makes its own.
  static void SetUpTestSuite() {
    demo_ = std::make_unique<CliResult>();
    if (const char* shared = std::getenv("XJ_DEMO_CLI_DIR"); shared != nullptr) {
      demo_dir_ = shared;
      demo_->exit_code = std::stoi(::xianjie::testing::ReadFile(demo_dir_ + ".code"));
      demo_->out = ::xianjie::testing::ReadFile(demo_dir_ + ".out");
      demo_->err = ::xianjie::testing::ReadFile(demo_dir_ + ".err");
      return;
    }
    dir_ = std::make_unique<TempDir>();
    demo_dir_ = *dir_ / "demo";
    *demo_ = RunCli({"demo", "--dir", demo_dir_, "--households", "8000"});
  }
  static void TearDownTestSuite() {
    demo_.reset();
    dir_.reset();
  }

  static std::string Db() { return demo_dir_ + "/xianjie.db"; }
  static std::map<std::string, DemoUser> Users() { return ReadUsers(demo_dir_ + "/users.txt"); }

  // The JSON array a `xianjie case ...` command prints.
  static json CaseJson(const std::vector<std::string>& args) {
    CliResult r = RunCli(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    json out = json::parse(r.out, nullptr, /*allow_exceptions=*/false);
    EXPECT_TRUE(out.is_array()) << r.out;
    return out.is_array() ? out : json::array();
  }

  // Every case of the demo county, closed ones included.
  static json CountyCases() {
    return CaseJson(
        {"case", "list", "--db", Db(), "--all", "--region", Users().at("county").scope, "--json"});
  }

  static std::unique_ptr<TempDir> dir_;  // when the suite makes its own demo
  static std::string demo_dir_;
  static std::unique_ptr<CliResult> demo_;
};

std::unique_ptr<TempDir> DemoCliTest::dir_;
std::string DemoCliTest::demo_dir_;
std::unique_ptr<CliResult> DemoCliTest::demo_;

// Too small a demo is refused before anything is written, saying the least it takes.
TEST(DemoCliOptionsTest, FewerThan2000HouseholdsAreRefused) {
  TempDir dir;
  CliResult r = RunCli({"demo", "--dir", dir / "demo", "--households", "1999"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("not in range 2000 to 10000000")) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "demo")) << "nothing is written";
}

TEST_F(DemoCliTest, CreatesAScreenedRegistryAndOneWorkingUserPerRole) {
  ASSERT_EQ(demo_->exit_code, 0) << demo_->err;
  EXPECT_THAT(demo_->out, HasSubstr("5/7 creating one demo user per role"));

  const std::string users_file = demo_dir_ + "/users.txt";
  EXPECT_EQ(std::filesystem::status(users_file).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  std::map<std::string, DemoUser> users = Users();
  ASSERT_EQ(users.size(), 8u);
  const std::string village = users.at("village").scope;
  ASSERT_EQ(village.size(), 12u);
  EXPECT_EQ(users.at("township").scope, village.substr(0, 9));
  EXPECT_EQ(users.at("county").scope, village.substr(0, 6));
  EXPECT_EQ(users.at("prefecture").scope, village.substr(0, 4));
  EXPECT_EQ(users.at("province").scope, "63");

  auto db = store::OpenStore(Db(), store::OpenMode::kExisting);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  ASSERT_TRUE((*db)->LatestRun("63", "", 2024).value().has_value());
  access::Accounts accounts(**db, **db);
  for (const auto& [name, u] : users) {
    EXPECT_THAT(demo_->out, HasSubstr(u.password)) << name;  // printed at start
    auto login = accounts.Login(name, u.password, "127.0.0.1", "test");
    ASSERT_TRUE(login.ok()) << name << ": " << login.status().ToString();
    EXPECT_EQ(access::RoleName(login->principal.role), u.role);
    EXPECT_EQ(login->principal.scope, u.scope);
  }
}

TEST_F(DemoCliTest, TheDemoCountyHasCasesInEveryState) {
  ASSERT_EQ(demo_->exit_code, 0) << demo_->err;
  EXPECT_THAT(demo_->out, HasSubstr("6/7 staging the case workflow"));
  std::map<std::string, int> by_state;
  for (const json& c : CountyCases()) ++by_state[c["state"].get<std::string>()];
  for (cases::CaseState state : cases::kAllStates) {
    EXPECT_GT(by_state[std::string(cases::StateCode(state))], 0) << cases::StateCode(state);
  }
  EXPECT_GE(by_state["monitored"], 3);
}

TEST_F(DemoCliTest, EveryDepartmentUploadedAndItsWarningsAreLeads) {
  ASSERT_EQ(demo_->exit_code, 0) << demo_->err;
  EXPECT_THAT(demo_->out, HasSubstr("7/7 uploading the departments' files"));
  CliResult sources = RunCli({"source", "list", "--db", Db()});
  ASSERT_EQ(sources.exit_code, 0) << sources.err;
  EXPECT_THAT(sources.out, Not(HasSubstr("never uploaded")));
  auto db = store::OpenStore(Db(), store::OpenMode::kExisting);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  auto uploads = (*db)->ListUploads({});
  ASSERT_TRUE(uploads.ok());
  // One file per source, and the demo village's own medical insurance file (step 6).
  EXPECT_EQ(uploads->size(), 15u);
  int64_t accepted = 0;  // a small demo has few rows of the rarer sources, maybe none
  for (const exchange::UploadRecord& u : *uploads) {
    EXPECT_EQ(u.read, u.accepted + u.quarantined + u.unmatched) << u.source;
    accepted += u.accepted;
  }
  EXPECT_GT(accepted, 1000);
  auto warnings = (*db)->Warnings(0);
  ASSERT_TRUE(warnings.ok());
  ASSERT_FALSE(warnings->empty());
  for (size_t i = 0; i < warnings->size(); i += 50) {  // a sample: each has its lead
    const exchange::DeptWarning& w = (*warnings)[i];
    auto leads = (*db)->LeadsOf(w.household_id);
    ASSERT_TRUE(leads.ok());
    const std::string source = "dept:" + w.source + ":" + w.period;
    EXPECT_TRUE(std::any_of(leads->begin(), leads->end(),
                            [&](const cases::Lead& l) { return l.source == source; }))
        << w.household_id << " " << source;
  }
}

TEST_F(DemoCliTest, TheVillageAndTownshipUsersHaveWorkToDo) {
  ASSERT_EQ(demo_->exit_code, 0) << demo_->err;
  for (const char* user : {"village", "township"}) {
    const json worklist =
        CaseJson({"case", "list", "--db", Db(), "--as", user, "--worklist", "--json"});
    EXPECT_FALSE(worklist.empty()) << user;
  }
  // The staging starts in the cadre's own village: cases there did not all come from the run.
  std::set<std::string> channels;
  for (const json& c : CaseJson({"case", "list", "--db", Db(), "--all", "--region",
                                 Users().at("village").scope, "--json"})) {
    channels.insert(c["channel"].get<std::string>());
  }
  EXPECT_EQ(channels.count("department_warning"), 1u);
  EXPECT_GE(channels.size(), 2u) << json(channels).dump();
}

TEST_F(DemoCliTest, TheVillageWorklistHasADepartmentLeadAndAFinding) {
  ASSERT_EQ(demo_->exit_code, 0) << demo_->err;
  EXPECT_THAT(demo_->out, HasSubstr("the demo village's medical insurance file"));
  EXPECT_THAT(demo_->out, HasSubstr("1 warning, 1 lead (1 new case, 0 joined an open one); the "
                                    "checks opened 1 finding"));
  const std::string village = Users().at("village").scope;
  bool from_department = false;
  for (const json& c :
       CaseJson({"case", "list", "--db", Db(), "--as", "village", "--worklist", "--json"})) {
    from_department |= c["channel"] == "department_warning" && c["state"] == "lead";
  }
  EXPECT_TRUE(from_department) << "no new case from a department warning in the worklist";
  CliResult findings = RunCli({"finding", "list", "--db", Db(), "--region", village, "--state",
                               "open", "--check", "Q05", "--json"});
  ASSERT_EQ(findings.exit_code, 0) << findings.err;
  const json list = json::parse(findings.out);
  ASSERT_EQ(list["total"], 1) << findings.out;
  EXPECT_EQ(list["items"][0]["source"], "medical_insurance");
}

TEST_F(DemoCliTest, CasesCarryWhatTheirStateImplies) {
  ASSERT_EQ(demo_->exit_code, 0) << demo_->err;
  auto db = store::OpenStore(Db(), store::OpenMode::kExisting);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  std::set<std::string> channels;
  int paused_objections = 0, overdue = 0, escalated = 0, open_eliminations = 0;
  for (const json& c : CountyCases()) {
    const std::string state = c["state"];
    const std::string household = c["household_id"];
    channels.insert(c["channel"].get<std::string>());
    if (state == "rejected" || state == "dismissed") {
      EXPECT_FALSE(c["reason"].get<std::string>().empty()) << c.dump();
    }
    if (state == "monitored") {
      auto measures = (*db)->MeasuresOf(household);
      ASSERT_TRUE(measures.ok());
      EXPECT_FALSE(measures->empty()) << "monitored without a measure: " << household;
    }
    if (state == "eliminated") {
      EXPECT_EQ(c["method"], "by_assistance");
      auto episodes = (*db)->EpisodesOf(household);
      ASSERT_TRUE(episodes.ok());
      ASSERT_EQ(episodes->size(), 1u);
      EXPECT_TRUE(episodes->front().eliminated_on.has_value());
      EXPECT_EQ(episodes->front().elimination_case, c["id"].get<int64_t>());
    }
    if (c["kind"] == "elimination" && !c["due"].is_null()) ++open_eliminations;
    if (c["due"].is_null()) continue;
    if (state == "public_notice" && c["open_objections"].get<int>() > 0) {
      EXPECT_TRUE(c["due"]["paused"].get<bool>()) << c.dump();
      ++paused_objections;
    }
    if (c["due"]["overdue_days"].get<int>() > 0) {
      ++overdue;
      auto events = (*db)->CaseEvents(c["id"].get<int64_t>());
      ASSERT_TRUE(events.ok());
      for (const cases::EventRecord& e : *events) {
        if (e.event == cases::EventType::kEscalate) {
          ++escalated;
          break;
        }
      }
    }
  }
  EXPECT_GE(paused_objections, 1);
  EXPECT_GE(overdue, 3);
  EXPECT_EQ(escalated, overdue) << "the sweep escalates every overdue case";
  EXPECT_GE(open_eliminations, 1);
  EXPECT_EQ(channels,
            (std::set<std::string>{"cadre_visit", "department_warning", "self_application"}));
}

// Issue 7: every monitoring object of the demo county has an assistance plan with measures
// from the catalogue, a responsible person and follow-up visits; the plans are in every state.
TEST_F(DemoCliTest, EveryMonitoringObjectHasAPlanAPersonAndVisits) {
  ASSERT_EQ(demo_->exit_code, 0) << demo_->err;
  EXPECT_THAT(demo_->out, HasSubstr("assistance plans of the province:"));
  auto db = store::OpenStore(Db(), store::OpenMode::kExisting);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  const std::string county = Users().at("county").scope;
  auto episodes = (*db)->ListEpisodes(county, /*open_only=*/false);
  ASSERT_TRUE(episodes.ok()) << episodes.status().ToString();
  std::map<assist::PlanState, int> states;
  int visit_leads = 0;
  for (const cases::Episode& e : *episodes) {
    SCOPED_TRACE(e.household_id);
    auto plan = (*db)->PlanOfEpisode(e.id);
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    ASSERT_TRUE(plan->has_value()) << "a monitoring object without a plan";
    ++states[(*plan)->state];
    EXPECT_EQ((*plan)->state == assist::PlanState::kClosed, e.eliminated_on.has_value());
    auto measures = (*db)->MeasuresOf(e.household_id);
    ASSERT_TRUE(measures.ok());
    int in_plan = 0;
    for (const cases::Measure& m : *measures) {
      if (m.plan_id != (*plan)->id) continue;
      ++in_plan;
      EXPECT_FALSE(m.item_code.empty()) << m.item << ": not from the catalogue";
    }
    EXPECT_GE(in_plan, 1);
    if (e.eliminated_on) continue;
    auto persons = (*db)->ResponsibleOf(e.household_id);
    ASSERT_TRUE(persons.ok());
    ASSERT_EQ(persons->size(), 1u);
    EXPECT_FALSE(persons->front().name.empty());
    EXPECT_THAT(persons->front().phone, ::testing::MatchesRegex("1[3-9][0-9]{9}"));
    auto visits = (*db)->VisitsOf(e.household_id);
    ASSERT_TRUE(visits.ok());
    EXPECT_FALSE(visits->empty());
    for (const assist::Visit& v : *visits) {
      EXPECT_EQ(v.visitor, persons->front().name);
      if (v.lead_id != 0) ++visit_leads;
    }
  }
  EXPECT_GE(states[assist::PlanState::kActive], 3);
  EXPECT_GE(states[assist::PlanState::kComplete], 1);
  EXPECT_GE(states[assist::PlanState::kDraft], 1);
  EXPECT_LE(states[assist::PlanState::kDraft], 2);
  EXPECT_GE(states[assist::PlanState::kClosed], 1) << "the eliminated household's plan";
  EXPECT_EQ(visit_leads, 1);

  const json plans = CaseJson({"plan", "list", "--db", Db(), "--as", "county", "--json"});
  EXPECT_GE(plans.size(), static_cast<size_t>(states[assist::PlanState::kActive]));
}

// Issue 7: the village's worklist shows an open C01 finding (a household able to work on the
// minimum allowance alone); the county justified another one, whose plan could be completed.
TEST_F(DemoCliTest, ACoordinationFindingIsOpenAndOneJustified) {
  ASSERT_EQ(demo_->exit_code, 0) << demo_->err;
  auto list = [&](const std::string& region, const std::string& state) {
    CliResult r = RunCli({"finding", "list", "--db", Db(), "--region", region, "--state", state,
                          "--check", "C01", "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out, nullptr, /*allow_exceptions=*/false);
  };
  // The story's households come from the village first, then its township: in this small demo
  // the open one may lie outside the village, so the county's worklist is read.
  const json open = list(Users().at("county").scope, "open");
  ASSERT_EQ(open["total"], 1) << open.dump();
  const json justified = list(Users().at("county").scope, "justified");
  ASSERT_EQ(justified["total"], 1) << justified.dump();
  auto db = store::OpenStore(Db(), store::OpenMode::kExisting);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  assist::PlanFilter filter;
  filter.household_id = justified["items"][0]["household_id"].get<std::string>();
  auto plans = (*db)->ListPlans(filter);
  ASSERT_TRUE(plans.ok());
  ASSERT_EQ(plans->size(), 1u);
  EXPECT_EQ(plans->front().state, assist::PlanState::kComplete);
}

// Issue 7: the demo county's verification sample has results, so omission, wrong inclusion
// and approval are assessed with intervals, and most of the county's scorecard is assessed.
TEST_F(DemoCliTest, TheCountyScorecardIsAssessedWithTheSample) {
  ASSERT_EQ(demo_->exit_code, 0) << demo_->err;
  EXPECT_THAT(demo_->out, HasSubstr("verification sample"));
  const std::string county = Users().at("county").scope;
  const std::string year = std::to_string(cases::ChinaDateOf(UtcNowIso8601()).year());
  CliResult estimates =
      RunCli({"sample", "estimates", "--db", Db(), "--county", county, "--year", year, "--json"});
  ASSERT_EQ(estimates.exit_code, 0) << estimates.err;
  const json e = json::parse(estimates.out);
  EXPECT_GT(e["recorded"].get<int64_t>(), 0);
  EXPECT_LT(e["recorded"].get<int64_t>(), e["households"].get<int64_t>());
  for (const char* rate : {"omission", "wrong_inclusion", "approval"}) {
    ASSERT_TRUE(e["estimates"][rate].is_object()) << rate << ": " << e.dump();
    EXPECT_LE(e["estimates"][rate]["lower"].get<double>(),
              e["estimates"][rate]["estimate"].get<double>());
  }
  EXPECT_GT(e["estimates"]["omission"]["estimate"].get<double>(), 0) << "an omission was found";
  EXPECT_GT(e["estimates"]["wrong_inclusion"]["estimate"].get<double>(), 0);

  CliResult cards = RunCli({"assessment", "scorecards", "--db", Db(), "--year", year, "--region",
                            county.substr(0, 4), "--json"});
  ASSERT_EQ(cards.exit_code, 0) << cards.err;
  const json j = json::parse(cards.out);
  const json* card = nullptr;
  for (const json& c : j["cards"]) {
    if (c["region"] == county) card = &c;
  }
  ASSERT_NE(card, nullptr) << cards.out;
  EXPECT_GE((*card)["assessed_weight"].get<int>(), 80) << card->dump();
  for (const json& k : (*card)["kpis"]) {
    if (k["kpi"] == "omission" || k["kpi"] == "approval") {
      EXPECT_TRUE(k["assessed"].get<bool>()) << k.dump();
      EXPECT_TRUE(k["estimate"].is_object()) << k.dump();
    }
  }
}

// Issue 7: the demo township's scorecard assesses the KPIs a township can have (all but the
// sample's three).
TEST_F(DemoCliTest, TheDemoTownshipScorecardIsAssessed) {
  ASSERT_EQ(demo_->exit_code, 0) << demo_->err;
  const std::string township = Users().at("township").scope;
  const std::string year = std::to_string(cases::ChinaDateOf(UtcNowIso8601()).year());
  CliResult cards = RunCli(
      {"assessment", "scorecards", "--db", Db(), "--year", year, "--region", township, "--json"});
  ASSERT_EQ(cards.exit_code, 0) << cards.err;
  const json j = json::parse(cards.out);
  ASSERT_EQ(j["cards"].size(), 1u) << cards.out;
  EXPECT_GE(j["cards"][0]["assessed_weight"].get<int>(), 60) << j["cards"][0].dump();
}

TEST_F(DemoCliTest, OneHouseholdIsEligibleForEliminationAndAnApplicationWaits) {
  ASSERT_EQ(demo_->exit_code, 0) << demo_->err;
  int eligible = 0;
  for (const json& c : CaseJson({"case", "candidates", "--db", Db(), "--as", "county", "--json"})) {
    if (c["eligible"].get<bool>()) ++eligible;
  }
  EXPECT_EQ(eligible, 1);

  auto db = store::OpenStore(Db(), store::OpenMode::kExisting);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  cases::ApplicationFilter filter;
  filter.village_prefix = Users().at("village").scope;
  filter.statuses = {cases::ApplicationStatus::kUnmatched};
  auto waiting = (*db)->ListApplications(filter);
  ASSERT_TRUE(waiting.ok()) << waiting.status().ToString();
  EXPECT_EQ(waiting->size(), 1u);
}

// Issue 7: the poverty measures of the demo registry agree with the naive computation (every
// person listed, the Gini over all pairs) over the registry exported back to files.
TEST_F(DemoCliTest, ThePovertyMeasuresAgreeWithTheNaiveComputation) {
  ASSERT_EQ(demo_->exit_code, 0) << demo_->err;
  TempDir scratch;
  const std::string out = scratch / "export";
  CliResult exported = RunCli({"export", "--db", Db(), "--out", out, "--full-ids"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  auto read = ingest::ReadSnapshotFromExchangeFiles(out + "/households.csv", out + "/members.csv",
                                                    registry::RegionTable::BuiltIn());
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  const auto households = analytics::testing::NaiveHouseholds(*read->snapshot);
  const std::string county = Users().at("county").scope;
  for (const std::string& region : {std::string(""), county}) {
    SCOPED_TRACE(region);
    std::vector<std::string> args = {"analytics", "poverty", "--db", Db(),    "--province",
                                     "63",        "--year",  "2024", "--json"};
    if (!region.empty()) args.insert(args.end(), {"--region", region});
    CliResult r = RunCli(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json j = json::parse(r.out);
    const analytics::testing::NaiveMeasures naive =
        analytics::testing::NaivePoverty(households, region, j["line_fen"].get<int64_t>());
    ASSERT_GT(naive.persons, 0);
    EXPECT_EQ(j["persons"], naive.persons);
    EXPECT_EQ(j["poor_persons"], naive.poor_persons);
    EXPECT_GT(naive.poor_persons, 0) << "the demo has people under the line";
    EXPECT_NEAR(j["p0"].get<double>(), static_cast<double>(naive.p0), 1e-12);
    EXPECT_NEAR(j["p1"].get<double>(), static_cast<double>(naive.p1), 1e-12);
    EXPECT_NEAR(j["p2"].get<double>(), static_cast<double>(naive.p2), 1e-12);
    EXPECT_NEAR(j["gini"].get<double>(), static_cast<double>(naive.gini), 1e-12);
  }
}

}  // namespace
}  // namespace xianjie::testing
