// The village tables of a view brought up to date after writes (service/analytics.h,
// VillageTableOf; decision 0008, "Incremental village table"): rounds of random writes to the
// case data — households identified and eliminated, measures added and changed, department
// leads, the limits — over the memory and the SQLite store, after each of which the view's
// tables of three years equal, field by field, the tables a fresh view makes from the whole case
// data; and, in SQLite, that only the households the change log names are read again.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "cases/case.h"
#include "registry/region.h"
#include "service/analytics.h"
#include "service/service_test_support.h"
#include "store/open.h"
#include "store/sqlite_test_support.h"
#include "support/temp_files.h"

namespace xianjie::service {
namespace {

using testing::At;
using testing::D;
using testing::Eliminate;
using testing::Monitor;

// The years the server keeps tables of, each as of its day.
const std::vector<std::pair<int, CivilDate>> kYears = {
    {2024, D(2024, 12, 31)}, {2025, D(2025, 12, 31)}, {2026, D(2026, 6, 15)}};

std::shared_ptr<const analytics::VillageTable> Table(Workspace& ws,
                                                     const std::shared_ptr<const WorkspaceView>& view,
                                                     int year, CivilDate as_of) {
  auto table = VillageTableOf(ws, view, year, as_of);
  EXPECT_TRUE(table.ok()) << table.status().ToString();
  return table.ok() ? *table : nullptr;
}

void ExpectSame(const analytics::VillageTable& kept, const analytics::VillageTable& made,
                const std::string& what) {
  ASSERT_EQ(std::vector<std::string>(kept.village_codes().begin(), kept.village_codes().end()),
            std::vector<std::string>(made.village_codes().begin(), made.village_codes().end()))
      << what;
  for (size_t v = 0; v < made.rows().size(); ++v) {
    EXPECT_TRUE(kept.rows()[v] == made.rows()[v]) << what << ", village " << made.village_codes()[v];
  }
}

// Random writes of the kinds the village table reads.
class RandomWrites {
 public:
  explicit RandomWrites(store::Database& db) : db_(db), rng_(20261130) {}

  void Round() {
    const int writes = 1 + Pick(3);
    for (int i = 0; i < writes; ++i) One();
  }

 private:
  struct Household {
    Household(std::string household, std::string its_village)
        : id(std::move(household)), village(std::move(its_village)) {}
    std::string id, village;
    int64_t episode = 0;
    bool eliminated = false;
    CivilDate identified;
  };

  int Pick(int n) { return static_cast<int>(rng_() % static_cast<unsigned>(n)); }
  CivilDate Day() { return CivilDate::FromDays(D(2024, 1, 1).ToDays() + Pick(896)); }

  void One() {
    Household& h = households_[Pick(static_cast<int>(households_.size()))];
    switch (Pick(11)) {
      case 0:
      case 1:
        if (h.episode == 0) {
          h.identified = Day();
          static const char* kTypes[] = {"marginal", "sudden_hardship", "unstable_lifted"};
          h.episode = Monitor(db_, h.id, h.village, CivilDate::FromDays(h.identified.ToDays() - Pick(40)),
                              h.identified.ToString() + "T02:00:00Z", kTypes[Pick(3)],
                              Pick(2) == 0 ? "R01" : "R04;R09");
        }
        return;
      case 2:
        if (h.episode != 0 && !h.eliminated && h.identified < D(2026, 6, 1)) {
          Eliminate(db_, h.id, h.village, h.episode,
                    CivilDate::FromDays(h.identified.ToDays() + 1 + Pick(10)));
          h.eliminated = true;
        }
        return;
      case 3:
      case 4:
      case 5: {
        cases::Measure m;
        m.household_id = h.id;
        m.category = cases::kAllMeasureCategories[Pick(cases::kAllMeasureCategories.size())];
        m.item = "措施";
        m.start = Day();
        m.status = cases::kAllMeasureStatuses[Pick(cases::kAllMeasureStatuses.size())];
        m.recorded_by = "li.si";
        m.recorded_at = "2026-03-15T02:00:00Z";
        auto id = db_.PutMeasure(m);
        ASSERT_TRUE(id.ok()) << id.status().ToString();
        measures_.push_back({*id, m});
        return;
      }
      case 6:
      case 7:
        if (!measures_.empty()) {
          auto& [id, m] = measures_[Pick(static_cast<int>(measures_.size()))];
          m.id = id;
          m.status = cases::kAllMeasureStatuses[Pick(cases::kAllMeasureStatuses.size())];
          if (Pick(2) == 0) m.end = CivilDate::FromDays(m.start.ToDays() + Pick(200));
          ASSERT_TRUE(db_.PutMeasure(m).ok());
        }
        return;
      case 8:
      case 9: {
        cases::Lead l;
        l.household_id = h.id;
        l.channel = cases::Channel::kDepartmentWarning;
        l.source = "dept:medical_insurance:" + std::to_string(++leads_);
        l.at = Day().ToString() + "T02:00:00Z";
        l.episode_id = h.episode;
        ASSERT_TRUE(db_.AddLead(l).ok());
        return;
      }
      default: {
        cases::WorkflowLimits limits;
        limits.overall_days = 10 + Pick(20);
        ASSERT_TRUE(db_.PutLimits("63", limits).ok());
        return;
      }
    }
  }

