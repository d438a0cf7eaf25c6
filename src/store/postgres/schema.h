// The PostgreSQL schema of the store (docs/decisions/0010): the SQLite schema's counterpart.
#ifndef XIANJIE_STORE_POSTGRES_SCHEMA_H_
#define XIANJIE_STORE_POSTGRES_SCHEMA_H_

namespace xianjie::store::postgres_internal {

// DDL and seed rows that give a new, empty PostgreSQL database the schema and data of a SQLite
// database at migration 14 (store/sqlite/migrations.cc), with the registry tables partitioned by
// province. One SQL text of several statements, for a simple-query Exec (PQexec); it does not
// create schema_migrations, which the migration runner owns.
extern const char kBaselineSchema[];

}  // namespace xianjie::store::postgres_internal

#endif  // XIANJIE_STORE_POSTGRES_SCHEMA_H_
