// The vocabulary of the identification and elimination procedure (DOMAIN.md §5, §8;
// docs/decisions/0005): case kinds, states, events, lead channels, and the records the store
// keeps. Codes are the English snake_case words the API, the CLI and the database use.
#ifndef XIANJIE_CASES_CASE_H_
#define XIANJIE_CASES_CASE_H_

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/role.h"
#include "base/date.h"

namespace xianjie::cases {

enum class CaseKind : uint8_t {
  kIdentification,  // 识别: from a lead to a monitoring object
  kElimination,     // 风险消除: from a proposal to an eliminated episode
};

// A case is *in* the step it awaits (decision 0005, "States").
enum class CaseState : uint8_t {
  kLead,              // awaits the application with the signed authorization
  kHomeVisit,         // awaits the home verification (the comparison may come first)
  kDataComparison,    // awaits the department comparison; the home visit is done
  kVillageAppraisal,  // awaits the democratic appraisal
  kPublicNotice,      // the notice is posted; awaits its end with no open objection
  kTownshipReview,    // awaits the township's review
  kCountyApproval,    // awaits the county's approval
  kMonitored,         // terminal: a monitoring object (identification)
  kEliminated,        // terminal: the episode closed (elimination)
  kRejected,          // terminal: rejected at a review step, with the reason
  kDismissed,         // terminal: a lead not pursued, with the reason
};
inline constexpr std::array<CaseState, 11> kAllStates = {
    CaseState::kLead,           CaseState::kHomeVisit,      CaseState::kDataComparison,
    CaseState::kVillageAppraisal, CaseState::kPublicNotice, CaseState::kTownshipReview,
    CaseState::kCountyApproval, CaseState::kMonitored,      CaseState::kEliminated,
    CaseState::kRejected,       CaseState::kDismissed};

enum class EventType : uint8_t {
  kOpen,              // the case was opened (first event; not applied through the table)
  kApply,
  kDismiss,
  kRecordHomeVisit,
  kRecordComparison,
  kRecordAppraisal,
  kRaiseObjection,
  kUpholdObjection,
  kDismissObjection,
  kCloseNotice,
  kTownshipApprove,
  kCountyApprove,
  kReject,
  kComment,
  kJoinLead,
  kEscalate,
};
inline constexpr std::array<EventType, 16> kAllEvents = {
    EventType::kOpen,           EventType::kApply,           EventType::kDismiss,
    EventType::kRecordHomeVisit, EventType::kRecordComparison, EventType::kRecordAppraisal,
    EventType::kRaiseObjection, EventType::kUpholdObjection, EventType::kDismissObjection,
    EventType::kCloseNotice,    EventType::kTownshipApprove, EventType::kCountyApprove,
    EventType::kReject,         EventType::kComment,         EventType::kJoinLead,
    EventType::kEscalate};

// Lead channels (DOMAIN.md §5.1).
enum class Channel : uint8_t {
  kSelfApplication,    // 农户自主申报
  kCadreVisit,         // 基层干部排查
  kDepartmentWarning,  // 部门筛查预警 (a screening run, a department's push)
};

std::string_view KindCode(CaseKind kind);          // "identification", "elimination"
std::string_view StateCode(CaseState state);       // "lead", "home_visit", ...
std::string_view EventCode(EventType event);       // "open", "apply", ...
std::string_view ChannelCode(Channel channel);     // "self_application", ...
std::optional<CaseKind> ParseKind(std::string_view code);
std::optional<CaseState> ParseState(std::string_view code);
std::optional<EventType> ParseEvent(std::string_view code);
std::optional<Channel> ParseChannel(std::string_view code);

// monitored, eliminated, rejected, dismissed.
bool IsTerminal(CaseState state);

// The values of an event's fields as given (API JSON strings, CLI --field k=v), by field name.
using Fields = std::map<std::string, std::string>;

// One case as stored. Everything Apply needs to decide the next event is here, so that a
// transition reads one row.
struct CaseRecord {
  int64_t id = 0;  // assigned by the store
  CaseKind kind = CaseKind::kIdentification;
  std::string household_id;
  std::string village_code;  // 12 digits: the household's village when the case opened
  CaseState state = CaseState::kLead;
  Channel channel = Channel::kDepartmentWarning;  // of the lead that opened it
  bool relapse = false;  // opened for a household whose last episode was eliminated

