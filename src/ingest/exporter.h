// Export of the registry's current state back to the exchange format v1 (DOMAIN.md §13):
// households.csv and members.csv in household_id order, members head first then by ID number.
// Importing an export into an empty registry reproduces the registry.
#ifndef XIANJIE_INGEST_EXPORTER_H_
#define XIANJIE_INGEST_EXPORTER_H_

#include <cstdint>
#include <ostream>
#include <string>

#include "base/region_code.h"
#include "base/status.h"
#include "registry/store.h"

namespace xianjie::ingest {

struct ExportOptions {
  RegionCode scope;       // only households within this region; default (invalid) = all
  bool mask_ids = false;  // show ID numbers as 630102********123X (not re-importable)
};

struct ExportCounts {
  int64_t households = 0;
  int64_t members = 0;
};

// Writes the two files; the header rows are registry::kHouseholdHeader and kMemberHeader.
Result<ExportCounts> ExportExchange(registry::Store& store, const ExportOptions& options,
                                    std::ostream& households_csv, std::ostream& members_csv);
// Writes DIR/households.csv and DIR/members.csv, creating DIR if needed.
Result<ExportCounts> ExportExchangeToDirectory(registry::Store& store, const ExportOptions& options,
                                               const std::string& dir);

// The canonical exchange-format text of one record, as the exporter writes it (no header).
// Shared with the demo generator's tests and the round-trip test.
void AppendHouseholdCsv(const registry::Household& h, std::string& out);
void AppendMemberCsv(const registry::Member& m, const std::string& household_id, bool mask_id,
                     std::string& out);

}  // namespace xianjie::ingest

#endif  // XIANJIE_INGEST_EXPORTER_H_
