// The columnar snapshot: builder order rules, derived columns, Record round trip, Find, Append,
// Patch against a fresh build, and the memory budget of ARCHITECTURE.md §7.
#include "registry/snapshot.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <sstream>
#include <thread>

#include "base/id_number.h"
#include "demo/generator.h"
#include "ingest/importer.h"
#include "registry/region.h"
#include "store/memory/memory_store.h"
#include "support/temp_files.h"

namespace xianjie::registry {
namespace {

using ::testing::HasSubstr;

RegionCode Village(const char* code = "630102001001") { return *RegionCode::Parse(code); }

// Names of every length class: one CJK character, Tibetan-style four, a Latin one, one with a
// quote and a comma.
const char* const kNames[] = {"李", "王小明", "扎西多吉", "Ann", "才让\"东知\", 甲", "欧阳娜娜"};

// A canonical record with `n` members (person numbers base .. base + n - 1, the first the head).
HouseholdRecord MakeRecord(const std::string& id, int n, int base = 0, int64_t wage = 1200000) {
  HouseholdRecord r;
  Household& h = r.household;
  h.household_id = id;
  h.village_code = Village();
  h.status = base % 2 == 0 ? HouseholdStatus::kLifted : HouseholdStatus::kOrdinary;
  h.wage_income = Money::FromFen(wage);
  h.business_income = Money::FromFen(30000 + base);
  h.property_income = Money::FromFen(501);
  h.transfer_income = Money::FromFen(77000);
  h.production_costs = Money::FromFen(20000);
  if (base % 3 != 0) h.prev_net_income = Money::FromFen(-4200 - base);
  h.rigid_medical = Money::FromFen(10000);
  h.rigid_education = Money::FromFen(2500);
  h.rigid_other = Money::FromFen(7);
  h.housing_safe = base % 2 == 0;
  h.water_safe = base % 5 != 0;
  for (int i = 0; i < n; ++i) {
    const int p = base + i;
    Member& m = r.members.emplace_back();
    m.birth_date = CivilDate::FromYmd(1950 + p % 60, 1 + p % 12, 1 + p % 28);
    m.id_number = MakeIdNumber("630102", m.birth_date, p % 1000);
    m.name = kNames[p % std::size(kNames)];
    m.sex = p % 2 == 1 ? Sex::kMale : Sex::kFemale;
    m.relation = i == 0 ? Relation::kHead : static_cast<Relation>(1 + p % 8);
    m.labor = static_cast<Labor>(p % 5);
    m.health = static_cast<Health>(p % 4);
    m.school_stage = static_cast<SchoolStage>(p % 7);
    m.enrolled = p % 2 == 0;
    m.med_insured = p % 3 != 0;
    m.pension_insured = p % 4 == 0;
    m.shares_household = p % 5 != 4;
  }
  Canonicalize(r);
  return r;
}

std::shared_ptr<const Snapshot> Build(const std::vector<HouseholdRecord>& records) {
  SnapshotBuilder b;
  for (const HouseholdRecord& r : records) EXPECT_TRUE(b.Add(r).ok()) << r.household.household_id;
  return b.Finish();
}

// Every member's name in `s` is the one of `records` (in row order) at the same place.
void ExpectNames(const Snapshot& s, const std::vector<HouseholdRecord>& records) {
  ASSERT_EQ(s.households(), records.size());
  for (uint32_t h = 0; h < s.households(); ++h) {
    const std::vector<Member>& want = records[h].members;
    ASSERT_EQ(s.member_begin()[h + 1] - s.member_begin()[h], want.size());
    for (size_t i = 0; i < want.size(); ++i) {
      EXPECT_EQ(s.member_name(s.member_begin()[h] + static_cast<uint32_t>(i)), want[i].name)
          << records[h].household.household_id << " member " << i;
    }
  }
}

std::vector<HouseholdRecord> SomeRecords(int count) {
  std::vector<HouseholdRecord> out;
  for (int i = 0; i < count; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "H%05d", i * 10);
    out.push_back(MakeRecord(id, 1 + i % 6, i * 7));
  }
  return out;
}

TEST(SnapshotBuilderTest, RejectsHouseholdsOutOfOrder) {
  SnapshotBuilder b;
  ASSERT_TRUE(b.Add(MakeRecord("H2", 1)).ok());
  Status s = b.Add(MakeRecord("H1", 1));
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("out of order"));
  EXPECT_EQ(b.households(), 1u);
}

