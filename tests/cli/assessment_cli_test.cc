// End-to-end tests of `xianjie analytics overview` and `xianjie assessment scorecards`: over a
// generated registry with monitoring episodes and measures written through the store, the JSON
// is what the service answers over the same database, the tables are printed, and every refusal
// says what is wrong and what to do.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cases/case.h"
#include "cli/cli_runner.h"
#include "service/analytics.h"
#include "service/assessment.h"
#include "store/case_builders.h"
#include "store/open.h"

namespace xianjie::testing {
namespace {

using Json = nlohmann::json;

constexpr char kYear[] = "2026";

// A generated registry imported into a fresh database, with the first 12 households made
// monitoring objects in 2026 (approved 5 to 27 days after their lead) and every other one given
// a measure.
class Registry {
 public:
  Registry() {
    EXPECT_EQ(RunCli({"generate", "--households", "400", "--seed", "5", "--out", data_})
                  .exit_code,
              0);
    EXPECT_EQ(RunCli({"init", "--db", db_}).exit_code, 0);
    CliResult r = RunCli({"import", "--db", db_, "--households", data_ + "/households.csv",
                          "--members", data_ + "/members.csv"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    auto db = store::OpenStore(db_, store::OpenMode::kExisting);
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    if (!db.ok()) return;
    std::vector<std::pair<std::string, std::string>> households;  // id, village
    EXPECT_TRUE((*db)->ScanCurrent([&](const registry::HouseholdVersion& v) {
                       if (households.size() < 12) {
                         households.emplace_back(v.record.household.household_id,
                                                 v.record.household.village_code.ToString());
                       }
                       return Status::Ok();
                     })
                    .ok());
    for (size_t i = 0; i < households.size(); ++i) {
      Monitor(**db, households[i].first, households[i].second, static_cast<int>(i));
    }
    county_ = households.empty() ? "" : households.front().second.substr(0, 6);
  }

  const std::string& db() const { return db_; }
  const std::string& county() const { return county_; }

 private:
  static void Monitor(store::Database& db, const std::string& household,
                      const std::string& village, int i) {
    cases::NewCase c = store::testing::MakeNewCase(household, "run:1", village);
    c.record.opened_on = CivilDate::FromYmd(2026, 3, 1);
    auto ids = db.OpenCases({c});
    ASSERT_TRUE(ids.ok()) << ids.status().ToString();
    auto stored = db.GetCase((*ids)[0]);
    ASSERT_TRUE(stored.ok() && stored->has_value());
    const CivilDate approved = CivilDate::FromYmd(2026, 3, 6 + 2 * i);
    cases::EventWrite w;
    w.expected_version = (*stored)->version;
    w.next = **stored;
    w.next.state = cases::CaseState::kMonitored;
    w.next.closed_at = approved.ToString() + "T02:00:00Z";
    w.next.version = w.expected_version + 1;
    w.record = store::testing::MakeEvent(cases::EventType::kCountyApprove,
                                         cases::CaseState::kCountyApproval,
                                         cases::CaseState::kMonitored, w.next.version);
    w.record.case_id = w.next.id;
    cases::Episode e = store::testing::MakeEpisode(household, village);
    e.identified_on = approved;
    w.open_episode = e;
    ASSERT_TRUE(db.AppendEvent(w).ok());
    if (i % 2 == 0) {
      cases::Measure m;
      m.household_id = household;
      m.category = cases::MeasureCategory::kEmployment;
      m.item = "务工";
      m.start = approved;
      m.status = cases::MeasureStatus::kInProgress;
      m.recorded_by = "li.si";
      m.recorded_at = w.next.closed_at;
      ASSERT_TRUE(db.PutMeasure(m).ok());
    }
  }

  TempDir dir_;
  std::string db_ = dir_ / "x.db";
  std::string data_ = dir_ / "data";
  std::string county_;
};

class AssessmentCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { registry_ = new Registry(); }
  static void TearDownTestSuite() {
    delete registry_;
    registry_ = nullptr;
  }
  // What the service answers over the same database, as the CLI reads it.
  static std::string ServiceOverview(const std::string& region) {
    auto db = store::OpenStore(registry_->db(), store::OpenMode::kExisting);
    EXPECT_TRUE(db.ok());
    service::Workspace ws(**db);
    EXPECT_TRUE(ws.Refresh().ok());
    auto o = service::AnalyticsOverview(ws, {"x", access::Role::kProvince, "63"}, region, 2026);
    EXPECT_TRUE(o.ok()) << o.status().ToString();
    return o.ok() ? service::OverviewJson(*o) : "";
  }
  static std::string ServiceScorecards(const std::string& region) {
    auto db = store::OpenStore(registry_->db(), store::OpenMode::kExisting);
    EXPECT_TRUE(db.ok());
    service::Workspace ws(**db);
    EXPECT_TRUE(ws.Refresh().ok());
    auto s = service::Scorecards(ws, {"x", access::Role::kProvince, "63"}, region, 2026);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? service::ScorecardsJson(*s) : "";
  }
  static Registry* registry_;
};

Registry* AssessmentCliTest::registry_ = nullptr;

TEST_F(AssessmentCliTest, OverviewJsonIsTheServicesAnswer) {
  CliResult r = RunCli({"analytics", "overview", "--db", registry_->db(), "--province", "63",
                        "--year", kYear, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find('\n'), r.out.size() - 1) << r.out;  // one object on one line
  const Json cli = Json::parse(r.out);
  EXPECT_EQ(cli, Json::parse(ServiceOverview("63")));
  EXPECT_EQ(cli["figures"]["objects"], 12);
  EXPECT_EQ(cli["figures"]["objects_with_measure"], 6);
  EXPECT_EQ(cli["figures"]["households"], 400);
  CliResult county = RunCli({"analytics", "overview", "--db", registry_->db(), "--province",
                             "63", "--year", kYear, "--region", registry_->county(), "--json"});
  ASSERT_EQ(county.exit_code, 0) << county.err;
  EXPECT_EQ(Json::parse(county.out), Json::parse(ServiceOverview(registry_->county())));
}

TEST_F(AssessmentCliTest, OverviewWithoutJsonPrintsTheAreas) {
  CliResult r = RunCli(
      {"analytics", "overview", "--db", registry_->db(), "--province", "63", "--year", kYear});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Overview of 63 青海省 (province), 2026"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("monitoring objects  12 households"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("6301"), std::string::npos) << r.out;  // a prefecture's row
  EXPECT_NE(r.out.find("total"), std::string::npos) << r.out;
}

TEST_F(AssessmentCliTest, ScorecardsJsonIsTheServicesAnswerAndTheTableIsPrinted) {
  CliResult r = RunCli({"assessment", "scorecards", "--db", registry_->db(), "--year", kYear,
                        "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json cli = Json::parse(r.out);
  EXPECT_EQ(cli, Json::parse(ServiceScorecards("63")));
  EXPECT_EQ(cli["unit_level"], "county");
  CliResult county = RunCli({"assessment", "scorecards", "--db", registry_->db(), "--year",
                             kYear, "--region", registry_->county()});
  ASSERT_EQ(county.exit_code, 0) << county.err;
  EXPECT_NE(county.out.find("Scorecards of the townships of " + registry_->county()),
            std::string::npos)
      << county.out;
  EXPECT_NE(county.out.find("settings built in"), std::string::npos) << county.out;
}

TEST_F(AssessmentCliTest, RefusalsSayWhatIsWrongAndWhatToDo) {
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::string db = registry_->db();
  const Case cases[] = {
      {{"analytics", "overview", "--db", db, "--province", "63", "--year", kYear, "--region",
        "64"},
       "is not in province 63"},
      {{"analytics", "overview", "--db", db, "--province", "63", "--year", kYear, "--region",
        "639999"},
       "region 639999 is not in the region table"},
      {{"analytics", "overview", "--db", db, "--province", "63", "--year", "2100"},
       "has not begun"},
      {{"assessment", "scorecards", "--db", db, "--year", kYear, "--region", "63x"},
       "region must be a region code"},
      {{"assessment", "scorecards", "--db", db, "--year", "2100"}, "has not begun"},
  };
  for (const Case& c : cases) {
    CliResult r = RunCli(c.args);
    EXPECT_EQ(r.exit_code, 1) << c.message << ": " << r.out;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
  }
  CliResult usage = RunCli({"assessment", "scorecards", "--db", db});
  EXPECT_EQ(usage.exit_code, 2);
  EXPECT_NE(usage.err.find("--year is required"), std::string::npos) << usage.err;
}

}  // namespace
}  // namespace xianjie::testing
