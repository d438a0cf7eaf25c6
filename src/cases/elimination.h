// Risk elimination (风险消除, DOMAIN.md §8; docs/decisions/0005, "Episodes and elimination"):
// whether a monitored household may be proposed for elimination, condition by condition, and
// the quality checks over eliminated episodes. Pure: the service reads the registry's versions,
// the screening runs and the measures from the store and passes them in.
#ifndef XIANJIE_CASES_ELIMINATION_H_
#define XIANJIE_CASES_ELIMINATION_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "cases/case.h"
#include "cases/deadlines.h"
#include "cases/measure.h"

namespace xianjie::cases {

// The household as one registry version shows it: what §8 asks of the registry.
struct RegistryObservation {
  CivilDate on;          // the date the facts refer to (the version's batch as_of)
  int64_t batch_id = 0;  // the batch that wrote the version (to match what a run saw)
  int64_t net_income_fen = 0;
  int64_t per_capita_fen = 0;  // net income / counted members, as the screening rounds it
  int counted_members = 0;
  int64_t rigid_spending_fen = 0;  // medical + education + other
  bool housing_safe = true;
  bool water_safe = true;
  bool member_uninsured = false;     // a member without basic medical insurance
  bool child_out_of_school = false;  // a member of compulsory school age not enrolled
  int labour_members = 0;            // members with some labour capacity (skilled, ordinary, weak)
  bool operator==(const RegistryObservation&) const = default;
};

// One screening run of the household's province (or county) as it concerned the household.
struct ScreeningObservation {
  CivilDate on;  // China's date of the run's start
  int64_t run_id = 0;
  int64_t registry_batch = 0;  // the last batch the run saw
  bool flagged = false;        // a rule fired for the household
  std::string rules;           // the fired rule ids, ';'-joined ("" when not flagged)
  std::string proposed_type;
  bool operator==(const ScreeningObservation&) const = default;
};

// The rule ids of the shipped standards (config/standards/) that speak against a condition when
// the latest run that saw the household's latest version fired them. A loaded standard with
// other ids is judged by the registry's figures alone.
inline constexpr std::string_view kIncomeRules[] = {"income_below_line"};
inline constexpr std::string_view kRigidSpendingRules[] = {"rigid_hardship", "medical_burden"};
inline constexpr std::string_view kGuaranteeRules[] = {"dropout", "uninsured", "housing_unsafe",
                                                       "water_unsafe"};

// The conditions of §8, in its order.
inline constexpr std::string_view kMonitoredLongEnough = "monitored_long_enough";
inline constexpr std::string_view kMeasureImplemented = "measure_implemented";
inline constexpr std::string_view kIncomeStableAboveLine = "income_stable_above_line";
inline constexpr std::string_view kRigidSpendingResolved = "rigid_spending_resolved";
inline constexpr std::string_view kGuaranteesSecured = "guarantees_secured";
inline constexpr std::string_view kNotSafetyNetDependent = "not_safety_net_dependent";

struct EliminationInput {
  Episode episode;                              // the household's open episode
  std::vector<Measure> measures;                // the household's, any order
  std::vector<RegistryObservation> registry;    // the household's versions, any order
  std::vector<ScreeningObservation> screening;  // runs of its province or county, any order
  int64_t line_fen = 0;  // the monitoring line of the current year, per person per year
  CivilDate today;
  WorkflowLimits limits;
};

struct Condition {
  std::string code;  // one of the constants above
  bool met = false;
  std::string why;  // for the clerk: the dates, figures and measures it was decided on
  bool operator==(const Condition&) const = default;
};

struct EliminationCheck {
  bool eligible = false;              // every condition met
  std::vector<Condition> conditions;  // the six of §8, in the order of the constants above
  // by_assistance when a measure of the episode is done or in progress, else natural.
  std::string method;
};

// Decides each condition of §8 on `in.today` (facts dated after today are not seen):
//   monitored_long_enough: identified at least elimination_min_months months ago;
//   measure_implemented: a measure done or in progress that started by today and did not end
//     before the identification;
//   income_stable_above_line: every version in force during the last stable_income_months
//     months (the one in force at the window's start and those dated within it) has per-capita
//     net income at or above the line, and no run in the window found income below the line;
//   rigid_spending_resolved: by the latest version, net income less rigid spending is at or
//     above line × counted members (the screening's rigid_hardship), and the latest run that saw
//     that version fired no rigid-spending rule;
//   guarantees_secured: by the latest version, housing and water are safe, every member is
//     insured and every child of compulsory school age enrolled, and the latest run that saw it
//     fired no guarantee rule;
//   not_safety_net_dependent: not (no member with labour capacity and a safety_net measure
//     done or in progress whose period covers today).
// Without a version dated on or before today, the four conditions on the registry are unmet.
EliminationCheck Assess(const EliminationInput& in);

// A household's record over time, for the quality checks.
struct EliminationHistory {
  std::string household_id;
  std::vector<Episode> episodes;  // the household's, any order
  std::vector<Measure> measures;
  std::vector<RegistryObservation> registry;
  std::vector<CaseRecord> cases;  // the household's cases of any kind
};

// Quality problem codes (DOMAIN.md §8, "Checks").
inline constexpr std::string_view kEliminatedByAssistanceWithoutMeasure =
    "eliminated_by_assistance_without_measure";
inline constexpr std::string_view kEliminatedTooEarly = "eliminated_too_early";
inline constexpr std::string_view kEliminatedBelowLine = "eliminated_below_line";
inline constexpr std::string_view kRelapseSameRisk = "relapse_same_risk";

struct QualityProblem {
  int64_t episode_id = 0;
  std::string household_id;
  std::string code;
  std::string message;  // what was found, with dates and figures, and what it means
  bool operator==(const QualityProblem&) const = default;
};

// The problems of each eliminated episode of `history`, by episode id and then in the order of
// the codes above:
//   eliminated_by_assistance_without_measure: method by_assistance, and no measure but planned
//     ones ran during the episode (started by its elimination, not ended before it began);
//   eliminated_too_early: eliminated less than early_elimination_months months after
//     identification;
//   eliminated_below_line: the version in force on the elimination date has per-capita net
//     income below the line of that date's year (`line_by_year`, fen; a year it lacks, or no
//     version by then, is not judged);
//   relapse_same_risk: a relapse case opened on or after the elimination, while this was the
//     household's last eliminated episode, proposes or decides a risk the episode had.
std::vector<QualityProblem> QualityProblems(const EliminationHistory& history,
                                            const std::map<int, int64_t>& line_by_year,
                                            const WorkflowLimits& limits);

// `date` moved by `months` calendar months, the day clamped to the month's last (31 March + 1
// month = 30 April). Negative months move back.
CivilDate AddMonths(CivilDate date, int months);

}  // namespace xianjie::cases

#endif  // XIANJIE_CASES_ELIMINATION_H_