TEST(SnapshotBuilderTest, RejectsARepeatedId) {
  SnapshotBuilder b;
  ASSERT_TRUE(b.Add(MakeRecord("H1", 1)).ok());
  EXPECT_EQ(b.Add(MakeRecord("H1", 2)).code(), StatusCode::kInvalidArgument);
}

TEST(SnapshotBuilderTest, RejectsAnEmptyId) {
  SnapshotBuilder b;
  EXPECT_EQ(b.Add(MakeRecord("", 1)).code(), StatusCode::kInvalidArgument);
}

TEST(SnapshotBuilderTest, RejectsAnUnpackableIdNumber) {
  HouseholdRecord r = MakeRecord("H1", 2);
  r.members[1].id_number = "63010219800101001";  // 17 characters
  SnapshotBuilder b;
  EXPECT_EQ(b.Add(r).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(b.households(), 0u);
}

TEST(SnapshotBuilderTest, OrdersIdsByBytes) {
  SnapshotBuilder b;
  ASSERT_TRUE(b.Add(MakeRecord("H10", 1)).ok());
  ASSERT_TRUE(b.Add(MakeRecord("H9", 1)).ok());  // "H10" < "H9" byte-wise
  EXPECT_EQ(b.Add(MakeRecord("H2", 1)).code(), StatusCode::kInvalidArgument);
}

TEST(SnapshotTest, DerivedColumns) {
  HouseholdRecord r = MakeRecord("H1", 5, 0);
  auto s = Build({r});
  ASSERT_EQ(s->households(), 1u);
  EXPECT_EQ(s->net_income()[0], NetIncome(r.household).fen());
  EXPECT_EQ(s->rigid_spending()[0], RigidSpending(r.household).fen());
  EXPECT_EQ(s->counted_members()[0], static_cast<uint32_t>(CountedMembers(r)));
  EXPECT_EQ(s->counted_members()[0], 4u);  // person 4 does not share the household
  EXPECT_EQ(s->county_code()[0], 630102u);
  EXPECT_EQ(s->village_code()[0], 630102001001u);
}

TEST(SnapshotTest, BirthYmdCountsAgeAsAgeOn) {
  HouseholdRecord r = MakeRecord("H1", 1);
  r.members[0].birth_date = CivilDate::FromYmd(2000, 2, 29);
  r.members[0].id_number = MakeIdNumber("630102", r.members[0].birth_date, 2);
  r.members[0].sex = Sex::kFemale;
  auto s = Build({r});
  for (CivilDate on : {CivilDate::FromYmd(2018, 2, 28), CivilDate::FromYmd(2018, 3, 1),
                       CivilDate::FromYmd(2020, 2, 29)}) {
    EXPECT_EQ((on.ToYmdNumber() - s->member_birth_ymd()[0]) / 10000,
              AgeOn(r.members[0].birth_date, on));
  }
}

TEST(SnapshotTest, RecordRoundTrip) {
  std::vector<HouseholdRecord> records = SomeRecords(40);
  auto s = Build(records);
  ASSERT_EQ(s->households(), records.size());
  size_t members = 0;
  for (uint32_t h = 0; h < s->households(); ++h) {
    EXPECT_EQ(s->Record(h), records[h]) << h;
    members += records[h].members.size();
  }
  EXPECT_EQ(s->members(), members);
  EXPECT_EQ(s->member_begin()[s->households()], members);
}

TEST(SnapshotTest, KeepsEveryMemberName) {
  std::vector<HouseholdRecord> records = SomeRecords(40);
  ExpectNames(*Build(records), records);
}

TEST(SnapshotTest, RecordKeepsAnUnknownPreviousIncomeUnknown) {
  HouseholdRecord r = MakeRecord("H1", 1, 0);
  ASSERT_FALSE(r.household.prev_net_income.has_value());
  auto s = Build({r});
  EXPECT_EQ(s->prev_net_income_valid()[0], 0);
  EXPECT_FALSE(s->Record(0).household.prev_net_income.has_value());
}

TEST(SnapshotTest, HouseholdWithoutMembers) {
  HouseholdRecord empty = MakeRecord("H1", 0);
  auto s = Build({MakeRecord("H0", 2), empty, MakeRecord("H2", 1, 3)});
  EXPECT_EQ(s->member_begin()[1], s->member_begin()[2]);
  EXPECT_EQ(s->counted_members()[1], 0u);
  EXPECT_EQ(s->Record(1), empty);
}

TEST(SnapshotTest, FindsEveryIdAndNothingElse) {
  auto s = Build(SomeRecords(50));
  for (uint32_t h = 0; h < s->households(); ++h) {
    EXPECT_EQ(s->Find(s->household_id(h)), static_cast<int64_t>(h));
  }
  EXPECT_EQ(s->Find(""), -1);
  EXPECT_EQ(s->Find("A"), -1);      // before the first
  EXPECT_EQ(s->Find("H00005"), -1); // between two
  EXPECT_EQ(s->Find("H0001"), -1);  // a prefix of an id
  EXPECT_EQ(s->Find("Z"), -1);      // after the last
}

TEST(SnapshotTest, EmptySnapshot) {
  auto s = SnapshotBuilder().Finish();
  EXPECT_EQ(s->households(), 0u);
  EXPECT_EQ(s->members(), 0u);
  EXPECT_EQ(s->member_begin()[0], 0u);
  EXPECT_EQ(s->Find("H1"), -1);
}

TEST(SnapshotBuilderTest, AppendEqualsOneBuild) {
  std::vector<HouseholdRecord> records = SomeRecords(30);
  SnapshotBuilder first, second;
  for (size_t i = 0; i < records.size(); ++i) {
    ASSERT_TRUE((i < 13 ? first : second).Add(records[i]).ok());
  }
  ASSERT_TRUE(first.Append(std::move(second)).ok());
  EXPECT_EQ(second.households(), 0u);
  EXPECT_EQ(*first.Finish(), *Build(records));
}

TEST(SnapshotBuilderTest, AppendToAnEmptyBuilder) {
  std::vector<HouseholdRecord> records = SomeRecords(5);
  SnapshotBuilder empty, full;
  for (const auto& r : records) ASSERT_TRUE(full.Add(r).ok());
  ASSERT_TRUE(empty.Append(std::move(full)).ok());
  EXPECT_EQ(*empty.Finish(), *Build(records));
}

TEST(SnapshotBuilderTest, AppendRejectsOverlappingIds) {
  SnapshotBuilder a, b;
  ASSERT_TRUE(a.Add(MakeRecord("H5", 1)).ok());
  ASSERT_TRUE(b.Add(MakeRecord("H3", 1)).ok());
  EXPECT_EQ(a.Append(std::move(b)).code(), StatusCode::kInvalidArgument);
}

TEST(SnapshotBuilderTest, TwoStreamsOnTwoThreadsEqualTheRowPath) {
  std::vector<HouseholdRecord> records = SomeRecords(200);
  records.insert(records.begin() + 7, MakeRecord("H00061", 0));  // a household without members
  SnapshotBuilder b;
  b.Reserve(records.size(), 1000);
  Status facts;
  std::thread members([&] {
    for (const HouseholdRecord& r : records) {
      for (const Member& m : r.members) {
        b.AddMemberColumns(PackIdNumber(m.id_number), m.name, m.birth_date.ToYmdNumber(),
                           m.relation, m.sex, m.labor, m.health, m.school_stage, m.enrolled,
                           m.med_insured, m.pension_insured, m.shares_household);
      }
      b.EndMembers();
    }
  });
  for (const HouseholdRecord& r : records) {
    const Household& h = r.household;
    const int64_t money[8] = {h.wage_income.fen(),     h.business_income.fen(),
                              h.property_income.fen(), h.transfer_income.fen(),
                              h.production_costs.fen(), h.rigid_medical.fen(),
                              h.rigid_education.fen(), h.rigid_other.fen()};
    facts = b.AddHouseholdFacts(h.household_id, h.village_code.value(), h.status, money,
                                h.prev_net_income.has_value(),
                                h.prev_net_income.value_or(Money()).fen(), h.housing_safe,
                                h.water_safe);
    if (!facts.ok()) break;
  }
  members.join();
  ASSERT_TRUE(facts.ok()) << facts.ToString();
  EXPECT_EQ(*b.Finish(), *Build(records));
}

TEST(SnapshotBuilderTest, StreamsInBulkEqualTheRowPath) {
  std::vector<HouseholdRecord> records = SomeRecords(50);
  records.insert(records.begin() + 3, MakeRecord("H00021", 0));
  SnapshotBuilder b;
  std::vector<SnapshotBuilder::MemberValues> members;
  std::vector<uint32_t> counts;
  for (const HouseholdRecord& r : records) {
    const Household& h = r.household;
    const int64_t money[8] = {h.wage_income.fen(),     h.business_income.fen(),
                              h.property_income.fen(), h.transfer_income.fen(),
                              h.production_costs.fen(), h.rigid_medical.fen(),
                              h.rigid_education.fen(), h.rigid_other.fen()};
    ASSERT_TRUE(b.AddHouseholdFacts(h.household_id, h.village_code.value(), h.status, money,
                                    h.prev_net_income.has_value(),
                                    h.prev_net_income.value_or(Money()).fen(), h.housing_safe,
                                    h.water_safe)
                    .ok());
    for (const Member& m : r.members) {
      members.push_back({PackIdNumber(m.id_number), m.name, m.birth_date.ToYmdNumber(),
                         m.relation, m.sex, m.labor, m.health, m.school_stage, m.enrolled,
                         m.med_insured, m.pension_insured, m.shares_household});
    }
    counts.push_back(static_cast<uint32_t>(r.members.size()));
  }
  // The same households again, in bulk, into a second builder.
  SnapshotBuilder bulk;
  std::vector<SnapshotBuilder::HouseholdValues> facts;
  for (const HouseholdRecord& r : records) {
    const Household& h = r.household;
    facts.push_back({h.household_id, h.village_code.value(), h.status,
                     {h.wage_income.fen(), h.business_income.fen(), h.property_income.fen(),
                      h.transfer_income.fen(), h.production_costs.fen(), h.rigid_medical.fen(),
                      h.rigid_education.fen(), h.rigid_other.fen()},
                     h.prev_net_income.has_value(), h.prev_net_income.value_or(Money()).fen(),
                     h.housing_safe, h.water_safe});
  }
  ASSERT_TRUE(bulk.AddHouseholdFacts(std::span(facts).first(5)).ok());
  ASSERT_TRUE(bulk.AddHouseholdFacts(std::span(facts).subspan(5)).ok());
  EXPECT_EQ(bulk.AddHouseholdFacts(std::span(facts).first(1)).code(),
            StatusCode::kInvalidArgument);  // out of order: nothing appended
  bulk.AddMemberColumns(members);
  bulk.EndMembers(counts);
  EXPECT_EQ(*bulk.Finish(), *Build(records));

  b.AddMemberColumns(std::span(members).first(members.size() / 2));
  b.AddMemberColumns(std::span(members).subspan(members.size() / 2));
  b.EndMembers(std::span(counts).first(10));
  b.EndMembers(std::span(counts).subspan(10));
  EXPECT_EQ(*b.Finish(), *Build(records));
}

TEST(SnapshotBuilderTest, AppendRowsCopiesARange) {
  std::vector<HouseholdRecord> records = SomeRecords(20);
  auto base = Build(records);
  SnapshotBuilder b;
  ASSERT_TRUE(b.AppendRows(*base, 3, 9).ok());
  ASSERT_TRUE(b.Add(records[12]).ok());
  ASSERT_TRUE(b.AppendRows(*base, 15, 20).ok());
  EXPECT_EQ(b.AppendRows(*base, 0, 1).code(), StatusCode::kInvalidArgument);
  std::vector<HouseholdRecord> expected(records.begin() + 3, records.begin() + 9);
  expected.push_back(records[12]);
  expected.insert(expected.end(), records.begin() + 15, records.end());
  auto copied = b.Finish();
  EXPECT_EQ(*copied, *Build(expected));
  ExpectNames(*copied, expected);
}

TEST(SnapshotPatchTest, NamesOfCopiedAndChangedHouseholds) {
  std::vector<HouseholdRecord> records = SomeRecords(12);
  auto base = Build(records);
  HouseholdRecord renamed = records[5];
  for (Member& m : renamed.members) m.name = "新" + m.name;
  HouseholdRecord inserted = MakeRecord("H00055", 3, 77);
  inserted.members[1].name = "卓玛";
  auto patched = Patch(*base, std::vector<HouseholdRecord>{inserted, renamed},
                       std::vector<std::string>{"H00020"});
  ASSERT_TRUE(patched.ok()) << patched.status().ToString();
  std::vector<HouseholdRecord> expected = records;
  expected[5] = renamed;
  expected.insert(expected.begin() + 6, inserted);
  expected.erase(expected.begin() + 2);
  ExpectNames(**patched, expected);
}

TEST(SnapshotPatchTest, InsertReplaceRemoveEqualsAFreshBuild) {
  std::vector<HouseholdRecord> records = SomeRecords(60);
  auto base = Build(records);

  std::map<std::string, HouseholdRecord> expected;
  for (const auto& r : records) expected.emplace(r.household.household_id, r);
  std::vector<HouseholdRecord> changed = {
      MakeRecord("H00000", 3, 900),  // replaces the first
      MakeRecord("A", 2, 901),       // inserted before the first
      MakeRecord("H00105", 1, 902),  // inserted between two
      MakeRecord("H00250", 6, 903),  // replaces one in the middle
      MakeRecord("H00590", 0, 904),  // replaces the last, now without members
      MakeRecord("Z", 4, 905),       // inserted after the last
  };
  std::vector<std::string> removed = {"H00300", "H00310", "H00580", "H00999"};  // last unknown
  for (const auto& r : changed) expected[r.household.household_id] = r;
  for (const auto& id : removed) expected.erase(id);
  std::vector<HouseholdRecord> fresh;
  for (auto& [id, r] : expected) fresh.push_back(r);

  auto patched = Patch(*base, changed, removed);
  ASSERT_TRUE(patched.ok()) << patched.status().ToString();
  EXPECT_EQ(**patched, *Build(fresh));
  EXPECT_EQ(*base, *Build(records));  // the base is untouched
}

TEST(SnapshotPatchTest, NothingChangedIsACopy) {
  auto base = Build(SomeRecords(10));
  auto patched = Patch(*base, {});
  ASSERT_TRUE(patched.ok());
  EXPECT_EQ(**patched, *base);
}

TEST(SnapshotPatchTest, PatchOfAnEmptySnapshot) {
  auto base = SnapshotBuilder().Finish();
  std::vector<HouseholdRecord> records = SomeRecords(4);
  std::vector<HouseholdRecord> shuffled = {records[2], records[0], records[3], records[1]};
  auto patched = Patch(*base, shuffled);
  ASSERT_TRUE(patched.ok());
  EXPECT_EQ(**patched, *Build(records));
}

TEST(SnapshotPatchTest, RemovingEverything) {
  std::vector<HouseholdRecord> records = SomeRecords(3);
  auto base = Build(records);
  std::vector<std::string> all = {"H00000", "H00010", "H00020"};
  auto patched = Patch(*base, {}, all);
  ASSERT_TRUE(patched.ok());
  EXPECT_EQ((*patched)->households(), 0u);
  EXPECT_EQ((*patched)->members(), 0u);
}

TEST(SnapshotPatchTest, RejectsAHouseholdNamedTwice) {
  auto base = Build(SomeRecords(3));
  std::vector<HouseholdRecord> changed = {MakeRecord("H00010", 1)};
  std::vector<std::string> removed = {"H00010"};
  auto patched = Patch(*base, changed, removed);
  EXPECT_EQ(patched.status().code(), StatusCode::kInvalidArgument);
  std::vector<HouseholdRecord> twice = {MakeRecord("X", 1), MakeRecord("X", 2)};
  EXPECT_EQ(Patch(*base, twice).status().code(), StatusCode::kInvalidArgument);
}

// ARCHITECTURE.md §7: under 200 bytes per member plus 150 per household, on a generated
// registry of 20,000 households.
TEST(SnapshotMemoryTest, GeneratedRegistryIsWithinBudget) {
  xianjie::testing::TempDir dir;
  demo::GeneratorOptions gen;
  gen.households = 20'000;
  gen.seed = 7;
  ASSERT_TRUE(demo::GenerateToDirectory(gen, RegionTable::BuiltIn(), dir.path()).ok());
  store::MemoryStore store;
  ASSERT_TRUE(store.ReplaceRegions(RegionTable::BuiltIn().all()).ok());
  ingest::ImportRequest req;
  req.households_path = dir / "households.csv";
  req.members_path = dir / "members.csv";
  auto report = ingest::ImportExchangeFiles(store, RegionTable::BuiltIn(), req);
  ASSERT_TRUE(report.ok()) << report.status().ToString();

  SnapshotBuilder b;
  ASSERT_TRUE(store.ScanCurrent([&](const HouseholdVersion& v) { return b.Add(v.record); }).ok());
  auto s = b.Finish();
  ASSERT_EQ(s->households(), 20'000u);
  const size_t budget = 200 * s->members() + 150 * s->households();
  EXPECT_LT(s->MemoryBytes(), budget);
  // The layout's own figure (snapshot.h): about 100 bytes per household plus its id, and 24 per
  // member plus its name. Loosely checked, so a layout change that doubles it is noticed.
  size_t name_bytes = 0;
  for (uint32_t m = 0; m < s->members(); ++m) name_bytes += s->member_name(m).size();
  EXPECT_LT(s->MemoryBytes(), 140 * s->households() + 34 * s->members() + name_bytes);
}

}  // namespace
}  // namespace xianjie::registry
