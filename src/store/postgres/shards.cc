// The national layout (docs/scale.md): a coordinator registry whose province partitions are
// postgres_fdw foreign tables on the provinces' own servers.
//
// PostgreSQL refuses a foreign table as a partition of a table with a primary key, a UNIQUE
// constraint or a foreign key ("foreign key constraints are not supported on foreign tables";
// tried on 15.20). So the coordinator's household, household_version and member_version keep
// their columns and CHECK constraints but not their keys; each shard's tables hold the keys
// instead (RegistryKeys), which enforces them for the whole country, since a province's rows are
// all on its shard. A coordinator keeps no registry rows itself: its default partitions carry
// CHECK (false), named province_has_no_shard, which is also how a coordinator is recognized.
// The foreign key from versions to batch cannot cross servers; the batch writer writes both in
// one coordinator transaction (postgres_fdw commits the shards' parts before the coordinator's,
// without two-phase commit; docs/scale.md says what that means after a crash).
#include <libpq-fe.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "store/postgres/partitions.h"
#include "store/postgres/pg_connection.h"
#include "store/postgres/postgres_store.h"

namespace xianjie::store {
namespace {

using postgres_internal::IsCoordinator;
using postgres_internal::kNoShardConstraint;
using postgres_internal::kPartitionedTables;
using postgres_internal::PartitionName;
using postgres_internal::PgConnection;
using postgres_internal::RegistryKeys;
using sql_internal::Annotate;
using sql_internal::Connection;

// `text` between `quote`s, a quote inside doubled: a SQL string literal with '\'', an
// identifier with '"'.
std::string Quoted(std::string_view text, char quote) {
  std::string out(1, quote);
  for (char c : text) {
    if (c == quote) out += quote;
    out += c;
  }
  return out + quote;
}
std::string Literal(std::string_view text) { return Quoted(text, '\''); }
std::string Identifier(std::string_view name) { return Quoted(name, '"'); }

Result<std::string> OneText(Connection& c, const std::string& sql, std::string_view param = {}) {
  XJ_ASSIGN_OR_RETURN(auto query, c.Prepare(sql));
  if (!param.empty()) query.BindText(1, param);
  XJ_ASSIGN_OR_RETURN(bool row, query.Step());
  if (!row || query.IsNull(0)) return std::string();
  return std::string(query.Text(0));
}

Result<int64_t> OneInt(Connection& c, const std::string& sql) {
  XJ_ASSIGN_OR_RETURN(auto query, c.Prepare(sql));
  XJ_ASSIGN_OR_RETURN(bool row, query.Step());
  return row ? query.Int(0) : 0;
}

// Whether `province` has a shard: its household partition is a foreign table.
Result<bool> HasShard(Connection& c, int province) {
  XJ_ASSIGN_OR_RETURN(auto query, c.Prepare("SELECT EXISTS (SELECT 1 FROM pg_class WHERE oid = "
                                            "to_regclass(?1) AND relkind = 'f')"));
  query.BindText(1, PartitionName("household", province));
  XJ_ASSIGN_OR_RETURN(bool row, query.Step());
  return row && query.Int(0) != 0;
}

Status ShardTaken(Connection& c, int province) {
  return FailedPrecondition("province " + std::to_string(province) +
                            " has a shard already (see: xianjie shard list --db " + c.database() +
                            ")");
}

// Runs `write` in a transaction of `c` and commits, or rolls back on failure.
template <typename Write>
Status InTransaction(Connection& c, bool write_lock, Write write) {
  XJ_RETURN_IF_ERROR(write_lock ? c.BeginWrite() : c.Exec("BEGIN"));
  Status status = write();
  if (status.ok()) status = c.InTransaction() ? c.Commit() : Status::Ok();
  if (!status.ok() && c.InTransaction()) (void)c.Rollback();
  return status;
}

// The column list of `table` on the coordinator, as a CREATE TABLE spells it.
Result<std::string> ColumnDefinitions(Connection& coordinator, const char* table) {
  return OneText(coordinator,
                 "SELECT string_agg(quote_ident(a.attname) || ' ' || "
                 "format_type(a.atttypid, a.atttypmod) || CASE WHEN co.collname IS NOT NULL AND "
                 "co.collname <> 'default' THEN ' COLLATE ' || quote_ident(co.collname) ELSE '' "
                 "END || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END, ', ' ORDER BY "
                 "a.attnum) FROM pg_attribute a LEFT JOIN pg_collation co ON co.oid = "
                 "a.attcollation WHERE a.attrelid = to_regclass(?1) AND a.attnum > 0 AND NOT "
                 "a.attisdropped",
                 table);
}

// The CHECK constraints of `table` on the coordinator, each followed by ", ".
Result<std::string> CheckDefinitions(Connection& coordinator, const char* table) {
  return OneText(coordinator,
                 "SELECT string_agg(pg_get_constraintdef(oid) || ', ', '' ORDER BY conname) "
                 "FROM pg_constraint WHERE conrelid = to_regclass(?1) AND contype = 'c'",
                 table);
}

// The shard's side: the province's three tables, empty, with the registry's keys.
Status MakeShardTables(Connection& coordinator, Connection& shard, int province) {
  const std::string value = std::to_string(province);
  std::vector<std::string> creates;
  for (const char* table : kPartitionedTables) {
    XJ_ASSIGN_OR_RETURN(std::string columns, ColumnDefinitions(coordinator, table));
    XJ_ASSIGN_OR_RETURN(std::string checks, CheckDefinitions(coordinator, table));
    std::string keys;
    for (std::string key : RegistryKeys(table)) {
      const std::string parent = "REFERENCES household_version(";
      if (size_t at = key.find(parent); at != std::string::npos) {
        key.replace(at, parent.size() - 1,
                    "REFERENCES " + PartitionName("household_version", province));
      }
      keys += key + ", ";
    }
    creates.push_back("CREATE TABLE " + PartitionName(table, province) + " (" + columns + ", " +
                      checks + keys + "CONSTRAINT province_" + value +
                      " CHECK (province = " + value + "))");
  }
  return InTransaction(shard, /*write_lock=*/false, [&]() -> Status {
    // Tables left by an earlier attempt that failed on the coordinator are made again if empty.
    for (auto it = std::rbegin(kPartitionedTables); it != std::rend(kPartitionedTables); ++it) {
      const std::string name = PartitionName(*it, province);
      XJ_ASSIGN_OR_RETURN(std::string exists, OneText(shard, "SELECT to_regclass(?1)::text", name));
      if (exists.empty()) continue;
      XJ_ASSIGN_OR_RETURN(int64_t rows, OneInt(shard, "SELECT count(*) FROM " + name));
      if (rows > 0) {
        return FailedPrecondition("the shard " + shard.database() + " holds " +
                                  std::to_string(rows) + " rows in " + name +
                                  " already; give the province an empty database");
      }
      XJ_RETURN_IF_ERROR(shard.Exec("DROP TABLE " + name));
    }
    for (const std::string& create : creates) XJ_RETURN_IF_ERROR(shard.Exec(create));
    return Status::Ok();
  });
}

// The first shard makes the registry a coordinator: no keys on the registry tables, no local
// partitions, default partitions that refuse rows.
Status BecomeCoordinator(Connection& c) {
  XJ_ASSIGN_OR_RETURN(int64_t households, OneInt(c, "SELECT count(*) FROM household"));
  XJ_ASSIGN_OR_RETURN(int64_t versions, OneInt(c, "SELECT count(*) FROM household_version"));
  if (households > 0 || versions > 0) {
    return FailedPrecondition(
        "the registry " + c.database() + " holds " + std::to_string(households) +
        " households itself; a national layout starts from an empty registry: add the shards "
        "first, then import (or copy this registry into a new coordinator with migrate-store "
        "once its shards are added)");
  }
  std::vector<std::pair<std::string, std::string>> keys;  // table, constraint
  {
    XJ_ASSIGN_OR_RETURN(
        auto select,
        c.Prepare("SELECT conrelid::regclass::text, conname FROM pg_constraint WHERE conrelid IN "
                  "('household'::regclass, 'household_version'::regclass, "
                  "'member_version'::regclass) AND contype IN ('f', 'p', 'u') AND conparentid = 0 "
                  "ORDER BY contype <> 'f', conname"));
    for (;;) {
      XJ_ASSIGN_OR_RETURN(bool row, select.Step());
      if (!row) break;
      keys.emplace_back(std::string(select.Text(0)), std::string(select.Text(1)));
    }
  }
  for (const auto& [table, constraint] : keys) {
    XJ_RETURN_IF_ERROR(c.Exec("ALTER TABLE " + table + " DROP CONSTRAINT " + constraint));
  }
  for (const char* table : kPartitionedTables) {
    std::vector<std::string> local;
    {
      XJ_ASSIGN_OR_RETURN(auto select,
                          c.Prepare("SELECT i.inhrelid::regclass::text FROM pg_inherits i JOIN "
                                    "pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = "
                                    "to_regclass(?1) AND c.relkind = 'r' AND NOT "
                                    "pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT'"));
      select.BindText(1, table);
      for (;;) {
        XJ_ASSIGN_OR_RETURN(bool row, select.Step());
        if (!row) break;
        local.emplace_back(select.Text(0));
      }
    }
    for (const std::string& partition : local)
      XJ_RETURN_IF_ERROR(c.Exec("DROP TABLE " + partition));
    XJ_RETURN_IF_ERROR(c.Exec("ALTER TABLE " + std::string(table) +
                              "_p_default ADD CONSTRAINT " + kNoShardConstraint + " CHECK (false)"));
  }
  return Status::Ok();
}

// The libpq parameters of `url` that are set, by keyword.
Result<std::map<std::string, std::string>> Parameters(const std::string& url) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (options == nullptr) {
    std::string detail = error != nullptr ? error : "out of memory";
    PQfreemem(error);
    return InvalidArgument("the shard's URL cannot be read: " + detail);
  }
  std::map<std::string, std::string> out;
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (o->val != nullptr && *o->val != '\0') out[o->keyword] = o->val;
  }
  PQconninfoFree(options);
  return out;
}

