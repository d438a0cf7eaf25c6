// Poverty measures through the service (service/analytics.h): the figures against the naive
// computation over the world's records, the standard whose line is used (year, latest, a
// county's own), scope and refusals, and the view's memo.
#include "service/analytics.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "analytics/naive_poverty.h"
#include "rules/standard_resolve.h"
#include "rules/standard_toml.h"
#include "service/service_test_support.h"
#include "service/standards.h"

namespace xianjie::service {
namespace {

using access::Role;
using testing::MakeWorld;
using testing::Officer;

std::vector<analytics::testing::NaiveHousehold> NaiveOf(const testing::World& w) {
  std::vector<analytics::testing::NaiveHousehold> out;
  for (const registry::HouseholdRecord& r : w.records) {
    out.push_back({r.household.village_code.ToString(), registry::NetIncome(r.household).fen(),
                   registry::CountedMembers(r)});
  }
  return out;
}

int NewestYear() {
  int year = 0;
  for (const auto& s : rules::BuiltinStandards()) {
    if (s.province == "63" && s.county.empty()) year = std::max(year, s.year);
  }
  return year;
}

void ExpectNaive(const PovertyReport& r, const testing::World& w, const std::string& region) {
  const analytics::testing::NaiveMeasures naive =
      analytics::testing::NaivePoverty(NaiveOf(w), region, r.measures.line_fen);
  ASSERT_GT(naive.persons, 0) << region;
  EXPECT_EQ(r.measures.households, naive.households);
  EXPECT_EQ(r.measures.persons, naive.persons);
  EXPECT_EQ(r.measures.poor_persons, naive.poor_persons);
  EXPECT_NEAR(r.measures.p0, static_cast<double>(naive.p0), 1e-12);
  EXPECT_NEAR(r.measures.p1, static_cast<double>(naive.p1), 1e-12);
  EXPECT_NEAR(r.measures.p2, static_cast<double>(naive.p2), 1e-12);
  EXPECT_NEAR(r.measures.gini, static_cast<double>(naive.gini), 1e-12);
}

TEST(PovertyServiceTest, TheScopeUnderTheYearsLineAgreesWithTheNaiveComputation) {
  testing::World w = MakeWorld();
  auto r = Poverty(*w.ws, Officer(Role::kProvince, "63"), "", 2024);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->region, "63");
  EXPECT_EQ(r->region_name, "青海省");
  EXPECT_EQ(r->year, 2024);
  EXPECT_EQ(r->standard_province, "63");
  EXPECT_EQ(r->standard_county, "");
  EXPECT_EQ(r->standard_name, "青海省2024年防止返贫监测标准");
  EXPECT_EQ(r->measures.line_fen, 750000);
  EXPECT_GT(r->measures.poor_persons, 0);  // the world's poor households
  ExpectNaive(*r, w, "63");
  for (const std::string region : {"6301", "630102001", testing::kVillageB, "630121"}) {
    SCOPED_TRACE(region);
    auto sub = Poverty(*w.ws, Officer(Role::kProvince, "63"), region, 2024);
    ASSERT_TRUE(sub.ok()) << sub.status().ToString();
    ExpectNaive(*sub, w, region);
  }
}

TEST(PovertyServiceTest, WithoutAYearTheLatestStandardUpToThisYearIsUsed) {
  testing::World w = MakeWorld();
  auto r = Poverty(*w.ws, Officer(Role::kCounty, "630121"), "", 0);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->region, "630121");
  EXPECT_EQ(r->year, NewestYear());  // the workspace's clock is past the newest shipped year
  auto explicit_year = Poverty(*w.ws, Officer(Role::kCounty, "630121"), "", NewestYear());
  ASSERT_TRUE(explicit_year.ok());
  EXPECT_EQ(PovertyJson(*r), PovertyJson(*explicit_year));
}

TEST(PovertyServiceTest, ACountyWithAStandardOfItsOwnIsMeasuredUnderItsLine) {
  testing::World w = MakeWorld();
  const rules::Standard* builtin = rules::FindBuiltinStandard("63", "", 2024);
  ASSERT_NE(builtin, nullptr);
  std::string toml = builtin->toml;
  const size_t province = toml.find("province = \"63\"\n");
  ASSERT_NE(province, std::string::npos);
  toml.insert(province + 16, "county = \"630121\"\n");
  const size_t amount = toml.find("amount = \"7500.00\"");
  ASSERT_NE(amount, std::string::npos);
  toml.replace(amount, 18, "amount = \"9000.00\"");
  auto loaded = LoadStandard(*w.ws, Officer(Role::kProvince, "63"), toml);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();

  auto county = Poverty(*w.ws, Officer(Role::kCounty, "630121"), "630121100001", 2024);
  ASSERT_TRUE(county.ok()) << county.status().ToString();
  EXPECT_EQ(county->standard_county, "630121");
  EXPECT_EQ(county->measures.line_fen, 900000);
  ExpectNaive(*county, w, "630121100001");
  auto province_wide = Poverty(*w.ws, Officer(Role::kProvince, "63"), "63", 2024);
  ASSERT_TRUE(province_wide.ok());
  EXPECT_EQ(province_wide->standard_county, "");
  EXPECT_EQ(province_wide->measures.line_fen, 750000);
}

