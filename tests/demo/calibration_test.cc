// The generated registry matches the Qinghai figures of DOMAIN.md §12 and gives the 2024
// screening rules (§4.1) a realistic share of households to find.
#include <gtest/gtest.h>

#include <map>

#include "demo/generator.h"
#include "demo/villages.h"
#include "exchange_check.h"

namespace xianjie::demo {
namespace {

using registry::HouseholdStatus;

constexpr int64_t kLineFen = 750'000;  // 2024 line: 7,500 yuan per person and year

// Figures over 20,000 households, computed from the files as an importer would read them.
struct Figures {
  int64_t households = 0;
  int64_t members = 0;
  int64_t counted = 0;
  int64_t lifted = 0;
  int64_t farming_east = 0;
  int64_t below_line = 0;
  int64_t uninsured = 0;  // households with a counted member without medical insurance
  int64_t housing_unsafe = 0;
  int64_t water_unsafe = 0;
  int64_t prev_unknown = 0;
  // Person-weighted net income and persons, by key: "all", "lifted", "ordinary", prefecture.
  std::map<std::string, std::pair<int64_t, int64_t>> income;

  double Share(int64_t n) const { return static_cast<double>(n) / households; }
  double PerCapita(const std::string& key) const {
    auto [fen, persons] = income.at(key);
    return static_cast<double>(fen) / persons / 100.0;
  }
};

Figures Compute(const testing::CheckResult& r) {
  Figures f;
  std::map<std::string, std::pair<int, bool>> counted;  // household -> counted, uninsured
  for (const auto& m : r.members) {
    ++f.members;
    if (!m.member.shares_household) continue;
    ++f.counted;
    auto& [n, uninsured] = counted[m.household_id];
    ++n;
    uninsured |= !m.member.med_insured;
  }
  for (const registry::Household& h : r.households) {
    ++f.households;
    const bool lifted = h.status == HouseholdStatus::kLifted;
    f.lifted += lifted;
    f.farming_east += IsFarmingEast(h.village_code);
    f.housing_unsafe += !h.housing_safe;
    f.water_unsafe += !h.water_safe;
    f.prev_unknown += !h.prev_net_income.has_value();
    auto [n, uninsured] = counted[h.household_id];
    if (n == 0) continue;  // not screened
    f.uninsured += uninsured;
    const int64_t net = registry::NetIncome(h).fen();
    f.below_line += net < kLineFen * n;
    for (const std::string& key : {std::string("all"), std::string(lifted ? "lifted" : "ordinary"),
                                   h.village_code.ToString().substr(0, 4)}) {
      f.income[key].first += net;
      f.income[key].second += n;
    }
  }
  return f;
}

class CalibrationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    GeneratorOptions o;
    o.households = 20000;
    o.seed = 2024;
    testing::Generated g = testing::GenerateInMemory(o);
    auto checked = testing::CheckExchangeFiles(g.households, g.members,
                                               registry::RegionTable::BuiltIn(), o.reference_date);
    EXPECT_TRUE(checked.problems.empty());
    figures_ = new Figures(Compute(checked));
  }
  static void TearDownTestSuite() { delete figures_; }
  static Figures* figures_;
};
Figures* CalibrationTest::figures_ = nullptr;

TEST_F(CalibrationTest, FourToSevenPercentOfHouseholdsAreBelowThe2024Line) {
  EXPECT_GE(figures_->Share(figures_->below_line), 0.03);
  EXPECT_LE(figures_->Share(figures_->below_line), 0.08);
}

TEST_F(CalibrationTest, HouseholdsAverageAbout3Point46Members) {
  const double mean = static_cast<double>(figures_->members) / figures_->households;
  EXPECT_GE(mean, 3.2);
  EXPECT_LE(mean, 3.7);
}

TEST_F(CalibrationTest, AFifthToAQuarterOfHouseholdsAreLifted) {
  EXPECT_GE(figures_->Share(figures_->lifted), 0.15);
  EXPECT_LE(figures_->Share(figures_->lifted), 0.30);
}

TEST_F(CalibrationTest, TheFarmingEastHoldsAboutThreeQuartersOfHouseholds) {
  EXPECT_GE(figures_->Share(figures_->farming_east), 0.65);
  EXPECT_LE(figures_->Share(figures_->farming_east), 0.85);
}

TEST_F(CalibrationTest, PerCapitaNetIncomeIsAbout15000Yuan) {
  EXPECT_GE(figures_->PerCapita("all"), 14000);
  EXPECT_LE(figures_->PerCapita("all"), 16000);
}

TEST_F(CalibrationTest, LiftedHouseholdsEarnLessThanOrdinaryOnes) {
  EXPECT_GE(figures_->PerCapita("lifted"), 11500);
  EXPECT_LE(figures_->PerCapita("lifted"), 14500);
  EXPECT_LT(figures_->PerCapita("lifted"), figures_->PerCapita("ordinary") - 1000);
}

TEST_F(CalibrationTest, HaixiAndHaibeiEarnMostAndTheSouthernPastoralPrefecturesLeast) {
  for (const char* rich : {"6328", "6322"}) {
    for (const char* poor : {"6326", "6327", "6323"}) {
      EXPECT_GT(figures_->PerCapita(rich), figures_->PerCapita(poor) + 2000) << rich << " " << poor;
    }
  }
}

TEST_F(CalibrationTest, AboutThreePercentOfMembersDoNotShareTheHousehold) {
  const double away = 1.0 - static_cast<double>(figures_->counted) / figures_->members;
  EXPECT_GE(away, 0.02);
  EXPECT_LE(away, 0.04);
}

TEST_F(CalibrationTest, OneToTwoPercentOfHouseholdsHaveAnUninsuredMember) {
  EXPECT_GE(figures_->Share(figures_->uninsured), 0.008);
  EXPECT_LE(figures_->Share(figures_->uninsured), 0.03);
}

TEST_F(CalibrationTest, AboutOnePercentOfHousesAndWaterSuppliesAreUnsafe) {
  EXPECT_GE(figures_->Share(figures_->housing_unsafe), 0.004);
  EXPECT_LE(figures_->Share(figures_->housing_unsafe), 0.02);
  EXPECT_GE(figures_->Share(figures_->water_unsafe), 0.004);
  EXPECT_LE(figures_->Share(figures_->water_unsafe), 0.02);
}

TEST_F(CalibrationTest, AboutTwoPercentOfPreviousIncomesAreUnknown) {
  EXPECT_GE(figures_->Share(figures_->prev_unknown), 0.01);
  EXPECT_LE(figures_->Share(figures_->prev_unknown), 0.03);
}

}  // namespace
}  // namespace xianjie::demo
