// From a screen's outcome to what people and other tools read: the per-household results of the
// flagged households, the per-county counts, and the two CSV files of issue #3's interface
// (flagged.csv, counties.csv — the format the shared benchmark's peers write too).
#ifndef XIANJIE_RULES_SCREENING_H_
#define XIANJIE_RULES_SCREENING_H_

#include <cstdint>
#include <map>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "registry/snapshot.h"
#include "rules/compiled_standard.h"
#include "rules/screen.h"
#include "rules/screening_store.h"

namespace xianjie::rules {

// Appends `field` as one CSV field, quoted when it holds a comma, quote or line break.
void AppendCsvField(std::string_view field, std::string& out);

// Per-capita net income in fen, rounded half away from zero (DOMAIN.md §3; members > 0).
int64_t PerCapitaFen(int64_t net_income_fen, uint32_t members);

// An outcome for every row of a snapshot (ScreenAll's shape, or a merge of a previous run with
// ScreenRows): fired/type/risks indexed by snapshot row.
struct FullOutcome {
  std::vector<uint32_t> fired;
  std::vector<uint8_t> type;
  std::vector<uint16_t> risks;
};
FullOutcome ToFullOutcome(ScreenOutcome outcome);  // from ScreenAll
// `base` with the rows of `partial` (from ScreenRows) overwritten.
void Overwrite(FullOutcome& base, const ScreenOutcome& partial);

// "income_below_line;no_labour": the fired rule ids, sorted by byte order.
std::string FiredRuleIds(const CompiledStandard& standard, uint32_t fired);
// Bits of the rule ids in `ids` (as FiredRuleIds writes them); kInvalidArgument on an id the
// standard does not have.
Result<uint32_t> ParseFiredRuleIds(const CompiledStandard& standard, std::string_view ids);
std::string RiskCodes(uint16_t risks);  // "R01;R09", sorted
Result<uint16_t> ParseRiskCodes(std::string_view codes);

// One HouseholdResult per flagged row, in household_id order (run_id 0, new_warning false).
std::vector<HouseholdResult> FlaggedResults(const registry::Snapshot& snapshot,
                                            const CompiledStandard& standard,
                                            const FullOutcome& outcome);

// A full outcome from stored results of the same standard, aligned with `snapshot`; results of
// households the snapshot does not have are ignored.
Result<FullOutcome> OutcomeFromResults(const registry::Snapshot& snapshot,
                                       const CompiledStandard& standard,
                                       std::span<const HouseholdResult> results);

struct CountyCounts {
  uint32_t county_code = 0;
  int64_t households = 0;          // households with at least one counted member
  std::vector<int64_t> rule_counts;  // per rule of the standard, in its order
};
// Counties in code order.
std::vector<CountyCounts> CountByCounty(const registry::Snapshot& snapshot,
                                        const CompiledStandard& standard,
                                        const FullOutcome& outcome);

// Totals for a run: households screened and flagged, per rule and per type.
struct ScreeningTotals {
  int64_t households = 0;
  int64_t screened = 0;
  int64_t flagged = 0;
  std::vector<int64_t> rules;  // standard's rule order
  std::vector<int64_t> types;  // standard's type order
};
ScreeningTotals Totals(const registry::Snapshot& snapshot, const CompiledStandard& standard,
                       const FullOutcome& outcome);
// {"rules":{"income_below_line":n,...},"types":{"marginal":n,...}} in the standard's order.
std::string TotalsJson(const CompiledStandard& standard, const ScreeningTotals& totals);

// flagged.csv: header household_id,per_capita_net_income,rules,proposed_type; rows as given.
void WriteFlaggedCsv(std::span<const HouseholdResult> results, std::ostream& out);
// counties.csv: header county_code,households,<rule ids in the standard's order>.
void WriteCountiesCsv(const CompiledStandard& standard, std::span<const CountyCounts> counties,
                      std::ostream& out);
// The same, to a file (replaced); kIoError with the path when it cannot be written.
Status WriteFlaggedCsv(std::span<const HouseholdResult> results, const std::string& path);
Status WriteCountiesCsv(const CompiledStandard& standard, std::span<const CountyCounts> counties,
                        const std::string& path);

}  // namespace xianjie::rules

#endif  // XIANJIE_RULES_SCREENING_H_
