// Analytics through the service (decision 0008): the poverty measures of a region — FGT P0, P1,
// P2 and the Gini of its persons' per-capita incomes under the line of the monitoring standard
// (analytics/poverty.h). Aggregates only, no personal data: authorized as dashboard.read, not
// audited. The households sorted by income (analytics::PovertyBase) are made once per workspace
// view and remembered in its memo, so a request is one linear pass over them.
#ifndef XIANJIE_SERVICE_ANALYTICS_H_
#define XIANJIE_SERVICE_ANALYTICS_H_

#include <memory>
#include <string>

#include "access/role.h"
#include "analytics/poverty.h"
#include "base/status.h"
#include "registry/snapshot.h"
#include "rules/standard.h"
#include "service/workspace.h"

namespace xianjie::service {

struct PovertyReport {
  std::string region;       // the region measured: a code of 2, 4, 6, 9 or 12 digits
  std::string region_name;  // "" when the region table does not know it
  int year = 0;             // the standard's year
  // The standard whose line is used: for a county, or a region inside one, the county's own
  // standard when it has one for the year, else the province's (rules::StandardInForce).
  std::string standard_name;
  std::string standard_hash;
  std::string standard_province;
  std::string standard_county;  // "" for the province's standard
  analytics::PovertyMeasures measures;
};

// dashboard.read on `region` ("" = the principal's scope; else a code of 2, 4, 6, 9 or 12 digits
// inside it). `year` 2000..2100: that year's standard; 0: the latest standard of a year up to
// the current one (China's date of ws.Now()). kInvalidArgument for a bad region code or year,
// kPermissionDenied outside the scope or for a role without dashboard.read, kNotFound for a
// region the region table does not know or a year without a standard (naming the years that
// have one), kFailedPrecondition when no year up to now has one.
Result<PovertyReport> Poverty(Workspace& ws, const access::Principal& principal,
                              const std::string& region, int year);

// The households of `view`'s snapshot sorted by income, made on the first call for the view and
// remembered in its memo (about 0.1 s and 16 bytes per household for a province of a million).
// Thread-safe.
std::shared_ptr<const analytics::PovertyBase> PovertyBaseOf(const WorkspaceView& view);

// One JSON object for the API and `xianjie analytics poverty --json`: region, region_name, year,
// standard {name, hash, province, county}, line_fen, households, excluded_households, persons,
// poor_persons, poor_households, p0, p1, p2, gini (fractions, not percentages),
// mean_income_fen, total_gap_fen (money in fen). JSON text.
std::string PovertyJson(const PovertyReport& report);

// The report of `region` over `snapshot` under `standard`, without authorization: for the CLI,
// which reads the registry itself. `region_name` as the caller's region table gives it.
Result<PovertyReport> PovertyOfSnapshot(const registry::Snapshot& snapshot,
                                        const rules::Standard& standard,
                                        const std::string& region,
                                        const std::string& region_name);

}  // namespace xianjie::service

#endif  // XIANJIE_SERVICE_ANALYTICS_H_
