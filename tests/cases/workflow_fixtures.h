// Shared pieces of the cases tests: a household's village and users at every level in and out
// of its scope, times on given China dates, valid fields for every event, a case placed in any
// state with its guards satisfied, and a check of a message's words.
#ifndef XIANJIE_TESTS_CASES_WORKFLOW_FIXTURES_H_
#define XIANJIE_TESTS_CASES_WORKFLOW_FIXTURES_H_

#include <string>
#include <string_view>

#include "access/role.h"
#include "base/date.h"
#include "cases/case.h"
#include "cases/workflow.h"

namespace xianjie::cases::testing {

inline constexpr const char* kVillageCode = "630121100201";
inline constexpr const char* kOtherVillageCode = "632223104202";  // another prefecture

inline CivilDate Day(int y, int m, int d) { return CivilDate::FromYmd(y, m, d); }
inline CivilDate Plus(CivilDate date, int days) {
  return CivilDate::FromDays(date.ToDays() + days);
}

// A UTC time whose China date is `date` (10:00 in China).
inline std::string At(CivilDate date) { return date.ToString() + "T02:00:00Z"; }

// The day a case of the table and refusal tests entered its state, and the day they act on
// (CaseIn's guards pass on it).
inline const CivilDate kSince = Day(2026, 12, 1);
inline const CivilDate kToday = Plus(kSince, 6);

// Whether `text` (a status message) contains `part`.
inline bool Contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

// The scope a role holds over kVillageCode (`inside`) or over the other village (`!inside`).
inline std::string ScopeFor(access::Role role, bool inside) {
  const std::string code = inside ? kVillageCode : kOtherVillageCode;
  switch (role) {
    case access::Role::kProvince:
      return inside ? code.substr(0, 2) : "65";  // another province
    case access::Role::kPrefecture:
      return code.substr(0, 4);
    case access::Role::kCounty:
      return code.substr(0, 6);
    case access::Role::kTownship:
      return code.substr(0, 9);
    case access::Role::kVillage:
      return code;
    default:
      return code.substr(0, 6);  // admin, department, auditor: a county
  }
}

inline Actor User(access::Role role, bool inside = true) {
  Actor actor;
  actor.principal.username = std::string(access::RoleName(role)) + (inside ? "_in" : "_out");
  actor.principal.role = role;
  actor.principal.scope = ScopeFor(role, inside);
  return actor;
}

inline Actor System() {
  Actor actor;
  actor.principal.username = "system";
  actor.system = true;
  return actor;
}

inline Fields HomeVisitFields() {
  return {{"wage_income", "12000"},    {"business_income", "3000.5"}, {"property_income", "0"},
          {"transfer_income", "2400"}, {"production_costs", "1500"},  {"rigid_medical", "8000"},
          {"rigid_education", "0"},    {"rigid_other", "0"},          {"housing_safe", "1"},
          {"water_safe", "是"},        {"findings", "治病支出大"}};
}

// Fields every event accepts on `today` (record_appraisal: agreed, held that day).
inline EventInput ValidInput(EventType event, CaseKind kind, CivilDate today) {
  EventInput input;
  input.event = event;
  switch (event) {
    case EventType::kApply:
      input.fields = {{"authorization_signed", "true"}, {"applicant", "王秀英"}};
      break;
    case EventType::kDismiss:
    case EventType::kReject:
    case EventType::kUpholdObjection:
    case EventType::kDismissObjection:
      input.fields = {{"reason", "核实后不符合"}};
      break;
    case EventType::kRecordHomeVisit:
      input.fields = HomeVisitFields();
      break;
    case EventType::kRecordComparison:
      input.fields = {{"result", "consistent"}, {"findings", "no vehicle, no company"}};
      break;
    case EventType::kRecordAppraisal:
      input.fields = {{"held_on", today.ToString()},
                      {"attendance", "23"},
                      {"minutes", "一致同意"},
                      {"result", "agreed"}};
      break;
    case EventType::kRaiseObjection:
      input.fields = {{"objection", "邻居反映有车"}};
      break;
    case EventType::kCountyApprove:
      if (kind == CaseKind::kIdentification) {
        input.fields = {{"type", "sudden_hardship"}, {"risks", "R09;R01"}};
      } else {
        input.fields = {{"method", "by_assistance"}};
      }
      break;
    case EventType::kComment:
      input.comment = "已电话联系";
      break;
    default:
      break;
  }
  return input;
}

// A case of `kind` in `state` since `since`, opened five days before, whose guards pass for
// every event of the state on `since` + 6 (the comparison recorded, the notice ended; with
// `open_objection` one objection open since `since` + 1).
inline CaseRecord CaseIn(CaseKind kind, CaseState state, CivilDate since,
                         bool open_objection = false) {
  CaseRecord c;
  c.id = 42;
  c.kind = kind;
  c.household_id = "H0001";
  c.village_code = kVillageCode;
  c.state = state;
  c.opened_at = At(Plus(since, -5));
  c.opened_on = Plus(since, -5);
  c.state_since = since;
  c.updated_at = At(since);
  c.version = 4;
  c.home_visit_done = state != CaseState::kLead && state != CaseState::kHomeVisit;
  c.comparison_done = kind == CaseKind::kIdentification;
  if (state == CaseState::kPublicNotice) {
    c.notice_start = since;
    c.notice_end = Plus(since, 5);
  }
  if (open_objection) {
    c.open_objections = 1;
    c.paused_since = Plus(since, 1);
  }
  return c;
}

}  // namespace xianjie::cases::testing

#endif  // XIANJIE_TESTS_CASES_WORKFLOW_FIXTURES_H_
