#include "store/sql/internal/transaction.h"

namespace xianjie::store::sql_internal {

Result<int64_t> InsertNextVersion(Connection& connection, std::string_view table,
                                  const std::string& province, const std::string& text,
                                  const std::string& created_by, const std::string& created_at) {
  const std::string name(table);
  XJ_ASSIGN_OR_RETURN(auto highest, connection.Prepare("SELECT coalesce(max(version), 0) FROM " +
                                                       name + " WHERE province = ?1"));
  highest.BindText(1, province);
  XJ_ASSIGN_OR_RETURN(bool row, highest.Step());
  const int64_t number = (row ? highest.Int(0) : 0) + 1;
  XJ_ASSIGN_OR_RETURN(auto insert, connection.Prepare("INSERT INTO " + name +
                                                      " (province, version, text, created_by, "
                                                      "created_at) VALUES (?1, ?2, ?3, ?4, ?5)"));
  insert.BindText(1, province);
  insert.Bind(2, number);
  insert.BindText(3, text);
  insert.BindText(4, created_by);
  insert.BindText(5, created_at);
  XJ_RETURN_IF_ERROR(insert.Run());
  return number;
}

}  // namespace xianjie::store::sql_internal
