// Screening views through the service: a run started by the service, the dashboard's counts
// against counts made here from the stored results, warnings, and what-if totals against
// rules::CompareStandards.
#include "service/screening.h"

#include <gtest/gtest.h>

#include "rules/compile.h"
#include "rules/compiled_standard.h"
#include "rules/screening_run.h"
#include "rules/standard_toml.h"
#include "rules/whatif.h"
#include "service/households.h"
#include "service/service_test_support.h"
#include "service/standards.h"

namespace xianjie::service {
namespace {

using access::Role;
using testing::MakeWorld;
using testing::Officer;

int NewestYear() {
  int year = 0;
  for (const auto& s : rules::BuiltinStandards()) {
    if (s.province == "63" && s.county.empty()) year = std::max(year, s.year);
  }
  return year;
}

std::vector<std::string> CodeIds(const std::string& joined) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < joined.size()) {
    size_t semi = joined.find(';', start);
    if (semi == std::string::npos) semi = joined.size();
    out.push_back(joined.substr(start, semi - start));
    start = semi + 1;
  }
  return out;
}

std::string VillageOf(const testing::World& w, const std::string& id) {
  for (const auto& r : w.records) {
    if (r.household.household_id == id) return r.household.village_code.ToString();
  }
  return "";
}

TEST(StartRun, StoresARunOverTheProvince) {
  testing::World w = MakeWorld();
  auto run = StartRun(*w.ws, Officer(Role::kProvince, "63"), "63", "", NewestYear());
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_GT(run->run_id, 0);
  EXPECT_EQ(run->evaluated, static_cast<int64_t>(w.records.size()));
  EXPECT_GT(run->flagged, 0);  // the poor households
  ASSERT_NE(w.ws->view()->LatestFor("63"), nullptr);
  EXPECT_EQ(w.ws->view()->LatestFor("63")->run.run_id, run->run_id);
}

TEST(StartRun, CountyOfficerMayNotScreenTheProvince) {
  testing::World w = MakeWorld();
  auto run = StartRun(*w.ws, Officer(Role::kCounty, "630102"), "63", "", NewestYear());
  EXPECT_EQ(run.status().code(), StatusCode::kPermissionDenied);
}

TEST(Dashboard, CountsEqualTheStoredResultsOfTheRegion) {
  testing::World w = MakeWorld();
  auto run = StartRun(*w.ws, Officer(Role::kProvince, "63"), "63", "", NewestYear());
  ASSERT_TRUE(run.ok());
  auto results = w.db->RunResults(run->run_id);
  ASSERT_TRUE(results.ok());
  int64_t flagged = 0, fresh = 0, households = 0, members = 0, screened = 0;
  std::map<std::string, int64_t> by_rule;
  for (const auto& r : *results) {
    if (VillageOf(w, r.household_id).rfind("630102", 0) != 0) continue;
    ++flagged;
    fresh += r.new_warning ? 1 : 0;
    for (const auto& id : CodeIds(r.rules)) ++by_rule[id];
  }
  for (const auto& r : w.records) {
    if (r.household.village_code.ToString().rfind("630102", 0) != 0) continue;
    ++households;
    members += static_cast<int64_t>(r.members.size());
    screened += registry::CountedMembers(r) > 0 ? 1 : 0;
  }
  auto d = GetDashboard(*w.ws, Officer(Role::kCounty, "630102"), "630102");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->households, households);
  EXPECT_EQ(d->members, members);
  EXPECT_EQ(d->screened, screened);
  EXPECT_EQ(d->flagged, flagged);
  EXPECT_EQ(d->new_warnings, fresh);
  ASSERT_TRUE(d->run.has_value());
  EXPECT_EQ(d->run->run_id, run->run_id);
  for (const auto& rule : d->by_rule) EXPECT_EQ(rule.count, by_rule[rule.rule_id]) << rule.rule_id;
  // The townships of the county; 630102001 holds both villages.
  for (const auto& area : d->by_area) {
    EXPECT_EQ(area.flagged, area.code == "630102001" ? flagged : 0) << area.code;
  }
  ASSERT_EQ(d->trend.size(), 1u);
  EXPECT_EQ(d->trend[0].flagged, flagged);
}

