// Slow: the registry's facts and the cross-checks at scale: 20,000 households (40,000 persons)
// and 40,000 department rows of three sources, in a memory store and in a SQLite file; with
// XJ_SCALE_HOUSEHOLDS=100000, the size of a county's department history (run so in a release
// build for timings). Prints how long BuildFactColumns, the workspace's refresh and RunChecks
// take and checks a few values. The ASan build of `make test` takes 35-45 s per store at the
// default size (it took 4.5 min at 100,000).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "exchange/check_run.h"
#include "exchange/exchange_test_support.h"
#include "exchange/fact_table.h"
#include "ingest/source_contract.h"
#include "support/temp_files.h"

namespace xianjie::exchange {
namespace {

using testing::Family;
using testing::PutRows;
using testing::Row;

int Households() {
  const char* env = std::getenv("XJ_SCALE_HOUSEHOLDS");
  return env != nullptr ? std::atoi(env) : 20'000;
}
const int kHouseholds = Households();

double Since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string HouseholdId(int i) {
  char id[16];
  std::snprintf(id, sizeof id, "H%06d", i);
  return id;
}

class FactTableScaleTest : public ::testing::TestWithParam<bool> {};

TEST_P(FactTableScaleTest, TwoRowsPerHouseholdOfThreeSources) {
  const bool sqlite = GetParam();
  ::xianjie::testing::TempDir dir;
  const std::string spec = sqlite ? dir / "x.db" : ":memory:";
  std::printf("%s store\n", sqlite ? "SQLite" : "memory");
  std::vector<registry::HouseholdRecord> records;
  records.reserve(kHouseholds);
  for (int i = 0; i < kHouseholds; ++i) {
    registry::HouseholdRecord r = Family(HouseholdId(i), 0);
    // Distinct ID numbers: one birth day per household in 25,000 days (adults), and a sequence per
    // round of them.
    const CivilDate born = CivilDate::FromDays(CivilDate::FromYmd(1930, 1, 1).ToDays() + i % 25000);
    const int sequence = i / 25000 * 2;
    r.members[0] = testing::Person(sequence, registry::Relation::kHead, registry::Sex::kMale, born);
    r.members[1] =
        testing::Person(sequence + 1, registry::Relation::kSpouse, registry::Sex::kFemale, born);
    if (i % 10 == 0) r.household.wage_income = Money::FromYuan(50);  // Q09 and Q10
    records.push_back(std::move(r));
  }
  auto start = std::chrono::steady_clock::now();
  testing::Registry reg = testing::MakeRegistry(records, spec);
  std::printf("registry of %d households: %.2f s\n", kHouseholds, Since(start));

  std::vector<DeptRow> medical, vehicles, civil;
  for (int i = 0; i < kHouseholds; ++i) {
    const registry::HouseholdRecord& r = records[static_cast<size_t>(i)];
    const std::string id = r.household.household_id;
    medical.push_back(Row("medical_insurance", r.members[0], id, "2026-03-01",
                          R"({"insurance_type":"resident","total_cost":900,"out_of_pocket":300})"));
    if (i % 2 == 0) {
      vehicles.push_back(
          Row("vehicles", r.members[1], id, "2019-01-01", R"({"purchase_price":50000})"));
    } else {
      civil.push_back(Row("civil_affairs", r.members[1], id, "2026-06-01",
                          R"({"assistance":"dibao","state":"continuing","amount":500})"));
    }
  }
  start = std::chrono::steady_clock::now();
  PutRows(*reg.db, "medical_insurance", medical, 1);
  PutRows(*reg.db, "vehicles", vehicles, 2);
  PutRows(*reg.db, "civil_affairs", civil, 3);
  std::printf("%d rows stored: %.2f s\n", 2 * kHouseholds, Since(start));

  start = std::chrono::steady_clock::now();
  ASSERT_TRUE(reg.ws->Refresh().ok());
  std::printf("workspace refresh with the facts: %.2f s\n", Since(start));
  auto view = reg.ws->view();

  FactTableStats stats;
  auto facts = BuildFactColumns(ingest::BuiltinContracts(), *view->index, *reg.db, testing::Today(),
                                2, &stats);
  ASSERT_TRUE(facts.ok()) << facts.status().ToString();
  std::printf("BuildFactColumns: %lld rows, %lld persons, %lld values in %.2f s\n",
              static_cast<long long>(stats.rows), static_cast<long long>(stats.persons),
              static_cast<long long>(stats.values), stats.seconds);
  EXPECT_EQ(stats.rows, 2 * kHouseholds);
  EXPECT_EQ(stats.skipped, 0);
  const std::vector<uint32_t> head = view->index->FindMembers(records[7].members[0].id_number);
  ASSERT_EQ(head.size(), 1u);
  EXPECT_EQ(facts->Get(static_cast<size_t>(facts->Find("medical_out_of_pocket_12m")), head[0]),
            30000);

  start = std::chrono::steady_clock::now();
  CheckContext context{*view->index, view->facts.get(), BuiltinFactCatalog(), *reg.db,
                       *reg.db,      testing::Today(),  testing::kNow,        2};
  auto report = RunChecks(BuiltinChecks(), context, CheckScope{});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  std::printf("RunChecks over %lld households: %lld found, %lld opened in %.2f s\n",
              static_cast<long long>(report->households), static_cast<long long>(report->found),
              static_cast<long long>(report->opened), Since(start));
  EXPECT_EQ(report->opened, 2 * kHouseholds / 10);  // Q09 and Q10 of every tenth household
  start = std::chrono::steady_clock::now();
  auto again = RunChecks(BuiltinChecks(), context, CheckScope{});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->opened, 0);
  std::printf("RunChecks again: %.2f s\n", Since(start));
}

INSTANTIATE_TEST_SUITE_P(Stores, FactTableScaleTest, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& p) {
                           return p.param ? "Sqlite" : "Memory";
                         });

}  // namespace
}  // namespace xianjie::exchange
