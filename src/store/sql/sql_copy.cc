// Copying a whole database between SQL stores, and the figures that verify a copy
// (xianjie migrate-store, decision 0012).
//
// The copy goes table by table through the driver interface, so it works between any two
// backends: rows are read in key order from one read snapshot of the source and appended in bulk
// (COPY on PostgreSQL) inside one write transaction of the destination. An interrupted copy
// leaves the destination as empty as it was.
#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/sql/connection.h"
#include "store/sql/internal/reader.h"
#include "store/sql/sql_store.h"

namespace xianjie::store {
namespace {

using sql_internal::Annotate;
using sql_internal::BulkInsert;
using sql_internal::Connection;
using sql_internal::Dialect;
using sql_internal::Statement;

// Every table of the schema, each after the tables it references (the order the schema creates
// them in). The change log of cases and the stamps come last: the triggers of the tables before
// them write to them as rows go in, and the copy keeps the source's instead.
constexpr std::string_view kTables[] = {"region",
                                        "batch",
                                        "household",
                                        "household_version",
                                        "member_version",
                                        "quarantine",
                                        "code",
                                        "standard",
                                        "screening_run",
                                        "screening_result",
                                        "standard_load",
                                        "audit_log",
                                        "app_user",
                                        "session",
                                        "case_record",
                                        "case_event",
                                        "lead",
                                        "case_attachment",
                                        "episode",
                                        "workflow_limits",
                                        "measure",
                                        "application",
                                        "source_file",
                                        "upload",
                                        "dept_row",
                                        "dept_warning",
                                        "finding",
                                        "assist_plan",
                                        "responsible_person",
                                        "visit",
                                        "measure_catalog",
                                        "assessment_config",
                                        "sample_draw",
                                        "sample_unit",
                                        "sample_result",
                                        "case_data_change",
                                        "change_stamp"};

// Tables the schema fills when it is created; every other one must be empty in a destination.
constexpr std::string_view kSeeded[] = {"region", "code", "change_stamp"};

constexpr size_t kChunkRows = 10'000;

enum class Kind { kInt, kDouble, kText, kBlob };

struct Column {
  std::string name;
  Kind kind;
};

Kind KindOf(std::string type) {
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (type.find("int") != std::string::npos) return Kind::kInt;
  if (type.find("double") != std::string::npos || type.find("real") != std::string::npos ||
      type.find("floa") != std::string::npos) {
    return Kind::kDouble;
  }
  if (type.find("blob") != std::string::npos || type.find("bytea") != std::string::npos) {
    return Kind::kBlob;
  }
  return Kind::kText;
}

// The columns of `table` in their order, from the database's catalog.
Result<std::vector<Column>> ColumnsOf(Connection& c, std::string_view table) {
  const char* sql = c.dialect() == Dialect::kPostgres
                        ? "SELECT column_name, data_type FROM information_schema.columns "
                          "WHERE table_schema = current_schema() AND table_name = ?1 "
                          "ORDER BY ordinal_position"
                        : "SELECT name, type FROM pragma_table_info(?1) ORDER BY cid";
  XJ_ASSIGN_OR_RETURN(Statement select, c.Prepare(sql));
  select.BindText(1, table);
  std::vector<Column> columns;
  for (;;) {
    XJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    columns.push_back({std::string(select.Text(0)), KindOf(std::string(select.Text(1)))});
  }
  if (columns.empty()) {
    return FailedPrecondition("table " + std::string(table) + " is missing from " + c.database() +
                              "; is it a Xianjie database of this version?");
  }
  return columns;
}

// The primary key's columns of `table`, in key order.
Result<std::vector<std::string>> PrimaryKeyOf(Connection& c, std::string_view table) {
  const char* sql =
      c.dialect() == Dialect::kPostgres
          ? "SELECT a.attname FROM pg_index i JOIN pg_attribute a "
            "ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey::int2[]) "
            "WHERE i.indrelid = (quote_ident(current_schema()) || '.' || ?1)::regclass "
            "AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)"
          : "SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk";
  XJ_ASSIGN_OR_RETURN(Statement select, c.Prepare(sql));
  select.BindText(1, table);
  std::vector<std::string> key;
  for (;;) {
    XJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return key;
    key.emplace_back(select.Text(0));
  }
}

bool Has(const std::vector<Column>& columns, const std::string& name) {
  return std::any_of(columns.begin(), columns.end(),
                     [&](const Column& c) { return c.name == name; });
}

// Columns only PostgreSQL has (decision 0011): the province that partitions the registry tables,
// and quarantine's entry_id, which stands for SQLite's rowid.
bool PostgresOnly(std::string_view table, const std::string& column) {
  if (column == "province") {
    return table == "household" || table == "household_version" || table == "member_version";
  }
  return table == "quarantine" && column == "entry_id";
}

// How one table is read from a source: the columns both databases have (in the destination's
// order and kinds), and the order of the rows.
struct TablePlan {
  std::vector<Column> common;
  std::string order_by;
};

// The province of a registry row, computed on a source that does not keep it (SQLite), in SQL
// that SQLite and PostgreSQL both read.
Result<std::string> ProvinceOf(std::string_view table) {
  if (table == "household_version") return std::string("village_code / 10000000000");
  if (table == "member_version") {
    return std::string(
        "(SELECT v.village_code / 10000000000 FROM household_version v "
        "WHERE v.vid = member_version.vid)");
  }
  if (table == "household") {
    return std::string(
        "(SELECT v.village_code / 10000000000 FROM household_version v "
        "WHERE v.vid = household.current_vid)");
  }
  return Internal("no way to compute the province of table " + std::string(table));
}

Result<TablePlan> PlanTable(Connection& from, const std::vector<Column>& to_columns,
                            std::string_view table) {
  XJ_ASSIGN_OR_RETURN(std::vector<Column> from_columns, ColumnsOf(from, table));
  TablePlan plan;
  for (const Column& c : to_columns) {
    if (Has(from_columns, c.name)) {
      if (!PostgresOnly(table, c.name)) plan.common.push_back(c);
    } else if (!PostgresOnly(table, c.name)) {
      return FailedPrecondition("column " + std::string(table) + "." + c.name +
                                " is missing from " + from.database() +
                                "; is it a Xianjie database of this version?");
    }
  }
  XJ_ASSIGN_OR_RETURN(std::vector<std::string> key, PrimaryKeyOf(from, table));
  std::erase_if(key, [&](const std::string& k) { return PostgresOnly(table, k); });
  if (key.empty()) {
    // quarantine: the order rows were written in.
    key.push_back(from.dialect() == Dialect::kPostgres ? "entry_id" : "rowid");
  }
  for (size_t i = 0; i < key.size(); ++i) plan.order_by += (i == 0 ? "" : ", ") + key[i];
  return plan;
}

std::string SelectList(const std::vector<Column>& columns) {
  std::string list;
  for (size_t i = 0; i < columns.size(); ++i) list += (i == 0 ? "" : ", ") + columns[i].name;
  return list;
}

// Appends the row's value of column `i` (0-based) to `insert` as value i + 1.
void CopyValue(const Statement& row, int i, Kind kind, BulkInsert& insert) {
  if (row.IsNull(i)) return insert.BindNull(i + 1);
  switch (kind) {
    case Kind::kInt:
      return insert.Bind(i + 1, row.Int(i));
    case Kind::kDouble:
      return insert.BindDouble(i + 1, row.Double(i));
    case Kind::kText:
      return insert.BindText(i + 1, row.Text(i));
    case Kind::kBlob:
      return insert.BindBlob(i + 1, row.Blob(i));
  }
}

Result<int64_t> CopyTable(Connection& from, Connection& to, std::string_view table) {
  XJ_ASSIGN_OR_RETURN(std::vector<Column> to_columns, ColumnsOf(to, table));
  XJ_ASSIGN_OR_RETURN(TablePlan plan, PlanTable(from, to_columns, table));
  std::vector<std::string> insert_columns;
  for (const Column& c : plan.common) insert_columns.push_back(c.name);
  std::string select = "SELECT " + SelectList(plan.common);
  const bool add_province = PostgresOnly(table, "province") && Has(to_columns, "province");
  if (add_province) {
    XJ_ASSIGN_OR_RETURN(std::string province, ProvinceOf(table));
    select += ", " + province;
    insert_columns.push_back("province");
  }
  select += " FROM " + std::string(table) + " ORDER BY " + plan.order_by;

  XJ_RETURN_IF_ERROR(to.Exec("DELETE FROM " + std::string(table)));
  XJ_ASSIGN_OR_RETURN(std::unique_ptr<BulkInsert> insert,
                      to.BeginBulkInsert(std::string(table), insert_columns));
  XJ_ASSIGN_OR_RETURN(Statement rows, from.PrepareScan(select));
  int64_t copied = 0;
  for (;;) {
    XJ_ASSIGN_OR_RETURN(bool row, rows.Step());
    if (!row) break;
    const int n = static_cast<int>(plan.common.size());
    for (int i = 0; i < n; ++i) CopyValue(rows, i, plan.common[i].kind, *insert);
    if (add_province) insert->Bind(n + 1, rows.Int(n));
    XJ_RETURN_IF_ERROR(insert->EndRow());
    ++copied;
    if (insert->pending_rows() >= kChunkRows) XJ_RETURN_IF_ERROR(insert->Flush());
  }
  XJ_RETURN_IF_ERROR(insert->Flush());
  return copied;
}

// Fails unless every table but the seeded ones is empty.
Status CheckEmpty(Connection& to) {
  for (std::string_view table : kTables) {
    if (std::find(std::begin(kSeeded), std::end(kSeeded), table) != std::end(kSeeded)) continue;
    XJ_ASSIGN_OR_RETURN(Statement count, to.Prepare("SELECT count(*) FROM " + std::string(table)));
    XJ_ASSIGN_OR_RETURN(bool row, count.Step());
    if (row && count.Int(0) > 0) {
      return FailedPrecondition("the database to copy into, " + to.database() +
                                ", is not empty: table " + std::string(table) + " holds " +
                                std::to_string(count.Int(0)) +
                                " rows; copy into a new database, or drop this one first");
    }
  }
  return Status::Ok();
}

// SHA-256 over rows as they are read, each value tagged with its kind, so that no two different
// tables of values hash alike.
class RowHash {
 public:
  RowHash() : context_(EVP_MD_CTX_new()) { EVP_DigestInit_ex(context_, EVP_sha256(), nullptr); }
  ~RowHash() { EVP_MD_CTX_free(context_); }
  RowHash(const RowHash&) = delete;
  RowHash& operator=(const RowHash&) = delete;

