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

}  // namespace xianjie::store
