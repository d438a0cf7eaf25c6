// The fixture of the storage contract suite: every TEST_P in store_contract_*_test.cc runs once
// per backend of AllBackends(), so the memory and SQLite stores are held to the same contract.
// Files with a fixture of their own derived from it (store_contract_changes_test.cc,
// screening_store_contract_test.cc) instantiate it over the same backends.
#ifndef XIANJIE_TESTS_STORE_STORE_CONTRACT_TEST_H_
#define XIANJIE_TESTS_STORE_STORE_CONTRACT_TEST_H_

#include <gtest/gtest.h>

#include <memory>
#include <ostream>

#include "registry/store.h"
#include "store/store_test_support.h"

namespace xianjie {
inline std::ostream& operator<<(std::ostream& os, StatusCode code) {
  return os << StatusCodeName(code);
}
}  // namespace xianjie

// Expect or assert that a Status or Result is OK, printing the Status if not.
#define XJ_EXPECT_OK(expr)                                                         \
  do {                                                                             \
    const auto& xj_r_ = (expr);                                                    \
    const ::xianjie::Status& xj_s_ = ::xianjie::internal_status::GetStatus(xj_r_); \
    EXPECT_TRUE(xj_s_.ok()) << xj_s_.ToString();                                   \
  } while (false)
#define XJ_ASSERT_OK(expr)                                                         \
  do {                                                                             \
    const auto& xj_r_ = (expr);                                                    \
    const ::xianjie::Status& xj_s_ = ::xianjie::internal_status::GetStatus(xj_r_); \
    ASSERT_TRUE(xj_s_.ok()) << xj_s_.ToString();                                   \
  } while (false)

namespace xianjie::store::testing {

class StoreContractTest : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override {
    auto store = GetParam().open(dir_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(*store);
  }

  Database& store() { return *store_; }

  // The current version of one household, which must exist.
  registry::HouseholdVersion Current(const std::string& id) {
    std::string ids[] = {id};
    auto found = store_->GetCurrent(ids);
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    EXPECT_EQ(found.ok() ? found->size() : 0u, 1u) << id;
    return found.ok() && found->size() == 1 ? found->front() : registry::HouseholdVersion{};
  }

  registry::RegistryCounts Counts() {
    auto counts = store_->Counts();
    EXPECT_TRUE(counts.ok()) << counts.status().ToString();
    return counts.ok() ? *counts : registry::RegistryCounts{};
  }

  TempDir dir_;
  std::unique_ptr<Database> store_;
};

}  // namespace xianjie::store::testing

#endif  // XIANJIE_TESTS_STORE_STORE_CONTRACT_TEST_H_
