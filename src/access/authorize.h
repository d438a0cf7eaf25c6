// Authorization in one place (issue #4, point 3): every operation the system offers, through the
// web API or the CLI, names an Operation and asks Authorize before it touches data. The table of
// which role may do what lives in authorize.cc and nowhere else; tests walk it exhaustively.
#ifndef XIANJIE_ACCESS_AUTHORIZE_H_
#define XIANJIE_ACCESS_AUTHORIZE_H_

#include <array>
#include <string_view>

#include "access/role.h"
#include "base/status.h"

namespace xianjie::access {

enum class Operation : uint8_t {
  kDashboardRead,    // aggregates: counts by county, rule, type; trend over runs
  kHouseholdList,    // search households (masked list)
  kHouseholdRead,    // one household's file: members, incomes, history (audited)
  kWarningList,      // flagged households of the latest run (masked list)
  kRunList,          // screening runs
  kScreeningRun,     // start a screening run
  kStandardRead,     // standards in force and their text
  kStandardWhatIf,   // compare a draft standard with the one in force
  kStandardLoad,     // put a standard in force
  kRegistryImport,   // upload households.csv + members.csv
  kImportRead,       // import batches, reports and quarantined rows
  kExport,           // export households of a region (audited)
  kAuditRead,        // the audit log and its verification
  kUserAdmin,        // add, disable, reset users
  kCaseRead,         // identification and elimination cases: lists, a case's file (audited)
  kCaseAct,          // take an event on a case (the workflow table then decides which)
  kWorkflowLimits,   // set a province's deadlines of the procedure
  kSourceRead,       // department sources, their contracts and uploads (no personal data)
  kSourceUpload,     // upload a department's file for a source (decision 0006)
  kQualityRead,      // data quality of the sources over time, and its export
  kFindingRead,      // cross-check findings (疑点) of the scope: the worklist and its counts
  kFindingResolve,   // resolve a finding as corrected or confirmed, with a note (audited)
  kCheckRun,         // run the cross-checks over a region
  // Decision 0008: assistance plans, the measures catalogue, assessment and the sample.
  kPlanWrite,         // create a plan, its measures, activate, complete; responsible, visits
  kPlanJustify,       // justify a failing coordination check of a plan with a note
  kMeasureCatalog,    // put a new version of a province's measures catalogue
  kAssessmentRead,    // scorecards, ranks and trends of the assessment (DOMAIN.md §10)
  kAssessmentConfig,  // set a province's assessment weights and targets
  kSampleDraw,        // draw the verification sample of a county
  kSampleRecord,      // record the visit results of sampled households
};

inline constexpr std::array<Operation, 30> kAllOperations = {
    Operation::kDashboardRead, Operation::kHouseholdList, Operation::kHouseholdRead,
    Operation::kWarningList,   Operation::kRunList,       Operation::kScreeningRun,
    Operation::kStandardRead,  Operation::kStandardWhatIf, Operation::kStandardLoad,
    Operation::kRegistryImport, Operation::kImportRead,   Operation::kExport,
    Operation::kAuditRead,     Operation::kUserAdmin,     Operation::kCaseRead,
    Operation::kCaseAct,       Operation::kWorkflowLimits, Operation::kSourceRead,
    Operation::kSourceUpload,  Operation::kQualityRead,    Operation::kFindingRead,
    Operation::kFindingResolve, Operation::kCheckRun,      Operation::kPlanWrite,
    Operation::kPlanJustify,   Operation::kMeasureCatalog, Operation::kAssessmentRead,
    Operation::kAssessmentConfig, Operation::kSampleDraw, Operation::kSampleRecord};

// "dashboard.read", "household.list", ... (stable: used in audit entries and error messages).
std::string_view OperationName(Operation op);

// True when the role may perform the operation at all (the role column of the table).
bool RoleMay(Role role, Operation op);

// The check every operation makes. `region_code` is the region the operation is about (a
// village, township, county ... code, 2..12 digits), or "" for operations not about one region
// (the caller then limits what it returns to the principal's scope).
// kPermissionDenied, with a message naming the user, the operation and the reason, when the
// role may not perform the operation or the region lies outside the principal's scope;
// kInvalidArgument when `region_code` is not "" and not 2..12 digits (a malformed request).
Status Authorize(const Principal& principal, Operation op, std::string_view region_code);

// Whether the role sees whole ID numbers (village and township officers, who visit households
// and fill in forms). For every other role, lists, household files and exports show them masked
// (first 6 and last 4 characters, MaskIdNumber).
bool SeesFullIdNumbers(Role role);

}  // namespace xianjie::access

#endif  // XIANJIE_ACCESS_AUTHORIZE_H_
