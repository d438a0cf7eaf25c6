// Making a province's partitions. PostgreSQL refuses to create a partition FOR VALUES IN (63)
// while the DEFAULT partition holds rows of province 63 (it scans the default partition to
// check), and moves no rows itself. So when there are such rows, each table's partition is first
// built as a table of its own, filled from the default partition and the rows deleted there, and
// only then attached: members before versions are taken out (a member row references its
// version), versions before members are attached (attaching the members checks that reference).
#include "store/postgres/partitions.h"

#include <string>
#include <vector>

namespace xianjie::store::postgres_internal {

using sql_internal::Annotate;
using sql_internal::Connection;

std::string PartitionName(const char* table, int province) {
  return std::string(table) + "_p" + std::to_string(province);
}

std::vector<std::string> RegistryKeys(const char* table) {
  const std::string name = table;
  if (name == "household") return {"PRIMARY KEY (household_id, province)"};
  if (name == "household_version") {
    return {"PRIMARY KEY (vid, province)", "UNIQUE (household_id, version, province)"};
  }
  if (name == "member_version") {
    return {"PRIMARY KEY (vid, seq, province)",
            "FOREIGN KEY (vid, province) REFERENCES household_version(vid, province)"};
  }
  return {};
}

Result<bool> IsCoordinator(Connection& connection) {
  XJ_ASSIGN_OR_RETURN(auto query,
                      connection.Prepare("SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE "
                                         "conrelid = to_regclass('household_p_default') AND "
                                         "conname = ?1)"));
  query.BindText(1, kNoShardConstraint);
  XJ_ASSIGN_OR_RETURN(bool row, query.Step());
  return row && query.Int(0) != 0;
}

namespace {

std::string DefaultPartition(const char* table) { return std::string(table) + "_p_default"; }

// Whether `table`'s partition for `province` exists. A relation of that name that is not a
// partition of `table` is an error: the operator's, to rename or drop.
Result<bool> HasPartition(Connection& connection, const char* table, int province) {
  const std::string name = PartitionName(table, province);
  XJ_ASSIGN_OR_RETURN(auto query,
                      connection.Prepare("SELECT EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid "
                                         "= to_regclass(?1) AND inhparent = to_regclass(?2)), "
                                         "to_regclass(?1) IS NOT NULL"));
  query.BindText(1, name);
  query.BindText(2, table);
  XJ_ASSIGN_OR_RETURN(bool row, query.Step());
  if (!row) return Internal("no answer to whether " + name + " exists");
  if (query.Int(0) != 0) return true;
  if (query.Int(1) != 0) {
    return FailedPrecondition("a relation named " + name + " exists but is not a partition of " +
                              table + "; rename or drop it, then load the regions again");
  }
  return false;
}

Result<bool> HasDefaultRows(Connection& connection, const char* table, int province) {
  XJ_ASSIGN_OR_RETURN(auto query,
                      connection.Prepare("SELECT EXISTS (SELECT 1 FROM " + DefaultPartition(table) +
                                         " WHERE province = ?1)"));
  query.Bind(1, province);
  XJ_ASSIGN_OR_RETURN(bool row, query.Step());
  return row && query.Int(0) != 0;
}

Status MakeOne(Connection& connection, int province) {
  const std::string value = std::to_string(province);
  std::vector<const char*> missing;
  bool move = false;
  for (const char* table : kPartitionedTables) {
    XJ_ASSIGN_OR_RETURN(bool exists, HasPartition(connection, table, province));
    if (exists) continue;
    missing.push_back(table);
    XJ_ASSIGN_OR_RETURN(bool rows, HasDefaultRows(connection, table, province));
    move = move || rows;
  }
  if (!move) {
    for (const char* table : missing) {
      XJ_RETURN_IF_ERROR(connection.Exec("CREATE TABLE " + PartitionName(table, province) +
                                         " PARTITION OF " + table + " FOR VALUES IN (" + value +
                                         ")"));
    }
    return Status::Ok();
  }
  // Take the rows out, referencing tables first (the reverse of kPartitionedTables), then attach
  // in kPartitionedTables' order.
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    const std::string partition = PartitionName(*it, province);
    const std::string from_default =
        " FROM " + DefaultPartition(*it) + " WHERE province = " + value;
    XJ_RETURN_IF_ERROR(connection.Exec("CREATE TABLE " + partition + " (LIKE " + *it +
                                       " INCLUDING DEFAULTS INCLUDING CONSTRAINTS)"));
    XJ_RETURN_IF_ERROR(connection.Exec("INSERT INTO " + partition + " SELECT *" + from_default));
    XJ_RETURN_IF_ERROR(connection.Exec("DELETE" + from_default));
  }
  for (const char* table : missing) {
    XJ_RETURN_IF_ERROR(connection.Exec("ALTER TABLE " + std::string(table) + " ATTACH PARTITION " +
                                       PartitionName(table, province) + " FOR VALUES IN (" + value +
                                       ")"));
  }
  return Status::Ok();
}

}  // namespace

Status MakeProvincePartitions(Connection& connection, std::span<const int> provinces) {
  for (int province : provinces) {
    if (province < 11 || province > 99) {
      return InvalidArgument("province code " + std::to_string(province) +
                             " is not two digits from 11 to 99");
    }
  }
  // A coordinator's provinces get their partitions from `xianjie shard add`.
  XJ_ASSIGN_OR_RETURN(bool coordinator, IsCoordinator(connection));
  if (coordinator) return Status::Ok();
  for (int province : provinces) {
    XJ_RETURN_IF_ERROR(Annotate(MakeOne(connection, province),
                                "making the partitions of province " + std::to_string(province)));
  }
  return Status::Ok();
}

}  // namespace xianjie::store::postgres_internal
