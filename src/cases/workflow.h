// The procedure as a table (docs/decisions/0005, "Events"): every (kind, state, event) a case
// may take, the roles allowed, the guards; and Apply, the one function that moves a case. Pure:
// no store, no clock — the caller passes the time and stores what Apply returns.
#ifndef XIANJIE_CASES_WORKFLOW_H_
#define XIANJIE_CASES_WORKFLOW_H_

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/money.h"
#include "base/status.h"
#include "cases/case.h"
#include "cases/deadlines.h"

namespace xianjie::cases {

// One row of the table. `to` lists every state the event may lead to from `from` (the guard
// and the fields choose among them); an event that leaves the state as it is lists `from`.
struct Transition {
  CaseKind kind;
  CaseState from;
  EventType event;
  uint16_t roles;  // bit (1 << Role) for each role allowed
  bool system;     // the system may take it (leads, escalation)
  std::array<CaseState, 2> to;
  int to_count;
  // What it needs, in words (for the docs and the UI). Not `requires`: a C++20 keyword.
  std::string_view needs;
};

// The whole table, in the order of decision 0005.
std::span<const Transition> TransitionTable();

// The table's rows for (kind, state, event), or nullptr.
const Transition* FindTransition(CaseKind kind, CaseState state, EventType event);

// The home verification form of `record_home_visit` (DOMAIN.md §5.2 step 2): the income
// components and rigid spending in yuan, the guarantees, the findings.
struct HomeVisitForm {
  Money wage_income, business_income, property_income, transfer_income, production_costs;
  Money rigid_medical, rigid_education, rigid_other;
  bool housing_safe = true;
  bool water_safe = true;
  std::string findings;
  bool operator==(const HomeVisitForm&) const = default;
};
// Field names: wage_income, business_income, property_income, transfer_income,
// production_costs, rigid_medical, rigid_education, rigid_other (yuan, ≥ 0), housing_safe,
// water_safe (1/0, true/false, 是/否), findings (text, not empty). kInvalidArgument names the
// first missing or bad field and what it must be.
Result<HomeVisitForm> ParseHomeVisitForm(const Fields& fields);

struct EventInput {
  EventType event = EventType::kComment;
  Fields fields;
  std::string comment;
  std::vector<int64_t> attachments;  // ids of attachments already stored for this case
};

// What an accepted event does. The caller stores `next` and `record` together (compare-and-set
// on the version it read) with the side effects below.
struct Applied {
  CaseRecord next;
  EventRecord record;
  std::optional<HomeVisitForm> home_visit;  // record_home_visit: write a registry version
  bool open_episode = false;   // county_approve of an identification case
  bool close_episode = false;  // county_approve of an elimination case
};

// Moves `c` by `input` taken by `actor` at `now_utc` (UTC ISO 8601; the civil date is China's).
//   kFailedPrecondition: `c` is terminal, or the table has no such event in its state (the
//     message names the state and the events it allows), or a guard fails (the notice has not
//     ended, an objection is open, the comparison is missing for the approval, no objection is
//     open to uphold or dismiss);
//   kPermissionDenied: the role may not take the event, or the household's village is outside
//     the actor's scope, or the system is not allowed the event;
//   kInvalidArgument: a required field is missing or bad (the message names it).
// The returned record has seq = c.version + 1; `next.version` likewise.
Result<Applied> Apply(const CaseRecord& c, const EventInput& input, const Actor& actor,
                      std::string_view now_utc, const WorkflowLimits& limits);

// The events `actor` may take on `c` now by state, role and scope (the UI's action buttons;
// field guards are not evaluated). Never `open` or `escalate` (the system's).
std::vector<EventType> AvailableEvents(const CaseRecord& c, const Actor& actor);

// A new case in `lead` (identification) or `home_visit` (elimination) and its `open` event;
// `next.id` is 0 until the store assigns it. Fields read: proposed_type, proposed_risks (from
// the screening result), relapse ("1"), episode_id (elimination: the episode to close); all are
// kept in the open event's fields.
Applied OpenCase(CaseKind kind, const std::string& household_id, const std::string& village_code,
                 Channel channel, const Actor& actor, std::string_view now_utc,
                 const Fields& fields);

}  // namespace xianjie::cases

#endif  // XIANJIE_CASES_WORKFLOW_H_
