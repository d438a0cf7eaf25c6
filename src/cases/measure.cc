// Measure codes and the checks every stored measure passes (DOMAIN.md §7.1).
#include "cases/measure.h"

#include <set>
#include <string>

#include "base/id_number.h"
#include "cases/internal/common.h"

namespace xianjie::cases {
namespace {

// Indexed by the enums' values.
constexpr std::string_view kCategoryCodes[] = {
    "industry",        "employment", "finance", "public_post", "health",     "compulsory_education",
    "other_education", "housing",    "water",   "social",      "relocation", "living_conditions",
    "infrastructure",  "safety_net"};
static_assert(std::size(kCategoryCodes) == kAllMeasureCategories.size());
constexpr std::string_view kStatusCodes[] = {"planned", "in_progress", "done", "stopped"};
static_assert(std::size(kStatusCodes) == kAllMeasureStatuses.size());

// `s` without spaces (' ' only) at either end.
std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

Status BadRisks(std::string_view why) {
  return InvalidArgument("measure field risks: " + std::string(why) +
                         " (risk types R01 to R12, R99 of DOMAIN.md §6, joined by ';')");
}

}  // namespace

std::string_view MeasureCategoryCode(MeasureCategory category) {
  return kCategoryCodes[static_cast<size_t>(category)];
}

std::string_view MeasureStatusCode(MeasureStatus status) {
  return kStatusCodes[static_cast<size_t>(status)];
}

std::optional<MeasureCategory> ParseMeasureCategory(std::string_view code) {
  for (MeasureCategory c : kAllMeasureCategories) {
    if (MeasureCategoryCode(c) == code) return c;
  }
  return std::nullopt;
}

std::optional<MeasureStatus> ParseMeasureStatus(std::string_view code) {
  for (MeasureStatus s : kAllMeasureStatuses) {
    if (MeasureStatusCode(s) == code) return s;
  }
  return std::nullopt;
}

Result<std::string> NormalizeMeasureRisks(std::string_view text) {
  std::set<std::string> codes;
  std::string_view rest = text;
  while (!rest.empty()) {
    const size_t end = rest.find_first_of(";,");
    const std::string_view code = TrimSpaces(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    if (code.empty()) continue;
    if (!internal::IsRiskCode(code)) {
      return BadRisks("\"" + std::string(code) + "\" is not a risk type");
    }
    if (!codes.insert(std::string(code)).second) {
      return BadRisks(std::string(code) + " is given twice");
    }
  }
  std::string joined;
  for (const std::string& code : codes) {
    if (!joined.empty()) joined += ';';
    joined += code;
  }
  return joined;
}

Status CheckMeasure(const Measure& m) {
  if (m.household_id.empty()) return InvalidArgument("measure field household_id is missing");
  if (!m.member_id_number.empty()) {
    auto id = ParseIdNumber(m.member_id_number);
    if (!id.ok()) {
      return InvalidArgument("measure field member_id_number: " + id.status().message() +
                             " (leave it empty for a measure for the whole household)");
    }
  }
  if (TrimSpaces(m.item).empty()) {
    return InvalidArgument("measure field item is missing: say what is given (\"护林员岗位\")");
  }
  if (m.end.has_value() && *m.end < m.start) {
    return InvalidArgument("measure field end (" + m.end->ToString() + ") is before its start (" +
                           m.start.ToString() + ")");
  }
  if (m.amount_fen < 0) {
    return InvalidArgument("measure field amount_fen cannot be negative (" +
                           std::to_string(m.amount_fen) + ")");
  }
  XJ_ASSIGN_OR_RETURN(std::string risks, NormalizeMeasureRisks(m.risks));
  if (risks != m.risks) {
    // Valid codes, but not in the stored form (sorted, ';', no spaces): the store keeps one
    // spelling so that equal sets compare equal. NormalizeMeasureRisks gives it.
    return BadRisks("\"" + m.risks + "\" must be written as \"" + risks + "\"");
  }
  if (m.recorded_by.empty()) return InvalidArgument("measure field recorded_by is missing");
  if (m.recorded_at.empty()) return InvalidArgument("measure field recorded_at is missing");
  if (m.plan_id < 0) {
    return InvalidArgument("measure field plan_id cannot be negative (0: no plan)");
  }
  if (!m.item_code.empty()) {
    bool code = m.item_code[0] >= 'a' && m.item_code[0] <= 'z';
    for (char c : m.item_code) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) code = false;
    }
    if (!code) {
      return InvalidArgument("measure field item_code: '" + m.item_code +
                             "' is not a catalogue item code (lower-case ASCII letters, digits "
                             "and '_', starting with a letter; \"ecological_ranger\")");
    }
  }
  return Status::Ok();
}

bool IsImplemented(const Measure& measure) {
  return measure.status == MeasureStatus::kDone || measure.status == MeasureStatus::kInProgress;
}

}  // namespace xianjie::cases
