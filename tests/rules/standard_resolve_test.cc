// Which standard is in force (rules/standard_resolve.h): the latest loaded, else the built-in
// one, else kNotFound naming what exists; a stored standard that no longer reads as its hash is
// kDataLoss. The store is a fake holding standards and their loads in order.
#include "rules/standard_resolve.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <thread>

#include "rules/standard_toml.h"

namespace xianjie::rules {
namespace {

class FakeStandards : public ScreeningStore {
 public:
  std::vector<StoredStandard> standards;  // in the order first stored
  std::vector<StoredStandard> loads;      // every load, in load order

  Status PutStandard(const StoredStandard& s) override {
    for (const StoredStandard& stored : standards) {
      if (stored.content_hash == s.content_hash) return Status::Ok();
    }
    standards.push_back(s);
    return Status::Ok();
  }
  Result<int64_t> LoadStandard(const StoredStandard& s) override {
    XJ_RETURN_IF_ERROR(PutStandard(s));
    loads.push_back(s);
    return static_cast<int64_t>(loads.size());
  }
  Result<std::optional<StoredStandard>> GetStandard(const std::string& hash) override {
    for (const StoredStandard& s : standards) {
      if (s.content_hash == hash) return std::optional<StoredStandard>(s);
    }
    return std::optional<StoredStandard>();
  }
  Result<std::optional<StoredStandard>> LatestStandard(const std::string& province,
                                                       const std::string& county,
                                                       int year) override {
    for (auto it = loads.rbegin(); it != loads.rend(); ++it) {
      if (it->province == province && it->county == county && it->year == year) {
        return std::optional<StoredStandard>(*it);
      }
    }
    return std::optional<StoredStandard>();
  }
  Result<std::vector<StoredStandard>> ListStandards() override { return standards; }
  Result<std::vector<StandardLoad>> ListLoads() override {
    std::vector<StandardLoad> list;
    for (const StoredStandard& s : loads) {
      list.push_back({static_cast<int64_t>(list.size()) + 1, s.content_hash, s.province, s.county,
                      s.year, s.loaded_at, s.user, s.origin});
    }
    return list;
  }
  Result<int64_t> PutRun(const ScreeningRun&, std::span<const HouseholdResult>) override {
    return Internal("not used");
  }
  Result<std::optional<ScreeningRun>> GetRun(int64_t) override { return Internal("not used"); }
  Result<std::optional<ScreeningRun>> LatestRun(const std::string&, const std::string&,
                                                int) override {
    return Internal("not used");
  }
  Result<std::vector<ScreeningRun>> ListRuns() override { return Internal("not used"); }
  Result<std::vector<HouseholdResult>> RunResults(int64_t) override { return Internal("not used"); }
  Result<std::vector<HouseholdResult>> HouseholdResults(const std::string&) override {
    return Internal("not used");
  }
};

// The shipped standard of `year` with its line changed to `yuan` (and `county` set), stored.
StoredStandard Variant(int year, const std::string& yuan, const std::string& county = "") {
  std::string toml = FindBuiltinStandard("63", "", year)->toml;
  toml.replace(toml.find("amount = \""), 18, "amount = \"" + yuan + "\"");
  if (!county.empty()) {
    toml.replace(toml.find("year = "), 7, "county = \"" + county + "\"\nyear = ");
  }
  auto s = ParseStandardToml(toml, "v.toml");
  EXPECT_TRUE(s.ok()) << s.status().message();
  return {s->content_hash,        s->province, s->county, s->year, s->name, "v.toml", toml,
          "2026-01-01T00:00:00Z", "tester"};
}

TEST(ResolveStandardTest, BuiltInWithoutStore) {
  auto s = ResolveStandard(nullptr, "63", "", 2024);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->origin, "built-in");
  EXPECT_EQ(s->line, Money::FromYuan(7500));
}

TEST(ResolveStandardTest, BuiltInWhenNothingIsLoadedForTheScope) {
  FakeStandards store;
  ASSERT_TRUE(store.LoadStandard(Variant(2023, "7200.00")).ok());
  auto s = ResolveStandard(&store, "63", "", 2024);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->origin, "built-in");
}

TEST(ResolveStandardTest, TheLatestLoadWins) {
  FakeStandards store;
  ASSERT_TRUE(store.LoadStandard(Variant(2024, "7600.00")).ok());
  ASSERT_TRUE(store.LoadStandard(Variant(2024, "7700.00")).ok());
  auto s = ResolveStandard(&store, "63", "", 2024);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->line, Money::FromYuan(7700));
  EXPECT_EQ(s->origin, "v.toml");
  EXPECT_EQ(s->content_hash, store.loads.back().content_hash);
}