// The coordinator's side: the foreign server, the user mapping and the foreign partitions.
Status AttachShard(Connection& c, int province, const std::string& shard_url,
                   const std::string& shard_schema) {
  XJ_ASSIGN_OR_RETURN(bool coordinator, IsCoordinator(c));
  if (!coordinator) XJ_RETURN_IF_ERROR(BecomeCoordinator(c));
  const std::string value = std::to_string(province);
  XJ_ASSIGN_OR_RETURN(bool taken, HasShard(c, province));
  if (taken) return ShardTaken(c, province);
  XJ_ASSIGN_OR_RETURN(std::string schema, OneText(c, "SELECT current_schema()"));
  const std::string server = Identifier("xj_" + schema + "_p" + value);
  XJ_ASSIGN_OR_RETURN(auto parameters, Parameters(shard_url));
  // The server takes where and how to connect; the user mapping, who. The URL's options (a
  // search_path) are not needed: the foreign tables name their schema.
  std::string server_options, user_options;
  for (const auto& [key, val] : parameters) {
    std::string& list = key == "user" || key == "password" ? user_options : server_options;
    if (key == "options" || key == "client_encoding" || key == "fallback_application_name") {
      continue;
    }
    list += (list.empty() ? "" : ", ") + key + " " + Literal(val);
  }
  server_options +=
      std::string(server_options.empty() ? "" : ", ") + "fetch_size '10000', batch_size '1000'";
  XJ_RETURN_IF_ERROR(c.Exec("CREATE SERVER " + server +
                            " FOREIGN DATA WRAPPER postgres_fdw OPTIONS (" + server_options + ")"));
  XJ_RETURN_IF_ERROR(c.Exec("CREATE USER MAPPING FOR CURRENT_USER SERVER " + server +
                            (user_options.empty() ? "" : " OPTIONS (" + user_options + ")")));
  for (const char* table : kPartitionedTables) {
    const std::string name = PartitionName(table, province);
    XJ_RETURN_IF_ERROR(c.Exec("CREATE FOREIGN TABLE " + name + " PARTITION OF " + table +
                              " FOR VALUES IN (" + value + ") SERVER " + server +
                              " OPTIONS (schema_name " + Literal(shard_schema) + ", table_name " +
                              Literal(name) + ")"));
  }
  return Status::Ok();
}

}  // namespace

