// Choosing the store backend from a --db spec.
#include "store/open.h"

#include "store/memory/memory_store.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"

namespace xianjie::store {

Result<std::unique_ptr<Database>> OpenStore(const std::string& spec, OpenMode mode) {
  if (spec.empty()) {
    return InvalidArgument(
        "no database given; pass --db with a SQLite file path or a postgresql:// URL");
  }
  if (spec == ":memory:") return std::unique_ptr<Database>(std::make_unique<MemoryStore>());
  XJ_ASSIGN_OR_RETURN(std::unique_ptr<SqlStore> store, OpenSqlStore(spec, mode));
  return std::unique_ptr<Database>(std::move(store));
}

Result<std::unique_ptr<SqlStore>> OpenSqlStore(const std::string& spec, OpenMode mode) {
  if (spec.empty()) {
    return InvalidArgument("no database given; pass a SQLite file path or a postgresql:// URL");
  }
  if (spec == ":memory:") {
    return InvalidArgument(
        "':memory:' is a database that lives only as long as one command; name a SQLite file "
        "or a postgresql:// URL");
  }
  if (PostgresStore::IsUrl(spec)) return PostgresStore::Open(spec, mode);
  return SqliteStore::Open(spec, mode);
}

std::string DisplayName(const std::string& spec) {
  if (!PostgresStore::IsUrl(spec)) return spec;
  // Keep the libpq parameters (the schema, say) but never a password.
  const size_t query = spec.find('?');
  std::string shown = PostgresStore::Redact(spec.substr(0, query));
  if (query == std::string::npos) return shown;
  char separator = '?';
  size_t start = query + 1;
  while (start <= spec.size()) {
    size_t end = spec.find('&', start);
    if (end == std::string::npos) end = spec.size();
    const std::string parameter = spec.substr(start, end - start);
    if (!parameter.empty() && !parameter.starts_with("password=")) {
      shown += separator + parameter;
      separator = '&';
    }
    start = end + 1;
  }
  return shown;
}

}  // namespace xianjie::store
