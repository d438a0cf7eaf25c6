// Households through the service: search scoping, masking per role, the file and its audit
// record, history and explanation.
#include "service/households.h"

#include <gtest/gtest.h>

#include "base/id_number.h"
#include "rules/standard_toml.h"
#include "service/service_test_support.h"

namespace xianjie::service {
namespace {

using access::Role;
using testing::Audit;
using testing::kVillageA;
using testing::kVillageB;
using testing::kVillageC;
using testing::MakeWorld;
using testing::Officer;

std::vector<std::string> Ids(const Page<HouseholdSummary>& page) {
  std::vector<std::string> ids;
  for (const auto& h : page.items) ids.push_back(h.household_id);
  return ids;
}

const registry::HouseholdRecord& RecordOf(const testing::World& w, const std::string& id) {
  for (const auto& r : w.records) {
    if (r.household.household_id == id) return r;
  }
  ADD_FAILURE() << "no record " << id;
  return w.records.front();
}

TEST(SearchHouseholds, VillageOfficerSeesTheirVillage) {
  testing::World w = MakeWorld();
  HouseholdSearch search;
  search.village = kVillageA;
  auto page = SearchHouseholds(*w.ws, Officer(Role::kVillage, kVillageA), search);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->total, 4);
  EXPECT_EQ(Ids(*page), (std::vector<std::string>{"A01", "A02", "A03", "A04"}));
  EXPECT_EQ(page->items[0].village_code, kVillageA);
  EXPECT_EQ(page->items[0].village_name, "北关社区居民委员会");
}

TEST(SearchHouseholds, VillageOutsideScopeIsPermissionDenied) {
  testing::World w = MakeWorld();
  HouseholdSearch search;
  search.village = kVillageB;
  auto page = SearchHouseholds(*w.ws, Officer(Role::kVillage, kVillageA), search);
  EXPECT_EQ(page.status().code(), StatusCode::kPermissionDenied);
}

TEST(SearchHouseholds, WithoutRegionListsTheScope) {
  testing::World w = MakeWorld();
  auto page = SearchHouseholds(*w.ws, Officer(Role::kCounty, "630102"), HouseholdSearch{});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 7);  // A and B, not C
  for (const auto& h : page->items) EXPECT_EQ(h.village_code.substr(0, 6), "630102");
}

TEST(SearchHouseholds, RegionNarrowsInsideScope) {
  testing::World w = MakeWorld();
  HouseholdSearch search;
  search.region = "630121";
  auto page = SearchHouseholds(*w.ws, Officer(Role::kProvince, "63"), search);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(Ids(*page), (std::vector<std::string>{"C01", "C02"}));
}

TEST(SearchHouseholds, MalformedVillageIsInvalidArgument) {
  testing::World w = MakeWorld();
  HouseholdSearch search;
  search.village = "6301";
  auto page = SearchHouseholds(*w.ws, Officer(Role::kProvince, "63"), search);
  EXPECT_EQ(page.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(page.status().message().find("village"), std::string::npos);
}

TEST(SearchHouseholds, LimitOutOfRangeIsInvalidArgument) {
  testing::World w = MakeWorld();
  HouseholdSearch search;
  search.limit = 501;
  auto page = SearchHouseholds(*w.ws, Officer(Role::kProvince, "63"), search);
  EXPECT_EQ(page.status().code(), StatusCode::kInvalidArgument);
}

TEST(SearchHouseholds, AdminMayNotList) {
  testing::World w = MakeWorld();
  auto page = SearchHouseholds(*w.ws, Officer(Role::kAdmin, "63"), HouseholdSearch{});
  EXPECT_EQ(page.status().code(), StatusCode::kPermissionDenied);
}

TEST(SearchHouseholds, PagesInVillageThenIdOrder) {
  testing::World w = MakeWorld();
  HouseholdSearch search;
  search.offset = 3;
  search.limit = 2;
  auto page = SearchHouseholds(*w.ws, Officer(Role::kProvince, "63"), search);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 9);
  EXPECT_EQ(Ids(*page), (std::vector<std::string>{"A04", "B01"}));
}

TEST(SearchHouseholds, VillageOfficerSeesWholeIdNumbers) {
  testing::World w = MakeWorld();
  HouseholdSearch search;
  search.household_id = "A01";
  auto page = SearchHouseholds(*w.ws, Officer(Role::kVillage, kVillageA), search);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].head_id_number, RecordOf(w, "A01").members[0].id_number);
  EXPECT_EQ(page->items[0].head_name, RecordOf(w, "A01").members[0].name);
}

TEST(SearchHouseholds, CountyOfficerSeesMaskedIdNumbers) {
  testing::World w = MakeWorld();
  HouseholdSearch search;
  search.household_id = "A01";
  auto page = SearchHouseholds(*w.ws, Officer(Role::kCounty, "630102"), search);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 1u);
  const std::string& whole = RecordOf(w, "A01").members[0].id_number;
  EXPECT_EQ(page->items[0].head_id_number, whole.substr(0, 6) + "********" + whole.substr(14));
}

