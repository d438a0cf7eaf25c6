// Department uploads through the service (docs/decisions/0006): the contract by name, the
// workspace's current registry to match against, the standards in force for the warnings'
// parameters, the warnings' leads, and the workspace refreshed after the upload's updates.
#ifndef XIANJIE_SERVICE_EXCHANGE_H_
#define XIANJIE_SERVICE_EXCHANGE_H_

#include <string>

#include "base/status.h"
#include "exchange/upload.h"
#include "ingest/text_encoding.h"

namespace xianjie::service {

class Workspace;

struct DepartmentFile {
  std::string source;     // the contract's name: "medical_insurance"
  std::string file_name;  // as the uploader named it
  std::string content;    // the file's bytes
  ingest::TextEncoding encoding = ingest::TextEncoding::kAuto;
  std::string sheet;  // XLSX: "" = the first sheet
};

// Uploads one department file as `user` for `region_code` ("" = the whole registry; rows of
// people registered outside it are unmatched, exchange::UploadRequest::region_code), then takes
// the new warnings' leads (their figures in report.leads), refreshes the workspace, runs the
// cross-checks over the households the upload touched (the findings opened in report.findings;
// RunWorkspaceChecks, service/findings.h) and stores the report again with both
// (ExchangeStore::UpdateUploadReport), so that the same file again answers with the whole
// report (exchange::StoredReport, duplicate = true). kNotFound naming the known sources for an
// unknown source; the rest as exchange::UploadFile. For the operator of the database (the CLI);
// the API authorizes first.
Result<exchange::UploadReport> UploadDepartmentFile(Workspace& ws, const std::string& user,
                                                    const std::string& region_code,
                                                    const DepartmentFile& file);

}  // namespace xianjie::service

#endif  // XIANJIE_SERVICE_EXCHANGE_H_
