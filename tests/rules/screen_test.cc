// ScreenAll and ScreenRows at their edges: an empty snapshot, a standard without rules, more
// threads than batches, rows in any order; and a snapshot of several batches where the
// households without a counted member (evaluated densely, then masked) never fire.
#include "rules/screen.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "registry/snapshot_build.h"
#include "rules/compiled_standard.h"
#include "rules/rules_test_support.h"

namespace xianjie::rules {
namespace {

std::shared_ptr<const CompiledStandard> Compiled(const Standard& s) {
  auto c = Compile(s);
  EXPECT_TRUE(c.ok()) << c.status().message();
  return c.ok() ? *c : nullptr;
}

Standard AlwaysStandard() {
  Standard s = DefaultStandard("screen_test");
  RuleDefinition r;
  r.id = "always";
  r.when = "true";
  r.risks.push_back({"R99", "", 0});
  s.rules.push_back(r);
  s.types.push_back({"marginal", "always", 0});
  return s;
}

TEST(ScreenAll, EmptySnapshot) {
  auto snapshot = registry::BuildSnapshot(std::vector<registry::HouseholdRecord>{});
  ASSERT_TRUE(snapshot.ok());
  const ScreenOutcome out = ScreenAll(**snapshot, *Compiled(AlwaysStandard()), 2);
  EXPECT_TRUE(out.fired.empty());
  EXPECT_TRUE(out.screened.empty());
  EXPECT_TRUE(ScreenRows(**snapshot, *Compiled(AlwaysStandard()), {}).fired.empty());
}

TEST(ScreenAll, StandardWithoutRulesFlagsNothing) {
  std::mt19937_64 rng(5);
  std::vector<registry::HouseholdRecord> records;
  for (int i = 0; i < 10; ++i) records.push_back(RandomHousehold(rng, "H" + std::to_string(i)));
  auto snapshot = BuildTestSnapshot(records);
  ASSERT_TRUE(snapshot.ok());
  const ScreenOutcome out = ScreenAll(**snapshot, *Compiled(DefaultStandard("none")), 8);
  ASSERT_EQ(out.fired.size(), 10u);
  for (size_t i = 0; i < 10; ++i) {
    EXPECT_EQ(out.fired[i], 0u);
    EXPECT_EQ(out.type[i], kNoType);
    EXPECT_EQ(out.risks[i], 0);
  }
}

TEST(ScreenAll, HouseholdsWithoutCountedMembersNeverFire) {
  std::vector<registry::HouseholdRecord> records;
  for (int i = 0; i < 5000; ++i) {
    registry::HouseholdRecord r;
    char id[16];
    std::snprintf(id, sizeof id, "H%05d", i);
    r.household.household_id = id;
    registry::Member m;
    m.birth_date = CivilDate::FromYmd(1980, 1, 1);
    m.relation = registry::Relation::kHead;
    m.shares_household = i % 7 != 3;
    r.members.push_back(m);
    records.push_back(std::move(r));
  }
  auto snapshot = BuildTestSnapshot(records);
  ASSERT_TRUE(snapshot.ok());
  auto standard = Compiled(AlwaysStandard());
  for (int threads : {1, 2, 3}) {
    const ScreenOutcome out = ScreenAll(**snapshot, *standard, threads);
    for (size_t i = 0; i < records.size(); ++i) {
      const bool counted = i % 7 != 3;
      ASSERT_EQ(out.screened[i], counted ? 1 : 0) << i;
      ASSERT_EQ(out.fired[i], counted ? 1u : 0u) << i;
      ASSERT_EQ(out.type[i], counted ? 0 : kNoType) << i;
      ASSERT_EQ(out.risks[i], counted ? 1u << static_cast<unsigned>(registry::RiskType::kR99) : 0u)
          << i;
    }
  }
  const std::vector<uint32_t> rows = {4999, 3, 2048, 10, 2047, 4096};
  const ScreenOutcome some = ScreenRows(**snapshot, *standard, rows);
  ASSERT_EQ(some.rows, rows);
  for (size_t k = 0; k < rows.size(); ++k) {
    EXPECT_EQ(some.fired[k], rows[k] % 7 != 3 ? 1u : 0u) << rows[k];
    EXPECT_EQ(some.screened[k], rows[k] % 7 != 3 ? 1 : 0) << rows[k];
  }
}

}  // namespace
}  // namespace xianjie::rules
