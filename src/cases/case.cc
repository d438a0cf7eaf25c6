#include "cases/case.h"


namespace xianjie::cases {
namespace {

template <typename E, size_t N>
std::optional<E> Find(const std::array<std::pair<E, std::string_view>, N>& table,
                      std::string_view code) {
  for (const auto& [value, text] : table) {
    if (text == code) return value;
  }
  return std::nullopt;
}

template <typename E, size_t N>
std::string_view Name(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [v, text] : table) {
    if (v == value) return text;
  }
  return "unknown";
}

constexpr std::array<std::pair<CaseKind, std::string_view>, 2> kKinds = {{
    {CaseKind::kIdentification, "identification"},
    {CaseKind::kElimination, "elimination"},
}};

constexpr std::array<std::pair<CaseState, std::string_view>, 11> kStates = {{
    {CaseState::kLead, "lead"},
    {CaseState::kHomeVisit, "home_visit"},
    {CaseState::kDataComparison, "data_comparison"},
    {CaseState::kVillageAppraisal, "village_appraisal"},
    {CaseState::kPublicNotice, "public_notice"},
    {CaseState::kTownshipReview, "township_review"},
    {CaseState::kCountyApproval, "county_approval"},
    {CaseState::kMonitored, "monitored"},
    {CaseState::kEliminated, "eliminated"},
    {CaseState::kRejected, "rejected"},
    {CaseState::kDismissed, "dismissed"},
}};

constexpr std::array<std::pair<EventType, std::string_view>, 16> kEvents = {{
    {EventType::kOpen, "open"},
    {EventType::kApply, "apply"},
    {EventType::kDismiss, "dismiss"},
    {EventType::kRecordHomeVisit, "record_home_visit"},
    {EventType::kRecordComparison, "record_comparison"},
    {EventType::kRecordAppraisal, "record_appraisal"},
    {EventType::kRaiseObjection, "raise_objection"},
    {EventType::kUpholdObjection, "uphold_objection"},
    {EventType::kDismissObjection, "dismiss_objection"},
    {EventType::kCloseNotice, "close_notice"},
    {EventType::kTownshipApprove, "township_approve"},
    {EventType::kCountyApprove, "county_approve"},
    {EventType::kReject, "reject"},
    {EventType::kComment, "comment"},
    {EventType::kJoinLead, "join_lead"},
    {EventType::kEscalate, "escalate"},
}};

constexpr std::array<std::pair<Channel, std::string_view>, 3> kChannels = {{
    {Channel::kSelfApplication, "self_application"},
    {Channel::kCadreVisit, "cadre_visit"},
    {Channel::kDepartmentWarning, "department_warning"},
}};

}  // namespace

std::string_view KindCode(CaseKind kind) { return Name(kKinds, kind); }
std::string_view StateCode(CaseState state) { return Name(kStates, state); }
std::string_view EventCode(EventType event) { return Name(kEvents, event); }
std::string_view ChannelCode(Channel channel) { return Name(kChannels, channel); }
std::optional<CaseKind> ParseKind(std::string_view code) { return Find(kKinds, code); }
std::optional<CaseState> ParseState(std::string_view code) { return Find(kStates, code); }
std::optional<EventType> ParseEvent(std::string_view code) { return Find(kEvents, code); }
std::optional<Channel> ParseChannel(std::string_view code) { return Find(kChannels, code); }

bool IsTerminal(CaseState state) {
  return state == CaseState::kMonitored || state == CaseState::kEliminated ||
         state == CaseState::kRejected || state == CaseState::kDismissed;
}

CivilDate ChinaDateOf(std::string_view utc) {
  // "YYYY-MM-DDTHH:MM:SS..." — China is UTC+8 all year: 16:00 UTC and later is the next day.
  auto number = [&](size_t pos, size_t len) {
    int value = 0;
    for (size_t i = pos; i < pos + len && i < utc.size(); ++i) {
      if (utc[i] < '0' || utc[i] > '9') return -1;
      value = value * 10 + (utc[i] - '0');
    }
    return value;
  };
  const int year = number(0, 4), month = number(5, 2), day = number(8, 2);
  if (utc.size() < 10 || !CivilDate::IsValid(year, month, day)) return CivilDate();
  const CivilDate date = CivilDate::FromYmd(year, month, day);
  const int hour = utc.size() >= 13 ? number(11, 2) : 0;
  return hour >= 16 ? CivilDate::FromDays(date.ToDays() + 1) : date;
}

Actor SystemActor() {
  Actor a;
  a.system = true;
  a.principal.username = "system";
  return a;
}

}  // namespace xianjie::cases
