// SqliteStore: standards and screening runs (rules::ScreeningStore).
#include "store/sqlite/sqlite_store.h"

namespace xianjie::store {
namespace {

Status NotYet(const char* what) {
  return Internal(std::string("SqliteStore::") + what + " is not implemented yet");
}

}  // namespace

using rules::HouseholdResult;
using rules::ScreeningRun;
using rules::StoredStandard;

Status SqliteStore::PutStandard(const StoredStandard&) { return NotYet("PutStandard"); }
Result<std::optional<StoredStandard>> SqliteStore::GetStandard(const std::string&) {
  return NotYet("GetStandard");
}
Result<std::optional<StoredStandard>> SqliteStore::LatestStandard(const std::string&,
                                                                  const std::string&, int) {
  return NotYet("LatestStandard");
}
Result<std::vector<StoredStandard>> SqliteStore::ListStandards() { return NotYet("ListStandards"); }
Result<int64_t> SqliteStore::PutRun(const ScreeningRun&, std::span<const HouseholdResult>) {
  return NotYet("PutRun");
}
Result<std::optional<ScreeningRun>> SqliteStore::GetRun(int64_t) { return NotYet("GetRun"); }
Result<std::optional<ScreeningRun>> SqliteStore::LatestRun(const std::string&, const std::string&,
                                                           int) {
  return NotYet("LatestRun");
}
Result<std::vector<ScreeningRun>> SqliteStore::ListRuns() { return NotYet("ListRuns"); }
Result<std::vector<HouseholdResult>> SqliteStore::RunResults(int64_t) {
  return NotYet("RunResults");
}
Result<std::vector<HouseholdResult>> SqliteStore::HouseholdResults(const std::string&) {
  return NotYet("HouseholdResults");
}

}  // namespace xianjie::store
