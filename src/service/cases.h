// Cases through the service (docs/decisions/0005): lists and worklists with due dates, a case's
// file with its timeline and the events the caller may take, taking an event (with its side
// effects: the home visit's registry version, the monitoring episode), leads from screening runs,
// and the deadlines per province. Reading a case and every event taken go to the audit log
// (case.read, case.<event>).
//
// Scope as in households.h: an unknown case is kNotFound for everyone; a case outside the scope
// is kPermissionDenied.
#ifndef XIANJIE_SERVICE_CASES_H_
#define XIANJIE_SERVICE_CASES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "access/role.h"
#include "base/date.h"
#include "base/status.h"
#include "cases/case.h"
#include "cases/deadlines.h"
#include "cases/leads.h"
#include "registry/snapshot.h"
#include "service/common.h"
#include "service/workspace.h"

namespace xianjie::service {

struct CaseQuery {
  std::string region;        // a region code prefix inside the scope; "" = the scope
  std::string state;         // a state code, "" = any
  std::string kind;          // identification, elimination, "" = any
  bool open_only = true;
  std::string household_id;  // "" = any
  // Only the open cases whose current step the caller's role owns or that escalated to it,
  // by due date (earliest first) instead of by id.
  bool worklist = false;
  bool overdue_only = false;
  int64_t offset = 0;
  int64_t limit = 50;
};

struct CaseItem {
  cases::CaseRecord record;
  cases::Due due;
  std::string village_name;
  std::string head_name;  // from the live snapshot; "" when the household has left it
};

// case.read. kInvalidArgument for a bad code or paging.
Result<Page<CaseItem>> ListCases(Workspace& ws, const access::Principal& principal,
                                 const CaseQuery& query, CivilDate today);

struct CaseFile {
  CaseItem item;
  std::vector<cases::EventRecord> events;  // by seq
  std::vector<cases::Lead> leads;          // the household's, by id
  std::vector<cases::Episode> episodes;    // the household's, by id
  std::vector<std::string> available;      // event codes the caller may take now
  cases::WorkflowLimits limits;            // of the case's province
};

// case.read, audited ("case.read", "case:<id>").
Result<CaseFile> GetCase(Workspace& ws, const access::Principal& principal, int64_t case_id,
                         CivilDate today);

struct CaseAction {
  std::string event;  // an event code of case.h
  cases::Fields fields;
  std::string comment;
  std::vector<int64_t> attachments;
};

// case.act: takes one event at `now_utc` (UTC ISO 8601). Refusals as cases::Apply says; nothing
// changes on a refusal. record_home_visit first writes the household's new registry version
// (batch source "home_visit"; skipped when nothing changed), county_approve opens or closes the
// episode with the event. Audited as "case.<event>" with the case id. Returns the case after it.
Result<cases::CaseRecord> ActOnCase(Workspace& ws, const access::Principal& principal,
                                    int64_t case_id, const CaseAction& action,
                                    std::string_view now_utc);

// The limits of a province (2 digits): stored ones, else the defaults.
Result<cases::WorkflowLimits> LimitsFor(store::Database& database, std::string_view province);
// workflow.limits for the province; audited "workflow.limits".
Status SetLimits(store::Database& database, const access::Principal& principal,
                 const std::string& province, const cases::WorkflowLimits& limits);

// Leads of a stored screening run, taken by the system (cases::TakeLeadsFromRun) with the
// villages of `snapshot`. Called after every stored run: the CLI's screen and demo, the
// server's runs.
Result<cases::LeadsTaken> TakeRunLeads(store::Database& database,
                                       const registry::Snapshot& snapshot, int64_t run_id,
                                       const std::vector<rules::HouseholdResult>& results,
                                       std::string_view now_utc);

}  // namespace xianjie::service

#endif  // XIANJIE_SERVICE_CASES_H_