  void Add(const Statement& row, int i, Kind kind) {
    if (row.IsNull(i)) return Put("N", {});
    char digits[32];
    switch (kind) {
      case Kind::kInt: {
        auto end = std::to_chars(digits, digits + sizeof digits, row.Int(i)).ptr;
        return Put("I", std::string_view(digits, static_cast<size_t>(end - digits)));
      }
      case Kind::kDouble: {
        auto end = std::to_chars(digits, digits + sizeof digits, row.Double(i)).ptr;
        return Put("D", std::string_view(digits, static_cast<size_t>(end - digits)));
      }
      case Kind::kText:
        return Put("T", row.Text(i));
      case Kind::kBlob:
        return Put("B", row.Blob(i));
    }
  }

  std::string HexDigest() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_DigestFinal_ex(context_, digest, &size);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    for (unsigned int i = 0; i < size; ++i) {
      hex += kHex[digest[i] >> 4];
      hex += kHex[digest[i] & 15];
    }
    return hex;
  }

 private:
  // The tag, the length, then the bytes.
  void Put(std::string_view tag, std::string_view bytes) {
    const std::string head = std::string(tag) + std::to_string(bytes.size()) + ":";
    EVP_DigestUpdate(context_, head.data(), head.size());
    EVP_DigestUpdate(context_, bytes.data(), bytes.size());
  }
  EVP_MD_CTX* context_;
};

Result<TableDigest> DigestTable(Connection& c, std::string_view table) {
  XJ_ASSIGN_OR_RETURN(std::vector<Column> columns, ColumnsOf(c, table));
  XJ_ASSIGN_OR_RETURN(TablePlan plan, PlanTable(c, columns, table));
  XJ_ASSIGN_OR_RETURN(Statement rows,
                      c.PrepareScan("SELECT " + SelectList(plan.common) + " FROM " +
                                    std::string(table) + " ORDER BY " + plan.order_by));
  TableDigest digest{std::string(table), 0, ""};
  RowHash hash;
  for (;;) {
    XJ_ASSIGN_OR_RETURN(bool row, rows.Step());
    if (!row) break;
    for (size_t i = 0; i < plan.common.size(); ++i) {
      hash.Add(rows, static_cast<int>(i), plan.common[i].kind);
    }
    ++digest.rows;
  }
  digest.sha256 = hash.HexDigest();
  return digest;
}

}  // namespace

