// The parts of the driver interface that are the same for every driver.
#include "store/sql/connection.h"

namespace xianjie::store::sql_internal {

Status Statement::Run() {
  for (;;) {
    XJ_ASSIGN_OR_RETURN(bool row, Step());
    if (!row) return Status::Ok();
  }
}

Result<int64_t> Statement::RunForId() {
  XJ_ASSIGN_OR_RETURN(bool row, Step());
  if (!row) return 0;
  const int64_t id = Int(0);
  XJ_RETURN_IF_ERROR(Run());
  return id;
}

Status Annotate(const Status& status, std::string_view what) {
  if (status.ok()) return status;
  return Status(status.code(), std::string(what) + ": " + status.message());
}

}  // namespace xianjie::store::sql_internal
