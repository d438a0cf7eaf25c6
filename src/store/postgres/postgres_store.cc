// Opening a PostgreSQL registry: the connection, the schema's identity, migrations, and the
// driver that gives the SQL store its connections.
#include "store/postgres/postgres_store.h"

#include <libpq-fe.h>

#include <utility>

#include "store/postgres/migrations.h"
#include "store/postgres/pg_connection.h"
#include "store/sql/migrate.h"

namespace xianjie::store {
namespace {

using postgres_internal::PgConnection;
using sql_internal::Connection;

class PostgresDriver final : public sql_internal::Driver {
 public:
  PostgresDriver(std::string url, PostgresOptions options)
      : url_(std::move(url)), database_(PostgresStore::Redact(url_)), options_(options) {}

  Result<std::unique_ptr<Connection>> Connect(Role role) override {
    XJ_ASSIGN_OR_RETURN(auto connection, Open(role));
    return std::unique_ptr<Connection>(std::move(connection));
  }
  const std::string& database() const override { return database_; }

  Result<std::unique_ptr<PgConnection>> Open(Role role) const {
    return PgConnection::Open(
        url_, database_,
        {.read_only = role == Role::kReader, .busy_timeout_ms = options_.busy_timeout_ms});
  }

 private:
  const std::string url_;
  const std::string database_;
  const PostgresOptions options_;
};

// Checks that the schema is a Xianjie registry, or (with kCreate) an empty one to initialize.
Status CheckPostgresIdentity(Connection& connection, OpenMode mode) {
  const std::string& name = connection.database();
  XJ_ASSIGN_OR_RETURN(auto schema, connection.Prepare("SELECT current_schema()"));
  XJ_ASSIGN_OR_RETURN(bool row, schema.Step());
  if (!row || schema.IsNull(0)) {
    return FailedPrecondition("'" + name +
                              "' has no schema to work in (the search_path names none that "
                              "exists); create the schema or fix the URL's options");
  }
  XJ_ASSIGN_OR_RETURN(bool xianjie, HasMigrationsTable(connection));
  if (xianjie) return Status::Ok();
  XJ_ASSIGN_OR_RETURN(
      auto objects,
      connection.Prepare("SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace "
                         "n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()"));
  XJ_ASSIGN_OR_RETURN(row, objects.Step());
  if (row && objects.Int(0) > 0) {
    return FailedPrecondition("'" + name +
                              "' is a PostgreSQL database but not a Xianjie registry (its schema "
                              "has tables but no schema_migrations); check the --db URL");
  }
  if (mode == OpenMode::kExisting) {
    return FailedPrecondition("'" + name +
                              "' is an empty PostgreSQL database, not a Xianjie registry; "
                              "create it with: xianjie init --db " +
                              name);
  }
  return Status::Ok();
}

}  // namespace

bool PostgresStore::IsUrl(std::string_view spec) {
  return spec.starts_with("postgresql://") || spec.starts_with("postgres://");
}

std::string PostgresStore::Redact(const std::string& url) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (options == nullptr) {
    PQfreemem(error);
    return "postgresql://(unreadable URL)";
  }
  std::string user, host, port, dbname;
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (o->val == nullptr) continue;
    std::string_view key = o->keyword;
    if (key == "user") user = o->val;
    if (key == "host") host = o->val;
    if (key == "port") port = o->val;
    if (key == "dbname") dbname = o->val;
  }
  PQconninfoFree(options);
  std::string out = "postgresql://";
  if (!user.empty()) out += user + "@";
  out += host;
  if (!port.empty()) out += ":" + port;
  out += "/" + dbname;
  return out;
}

Result<std::unique_ptr<SqlStore>> PostgresStore::Open(const std::string& url, OpenMode mode,
                                                      PostgresOptions options) {
  auto driver = std::make_unique<PostgresDriver>(url, options);
  XJ_ASSIGN_OR_RETURN(auto connection, driver->Open(sql_internal::Driver::Role::kWriter));
  XJ_RETURN_IF_ERROR(CheckPostgresIdentity(*connection, mode));
  XJ_RETURN_IF_ERROR(Migrate(*connection, postgres_internal::Migrations()));
  return std::make_unique<SqlStore>(std::move(driver), std::move(connection));
}

}  // namespace xianjie::store
