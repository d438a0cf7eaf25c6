// Deadlines of the procedure (DOMAIN.md §5.2; docs/decisions/0005, "Deadlines"): the limits per
// province, the due dates of an open case, the pause while an objection is open, and escalation
// of overdue cases to the next level up.
#ifndef XIANJIE_CASES_DEADLINES_H_
#define XIANJIE_CASES_DEADLINES_H_

#include <optional>
#include <string>

#include "access/role.h"
#include "base/date.h"
#include "base/status.h"
#include "cases/case.h"

namespace xianjie::cases {

// Calendar days, and for risk elimination (DOMAIN.md §8) calendar months. The defaults are
// Qinghai's (DOMAIN.md §5.2, §8).
struct WorkflowLimits {
  int application_days = 2;  // lead → application
  int home_visit_days = 3;   // application → home verification
  int comparison_days = 5;   // application → comparison results
  int appraisal_days = 2;    // verification complete → appraisal
  int notice_min_days = 5;   // the notice lasts at least this long
  int notice_close_days = 1; // the notice's end → closed
  int township_days = 2;
  int county_days = 2;
  int overall_days = 15;     // first lead → county approval (identification only)
  int escalate_every = 3;    // overdue this many more days → one level further up
  // Risk elimination (DOMAIN.md §8), in calendar months.
  int elimination_min_months = 6;    // monitored at least this long before elimination
  int stable_income_months = 6;      // income above the line for at least this long
  int early_elimination_months = 2;  // eliminated sooner after identification: a quality problem
  bool operator==(const WorkflowLimits&) const = default;
};

// kInvalidArgument naming the limit when one is out of range (each day limit 1..365,
// notice_min_days at least 5: the law's minimum; each month limit 1..120).
Status CheckLimits(const WorkflowLimits& limits);

// "application_days=2;home_visit_days=3;...;early_elimination_months=2" and back (the store
// keeps this text; the CLI takes `name=value` pairs). Parse starts from the defaults and
// overrides what is named; kInvalidArgument names an unknown name or a bad value.
std::string FormatLimits(const WorkflowLimits& limits);
Result<WorkflowLimits> ParseLimits(std::string_view text);

struct Due {
  bool open = false;                 // false for a terminal case: nothing below applies
  CivilDate step_due;                // the current step's due date (pauses added)
  std::optional<CivilDate> overall_due;  // identification only
  CivilDate due;                     // the earlier of the two
  bool paused = false;               // an objection is open: the clock stands still
  int overdue_days = 0;              // 0 when not overdue
  access::Role owner = access::Role::kVillage;  // who the current step waits for
  // Overdue: the level the case escalates to (owner's next level up, one more per
  // escalate_every days overdue, at most the province); the owner when not overdue.
  access::Role escalated_to = access::Role::kVillage;
  int escalation_levels = 0;         // levels above the owner (0 when not overdue)
};

// The owner of a state's step (village, county for the comparison, township, county).
access::Role StepOwner(CaseState state);

// The due dates of `c` on `today`. While paused, `today` counts as the day the pause began.
Due DueOf(const CaseRecord& c, const WorkflowLimits& limits, CivilDate today);

}  // namespace xianjie::cases

#endif  // XIANJIE_CASES_DEADLINES_H_
