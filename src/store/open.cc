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
  if (PostgresStore::IsUrl(spec)) {
    XJ_ASSIGN_OR_RETURN(auto postgres, PostgresStore::Open(spec, mode));
    return std::unique_ptr<Database>(std::move(postgres));
  }
  XJ_ASSIGN_OR_RETURN(auto sqlite, SqliteStore::Open(spec, mode));
  return std::unique_ptr<Database>(std::move(sqlite));
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
