// The demo's department files (decision 0006, "Demo data") written to disk: demo/ draws them as
// plain tables and may not use ingest/'s XLSX writer and GBK encoder, so `generate` and `demo`
// write them here.
#ifndef XIANJIE_CLI_DEPARTMENT_FILES_H_
#define XIANJIE_CLI_DEPARTMENT_FILES_H_

#include <string>

#include "base/status.h"
#include "demo/departments.h"

namespace xianjie::cli {

// Writes OUT/departments/<source>.<xlsx|csv>, one line printed per file. The files' rows are
// moved into the workbooks.
Status WriteDepartmentFiles(demo::DepartmentFiles& files, const std::string& out);

}  // namespace xianjie::cli

#endif  // XIANJIE_CLI_DEPARTMENT_FILES_H_
