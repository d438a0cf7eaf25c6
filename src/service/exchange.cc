#include "service/exchange.h"

#include "access/audit.h"
#include "cases/case.h"
#include "exchange/warning_rules.h"
#include "ingest/source_contract.h"
#include "service/coordination.h"
#include "service/findings.h"
#include "service/workspace.h"

namespace xianjie::service {

Result<exchange::UploadReport> UploadDepartmentFile(Workspace& ws, const std::string& user,
                                                    const std::string& region_code,
                                                    const DepartmentFile& file) {
  const ingest::SourceContract* contract = ingest::FindBuiltinContract(file.source);
  if (contract == nullptr) {
    return NotFound("no source '" + file.source +
                    "'; the sources are: " + ingest::BuiltinContractNames());
  }
  // The same file again: its first upload's stored report, without reading the registry.
  store::Database& db = ws.database();
  XJ_ASSIGN_OR_RETURN(std::optional<exchange::UploadRecord> before,
                      db.FindUpload(contract->name, access::Sha256Hex(file.content)));
  if (before) return exchange::StoredReport(std::move(*before));
  XJ_RETURN_IF_ERROR(ws.Refresh());
  const std::shared_ptr<const WorkspaceView> view = ws.view();
  const std::string now = ws.Now();
  const CivilDate today = cases::ChinaDateOf(now);

  // The warnings' parameters come from the standard in force for each household's county.
  exchange::ContractWarnings warnings(
      *contract, view->index->snapshot(),
      [&ws, year = today.year()](
          std::string_view county) -> Result<std::shared_ptr<const rules::CompiledStandard>> {
        const std::string code(county);
        XJ_ASSIGN_OR_RETURN(std::shared_ptr<const ResolvedStandard> resolved,
                            ws.StandardOnOrBefore(code.substr(0, 2), code, year));
        return resolved->compiled;
      });
  const exchange::WarningTest test = warnings.Test();

  exchange::UploadContext context{db, db, *view->index, &test};
  exchange::UploadRequest request;
  request.contract = contract;
  request.file_name = file.file_name;
  request.content = file.content;
  request.encoding = file.encoding;
  request.sheet = file.sheet;
  request.user = user;
  request.region_code = region_code;
  request.now_utc = now;
  request.today = today;
  XJ_ASSIGN_OR_RETURN(exchange::UploadReport report, exchange::UploadFile(context, request));
  if (report.duplicate) return report;

  XJ_ASSIGN_OR_RETURN(report.leads, exchange::TakeWarningLeads(db, report.new_warnings, now));
  XJ_RETURN_IF_ERROR(ws.Refresh());
  // The cross-checks over the households the upload touched, with the facts it brought.
  XJ_ASSIGN_OR_RETURN(const exchange::CheckRunReport checks,
                      RunWorkspaceChecks(ws, "", report.upload.id));
  report.findings = checks.opened;
  // The plans' checks of the monitoring objects whose record the upload changed.
  XJ_ASSIGN_OR_RETURN(const CoordinationSweep coordinated,
                      SyncChangedSince(ws, report.upload.batch_id - 1));
  report.findings += coordinated.opened;
  // The stored report gains the leads and findings: what the same file again answers with.
  report.upload.report_json = report.ToJson();
  const Status stored = db.UpdateUploadReport(report.upload.id, report.upload.report_json);
  if (!stored.ok()) {
    return Status(stored.code(), "upload " + std::to_string(report.upload.id) +
                                     " was made and its leads taken, but its stored report "
                                     "could not be completed: " +
                                     stored.message());
  }
  return report;
}

}  // namespace xianjie::service
