// End-to-end tests of `xianjie analytics poverty` (issue 7's interface): the JSON against a
// naive computation over the generated files that were imported, the human table, a county's
// own standard, and every refusal with what to do.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analytics/naive_poverty.h"
#include "cli/cli_runner.h"
#include "ingest/snapshot_reader.h"
#include "registry/region.h"

namespace xianjie::testing {
namespace {

using Json = nlohmann::json;

// A generated registry imported into a fresh database, and the same files read back on their
// own for the naive computation.
class Registry {
 public:
  explicit Registry(int households) {
    EXPECT_EQ(RunCli({"generate", "--households", std::to_string(households), "--seed", "11",
                      "--out", data_})
                  .exit_code,
              0);
    EXPECT_EQ(RunCli({"init", "--db", db_}).exit_code, 0);
    CliResult r = RunCli({"import", "--db", db_, "--households", data_ + "/households.csv",
                          "--members", data_ + "/members.csv"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    auto read = ingest::ReadSnapshotFromExchangeFiles(
        data_ + "/households.csv", data_ + "/members.csv", registry::RegionTable::BuiltIn());
    EXPECT_TRUE(read.ok()) << read.status().ToString();
    if (read.ok()) {
      EXPECT_EQ(read->snapshot->households(), static_cast<size_t>(households));
      naive_ = analytics::testing::NaiveHouseholds(*read->snapshot);
    }
  }

  const std::string& db() const { return db_; }
  const std::vector<analytics::testing::NaiveHousehold>& households() const { return naive_; }

  CliResult Poverty(const std::vector<std::string>& extra) const {
    std::vector<std::string> args = {"analytics", "poverty", "--db", db_};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunCli(args);
  }
  Json PovertyJson(const std::vector<std::string>& extra) const {
    std::vector<std::string> args = {"--province", "63", "--year", "2024", "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    CliResult r = Poverty(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    // Exactly one object on one line.
    EXPECT_EQ(r.out.find('\n'), r.out.size() - 1) << r.out;
    return Json::parse(r.out, nullptr, /*allow_exceptions=*/false);
  }

 private:
  TempDir dir_;
  std::string db_ = dir_ / "x.db";
  std::string data_ = dir_ / "data";
  std::vector<analytics::testing::NaiveHousehold> naive_;
};

class AnalyticsCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { registry_ = new Registry(3000); }
  static void TearDownTestSuite() {
    delete registry_;
    registry_ = nullptr;
  }
  static Registry* registry_;
};

Registry* AnalyticsCliTest::registry_ = nullptr;

TEST_F(AnalyticsCliTest, JsonAgreesWithTheNaiveComputationOfTheImportedFiles) {
  const Registry& reg = *registry_;
  ASSERT_FALSE(reg.households().empty());
  const std::string village = reg.households().front().village;
  for (const std::string& region :
       {std::string(""), village.substr(0, 4), village.substr(0, 6), village}) {
    SCOPED_TRACE(region);
    const Json j = region.empty() ? reg.PovertyJson({}) : reg.PovertyJson({"--region", region});
    ASSERT_TRUE(j.is_object());
    EXPECT_EQ(j["region"], region.empty() ? "63" : region);
    EXPECT_EQ(j["year"], 2024);
    EXPECT_EQ(j["line_fen"], 750000);  // the built-in 2024 standard: 7,500 yuan
    const analytics::testing::NaiveMeasures naive =
        analytics::testing::NaivePoverty(reg.households(), region, 750000);
    ASSERT_GT(naive.persons, 0);
    EXPECT_EQ(j["households"], naive.households);
    EXPECT_EQ(j["excluded_households"], naive.excluded);
    EXPECT_EQ(j["persons"], naive.persons);
    EXPECT_EQ(j["poor_persons"], naive.poor_persons);
    EXPECT_NEAR(j["p0"].get<double>(), static_cast<double>(naive.p0), 1e-12);
    EXPECT_NEAR(j["p1"].get<double>(), static_cast<double>(naive.p1), 1e-12);
    EXPECT_NEAR(j["p2"].get<double>(), static_cast<double>(naive.p2), 1e-12);
    EXPECT_NEAR(j["gini"].get<double>(), static_cast<double>(naive.gini), 1e-12);
    EXPECT_NEAR(j["mean_income_fen"].get<double>(), static_cast<double>(naive.mean), 0.5);
  }
}

TEST_F(AnalyticsCliTest, WithoutJsonPrintsAShortTable) {
  CliResult r = registry_->Poverty({"--province", "63", "--year", "2024"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json j = registry_->PovertyJson({});
  EXPECT_NE(r.out.find("poverty measures of 63 青海省, 2024, under 青海省2024年防止返贫监测标准"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("line                7500.00 yuan per person per year"), std::string::npos);
  char p0[64];
  std::snprintf(p0, sizeof p0, "P0 headcount        %.4f", j["p0"].get<double>());
  EXPECT_NE(r.out.find(p0), std::string::npos) << r.out;
  char gini[64];
  std::snprintf(gini, sizeof gini, "Gini                %.4f", j["gini"].get<double>());
  EXPECT_NE(r.out.find(gini), std::string::npos) << r.out;
}

TEST_F(AnalyticsCliTest, RefusalsSayWhatIsWrongAndWhatToDo) {
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"--province", "63", "--year", "2030"},
       "no monitoring standard for province 63, year 2030 (there are: 63 2021 (built-in)"},
      {{"--province", "63", "--year", "2024", "--region", "6201"},
       "--region 6201 is not in province 63: give a region whose code starts with 63"},
      {{"--province", "63", "--year", "2024", "--region", "63012"},
       "--region must be a region code of 2, 4, 6, 9 or 12 digits"},
      {{"--province", "63", "--year", "2024", "--region", "6301ab"},
       "--region must be a region code of 2, 4, 6, 9 or 12 digits"},
      {{"--province", "63", "--year", "2024", "--region", "639999"},
       "region 639999 is not in the region table of " + registry_->db() +
           "; list the regions with: xianjie regions"},
      {{"--province", "6", "--year", "2024"}, "--province must be the 2-digit province code"},
      {{"--province", "63", "--year", "1999"}, "--year must be a year such as 2024"},
  };
  for (const Case& c : cases) {
    CliResult r = registry_->Poverty(c.args);
    EXPECT_EQ(r.exit_code, 1) << c.message;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
  }
}

TEST(AnalyticsCliUsageTest, AMissingYearIsAUsageErrorAndAMissingDatabaseNamesInit) {
  TempDir dir;
  CliResult usage = RunCli({"analytics", "poverty", "--db", dir / "x.db", "--province", "63"});
  EXPECT_EQ(usage.exit_code, 2);
  EXPECT_NE(usage.err.find("--year is required"), std::string::npos) << usage.err;
  CliResult missing = RunCli(
      {"analytics", "poverty", "--db", dir / "none.db", "--province", "63", "--year", "2024"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("xianjie init"), std::string::npos) << missing.err;
}

TEST(AnalyticsCliCountyTest, ACountyWithItsOwnStandardIsMeasuredUnderItsLine) {
  Registry reg(300);
  ASSERT_FALSE(reg.households().empty());
  const std::string county = reg.households().front().village.substr(0, 6);
  std::string toml = ReadFile(std::string(XJ_SOURCE_DIR) + "/config/standards/63-2024.toml");
  const size_t province = toml.find("province = \"63\"\n");
  ASSERT_NE(province, std::string::npos);
  toml.insert(province + 16, "county = \"" + county + "\"\n");
  const size_t amount = toml.find("amount = \"7500.00\"");
  ASSERT_NE(amount, std::string::npos);
  toml.replace(amount, 18, "amount = \"9000.00\"");
  TempDir dir;
  WriteFile(dir / "county.toml", toml);
  CliResult loaded = RunCli({"standard", "load", dir / "county.toml", "--db", reg.db()});
  ASSERT_EQ(loaded.exit_code, 0) << loaded.err;

  const Json own = reg.PovertyJson({"--region", county});
  EXPECT_EQ(own["line_fen"], 900000);
  EXPECT_EQ(own["standard"]["county"], county);
  const analytics::testing::NaiveMeasures naive =
      analytics::testing::NaivePoverty(reg.households(), county, 900000);
  EXPECT_EQ(own["poor_persons"], naive.poor_persons);
  EXPECT_NEAR(own["p1"].get<double>(), static_cast<double>(naive.p1), 1e-12);
  const Json province_wide = reg.PovertyJson({});
  EXPECT_EQ(province_wide["line_fen"], 750000);
  EXPECT_EQ(province_wide["standard"]["county"], "");
}

}  // namespace
}  // namespace xianjie::testing
