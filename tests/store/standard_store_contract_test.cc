// Storage contract of rules::ScreeningStore for standards, run once per backend: content stored
// once (PutStandard, round trip, order of first store), loads (LoadStandard puts a standard in
// force, again and again; PutStandard never does), the standard in force of a scope and the
// load history.
#include <string>
#include <vector>

#include "rules/screening_store.h"
#include "store/store_contract_test.h"

namespace xianjie::store::testing {
namespace {

using rules::StandardLoad;
using rules::StoredStandard;

class StandardStoreContractTest : public StoreContractTest {
 protected:
  // The standard in force for the scope, or "" if none; fails the test on an error.
  std::string InForce(const std::string& county = "", int year = 2024) {
    auto latest = store().LatestStandard("630000", county, year);
    EXPECT_TRUE(latest.ok()) << latest.status().ToString();
    return latest.ok() && latest->has_value() ? (*latest)->content_hash : "";
  }

  std::vector<StandardLoad> Loads() {
    auto loads = store().ListLoads();
    EXPECT_TRUE(loads.ok()) << loads.status().ToString();
    return loads.ok() ? *loads : std::vector<StandardLoad>{};
  }
};

// `s` as loaded again at `loaded_at` by `user` from `origin`.
StoredStandard Again(StoredStandard s, const std::string& loaded_at, const std::string& user,
                     const std::string& origin) {
  s.loaded_at = loaded_at;
  s.user = user;
  s.origin = origin;
  return s;
}

std::vector<std::string> Hashes(const std::vector<StoredStandard>& standards) {
  std::vector<std::string> hashes;
  for (const auto& s : standards) hashes.push_back(s.content_hash);
  return hashes;
}

std::vector<std::string> Hashes(const std::vector<StandardLoad>& loads) {
  std::vector<std::string> hashes;
  for (const auto& l : loads) hashes.push_back(l.content_hash);
  return hashes;
}

// --- content

TEST_P(StandardStoreContractTest, AStoredStandardReadsBackWhole) {
  StoredStandard standard = MakeStandard("std-a", "630102");
  XJ_ASSERT_OK(store().PutStandard(standard));
  auto read = store().GetStandard("std-a");
  XJ_ASSERT_OK(read);
  ASSERT_TRUE(read->has_value());
  EXPECT_EQ(**read, standard);
}

TEST_P(StandardStoreContractTest, AnUnknownStandardIsAbsent) {
  XJ_ASSERT_OK(store().PutStandard(MakeStandard("std-a")));
  auto read = store().GetStandard("std-b");
  XJ_ASSERT_OK(read);
  EXPECT_FALSE(read->has_value());
}

TEST_P(StandardStoreContractTest, AStandardWithoutHashIsRefused) {
  EXPECT_EQ(store().PutStandard(MakeStandard("")).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store().LoadStandard(MakeStandard("")).status().code(), StatusCode::kInvalidArgument);
  auto all = store().ListStandards();
  XJ_ASSERT_OK(all);
  EXPECT_TRUE(all->empty());
  EXPECT_TRUE(Loads().empty());
}

TEST_P(StandardStoreContractTest, StoringAStandardAgainKeepsTheFirstStore) {
  StoredStandard first = MakeStandard("std-a", "", 2024, "2026-11-29T02:00:00Z");
  XJ_ASSERT_OK(store().PutStandard(first));
  XJ_ASSERT_OK(store().PutStandard(Again(first, "2026-12-01T08:00:00Z", "王五", "b.toml")));
  XJ_ASSERT_OK(store().LoadStandard(Again(first, "2026-12-02T08:00:00Z", "赵六", "c.toml")));
  auto all = store().ListStandards();
  XJ_ASSERT_OK(all);
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->front(), first);
  auto read = store().GetStandard("std-a");
  XJ_ASSERT_OK(read);
  ASSERT_TRUE(read->has_value());
  EXPECT_EQ(**read, first);
}

TEST_P(StandardStoreContractTest, StandardsAreListedInTheOrderFirstStored) {
  XJ_ASSERT_OK(store().LoadStandard(MakeStandard("std-c")));
  XJ_ASSERT_OK(store().PutStandard(MakeStandard("std-a")));
  XJ_ASSERT_OK(store().LoadStandard(MakeStandard("std-b")));
  XJ_ASSERT_OK(store().LoadStandard(MakeStandard("std-c")));  // a reload keeps its place
  XJ_ASSERT_OK(store().LoadStandard(MakeStandard("std-a")));  // so does a first load
  auto all = store().ListStandards();
  XJ_ASSERT_OK(all);
  EXPECT_EQ(Hashes(*all), (std::vector<std::string>{"std-c", "std-a", "std-b"}));
}

// --- loads and the standard in force

TEST_P(StandardStoreContractTest, LoadIdsAreAssignedFromOneForEveryLoad) {
  for (int64_t expected = 1; expected <= 3; ++expected) {
    auto id = store().LoadStandard(MakeStandard("std-a"));
    XJ_ASSERT_OK(id);
    EXPECT_EQ(*id, expected);
  }
  EXPECT_EQ(Loads().size(), 3u);
}

TEST_P(StandardStoreContractTest, LoadsAreListedWithTheirScopeTimeUserAndOrigin) {
  StoredStandard a = MakeStandard("std-a", "630102", 2025, "2026-11-29T02:00:00Z");
  XJ_ASSERT_OK(store().LoadStandard(a));
  XJ_ASSERT_OK(store().LoadStandard(MakeStandard("std-b")));
  XJ_ASSERT_OK(store().LoadStandard(Again(a, "2026-12-01T08:00:00Z", "王五", "again.toml")));
  std::vector<StandardLoad> loads = Loads();
  ASSERT_EQ(loads.size(), 3u);
  EXPECT_EQ(Hashes(loads), (std::vector<std::string>{"std-a", "std-b", "std-a"}));
  EXPECT_EQ(loads[0], (StandardLoad{.load_id = 1,
                                    .content_hash = "std-a",
                                    .province = "630000",
                                    .county = "630102",
                                    .year = 2025,
                                    .loaded_at = "2026-11-29T02:00:00Z",
                                    .user = "张三",
                                    .origin = "standards/qinghai-std-a.toml"}));
  EXPECT_EQ(loads[2], (StandardLoad{.load_id = 3,
                                    .content_hash = "std-a",
                                    .province = "630000",
                                    .county = "630102",
                                    .year = 2025,
                                    .loaded_at = "2026-12-01T08:00:00Z",
                                    .user = "王五",
                                    .origin = "again.toml"}));
}

TEST_P(StandardStoreContractTest, TheStandardInForceIsThatOfTheLatestLoadOfItsScope) {
  // Load times are given by the caller; the load order decides, not the time written.
  XJ_ASSERT_OK(store().LoadStandard(MakeStandard("std-a", "", 2024, "2026-11-29T09:00:00Z")));
  XJ_ASSERT_OK(store().LoadStandard(MakeStandard("std-b", "", 2024, "2026-11-29T01:00:00Z")));
  XJ_ASSERT_OK(store().LoadStandard(MakeStandard("std-c", "630102", 2024)));
  XJ_ASSERT_OK(store().LoadStandard(MakeStandard("std-d", "", 2025)));
  EXPECT_EQ(InForce("", 2024), "std-b");
  EXPECT_EQ(InForce("630102", 2024), "std-c");
  EXPECT_EQ(InForce("", 2025), "std-d");
}

TEST_P(StandardStoreContractTest, LoadingAnEarlierStandardAgainPutsItBackInForce) {
  StoredStandard a = MakeStandard("std-a", "", 2024, "2026-11-29T02:00:00Z");
  XJ_ASSERT_OK(store().LoadStandard(a));
  XJ_ASSERT_OK(store().LoadStandard(MakeStandard("std-b", "", 2024, "2026-11-30T02:00:00Z")));
  EXPECT_EQ(InForce(), "std-b");
  StoredStandard again = Again(a, "2026-12-01T08:00:00Z", "王五", "back.toml");
  XJ_ASSERT_OK(store().LoadStandard(again));
  auto latest = store().LatestStandard("630000", "", 2024);
  XJ_ASSERT_OK(latest);
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ(**latest, again);  // the content, with this load's time, user and origin
}

TEST_P(StandardStoreContractTest, PuttingAStandardDoesNotChangeWhatIsInForce) {
  XJ_ASSERT_OK(store().LoadStandard(MakeStandard("std-a")));
  XJ_ASSERT_OK(store().LoadStandard(MakeStandard("std-b")));
  XJ_ASSERT_OK(store().PutStandard(MakeStandard("std-c")));  // as a screening run records it
  XJ_ASSERT_OK(store().PutStandard(MakeStandard("std-a")));  // stored already, loaded before
  EXPECT_EQ(InForce(), "std-b");
  EXPECT_EQ(Hashes(Loads()), (std::vector<std::string>{"std-a", "std-b"}));
  auto c = store().GetStandard("std-c");
  XJ_ASSERT_OK(c);
  EXPECT_TRUE(c->has_value());
}

TEST_P(StandardStoreContractTest, AStandardOnlyPutIsNeverInForce) {
  XJ_ASSERT_OK(store().PutStandard(MakeStandard("std-a")));
  EXPECT_EQ(InForce(), "");
  EXPECT_TRUE(Loads().empty());
  // Loading it later puts it in force, with the load's details and the first store's content.
  StoredStandard load = Again(MakeStandard("std-a"), "2026-12-01T08:00:00Z", "王五", "l.toml");
  XJ_ASSERT_OK(store().LoadStandard(load));
  auto latest = store().LatestStandard("630000", "", 2024);
  XJ_ASSERT_OK(latest);
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ(**latest, load);
}

TEST_P(StandardStoreContractTest, AScopeNeverLoadedHasNothingInForce) {
  XJ_ASSERT_OK(store().LoadStandard(MakeStandard("std-a", "", 2024)));
  EXPECT_EQ(InForce("630102", 2024), "");
  EXPECT_EQ(InForce("", 2023), "");
  auto other_province = store().LatestStandard("620000", "", 2024);
  XJ_ASSERT_OK(other_province);
  EXPECT_FALSE(other_province->has_value());
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(Backends, StandardStoreContractTest, ::testing::ValuesIn(AllBackends()),
                         [](const ::testing::TestParamInfo<StoreBackend>& param) {
                           return param.param.name;
                         });

}  // namespace xianjie::store::testing
