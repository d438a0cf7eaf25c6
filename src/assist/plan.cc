// Plan states and the checks every stored plan, responsible person, visit and catalogue version
// passes (plan.h).
#include "assist/plan.h"

#include <string>

#include "cases/measure.h"

namespace xianjie::assist {
namespace {

// Indexed by PlanState.
constexpr std::string_view kStateCodes[] = {"draft", "active", "complete", "closed"};
static_assert(std::size(kStateCodes) == kAllPlanStates.size());

bool Blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

bool AllDigits(std::string_view s, size_t size) {
  if (s.size() != size) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

Status Missing(std::string_view record, std::string_view field, std::string_view hint = "") {
  std::string message = std::string(record) + " field " + std::string(field) + " is missing";
  if (!hint.empty()) message += ": " + std::string(hint);
  return InvalidArgument(message);
}

Status CheckVillage(std::string_view record, std::string_view village_code) {
  if (AllDigits(village_code, 12)) return Status::Ok();
  return InvalidArgument(std::string(record) + " field village_code: '" +
                         std::string(village_code) + "' is not a village code (12 digits)");
}

}  // namespace

std::string_view PlanStateCode(PlanState state) { return kStateCodes[static_cast<size_t>(state)]; }

std::optional<PlanState> ParsePlanState(std::string_view code) {
  for (PlanState s : kAllPlanStates) {
    if (PlanStateCode(s) == code) return s;
  }
  return std::nullopt;
}

Status CheckPlan(const Plan& p) {
  if (p.household_id.empty()) return Missing("plan", "household_id");
  if (p.episode_id <= 0) {
    return InvalidArgument("plan field episode_id must name a monitoring episode (got " +
                           std::to_string(p.episode_id) + ")");
  }
  XJ_RETURN_IF_ERROR(CheckVillage("plan", p.village_code));
  if (p.created_by.empty()) return Missing("plan", "created_by");
  if (p.created_at.empty()) return Missing("plan", "created_at");
  if (p.updated_at.empty()) return Missing("plan", "updated_at");
  if (p.completed_by.empty() != p.completed_at.empty()) {
    return InvalidArgument(
        "plan fields completed_by and completed_at go together: give both or neither");
  }
  if (!p.completed_by.empty() &&
      (p.state == PlanState::kDraft || p.state == PlanState::kActive)) {
    return InvalidArgument("plan field completed_by is set on a " +
                           std::string(PlanStateCode(p.state)) +
                           " plan; only a complete (or later closed) plan was completed");
  }
  return Status::Ok();
}

Status CheckResponsiblePerson(const ResponsiblePerson& r) {
  constexpr std::string_view kRecord = "responsible person";
  if (r.household_id.empty()) return Missing(kRecord, "household_id");
  if (Blank(r.name)) return Missing(kRecord, "name", "the person's full name");
  if (Blank(r.unit)) {
    return Missing(kRecord, "unit", "where the person works (\"县农业农村局\", \"驻村工作队\")");
  }
  int digits = 0;
  bool allowed = r.phone.size() >= 7 && r.phone.size() <= 20;
  for (char c : r.phone) {
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c != '+' && c != '-' && c != ' ') {
      allowed = false;
    }
  }
  if (!allowed || digits < 7) {
    return InvalidArgument("responsible person field phone: '" + r.phone +
                           "' is not a phone number (7 to 20 characters: digits, '+', '-', "
                           "spaces; \"13812345678\" or \"0971-1234567\")");
  }
  if (r.to.has_value() && *r.to < r.from) {
    return InvalidArgument("responsible person field to (" + r.to->ToString() +
                           ") is before from (" + r.from.ToString() + ")");
  }
  if (r.assigned_by.empty()) return Missing(kRecord, "assigned_by");
  if (r.assigned_at.empty()) return Missing(kRecord, "assigned_at");
  return Status::Ok();
}

Status CheckVisit(const Visit& v) {
  if (v.household_id.empty()) return Missing("visit", "household_id");
  XJ_RETURN_IF_ERROR(CheckVillage("visit", v.village_code));
  if (Blank(v.visitor)) return Missing("visit", "visitor", "the name of who went");
  if (Blank(v.found)) return Missing("visit", "found", "say what was found at the household");
  auto risks = cases::NormalizeMeasureRisks(v.risks_seen);
  if (!risks.ok()) {
    // The measures' message, worded for this field.
    std::string why = risks.status().message();
    constexpr std::string_view kMeasurePrefix = "measure field risks: ";
    if (why.starts_with(kMeasurePrefix)) why.erase(0, kMeasurePrefix.size());
    return InvalidArgument("visit field risks_seen: " + why);
  }
  if (*risks != v.risks_seen) {
    return InvalidArgument("visit field risks_seen: \"" + v.risks_seen +
                           "\" must be written as \"" + *risks + "\"");
  }
  if (v.lead_id < 0) {
    return InvalidArgument("visit field lead_id cannot be negative (0: no lead)");
  }
  if (v.recorded_by.empty()) return Missing("visit", "recorded_by");
  if (v.recorded_at.empty()) return Missing("visit", "recorded_at");
  return Status::Ok();
}

Status CheckCatalogVersion(const CatalogVersion& c) {
  if (!AllDigits(c.province, 2)) {
    return InvalidArgument("catalogue version field province: '" + c.province +
                           "' is not a province code (2 digits)");
  }
  if (Blank(c.text)) return Missing("catalogue version", "text", "the catalogue's TOML");
  if (c.created_by.empty()) return Missing("catalogue version", "created_by");
  if (c.created_at.empty()) return Missing("catalogue version", "created_at");
  return Status::Ok();
}

}  // namespace xianjie::assist
