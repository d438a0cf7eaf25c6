// The records of assistance around a monitoring object (docs/decisions/0008, "Measures catalogue
// and plans"; DOMAIN.md §7, §10): the plan of one monitoring episode and its state, the
// household's responsible person (帮扶责任人) over time, follow-up visits, and the versions of a
// province's measures catalogue. The measures themselves stay cases::Measure (elimination reads
// them), tied to a plan by plan_id and to the catalogue by item_code.
//
// The Check* functions are what every store checks before it writes (kInvalidArgument naming
// the first bad field and what to write instead), so that both backends refuse alike.
#ifndef XIANJIE_ASSIST_PLAN_H_
#define XIANJIE_ASSIST_PLAN_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/date.h"
#include "base/status.h"

namespace xianjie::assist {

// draft → active → complete; closed when the episode ends (the household's risk eliminated),
// from any state.
enum class PlanState : uint8_t { kDraft, kActive, kComplete, kClosed };
inline constexpr std::array<PlanState, 4> kAllPlanStates = {
    PlanState::kDraft, PlanState::kActive, PlanState::kComplete, PlanState::kClosed};

// "draft", "active", "complete", "closed".
std::string_view PlanStateCode(PlanState state);
std::optional<PlanState> ParsePlanState(std::string_view code);

// The assistance plan (帮扶计划) of one monitoring episode: at most one per episode.
struct Plan {
  int64_t id = 0;  // assigned by the store
  std::string household_id;
  int64_t episode_id = 0;    // the monitoring episode it answers
  std::string village_code;  // the episode's village (12 digits): what region lists filter on
  PlanState state = PlanState::kDraft;
  std::string created_by;    // username
  std::string created_at;    // UTC ISO 8601
  std::string updated_at;    // UTC ISO 8601 of the last change of state or note
  std::string completed_by;  // "" until complete
  std::string completed_at;  // "" until complete
  std::string note;          // free text
  bool operator==(const Plan&) const = default;
};

// kInvalidArgument naming the first bad field: household_id missing; episode_id not positive;
// village_code not 12 digits; created_by, created_at or updated_at missing; completed_by and
// completed_at not both given or both empty, or given while the plan was never completed (a
// draft or active plan).
Status CheckPlan(const Plan& plan);

// The person responsible for helping a household (帮扶责任人), for a period. A household has
// at most one current person (the last assigned, while its `to` is unset); assigning the next
// one ends the current one the day before the next one starts (to = next.from − 1 day), so
// periods never overlap and the history is kept whole.
struct ResponsiblePerson {
  int64_t id = 0;  // assigned by the store
  std::string household_id;
  std::string name;
  std::string unit;   // 单位: "县农业农村局", "驻村工作队"
  std::string phone;  // digits, '+', '-', spaces; masked for roles above the township
  CivilDate from;
  std::optional<CivilDate> to;  // unset while current: the last day responsible
  std::string assigned_by;      // username
  std::string assigned_at;      // UTC ISO 8601
  bool operator==(const ResponsiblePerson&) const = default;
};

// kInvalidArgument naming the first bad field: household_id, name or unit missing; phone not 7
// to 20 characters of digits, '+', '-' and spaces with at least 7 digits; to before from;
// assigned_by or assigned_at missing.
Status CheckResponsiblePerson(const ResponsiblePerson& person);

// A follow-up visit to a household (走访): who went, when, what they found, the risks they saw.
struct Visit {
  int64_t id = 0;  // assigned by the store
  std::string household_id;
  std::string village_code;  // the household's village (12 digits) when recorded
  CivilDate visited_on;
  std::string visitor;      // the name of who went (a cadre, the responsible person)
  std::string recorded_by;  // username
  std::string recorded_at;  // UTC ISO 8601
  std::string found;        // what was found, in the visitor's words
  std::string risks_seen;   // "R01;R09" (sorted, as cases::NormalizeMeasureRisks gives); may be ""
  int64_t lead_id = 0;      // the cadre-visit lead the visit recorded; 0 if none
  bool operator==(const Visit&) const = default;
};

// kInvalidArgument naming the first bad field: household_id, visitor or found missing;
// village_code not 12 digits; risks_seen not in the stored form; lead_id negative; recorded_by
// or recorded_at missing.
Status CheckVisit(const Visit& visit);

// One version of a province's measures catalogue (TOML as config/measures.toml); versions are
// numbered 1, 2, ... per province and the highest is in force.
struct CatalogVersion {
  std::string province;  // 2 digits
  int64_t version = 0;   // assigned by the store
  std::string text;      // the TOML, as parsed by ParseMeasureCatalog
  std::string created_by;
  std::string created_at;  // UTC ISO 8601
  bool operator==(const CatalogVersion&) const = default;
};

// kInvalidArgument naming the first bad field: province not 2 digits; text empty; created_by
// or created_at missing. (Whether the text is a catalogue is the service's check.)
Status CheckCatalogVersion(const CatalogVersion& version);

}  // namespace xianjie::assist

#endif  // XIANJIE_ASSIST_PLAN_H_
