// The parts of the driver interface that are the same for every driver.
#include "store/sql/connection.h"

namespace xianjie::store::sql_internal {
namespace {

// A prepared INSERT run at each EndRow.
class InsertPerRow final : public BulkInsert {
 public:
  explicit InsertPerRow(Query* insert) : insert_(insert) {}

  void Bind(int index, int64_t value) override { insert_->Bind(index, value); }
  void BindText(int index, std::string_view text) override { insert_->BindText(index, text); }
  void BindBlob(int index, std::string_view bytes) override { insert_->BindBlob(index, bytes); }
  void BindDouble(int index, double value) override { insert_->BindDouble(index, value); }
  void BindNull(int index) override { insert_->BindNull(index); }
  // The Statement resets the query for the next row, whatever the outcome.
  Status EndRow() override { return Statement(insert_).Run(); }
  Status Flush() override { return Status::Ok(); }
  size_t pending_rows() const override { return 0; }

 private:
  Query* insert_;
};

}  // namespace

Result<std::unique_ptr<BulkInsert>> Connection::BeginBulkInsert(
    const std::string& table, const std::vector<std::string>& columns) {
  std::string sql = "INSERT INTO " + table + " (";
  std::string values;
  for (size_t i = 0; i < columns.size(); ++i) {
    sql += (i == 0 ? "" : ", ") + columns[i];
    values += (i == 0 ? "?" : ", ?") + std::to_string(i + 1);
  }
  sql += ") VALUES (" + values + ")";
  XJ_ASSIGN_OR_RETURN(Query * insert, Compile(sql));
  return std::unique_ptr<BulkInsert>(std::make_unique<InsertPerRow>(insert));
}

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