std::span<const std::string_view> SqlStore::Tables() { return kTables; }

Result<std::vector<TableDigest>> SqlStore::CopyFrom(SqlStore& source) {
  XJ_ASSIGN_OR_RETURN(Reader reader, source.AcquireReader());
  Connection& from = *reader;
  sql_internal::ReadTransaction snapshot(from);
  XJ_RETURN_IF_ERROR(Annotate(snapshot.Begin(), "reading " + from.database()));

  std::lock_guard lock(write_mu_);
  if (batch_open_) {
    return FailedPrecondition("cannot copy into " + database() + " while batch " +
                              std::to_string(open_batch_.batch_id) + " is open");
  }
  Connection& to = *writer_connection_;
  const std::string what = "copying into " + to.database();
  XJ_RETURN_IF_ERROR(Annotate(to.BeginWrite(), what));
  std::vector<TableDigest> copied;
  auto copy = [&]() -> Status {
    XJ_RETURN_IF_ERROR(CheckEmpty(to));
    for (std::string_view table : kTables) {
      Result<int64_t> rows = CopyTable(from, to, table);
      if (!rows.ok()) return Annotate(rows.status(), "table " + std::string(table));
      copied.push_back({std::string(table), *rows, ""});
      if (table == "region") XJ_RETURN_IF_ERROR(to.PartitionRegions());
    }
    return to.Commit();
  };
  Status status = copy();
  if (!status.ok()) {
    if (to.InTransaction()) (void)to.Rollback();
    // A refusal says what is wrong already; a failure of the database says where it happened.
    return status.code() == StatusCode::kFailedPrecondition ? status : Annotate(status, what);
  }
  return copied;
}

Result<std::vector<TableDigest>> SqlStore::Digest() {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  sql_internal::ReadTransaction snapshot(*reader);
  XJ_RETURN_IF_ERROR(Annotate(snapshot.Begin(), "reading " + reader->database()));
  std::vector<TableDigest> digests;
  for (std::string_view table : kTables) {
    XJ_ASSIGN_OR_RETURN(TableDigest digest, DigestTable(*reader, table));
    digests.push_back(std::move(digest));
  }
  return digests;
}

}  // namespace xianjie::store
