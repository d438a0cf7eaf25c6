// The service tests' small registry.
#include "service/service_test_support.h"

#include <gtest/gtest.h>

#include "base/id_number.h"
#include "registry/region.h"
#include "store/open.h"
#include "store/store_test_support.h"

namespace xianjie::service::testing {

registry::HouseholdRecord MakeHousehold(const std::string& id, const std::string& village,
                                        int members, bool poor, int seed) {
  registry::HouseholdRecord r = store::testing::MakeRecord(id, members, seed);
  r.household.village_code = *RegionCode::Parse(village);
  if (poor) {
    r.household.wage_income = Money::FromYuan(100);
    r.household.business_income = Money();
    r.household.property_income = Money();
    r.household.transfer_income = Money();
    r.household.production_costs = Money();
  }
  for (size_t i = 0; i < r.members.size(); ++i) {
    registry::Member& m = r.members[i];
    m.name = id + "成员" + std::to_string(i);
    // Birth date and sex as the ID number says, so that the record is valid exchange data.
    auto parsed = ParseIdNumber(m.id_number);
    EXPECT_TRUE(parsed.ok()) << m.id_number;
    if (parsed.ok()) {
      m.birth_date = parsed->birth_date();
      m.sex = parsed->male() ? registry::Sex::kMale : registry::Sex::kFemale;
    }
  }
  return r;
}

int64_t Commit(store::Database& db, const std::vector<registry::HouseholdRecord>& records) {
  std::vector<registry::HouseholdVersion> versions;
  for (const auto& r : records) {
    const std::string ids[] = {r.household.household_id};
    auto current = db.GetCurrent(ids);
    EXPECT_TRUE(current.ok());
    const int32_t next = current.ok() && !current->empty() ? current->front().version + 1 : 1;
    versions.push_back(store::testing::MakeVersion(r, next));
  }
  auto batch = store::testing::CommitBatch(db, versions);
  EXPECT_TRUE(batch.ok()) << batch.status().ToString();
  return batch.ok() ? *batch : 0;
}

World MakeWorld() {
  World w;
  auto db = store::OpenStore(":memory:", store::OpenMode::kCreate);
  EXPECT_TRUE(db.ok());
  w.db = std::move(*db);
  const auto regions = registry::RegionTable::BuiltIn().all();
  EXPECT_TRUE(w.db->ReplaceRegions(std::vector<registry::Region>(regions.begin(), regions.end()))
                  .ok());
  int seed = 1;
  auto add = [&](const std::string& prefix, const char* village, int count) {
    for (int i = 1; i <= count; ++i, ++seed) {
      const std::string id = prefix + "0" + std::to_string(i);
      w.records.push_back(MakeHousehold(id, village, seed % 3 + 1, seed % 2 == 0, seed));
    }
  };
  add("A", kVillageA, 4);
  add("B", kVillageB, 3);
  add("C", kVillageC, 2);
  Commit(*w.db, w.records);
  w.ws = std::make_unique<Workspace>(*w.db);
  const Status refreshed = w.ws->Refresh();
  EXPECT_TRUE(refreshed.ok()) << refreshed.ToString();
  return w;
}

access::Principal Officer(access::Role role, const std::string& scope,
                          const std::string& username) {
  return access::Principal{username, role, scope};
}

}  // namespace xianjie::service::testing
