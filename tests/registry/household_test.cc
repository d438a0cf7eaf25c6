// Canonical order, content hash, derived income, exchange-format field text and version diffs
// of household records.
#include "registry/household.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "base/id_number.h"
#include "registry/history.h"

namespace xianjie::registry {
namespace {

Member M(int seq, Relation rel, const char* name) {
  Member m;
  m.id_number = MakeIdNumber("630102", CivilDate::FromYmd(1980, 1, 1), seq);
  m.name = name;
  m.relation = rel;
  m.sex = seq % 2 == 1 ? Sex::kMale : Sex::kFemale;
  m.birth_date = CivilDate::FromYmd(1980, 1, 1);
  return m;
}

HouseholdRecord Sample() {
  HouseholdRecord r;
  r.household.household_id = "H1";
  r.household.village_code = *RegionCode::Parse("630102001001");
  r.household.wage_income = Money::FromYuan(12000);
  r.household.business_income = Money::FromYuan(3000);
  r.household.transfer_income = Money::FromFen(240050);
  r.household.production_costs = Money::FromYuan(800);
  r.household.rigid_medical = Money::FromYuan(600);
  r.household.rigid_other = Money::FromYuan(50);
  r.members = {M(22, Relation::kSpouse, "李四"), M(11, Relation::kHead, "张三"),
               M(5, Relation::kChild, "张小")};
  return r;
}

TEST(HouseholdTest, CanonicalOrderIsHeadThenIdNumber) {
  HouseholdRecord r = Sample();
  Canonicalize(r);
  EXPECT_EQ(r.members[0].name, "张三");
  EXPECT_LT(r.members[1].id_number, r.members[2].id_number);
}

TEST(HouseholdTest, HashIgnoresMemberOrderButNotContent) {
  HouseholdRecord a = Sample(), b = Sample();
  std::swap(b.members[0], b.members[2]);
  Canonicalize(a);
  Canonicalize(b);
  EXPECT_EQ(ContentHash(a), ContentHash(b));
  b.members[1].enrolled = !b.members[1].enrolled;
  EXPECT_NE(ContentHash(a), ContentHash(b));
}

TEST(HouseholdTest, UnknownPreviousIncomeDiffersFromZero) {
  HouseholdRecord a = Sample(), b = Sample();
  b.household.prev_net_income = Money();
  EXPECT_NE(ContentHash(a), ContentHash(b));
}

TEST(HouseholdTest, DerivedIncome) {
  HouseholdRecord r = Sample();
  EXPECT_EQ(NetIncome(r.household).fen(), 1200000 + 300000 + 240050 - 80000);
  EXPECT_EQ(RigidSpending(r.household).fen(), 65000);
  EXPECT_EQ(CountedMembers(r), 3);
  r.members[2].shares_household = false;
  EXPECT_EQ(CountedMembers(r), 2);
}

TEST(HistoryTest, DiffListsHouseholdFieldsThenMembers) {
  HouseholdRecord before = Sample(), after = Sample();
  Canonicalize(before);
  Canonicalize(after);
  after.household.wage_income = Money::FromYuan(15000);
  after.household.prev_net_income = Money::FromFen(-550);
  after.members[1].labor = Labor::kLost;
  Member removed = after.members[2];
  after.members.pop_back();
  after.members.push_back(M(7, Relation::kGrandchild, "张孙"));
  Canonicalize(after);
  auto changes = DiffRecords(before, after);
  ASSERT_EQ(changes.size(), 5u);
  EXPECT_EQ(changes[0].field, "wage_income");
  EXPECT_EQ(changes[0].before, "12000");
  EXPECT_EQ(changes[0].after, "15000");
  EXPECT_EQ(changes[1].field, "prev_net_income");
  EXPECT_EQ(changes[1].before, "");
  EXPECT_EQ(changes[1].after, "-5.5");
  EXPECT_EQ(changes[2].field, "member");  // removed
  EXPECT_EQ(changes[2].before, removed.name);
  EXPECT_EQ(changes[3].field, "labor");
  EXPECT_EQ(changes[4].field, "member");  // added
  EXPECT_EQ(changes[4].after, "张孙");
  for (const auto& c : changes) {
    EXPECT_THAT(c.subject, ::testing::Not(::testing::HasSubstr(before.members[1].id_number)));
  }
}

TEST(HistoryTest, HouseholdFieldsAreEveryColumnWithItsText) {
  using Field = std::pair<std::string, std::string>;
  EXPECT_THAT(
      HouseholdFields(Sample().household),
      ::testing::ElementsAre(Field{"household_id", "H1"}, Field{"village_code", "630102001001"},
                             Field{"status", "ordinary"}, Field{"wage_income", "12000"},
                             Field{"business_income", "3000"}, Field{"property_income", "0"},
                             Field{"transfer_income", "2400.5"}, Field{"production_costs", "800"},
                             Field{"prev_net_income", ""}, Field{"rigid_medical", "600"},
                             Field{"rigid_education", "0"}, Field{"rigid_other", "50"},
                             Field{"housing_safe", "1"}, Field{"water_safe", "1"}));
}

TEST(HistoryTest, MemberFieldsAreEveryColumnButHouseholdId) {
  using Field = std::pair<std::string, std::string>;
  Member m = M(11, Relation::kHead, "张三");
  EXPECT_THAT(MemberFields(m),
              ::testing::ElementsAre(
                  Field{"id_number", m.id_number}, Field{"name", "张三"}, Field{"relation", "head"},
                  Field{"sex", "M"}, Field{"birth_date", "1980-01-01"}, Field{"labor", "none"},
                  Field{"health", "healthy"}, Field{"school_stage", "none"}, Field{"enrolled", "0"},
                  Field{"med_insured", "1"}, Field{"pension_insured", "0"},
                  Field{"shares_household", "1"}));
}

TEST(HistoryTest, NoChangesBetweenEqualRecords) {
  HouseholdRecord r = Sample();
  EXPECT_TRUE(DiffRecords(r, r).empty());
}

}  // namespace
}  // namespace xianjie::registry