Status PostgresStore::AddShard(const std::string& coordinator_url, int province,
                               const std::string& shard_url) {
  if (province < 11 || province > 99) {
    return InvalidArgument("province code " + std::to_string(province) +
                           " is not two digits from 11 to 99");
  }
  if (!IsUrl(shard_url)) {
    return InvalidArgument("the shard must be a PostgreSQL database (postgresql://...), not '" +
                           shard_url + "'");
  }
  // Brings the coordinator to the latest schema, and checks it is a registry.
  XJ_RETURN_IF_ERROR(Open(coordinator_url, OpenMode::kExisting));
  XJ_ASSIGN_OR_RETURN(auto coordinator,
                      PgConnection::Open(coordinator_url, Redact(coordinator_url), {}));
  XJ_ASSIGN_OR_RETURN(auto shard, PgConnection::Open(shard_url, Redact(shard_url), {}));
  XJ_ASSIGN_OR_RETURN(std::string shard_schema, OneText(*shard, "SELECT current_schema()"));
  if (shard_schema.empty()) {
    return FailedPrecondition("the shard " + shard->database() +
                              " has no schema to work in (its search_path names none that "
                              "exists); create the schema or fix the URL's options");
  }
  XJ_ASSIGN_OR_RETURN(bool taken, HasShard(*coordinator, province));
  if (taken) return ShardTaken(*coordinator, province);
  const std::string what = "adding the shard of province " + std::to_string(province);
  XJ_RETURN_IF_ERROR(Annotate(coordinator->Exec("CREATE EXTENSION IF NOT EXISTS postgres_fdw"),
                              what + " (a superuser may need to run CREATE EXTENSION "
                                     "postgres_fdw in the coordinator's database first)"));
  XJ_RETURN_IF_ERROR(Annotate(MakeShardTables(*coordinator, *shard, province), what));
  Status attached = InTransaction(*coordinator, /*write_lock=*/true, [&] {
    return AttachShard(*coordinator, province, shard_url, shard_schema);
  });
  return attached.code() == StatusCode::kFailedPrecondition ? attached : Annotate(attached, what);
}

