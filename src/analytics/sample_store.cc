// The checks every store makes before it writes a sample draw or a visit result
// (sample_store.h).
#include "analytics/sample_store.h"

#include <cmath>
#include <set>
#include <string>

namespace xianjie::analytics {
namespace {

bool Blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

bool AllDigits(std::string_view s, size_t size) {
  if (s.size() != size) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

Status Missing(std::string_view record, std::string_view field) {
  return InvalidArgument(std::string(record) + " field " + std::string(field) + " is missing");
}

Status CheckUnit(const SampleDraw& draw, const SampleUnit& u) {
  const std::string where = "sample unit " + (u.household_id.empty() ? "(no ID)" : u.household_id);
  if (u.household_id.empty()) return Missing("sample unit", "household_id");
  if (!AllDigits(u.village_code, 12) || !u.village_code.starts_with(draw.county_code)) {
    return InvalidArgument(where + " field village_code: '" + u.village_code +
                           "' is not a village (12 digits) of county " + draw.county_code);
  }
  auto probability = [](double p) { return std::isfinite(p) && p > 0 && p <= 1; };
  if (!probability(u.village_probability)) {
    return InvalidArgument(where + " field village_probability: " +
                           std::to_string(u.village_probability) + " is not in (0, 1]");
  }
  if (!probability(u.probability)) {
    return InvalidArgument(where + " field probability: " + std::to_string(u.probability) +
                           " is not in (0, 1]");
  }
  if (u.probability > u.village_probability) {
    return InvalidArgument(where + " field probability: " + std::to_string(u.probability) +
                           " is above its village's probability " +
                           std::to_string(u.village_probability));
  }
  if (!std::isfinite(u.weight) || u.weight < 1) {
    return InvalidArgument(where + " field weight: " + std::to_string(u.weight) +
                           " is not a finite number of at least 1 (1/probability)");
  }
  return Status::Ok();
}

}  // namespace

Status CheckSampleDraw(const SampleDraw& d, const std::vector<SampleUnit>& units) {
  if (!AllDigits(d.county_code, 6)) {
    return InvalidArgument("sample draw field county_code: '" + d.county_code +
                           "' is not a county code (6 digits)");
  }
  if (d.year < 2000 || d.year > 2100) {
    return InvalidArgument("sample draw field year: " + std::to_string(d.year) +
                           " is not a year from 2000 to 2100");
  }
  if (Blank(d.parameters_json)) return Missing("sample draw", "parameters_json");
  if (d.drawn_by.empty()) return Missing("sample draw", "drawn_by");
  if (d.drawn_at.empty()) return Missing("sample draw", "drawn_at");
  if (d.frame_households < 0 || d.villages < 0 || d.households < 0) {
    return InvalidArgument("sample draw counts cannot be negative (frame_households " +
                           std::to_string(d.frame_households) + ", villages " +
                           std::to_string(d.villages) + ", households " +
                           std::to_string(d.households) + ")");
  }
  if (d.households != static_cast<int64_t>(units.size())) {
    return InvalidArgument("sample draw field households: " + std::to_string(d.households) +
                           ", but it has " + std::to_string(units.size()) + " units");
  }
  std::set<std::string_view> households;
  std::set<std::string_view> villages;
  for (const SampleUnit& u : units) {
    XJ_RETURN_IF_ERROR(CheckUnit(d, u));
    if (!households.insert(u.household_id).second) {
      return InvalidArgument("sample unit " + u.household_id +
                             " is listed twice: a household is drawn at most once");
    }
    villages.insert(u.village_code);
  }
  if (d.villages < static_cast<int64_t>(villages.size())) {
    return InvalidArgument("sample draw field villages: " + std::to_string(d.villages) +
                           ", but its units are in " + std::to_string(villages.size()) +
                           " villages");
  }
  return Status::Ok();
}

Status CheckSampleResult(const SampleResult& r) {
  if (r.draw_id <= 0) {
    return InvalidArgument("sample result field draw_id must name a draw (got " +
                           std::to_string(r.draw_id) + ")");
  }
  if (r.household_id.empty()) return Missing("sample result", "household_id");
  if (Blank(r.visitor)) {
    return InvalidArgument("sample result field visitor is missing: the name of who visited");
  }
  if (r.recorded_by.empty()) return Missing("sample result", "recorded_by");
  if (r.recorded_at.empty()) return Missing("sample result", "recorded_at");
  return Status::Ok();
}

}  // namespace xianjie::analytics
