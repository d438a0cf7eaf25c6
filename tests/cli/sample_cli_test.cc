// End-to-end tests of `xianjie sample draw|show|estimates` over a generated registry: a county's
// sample drawn and stored (the same seed drawing the same households again, a second draw
// refused unless redrawn), shown and estimated as the service answers over the same database,
// the tables printed, the draw audited, and every refusal saying what is wrong and what to do.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cases/case.h"
#include "cli/cli_runner.h"
#include "service/sample.h"
#include "store/open.h"

namespace xianjie::testing {
namespace {

using Json = nlohmann::json;

constexpr char kYear[] = "2026";

// A generated registry imported into a fresh database (its villages have a household or two);
// `county` is the county with the most households (about 30).
class Registry {
 public:
  Registry() {
    EXPECT_EQ(RunCli({"generate", "--households", "300", "--seed", "7", "--out", data_})
                  .exit_code,
              0);
    EXPECT_EQ(RunCli({"init", "--db", db_}).exit_code, 0);
    CliResult r = RunCli({"import", "--db", db_, "--households", data_ + "/households.csv",
                          "--members", data_ + "/members.csv"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    auto db = store::OpenStore(db_, store::OpenMode::kExisting);
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    if (!db.ok()) return;
    std::map<std::string, int> households;  // by county
    EXPECT_TRUE((*db)->ScanCurrent([&](const registry::HouseholdVersion& v) {
                       ++households[v.record.household.village_code.ToString().substr(0, 6)];
                       return Status::Ok();
                     })
                    .ok());
    for (const auto& [county, n] : households) {
      if (county_.empty() || n > households[county_]) county_ = county;
    }
  }
  const std::string& db() const { return db_; }
  const std::string& county() const { return county_; }

 private:
  TempDir dir_;
  std::string db_ = dir_ / "x.db";
  std::string data_ = dir_ / "data";
  std::string county_;
};

class SampleCliTest : public ::testing::Test {
 protected:
  void SetUp() override { registry_ = std::make_unique<Registry>(); }
  std::vector<std::string> Args(const std::string& command,
                                const std::vector<std::string>& more = {}) {
    std::vector<std::string> args = {"sample",   command,           "--db", registry_->db(),
                                     "--county", registry_->county(), "--year", kYear};
    args.insert(args.end(), more.begin(), more.end());
    return args;
  }
  // The latest sample as the service gives it over the same database.
  Json ServiceSample() {
    auto db = store::OpenStore(registry_->db(), store::OpenMode::kExisting);
    EXPECT_TRUE(db.ok());
    service::Workspace ws(**db);
    EXPECT_TRUE(ws.Refresh().ok());
    auto file = service::LatestSample(ws, {"x", access::Role::kProvince, "63"},
                                      registry_->county(), 2026);
    EXPECT_TRUE(file.ok()) << file.status().ToString();
    return file.ok() ? Json::parse(service::SampleFileJson(*file)) : Json();
  }
  // Records a visit of each of the sample's first `n` households as a county officer: every
  // other one meets the criteria without being included, all satisfied but the first.
  void RecordVisits(int64_t draw, const Json& units, size_t n) {
    auto db = store::OpenStore(registry_->db(), store::OpenMode::kExisting);
    ASSERT_TRUE(db.ok());
    service::Workspace ws(**db);
    ASSERT_TRUE(ws.Refresh().ok());
    const access::Principal county{"recorder", access::Role::kCounty, registry_->county()};
    for (size_t i = 0; i < n && i < units.size(); ++i) {
      analytics::SampleResult r;
      r.meets_criteria = true;
      r.included = i % 2 == 1;
      r.satisfied = i != 0;
      r.visited_on = cases::ChinaDateOf(ws.Now());
      r.visitor = "第三方";
      auto item = service::RecordSampleResult(ws, county, draw,
                                              units[i]["household_id"].get<std::string>(), r);
      ASSERT_TRUE(item.ok()) << item.status().ToString();
    }
  }
  std::unique_ptr<Registry> registry_;
};

TEST_F(SampleCliTest, ADrawIsStoredAndShownAsTheServiceGivesIt) {
  CliResult r = RunCli(Args("draw", {"--villages", "3", "--households", "20", "--json"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find('\n'), r.out.size() - 1) << r.out;  // one object on one line
  const Json drawn = Json::parse(r.out);
  EXPECT_EQ(drawn["county"], registry_->county());
  EXPECT_EQ(drawn["year"], 2026);
  EXPECT_EQ(drawn["seed"], service::DefaultSampleSeed(registry_->county(), 2026));
  EXPECT_EQ(drawn["parameters"]["villages"], 3);
  EXPECT_LE(drawn["villages"].get<int>(), 3);
  EXPECT_EQ(drawn["units"].size(), drawn["households"].get<size_t>());
  EXPECT_LE(drawn["households"].get<int>(), 20);
  EXPECT_GT(drawn["households"].get<int>(), 0);
  // Shown: the service's answer over the same database.
  CliResult show = RunCli(Args("show", {"--json"}));
  ASSERT_EQ(show.exit_code, 0) << show.err;
  const Json shown = Json::parse(show.out);
  EXPECT_EQ(shown, ServiceSample());
  EXPECT_EQ(shown["units"], drawn["units"]);
  // ID numbers masked, as a province officer sees them.
  EXPECT_NE(shown["units"][0]["head_id_number"].get<std::string>().find("****"),
            std::string::npos);
  // The table.
  CliResult table = RunCli(Args("show"));
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("Sample " + std::to_string(drawn["id"].get<int64_t>()) +
                           " of county " + registry_->county()),
            std::string::npos)
      << table.out;
  EXPECT_NE(table.out.find(shown["units"][0]["household_id"].get<std::string>()),
            std::string::npos);
  EXPECT_NE(table.out.find("no visit answers what it needs yet"), std::string::npos);
  // Every draw and read of the CLI is in the audit log.
  auto db = store::OpenStore(registry_->db(), store::OpenMode::kExisting);
  ASSERT_TRUE(db.ok());
  int draws = 0, reads = 0;
  ASSERT_TRUE((*db)->ForEach([&](const access::AuditEntry& e) {
                     draws += e.action == "sample.draw";
                     reads += e.action == "sample.read";
                     return Status::Ok();
                   }).ok());
  EXPECT_EQ(draws, 1);
  EXPECT_GE(reads, 2);
}

TEST_F(SampleCliTest, TheSameSeedDrawsTheSameHouseholdsAndASecondDrawNeedsRedraw) {
  CliResult first = RunCli(Args("draw", {"--seed", "99", "--villages", "2", "--households",
                                         "10", "--json"}));
  ASSERT_EQ(first.exit_code, 0) << first.err;
  CliResult again = RunCli(Args("draw", {"--seed", "99"}));
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("ask for a redraw"), std::string::npos) << again.err;
  CliResult redrawn = RunCli(Args("draw", {"--seed", "99", "--villages", "2", "--households",
                                           "10", "--redraw"}));
  ASSERT_EQ(redrawn.exit_code, 0) << redrawn.err;
  EXPECT_NE(redrawn.out.find("seed 99"), std::string::npos) << redrawn.out;
  EXPECT_NE(redrawn.out.find("unstable_lifted"), std::string::npos) << redrawn.out;  // strata
  const Json latest = ServiceSample();
  const Json before = Json::parse(first.out);
  EXPECT_NE(latest["id"], before["id"]);
  ASSERT_EQ(latest["units"].size(), before["units"].size());
  for (size_t i = 0; i < before["units"].size(); ++i) {
    EXPECT_EQ(latest["units"][i]["household_id"], before["units"][i]["household_id"]);
  }
}

TEST_F(SampleCliTest, EstimatesFromTheRecordedVisits) {
  CliResult r = RunCli(Args("draw", {"--households", "8", "--json"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json drawn = Json::parse(r.out);
  ASSERT_EQ(drawn["units"].size(), 8u);
  RecordVisits(drawn["id"], drawn["units"], 6);
  CliResult json = RunCli(Args("estimates", {"--json"}));
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const Json cli = Json::parse(json.out);
  const Json service = ServiceSample();
  EXPECT_EQ(cli["id"], drawn["id"]);
  EXPECT_EQ(cli["recorded"], 6);
  EXPECT_EQ(cli["estimates"], service["estimates"]);
  EXPECT_EQ(cli["estimates"]["omission"]["households"], 6);
  EXPECT_EQ(cli["estimates"]["wrong_inclusion"], nullptr);  // no comparison answered
  EXPECT_FALSE(cli.contains("units"));
  CliResult table = RunCli(Args("estimates"));
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("6 households visited"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("omission"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("95% interval"), std::string::npos) << table.out;
  EXPECT_EQ(table.out.find("ID number"), std::string::npos) << table.out;  // no households
}

TEST_F(SampleCliTest, RefusalsSayWhatIsWrongAndWhatToDo) {
  struct Case {
    std::vector<std::string> args;
    int exit_code;
    std::string message;
  };
  const std::string db = registry_->db();
  const Case cases[] = {
      {{"sample", "draw", "--db", db, "--county", "6301", "--year", kYear}, 1,
       "--county must be a county code of 6 digits"},
      {{"sample", "show", "--db", db, "--county", registry_->county(), "--year", kYear}, 1,
       "has no sample for 2026"},
      {{"sample", "estimates", "--db", db, "--county", registry_->county(), "--year", "2025"}, 1,
       "has no sample for 2025"},
      {{"sample", "draw", "--db", db, "--county", registry_->county(), "--year", "2100"}, 1,
       "year must be from 2000 to"},
      {{"sample", "draw", "--db", db, "--county", registry_->county(), "--year", kYear,
        "--seed", "9007199254740992"},
       1, "seed must be a whole number from 0 to 9007199254740991"},
      {{"sample", "draw", "--db", db, "--county", registry_->county(), "--year", kYear,
        "--households", "0"},
       1, "households"},
      {{"sample", "draw", "--db", db, "--county", "639999", "--year", kYear}, 1,
       "county 639999 is not in the region table"},
      {{"sample", "show", "--db", registry_->db() + ".missing", "--county", registry_->county(),
        "--year", kYear},
       1, ""},
      {{"sample", "draw", "--db", db, "--county", registry_->county()}, 2, "--year"},
      {{"sample", "show", "--db", db, "--year", kYear}, 2, "--county"},
      {{"sample"}, 2, ""},
  };
  for (const Case& c : cases) {
    CliResult r = RunCli(c.args);
    EXPECT_EQ(r.exit_code, c.exit_code) << c.message << ": " << r.out << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
  }
}

// `record` as the draws' own subcommands: --county and --year name the latest sample (the only one
// that takes visits); the answers are yes, no or unknown.
class SampleRecordTest : public SampleCliTest {
 protected:
  void SetUp() override {
    SampleCliTest::SetUp();
    CliResult r = RunCli(Args("draw", {"--households", "8", "--json"}));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    drawn_ = Json::parse(r.out);
    ASSERT_EQ(drawn_["units"].size(), 8u);
    auto db = store::OpenStore(registry_->db(), store::OpenMode::kExisting);
    ASSERT_TRUE(db.ok());
    service::Workspace ws(**db);
    ASSERT_TRUE(ws.Refresh().ok());
    today_ = cases::ChinaDateOf(ws.Now()).ToString();
  }
  std::string Household(size_t i) const { return drawn_["units"][i]["household_id"]; }
  // `record` of `household` on `visited_on` (today when "") by a third party, with `more`.
  std::vector<std::string> Record(const std::string& household,
                                  const std::vector<std::string>& more = {},
                                  const std::string& visited_on = "",
                                  const std::string& visitor = "第三方核查组") {
    std::vector<std::string> args = {"--household", household, "--visited-on",
                                     visited_on.empty() ? today_ : visited_on, "--visitor",
                                     visitor};
    args.insert(args.end(), more.begin(), more.end());
    return Args("record", args);
  }
  Json drawn_;
  std::string today_;
};

TEST_F(SampleRecordTest, RecordsAVisitAsTheServiceShowsIt) {
  CliResult r = RunCli(Record(Household(0), {"--meets-criteria", "yes", "--included", "no",
                                             "--note", "漏评", "--json"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json unit = Json::parse(r.out);
  EXPECT_EQ(unit["household_id"], Household(0));
  EXPECT_EQ(unit["result"]["meets_criteria"], true);
  EXPECT_EQ(unit["result"]["included"], false);
  EXPECT_EQ(unit["result"]["comparison_passed"], nullptr);  // unknown: not answered
  EXPECT_EQ(unit["result"]["satisfied"], nullptr);
  EXPECT_EQ(unit["result"]["visited_on"], today_);
  EXPECT_EQ(unit["result"]["visitor"], "第三方核查组");
  EXPECT_EQ(unit["result"]["note"], "漏评");
  EXPECT_FALSE(unit["result"]["recorded_by"].get<std::string>().empty());
  // The service shows the same unit, one household visited, and an omission of 100%.
  const Json sample = ServiceSample();
  EXPECT_EQ(sample["id"], drawn_["id"]);
  EXPECT_EQ(sample["recorded"], 1);
  EXPECT_EQ(sample["units"][0], unit);
  EXPECT_EQ(sample["estimates"]["omission"]["estimate"], 1.0);
  EXPECT_EQ(sample["estimates"]["omission"]["households"], 1);
  // The visit is in the audit log with its household.
  auto db = store::OpenStore(registry_->db(), store::OpenMode::kExisting);
  ASSERT_TRUE(db.ok());
  int records = 0;
  ASSERT_TRUE((*db)->ForEach([&](const access::AuditEntry& e) {
                     records += e.action == "sample.record" && e.subject == Household(0);
                     return Status::Ok();
                   }).ok());
  EXPECT_EQ(records, 1);
}

TEST_F(SampleRecordTest, ASecondVisitOfTheHouseholdReplacesTheFirst) {
  ASSERT_EQ(RunCli(Record(Household(1), {"--meets-criteria", "yes", "--included", "no"}))
                .exit_code,
            0);
  CliResult r = RunCli(Record(Household(1), {"--meets-criteria", "yes", "--included", "yes",
                                             "--satisfied", "no"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Visit of household " + Household(1)), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("meets yes, included yes, comparison -, satisfied no"), std::string::npos)
      << r.out;
  const Json sample = ServiceSample();
  EXPECT_EQ(sample["recorded"], 1);
  EXPECT_EQ(sample["units"][1]["result"]["included"], true);
  EXPECT_EQ(sample["estimates"]["omission"]["estimate"], 0.0);
  EXPECT_EQ(sample["estimates"]["approval"]["estimate"], 0.0);
}

TEST_F(SampleRecordTest, RefusalsSayWhatIsWrongAndWhatToDo) {
  struct Case {
    std::vector<std::string> args;
    int exit_code;
    std::string message;
  };
  std::vector<std::string> no_sample = Record(Household(0));
  no_sample[7] = "2025";  // --year
  const Case cases[] = {
      {no_sample, 1, "has no sample for 2025"},
      {Record("630000000000999999"), 1,
       "household 630000000000999999 was not drawn in sample draw"},
      {Record(Household(0), {"--included", "maybe"}), 1,
       "--included must be yes, no or unknown, not 'maybe'"},
      {Record(Household(0), {"--meets-criteria", "true"}), 1,
       "--meets-criteria must be yes, no or unknown"},
      {Record(Household(0), {"--satisfied", ""}), 1, "--satisfied must be yes, no or unknown"},
      {Record(Household(0), {}, "2026-02-30"), 1, "--visited-on"},
      {Record(Household(0), {}, "2100-01-01"), 1, "is in the future"},
      {Record(Household(0), {}, "2001-01-01"), 1, "is before the sample was drawn"},
      {Record(Household(0), {}, "", "  "), 1, "--visitor must name who visited"},
      {Args("record", {"--visited-on", today_, "--visitor", "x"}), 2, "--household"},
      {Args("record", {"--household", Household(0), "--visitor", "x"}), 2, "--visited-on"},
  };
  for (const Case& c : cases) {
    CliResult r = RunCli(c.args);
    EXPECT_EQ(r.exit_code, c.exit_code) << c.message << ": " << r.out << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << c.message << ": " << r.err;
  }
  EXPECT_EQ(ServiceSample()["recorded"], 0);  // nothing was stored
}

TEST_F(SampleRecordTest, AClosedSampleTakesNoVisit) {
  {
    auto db = store::OpenStore(registry_->db(), store::OpenMode::kExisting);
    ASSERT_TRUE(db.ok());
    service::Workspace ws(**db);
    ASSERT_TRUE(ws.Refresh().ok());
    auto closed = service::CloseSample(ws, {"closer", access::Role::kProvince, "63"},
                                       drawn_["id"].get<int64_t>());
    ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  }
  CliResult r = RunCli(Record(Household(0), {"--meets-criteria", "no"}));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("was closed by closer"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace xianjie::testing