  store::Database& db_;
  std::mt19937 rng_;
  // The world's households, and one the registry does not hold.
  std::vector<Household> households_ = {
      {"A01", testing::kVillageA}, {"A02", testing::kVillageA}, {"A03", testing::kVillageA},
      {"B01", testing::kVillageB}, {"B02", testing::kVillageB}, {"C01", testing::kVillageC},
      {"C02", testing::kVillageC}, {"X01", "630121100002"}};
  std::vector<std::pair<int64_t, cases::Measure>> measures_;
  int leads_ = 0;
};

void ExpectUpToDateAfterEveryRound(store::Database& db) {
  auto ws = At(db);
  const std::shared_ptr<const WorkspaceView> view = ws->view();
  for (const auto& [year, as_of] : kYears) Table(*ws, view, year, as_of);
  RandomWrites writes(db);
  for (int round = 0; round < 40; ++round) {
    writes.Round();
    if (::testing::Test::HasFatalFailure()) return;
    auto fresh = At(db);  // a new view: its tables are made from the whole case data
    for (const auto& [year, as_of] : kYears) {
      auto kept = Table(*ws, view, year, as_of);
      auto made = Table(*fresh, fresh->view(), year, as_of);
      ASSERT_TRUE(kept != nullptr && made != nullptr);
      ExpectSame(*kept, *made, "round " + std::to_string(round) + ", " + std::to_string(year));
      if (::testing::Test::HasFatalFailure()) return;
    }
  }
}

TEST(OverviewUpdateTest, TheTablesKeptEqualTheTablesMadeAfterRandomWritesInMemory) {
  testing::World w = testing::MakeWorld();
  ExpectUpToDateAfterEveryRound(*w.db);
}

// A SQLite database with the world's households.
std::unique_ptr<store::Database> SqliteWorld(const std::string& path) {
  auto db = store::OpenStore(path, store::OpenMode::kCreate);
  EXPECT_TRUE(db.ok()) << db.status().ToString();
  if (!db.ok()) return nullptr;
  const auto regions = registry::RegionTable::BuiltIn().all();
  EXPECT_TRUE(
      (*db)->ReplaceRegions(std::vector<registry::Region>(regions.begin(), regions.end())).ok());
  testing::Commit(**db, testing::MakeWorld().records);
  return std::move(*db);
}

TEST(OverviewUpdateTest, TheTablesKeptEqualTheTablesMadeAfterRandomWritesInSqlite) {
  xianjie::testing::TempDir dir;
  auto db = SqliteWorld(dir / "registry.db");
  ASSERT_NE(db, nullptr);
  ExpectUpToDateAfterEveryRound(*db);
}

// Only the households the change log names are read again: an episode written with its log
// trigger dropped (no process of ours does that) stays out of the kept table until the case
// data is read whole, which a fresh view does.
TEST(OverviewUpdateTest, OnlyTheHouseholdsTheLogNamesAreReadAgain) {
  xianjie::testing::TempDir dir;
  const std::string path = dir / "registry.db";
  auto db = SqliteWorld(path);
  ASSERT_NE(db, nullptr);
  Monitor(*db, "A01", testing::kVillageA, "2026-03-10T02:00:00Z", "marginal", "R01");
  auto ws = At(*db);
  const std::shared_ptr<const WorkspaceView> view = ws->view();
  auto before = Table(*ws, view, 2026, D(2026, 6, 15));
  ASSERT_NE(before, nullptr);
  EXPECT_EQ(before->Sum("63").objects, 1);
  {
    store::testing::RawDb raw(path);
    ASSERT_EQ(raw.Exec("DROP TRIGGER case_data_log_episode_insert; "
                       "INSERT INTO episode (household_id, village_code, identified_on, type, "
                       "risks, identification_case, eliminated_on, method, elimination_case) "
                       "SELECT 'B01', village_code, '2026-04-01', type, risks, "
                       "identification_case, NULL, '', 0 FROM episode LIMIT 1"),
              "");
  }
  Monitor(*db, "C01", testing::kVillageC, "2026-05-10T02:00:00Z", "marginal", "R01");
  auto after = Table(*ws, view, 2026, D(2026, 6, 15));
  ASSERT_NE(after, nullptr);
  EXPECT_EQ(after->Sum("63").objects, 2);  // A01 and C01: B01's episode was not read
  auto fresh = At(*db);
  auto whole = Table(*fresh, fresh->view(), 2026, D(2026, 6, 15));
  ASSERT_NE(whole, nullptr);
  EXPECT_EQ(whole->Sum("63").objects, 3);
}

}  // namespace
}  // namespace xianjie::service
