// Storage contract: regions, and household records that come back exactly as written, field
// by field (every enumeration value, unknown vs negative vs zero money, flags, Chinese text).
#include "base/id_number.h"
#include "registry/codes.h"
#include "store/store_contract_test.h"

namespace xianjie::store::testing {
namespace {

using registry::HouseholdRecord;
using registry::HouseholdVersion;
using registry::Member;
using registry::Region;

Region MakeRegion(const char* code, const char* name) {
  return Region{*RegionCode::Parse(code), name};
}

// Writes `r` as version 1 in a batch of its own and reads it back with GetCurrent.
HouseholdVersion RoundTrip(registry::Store& store, HouseholdRecord r) {
  registry::Canonicalize(r);
  HouseholdVersion v = MakeVersion(std::move(r), 1);
  auto batch = CommitBatch(store, {v});
  EXPECT_TRUE(batch.ok()) << batch.status().ToString();
  std::string ids[] = {v.record.household.household_id};
  auto found = store.GetCurrent(ids);
  EXPECT_TRUE(found.ok()) << found.status().ToString();
  if (!found.ok() || found->size() != 1) return {};
  EXPECT_EQ(found->front().batch_id, batch.ok() ? *batch : -1);
  EXPECT_EQ(found->front().version, 1);
  EXPECT_EQ(found->front().content_hash, v.content_hash);
  return found->front();
}

TEST_P(StoreContractTest, RegionsRoundTripInCodeOrder) {
  std::vector<Region> regions = {MakeRegion("630102001001", "北关社区居民委员会"),
                                 MakeRegion("63", "青海省"), MakeRegion("6301", "西宁市"),
                                 MakeRegion("630102", "城东区"),
                                 MakeRegion("630102001", "东关大街街道")};
  XJ_ASSERT_OK(store().ReplaceRegions(regions));
  auto loaded = store().LoadRegions();
  XJ_ASSERT_OK(loaded);
  std::vector<Region> expected = {regions[1], regions[2], regions[3], regions[4], regions[0]};
  EXPECT_EQ(*loaded, expected);
  EXPECT_EQ(Counts().regions, 5);
}

TEST_P(StoreContractTest, ReplaceRegionsReplacesTheWholeTable) {
  Region a[] = {MakeRegion("63", "青海省"), MakeRegion("6301", "西宁市")};
  Region b[] = {MakeRegion("62", "甘肃省")};
  XJ_ASSERT_OK(store().ReplaceRegions(a));
  XJ_ASSERT_OK(store().ReplaceRegions(b));
  auto loaded = store().LoadRegions();
  XJ_ASSERT_OK(loaded);
  EXPECT_EQ(*loaded, std::vector<Region>(std::begin(b), std::end(b)));
  XJ_ASSERT_OK(store().ReplaceRegions({}));
  EXPECT_TRUE(store().LoadRegions()->empty());
}

TEST_P(StoreContractTest, ReplaceRegionsRejectsADuplicateCodeAndKeepsTheOldTable) {
  Region a[] = {MakeRegion("63", "青海省")};
  Region twice[] = {MakeRegion("62", "甘肃省"), MakeRegion("62", "又一个")};
  XJ_ASSERT_OK(store().ReplaceRegions(a));
  Status status = store().ReplaceRegions(twice);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << status.ToString();
  EXPECT_NE(status.message().find("twice"), std::string::npos) << status.message();
  EXPECT_EQ(*store().LoadRegions(), std::vector<Region>(std::begin(a), std::end(a)));
}

TEST_P(StoreContractTest, ReplaceRegionsRejectsARegionWithoutCode) {
  Region none[] = {Region{RegionCode(), "无代码"}};
  EXPECT_EQ(store().ReplaceRegions(none).code(), StatusCode::kInvalidArgument);
}

TEST_P(StoreContractTest, ReplaceRegionsWhileABatchIsOpenFails) {
  auto writer = store().BeginBatch(MakeBatchInfo());
  XJ_ASSERT_OK(writer);
  Region a[] = {MakeRegion("63", "青海省")};
  EXPECT_EQ(store().ReplaceRegions(a).code(), StatusCode::kFailedPrecondition);
  writer->reset();
  XJ_EXPECT_OK(store().ReplaceRegions(a));
}

TEST_P(StoreContractTest, FullRecordRoundTripsEveryField) {
  HouseholdRecord r;
  registry::Household& h = r.household;
  h.household_id = "H630102001001-0001";
  h.village_code = *RegionCode::Parse("630102001001");
  h.status = registry::HouseholdStatus::kOrdinary;
  h.wage_income = Money::FromFen(1'234'567);
  h.business_income = Money::FromFen(890'001);
  h.property_income = Money::FromFen(12);
  h.transfer_income = Money::FromFen(kMaxMoneyFen);
  h.production_costs = Money::FromFen(333'333);
  h.prev_net_income = Money::FromFen(-98'765);
  h.rigid_medical = Money::FromFen(4'500'000);
  h.rigid_education = Money::FromFen(7);
  h.rigid_other = Money::FromFen(1);
  h.housing_safe = false;
  h.water_safe = false;
  Member head;
  head.id_number = TestIdNumberEndingInX();
  head.name = "欧阳·阿卜杜热合曼";
  head.relation = registry::Relation::kHead;
  head.sex = registry::Sex::kFemale;
  head.birth_date = CivilDate::FromYmd(1964, 2, 29);
  head.labor = registry::Labor::kWeak;
  head.health = registry::Health::kSerious;
  head.school_stage = registry::SchoolStage::kCollege;
  head.enrolled = true;
  head.med_insured = false;
  head.pension_insured = true;
  head.shares_household = false;
  Member child;
  child.id_number = TestIdNumber(4);
  child.name = "次仁卓玛";
  child.relation = registry::Relation::kChild;
  child.birth_date = CivilDate::FromYmd(2015, 12, 31);
  child.school_stage = registry::SchoolStage::kPrimary;
  child.enrolled = true;
  r.members = {child, head};
  HouseholdVersion back = RoundTrip(store(), r);
  registry::Canonicalize(r);
  EXPECT_EQ(back.record, r);
  ASSERT_EQ(back.record.members.size(), 2u);
  EXPECT_EQ(back.record.members[0].id_number.back(), 'X');
}

TEST_P(StoreContractTest, EveryEnumerationValueRoundTrips) {
  HouseholdRecord r = MakeRecord("H-enums", 0);
  r.household.status = registry::HouseholdStatus::kLifted;
  // Enough members that each value of each enumeration appears at least once.
  size_t n = std::max({registry::CodesOf(registry::Relation{}).size(),
                       registry::CodesOf(registry::Labor{}).size(),
                       registry::CodesOf(registry::Health{}).size(),
                       registry::CodesOf(registry::SchoolStage{}).size()});
  for (size_t i = 0; i < n; ++i) {
    Member& m = r.members.emplace_back();
    m.id_number = TestIdNumber(100 + static_cast<int>(i));
    m.name = "成员" + std::to_string(i);
    auto of = [i](auto e) { return static_cast<decltype(e)>(i % registry::CodesOf(e).size()); };
    m.relation = of(registry::Relation{});
    m.sex = of(registry::Sex{});
    m.labor = of(registry::Labor{});
    m.health = of(registry::Health{});
    m.school_stage = of(registry::SchoolStage{});
  }
  HouseholdVersion back = RoundTrip(store(), r);
  registry::Canonicalize(r);
  EXPECT_EQ(back.record, r);

  HouseholdRecord ordinary = MakeRecord("H-ordinary", 1);
  ordinary.household.status = registry::HouseholdStatus::kOrdinary;
  EXPECT_EQ(RoundTrip(store(), ordinary).record.household.status,
            registry::HouseholdStatus::kOrdinary);
}

TEST_P(StoreContractTest, PreviousIncomeKeepsUnknownNegativeAndZeroApart) {
  const std::optional<Money> cases[] = {std::nullopt, Money::FromFen(-1), Money::FromFen(0),
                                        Money::FromFen(-kMaxMoneyFen)};
  int n = 0;
  for (const auto& prev : cases) {
    HouseholdRecord r = MakeRecord("H-prev-" + std::to_string(n++), 1);
    r.household.prev_net_income = prev;
    EXPECT_EQ(RoundTrip(store(), r).record.household.prev_net_income, prev);
  }
}

TEST_P(StoreContractTest, FlagsRoundTripBothWays) {
  for (int bits = 0; bits < 64; bits += 21) {
    HouseholdRecord r = MakeRecord("H-flags-" + std::to_string(bits), 1);
    r.household.housing_safe = bits & 1;
    r.household.water_safe = bits & 2;
    Member& m = r.members[0];
    m.enrolled = bits & 4;
    m.med_insured = bits & 8;
    m.pension_insured = bits & 16;
    m.shares_household = bits & 32;
    EXPECT_EQ(RoundTrip(store(), r).record, r) << bits;
  }
}

TEST_P(StoreContractTest, ARecordWithoutMembersRoundTrips) {
  HouseholdRecord r = MakeRecord("H-empty", 0);
  EXPECT_EQ(RoundTrip(store(), r).record, r);
}

}  // namespace
}  // namespace xianjie::store::testing
