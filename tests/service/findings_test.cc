// Findings through the service: the worklist scoped by village prefix and masked by role,
// counts by state, resolutions (who may, notes, states, twice, unknown, audit), checks run on
// demand and after an upload; and the workspace's department facts as screening, explanations
// and what-if read them.
#include "service/findings.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/id_number.h"
#include "exchange/exchange_test_support.h"
#include "rules/standard_toml.h"
#include "service/exchange.h"
#include "service/households.h"
#include "service/screening.h"
#include "service/standards.h"

namespace xianjie::service {
namespace {

using access::Role;
using exchange::testing::Family;
using exchange::testing::MakeRegistry;
using exchange::testing::PutRows;
using exchange::testing::Registry;
using exchange::testing::Row;
using testing::kVillageA;
using testing::kVillageC;
using testing::Officer;

// H1 and H2 in village A listing one person twice (Q02), H1 with implausible wages (Q09, Q10);
// C1 in village C of another county with implausible wages too.
class FindingsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    registry::HouseholdRecord h1 = Family("H1", 1), h2 = Family("H2", 2), c1 = Family("C1", 3);
    h1.household.wage_income = Money::FromYuan(50);
    h2.members.push_back(h1.members[1]);
    h2.members.back().relation = registry::Relation::kOther;
    twice_ = h1.members[1].id_number;
    c1.household.village_code = *RegionCode::Parse(kVillageC);
    c1.household.wage_income = Money::FromYuan(60);
    records_ = {h1, h2, c1};
    reg_ = MakeRegistry(records_);
    auto report = RunWorkspaceChecks(*reg_.ws, "");
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    ASSERT_EQ(report->opened, 6);  // Q02 ×2, Q09 ×2, Q10 ×2
  }

  Result<Page<FindingItem>> List(const access::Principal& p, FindingQuery q = {}) {
    return ListFindings(*reg_.ws, p, q);
  }

  // The id of the stored finding of `check` in `household`.
  int64_t IdOf(const std::string& check, const std::string& household) {
    exchange::FindingFilter filter;
    filter.check = check;
    filter.household_id = household;
    auto list = reg_.db->ListFindings(filter);
    EXPECT_TRUE(list.ok() && list->size() == 1);
    return list.ok() && !list->empty() ? list->front().id : 0;
  }

  std::vector<access::AuditEntry> Audit(const std::string& action) {
    std::vector<access::AuditEntry> out;
    EXPECT_TRUE(reg_.db
                    ->ForEach([&](const access::AuditEntry& e) {
                      if (e.action == action) out.push_back(e);
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }

  std::vector<registry::HouseholdRecord> records_;
  Registry reg_;
  std::string twice_;
};

TEST_F(FindingsTest, AVillageOfficerSeesTheVillagesFindingsWithWholeIdNumbers) {
  auto page = List(Officer(Role::kVillage, kVillageA));
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->total, 4);  // Q02 in H1 and H2, Q09 and Q10 in H1
  ASSERT_EQ(page->items.size(), 4u);
  bool q02 = false;
  for (const FindingItem& item : page->items) {
    EXPECT_EQ(item.finding.village_code, kVillageA);
    EXPECT_EQ(item.village_name, "北关社区居民委员会");
    if (item.finding.check == "Q02") {
      q02 = true;
      EXPECT_EQ(item.finding.evidence_key, "member:" + twice_);
      EXPECT_NE(item.finding.detail.find(twice_), std::string::npos);
      EXPECT_EQ(item.title_zh, "同一身份证号登记在两户");
      EXPECT_EQ(item.title_en, "The same ID number is listed in two households");
    }
  }
  EXPECT_TRUE(q02);
}

TEST_F(FindingsTest, ACountyOfficerSeesIdNumbersMasked) {
  FindingQuery q;
  q.check = "Q02";
  auto page = List(Officer(Role::kCounty, "630102"), q);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 2u);
  for (const FindingItem& item : page->items) {
    EXPECT_EQ(item.finding.evidence_key, "member:" + MaskIdNumber(twice_));
    EXPECT_EQ(item.finding.detail.find(twice_), std::string::npos) << item.finding.detail;
    EXPECT_NE(item.finding.detail.find(MaskIdNumber(twice_)), std::string::npos);
  }
}

TEST_F(FindingsTest, TheProvinceSeesEveryVillageAndFiltersByStateAndCheck) {
  auto all = List(Officer(Role::kProvince, "63"));
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->total, 6);
  FindingQuery q;
  q.region = kVillageC;
  q.state = "open";
  q.limit = 1;
  auto c = List(Officer(Role::kAuditor, "63"), q);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->total, 2);
  ASSERT_EQ(c->items.size(), 1u);
  EXPECT_EQ(c->items[0].finding.household_id, "C1");
}

