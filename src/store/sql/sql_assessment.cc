// SqlStore: the provinces' assessment settings (analytics::AssessmentStore; migration 0012,
// table assessment_config). A write is one transaction on the screening writer's connection
// (under screening_mu_) that numbers the version and inserts it; reads use the pool.
#include <optional>
#include <string>

#include "store/sql/connection.h"
#include "store/sql/internal/reader.h"
#include "store/sql/internal/transaction.h"
#include "store/sql/sql_store.h"

namespace xianjie::store {
namespace {

using analytics::AssessmentConfigVersion;
using sql_internal::Connection;
using sql_internal::Statement;

constexpr char kSelectConfig[] =
    "SELECT province, version, text, created_by, created_at FROM assessment_config ";

AssessmentConfigVersion ReadConfig(const Statement& row) {
  AssessmentConfigVersion v;
  v.province.assign(row.Text(0));
  v.version = row.Int(1);
  v.text.assign(row.Text(2));
  v.created_by.assign(row.Text(3));
  v.created_at.assign(row.Text(4));
  return v;
}

}  // namespace

Result<int64_t> SqlStore::PutAssessmentConfig(const AssessmentConfigVersion& version) {
  XJ_RETURN_IF_ERROR(analytics::CheckAssessmentConfigVersion(version));
  const std::string what = "storing the assessment settings of province " + version.province;
  std::lock_guard lock(screening_mu_);
  XJ_ASSIGN_OR_RETURN(Connection * connection, ScreeningWriter());
  return sql_internal::InWriteTransaction<int64_t>(*connection, what, [&] {
    return sql_internal::InsertNextVersion(*connection, "assessment_config", version.province,
                                           version.text, version.created_by, version.created_at);
  });
}

Result<std::optional<AssessmentConfigVersion>> SqlStore::LatestAssessmentConfig(
    const std::string& province) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(
      auto select, reader->Prepare(std::string(kSelectConfig) + "WHERE province = ?1 "
                                                                "ORDER BY version DESC LIMIT 1"));
  select.BindText(1, province);
  XJ_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return std::optional<AssessmentConfigVersion>();
  return std::optional<AssessmentConfigVersion>(ReadConfig(select));
}

}  // namespace xianjie::store
