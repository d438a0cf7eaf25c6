// Limits per province, due dates, the pause and escalation (docs/decisions/0005, "Deadlines,
// pause, escalation"). Dates are China's civil dates; every limit of the procedure is in calendar
// days, those of risk elimination (DOMAIN.md §8) in calendar months.
#include "cases/deadlines.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <string>
#include <string_view>

#include "cases/internal/common.h"

namespace xianjie::cases {
namespace {

// The limits by name, in the struct's order: FormatLimits writes them in this order and
// ParseLimits reads the same names. Each has its unit and largest value.
struct LimitField {
  std::string_view name;
  int WorkflowLimits::*member;
  std::string_view unit;  // "days", "months"
  int max;
};

constexpr int kMaxLimitDays = 365;
// Ten years: a longer wait for elimination is a typing error, not a policy.
constexpr int kMaxLimitMonths = 120;

constexpr std::array<LimitField, 13> kLimitFields = {{
    {"application_days", &WorkflowLimits::application_days, "days", kMaxLimitDays},
    {"home_visit_days", &WorkflowLimits::home_visit_days, "days", kMaxLimitDays},
    {"comparison_days", &WorkflowLimits::comparison_days, "days", kMaxLimitDays},
    {"appraisal_days", &WorkflowLimits::appraisal_days, "days", kMaxLimitDays},
    {"notice_min_days", &WorkflowLimits::notice_min_days, "days", kMaxLimitDays},
    {"notice_close_days", &WorkflowLimits::notice_close_days, "days", kMaxLimitDays},
    {"township_days", &WorkflowLimits::township_days, "days", kMaxLimitDays},
    {"county_days", &WorkflowLimits::county_days, "days", kMaxLimitDays},
    {"overall_days", &WorkflowLimits::overall_days, "days", kMaxLimitDays},
    {"escalate_every", &WorkflowLimits::escalate_every, "days", kMaxLimitDays},
    {"elimination_min_months", &WorkflowLimits::elimination_min_months, "months",
     kMaxLimitMonths},
    {"stable_income_months", &WorkflowLimits::stable_income_months, "months", kMaxLimitMonths},
    {"early_elimination_months", &WorkflowLimits::early_elimination_months, "months",
     kMaxLimitMonths},
}};

// The law's minimum length of a public notice (DOMAIN.md §5.2).
constexpr int kLawNoticeMinDays = 5;

std::string LimitNames() {
  std::string names;
  for (const LimitField& f : kLimitFields) {
    if (!names.empty()) names += ", ";
    names += f.name;
  }
  return names;
}

// `s` without spaces and tabs at either end.
std::string_view TrimBlanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

int DaysBetween(CivilDate from, CivilDate to) { return to.ToDays() - from.ToDays(); }

// The ladder overdue cases climb (DOMAIN.md §5.2: village → township → county, and on up).
constexpr std::array<access::Role, 5> kLadder = {access::Role::kVillage, access::Role::kTownship,
                                                 access::Role::kCounty, access::Role::kPrefecture,
                                                 access::Role::kProvince};

int LadderIndex(access::Role role) {
  for (size_t i = 0; i < kLadder.size(); ++i) {
    if (kLadder[i] == role) return static_cast<int>(i);
  }
  return 0;
}

// The step's own limit for the states whose due date is "state_since + limit".
int StepDays(CaseState state, const WorkflowLimits& limits) {
  switch (state) {
    case CaseState::kLead:
      return limits.application_days;
    case CaseState::kHomeVisit:
      return limits.home_visit_days;
    case CaseState::kDataComparison:
      return limits.comparison_days;
    case CaseState::kVillageAppraisal:
      return limits.appraisal_days;
    case CaseState::kPublicNotice:
      return limits.notice_min_days;  // only when the notice dates are missing
    case CaseState::kTownshipReview:
      return limits.township_days;
    case CaseState::kCountyApproval:
      return limits.county_days;
    default:
      return 0;
  }
}

}  // namespace

Status CheckLimits(const WorkflowLimits& limits) {
  for (const LimitField& f : kLimitFields) {
    const int value = limits.*f.member;
    if (value < 1 || value > f.max) {
      return InvalidArgument("workflow limit " + std::string(f.name) + " must be 1 to " +
                             std::to_string(f.max) + " " + std::string(f.unit) + ", not " +
                             std::to_string(value));
    }
  }
  if (limits.notice_min_days < kLawNoticeMinDays) {
    return InvalidArgument("workflow limit notice_min_days must be at least " +
                           std::to_string(kLawNoticeMinDays) +
                           " days (the law's minimum for a public notice), not " +
                           std::to_string(limits.notice_min_days));
  }
  return Status::Ok();
}

std::string FormatLimits(const WorkflowLimits& limits) {
  std::string text;
  for (const LimitField& f : kLimitFields) {
    if (!text.empty()) text += ';';
    text += std::string(f.name) + "=" + std::to_string(limits.*f.member);
  }
  return text;
}

Result<WorkflowLimits> ParseLimits(std::string_view text) {
  WorkflowLimits limits;
  std::array<bool, kLimitFields.size()> seen{};
  while (!text.empty()) {
    const size_t end = text.find(';');
    const std::string_view pair = TrimBlanks(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (pair.empty()) continue;  // "a=1;;b=2" and a trailing ';' are harmless
    const size_t eq = pair.find('=');
    if (eq == std::string_view::npos) {
      return InvalidArgument("workflow limits: \"" + std::string(pair) +
                             "\" is not name=value (names: " + LimitNames() + ")");
    }
    const std::string_view name = TrimBlanks(pair.substr(0, eq));
    const std::string_view value = TrimBlanks(pair.substr(eq + 1));
    const auto field = std::find_if(kLimitFields.begin(), kLimitFields.end(),
                                    [&](const LimitField& f) { return f.name == name; });
    if (field == kLimitFields.end()) {
      return InvalidArgument("workflow limits: unknown limit \"" + std::string(name) +
                             "\" (names: " + LimitNames() + ")");
    }
    const size_t index = static_cast<size_t>(field - kLimitFields.begin());
    if (seen[index]) {
      return InvalidArgument("workflow limits: " + std::string(name) + " is given twice");
    }
    seen[index] = true;
    int number = 0;
    const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (value.empty() || ec != std::errc() || ptr != value.data() + value.size()) {
      return InvalidArgument("workflow limits: " + std::string(name) +
                             " must be a whole number of " + std::string(field->unit) +
                             ", not \"" + std::string(value) + "\"");
    }
    limits.*field->member = number;
  }
  XJ_RETURN_IF_ERROR(CheckLimits(limits));
  return limits;
}

access::Role StepOwner(CaseState state) {
  switch (state) {
    case CaseState::kDataComparison:
    case CaseState::kCountyApproval:
      return access::Role::kCounty;
    case CaseState::kTownshipReview:
      return access::Role::kTownship;
    default:
      // lead, home_visit, village_appraisal, public_notice; a terminal case has no owner and
      // DueOf says so with open = false.
      return access::Role::kVillage;
  }
}

Due DueOf(const CaseRecord& c, const WorkflowLimits& limits, CivilDate today) {
  Due due;
  if (IsTerminal(c.state)) return due;
  due.open = true;
  due.owner = StepOwner(c.state);
  due.escalated_to = due.owner;

  // An open objection stops the clock: the days since it began count as paused, so the due
  // dates move with the pause and the overdue days stand still at their value on paused_since.
  int running_pause = 0;
  if (c.paused_since.has_value()) {
    due.paused = true;
    running_pause = std::max(0, DaysBetween(*c.paused_since, today));
  }

  // data_comparison: the decision counts the comparison's days "from the application", which
  // the case row does not keep. The clock starts when the case enters data_comparison (the
  // home visit recorded), so the county always gets its comparison_days; the overall limit
  // still binds the whole procedure.
  if (c.state == CaseState::kPublicNotice && c.notice_end.has_value()) {
    due.step_due = internal::AddDays(*c.notice_end,
                                     limits.notice_close_days + c.step_paused_days + running_pause);
  } else {
    due.step_due = internal::AddDays(
        c.state_since, StepDays(c.state, limits) + c.step_paused_days + running_pause);
  }
  due.due = due.step_due;
  if (c.kind == CaseKind::kIdentification) {
    due.overall_due =
        internal::AddDays(c.opened_on, limits.overall_days + c.paused_days + running_pause);
    due.due = std::min(due.step_due, *due.overall_due);
  }

  due.overdue_days = std::max(0, DaysBetween(due.due, today));
  if (due.overdue_days > 0) {
    const int every = std::max(1, limits.escalate_every);
    const int wanted = 1 + (due.overdue_days - 1) / every;
    const int from = LadderIndex(due.owner);
    const int top = static_cast<int>(kLadder.size()) - 1;
    const int to = std::min(top, from + wanted);
    due.escalation_levels = to - from;
    due.escalated_to = kLadder[static_cast<size_t>(to)];
  }
  return due;
}

}  // namespace xianjie::cases
