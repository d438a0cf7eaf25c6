// A small registry for the service tests: the built-in Qinghai regions and households in three
// villages (two in one township of 630102, one in county 630121), in a memory store, with a
// Workspace over it; the principals of the roles the tests use; and what several tests need:
// dates and times, a workspace with a fixed clock, case actions, the audit log.
//
// XJ_TEST_STORE=sqlite (a file in a temporary directory) or XJ_TEST_STORE=postgres (a schema of
// its own on the test cluster, store::testing::TestPostgresUrl) puts the world in a real backend
// instead: tests/server/CMakeLists.txt runs the security suites so on both.
#ifndef XIANJIE_TESTS_SERVICE_SERVICE_TEST_SUPPORT_H_
#define XIANJIE_TESTS_SERVICE_SERVICE_TEST_SUPPORT_H_

#include <memory>
#include <string>
#include <vector>

#include "access/audit.h"
#include "access/role.h"
#include "base/date.h"
#include "cases/case.h"
#include "registry/household.h"
#include "service/cases.h"
#include "service/workspace.h"
#include "store/database.h"
#include "support/temp_files.h"

namespace xianjie::service::testing {

inline constexpr char kVillageA[] = "630102001001";  // 北关社区居民委员会
inline constexpr char kVillageB[] = "630102001004";  // same township as A
inline constexpr char kVillageC[] = "630121100001";  // county 630121

// Households "A01".."A04" in kVillageA, "B01".."B03" in kVillageB, "C01".."C02" in kVillageC;
// household n has n % 3 + 1 members; some have low incomes so that screening flags them.
struct World {
  std::unique_ptr<xianjie::testing::TempDir> dir;  // the SQLite file's, with XJ_TEST_STORE
  std::unique_ptr<store::Database> db;
  std::unique_ptr<Workspace> ws;
  std::vector<registry::HouseholdRecord> records;  // as committed, in id order
};

// Builds the world and refreshes the workspace (aborts the test on a store error).
World MakeWorld();

// A record in `village` with `members` members; low income when `poor`.
registry::HouseholdRecord MakeHousehold(const std::string& id, const std::string& village,
                                        int members, bool poor, int seed);

// Commits the records as one batch; returns its id.
int64_t Commit(store::Database& db, const std::vector<registry::HouseholdRecord>& records);

access::Principal Officer(access::Role role, const std::string& scope,
                          const std::string& username = "tester");

// The date `y`-`m`-`d` (a valid date: CivilDate::FromYmd).
inline CivilDate D(int y, int m, int d) { return CivilDate::FromYmd(y, m, d); }

// UTC noon of day `day` counted from 2026-12-01 (China's date is the same day).
std::string Noon(int day);

// A Workspace over `db` whose clock always says `now` (UTC; by default 10:00 on 15 June 2026 in
// China), refreshed; a refresh error fails the test.
std::unique_ptr<Workspace> At(store::Database& db, const std::string& now = "2026-06-15T02:00:00Z");

// The action of taking `event` (a code of cases/case.h) with `fields` and `comment`.
CaseAction Event(const std::string& event, cases::Fields fields = {},
                 const std::string& comment = "");

// The audit entries of `db`, in order; a read error fails the test.
std::vector<access::AuditEntry> Audit(store::Database& db);

// An identification case of `household` opened on `opened` and approved at `approved_at`
// (UTC), written straight to the store: the episode it opens (of `type` and `risks`) is
// identified on China's date of that time. Returns the episode's id (0 on a store error, which
// fails the test).
int64_t Monitor(store::Database& db, const std::string& household, const std::string& village,
                CivilDate opened, const std::string& approved_at, const std::string& type,
                const std::string& risks);
// The same, opened on the day of its approval.
int64_t Monitor(store::Database& db, const std::string& household, const std::string& village,
                const std::string& approved_at, const std::string& type, const std::string& risks);

// Closes `episode` of `household` by an elimination case approved (by_assistance) on `on`.
void Eliminate(store::Database& db, const std::string& household, const std::string& village,
               int64_t episode, CivilDate on);

// The rows of sheet `sheet` of the workbook `bytes` as text, cell by cell from column A (a
// missing cell ""), read back with ingest::XlsxReader; a read error fails the test (and gives
// the rows read so far).
std::vector<std::vector<std::string>> SheetRows(const std::string& bytes, const std::string& sheet);

}  // namespace xianjie::service::testing

#endif  // XIANJIE_TESTS_SERVICE_SERVICE_TEST_SUPPORT_H_
