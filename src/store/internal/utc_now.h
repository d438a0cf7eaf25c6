// The wall-clock time as the registry writes it in batch records: UTC, ISO 8601, whole seconds.
// Shared by the store backends so that both stamp batches alike.
#ifndef XIANJIE_STORE_INTERNAL_UTC_NOW_H_
#define XIANJIE_STORE_INTERNAL_UTC_NOW_H_

#include <string>

namespace xianjie::store::internal {

// "2026-11-29T02:08:06Z".
std::string UtcNowIso8601();

}  // namespace xianjie::store::internal

#endif  // XIANJIE_STORE_INTERNAL_UTC_NOW_H_
