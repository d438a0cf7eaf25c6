// What the store tests share: the list of backends the contract suite runs against, a
// temporary directory, builders of valid household records, batches and standards, and the
// villages of the contract tests.
#ifndef XIANJIE_TESTS_STORE_STORE_TEST_SUPPORT_H_
#define XIANJIE_TESTS_STORE_STORE_TEST_SUPPORT_H_

#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "registry/store.h"
#include "rules/screening_store.h"
#include "store/database.h"
#include "support/temp_files.h"

namespace xianjie::store::testing {

using ::xianjie::testing::TempDir;

// Two villages of one township of county 630121, where the assistance and sample contract tests
// put their plans, visits and sample units.
inline constexpr char kVillageA[] = "630121100201";
inline constexpr char kVillageB[] = "630121100202";

// One implementation of store::Database under test. `open` makes a new, empty store whose
// files (if any) live in `dir`; calling it again with the same dir reopens the same store
// where the backend persists.
struct StoreBackend {
  std::string name;
  std::function<Result<std::unique_ptr<Database>>(const TempDir& dir)> open;
};
std::ostream& operator<<(std::ostream& os, const StoreBackend& backend);

// Every backend the contract suite runs against: memory, SQLite in a temporary file, and
// PostgreSQL in a schema of its own on the test cluster (TestPostgresUrl).
std::vector<StoreBackend> AllBackends();

// The URL of a new, empty schema on the test cluster for `dir` (the same dir, the same schema):
// the cluster's URL is in $XJ_TEST_POSTGRES, or in the file $XJ_TEST_POSTGRES_FILE that CTest's
// postgres fixture writes (tests/CMakeLists.txt). kFailedPrecondition when neither is set: run
// the test through ctest, or start a cluster with scripts/pg-cluster.sh.
Result<std::string> TestPostgresUrl(const TempDir& dir);
// The same for a schema named after `key` (the same key, the same schema).
Result<std::string> TestPostgresUrl(const std::string& key);

// A valid ID number (check character included) for person `n` of a test: distinct n give
// distinct numbers; the birth date and sex vary with n.
std::string TestIdNumber(int n);
// A valid ID number whose check character is 'X'.
std::string TestIdNumberEndingInX();

// A canonical record of `members` members (the first is the head) in village 630102001001,
// with content that varies with `seed`; member ID numbers are TestIdNumber(seed * 10 + i).
registry::HouseholdRecord MakeRecord(const std::string& household_id, int members, int seed = 0);
// The record as version `version`, with its content hash.
registry::HouseholdVersion MakeVersion(registry::HouseholdRecord record, int32_t version);
// A batch as the importer would begin it.
registry::BatchInfo MakeBatchInfo(const std::string& user = "tester");

// A standard of province 630000 whose content (name, origin, TOML) is named after `hash`, for
// `county` ("" for the province's own) and `year`, loaded at `loaded_at` by 张三.
rules::StoredStandard MakeStandard(const std::string& hash, const std::string& county = "",
                                   int year = 2024,
                                   const std::string& loaded_at = "2026-11-29T02:00:00Z");

// Writes `versions` in one committed batch; returns its batch id.
Result<int64_t> CommitBatch(registry::Store& store,
                            const std::vector<registry::HouseholdVersion>& versions,
                            const std::string& report_json = "{}");

// The household ids ScanCurrent yields, in order.
std::vector<std::string> ScannedIds(registry::Store& store);

}  // namespace xianjie::store::testing

#endif  // XIANJIE_TESTS_STORE_STORE_TEST_SUPPORT_H_
