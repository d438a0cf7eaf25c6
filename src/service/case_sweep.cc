#include "service/case_sweep.h"

#include <map>
#include <string>

#include "access/role.h"
#include "cases/deadlines.h"
#include "cases/workflow.h"
#include "service/cases.h"

namespace xianjie::service {

Result<SweepResult> SweepEscalations(Workspace& ws, std::string_view now_utc) {
  store::Database& db = ws.database();
  const CivilDate today = cases::ChinaDateOf(now_utc);
  cases::CaseFilter open;
  open.open_only = true;
  XJ_ASSIGN_OR_RETURN(std::vector<cases::CaseRecord> all, db.ListCases(open));
  std::map<std::string, cases::WorkflowLimits> limits;  // by province
  cases::Actor system;
  system.system = true;
  system.principal.username = "system";
  SweepResult result;
  for (cases::CaseRecord& c : all) {
    ++result.open;
    const std::string province = c.village_code.substr(0, 2);
    if (!limits.contains(province)) {
      XJ_ASSIGN_OR_RETURN(limits[province], LimitsFor(db, province));
    }
    cases::Due due = cases::DueOf(c, limits[province], today);
    if (due.overdue_days == 0) continue;
    ++result.overdue;
    while (c.escalation < due.escalation_levels) {
      cases::EventInput input;
      input.event = cases::EventType::kEscalate;
      input.fields = {{"overdue_days", std::to_string(due.overdue_days)},
                      {"owner", std::string(access::RoleName(due.owner))},
                      {"escalated_to", std::string(access::RoleName(due.escalated_to))}};
      XJ_ASSIGN_OR_RETURN(cases::Applied applied,
                          cases::Apply(c, input, system, now_utc, limits[province]));
      cases::EventWrite write;
      write.next = applied.next;
      write.record = applied.record;
      write.expected_version = c.version;
      Status s = db.AppendEvent(write);
      if (s.code() == StatusCode::kAborted) {
        ++result.raced;
        break;
      }
      XJ_RETURN_IF_ERROR(s);
      ++result.escalated;
      c = applied.next;
    }
  }
  return result;
}

}  // namespace xianjie::service
