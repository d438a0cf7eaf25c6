// Tests of the poverty measures (analytics/poverty.h): published test vectors with their
// sources, the properties of person weights (a household of w is w equal persons), ties, the
// corner cases, regions, refusals, the snapshot's per-capita incomes, and agreement with a
// naive second implementation (naive_poverty.h) on a generated registry.
#include "analytics/poverty.h"

#include <gtest/gtest.h>

#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "analytics/naive_poverty.h"
#include "base/id_number.h"
#include "demo/generator.h"
#include "ingest/snapshot_reader.h"
#include "registry/household.h"
#include "registry/region.h"

namespace xianjie::analytics {
namespace {

constexpr char kVillage[] = "630102001001";

// One household per income, one person each unless `persons` is given, all in kVillage.
PovertyBase Base(const std::vector<int64_t>& incomes, const std::vector<uint32_t>& persons = {}) {
  std::vector<IncomeEntry> entries;
  for (size_t i = 0; i < incomes.size(); ++i) {
    entries.push_back({incomes[i], persons.empty() ? 1u : persons[i], 0});
  }
  auto base = PovertyBase::FromEntries({kVillage}, std::move(entries));
  EXPECT_TRUE(base.ok()) << base.status().ToString();
  return *std::move(base);
}

PovertyMeasures Measure(const PovertyBase& base, int64_t line, std::string_view region = "") {
  auto m = MeasurePoverty(base, region, line);
  EXPECT_TRUE(m.ok()) << m.status().ToString();
  return m.ok() ? *m : PovertyMeasures{};
}

// The figures of persons (not of households) are the same.
void ExpectSame(const PovertyMeasures& a, const PovertyMeasures& b) {
  EXPECT_EQ(a.line_fen, b.line_fen);
  EXPECT_EQ(a.persons, b.persons);
  EXPECT_EQ(a.poor_persons, b.poor_persons);
  EXPECT_EQ(a.mean_income_fen, b.mean_income_fen);
  EXPECT_EQ(a.total_gap_fen, b.total_gap_fen);
  // Every sum is an exact integer: the same persons give the same bits.
  EXPECT_EQ(a.p0, b.p0);
  EXPECT_EQ(a.p1, b.p1);
  EXPECT_EQ(a.p2, b.p2);
  EXPECT_EQ(a.gini, b.gini);
}

// ---- published test vectors

// Haughton, J. and Khandker, S. R. (2009), Handbook on Poverty and Inequality, World Bank,
// Washington DC (ISBN 978-0-8213-7613-3), chapter 4 "Measures of Poverty": the tables
// "Calculating the Poverty Gap Index, Assuming Poverty Line of 125". Expenditure in country C:
// 100, 110, 150, 160. Page 70: poverty gap index (P1) 0.08 [= 0.32/4]. Page 72: squared
// poverty gap index (P2) 0.0136 [= 0.0544/4]. (The headcount, 2 of 4, follows from the table.)
TEST(PovertyVectorsTest, HaughtonKhandkerCountryC) {
  const PovertyMeasures m = Measure(Base({100, 110, 150, 160}), 125);
  EXPECT_NEAR(m.p1, 0.08, 1e-15);
  EXPECT_NEAR(m.p2, 0.0136, 1e-15);
  EXPECT_EQ(m.poor_persons, 2);
  EXPECT_EQ(m.p0, 0.5);
  EXPECT_EQ(m.total_gap_fen, 40);  // the gaps 25 and 15
}

// JosepER/Inequality.jl (Julia), the doctests of src/Headcount.jl, src/Poverty_gap.jl and
// src/Fgt.jl: headcount([8, 5, 1, 3, 5, 6, 7, 6, 3], 4) = 0.3333333333333333,
// poverty_gap(same, 4) = 0.1388888888888889, fgt(same, 2, 4) = 0.0763888888888889; and
// src/Gini.jl: gini([8, 5, 1, 3, 5, 6, 7, 6, 3]) = 0.2373737373737374. Poor is v < z there
// too.
TEST(PovertyVectorsTest, InequalityJlUnweighted) {
  const PovertyMeasures m = Measure(Base({8, 5, 1, 3, 5, 6, 7, 6, 3}), 4);
  EXPECT_NEAR(m.p0, 0.3333333333333333, 1e-15);
  EXPECT_NEAR(m.p1, 0.1388888888888889, 1e-15);
  EXPECT_NEAR(m.p2, 0.0763888888888889, 1e-15);
  EXPECT_NEAR(m.gini, 0.2373737373737374, 1e-15);
}

// The same doctests with weights. Headcount and poverty gap with weights
// [0.1, 0.5, 0.3, 0.8, 0.1, 0.5, 0.3, 0.8, 0.2]: 0.36111111111111116 and 0.13194444444444445;
// fgt(v, collect(0.1:0.1:0.9), 2, 4) = 0.05555555555555555; gini(v, collect(0.1:0.1:0.9)) =
// 0.20652395514780775. The measures depend on the weights' proportions only, so ten times the
// weights are whole persons here (a household of 5 for 0.5). Julia's own floating-point sums
// differ from the exact value in the last digits (the exact Gini is 0.206523955147808...).
TEST(PovertyVectorsTest, InequalityJlWeighted) {
  const std::vector<int64_t> v = {8, 5, 1, 3, 5, 6, 7, 6, 3};
  const PovertyMeasures a = Measure(Base(v, {1, 5, 3, 8, 1, 5, 3, 8, 2}), 4);
  EXPECT_NEAR(a.p0, 0.36111111111111116, 1e-12);
  EXPECT_NEAR(a.p1, 0.13194444444444445, 1e-12);
  const PovertyMeasures b = Measure(Base(v, {1, 2, 3, 4, 5, 6, 7, 8, 9}), 4);
  EXPECT_NEAR(b.p2, 0.05555555555555555, 1e-12);
  EXPECT_NEAR(b.gini, 0.20652395514780775, 1e-12);
}

// The R package ineq (Zeileis), help page ineq(): its example vector
// x <- c(541, 1463, 2445, 3438, 4437, 5401, 6392, 8304, 11904, 22261); Gini(x) prints
// 0.4620911 (ineq's Gini without the finite-sample correction, as quoted beside the same vector
// in open-risk/concentrationMetrics, examples/python/gini_example.py: "Comparison with R
// version in ineq package ... Gini: 0.4620911").
TEST(PovertyVectorsTest, IneqDocumentationExample) {
  const PovertyMeasures m =
      Measure(Base({541, 1463, 2445, 3438, 4437, 5401, 6392, 8304, 11904, 22261}), 1000);
  EXPECT_NEAR(m.gini, 0.4620911, 5e-8);
}

// The R package phylotools 0.1.2, help page gini ("directly adopted from package ineq"):
// gini(c(1,3,2,1,1,1,4)) gives 0.3076923. Four equal incomes: ties across households.
TEST(PovertyVectorsTest, PhylotoolsExampleWithTies) {
  EXPECT_NEAR(Measure(Base({1, 3, 2, 1, 1, 1, 4}), 2).gini, 0.3076923, 5e-8);
}

// The Gini of 1, 2, 3, 4, 5 is 0.2667 (decision 0008's example): for the incomes 1 .. n the
// formula gives (n − 1) / (3n) = 4/15 exactly.
TEST(PovertyVectorsTest, OneToFive) {
  const double g = Measure(Base({1, 2, 3, 4, 5}), 3).gini;
  EXPECT_NEAR(g, 0.2667, 5e-5);
  EXPECT_NEAR(g, 4.0 / 15.0, 1e-15);
}

// ---- weights, ties and corners

TEST(PovertyPropertiesTest, AHouseholdOfThreeIsThreeSinglePersons) {
  const PovertyMeasures grouped = Measure(Base({700, 300, 900}, {1, 3, 2}), 500);
  ExpectSame(grouped, Measure(Base({700, 300, 300, 300, 900, 900}), 500));
  EXPECT_EQ(grouped.households, 3);
  EXPECT_EQ(grouped.poor_households, 1);
  EXPECT_EQ(grouped.poor_persons, 3);
}

TEST(PovertyPropertiesTest, WeightsAreRepetitionOnRandomHouseholds) {
  std::mt19937_64 rng(20241);
  std::vector<int64_t> incomes, expanded;
  std::vector<uint32_t> persons;
  for (int i = 0; i < 500; ++i) {
    const int64_t y = static_cast<int64_t>(rng() % 2000);  // many ties among 500 households
    const auto w = static_cast<uint32_t>(1 + rng() % 7);
    incomes.push_back(y);
    persons.push_back(w);
    for (uint32_t k = 0; k < w; ++k) expanded.push_back(y);
  }
  for (int64_t line : {1, 500, 1000, 1999, 2000, 5000}) {
    SCOPED_TRACE(line);
    const PovertyMeasures grouped = Measure(Base(incomes, persons), line);
    ExpectSame(grouped, Measure(Base(expanded), line));
    EXPECT_EQ(grouped.households, 500);
  }
}

TEST(PovertyPropertiesTest, EqualIncomesInAnyOrderAndVillageGiveTheSameFigures) {
  std::vector<std::string> villages = {"630102001001", "630102001002"};
  auto a = PovertyBase::FromEntries(villages, {{400, 2, 0}, {400, 1, 1}, {100, 1, 0}, {400, 3, 1}});
  auto b = PovertyBase::FromEntries(villages, {{400, 3, 0}, {100, 1, 1}, {400, 1, 0}, {400, 2, 1}});
  ASSERT_TRUE(a.ok() && b.ok());
  ExpectSame(Measure(*a, 300), Measure(*b, 300));
  // One person at 100 and six at 400, as the naive pairwise Gini sees them.
  const testing::NaiveMeasures naive =
      testing::NaivePoverty({{kVillage, 100, 1}, {kVillage, 2400, 6}}, "", 300);
  EXPECT_NEAR(Measure(*a, 300).gini, static_cast<double>(naive.gini), 1e-15);
}

TEST(PovertyPropertiesTest, EveryoneEqualHasGiniZero) {
  EXPECT_EQ(Measure(Base({750, 750, 750}, {1, 4, 2}), 500).gini, 0.0);
}

TEST(PovertyPropertiesTest, EveryoneWithZeroIncome) {
  const PovertyMeasures m = Measure(Base({0, 0, 0}, {2, 1, 3}), 750000);
  EXPECT_EQ(m.persons, 6);
  EXPECT_EQ(m.poor_persons, 6);
  EXPECT_EQ(m.p0, 1.0);
  EXPECT_EQ(m.p1, 1.0);
  EXPECT_EQ(m.p2, 1.0);
  EXPECT_EQ(m.gini, 0.0);  // Σ y = 0: documented as 0
  EXPECT_EQ(m.mean_income_fen, 0);
  EXPECT_EQ(m.total_gap_fen, 6 * 750000);
}

TEST(PovertyPropertiesTest, OnePersonHasAllTheIncomeOfMany) {
  // n − 1 persons with nothing and one with everything: G = (n − 1) / n.
  const PovertyMeasures m = Measure(Base({0, 1000}, {9, 1}), 500);
  EXPECT_NEAR(m.gini, 0.9, 1e-15);
  EXPECT_EQ(m.p0, 0.9);
  EXPECT_EQ(m.mean_income_fen, 100);
}

TEST(PovertyPropertiesTest, ASinglePerson) {
  const PovertyMeasures poor = Measure(Base({250}), 1000);
  EXPECT_EQ(poor.persons, 1);
  EXPECT_EQ(poor.p0, 1.0);
  EXPECT_EQ(poor.p1, 0.75);
  EXPECT_EQ(poor.p2, 0.5625);
  EXPECT_EQ(poor.gini, 0.0);
  EXPECT_EQ(poor.mean_income_fen, 250);
}

TEST(PovertyPropertiesTest, NobodyPoor) {
  const PovertyMeasures m = Measure(Base({800, 1200, 5000}, {3, 1, 2}), 750);
  EXPECT_EQ(m.poor_persons, 0);
  EXPECT_EQ(m.poor_households, 0);
  EXPECT_EQ(m.p0, 0.0);
  EXPECT_EQ(m.p1, 0.0);
  EXPECT_EQ(m.p2, 0.0);
  EXPECT_EQ(m.total_gap_fen, 0);
  EXPECT_GT(m.gini, 0.0);
}

TEST(PovertyPropertiesTest, AnIncomeOnTheLineIsNotPoor) {
  const PovertyMeasures m = Measure(Base({749, 750, 751}), 750);
  EXPECT_EQ(m.poor_persons, 1);
  EXPECT_NEAR(m.p0, 1.0 / 3.0, 1e-15);
  EXPECT_NEAR(m.p1, 1.0 / 750.0 / 3.0, 1e-15);
}

TEST(PovertyPropertiesTest, NoPersonsGiveZeros) {
  auto base = PovertyBase::FromEntries({kVillage}, {}, {2});
  ASSERT_TRUE(base.ok());
  const PovertyMeasures m = Measure(*base, 750);
  EXPECT_EQ(m.persons, 0);
  EXPECT_EQ(m.households, 0);
  EXPECT_EQ(m.excluded_households, 2);
  EXPECT_EQ(m.p0, 0.0);
  EXPECT_EQ(m.gini, 0.0);
  EXPECT_EQ(m.line_fen, 750);
}

// ---- regions

TEST(PovertyRegionTest, APrefixKeepsTheHouseholdsOfItsVillages) {
  const std::vector<std::string> villages = {"630102001001", "630102001002", "630121100001",
                                             "632221001001"};
  auto base = PovertyBase::FromEntries(
      villages, {{100, 2, 0}, {900, 1, 1}, {300, 3, 2}, {50, 1, 3}, {700, 2, 2}}, {1, 0, 2, 0});
  ASSERT_TRUE(base.ok());
  const PovertyMeasures all = Measure(*base, 500, "63");
  EXPECT_EQ(all.households, 5);
  EXPECT_EQ(all.persons, 9);
  EXPECT_EQ(all.excluded_households, 3);
  ExpectSame(all, Measure(*base, 500, ""));
  const PovertyMeasures county = Measure(*base, 500, "630121");
  EXPECT_EQ(county.households, 2);
  EXPECT_EQ(county.persons, 5);
  EXPECT_EQ(county.excluded_households, 2);
  ExpectSame(county, Measure(Base({300, 700}, {3, 2}), 500));
  const PovertyMeasures township = Measure(*base, 500, "630102001");
  EXPECT_EQ(township.persons, 3);
  EXPECT_EQ(township.excluded_households, 1);
  ExpectSame(township, Measure(Base({100, 900}, {2, 1}), 500));
  const PovertyMeasures village = Measure(*base, 500, "632221001001");
  EXPECT_EQ(village.persons, 1);
  EXPECT_EQ(village.p0, 1.0);
  const PovertyMeasures absent = Measure(*base, 500, "6302");
  EXPECT_EQ(absent.persons, 0);
  EXPECT_EQ(absent.households, 0);
  EXPECT_EQ(absent.excluded_households, 0);
}

// ---- refusals

TEST(PovertyRefusalTest, ABadLineOrRegionIsRefusedSayingWhatToGive) {
  const PovertyBase base = Base({100});
  for (int64_t line : {int64_t{0}, int64_t{-750}, int64_t{1'000'000'001}}) {
    auto m = MeasurePoverty(base, "", line);
    ASSERT_EQ(m.status().code(), StatusCode::kInvalidArgument) << line;
    EXPECT_NE(m.status().message().find("the line must be 1 to 10^9 fen"), std::string::npos)
        << m.status().message();
  }
  auto bad = MeasurePoverty(base, "63a1", 750);
  ASSERT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("'63a1' is not a region code"), std::string::npos);
}

TEST(PovertyRefusalTest, EntriesThatBreakTheContractAreRefusedNamingThem) {
  struct Case {
    std::vector<std::string> villages;
    std::vector<IncomeEntry> entries;
    std::vector<int64_t> excluded;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"6301020010"}, {}, {}, "village code 0 '6301020010' is not 12 digits"},
      {{"630102001002", "630102001001"}, {}, {}, "must be ascending and distinct"},
      {{kVillage, kVillage}, {}, {}, "must be ascending and distinct"},
      {{kVillage}, {{100, 1, 1}}, {}, "entry 0: village index 1 is past the 1 village codes"},
      {{kVillage}, {{100, 1, 0}, {100, 0, 0}}, {}, "entry 1: a household needs at least one"},
      {{kVillage}, {{-1, 1, 0}}, {}, "entry 0: income -1 is negative; floor it at 0 first"},
      {{kVillage}, {{100, 4'000'000'000u, 0}, {100, 400'000'000u, 0}}, {}, "at most 2^32 - 1"},
      {{kVillage}, {}, {1, 2}, "excluded households are given for 2 villages, not the 1"},
      {{kVillage}, {}, {-1}, "excluded households of village 630102001001 is negative"},
  };
  for (const Case& c : cases) {
    auto base = PovertyBase::FromEntries(c.villages, c.entries, c.excluded);
    ASSERT_EQ(base.status().code(), StatusCode::kInvalidArgument) << c.message;
    EXPECT_NE(base.status().message().find(c.message), std::string::npos)
        << base.status().message();
  }
}

// ---- from a snapshot

// A household of `listed` members of whom `counted` share the household, with net income
// `net_fen` (all of it wage, or all of it production costs when negative).
registry::HouseholdRecord Record(const std::string& id, const std::string& village, int64_t net_fen,
                                 int listed, int counted) {
  static int sequence = 0;
  registry::HouseholdRecord r;
  r.household.household_id = id;
  r.household.village_code = *RegionCode::Parse(village);
  if (net_fen >= 0) {
    r.household.wage_income = Money::FromFen(net_fen);
  } else {
    r.household.production_costs = Money::FromFen(-net_fen);
  }
  for (int i = 0; i < listed; ++i) {
    registry::Member& m = r.members.emplace_back();
    m.birth_date = CivilDate::FromYmd(1970 + i, 3, 1);
    m.id_number = MakeIdNumber(village.substr(0, 6), m.birth_date, ++sequence % 1000);
    m.name = "成员" + std::to_string(i);
    m.relation = i == 0 ? registry::Relation::kHead : registry::Relation::kChild;
    m.shares_household = i < counted;
  }
  registry::Canonicalize(r);
  return r;
}

std::shared_ptr<const registry::Snapshot> Snapshot(
    const std::vector<registry::HouseholdRecord>& records) {
  registry::SnapshotBuilder builder;
  for (const auto& r : records) EXPECT_TRUE(builder.Add(r).ok()) << r.household.household_id;
  return builder.Finish();
}

TEST(PovertySnapshotTest, PerCapitaIncomeIsRoundedHalfAwayFromZeroAndFlooredAtZero) {
  const auto snapshot = Snapshot({
      Record("H1", "630121100001", 1001, 2, 2),   // 500.5 → 501
      Record("H2", "630121100001", 1000, 3, 3),   // 333.33 → 333
      Record("H3", "630102001001", -5000, 2, 1),  // negative → 0; one of two counted
      Record("H4", "630102001001", 9000, 2, 0),   // nobody counted: left out
      Record("H5", "630102001001", 2249, 3, 3),   // 749.67 → 750: on a line of 750, not poor
  });
  const PovertyBase base = PovertyBase::FromSnapshot(*snapshot);
  ASSERT_EQ(base.village_codes().size(), 2u);
  EXPECT_EQ(base.village_codes()[0], "630102001001");
  EXPECT_EQ(base.village_codes()[1], "630121100001");
  const std::vector<IncomeEntry> expected = {{0, 1, 0}, {333, 3, 1}, {501, 2, 1}, {750, 3, 0}};
  EXPECT_EQ(std::vector<IncomeEntry>(base.entries().begin(), base.entries().end()), expected);
  const PovertyMeasures m = Measure(base, 750);
  EXPECT_EQ(m.households, 4);
  EXPECT_EQ(m.excluded_households, 1);
  EXPECT_EQ(m.persons, 9);
  EXPECT_EQ(m.poor_persons, 6);  // H5's exact 749.67 is below 750, its rounded 750 is not
  EXPECT_EQ(m.poor_households, 3);
  EXPECT_EQ(m.total_gap_fen, 750 + 3 * (750 - 333) + 2 * (750 - 501));
  EXPECT_EQ(m.mean_income_fen, (333 * 3 + 501 * 2 + 750 * 3 + 4) / 9);  // 4250 / 9 rounded
  EXPECT_EQ(Measure(base, 750, "630102001001").excluded_households, 1);
  EXPECT_EQ(Measure(base, 750, "630121").excluded_households, 0);
}

// ---- against the naive implementation on a generated registry

class PovertyNaiveTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    demo::GeneratorOptions options;
    options.households = 2500;
    options.seed = 2024;
    std::ostringstream households, members;
    auto stats =
        demo::GenerateRegistry(options, registry::RegionTable::BuiltIn(), households, members);
    ASSERT_TRUE(stats.ok()) << stats.status().ToString();
    auto read =
        ingest::ReadSnapshotFromExchangeData(households.str(), members.str(), "households.csv",
                                             "members.csv", registry::RegionTable::BuiltIn());
    ASSERT_TRUE(read.ok()) << read.status().ToString();
    ASSERT_EQ(read->snapshot->households(), 2500u);
    // Two households without a counted member and one with a loss, patched in so that the
    // registry has them whatever the generator drew.
    auto patched = registry::Patch(*read->snapshot,
                                   std::vector<registry::HouseholdRecord>{
                                       Record("630121100001-9001", "630121100001", 500000, 2, 0),
                                       Record("630121100001-9002", "630121100001", 0, 1, 0),
                                       Record("630121100001-9003", "630121100001", -80000, 3, 2)});
    ASSERT_TRUE(patched.ok()) << patched.status().ToString();
    snapshot_ = new std::shared_ptr<const registry::Snapshot>(*patched);
  }
  static void TearDownTestSuite() {
    delete snapshot_;
    snapshot_ = nullptr;
  }
  static std::shared_ptr<const registry::Snapshot>* snapshot_;
};

std::shared_ptr<const registry::Snapshot>* PovertyNaiveTest::snapshot_ = nullptr;

TEST_F(PovertyNaiveTest, AgreesWithTheNaiveComputationInEveryKindOfRegion) {
  ASSERT_NE(snapshot_, nullptr);
  const registry::Snapshot& s = **snapshot_;
  const PovertyBase base = PovertyBase::FromSnapshot(s);
  const std::vector<testing::NaiveHousehold> households = testing::NaiveHouseholds(s);
  // The province, the prefecture, county, township and village of the first household, and
  // the county with the patched households.
  const std::string v = std::to_string(s.village_code()[0]);
  for (const std::string& region : {std::string("63"), v.substr(0, 4), v.substr(0, 6),
                                    v.substr(0, 9), v, std::string("630121")}) {
    for (int64_t line : {int64_t{750000}, int64_t{1}}) {
      SCOPED_TRACE(region + " under " + std::to_string(line));
      const PovertyMeasures m = Measure(base, line, region);
      const testing::NaiveMeasures naive = testing::NaivePoverty(households, region, line);
      ASSERT_GT(naive.persons, 0);
      EXPECT_EQ(m.households, naive.households);
      EXPECT_EQ(m.excluded_households, naive.excluded);
      EXPECT_EQ(m.persons, naive.persons);
      EXPECT_EQ(m.poor_persons, naive.poor_persons);
      EXPECT_NEAR(static_cast<double>(m.mean_income_fen), static_cast<double>(naive.mean), 0.5);
      EXPECT_NEAR(m.p0, static_cast<double>(naive.p0), 1e-12);
      EXPECT_NEAR(m.p1, static_cast<double>(naive.p1), 1e-12);
      EXPECT_NEAR(m.p2, static_cast<double>(naive.p2), 1e-12);
      EXPECT_NEAR(m.gini, static_cast<double>(naive.gini), 1e-12);
    }
  }
  // The registry is a realistic one: some poor, and an unequal distribution.
  const PovertyMeasures province = Measure(base, 750000, "63");
  EXPECT_GT(province.p0, 0.0);
  EXPECT_LT(province.p0, 0.5);
  EXPECT_GT(province.gini, 0.1);
  EXPECT_GE(province.excluded_households, 2);
}

}  // namespace
}  // namespace xianjie::analytics
