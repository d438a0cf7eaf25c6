// Household search (registry/household_search.h) against a brute-force filter over every row,
// written here on the records themselves (text prefixes, not the index's numeric ranges): on a
// few hundred generated households with random queries, and on hand-made cases.
#include "registry/household_search.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "base/id_number.h"
#include "registry/snapshot_build.h"

namespace xianjie::registry {
namespace {

const char* const kVillages[] = {"630102001001", "630102001002", "630102002001", "630105003001",
                                 "630121100201", "632123100101", "632521200301"};
const char* const kNames[] = {"王", "王小", "王小明", "王明", "李娜", "扎西多吉", "扎西", "卓玛",
                              "才让东知", "Ann", "Anna", "欧阳娜娜", "李",
                              // Longer than 16 bytes, sharing 15, 18 and 21 of them.
                              "阿旺罗布次仁多吉", "阿旺罗布次仁", "阿旺罗布次仁多", "阿旺罗布次"};

// A canonical record; members' ID numbers are unique across records made with one `person`.
HouseholdRecord MakeRecord(const std::string& id, const char* village,
                           const std::vector<std::string>& names, int& person) {
  HouseholdRecord r;
  r.household.household_id = id;
  r.household.village_code = *RegionCode::Parse(village);
  for (size_t i = 0; i < names.size(); ++i) {
    Member& m = r.members.emplace_back();
    const int p = person++;
    m.birth_date = CivilDate::FromYmd(1940 + p % 70, 1 + p / 70 % 12, 1 + p / 840 % 28);
    m.id_number = MakeIdNumber("630102", m.birth_date, p / 23520 % 1000);
    m.name = names[i];
    m.relation = i == 0 ? Relation::kHead : Relation::kChild;
  }
  Canonicalize(r);
  return r;
}

std::vector<HouseholdRecord> Generated(int households, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<HouseholdRecord> out;
  int person = 0;
  for (int i = 0; i < households; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "HH%04d", i * 3 + static_cast<int>(rng() % 3));
    std::vector<std::string> names(1 + rng() % 5);
    for (std::string& n : names) n = kNames[rng() % std::size(kNames)];
    out.push_back(MakeRecord(id, kVillages[rng() % std::size(kVillages)], names, person));
  }
  return out;
}

HouseholdIndex IndexOf(const std::vector<HouseholdRecord>& records) {
  auto snapshot = BuildSnapshot(records);
  EXPECT_TRUE(snapshot.ok()) << snapshot.status().ToString();
  return HouseholdIndex(*snapshot);
}

// The expected answer: every record tested field by field, sorted, then sliced.
HouseholdPage BruteForce(const std::vector<HouseholdRecord>& sorted_records,
                         const HouseholdQuery& q) {
  std::string id_number = q.id_number;
  if (id_number.size() == 18 && id_number[17] == 'x') id_number[17] = 'X';
  std::vector<std::pair<std::string, uint32_t>> hits;  // (village + household id, row)
  for (uint32_t h = 0; h < sorted_records.size(); ++h) {
    const HouseholdRecord& r = sorted_records[h];
    const std::string village = r.household.village_code.ToString();
    if (!village.starts_with(q.region_prefix)) continue;
    if (!r.household.household_id.starts_with(q.household_id_prefix)) continue;
    bool name = q.name_prefix.empty(), id = q.id_number.empty();
    for (const Member& m : r.members) {
      name = name || m.name.starts_with(q.name_prefix);
      id = id || m.id_number == id_number;
    }
    if (name && id) hits.emplace_back(village + "/" + r.household.household_id, h);
  }
  std::sort(hits.begin(), hits.end());
  HouseholdPage page;
  page.total = static_cast<int64_t>(hits.size());
  const int64_t limit = std::clamp<int64_t>(q.limit, 1, 500);
  for (int64_t i = std::max<int64_t>(q.offset, 0);
       i < page.total && static_cast<int64_t>(page.rows.size()) < limit; ++i) {
    page.rows.push_back(hits[static_cast<size_t>(i)].second);
  }
  return page;
}

void ExpectSame(const HouseholdIndex& index, const std::vector<HouseholdRecord>& sorted_records,
                const HouseholdQuery& q) {
  const HouseholdPage want = BruteForce(sorted_records, q);
  const HouseholdPage got = index.Search(q);
  const std::string what = "region '" + q.region_prefix + "' name '" + q.name_prefix + "' id '" +
                           q.id_number + "' household '" + q.household_id_prefix + "' offset " +
                           std::to_string(q.offset) + " limit " + std::to_string(q.limit);
  EXPECT_EQ(got.total, want.total) << what;
  EXPECT_EQ(got.rows, want.rows) << what;
}

class HouseholdSearchRandomTest : public ::testing::Test {
 protected:
  void SetUp() override {
    records_ = Generated(400, 11);
    std::sort(records_.begin(), records_.end(), [](const auto& a, const auto& b) {
      return a.household.household_id < b.household.household_id;
    });
  }
  // A random value for each field, empty half of the time (the ID number less often filled).
  HouseholdQuery RandomQuery(std::mt19937& rng) const {
    HouseholdQuery q;
    if (rng() % 2 == 0) {
      q.region_prefix = std::string(kVillages[rng() % std::size(kVillages)]).substr(0, rng() % 13);
    }
    if (rng() % 2 == 0) {
      const std::string name = kNames[rng() % std::size(kNames)];
      q.name_prefix = name.substr(0, 1 + rng() % name.size());  // may cut a character
    }
    if (rng() % 4 == 0) {
      const HouseholdRecord& r = records_[rng() % records_.size()];
      q.id_number = r.members[rng() % r.members.size()].id_number;
    }
    if (rng() % 3 == 0) q.household_id_prefix = "HH0" + std::to_string(rng() % 12);
    q.offset = rng() % 3 == 0 ? rng() % 60 : 0;
    q.limit = 1 + rng() % 40;
    return q;
  }

