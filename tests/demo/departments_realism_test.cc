// What the generator's department files say about the registry's people (demo/departments.h):
// dropouts of school age, certificates for the disabled, bills for the ill and the old, deaths
// of the old, allowances for low-income households, unsafe houses and water the registry knows,
// and a modest number of warnings. On 12,000 households, for enough rows of the rarer sources.
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/date.h"
#include "demo/departments.h"
#include "demo/generator.h"
#include "department_world.h"

namespace xianjie::demo {
namespace {

using testing::Person;
using testing::World;

constexpr int64_t kHouseholds = 12000;

World& Default() {
  static World* world = [] {
    GeneratorOptions o;
    o.households = kHouseholds;
    o.seed = 3;
    return new World(o);
  }();
  return *world;
}

TEST(DepartmentRealismTest, AboutOnePercentOfRowsAreOfOtherProvincesAndAHalfMalformed) {
  World& w = Default();
  int64_t rows = 0, outsiders = 0, planted = 0;
  std::set<std::string> rules;
  for (const DepartmentFile& f : w.files.files) {
    rows += std::ssize(f.rows);
    outsiders += std::ssize(f.out_of_province_rows);
    planted += std::ssize(f.planted_errors);
    for (const PlantedError& e : f.planted_errors) rules.insert(e.rule);
  }
  for (const DepartmentFile& f : w.files.files) EXPECT_GT(f.rows.size(), 5u) << f.source;
  EXPECT_GT(outsiders, rows * 0.006);
  EXPECT_LT(outsiders, rows * 0.014);
  EXPECT_GT(planted, rows * 0.003);
  EXPECT_LT(planted, rows * 0.007);
  EXPECT_EQ(rules, (std::set<std::string>{"date.future", "enum.unknown", "id_number.check",
                                          "money.format"}));
}

TEST(DepartmentRealismTest, DropoutsAreChildrenOfSchoolAge) {
  World& w = Default();
  int dropouts = 0;
  int known = 0;
  for (const auto& [row, status] : w.Accepted("education", "status")) {
    if (status != "dropout" && status != "out_of_school") continue;
    const Person* p = w.Find(row->key);
    if (p == nullptr) continue;
    ++dropouts;
    const int age = AgeOn(p->birth, *ParseDate(row->event_date));
    EXPECT_GE(age, 6) << row->raw;
    EXPECT_LE(age, 16) << row->raw;
    known += !p->enrolled;
  }
  EXPECT_GT(dropouts, 3);
  EXPECT_GT(known, dropouts / 2);  // mostly those the registry records out of school
}

TEST(DepartmentRealismTest, CertificatesGoToTheDisabledAndAFewNotYetRecorded) {
  World& w = Default();
  int rows = 0, recorded = 0;
  for (const auto& [row, grade] : w.Accepted("disability", "grade")) {
    const Person* p = w.Find(row->key);
    if (p == nullptr) continue;
    ++rows;
    recorded += p->health == "disabled";
  }
  EXPECT_GT(rows, 5);
  EXPECT_GE(recorded, rows * 0.6);
  EXPECT_LT(recorded, rows);  // the update to the registry shows
}

TEST(DepartmentRealismTest, MedicalBillsGoMostlyToTheIllTheDisabledAndTheOld) {
  World& w = Default();
  int rows = 0, expected = 0;
  for (const auto& [row, visit] : w.Accepted("medical_insurance", "visit_type")) {
    const Person* p = w.Find(row->key);
    if (p == nullptr) continue;
    ++rows;
    expected += p->health != "healthy" || AgeOn(p->birth, w.files.as_of) >= 65;
  }
  EXPECT_GT(rows, kHouseholds / 10);
  EXPECT_GE(expected, rows * 0.8);
}

TEST(DepartmentRealismTest, DeathsAreOfTheOld) {
  World& w = Default();
  int deaths = 0;
  for (const auto& [row, change] : w.Accepted("public_security", "change")) {
    const Person* p = w.Find(row->key);
    if (p == nullptr || change != "death") continue;
    ++deaths;
    EXPECT_GE(AgeOn(p->birth, *ParseDate(row->event_date)), 59) << row->raw;
  }
  EXPECT_GT(deaths, 3);
}

TEST(DepartmentRealismTest, AllowancesGoMostlyToLowIncomeHouseholds) {
  World& w = Default();
  std::vector<double> all;
  for (const auto& [id, p] : w.people) all.push_back(p.per_capita);
  std::sort(all.begin(), all.end());
  const double median = all[all.size() / 2];
  int recipients = 0, below = 0;
  for (const auto& [row, kind] : w.Accepted("civil_affairs", "assistance")) {
    const Person* p = w.Find(row->key);
    if (p == nullptr || kind == "temporary") continue;
    if (row->values[4].text == "ended") continue;  // state
    ++recipients;
    below += p->per_capita < median;
  }
  EXPECT_GT(recipients, kHouseholds / 100);
  EXPECT_GE(below, recipients * 0.7);
}

TEST(DepartmentRealismTest, UnsafeHousesAndWaterAreMostlyTheRegistrys) {
  World& w = Default();
  int danger = 0, known = 0;
  for (const auto& [row, grade] : w.Accepted("housing", "grade")) {
    const Person* p = w.Find(row->key);
    if (p == nullptr || (grade != "C" && grade != "D")) continue;
    ++danger;
    known += !p->housing_safe;
    EXPECT_EQ(p->relation, "head") << row->raw;
  }
  EXPECT_GT(danger, 3);
  EXPECT_GE(known, danger * 0.6);
  int water = 0;
  known = 0;
  for (const auto& [row, problem] : w.Accepted("water", "problem")) {
    const Person* p = w.Find(row->key);
    if (p == nullptr) continue;
    ++water;
    known += !p->water_safe;
  }
  EXPECT_GT(water, 2);
  EXPECT_GT(known, water / 2);
}

// The contracts' warnings (config/sources/*.toml), evaluated here the simple way: people whose
// facts of the 12 months raise one, per source. For 4,000 households a modest number in all
// (hundreds for 50,000), none of the sources flooding the worklist.
TEST(DepartmentRealismTest, WarningsAreModest) {
  World& w = Default();
  constexpr double kLine = 15300;  // rural_income_last_year of the built-in standard
  std::map<std::string, std::set<std::string>> warned;
  std::map<std::string, double> oop;
  std::map<std::string, double> stay;
  for (const auto& [row, own] : w.Accepted("medical_insurance", "out_of_pocket")) {
    oop[row->key] += std::stod(own);
    stay[row->key] = std::max(stay[row->key], std::stod(row->values[5].text));
  }
  for (const auto& [id, sum] : oop) {
    const Person* p = w.Find(id);
    if (p == nullptr) continue;
    if ((p->lifted && sum > 0.5 * kLine) || (!p->lifted && sum > kLine) ||
        (p->lifted && stay[id] > 6000) || stay[id] > 10000) {
      warned["medical_insurance"].insert(id);
    }
  }
  auto any = [&](std::string_view source, std::string_view column, auto when) {
    for (const auto& [row, value] : w.Accepted(source, column)) {
      const Person* p = w.Find(row->key);
      if (p != nullptr && when(*p, value)) warned[std::string(source)].insert(row->key);
    }
  };
  auto always = [](const Person&, const std::string&) { return true; };
  any("health", "id_number", always);
  any("disability", "id_number", always);
  any("water", "id_number", always);
  any("emergency", "id_number", always);
  any("agriculture", "loss", [](const Person&, const std::string& v) { return v != "0.00"; });
  any("education", "status",
      [](const Person&, const std::string& v) { return v == "dropout" || v == "out_of_school"; });
  any("civil_affairs", "state", [](const Person&, const std::string& v) { return v == "new"; });
  any("housing", "grade", [](const Person&, const std::string& v) { return v == "C" || v == "D"; });
  any("human_resources", "employment", [](const Person& p, const std::string& v) {
    return v == "unemployed" && (p.labor == "skilled" || p.labor == "ordinary");
  });
  size_t total = 0;
  std::set<std::string> households;
  for (const auto& [source, ids] : warned) {
    std::cout << "  " << source << ": " << w.File(source).rows.size() << " rows, " << ids.size()
              << " people warned\n";
    for (const std::string& id : ids) households.insert(w.Find(id)->household_id);
    total += ids.size();
    EXPECT_LE(ids.size(), kHouseholds * 8 / 1000) << source;
  }
  std::cout << "  in all: " << total << " people of " << households.size() << " households, of "
            << kHouseholds << " households\n";
  EXPECT_EQ(warned.size(), 10u);
  EXPECT_GE(total, kHouseholds * 5 / 1000);
  EXPECT_LE(total, kHouseholds * 25 / 1000);
}

}  // namespace
}  // namespace xianjie::demo
