// The transition table of decision 0005 and Apply, the one function that moves a case. Apply
// checks in a fixed order — closed case, event not in the state, role, scope, fields, guards —
// so that the caller always hears the most basic reason first, and a refusal changes nothing.
#include "cases/workflow.h"

#include <algorithm>
#include <charconv>
#include <set>
#include <string>
#include <utility>

#include "base/date.h"
#include "cases/internal/common.h"

namespace xianjie::cases {
namespace {

using access::Role;
using K = CaseKind;
using S = CaseState;
using E = EventType;

constexpr uint16_t Bit(Role role) { return static_cast<uint16_t>(1u << static_cast<int>(role)); }
constexpr uint16_t kVillage = Bit(Role::kVillage);
constexpr uint16_t kTownship = Bit(Role::kTownship);
constexpr uint16_t kCounty = Bit(Role::kCounty);
constexpr uint16_t kDepartment = Bit(Role::kDepartment);
constexpr uint16_t kNobody = 0;
constexpr bool kSystem = true;
constexpr bool kUsers = false;

constexpr Transition Row(K kind, S from, E event, uint16_t roles, bool system, S to,
                         std::string_view needs) {
  return Transition{kind, from, event, roles, system, {to, to}, 1, needs};
}
constexpr Transition Row(K kind, S from, E event, uint16_t roles, bool system, S to1, S to2,
                         std::string_view needs) {
  return Transition{kind, from, event, roles, system, {to1, to2}, 2, needs};
}

// The rows of decision 0005's event table that belong to particular states, in its order.
constexpr Transition kStepRows[] = {
    // kind, from, event, roles, system, to (one or two), what it needs.
    Row(K::kIdentification, S::kLead, E::kApply, kVillage | kTownship, kUsers, S::kHomeVisit,
        "authorization_signed=true, applicant; the signed form may be attached"),
    Row(K::kIdentification, S::kLead, E::kDismiss, kVillage | kTownship | kCounty, kUsers,
        S::kDismissed, "reason"),
    Row(K::kIdentification, S::kHomeVisit, E::kRecordHomeVisit, kVillage | kTownship, kUsers,
        S::kDataComparison, S::kVillageAppraisal,
        "the verification form; village_appraisal when the comparison is already recorded"),
    Row(K::kElimination, S::kHomeVisit, E::kRecordHomeVisit, kVillage | kTownship, kUsers,
        S::kVillageAppraisal, "the verification form"),
    Row(K::kIdentification, S::kHomeVisit, E::kRecordComparison, kCounty | kDepartment, kUsers,
        S::kHomeVisit, "result (consistent/inconsistent), findings"),
    Row(K::kIdentification, S::kDataComparison, E::kRecordComparison, kCounty | kDepartment, kUsers,
        S::kVillageAppraisal, "result (consistent/inconsistent), findings"),
    Row(K::kIdentification, S::kVillageAppraisal, E::kRecordAppraisal, kVillage, kUsers,
        S::kPublicNotice, S::kRejected,
        "held_on, attendance >= 1, minutes, result (agreed/not_agreed; reason if not agreed), "
        "notice_days"),
    Row(K::kElimination, S::kVillageAppraisal, E::kRecordAppraisal, kVillage, kUsers,
        S::kPublicNotice, S::kRejected,
        "held_on, attendance >= 1, minutes, result (agreed/not_agreed; reason if not agreed), "
        "notice_days"),
    Row(K::kIdentification, S::kPublicNotice, E::kRaiseObjection, kVillage | kTownship, kUsers,
        S::kPublicNotice, "objection; the clock pauses"),
    Row(K::kElimination, S::kPublicNotice, E::kRaiseObjection, kVillage | kTownship, kUsers,
        S::kPublicNotice, "objection; the clock pauses"),
    Row(K::kIdentification, S::kPublicNotice, E::kUpholdObjection, kVillage | kTownship, kUsers,
        S::kVillageAppraisal, "reason; an open objection"),
    Row(K::kElimination, S::kPublicNotice, E::kUpholdObjection, kVillage | kTownship, kUsers,
        S::kVillageAppraisal, "reason; an open objection"),
    Row(K::kIdentification, S::kPublicNotice, E::kDismissObjection, kVillage | kTownship, kUsers,
        S::kPublicNotice, "reason; an open objection"),
    Row(K::kElimination, S::kPublicNotice, E::kDismissObjection, kVillage | kTownship, kUsers,
        S::kPublicNotice, "reason; an open objection"),
    Row(K::kIdentification, S::kPublicNotice, E::kCloseNotice, kVillage | kTownship, kUsers,
        S::kTownshipReview, "the notice has ended and no objection is open"),
    Row(K::kElimination, S::kPublicNotice, E::kCloseNotice, kVillage | kTownship, kUsers,
        S::kTownshipReview, "the notice has ended and no objection is open"),
    Row(K::kIdentification, S::kTownshipReview, E::kTownshipApprove, kTownship, kUsers,
        S::kCountyApproval, ""),
    Row(K::kElimination, S::kTownshipReview, E::kTownshipApprove, kTownship, kUsers,
        S::kCountyApproval, ""),
    Row(K::kIdentification, S::kCountyApproval, E::kCountyApprove, kCounty, kUsers, S::kMonitored,
        "type, risks (1 to 5 codes); the comparison recorded"),
    Row(K::kElimination, S::kCountyApproval, E::kCountyApprove, kCounty, kUsers, S::kEliminated,
        "method (by_assistance/natural)"),
    Row(K::kIdentification, S::kTownshipReview, E::kReject, kTownship, kUsers, S::kRejected,
        "reason"),
    Row(K::kElimination, S::kTownshipReview, E::kReject, kTownship, kUsers, S::kRejected, "reason"),
    Row(K::kIdentification, S::kCountyApproval, E::kReject, kCounty, kUsers, S::kRejected,
        "reason"),
    Row(K::kElimination, S::kCountyApproval, E::kReject, kCounty, kUsers, S::kRejected, "reason"),
};

// The decision's last three rows hold in "any open state": one row per open state of each kind.
struct AnyOpenStateRow {
  E event;
  uint16_t roles;
  bool system;
  std::string_view needs;
};
constexpr AnyOpenStateRow kAnyOpenStateRows[] = {
    {E::kComment, kVillage | kTownship | kCounty | kDepartment, kUsers,
     "comment; carries attachments"},
    {E::kJoinLead, kVillage | kTownship, kSystem, "a lead from another channel"},
    {E::kEscalate, kNobody, kSystem, "the case is overdue"},
};
constexpr S kIdentificationOpen[] = {
    S::kLead,         S::kHomeVisit,      S::kDataComparison, S::kVillageAppraisal,
    S::kPublicNotice, S::kTownshipReview, S::kCountyApproval};
constexpr S kEliminationOpen[] = {S::kHomeVisit, S::kVillageAppraisal, S::kPublicNotice,
                                  S::kTownshipReview, S::kCountyApproval};

constexpr size_t kRowCount =
    std::size(kStepRows) +
    std::size(kAnyOpenStateRows) * (std::size(kIdentificationOpen) + std::size(kEliminationOpen));

constexpr std::array<Transition, kRowCount> BuildTable() {
  std::array<Transition, kRowCount> table{};
  size_t n = 0;
  for (const Transition& row : kStepRows) table[n++] = row;
  for (const AnyOpenStateRow& any : kAnyOpenStateRows) {
    for (S state : kIdentificationOpen) {
      table[n++] =
          Row(K::kIdentification, state, any.event, any.roles, any.system, state, any.needs);
    }
    for (S state : kEliminationOpen) {
      table[n++] = Row(K::kElimination, state, any.event, any.roles, any.system, state, any.needs);
    }
  }
  return table;
}

constexpr std::array<Transition, kRowCount> kTransitions = BuildTable();

// ---- Fields -------------------------------------------------------------------------------

// `s` without ASCII white space (space, tab, CR, LF) at either end.
std::string_view TrimWhitespace(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n";
  const size_t begin = s.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  return s.substr(begin, s.find_last_not_of(kSpace) - begin + 1);
}

// The trimmed value of a field; empty when missing or blank.
std::string_view Value(const Fields& fields, const std::string& name) {
  const auto it = fields.find(name);
  return it == fields.end() ? std::string_view() : TrimWhitespace(it->second);
}

Status Missing(EventType event, std::string_view name, std::string_view what) {
  return InvalidArgument(std::string(EventCode(event)) + " needs the field " + std::string(name) +
                         " (" + std::string(what) + ")");
}

Status Bad(std::string_view name, std::string_view value, std::string_view what) {
  return InvalidArgument("field " + std::string(name) + " must be " + std::string(what) +
                         ", not \"" + std::string(value) + "\"");
}

Result<std::string> RequiredText(const Fields& fields, EventType event, const std::string& name,
                                 std::string_view what) {
  const std::string_view value = Value(fields, name);
  if (value.empty()) return Missing(event, name, what);
  return std::string(value);
}

std::optional<bool> ParseFlag(std::string_view text) {
  if (text == "1" || text == "true" || text == "是") return true;
  if (text == "0" || text == "false" || text == "否") return false;
  return std::nullopt;
}

// A non-negative whole number without sign or spaces, at most 9 digits.
std::optional<int> ParseCount(std::string_view text) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  int value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

constexpr std::string_view kTypes[] = {"unstable_lifted", "marginal", "sudden_hardship"};
constexpr int kMaxRisks = 5;
// A notice of more than a year is a typing error, not a policy.
constexpr int kMaxNoticeDays = 365;

// "R09, R01" → "R01;R09": 1 to 5 distinct codes of DOMAIN.md §6, ';' or ',' between them.
Result<std::string> ParseRisks(std::string_view text) {
  std::set<std::string> codes;
  std::string_view rest = text;
  while (!rest.empty()) {
    const size_t end = rest.find_first_of(";,");
    const std::string_view code = TrimWhitespace(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    if (code.empty()) continue;
    if (!internal::IsRiskCode(code)) {
      return InvalidArgument("field risks: \"" + std::string(code) +
                             "\" is not a risk type (R01 to R12, R99; DOMAIN.md §6)");
    }
    if (!codes.insert(std::string(code)).second) {
      return InvalidArgument("field risks: " + std::string(code) + " is given twice");
    }
  }
  if (codes.empty() || static_cast<int>(codes.size()) > kMaxRisks) {
    return Bad("risks", text, "1 to 5 risk types separated by ';' (R01 to R12, R99)");
  }
  std::string joined;
  for (const std::string& code : codes) {
    if (!joined.empty()) joined += ';';
    joined += code;
  }
  return joined;
}

// ---- Apply helpers ------------------------------------------------------------------------

std::string EventList(CaseKind kind, CaseState state) {
  std::string list;
  for (const Transition& row : kTransitions) {
    if (row.kind != kind || row.from != state) continue;
    if (!list.empty()) list += ", ";
    list += EventCode(row.event);
  }
  return list;
}

std::string AllowedActors(const Transition& row) {
  std::string list;
  for (Role role : access::kAllRoles) {
    if ((row.roles & Bit(role)) == 0) continue;
    if (!list.empty()) list += ", ";
    list += access::RoleName(role);
  }
  if (row.system) list += list.empty() ? "the system only" : " and the system";
  return list;
}

bool ActorAllowed(const Transition& row, const Actor& actor) {
  return actor.system ? row.system : (row.roles & Bit(actor.principal.role)) != 0;
}

std::string CaseName(const CaseRecord& c) { return "case " + std::to_string(c.id); }

// Ends the pause when the last objection is closed: its days count as paused in the step and
// overall (the caller resets step_paused_days when the state changes).
void EndPause(CaseRecord& next, CivilDate today) {
  if (!next.paused_since.has_value()) return;
  const int days = std::max(0, today.ToDays() - next.paused_since->ToDays());
  next.paused_days += days;
  next.step_paused_days += days;
  next.paused_since.reset();
}

// The event-specific part of Apply: reads the fields, checks the guards, fills `out.next`
// (still in the old state) and returns the state to go to.
Result<CaseState> Decide(const CaseRecord& c, const EventInput& input, CivilDate today,
                         const WorkflowLimits& limits, Applied& out) {
  const Fields& f = input.fields;
  const EventType ev = input.event;
  CaseRecord& next = out.next;
  switch (ev) {
    case E::kApply: {
      const std::string_view signed_text = Value(f, "authorization_signed");
      if (signed_text.empty()) {
        return Missing(ev, "authorization_signed", "the household's signed authorization: true");
      }
      if (ParseFlag(signed_text) != true) {
        return Bad("authorization_signed", signed_text,
                   "1, true or 是: no application without the signed authorization");
      }
      XJ_RETURN_IF_ERROR(RequiredText(f, ev, "applicant", "who applies for the household"));
      return S::kHomeVisit;
    }
    case E::kDismiss:
    case E::kReject: {
      XJ_ASSIGN_OR_RETURN(next.reason, RequiredText(f, ev, "reason", "why, for the household"));
      return ev == E::kDismiss ? S::kDismissed : S::kRejected;
    }
    case E::kRecordHomeVisit: {
      XJ_ASSIGN_OR_RETURN(HomeVisitForm form, ParseHomeVisitForm(f));
      out.home_visit = std::move(form);
      next.home_visit_done = true;
      if (c.kind == K::kElimination || c.comparison_done) return S::kVillageAppraisal;
      return S::kDataComparison;
    }
    case E::kRecordComparison: {
      const std::string_view result = Value(f, "result");
      if (result.empty()) return Missing(ev, "result", "consistent or inconsistent");
      if (result != "consistent" && result != "inconsistent") {
        return Bad("result", result, "consistent or inconsistent");
      }
      XJ_RETURN_IF_ERROR(RequiredText(f, ev, "findings", "what the comparison found"));
      next.comparison_done = true;
      return c.state == S::kDataComparison ? S::kVillageAppraisal : c.state;
    }
    case E::kRecordAppraisal: {
      const std::string_view held_text = Value(f, "held_on");
      if (held_text.empty()) return Missing(ev, "held_on", "the appraisal's date, YYYY-MM-DD");
      const Result<CivilDate> held_on = ParseDate(held_text);
      if (!held_on.ok()) {
        return InvalidArgument("field held_on: " + held_on.status().message());
      }
      if (*held_on > today) {
        return Bad("held_on", held_text, "a date not after today (" + today.ToString() + ")");
      }
      const std::string_view attendance_text = Value(f, "attendance");
      if (attendance_text.empty()) return Missing(ev, "attendance", "how many attended");
      const std::optional<int> attendance = ParseCount(attendance_text);
      if (!attendance.has_value() || *attendance < 1) {
        return Bad("attendance", attendance_text, "a whole number of at least 1");
      }
      XJ_RETURN_IF_ERROR(RequiredText(f, ev, "minutes", "the minutes of the appraisal"));
      const std::string_view result = Value(f, "result");
      if (result.empty()) return Missing(ev, "result", "agreed or not_agreed");
      if (result == "not_agreed") {
        XJ_ASSIGN_OR_RETURN(next.reason,
                            RequiredText(f, ev, "reason", "why the appraisal did not agree"));
        return S::kRejected;
      }
      if (result != "agreed") return Bad("result", result, "agreed or not_agreed");
      int notice_days = limits.notice_min_days;
      const std::string_view days_text = Value(f, "notice_days");
      if (!days_text.empty()) {
        const std::optional<int> days = ParseCount(days_text);
        if (!days.has_value() || *days < limits.notice_min_days || *days > kMaxNoticeDays) {
          return Bad("notice_days", days_text,
                     "a whole number of days from " + std::to_string(limits.notice_min_days) +
                         " (the minimum notice) to " + std::to_string(kMaxNoticeDays));
        }
        notice_days = *days;
      }
      next.notice_start = today;
      next.notice_end = internal::AddDays(today, notice_days);
      return S::kPublicNotice;
    }
    case E::kRaiseObjection: {
      XJ_RETURN_IF_ERROR(RequiredText(f, ev, "objection", "what is objected to, and by whom"));
      if (next.open_objections++ == 0) next.paused_since = today;
      return c.state;
    }
    case E::kUpholdObjection:
    case E::kDismissObjection: {
      XJ_RETURN_IF_ERROR(RequiredText(f, ev, "reason", "how the objection was handled"));
      if (c.open_objections <= 0) {
        return FailedPrecondition(CaseName(c) + " has no open objection to " +
                                  (ev == E::kUpholdObjection ? "uphold" : "dismiss"));
      }
      if (ev == E::kDismissObjection) {
        if (--next.open_objections == 0) EndPause(next, today);
        return c.state;
      }
      // Upheld: the appraisal is held again, so every objection of this notice is settled.
      next.open_objections = 0;
      EndPause(next, today);
      next.notice_start.reset();
      next.notice_end.reset();
      return S::kVillageAppraisal;
    }
    case E::kCloseNotice: {
      if (c.open_objections > 0) {
        return FailedPrecondition(CaseName(c) + " has " + std::to_string(c.open_objections) +
                                  " open objection(s); uphold or dismiss them before closing "
                                  "the notice");
      }
      if (!c.notice_end.has_value() || today < *c.notice_end) {
        return FailedPrecondition(
            CaseName(c) + ": the public notice runs until " +
            (c.notice_end.has_value() ? c.notice_end->ToString() : std::string("(no end set)")) +
            "; it may be closed on or after that day, not on " + today.ToString());
      }
      return S::kTownshipReview;
    }
    case E::kTownshipApprove:
      return S::kCountyApproval;
    case E::kCountyApprove: {
      if (c.kind == K::kElimination) {
        const std::string_view method = Value(f, "method");
        if (method.empty()) return Missing(ev, "method", "by_assistance or natural");
        if (method != "by_assistance" && method != "natural") {
          return Bad("method", method, "by_assistance or natural");
        }
        next.method = std::string(method);
        out.close_episode = true;
        return S::kEliminated;
      }
      const std::string_view type = Value(f, "type");
      if (type.empty()) return Missing(ev, "type", "unstable_lifted, marginal or sudden_hardship");
      if (std::find(std::begin(kTypes), std::end(kTypes), type) == std::end(kTypes)) {
        return Bad("type", type, "unstable_lifted, marginal or sudden_hardship");
      }
      const std::string_view risks_text = Value(f, "risks");
      if (risks_text.empty()) return Missing(ev, "risks", "1 to 5 risk types, e.g. R01;R09");
      XJ_ASSIGN_OR_RETURN(std::string risks, ParseRisks(risks_text));
      if (!c.comparison_done) {
        return FailedPrecondition(CaseName(c) +
                                  " has no data comparison recorded; the county approves taking "
                                  "the comparison into account (record_comparison first)");
      }
      next.decided_type = std::string(type);
      next.decided_risks = std::move(risks);
      out.open_episode = true;
      return S::kMonitored;
    }
    case E::kComment: {
      // The text comes with the event's comment; a `comment` field is taken when that is empty
      // (the CLI's --field comment=...).
      if (TrimWhitespace(input.comment).empty() && Value(f, "comment").empty()) {
        return Missing(ev, "comment", "the text of the comment");
      }
      return c.state;
    }
    case E::kJoinLead:
      return c.state;
    case E::kEscalate:
      ++next.escalation;
      return c.state;
    case E::kOpen:
      break;
  }
  return Internal("event " + std::string(EventCode(ev)) + " has a table row but no rule");
}

}  // namespace

std::span<const Transition> TransitionTable() { return kTransitions; }

const Transition* FindTransition(CaseKind kind, CaseState state, EventType event) {
  for (const Transition& row : kTransitions) {
    if (row.kind == kind && row.from == state && row.event == event) return &row;
  }
  return nullptr;
}

Result<HomeVisitForm> ParseHomeVisitForm(const Fields& fields) {
  HomeVisitForm form;
  const std::pair<const char*, Money*> amounts[] = {
      {"wage_income", &form.wage_income},           {"business_income", &form.business_income},
      {"property_income", &form.property_income},   {"transfer_income", &form.transfer_income},
      {"production_costs", &form.production_costs}, {"rigid_medical", &form.rigid_medical},
      {"rigid_education", &form.rigid_education},   {"rigid_other", &form.rigid_other},
  };
  for (const auto& [name, money] : amounts) {
    const std::string_view text = Value(fields, name);
    if (text.empty()) return Missing(E::kRecordHomeVisit, name, "yuan, at least 0");
    const Result<Money> parsed = ParseMoney(text);
    if (!parsed.ok())
      return InvalidArgument("field " + std::string(name) + ": " + parsed.status().message());
    *money = *parsed;
  }
  const std::pair<const char*, bool*> flags[] = {{"housing_safe", &form.housing_safe},
                                                 {"water_safe", &form.water_safe}};
  for (const auto& [name, flag] : flags) {
    const std::string_view text = Value(fields, name);
    if (text.empty()) return Missing(E::kRecordHomeVisit, name, "1/0, true/false or 是/否");
    const std::optional<bool> parsed = ParseFlag(text);
    if (!parsed.has_value()) return Bad(name, text, "1/0, true/false or 是/否");
    *flag = *parsed;
  }
  XJ_ASSIGN_OR_RETURN(form.findings, RequiredText(fields, E::kRecordHomeVisit, "findings",
                                                  "what the verifiers found"));
  return form;
}

Result<Applied> Apply(const CaseRecord& c, const EventInput& input, const Actor& actor,
                      std::string_view now_utc, const WorkflowLimits& limits) {
  if (IsTerminal(c.state)) {
    return FailedPrecondition(CaseName(c) + " is " + std::string(StateCode(c.state)) +
                              " (closed); no event can be taken on it");
  }
  const Transition* row = FindTransition(c.kind, c.state, input.event);
  if (row == nullptr) {
    return FailedPrecondition(CaseName(c) + " is in " + std::string(StateCode(c.state)) + ": " +
                              std::string(EventCode(input.event)) +
                              " is not possible there; it allows " + EventList(c.kind, c.state));
  }
  const std::string who = actor.system ? std::string("the system")
                                       : "role " + std::string(RoleName(actor.principal.role));
  if (!ActorAllowed(*row, actor)) {
    return PermissionDenied(who + " may not take " + std::string(EventCode(input.event)) + " in " +
                            std::string(StateCode(c.state)) + "; allowed: " + AllowedActors(*row));
  }
  if (!actor.system && !access::InScope(actor.principal, c.village_code)) {
    return PermissionDenied(CaseName(c) + ": the household's village " + c.village_code +
                            " is outside the scope " + actor.principal.scope + " of " +
                            actor.principal.username);
  }

  const CivilDate today = ChinaDateOf(now_utc);
  Applied out;
  out.next = c;
  XJ_ASSIGN_OR_RETURN(const CaseState to, Decide(c, input, today, limits, out));

  CaseRecord& next = out.next;
  if (to != c.state) {
    next.state = to;
    next.state_since = today;
    next.step_paused_days = 0;
    next.escalation = 0;  // a new step has its own deadline, and escalates afresh
    if (IsTerminal(to)) next.closed_at = std::string(now_utc);
  }
  next.version = c.version + 1;
  next.updated_at = std::string(now_utc);

  EventRecord& record = out.record;
  record.case_id = c.id;
  record.seq = next.version;
  record.event = input.event;
  record.from = c.state;
  record.to = to;
  record.actor = actor.system ? "system" : actor.principal.username;
  record.actor_role = actor.system ? "system" : std::string(RoleName(actor.principal.role));
  record.at = std::string(now_utc);
  record.on = today;
  record.comment = input.comment;
  if (input.event == E::kComment && TrimWhitespace(record.comment).empty()) {
    record.comment = std::string(Value(input.fields, "comment"));
  }
  record.fields = input.fields;
  record.attachments = input.attachments;
  return out;
}

std::vector<EventType> AvailableEvents(const CaseRecord& c, const Actor& actor) {
  std::vector<EventType> events;
  if (IsTerminal(c.state)) return events;
  if (!actor.system && !access::InScope(actor.principal, c.village_code)) return events;
  for (const Transition& row : kTransitions) {
    if (row.kind != c.kind || row.from != c.state || row.event == E::kEscalate) continue;
    if (ActorAllowed(row, actor)) events.push_back(row.event);
  }
  return events;
}

Applied OpenCase(CaseKind kind, const std::string& household_id, const std::string& village_code,
                 Channel channel, const Actor& actor, std::string_view now_utc,
                 const Fields& fields) {
  const CivilDate today = ChinaDateOf(now_utc);
  Applied out;
  CaseRecord& c = out.next;
  c.kind = kind;
  c.household_id = household_id;
  c.village_code = village_code;
  c.state = kind == K::kIdentification ? S::kLead : S::kHomeVisit;
  c.channel = channel;
  c.relapse = ParseFlag(Value(fields, "relapse")) == true;
  c.opened_at = std::string(now_utc);
  c.opened_on = today;
  c.state_since = today;
  c.updated_at = std::string(now_utc);
  c.version = 1;
  c.proposed_type = std::string(Value(fields, "proposed_type"));
  c.proposed_risks = std::string(Value(fields, "proposed_risks"));
  if (kind == K::kElimination) {
    const std::string_view episode = Value(fields, "episode_id");
    int64_t id = 0;
    const auto [ptr, ec] = std::from_chars(episode.data(), episode.data() + episode.size(), id);
    if (ec == std::errc() && ptr == episode.data() + episode.size() && id > 0) c.episode_id = id;
  }

  EventRecord& record = out.record;
  record.seq = 1;
  record.event = E::kOpen;
  record.from = c.state;
  record.to = c.state;
  record.actor = actor.system ? "system" : actor.principal.username;
  record.actor_role = actor.system ? "system" : std::string(RoleName(actor.principal.role));
  record.at = std::string(now_utc);
  record.on = today;
  record.fields = fields;
  return out;
}

}  // namespace xianjie::cases
