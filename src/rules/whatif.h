// What-if (issue #3 §7): the same households screened under two standards — the one in force (A)
// and a draft or another year's (B) — and who would enter or leave monitoring, per county and per
// proposed type, before anyone adopts B.
#ifndef XIANJIE_RULES_WHATIF_H_
#define XIANJIE_RULES_WHATIF_H_

#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "registry/snapshot.h"
#include "rules/compiled_standard.h"
#include "rules/facts.h"

namespace xianjie::rules {

// A household whose result differs between A and B.
struct WhatIfHousehold {
  uint32_t row = 0;
  std::string household_id;
  uint32_t county_code = 0;
  std::string rules_a, rules_b;  // fired rule ids, ';'-joined ("" = not flagged)
  std::string type_a, type_b;    // proposed type codes ("" = not flagged)
  // "enter" (flagged under B only), "leave" (A only), "type" (both, another type)
  std::string change;
};

struct WhatIfCounts {
  int64_t screened = 0;
  int64_t flagged_a = 0;
  int64_t flagged_b = 0;
  int64_t entering = 0;
  int64_t leaving = 0;
  int64_t type_changed = 0;
};

struct WhatIfReport {
  WhatIfCounts total;
  std::map<uint32_t, WhatIfCounts> by_county;  // county code → counts
  // Per proposed type code: households entering with that type under B, and leaving with that
  // type under A. {"marginal": {entering, leaving}}
  std::map<std::string, std::pair<int64_t, int64_t>> by_type;
  std::vector<WhatIfHousehold> households;  // every changed household, in household_id order
};

// Both standards read the same department facts (aligned with `snapshot`, facts.h; nullptr:
// every fact reads 0 / false).
WhatIfReport CompareStandards(const registry::Snapshot& snapshot, const CompiledStandard& a,
                              const CompiledStandard& b, int threads = 2,
                              const FactColumns* facts = nullptr);

// household_id,county_code,change,rules_a,type_a,rules_b,type_b
void WriteWhatIfCsv(const WhatIfReport& report, std::ostream& out);

}  // namespace xianjie::rules

#endif  // XIANJIE_RULES_WHATIF_H_