TEST_F(FindingsTest, ListingRefusesWhatIsOutsideTheRulesOfTheQuery) {
  FindingQuery other;
  other.region = kVillageC;
  EXPECT_EQ(List(Officer(Role::kVillage, kVillageA), other).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(List(Officer(Role::kDepartment, "63")).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(List(Officer(Role::kAdmin, "63")).status().code(), StatusCode::kPermissionDenied);
  FindingQuery bad_region;
  bad_region.region = "6301x";
  EXPECT_EQ(List(Officer(Role::kProvince, "63"), bad_region).status().code(),
            StatusCode::kInvalidArgument);
  FindingQuery bad_state;
  bad_state.state = "closed";
  auto refused = List(Officer(Role::kProvince, "63"), bad_state);
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.status().message(), "state must be open, corrected, confirmed or justified; got 'closed'");
  FindingQuery bad_page;
  bad_page.limit = 0;
  EXPECT_EQ(List(Officer(Role::kProvince, "63"), bad_page).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(FindingsTest, CountsByState) {
  ASSERT_TRUE(ResolveFinding(*reg_.ws, Officer(Role::kVillage, kVillageA), IdOf("Q09", "H1"),
                             "corrected", "工资已按实际更正")
                  .ok());
  auto counts = CountFindings(*reg_.ws, Officer(Role::kTownship, "630102001"), "");
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  EXPECT_EQ(counts->open, 3);
  EXPECT_EQ(counts->corrected, 1);
  EXPECT_EQ(counts->confirmed, 0);
  EXPECT_EQ(CountFindings(*reg_.ws, Officer(Role::kVillage, kVillageA), kVillageC).status().code(),
            StatusCode::kPermissionDenied);
}

TEST_F(FindingsTest, AVillageOfficerResolvesWithANoteAndTheResolutionIsAudited) {
  const int64_t id = IdOf("Q02", "H2");
  auto item = ResolveFinding(*reg_.ws, Officer(Role::kVillage, kVillageA, "cadre"), id, "confirmed",
                             "两户确实都登记了此人，已上报");
  ASSERT_TRUE(item.ok()) << item.status().ToString();
  EXPECT_EQ(item->finding.state, exchange::FindingState::kConfirmed);
  EXPECT_EQ(item->finding.resolved_by, "cadre");
  EXPECT_EQ(item->finding.resolved_at, exchange::testing::kNow);
  EXPECT_EQ(item->finding.note, "两户确实都登记了此人，已上报");
  EXPECT_EQ(item->finding.evidence_key, "member:" + twice_);  // a village officer's view
  const std::vector<access::AuditEntry> audit = Audit("finding.resolve");
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].user, "cadre");
  EXPECT_EQ(audit[0].subject, "finding:" + std::to_string(id));
  EXPECT_NE(audit[0].detail.find("\"state\":\"confirmed\""), std::string::npos);
}

TEST_F(FindingsTest, ATownshipOfficerMayResolveButNotACountyOne) {
  EXPECT_TRUE(ResolveFinding(*reg_.ws, Officer(Role::kTownship, "630102001"), IdOf("Q09", "H1"),
                             "corrected", "已核实更正")
                  .ok());
  auto county = ResolveFinding(*reg_.ws, Officer(Role::kCounty, "630102"), IdOf("Q10", "H1"),
                               "corrected", "已核实");
  EXPECT_EQ(county.status().code(), StatusCode::kPermissionDenied);
  auto other = ResolveFinding(*reg_.ws, Officer(Role::kVillage, kVillageA), IdOf("Q09", "C1"),
                              "corrected", "已核实");
  EXPECT_EQ(other.status().code(), StatusCode::kPermissionDenied);
}

TEST_F(FindingsTest, ResolvingRefusesBadStatesEmptyNotesUnknownIdsAndTwice) {
  const access::Principal cadre = Officer(Role::kVillage, kVillageA, "cadre");
  const int64_t id = IdOf("Q09", "H1");
  auto open = ResolveFinding(*reg_.ws, cadre, id, "open", "x");
  EXPECT_EQ(open.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(open.status().message(),
            "state must be corrected (the data was wrong and has been corrected) or confirmed "
            "(the suspicion is real); got 'open'");
  auto empty = ResolveFinding(*reg_.ws, cadre, id, "corrected", "  ");
  EXPECT_EQ(empty.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(empty.status().message(), "a note is required: say what was checked and what was done");
  EXPECT_EQ(ResolveFinding(*reg_.ws, cadre, id, "corrected", std::string(501, 'x')).status().code(),
            StatusCode::kInvalidArgument);
  auto unknown = ResolveFinding(*reg_.ws, cadre, 999, "corrected", "x");
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(unknown.status().message(), "no finding 999");
  ASSERT_TRUE(ResolveFinding(*reg_.ws, cadre, id, "corrected", "已更正").ok());
  auto twice = ResolveFinding(*reg_.ws, cadre, id, "confirmed", "再次");
  EXPECT_EQ(twice.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(twice.status().message(),
            "finding " + std::to_string(id) + " was resolved as corrected by cadre at " +
                exchange::testing::kNow + "; a resolved finding stays resolved");
  EXPECT_EQ(Audit("finding.resolve").size(), 1u);
}

TEST_F(FindingsTest, ChecksRunFromTheCountyUpAndAreAudited) {
  auto village = RunChecks(*reg_.ws, Officer(Role::kVillage, kVillageA), "");
  EXPECT_EQ(village.status().code(), StatusCode::kPermissionDenied);
  auto outside = RunChecks(*reg_.ws, Officer(Role::kCounty, "630102"), "630121");
  EXPECT_EQ(outside.status().code(), StatusCode::kPermissionDenied);
  auto county = RunChecks(*reg_.ws, Officer(Role::kCounty, "630102", "county"), "");
  ASSERT_TRUE(county.ok()) << county.status().ToString();
  EXPECT_EQ(county->data.households, 2);
  EXPECT_EQ(county->data.found, 4);
  EXPECT_EQ(county->data.opened, 0);  // found before
  EXPECT_EQ(county->coordination.households, 0);  // no monitoring object in the county
  const std::vector<access::AuditEntry> audit = Audit("check.run");
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].subject, "region:630102");
}

// Qinghai's shipped 2025 standard (for `county` when not empty) with one more rule, `rule_toml`.
std::string StandardWithRule(const std::string& county, const std::string& rule_toml) {
  std::string toml = rules::FindBuiltinStandard("63", "", 2025)->toml;
  if (!county.empty()) {
    const std::string province = "province = \"63\"\n";
    toml.replace(toml.find(province), province.size(), province + "county = \"" + county + "\"\n");
  }
  return toml + "\n" + rule_toml;
}

constexpr char kVehicleRule[] =
    "[[rule]]\nid = \"has_vehicle\"\nlabel_zh = \"有车辆\"\nlabel_en = \"Owns a vehicle\"\n"
    "when = \"sum(listed_member, dept.vehicle_count) > 0\"\n";

TEST(WorkspaceFactsTest, AreRebuiltWhenAnUploadIsCommitted) {
  registry::HouseholdRecord h1 = Family("H1", 1);
  Registry reg = MakeRegistry({h1});
  auto before = reg.ws->view();
  EXPECT_EQ(before->facts->members(), before->snapshot().members());
  EXPECT_EQ(before->facts_upload, 0);
  EXPECT_EQ(before->facts_as_of, exchange::testing::Today());
  const int64_t upload =
      PutRows(*reg.db, "vehicles", {Row("vehicles", h1.members[0], "H1", "2020-01-01", "{}")}, 1);
  ASSERT_TRUE(reg.ws->Refresh().ok());
  auto after = reg.ws->view();
  EXPECT_EQ(after->facts_upload, upload);
  const auto f = static_cast<size_t>(after->facts->Find("vehicle_count"));
  EXPECT_EQ(after->facts->Get(f, 0), 1);  // the head
  ASSERT_TRUE(reg.ws->Refresh().ok());
  EXPECT_EQ(reg.ws->view(), after);  // nothing new: the same view
}

TEST(WorkspaceFactsTest, AStandardNamingAFactScreensWithTheWorkspacesFacts) {
  // A0 in another county first, so that the county's households are a shifted subset.
  registry::HouseholdRecord a0 = Family("A0", 5, kVillageC), h1 = Family("H1", 1),
                            h2 = Family("H2", 2);
  Registry reg = MakeRegistry({a0, h1, h2});
  PutRows(*reg.db, "vehicles",
          {Row("vehicles", a0.members[0], "A0", "2020-01-01", "{}", kVillageC),
           Row("vehicles", h1.members[1], "H1", "2020-01-01", "{}")},
          1);
  const std::string toml = StandardWithRule(
      "630102",
      "[[rule]]\nid = \"has_vehicle\"\nlabel_zh = \"有车辆\"\nlabel_en = \"Owns a vehicle\"\n"
      "when = \"any(listed_member, dept.vehicle_count > 0)\"\n");
  auto loaded = LoadStandard(*reg.ws, Officer(Role::kProvince, "63"), toml);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  auto run = StartRun(*reg.ws, Officer(Role::kCounty, "630102"), "63", "630102", 2025);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  auto results = reg.db->RunResults(run->run_id);
  ASSERT_TRUE(results.ok());
  std::vector<std::string> with_vehicle;
  for (const rules::HouseholdResult& r : *results) {
    if (r.rules.find("has_vehicle") != std::string::npos) with_vehicle.push_back(r.household_id);
  }
  EXPECT_EQ(with_vehicle, std::vector<std::string>{"H1"});
}

TEST(WorkspaceFactsTest, AnExplanationShowsTheValueOfAFact) {
  // A0 in another county first, so that H1 is not the snapshot's first household.
  registry::HouseholdRecord a0 = Family("A0", 5, kVillageC), h1 = Family("H1", 1);
  Registry reg = MakeRegistry({a0, h1});
  PutRows(*reg.db, "vehicles",
          {Row("vehicles", h1.members[1], "H1", "2020-01-01", "{}"),
           Row("vehicles", h1.members[1], "H1", "2021-06-01", "{}")},
          1);
  ASSERT_TRUE(reg.ws->Refresh().ok());
  auto loaded =
      LoadStandard(*reg.ws, Officer(Role::kProvince, "63"), StandardWithRule("", kVehicleRule));
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  auto explained = ExplainHousehold(*reg.ws, Officer(Role::kVillage, kVillageA), "H1");
  ASSERT_TRUE(explained.ok()) << explained.status().ToString();
  EXPECT_EQ(explained->standard.content_hash, loaded->stored.content_hash);
  const rules::RuleExplanation& rule = explained->explanation.rules.back();
  EXPECT_EQ(rule.rule_id, "has_vehicle");
  EXPECT_EQ(rule.result, rules::Truth::kTrue);
  EXPECT_EQ(rule.because, "sum(listed_member, dept.vehicle_count) 2 > 0 → true");
}

TEST(WorkspaceFactsTest, AWhatIfCountsTheHouseholdsAFactFlags) {
  // A0 in another county first: the county's households are a shifted subset of the view's.
  registry::HouseholdRecord a0 = Family("A0", 5, kVillageC), h1 = Family("H1", 1),
                            h2 = Family("H2", 2);
  Registry reg = MakeRegistry({a0, h1, h2});
  PutRows(*reg.db, "vehicles",
          {Row("vehicles", a0.members[0], "A0", "2020-01-01", "{}", kVillageC),
           Row("vehicles", h2.members[1], "H2", "2020-01-01", "{}")},
          1);
  ASSERT_TRUE(reg.ws->Refresh().ok());
  auto whatif =
      WhatIf(*reg.ws, Officer(Role::kCounty, "630102"), StandardWithRule("", kVehicleRule), "");
  ASSERT_TRUE(whatif.ok()) << whatif.status().ToString();
  EXPECT_EQ(whatif->region, "630102");
  EXPECT_EQ(whatif->report.total.screened, 2);
  EXPECT_EQ(whatif->report.total.flagged_a, 0);
  EXPECT_EQ(whatif->report.total.entering, 1);
  ASSERT_EQ(whatif->report.households.size(), 1u);
  EXPECT_EQ(whatif->report.households[0].household_id, "H2");
  EXPECT_EQ(whatif->report.households[0].change, "enter");
  EXPECT_EQ(whatif->report.households[0].rules_b, "has_vehicle");
  // The province's what-if counts A0 too.
  auto province =
      WhatIf(*reg.ws, Officer(Role::kProvince, "63"), StandardWithRule("", kVehicleRule), "");
  ASSERT_TRUE(province.ok()) << province.status().ToString();
  EXPECT_EQ(province->report.total.entering, 2);
}

TEST(UploadFindingsTest, AnUploadRunsTheChecksOverTheHouseholdsItTouched) {
  registry::HouseholdRecord h1 = Family("H1", 1), h2 = Family("H2", 2);
  h1.household.wage_income = Money::FromYuan(50);  // Q09, Q10: not in the upload
  h2.household.wage_income = Money::FromYuan(40);  // Q09, Q10: in the upload
  Registry reg = MakeRegistry({h1, h2});
  DepartmentFile file;
  file.source = "vehicles";
  file.file_name = "车管.csv";
  file.content = "机动车所有人身份证号,机动车所有人,号牌号码,初次登记日期\n" +
                 h2.members[0].id_number + "," + h2.members[0].name + ",青A12345,2020-05-01\n";
  auto report = UploadDepartmentFile(*reg.ws, "clerk", "", file);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->upload.accepted, 1);
  EXPECT_EQ(report->findings, 2);
  EXPECT_NE(report->ToJson().find("\"findings\":2"), std::string::npos);
  exchange::FindingFilter all;
  auto stored = reg.db->ListFindings(all);
  ASSERT_TRUE(stored.ok());
  for (const exchange::Finding& f : *stored) EXPECT_EQ(f.household_id, "H2");
}

}  // namespace
}  // namespace xianjie::service