  std::vector<HouseholdRecord> records_;
};

TEST_F(HouseholdSearchRandomTest, EveryQueryKindMatchesBruteForce) {
  HouseholdIndex index = IndexOf(records_);
  std::mt19937 rng(3);
  for (int i = 0; i < 3000; ++i) ExpectSame(index, records_, RandomQuery(rng));
}

TEST_F(HouseholdSearchRandomTest, EveryPageTogetherIsTheWholeAnswer) {
  HouseholdIndex index = IndexOf(records_);
  for (const char* name : {"", "王", "扎西", "A"}) {
    HouseholdQuery q;
    q.name_prefix = name;
    q.limit = 500;
    const HouseholdPage all = index.Search(q);
    std::vector<uint32_t> paged;
    for (q.offset = 0, q.limit = 7; q.offset < all.total; q.offset += 7) {
      const HouseholdPage page = index.Search(q);
      EXPECT_EQ(page.total, all.total);
      paged.insert(paged.end(), page.rows.begin(), page.rows.end());
    }
    EXPECT_EQ(paged, all.rows) << name;
  }
}

TEST_F(HouseholdSearchRandomTest, CountHouseholdsCountsTheRegion) {
  HouseholdIndex index = IndexOf(records_);
  for (const char* prefix : {"", "63", "6301", "630102", "630102001", "630102001002", "6322",
                             "64", "6301020010011", "63a1"}) {
    int64_t want = 0;
    for (const HouseholdRecord& r : records_) {
      if (std::string_view(prefix).size() <= 12 &&
          std::string_view(prefix).find_first_not_of("0123456789") == std::string_view::npos &&
          r.household.village_code.ToString().starts_with(prefix)) {
        ++want;
      }
    }
    EXPECT_EQ(index.CountHouseholds(prefix), want) << prefix;
  }
}

// Hand-made registries.
struct Small {
  Small() {
    int person = 0;
    records = {
        MakeRecord("A1", "630102001002", {"王小明", "李娜"}, person),
        MakeRecord("A2", "630102001001", {"王小", "王明"}, person),
        MakeRecord("A3", "630102001001", {"王"}, person),
        MakeRecord("B1", "630121100201", {"扎西多吉", "卓玛"}, person),
        MakeRecord("B2", "630102001001", {"Anna"}, person),
    };
  }
  std::vector<HouseholdRecord> records;
};

std::vector<uint32_t> RowsOf(const HouseholdIndex& index, HouseholdQuery q) {
  q.limit = 500;
  return index.Search(q).rows;
}

TEST(HouseholdSearchTest, NamesSharingAPrefix) {
  Small s;
  HouseholdIndex index = IndexOf(s.records);
  HouseholdQuery q;
  // Rows: A1 0, A2 1, A3 2, B1 3, B2 4; village order: 001001 (A2, A3, B2), 001002 (A1), B1.
  q.name_prefix = "王";
  EXPECT_EQ(RowsOf(index, q), (std::vector<uint32_t>{1, 2, 0}));
  q.name_prefix = "王小";
  EXPECT_EQ(RowsOf(index, q), (std::vector<uint32_t>{1, 0}));
  q.name_prefix = "王小明";
  EXPECT_EQ(RowsOf(index, q), (std::vector<uint32_t>{0}));
  q.name_prefix = "王小明明";
  EXPECT_TRUE(RowsOf(index, q).empty());
}

TEST(HouseholdSearchTest, NamePrefixIsBytesOfUtf8) {
  Small s;
  HouseholdIndex index = IndexOf(s.records);
  HouseholdQuery q;
  q.name_prefix = "扎西";
  EXPECT_EQ(RowsOf(index, q), (std::vector<uint32_t>{3}));
  q.name_prefix = "\xE7\x8E";  // the first two bytes of 王 (E7 8E 8B)
  EXPECT_EQ(RowsOf(index, q), (std::vector<uint32_t>{1, 2, 0}));
  q.name_prefix = "卓玛";  // not the head
  EXPECT_EQ(RowsOf(index, q), (std::vector<uint32_t>{3}));
}

TEST(HouseholdSearchTest, TwoMatchingMembersCountTheirHouseholdOnce) {
  Small s;
  HouseholdIndex index = IndexOf(s.records);
  HouseholdQuery q;
  q.name_prefix = "王";
  q.region_prefix = "630102001001";
  const HouseholdPage page = index.Search(q);
  EXPECT_EQ(page.total, 2);  // A2 has two members named 王…
  EXPECT_EQ(page.rows, (std::vector<uint32_t>{1, 2}));
}

// The same where few members match (the sorted path rather than the bitmap over all ranks).
TEST(HouseholdSearchTest, TwoMatchingMembersCountOnceAmongMany) {
  std::vector<HouseholdRecord> records = Generated(300, 9);
  int person = 100000;
  records.push_back(MakeRecord("ZZ1", "630102001001", {"唯一甲", "唯一乙"}, person));
  HouseholdIndex index = IndexOf(records);
  HouseholdQuery q;
  q.name_prefix = "唯一";
  const HouseholdPage page = index.Search(q);
  EXPECT_EQ(page.total, 1);
  ASSERT_EQ(page.rows.size(), 1u);
  EXPECT_EQ(index.snapshot().household_id(page.rows[0]), "ZZ1");
}

TEST(HouseholdSearchTest, OffsetBeyondTheTotalGivesAnEmptyPageAndTheTotal) {
  Small s;
  HouseholdIndex index = IndexOf(s.records);
  HouseholdQuery q;
  q.offset = 5;
  HouseholdPage page = index.Search(q);
  EXPECT_EQ(page.total, 5);
  EXPECT_TRUE(page.rows.empty());
  q.name_prefix = "王";
  q.offset = 3;
  page = index.Search(q);
  EXPECT_EQ(page.total, 3);
  EXPECT_TRUE(page.rows.empty());
  q.offset = INT64_MAX;
  EXPECT_TRUE(index.Search(q).rows.empty());
  q.offset = -4;  // as 0
  EXPECT_EQ(index.Search(q).rows.size(), 3u);
}

TEST(HouseholdSearchTest, LimitIsClampedToOneThroughFiveHundred) {
  std::vector<HouseholdRecord> records = Generated(620, 5);
  HouseholdIndex index = IndexOf(records);
  HouseholdQuery q;
  q.limit = 0;
  EXPECT_EQ(index.Search(q).rows.size(), 1u);
  q.limit = -3;
  EXPECT_EQ(index.Search(q).rows.size(), 1u);
  q.limit = 100000;
  HouseholdPage page = index.Search(q);
  EXPECT_EQ(page.rows.size(), 500u);
  EXPECT_EQ(page.total, 620);
  q.name_prefix = "王";  // through the matched-members path too
  page = index.Search(q);
  EXPECT_EQ(page.rows.size(), std::min<size_t>(500, static_cast<size_t>(page.total)));
  EXPECT_GT(page.total, 100);
}

TEST(HouseholdSearchTest, IdNumberWithALowerCaseX) {
  int person = 0;
  std::vector<HouseholdRecord> records;
  std::string with_x;
  for (int i = 0; with_x.empty() && i < 200; ++i) {
    records.push_back(MakeRecord("H" + std::to_string(1000 + i), "630102001001", {"甲"}, person));
    if (records.back().members[0].id_number.back() == 'X') {
      with_x = records.back().members[0].id_number;
    }
  }
  ASSERT_FALSE(with_x.empty());
  HouseholdIndex index = IndexOf(records);
  HouseholdQuery q;
  q.id_number = with_x;
  q.id_number.back() = 'x';
  const HouseholdPage page = index.Search(q);
  ASSERT_EQ(page.total, 1);
  EXPECT_EQ(index.snapshot().household_id(page.rows[0]), records.back().household.household_id);
}

TEST(HouseholdSearchTest, AnIdNumberThatCannotBeOneMatchesNothing) {
  Small s;
  HouseholdIndex index = IndexOf(s.records);
  const std::string real = s.records[0].members[0].id_number;
  HouseholdQuery q;
  q.id_number = real;
  EXPECT_EQ(index.Search(q).total, 1);
  for (std::string bad : {real.substr(0, 17), real + "1", std::string("63010219800101001A"),
                          std::string("6301021980010100 1"), std::string("x")}) {
    q.id_number = bad;
    EXPECT_EQ(index.Search(q).total, 0) << bad;
  }
}

TEST(HouseholdSearchTest, ARegionPrefixOfNonDigitsMatchesNothing) {
  Small s;
  HouseholdIndex index = IndexOf(s.records);
  HouseholdQuery q;
  for (const char* bad : {"63a", "6301 ", "-6", "6301020010010"}) {
    q.region_prefix = bad;
    EXPECT_EQ(index.Search(q).total, 0) << bad;
    EXPECT_EQ(index.CountHouseholds(bad), 0) << bad;
  }
  q.region_prefix = "630121";
  EXPECT_EQ(RowsOf(index, q), (std::vector<uint32_t>{3}));
}

TEST(HouseholdSearchTest, HouseholdIdPrefix) {
  Small s;
  HouseholdIndex index = IndexOf(s.records);
  HouseholdQuery q;
  q.household_id_prefix = "A";
  EXPECT_EQ(RowsOf(index, q), (std::vector<uint32_t>{1, 2, 0}));
  q.household_id_prefix = "B2";
  EXPECT_EQ(RowsOf(index, q), (std::vector<uint32_t>{4}));
  q.household_id_prefix = "B2x";
  EXPECT_TRUE(RowsOf(index, q).empty());
  q.household_id_prefix = "0";  // before every id
  EXPECT_TRUE(RowsOf(index, q).empty());
}

TEST(HouseholdSearchTest, EmptySnapshot) {
  HouseholdIndex index(SnapshotBuilder().Finish());
  HouseholdQuery q;
  EXPECT_EQ(index.Search(q).total, 0);
  q.name_prefix = "王";
  EXPECT_EQ(index.Search(q).total, 0);
  EXPECT_EQ(index.CountHouseholds(""), 0);
}

}  // namespace
}  // namespace xianjie::registry