TEST(PovertyServiceTest, EveryRoleReadsItsOwnScopeAndNothingOutside) {
  testing::World w = MakeWorld();
  // A scope that fits each role (access::CheckScope), and a region outside it.
  const std::map<Role, std::string> scopes = {
      {Role::kAdmin, "63"},           {Role::kProvince, "63"},
      {Role::kPrefecture, "6301"},    {Role::kCounty, "630102"},
      {Role::kTownship, "630102001"}, {Role::kVillage, testing::kVillageA},
      {Role::kDepartment, "630102"},  {Role::kAuditor, "6301"}};
  for (Role role : access::kAllRoles) {
    const std::string& scope = scopes.at(role);
    ASSERT_TRUE(access::CheckScope(role, scope).ok()) << scope;
    auto own = Poverty(*w.ws, Officer(role, scope), "", 2024);
    ASSERT_TRUE(own.ok()) << access::RoleName(role) << ": " << own.status().ToString();
    EXPECT_EQ(own->region, scope);
    const std::string outside = scope == "63" ? "62" : "6322";
    auto refused = Poverty(*w.ws, Officer(role, scope), outside, 2024);
    EXPECT_EQ(refused.status().code(), StatusCode::kPermissionDenied) << access::RoleName(role);
    EXPECT_NE(refused.status().message().find("dashboard.read region " + outside),
              std::string::npos)
        << refused.status().message();
  }
}

TEST(PovertyServiceTest, BadRegionsAndYearsAreRefusedSayingWhatToGive) {
  testing::World w = MakeWorld();
  const access::Principal province = Officer(Role::kProvince, "63");
  auto bad = Poverty(*w.ws, province, "6301a", 2024);
  ASSERT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("region must be a region code of 2, 4, 6, 9 or 12 digits"),
            std::string::npos);
  EXPECT_EQ(Poverty(*w.ws, province, "6301021", 2024).status().code(),
            StatusCode::kInvalidArgument);
  auto unknown = Poverty(*w.ws, province, "639999", 2024);
  ASSERT_EQ(unknown.status().code(), StatusCode::kNotFound);
  EXPECT_NE(unknown.status().message().find("region 639999 is not in the region table"),
            std::string::npos);
  auto year = Poverty(*w.ws, province, "", 1999);
  ASSERT_EQ(year.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(year.status().message().find("year must be a year such as 2024"), std::string::npos);
  auto no_standard = Poverty(*w.ws, province, "", 2030);
  ASSERT_EQ(no_standard.status().code(), StatusCode::kNotFound);
  EXPECT_NE(no_standard.status().message().find("63 2024 (built-in)"), std::string::npos)
      << no_standard.status().message();
}

TEST(PovertyServiceTest, TheSortedIncomesAreMadeOncePerViewAndAgainAfterAnImport) {
  testing::World w = MakeWorld();
  const auto view = w.ws->view();
  const auto first = PovertyBaseOf(*view);
  EXPECT_EQ(PovertyBaseOf(*view), first);  // remembered in the view's memo
  auto before = Poverty(*w.ws, Officer(Role::kProvince, "63"), "", 2024);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->measures.households + before->measures.excluded_households,
            static_cast<int64_t>(w.records.size()));

  testing::Commit(*w.db, {testing::MakeHousehold("Z01", testing::kVillageC, 3, true, 99)});
  ASSERT_TRUE(w.ws->Refresh().ok());
  const auto next = PovertyBaseOf(*w.ws->view());
  EXPECT_NE(next, first);
  EXPECT_EQ(next->entries().size(), first->entries().size() + 1);
  auto after = Poverty(*w.ws, Officer(Role::kProvince, "63"), "", 2024);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->measures.households, before->measures.households + 1);
  EXPECT_EQ(after->measures.poor_households, before->measures.poor_households + 1);
}

TEST(PovertyServiceTest, TheJsonHasTheInterfaceFieldsAsFractions) {
  testing::World w = MakeWorld();
  auto r = Poverty(*w.ws, Officer(Role::kProvince, "63"), "630102", 2024);
  ASSERT_TRUE(r.ok());
  const nlohmann::json j = nlohmann::json::parse(PovertyJson(*r));
  for (const char* key : {"region", "region_name", "year", "standard", "line_fen", "households",
                          "excluded_households", "persons", "poor_persons", "poor_households", "p0",
                          "p1", "p2", "gini", "mean_income_fen", "total_gap_fen"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j["persons"], r->measures.persons);
  EXPECT_EQ(j["p0"].get<double>(), r->measures.p0);
  EXPECT_EQ(j["gini"].get<double>(), r->measures.gini);
  EXPECT_LE(j["p0"].get<double>(), 1.0);
  EXPECT_EQ(j["standard"]["name"], "青海省2024年防止返贫监测标准");
}

}  // namespace
}  // namespace xianjie::service
