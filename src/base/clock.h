// The wall-clock time as the registry writes it (batch records, migrations): UTC, ISO 8601,
// whole seconds. One function, so that the importer and every store stamp alike.
#ifndef XIANJIE_BASE_CLOCK_H_
#define XIANJIE_BASE_CLOCK_H_

#include <string>

namespace xianjie {

// "2026-11-29T02:08:06Z".
std::string UtcNowIso8601();

// The same, `days` whole days later (earlier when negative): a shifted clock for training
// environments and tests of deadlines (`xianjie serve --now-offset-days`).
std::string UtcNowIso8601PlusDays(int days);

}  // namespace xianjie

#endif  // XIANJIE_BASE_CLOCK_H_
