// Argument checks shared by the memory and SQLite stores.
#include "store/internal/argument_checks.h"

#include <algorithm>
#include <string_view>

namespace xianjie::store::internal {

Status CheckStandard(const rules::StoredStandard& standard) {
  if (standard.content_hash.empty()) {
    return InvalidArgument("standard '" + standard.name +
                           "' has no content hash; it cannot be stored without one");
  }
  return Status::Ok();
}

Status CheckRunResults(std::span<const rules::HouseholdResult> results) {
  for (size_t i = 0; i < results.size(); ++i) {
    const std::string& id = results[i].household_id;
    if (id.empty()) {
      return InvalidArgument("screening result " + std::to_string(i) + " names no household");
    }
    if (i > 0 && !(results[i - 1].household_id < id)) {
      const std::string& previous = results[i - 1].household_id;
      return InvalidArgument(
          "screening results must be in household_id order without repeats: result " +
          std::to_string(i) + " (" + id + ") " + (previous == id ? "repeats" : "comes after") +
          " " + previous);
    }
  }
  return Status::Ok();
}

Status CheckUtcInstant(const std::string& instant) {
  constexpr std::string_view kPattern = "dddd-dd-ddTdd:dd:ddZ";
  bool ok = instant.size() == kPattern.size();
  for (size_t i = 0; ok && i < kPattern.size(); ++i) {
    char c = instant[i];
    ok = kPattern[i] == 'd' ? c >= '0' && c <= '9' : c == kPattern[i];
  }
  if (!ok) {
    return InvalidArgument("'" + instant +
                           "' is not a UTC time of the form YYYY-MM-DDTHH:MM:SSZ, e.g. "
                           "2024-06-30T15:59:59Z");
  }
  return Status::Ok();
}

std::vector<std::string> SortedDistinct(std::vector<std::string> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

}  // namespace xianjie::store::internal