TEST(SearchHouseholds, FindsByMemberIdNumber) {
  testing::World w = MakeWorld();
  HouseholdSearch search;
  search.id_number = RecordOf(w, "B02").members.back().id_number;
  auto page = SearchHouseholds(*w.ws, Officer(Role::kProvince, "63"), search);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(Ids(*page), (std::vector<std::string>{"B02"}));
}

TEST(HouseholdFile, ReadIsAudited) {
  testing::World w = MakeWorld();
  const size_t before = Audit(*w.db).size();
  auto file = GetHouseholdFile(*w.ws, Officer(Role::kVillage, kVillageA, "cadre"), "A02");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  const auto entries = Audit(*w.db);
  ASSERT_EQ(entries.size(), before + 1);
  EXPECT_EQ(entries.back().user, "cadre");
  EXPECT_EQ(entries.back().action, "household.read");
  EXPECT_EQ(entries.back().subject, "A02");
}

TEST(HouseholdFile, HoldsTheCurrentRecord) {
  testing::World w = MakeWorld();
  auto file = GetHouseholdFile(*w.ws, Officer(Role::kVillage, kVillageA), "A02");
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->current.record, RecordOf(w, "A02"));
  EXPECT_EQ(file->current.version, 1);
  EXPECT_EQ(file->village_path.back(), "北关社区居民委员会");
  EXPECT_EQ(file->village_path.front(), "青海省");
}

TEST(HouseholdFile, MasksIdNumbersForCountyOfficer) {
  testing::World w = MakeWorld();
  auto file = GetHouseholdFile(*w.ws, Officer(Role::kCounty, "630102"), "A02");
  ASSERT_TRUE(file.ok());
  const auto& members = RecordOf(w, "A02").members;
  ASSERT_EQ(file->current.record.members.size(), members.size());
  for (size_t i = 0; i < members.size(); ++i) {
    EXPECT_EQ(file->current.record.members[i].id_number, MaskIdNumber(members[i].id_number));
    EXPECT_NE(file->current.record.members[i].id_number, members[i].id_number);
  }
}

TEST(HouseholdFile, UnknownIdIsNotFound) {
  testing::World w = MakeWorld();
  auto file = GetHouseholdFile(*w.ws, Officer(Role::kProvince, "63"), "Z99");
  EXPECT_EQ(file.status().code(), StatusCode::kNotFound);
}

TEST(HouseholdFile, OutsideScopeIsPermissionDeniedAndNotAudited) {
  testing::World w = MakeWorld();
  const size_t before = Audit(*w.db).size();
  auto file = GetHouseholdFile(*w.ws, Officer(Role::kVillage, kVillageA), "C01");
  EXPECT_EQ(file.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(Audit(*w.db).size(), before);
}

TEST(HouseholdFile, DepartmentClerkMayNotRead) {
  testing::World w = MakeWorld();
  auto file = GetHouseholdFile(*w.ws, Officer(Role::kDepartment, "63"), "Z99");
  EXPECT_EQ(file.status().code(), StatusCode::kPermissionDenied);  // before existence
}

TEST(HouseholdHistory, ListsVersionsWithChangesAndIsAudited) {
  testing::World w = MakeWorld();
  registry::HouseholdRecord changed = RecordOf(w, "B01");
  changed.household.wage_income = Money::FromYuan(4321);
  testing::Commit(*w.db, {changed});
  auto history = GetHouseholdHistory(*w.ws, Officer(Role::kTownship, "630102001"), "B01");
  ASSERT_TRUE(history.ok()) << history.status().ToString();
  ASSERT_EQ(history->size(), 2u);
  EXPECT_TRUE((*history)[0].changes.empty());
  ASSERT_EQ((*history)[1].changes.size(), 1u);
  EXPECT_EQ((*history)[1].changes[0].field, "wage_income");
  EXPECT_EQ((*history)[1].changes[0].after, "4321");
  EXPECT_EQ(Audit(*w.db).back().action, "household.history");
}

TEST(HouseholdExplanation, EveryRuleOfTheStandardInForceAndAudited) {
  testing::World w = MakeWorld();
  auto e = ExplainHousehold(*w.ws, Officer(Role::kVillage, kVillageA), "A01");
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->explanation.household_id, "A01");
  EXPECT_EQ(e->standard.province, "63");
  // Without a run, the newest year of a province standard.
  int newest = 0;
  for (const auto& s : rules::BuiltinStandards()) {
    if (s.province == "63") newest = std::max(newest, s.year);
  }
  EXPECT_EQ(e->standard.year, newest);
  EXPECT_EQ(e->explanation.rules.size(), e->standard.rules.size());
  EXPECT_EQ(Audit(*w.db).back().action, "household.explain");
}

}  // namespace
}  // namespace xianjie::service
