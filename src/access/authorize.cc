// The authorization table of docs/decisions/0004 ("Roles") and the one check every operation
// makes: role first, then region scope by code prefix.
#include "access/authorize.h"

#include <string>

namespace xianjie::access {
namespace {

// One row per operation: the roles that may perform it.
struct Grant {
  Operation op;
  std::initializer_list<Role> roles;
};

using enum Role;

// The table. Keep it identical to docs/decisions/0004; tests/access/authorize_test.cc holds its
// own copy and walks every cell.
const Grant kTable[] = {
    {Operation::kDashboardRead,
     {kAdmin, kProvince, kPrefecture, kCounty, kTownship, kVillage, kDepartment, kAuditor}},
    {Operation::kHouseholdList, {kProvince, kPrefecture, kCounty, kTownship, kVillage, kAuditor}},
    {Operation::kHouseholdRead, {kProvince, kPrefecture, kCounty, kTownship, kVillage, kAuditor}},
    {Operation::kWarningList, {kProvince, kPrefecture, kCounty, kTownship, kVillage, kAuditor}},
    {Operation::kRunList,
     {kAdmin, kProvince, kPrefecture, kCounty, kTownship, kVillage, kDepartment, kAuditor}},
    {Operation::kStandardRead,
     {kAdmin, kProvince, kPrefecture, kCounty, kTownship, kVillage, kDepartment, kAuditor}},
    {Operation::kScreeningRun, {kProvince, kPrefecture, kCounty}},
    {Operation::kStandardWhatIf, {kProvince, kPrefecture, kCounty}},
    {Operation::kStandardLoad, {kProvince}},
    {Operation::kRegistryImport, {kProvince, kPrefecture, kCounty}},
    {Operation::kImportRead, {kProvince, kPrefecture, kCounty}},
    {Operation::kExport, {kProvince, kPrefecture, kCounty}},
    {Operation::kAuditRead, {kAdmin, kAuditor}},
    {Operation::kUserAdmin, {kAdmin}},
    {Operation::kCaseRead,
     {kProvince, kPrefecture, kCounty, kTownship, kVillage, kDepartment, kAuditor}},
    {Operation::kCaseAct, {kCounty, kTownship, kVillage, kDepartment}},
    {Operation::kWorkflowLimits, {kProvince}},
    {Operation::kSourceRead, {kProvince, kPrefecture, kCounty, kTownship, kDepartment, kAuditor}},
    {Operation::kSourceUpload, {kProvince, kPrefecture, kCounty, kDepartment}},
    {Operation::kQualityRead, {kProvince, kPrefecture, kCounty, kDepartment, kAuditor}},
    {Operation::kFindingRead, {kProvince, kPrefecture, kCounty, kTownship, kVillage, kAuditor}},
    {Operation::kFindingResolve, {kTownship, kVillage}},
    {Operation::kCheckRun, {kProvince, kPrefecture, kCounty}},
    {Operation::kPlanWrite, {kCounty, kTownship, kVillage}},
    {Operation::kPlanJustify, {kCounty}},
    {Operation::kMeasureCatalog, {kProvince}},
    {Operation::kAssessmentRead, {kProvince, kPrefecture, kCounty, kAuditor}},
    {Operation::kAssessmentConfig, {kProvince}},
    {Operation::kSampleDraw, {kProvince, kPrefecture}},
    {Operation::kSampleRecord, {kProvince, kPrefecture, kCounty}},
};

bool IsRegionCode(std::string_view code) {
  if (code.size() < 2 || code.size() > 12) return false;
  for (char c : code) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::string_view OperationName(Operation op) {
  switch (op) {
    case Operation::kDashboardRead:
      return "dashboard.read";
    case Operation::kHouseholdList:
      return "household.list";
    case Operation::kHouseholdRead:
      return "household.read";
    case Operation::kWarningList:
      return "warning.list";
    case Operation::kRunList:
      return "run.list";
    case Operation::kScreeningRun:
      return "screening.run";
    case Operation::kStandardRead:
      return "standard.read";
    case Operation::kStandardWhatIf:
      return "standard.whatif";
    case Operation::kStandardLoad:
      return "standard.load";
    case Operation::kRegistryImport:
      return "registry.import";
    case Operation::kImportRead:
      return "import.read";
    case Operation::kExport:
      return "export";
    case Operation::kAuditRead:
      return "audit.read";
    case Operation::kUserAdmin:
      return "user.admin";
    case Operation::kCaseRead:
      return "case.read";
    case Operation::kCaseAct:
      return "case.act";
    case Operation::kWorkflowLimits:
      return "workflow.limits";
    case Operation::kSourceRead:
      return "source.read";
    case Operation::kSourceUpload:
      return "source.upload";
    case Operation::kQualityRead:
      return "quality.read";
    case Operation::kFindingRead:
      return "finding.read";
    case Operation::kFindingResolve:
      return "finding.resolve";
    case Operation::kCheckRun:
      return "check.run";
    case Operation::kPlanWrite:
      return "plan.write";
    case Operation::kPlanJustify:
      return "plan.justify";
    case Operation::kMeasureCatalog:
      return "measure.catalog";
    case Operation::kAssessmentRead:
      return "assessment.read";
    case Operation::kAssessmentConfig:
      return "assessment.config";
    case Operation::kSampleDraw:
      return "sample.draw";
    case Operation::kSampleRecord:
      return "sample.record";
  }
  return "?";
}

bool RoleMay(Role role, Operation op) {
  for (const Grant& grant : kTable) {
    if (grant.op != op) continue;
    for (Role r : grant.roles) {
      if (r == role) return true;
    }
    return false;
  }
  return false;
}

Status Authorize(const Principal& principal, Operation op, std::string_view region_code) {
  const std::string who = "user " + principal.username + " (" +
                          std::string(RoleName(principal.role)) + " " + principal.scope + ")";
  std::string what = std::string(OperationName(op));
  if (!region_code.empty()) what += " region " + std::string(region_code);
  if (!region_code.empty() && !IsRegionCode(region_code)) {
    return InvalidArgument("'" + std::string(region_code) +
                           "' is not a region code; give 2 to 12 digits");
  }
  if (!RoleMay(principal.role, op)) {
    return PermissionDenied(who + " may not " + what + ": the " +
                            std::string(RoleName(principal.role)) + " role does not allow it");
  }
  if (!region_code.empty() && !InScope(principal, region_code)) {
    return PermissionDenied(who + " may not " + what + ": outside the user's scope");
  }
  return Status::Ok();
}

bool SeesFullIdNumbers(Role role) { return role == Role::kVillage || role == Role::kTownship; }

}  // namespace xianjie::access
