// Builders of cases, events, leads and episodes for the store tests (case_store_contract_test.cc,
// sqlite_cases_test.cc): valid records whose every field is set, with quotes, backslashes and
// Chinese where a field is text, so that a column mixed up or mangled shows.
#ifndef XIANJIE_TESTS_STORE_CASE_BUILDERS_H_
#define XIANJIE_TESTS_STORE_CASE_BUILDERS_H_

#include <cstdint>
#include <string>

#include "base/date.h"
#include "cases/case.h"
#include "cases/case_store.h"

namespace xianjie::store::testing {

inline CivilDate Day(int day) { return CivilDate::FromYmd(2026, 11, day); }

// A case in `lead`, opened on 29 November, with the optional dates unset.
inline cases::CaseRecord MakeCase(const std::string& household,
                                  const std::string& village = "630102001001",
                                  cases::CaseKind kind = cases::CaseKind::kIdentification) {
  cases::CaseRecord c;
  c.kind = kind;
  c.household_id = household;
  c.village_code = village;
  c.state = kind == cases::CaseKind::kIdentification ? cases::CaseState::kLead
                                                     : cases::CaseState::kHomeVisit;
  c.channel = cases::Channel::kDepartmentWarning;
  c.opened_at = "2026-11-29T02:00:00Z";
  c.opened_on = Day(29);
  c.state_since = Day(29);
  c.updated_at = "2026-11-29T02:00:00Z";
  c.proposed_type = "marginal";
  c.proposed_risks = "R01;R09";
  return c;
}

inline cases::EventRecord MakeEvent(cases::EventType event, cases::CaseState from,
                                    cases::CaseState to, int64_t seq = 1) {
  cases::EventRecord e;
  e.seq = seq;
  e.event = event;
  e.from = from;
  e.to = to;
  e.actor = "system";
  e.actor_role = "system";
  e.at = "2026-11-29T17:30:00Z";
  e.on = Day(30);
  e.comment = "由筛查 \"run:1\" 提出";
  e.fields = {{"proposed_type", "marginal"}, {"proposed_risks", "R01;R09"}};
  return e;
}

inline cases::Lead MakeLead(const std::string& household, const std::string& source = "run:1") {
  cases::Lead l;
  l.household_id = household;
  l.channel = cases::Channel::kDepartmentWarning;
  l.source = source;
  l.at = "2026-11-29T02:00:00Z";
  l.proposed_type = "marginal";
  l.proposed_risks = "R01;R09";
  l.note = "人均纯收入低于监测线 'R01'";
  return l;
}

// A case to open as a screening run's lead would open it.
inline cases::NewCase MakeNewCase(const std::string& household, const std::string& source = "run:1",
                                  const std::string& village = "630102001001",
                                  cases::CaseKind kind = cases::CaseKind::kIdentification) {
  cases::CaseRecord record = MakeCase(household, village, kind);
  return {record, MakeEvent(cases::EventType::kOpen, record.state, record.state),
          MakeLead(household, source)};
}

inline cases::Episode MakeEpisode(const std::string& household,
                                  const std::string& village = "630102001001") {
  cases::Episode e;
  e.household_id = household;
  e.village_code = village;
  e.identified_on = Day(20);
  e.type = "sudden_hardship";
  e.risks = "R03;R05";
  return e;
}

}  // namespace xianjie::store::testing

#endif  // XIANJIE_TESTS_STORE_CASE_BUILDERS_H_