TEST(ResolveStandardTest, LoadingAnEarlierStandardAgainPutsItBack) {
  FakeStandards store;
  ASSERT_TRUE(store.LoadStandard(Variant(2024, "7600.00")).ok());
  ASSERT_TRUE(store.LoadStandard(Variant(2024, "7700.00")).ok());
  ASSERT_TRUE(store.LoadStandard(Variant(2024, "7600.00")).ok());
  EXPECT_EQ(ResolveStandard(&store, "63", "", 2024)->line, Money::FromYuan(7600));
}

TEST(ResolveStandardTest, AStandardOnlyRecordedByARunIsNotInForce) {
  FakeStandards store;
  ASSERT_TRUE(store.PutStandard(Variant(2024, "7600.00")).ok());
  ASSERT_TRUE(store.PutStandard(Variant(2024, "8000.00", "630121")).ok());
  EXPECT_EQ(ResolveStandard(&store, "63", "", 2024)->origin, "built-in");
  auto county = ResolveStandard(&store, "63", "630121", 2024);
  EXPECT_EQ(county.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(county.status().message(),
            "no monitoring standard for province 63, county 630121, year 2024 (there are: 63 2021 "
            "(built-in), 63 2022 (built-in), 63 2023 (built-in), 63 2024 (built-in), 63 2025 "
            "(built-in)); load one with: xianjie standard load FILE --db DB");
}

TEST(ResolveStandardTest, CountyIsExact) {
  FakeStandards store;
  ASSERT_TRUE(store.LoadStandard(Variant(2024, "8000.00", "630121")).ok());
  auto county = ResolveStandard(&store, "63", "630121", 2024);
  ASSERT_TRUE(county.ok()) << county.status().message();
  EXPECT_EQ(county->line, Money::FromYuan(8000));
  EXPECT_EQ(ResolveStandard(&store, "63", "", 2024)->line, Money::FromYuan(7500));
  auto other = ResolveStandard(&store, "63", "630122", 2024);
  EXPECT_EQ(other.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(other.status().message(),
            "no monitoring standard for province 63, county 630122, year 2024 (there are: 63 2021 "
            "(built-in), 63 2022 (built-in), 63 2023 (built-in), 63 2024 (built-in), 63 2025 "
            "(built-in), 630121 2024 (loaded)); load one with: xianjie standard load FILE --db DB");
}

TEST(ResolveStandardTest, NotFoundInAnotherProvince) {
  auto s = ResolveStandard(nullptr, "62", "", 2024);
  EXPECT_EQ(s.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(s.status().message(),
            "no monitoring standard for province 62, year 2024 (none exists for province 62); "
            "load one with: xianjie standard load FILE --db DB");
}

TEST(ResolveStandardTest, StoredTextThatNoLongerGivesItsHashIsDataLoss) {
  FakeStandards store;
  StoredStandard changed = Variant(2024, "7600.00");
  changed.toml.replace(changed.toml.find("7600.00"), 7, "7601.00");
  ASSERT_TRUE(store.LoadStandard(changed).ok());
  auto s = ResolveStandard(&store, "63", "", 2024);
  EXPECT_EQ(s.status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(s.status().message().find("stored standard " + changed.content_hash + " now reads as"),
            0u)
      << s.status().message();
}

TEST(ResolveStandardTest, StoredTextThatNoLongerParsesIsDataLoss) {
  StoredStandard broken = Variant(2024, "7600.00");
  broken.toml = "[standard";
  auto s = ParseStoredStandard(broken);
  EXPECT_EQ(s.status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(s.status().message().find("stored standard " + broken.content_hash +
                                      " no longer parses: v.toml:1:"),
            0u)
      << s.status().message();
}

TEST(BuiltinStandardsThreadsTest, FirstUseFromManyThreadsParsesOnce) {
  // A death test re-executes this binary for this test alone ("threadsafe" style), so that this
  // is the first use, whatever ran before it in this process.
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        std::vector<const Standard*> seen(8);
        std::vector<std::thread> threads;
        for (size_t i = 0; i < seen.size(); ++i) {
          threads.emplace_back([&seen, i] { seen[i] = BuiltinStandards().data(); });
        }
        for (std::thread& t : threads) t.join();
        bool same = true;
        for (const Standard* p : seen) same = same && p == seen[0];
        if (!same) std::fprintf(stderr, "threads saw different standards\n");
        const size_t n = BuiltinStandards().size();
        if (n != 5) std::fprintf(stderr, "%zu builtin standards, not 5\n", n);
        std::exit(same && n == 5 ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
}

}  // namespace
}  // namespace xianjie::rules