// A run stored by the CLI (`xianjie screen`, `xianjie demo`) goes through rules::RunScreening
// without the service: its standard must still be readable, for the rules' labels.
TEST(Dashboard, RuleLabelsOfARunStoredOutsideTheService) {
  testing::World w = MakeWorld();
  const rules::Standard* standard = rules::FindBuiltinStandard("63", "", NewestYear());
  ASSERT_NE(standard, nullptr);
  auto compiled = rules::Compile(*standard);
  ASSERT_TRUE(compiled.ok());
  ASSERT_TRUE(w.ws->Refresh().ok());
  auto run = rules::RunScreening(*w.db, *w.db, w.ws->view()->snapshot(), w.ws->view()->batch,
                                 **compiled, rules::ScreeningRequest{});
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  ASSERT_TRUE(w.ws->Refresh().ok());
  auto d = GetDashboard(*w.ws, Officer(Role::kProvince, "63"), "63");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  ASSERT_EQ(d->by_rule.size(), standard->rules.size());
  for (size_t i = 0; i < standard->rules.size(); ++i) {
    EXPECT_EQ(d->by_rule[i].label_zh, standard->rules[i].label_zh);
    EXPECT_EQ(d->by_rule[i].label_en, standard->rules[i].label_en);
  }
}

// Dashboards are cached per view: a new run (a new view) must show, not the cached one.
TEST(Dashboard, FollowsANewRun) {
  testing::World w = MakeWorld();
  const access::Principal province = Officer(Role::kProvince, "63");
  auto first = StartRun(*w.ws, province, "63", "", NewestYear());
  ASSERT_TRUE(first.ok());
  auto before = GetDashboard(*w.ws, province, "63");
  ASSERT_TRUE(before.ok());
  ASSERT_EQ(before->run->run_id, first->run_id);
  ASSERT_TRUE(w.ws->Refresh().ok());  // nothing changed: the same view, the cached dashboard
  EXPECT_EQ(GetDashboard(*w.ws, province, "63")->run->run_id, first->run_id);
  auto second = StartRun(*w.ws, province, "63", "", NewestYear());
  ASSERT_TRUE(second.ok());
  auto after = GetDashboard(*w.ws, province, "63");
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->run->run_id, second->run_id);
  EXPECT_EQ(after->trend.size(), 2u);
}

// Warming makes each province's dashboard on the current view, the one a reader then gets.
TEST(Dashboard, WarmingRemembersEachProvinceDashboard) {
  testing::World w = MakeWorld();
  const access::Principal province = Officer(Role::kProvince, "63");
  EXPECT_TRUE(WarmDashboards(*w.ws).ok());  // no run yet: nothing to make
  ASSERT_TRUE(StartRun(*w.ws, province, "63", "", NewestYear()).ok());
  const auto view = w.ws->view();
  EXPECT_EQ(view->Recall<Dashboard>("dashboard:63"), nullptr);
  ASSERT_TRUE(WarmDashboards(*w.ws).ok());
  auto warmed = view->Recall<Dashboard>("dashboard:63");
  ASSERT_NE(warmed, nullptr);
  auto read = GetDashboard(*w.ws, province, "");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->flagged, warmed->flagged);
  EXPECT_EQ(read->run->run_id, warmed->run->run_id);
  EXPECT_EQ(read->trend.size(), 1u);
}

TEST(Dashboard, RegionOutsideScopeIsPermissionDenied) {
  testing::World w = MakeWorld();
  auto d = GetDashboard(*w.ws, Officer(Role::kCounty, "630102"), "630121");
  EXPECT_EQ(d.status().code(), StatusCode::kPermissionDenied);
}

TEST(Warnings, ListTheFlaggedHouseholdsOfTheScope) {
  testing::World w = MakeWorld();
  auto run = StartRun(*w.ws, Officer(Role::kProvince, "63"), "63", "", NewestYear());
  ASSERT_TRUE(run.ok());
  auto results = w.db->RunResults(run->run_id);
  ASSERT_TRUE(results.ok());
  std::vector<std::string> expected;
  for (const auto& r : *results) {
    if (VillageOf(w, r.household_id) == testing::kVillageA) expected.push_back(r.household_id);
  }
  WarningFilter filter;
  auto list = ListWarnings(*w.ws, Officer(Role::kVillage, testing::kVillageA), filter);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  std::vector<std::string> got;
  for (const auto& item : list->page.items) got.push_back(item.household_id);
  EXPECT_EQ(got, expected);
  EXPECT_EQ(list->page.total, static_cast<int64_t>(expected.size()));
}

