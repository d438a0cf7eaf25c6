// The registry's current snapshot for a long-running process (the server of issue #4, or a
// benchmark): built once from the store, then patched after each import with only the
// households the new batches changed. Readers take a shared_ptr<const Snapshot> and keep it as
// long as they like; a refresh never changes a snapshot a reader holds (ARCHITECTURE.md §4).
#ifndef XIANJIE_REGISTRY_LIVE_SNAPSHOT_H_
#define XIANJIE_REGISTRY_LIVE_SNAPSHOT_H_

#include <cstdint>
#include <memory>
#include <mutex>

#include "base/status.h"
#include "registry/snapshot.h"
#include "registry/store.h"

namespace xianjie::registry {

class LiveSnapshot {
 public:
  // What the last Refresh did.
  struct Refresh {
    bool rebuilt = false;     // built from scratch (the first time)
    int64_t patched = 0;      // households re-read and replaced or inserted
    int64_t batch = 0;        // the last committed batch the snapshot now reflects
  };

  explicit LiveSnapshot(Store& store) : store_(store) {}

  // The current snapshot; empty (no households) before the first Update. Thread-safe.
  std::shared_ptr<const Snapshot> current() const;
  // The last committed batch that current() reflects (0 before the first Update).
  int64_t batch() const;

  // Brings the snapshot up to the store's last committed batch: the first call builds it, later
  // calls re-read only the households changed by batches committed since, and Patch. Safe to
  // call from several threads (updates are serialized); readers are never blocked for longer
  // than a pointer swap. Fails with the store's Status, leaving the current snapshot as it was.
  Result<Refresh> Update();

 private:
  Store& store_;
  std::mutex update_mu_;  // one Update at a time
  mutable std::mutex mu_;  // guards snapshot_ and batch_
  std::shared_ptr<const Snapshot> snapshot_;
  int64_t batch_ = 0;
};

}  // namespace xianjie::registry

#endif  // XIANJIE_REGISTRY_LIVE_SNAPSHOT_H_
