// Screening a snapshot under a compiled standard (DOMAIN.md §4.1, §4.2): which rules fire for
// each household, its proposed object type and the risk types the fired rules suggest.
#ifndef XIANJIE_RULES_SCREEN_H_
#define XIANJIE_RULES_SCREEN_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "registry/snapshot.h"
#include "rules/compile.h"
#include "rules/facts.h"

namespace xianjie::rules {

inline constexpr uint8_t kNoType = 0xFF;

// Per evaluated household, aligned with the rows it was computed for.
struct ScreenOutcome {
  std::vector<uint32_t> rows;   // snapshot rows evaluated (ScreenRows), empty for ScreenAll
  // Bit r set: rule r of the standard fired (the standard's order). 0 for a household with no
  // counted member: it is not screened (DOMAIN.md §4.1).
  std::vector<uint32_t> fired;
  std::vector<uint8_t> type;    // index into the standard's types, or kNoType (nothing fired)
  std::vector<uint16_t> risks;  // bit = registry::RiskType
  std::vector<uint8_t> screened;  // 1 if the household has at least one counted member
};

// Evaluates every household of `snapshot` with up to `threads` threads (1 = the caller's).
// `facts`, the department facts of the snapshot's members (aligned with it: facts.h), are what
// dept.<fact> reads; nullptr: every fact reads 0 / false.
ScreenOutcome ScreenAll(const registry::Snapshot& snapshot, const CompiledStandard& standard,
                        int threads = 2, const FactColumns* facts = nullptr);

// Evaluates only the given rows (any order; each once), on the caller's thread: incremental
// screening after a change to a few households. `facts` as for ScreenAll.
ScreenOutcome ScreenRows(const registry::Snapshot& snapshot, const CompiledStandard& standard,
                         std::span<const uint32_t> rows, const FactColumns* facts = nullptr);

}  // namespace xianjie::rules

#endif  // XIANJIE_RULES_SCREEN_H_
