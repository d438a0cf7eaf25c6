// The PostgreSQL registry, the server option: a whole Database in one schema of a PostgreSQL
// database. The store itself is the SQL store (store/sql/sql_store.h) over the PostgreSQL
// driver; this is how it is opened. The registry tables are partitioned by province (decision
// 0011, docs/scale.md).
#ifndef XIANJIE_STORE_POSTGRES_POSTGRES_STORE_H_
#define XIANJIE_STORE_POSTGRES_POSTGRES_STORE_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "store/open.h"
#include "store/sql/sql_store.h"

namespace xianjie::store {

struct PostgresOptions {
  // How long a write waits for another connection's write lock before failing with kIoError.
  int busy_timeout_ms = 5000;
};

// One province of a national layout (docs/scale.md): its registry tables' partitions are foreign
// tables on the coordinator, stored on the province's own PostgreSQL server, the shard.
struct ShardInfo {
  int province = 0;
  std::string server;      // the foreign server on the coordinator, e.g. xj_public_p63
  std::string location;    // where the shard is: host:port/dbname, schema
  int64_t households = 0;  // the province's households, counted on the shard
  std::string error;       // why the shard could not be counted ("" if it could)
};

class PostgresStore {
 public:
  // Whether `spec` is a PostgreSQL URL (postgresql://... or postgres://...).
  static bool IsUrl(std::string_view spec);
  // `url` without its password, for messages and logs.
  static std::string Redact(const std::string& url);

  // Connects to `url` (postgresql://USER[:PASSWORD]@HOST:PORT/DB, with libpq's parameters after
  // `?`; `options=-csearch_path%3DNAME` picks a schema other than public) and applies pending
  // migrations. Errors: kIoError if the server cannot be reached or the database does not
  // exist; kFailedPrecondition if the schema holds tables but is not a Xianjie registry, if it
  // is empty and `mode` is kExisting, or if it has a newer schema than this binary.
  static Result<std::unique_ptr<SqlStore>> Open(const std::string& url, OpenMode mode,
                                                PostgresOptions options = {});

  // National layout (docs/scale.md). Makes the registry at `coordinator_url` keep province
  // `province`'s households, versions and members on the PostgreSQL database at `shard_url`:
  // creates their tables there (with the registry's keys), and on the coordinator a
  // postgres_fdw server, a user mapping for the coordinator's user, and foreign tables as the
  // province's partitions. The first shard turns the registry into a coordinator: its registry
  // tables drop their keys (the shards hold them) and its default partitions refuse rows, so an
  // import of a province without a shard fails. Errors: kFailedPrecondition if the coordinator
  // holds registry rows itself, if the province has a shard already, or if the shard's tables
  // hold rows; kIoError if either database cannot be reached or refuses (the coordinator's user
  // must be able to CREATE EXTENSION postgres_fdw, or it must exist already).
  static Status AddShard(const std::string& coordinator_url, int province,
                         const std::string& shard_url);
  // The shards of the coordinator at `url`, by province; empty if it is not a coordinator.
  static Result<std::vector<ShardInfo>> ListShards(const std::string& url);
};

}  // namespace xianjie::store

#endif  // XIANJIE_STORE_POSTGRES_POSTGRES_STORE_H_
