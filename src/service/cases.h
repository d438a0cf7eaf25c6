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

// ActOnCase, then the case as the lists show it (village and head names, due dates on China's
// date of `now_utc`): what the API answers after an event.
Result<CaseItem> ActOnCaseItem(Workspace& ws, const access::Principal& principal, int64_t case_id,
                               const CaseAction& action, std::string_view now_utc);

// case.read: the limits of a province (2 digits) whose region overlaps the caller's scope (a
// village officer reads its own province's deadlines); kInvalidArgument for a bad code.
Result<cases::WorkflowLimits> ReadLimits(store::Database& database,
                                         const access::Principal& principal,
                                         const std::string& province);

// ---- attachments (the signed authorization, the appraisal's minutes ...)

// The largest attachment accepted: 20 MiB.
inline constexpr int64_t kMaxAttachmentBytes = int64_t{20} << 20;

// case.act on the case's village: stores `content` as an attachment of the case, to be named by
// a later event (CaseAction::attachments). The type comes from the file name's extension, else
// from `content_type`: PDF, JPEG, PNG, DOCX or XLSX, and the content must begin as that type
// does; it is stored with that type's canonical content type (never the client's word) and the
// file name without any directory part. kInvalidArgument for an empty or unnamed file, one
// larger than kMaxAttachmentBytes, another type, or content that is not what it claims.
// Audited "case.attachment.upload" with the case id.
Result<cases::Attachment> PutCaseAttachment(Workspace& ws, const access::Principal& principal,
                                            int64_t case_id, const std::string& filename,
                                            const std::string& content_type,
                                            const std::string& content,
                                            std::string_view now_utc);

// case.read: an attachment of the case with its content. kNotFound when the case does not exist
// or the attachment is not one of its own. Audited "case.attachment" with the case id.
Result<cases::Attachment> GetCaseAttachment(Workspace& ws, const access::Principal& principal,
                                            int64_t case_id, int64_t attachment_id,
                                            std::string* content);

// ---- leads from officers (DOMAIN.md §5.1)

// The eight kinds of household a cadre must visit (八必访, DOMAIN.md §5.1), as codes:
// low_income, serious_illness, extreme_poverty, minimum_allowance, disability, many_children,
// unstable_work, mishap.
bool IsVisitReason(std::string_view code);

// case.act in the household's village: records a lead of an officer (cases::TakeLead) of
// `channel` self_application or cadre_visit with source "<channel>:<username>:<now_utc>" — a new
// case in `lead`, joined to the household's open case (the table's join_lead decides who may),
// or recorded on its open monitoring episode. A cadre visit names its `visit_reason` (one of the
// eight codes above; ignored for a self-application), kept as the lead's visit_reason. Returns
// the case id, 0 when
// recorded on an episode. kInvalidArgument for another channel or a missing or unknown visit
// reason; kNotFound for a household the live registry does not hold; kPermissionDenied outside
// the scope; kFailedPrecondition when the same lead was recorded before. Audited "case.lead" with
// the household id.
// `outcome`, when given, gets what became of the lead: "opened", "joined" or "episode".
Result<int64_t> AddLead(Workspace& ws, const access::Principal& principal,
                        const std::string& household_id, const std::string& channel,
                        const std::string& note, const std::string& visit_reason,
                        std::string_view now_utc, std::string* outcome = nullptr);

// ---- deadlines by area

struct DeadlineCounts {
  int64_t open = 0;
  int64_t overdue = 0;
  int64_t due_within_2_days = 0;  // not overdue, due today, tomorrow or the day after
  int64_t paused = 0;             // an objection is open
  int64_t escalated = 0;  // escalated above the step's owner (recorded, or due by DueOf)
};

struct RegionDeadlines {
  std::string region_code;  // the prefix: "63", "630102"
  std::string region_name;
  std::string region_level;  // "province" ... "village"
  struct Area {
    std::string code, name;
    DeadlineCounts counts;
  };
  std::vector<Area> by_area;  // every child of the region in the region table, by code
  struct State {
    std::string state;  // an open state's code, in the order of the procedure
    int64_t open = 0;
    int64_t overdue = 0;
  };
  std::vector<State> by_state;  // every open state, for the whole region
};

// case.read for `region` ("" = the scope): the open cases of the region weighed on `today`.
// kInvalidArgument for a bad code, kNotFound for a region the table does not know.
Result<RegionDeadlines> DeadlineSummary(Workspace& ws, const access::Principal& principal,
                                        const std::string& region, CivilDate today);

// ---- timeliness (DOMAIN.md §10: days from first lead to county approval; share within 15 days)

struct TimelinessFigures {
  int64_t approved = 0;      // identification cases approved (monitored) in the period
  int64_t within_limit = 0;  // of them, approved within their province's overall limit, the
                             // days paused by objections not counted (as the deadlines count)
  int64_t total_days = 0;    // calendar days from the first lead to approval, summed
  int64_t max_days = 0;      // the longest of them
  int64_t rejected = 0;      // identification cases rejected in the period
  double share_within_limit() const {
    return approved == 0 ? 0.0 : static_cast<double>(within_limit) / static_cast<double>(approved);
  }
  double mean_days() const {
    return approved == 0 ? 0.0 : static_cast<double>(total_days) / static_cast<double>(approved);
  }
};

struct RegionTimeliness {
  std::string region_code, region_name, region_level;
  CivilDate from, to;  // China's dates of the decisions counted, both included
  TimelinessFigures total;
  struct Area {
    std::string code, name;
    TimelinessFigures figures;
  };
  std::vector<Area> by_area;  // every child of the region in the region table, by code
};

// case.read for `region` ("" = the scope): the identification cases of the region decided
// (approved or rejected) between `from` and `to` on China's calendar, both included, by area.
// A case counts in its village's areas. kInvalidArgument for a bad code or from after to,
// kNotFound for a region the table does not know.
Result<RegionTimeliness> Timeliness(Workspace& ws, const access::Principal& principal,
                                    const std::string& region, CivilDate from, CivilDate to);

}  // namespace xianjie::service

#endif  // XIANJIE_SERVICE_CASES_H_
