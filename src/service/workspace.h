// The Workspace: what a long-running process (the server) keeps in memory about one database so
// that searches, dashboards and what-ifs never scan SQL: the registry snapshot (LiveSnapshot), its
// HouseholdIndex, and the latest screening run's results per province. The service functions
// (service/*.h) take a Workspace and the caller's access::Principal.
#ifndef XIANJIE_SERVICE_WORKSPACE_H_
#define XIANJIE_SERVICE_WORKSPACE_H_

#include <cstdint>
#include <memory>

#include "base/status.h"
#include "store/database.h"

namespace xianjie::service {

struct WorkspaceOptions {
  int screening_threads = 2;
};

// Thread-safe: any number of requests read while one Refresh runs; readers keep the state they
// took (shared_ptr) for as long as they need it.
class Workspace {
 public:
  explicit Workspace(store::Database& database, WorkspaceOptions options = {});
  ~Workspace();

  store::Database& database() { return database_; }

  // Brings the in-memory state up to the store: patches the snapshot with batches committed
  // since (by this process or another), rebuilds the index when the snapshot changed, and reloads
  // the latest screening runs. Call at start, after an import or run, and on a timer.
  Status Refresh();

  struct Stats {
    int64_t households = 0;
    int64_t members = 0;
    int64_t snapshot_bytes = 0;
    int64_t index_bytes = 0;
    int64_t batch = 0;  // the last committed import batch the snapshot reflects
  };
  Stats stats() const;

 private:
  struct State;
  store::Database& database_;
  WorkspaceOptions options_;
  std::unique_ptr<State> state_;
};

}  // namespace xianjie::service

#endif  // XIANJIE_SERVICE_WORKSPACE_H_