// Pages with and without filters (two code paths) give the same households as one long list.
TEST(Warnings, PagesOfOneAndTheNewOnlyFilterAgreeWithTheWholeList) {
  testing::World w = MakeWorld();
  ASSERT_TRUE(StartRun(*w.ws, Officer(Role::kProvince, "63"), "63", "", NewestYear()).ok());
  const access::Principal county = Officer(Role::kCounty, "630102");
  WarningFilter all;
  all.limit = 500;
  auto whole = ListWarnings(*w.ws, county, all);
  ASSERT_TRUE(whole.ok());
  ASSERT_GE(whole->page.items.size(), 2u);
  for (bool new_only : {false, true}) {  // the first run: every warning is new
    std::vector<std::string> paged;
    int64_t total = -1;
    for (int64_t offset = 0; offset <= whole->page.total; ++offset) {
      WarningFilter one;
      one.new_only = new_only;
      one.offset = offset;
      one.limit = 1;
      auto page = ListWarnings(*w.ws, county, one);
      ASSERT_TRUE(page.ok());
      total = page->page.total;
      for (const auto& item : page->page.items) paged.push_back(item.household_id);
    }
    EXPECT_EQ(total, whole->page.total) << new_only;
    std::vector<std::string> expected;
    for (const auto& item : whole->page.items) expected.push_back(item.household_id);
    EXPECT_EQ(paged, expected) << new_only;
  }
}

TEST(Regions, ChildrenWithHouseholdCounts) {
  testing::World w = MakeWorld();
  auto regions = Regions(*w.ws, Officer(Role::kCounty, "630102"), "630102001");
  ASSERT_TRUE(regions.ok()) << regions.status().ToString();
  int64_t a = -1, b = -1;
  for (const auto& r : *regions) {
    if (r.code == testing::kVillageA) a = r.households;
    if (r.code == testing::kVillageB) b = r.households;
  }
  EXPECT_EQ(a, 4);
  EXPECT_EQ(b, 3);
}

TEST(WhatIf, TotalsEqualCompareStandards) {
  testing::World w = MakeWorld();
  const rules::Standard* in_force = rules::FindBuiltinStandard("63", "", NewestYear());
  ASSERT_NE(in_force, nullptr);
  rules::Standard draft = *in_force;
  draft.line_definition = rules::LineDefinition{};
  draft.line_definition.amount = Money::FromYuan(30000);
  draft.line = Money::FromYuan(30000);
  const std::string toml = rules::FormatStandardToml(draft);
  auto result = WhatIf(*w.ws, Officer(Role::kProvince, "63"), toml, "");
  ASSERT_TRUE(result.ok()) << result.status().ToString();

  registry::SnapshotBuilder builder;
  for (const auto& r : w.records) ASSERT_TRUE(builder.Add(r).ok());
  auto snapshot = builder.Finish();
  auto a = rules::Compile(*in_force);
  auto parsed = rules::ParseStandardToml(toml, "test");
  ASSERT_TRUE(a.ok() && parsed.ok());
  auto b = rules::Compile(*parsed);
  ASSERT_TRUE(b.ok());
  const rules::WhatIfReport expected = rules::CompareStandards(*snapshot, **a, **b);
  EXPECT_EQ(result->report.total.flagged_a, expected.total.flagged_a);
  EXPECT_EQ(result->report.total.flagged_b, expected.total.flagged_b);
  EXPECT_EQ(result->report.total.entering, expected.total.entering);
  EXPECT_EQ(result->report.total.leaving, expected.total.leaving);
  EXPECT_GT(expected.total.entering, 0);  // a higher line brings households in
}

TEST(WhatIf, BadDraftIsInvalidArgumentWithItsLine) {
  testing::World w = MakeWorld();
  auto result = WhatIf(*w.ws, Officer(Role::kProvince, "63"), "province = \"63\"\nyear = \n", "");
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
  const Diagnostic d = DiagnosticOf(result.status(), "draft");
  EXPECT_EQ(d.line, 2);
}

TEST(WhatIf, VillageOfficerMayNot) {
  testing::World w = MakeWorld();
  auto result = WhatIf(*w.ws, Officer(Role::kVillage, testing::kVillageA), "", "");
  EXPECT_EQ(result.status().code(), StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace xianjie::service