  std::string opened_at;     // UTC ISO 8601
  CivilDate opened_on;       // China's civil date: the overall clock starts here
  CivilDate state_since;     // the step clock starts here
  std::string updated_at;    // UTC ISO 8601 of the last event
  int64_t version = 0;       // the number of events stored; the store's compare-and-set key

  // The clock stops while an objection is open (DOMAIN.md §5.2).
  int32_t paused_days = 0;        // all days paused, closed pauses only
  int32_t step_paused_days = 0;   // of them, those in the current state
  std::optional<CivilDate> paused_since;  // set while an objection is open
  int32_t open_objections = 0;

  bool home_visit_done = false;
  bool comparison_done = false;
  std::optional<CivilDate> notice_start;
  std::optional<CivilDate> notice_end;  // the notice may close on or after this date

  std::string proposed_type;   // from the screening result that raised the lead (DOMAIN §4.2)
  std::string proposed_risks;  // "R01;R09"
  std::string decided_type;    // county_approve (identification)
  std::string decided_risks;   // county_approve: 1–5 codes of DOMAIN §6, sorted, ';'-joined
  std::string method;          // county_approve (elimination): "by_assistance" or "natural"
  std::string reason;          // reject / dismiss
  std::string closed_at;       // UTC ISO 8601 when it reached a terminal state; "" while open
  int32_t escalation = 0;      // levels escalated in the current step (escalate events)
  int64_t episode_id = 0;      // elimination: the episode it would close; identification: the
                               // episode it opened (after county_approve)
  bool operator==(const CaseRecord&) const = default;
};

// One accepted event.
struct EventRecord {
  int64_t case_id = 0;
  int64_t seq = 0;  // 1, 2, ... per case (= the case's version after it)
  EventType event = EventType::kOpen;
  CaseState from = CaseState::kLead;
  CaseState to = CaseState::kLead;
  std::string actor;  // username, or "system"
  std::string actor_role;  // RoleName, or "system"
  std::string at;     // UTC ISO 8601
  CivilDate on;       // China's civil date of `at`
  std::string comment;
  Fields fields;
  std::vector<int64_t> attachments;  // attachment ids
  bool operator==(const EventRecord&) const = default;
};

struct Lead {
  int64_t id = 0;  // assigned by the store
  std::string household_id;
  Channel channel = Channel::kDepartmentWarning;
  // What raised it, unique per household: "run:17", "application:42", "visit:<user>:<date>".
  std::string source;
  std::string at;  // UTC ISO 8601
  std::string proposed_type;
  std::string proposed_risks;
  std::string note;  // the applicant's or cadre's words, the department's message
  // cadre_visit: which of the eight kinds of household a cadre must visit (八必访, DOMAIN.md
  // §5.1) this one is — low_income, serious_illness, ...; "" for the other channels.
  std::string visit_reason;
  int64_t case_id = 0;     // the case it opened or joined; 0 = recorded on an episode
  int64_t episode_id = 0;  // the monitoring episode it was recorded on, if any
  bool operator==(const Lead&) const = default;
};

// A period of monitoring: identification (county approval) to elimination.
struct Episode {
  int64_t id = 0;  // assigned by the store
  std::string household_id;
  std::string village_code;  // the household's village at identification
  CivilDate identified_on;
  std::string type;   // unstable_lifted, marginal, sudden_hardship
  std::string risks;  // "R01;R09"
  int64_t identification_case = 0;
  std::optional<CivilDate> eliminated_on;
  std::string method;  // by_assistance, natural; "" while open
  int64_t elimination_case = 0;
  bool operator==(const Episode&) const = default;
};

// A stored file given with an event (the signed authorization, the appraisal minutes).
struct Attachment {
  int64_t id = 0;  // assigned by the store
  int64_t case_id = 0;
  std::string filename;
  std::string content_type;
  std::string sha256;  // lower-case hex of the content
  int64_t bytes = 0;
  std::string uploaded_by;
  std::string uploaded_at;  // UTC ISO 8601
  bool operator==(const Attachment&) const = default;
};

// Who acts: a user with a role and scope, or the system (leads, escalation).
struct Actor {
  access::Principal principal;  // for the system: username "system", empty scope (ignored)
  bool system = false;          // the system may take only the events the table gives it
};

// The system as an actor (username "system"): sweeps, leads from runs and departments.
Actor SystemActor();

// China's civil date of a UTC ISO 8601 time ("2026-11-29T17:00:00Z" → 2026-11-30).
CivilDate ChinaDateOf(std::string_view utc_iso8601);

}  // namespace xianjie::cases

#endif  // XIANJIE_CASES_CASE_H_
