// The error both backends give when a batch is started while another is still open, so that
// users see the same message whatever the store.
#ifndef XIANJIE_STORE_INTERNAL_OPEN_BATCH_ERROR_H_
#define XIANJIE_STORE_INTERNAL_OPEN_BATCH_ERROR_H_

#include <string>

#include "base/status.h"
#include "registry/store.h"

namespace xianjie::store::internal {

inline Status BatchStillOpen(const registry::BatchInfo& open) {
  return FailedPrecondition("batch " + std::to_string(open.batch_id) + " (started by '" +
                            open.user + "' at " + open.started_at +
                            ") is still open in this store; commit or discard it before "
                            "starting another");
}

}  // namespace xianjie::store::internal

#endif  // XIANJIE_STORE_INTERNAL_OPEN_BATCH_ERROR_H_