Result<std::vector<ShardInfo>> PostgresStore::ListShards(const std::string& url) {
  XJ_RETURN_IF_ERROR(Open(url, OpenMode::kExisting));
  XJ_ASSIGN_OR_RETURN(auto c, PgConnection::Open(url, Redact(url), {.read_only = true}));
  std::vector<ShardInfo> shards;
  {
    XJ_ASSIGN_OR_RETURN(
        auto select,
        c->Prepare("SELECT c.relname::text, s.srvname::text, "
                   "coalesce((SELECT option_value FROM pg_options_to_table(s.srvoptions) "
                   "WHERE option_name = 'host'), '') || ':' || "
                   "coalesce((SELECT option_value FROM pg_options_to_table(s.srvoptions) "
                   "WHERE option_name = 'port'), '5432') || '/' || "
                   "coalesce((SELECT option_value FROM pg_options_to_table(s.srvoptions) "
                   "WHERE option_name = 'dbname'), '') || ', schema ' || "
                   "coalesce((SELECT option_value FROM pg_options_to_table(t.ftoptions) "
                   "WHERE option_name = 'schema_name'), '') "
                   "FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                   "JOIN pg_foreign_table t ON t.ftrelid = c.oid "
                   "JOIN pg_foreign_server s ON s.oid = t.ftserver "
                   "WHERE i.inhparent = 'household'::regclass ORDER BY 1"));
    for (;;) {
      XJ_ASSIGN_OR_RETURN(bool row, select.Step());
      if (!row) break;
      ShardInfo& shard = shards.emplace_back();
      const std::string_view relation = select.Text(0);
      shard.province = std::stoi(std::string(relation.substr(relation.rfind("_p") + 2)));
      shard.server = select.Text(1);
      shard.location = select.Text(2);
    }
  }
  for (ShardInfo& shard : shards) {
    auto households =
        OneInt(*c, "SELECT count(*) FROM " + PartitionName("household", shard.province));
    if (households.ok()) {
      shard.households = *households;
    } else {
      shard.error = households.status().message();
    }
  }
  return shards;
}

}  // namespace xianjie::store
