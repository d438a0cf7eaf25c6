// The CSV export of a household search: rows against the world's records, masking for every role
// that may export, scope, filters, paging past one index page, and the audit entry.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "access/authorize.h"
#include "base/id_number.h"
#include "registry/codes.h"
#include "registry/region.h"
#include "rules/screening.h"
#include "service/households.h"
#include "service/service_test_support.h"

namespace xianjie::service {
namespace {

using access::Role;
using testing::Audit;
using testing::kVillageA;
using testing::kVillageC;
using testing::MakeWorld;
using testing::Officer;

constexpr char kBom[] = "\xEF\xBB\xBF";
constexpr char kHeader[] =
    "household_id,village_code,village_name,name,id_number,relation,sex,birth_date,"
    "per_capita_net_income";

// The data lines of an export (no BOM, no header).
std::vector<std::string> DataLines(const std::string& csv) {
  std::vector<std::string> lines;
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

// The lines the export must hold for these records, built from the records themselves (the
// world's test data has no field that needs CSV quoting).
std::vector<std::string> ExpectedLines(const std::vector<registry::HouseholdRecord>& records,
                                       bool mask) {
  std::vector<std::string> lines;
  for (const registry::HouseholdRecord& r : records) {
    const registry::Household& h = r.household;
    const registry::Region* village = registry::RegionTable::BuiltIn().Find(h.village_code);
    EXPECT_NE(village, nullptr);
    const int counted = registry::CountedMembers(r);
    std::string per_capita;
    if (counted > 0) {
      per_capita = Money::FromFen(rules::PerCapitaFen(registry::NetIncome(h).fen(),
                                                      static_cast<uint32_t>(counted)))
                       .ToYuanCentsString();
    }
    for (const registry::Member& m : r.members) {
      lines.push_back(h.household_id + "," + h.village_code.ToString() + "," +
                      (village ? village->name : "") + "," + m.name + "," +
                      (mask ? MaskIdNumber(m.id_number) : m.id_number) + "," +
                      std::string(registry::CodeOf(m.relation)) + "," +
                      std::string(registry::CodeOf(m.sex)) + "," + m.birth_date.ToString() +
                      "," + per_capita);
    }
  }
  return lines;
}

std::vector<registry::HouseholdRecord> RecordsWithin(const testing::World& w,
                                                     const std::string& prefix) {
  std::vector<registry::HouseholdRecord> out;
  for (const auto& r : w.records) {
    if (r.household.village_code.ToString().starts_with(prefix)) out.push_back(r);
  }
  return out;
}

TEST(ExportHouseholds, StartsWithByteOrderMarkAndHeader) {
  testing::World w = MakeWorld();
  auto out = ExportHouseholds(*w.ws, Officer(Role::kCounty, "630102"), HouseholdSearch{});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->csv.substr(0, 3), kBom);
  EXPECT_EQ(out->csv.substr(3, out->csv.find('\n') - 3), kHeader);
}

TEST(ExportHouseholds, CountyOfficerGetsEveryMemberOfTheScopeMasked) {
  testing::World w = MakeWorld();
  auto out = ExportHouseholds(*w.ws, Officer(Role::kCounty, "630102"), HouseholdSearch{});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  const auto records = RecordsWithin(w, "630102");
  ASSERT_EQ(records.size(), 7u);  // villages A and B, not C
  EXPECT_EQ(DataLines(out->csv), ExpectedLines(records, /*mask=*/true));
  EXPECT_EQ(out->region, "630102");
  EXPECT_EQ(out->households, 7);
  EXPECT_EQ(out->rows, static_cast<int64_t>(DataLines(out->csv).size()));
}

TEST(ExportHouseholds, NoRoleThatMayExportGetsWholeIdNumbers) {
  testing::World w = MakeWorld();
  int exporting_roles = 0;
  for (const Role role : access::kAllRoles) {
    if (!access::RoleMay(role, access::Operation::kExport)) continue;
    ++exporting_roles;
    EXPECT_FALSE(access::SeesFullIdNumbers(role)) << access::RoleName(role);
    auto out = ExportHouseholds(*w.ws, Officer(role, "63"), HouseholdSearch{});
    ASSERT_TRUE(out.ok()) << access::RoleName(role) << ": " << out.status().ToString();
    for (const auto& r : w.records) {
      for (const auto& m : r.members) {
        EXPECT_EQ(out->csv.find(m.id_number), std::string::npos) << access::RoleName(role);
        EXPECT_NE(out->csv.find(MaskIdNumber(m.id_number)), std::string::npos);
      }
    }
  }
  EXPECT_EQ(exporting_roles, 3);  // province, prefecture, county (decision 0004)
}

TEST(ExportHouseholds, VillageAndTownshipOfficersMayNotExport) {
  testing::World w = MakeWorld();
  HouseholdSearch search;
  search.village = kVillageA;
  EXPECT_EQ(ExportHouseholds(*w.ws, Officer(Role::kVillage, kVillageA), search).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(ExportHouseholds(*w.ws, Officer(Role::kTownship, "630102001"), search)
                .status()
                .code(),
            StatusCode::kPermissionDenied);
}

TEST(ExportHouseholds, RegionOutsideScopeIsPermissionDeniedAndNotAudited) {
  testing::World w = MakeWorld();
  const size_t before = Audit(*w.db).size();
  HouseholdSearch search;
  search.region = "630121";
  auto out = ExportHouseholds(*w.ws, Officer(Role::kCounty, "630102"), search);
  EXPECT_EQ(out.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(Audit(*w.db).size(), before);
}

TEST(ExportHouseholds, MalformedRegionIsInvalidArgument) {
  testing::World w = MakeWorld();
  HouseholdSearch search;
  search.region = "63012";
  auto out = ExportHouseholds(*w.ws, Officer(Role::kProvince, "63"), search);
  EXPECT_EQ(out.status().code(), StatusCode::kInvalidArgument);
}

TEST(ExportHouseholds, WritesOneAuditEntryWithQueryAndCounts) {
  testing::World w = MakeWorld();
  const size_t before = Audit(*w.db).size();
  HouseholdSearch search;
  search.village = kVillageA;
  auto out = ExportHouseholds(*w.ws, Officer(Role::kCounty, "630102", "zhang"), search);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  const auto entries = Audit(*w.db);
  ASSERT_EQ(entries.size(), before + 1);
  const access::AuditEntry& e = entries.back();
  EXPECT_EQ(e.user, "zhang");
  EXPECT_EQ(e.action, "export");
  EXPECT_EQ(e.subject, kVillageA);
  const auto detail = nlohmann::json::parse(e.detail);
  EXPECT_EQ(detail["query"]["village"], kVillageA);
  EXPECT_EQ(detail["households"], 4);
  EXPECT_EQ(detail["rows"], ExpectedLines(RecordsWithin(w, kVillageA), true).size());
  EXPECT_EQ(detail["mask_ids"], true);
}

TEST(ExportHouseholds, AuditDetailMasksTheQueriedIdNumber) {
  testing::World w = MakeWorld();
  const std::string id = w.records.front().members.front().id_number;
  HouseholdSearch search;
  search.id_number = id;
  auto out = ExportHouseholds(*w.ws, Officer(Role::kProvince, "63"), search);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->households, 1);
  const access::AuditEntry e = Audit(*w.db).back();
  EXPECT_EQ(e.detail.find(id), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(e.detail)["query"]["id_number"], MaskIdNumber(id));
}

TEST(ExportHouseholds, HouseholdsAreThoseOfTheSameSearchInItsOrder) {
  testing::World w = MakeWorld();
  HouseholdSearch search;
  search.name = "B0";  // members are named "<household id>成员<n>"
  const access::Principal province = Officer(Role::kProvince, "63");
  auto out = ExportHouseholds(*w.ws, province, search);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  auto page = SearchHouseholds(*w.ws, province, search);
  ASSERT_TRUE(page.ok());
  std::vector<registry::HouseholdRecord> matching;
  for (const auto& item : page->items) {
    for (const auto& r : w.records) {
      if (r.household.household_id == item.household_id) matching.push_back(r);
    }
  }
  ASSERT_EQ(matching.size(), 3u);
  EXPECT_EQ(DataLines(out->csv), ExpectedLines(matching, true));
}

TEST(ExportHouseholds, ExportsEveryMatchPastOneIndexPage) {
  testing::World w = MakeWorld();
  std::vector<registry::HouseholdRecord> many;
  for (int i = 0; i < 1203; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "D%05d", i);
    many.push_back(testing::MakeHousehold(id, kVillageC, 1, false, 100 + i));
  }
  testing::Commit(*w.db, many);
  ASSERT_TRUE(w.ws->Refresh().ok());
  HouseholdSearch search;
  search.household_id = "D";
  auto out = ExportHouseholds(*w.ws, Officer(Role::kCounty, "630121"), search);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->households, 1203);
  EXPECT_EQ(DataLines(out->csv), ExpectedLines(many, true));
}

TEST(ExportHouseholds, FormulaLikeNameIsWrittenAsText) {
  testing::World w = MakeWorld();
  registry::HouseholdRecord r = testing::MakeHousehold("E01", kVillageC, 1, false, 5000);
  r.members.front().name = "=1+1";
  testing::Commit(*w.db, {r});
  ASSERT_TRUE(w.ws->Refresh().ok());
  HouseholdSearch search;
  search.household_id = "E01";
  auto out = ExportHouseholds(*w.ws, Officer(Role::kCounty, "630121"), search);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  const auto lines = DataLines(out->csv);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find(",'=1+1,"), std::string::npos) << lines[0];
}

}  // namespace
}  // namespace xianjie::service
