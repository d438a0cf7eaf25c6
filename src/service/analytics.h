// Analytics through the service (decision 0008): the poverty measures of a region — FGT P0, P1,
// P2 and the Gini of its persons' per-capita incomes under the line of the monitoring standard
// (analytics/poverty.h) — and the overview of a region from the village table
// (analytics/village_table.h): objects and persons by type and risk, new and eliminated per
// month, measures, coverage, the days from lead to approval, relapses, warnings, guarantees,
// for the region and each of its child areas. Aggregates only, no personal data: authorized as
// dashboard.read, not audited. The households sorted by income (analytics::PovertyBase) are
// made once per workspace view and remembered in its memo, so a request is one linear pass over
// them; the village table likewise, per view and per change stamp of the case data.
#ifndef XIANJIE_SERVICE_ANALYTICS_H_
#define XIANJIE_SERVICE_ANALYTICS_H_

#include <memory>
#include <string>

#include <vector>

#include "access/role.h"
#include "analytics/poverty.h"
#include "analytics/village_table.h"
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

// ---- the village table and the overview

// The year figures are asked for and the day they are taken on: `year` 0 is the current year
// (China's date of ws.Now()); the current year is taken as of today, an earlier one as of its
// last day. kInvalidArgument for a year outside 2000..2100 or after the current one (naming it).
struct FigureYear {
  int year = 0;
  CivilDate as_of;
};
Result<FigureYear> FigureYearOf(Workspace& ws, int year);

// The village table of `year` as of `as_of` over `view` (no authorization: callers authorize),
// made on the first call for that view, year, day and CaseDataStamp and remembered in the view's
// memo: one table per year, replaced when the stamp or the day moves, so a request after a
// write by this process or another sees it. The first table of a view reads every episode,
// case, measure, department lead and warning once; after a write, only the rows of the
// households the store's change log names (CaseDataChangesAfter) are read again, and the
// view's tables of every year are brought up to date with them (analytics::UpdateVillageTable)
// — made whole again only on a new day, changed inputs (standard, catalogue, limits), a log
// that no longer reaches back, or more than 2,000 households changed. The quality of the
// eliminations of the households whose episodes, measures or cases changed since the view's
// last table is judged again (their registry versions are read). The school age of the dropout figure is the province's
// standard's for the year (its school_reference_date, compulsory_age_min and _max; 1 September,
// 6 and 15 without one); what counts as a development measure is the province's measures
// catalogue in force; the overall limit is each province's workflow limits'. The registry in a
// workspace is one province's (snapshot.h). Thread-safe.
Result<std::shared_ptr<const analytics::VillageTable>> VillageTableOf(
    Workspace& ws, const std::shared_ptr<const WorkspaceView>& view, int year, CivilDate as_of);

// The village tables of the current year and the two before it (what the overview and the
// scorecards read) made now unless made already at the view's case data and day: the server's
// background loop calls it after its start and each refresh, so that a request seldom makes one
// itself (only one that comes between a write and the next refresh). Errors as VillageTableOf's.
Status WarmAnalytics(Workspace& ws);

struct OverviewArea {
  std::string code;  // a child of the region (one level down)
  std::string name;
  analytics::VillageFigures figures;
};

struct Overview {
  std::string region, region_name, region_level;  // level: "province" ... "village"
  int year = 0;
  CivilDate as_of;
  analytics::VillageFigures figures;  // the region's: the sum of its villages
  std::vector<OverviewArea> areas;    // every child in the region table, by code (none for a
                                      // village), with zeros where it has no row
};

// dashboard.read on `region` ("" = the principal's scope; else a code of 2, 4, 6, 9 or 12 digits
// inside it) for `year` (0 = the current year; FigureYearOf). kInvalidArgument for a bad code or
// year, kPermissionDenied outside the scope or without dashboard.read, kNotFound for a region
// the region table does not know.
Result<Overview> AnalyticsOverview(Workspace& ws, const access::Principal& principal,
                                   const std::string& region, int year);

// The figures as JSON, the shape of every row of the overview: households, persons, lifted_*,
// screenable_households, school_age_members, dropouts, uninsured, unsafe_houses, unsafe_water;
// objects, object_persons, by_type {unstable_lifted: {objects, persons}, ...}, by_risk {R01:
// {objects, persons}, ...}; identified_by_month and eliminated_by_month (12 numbers, January
// first), eliminations_with_problems, cumulative_objects, cumulative_persons,
// eliminated_objects, eliminated_persons, ever_eliminated, relapses, lifted_identified;
// approved, approval_days {"0-7": n, ...}, approved_within_15_days, approved_within_limit,
// approval_days_total; measures {category: {planned, in_progress, done, stopped}},
// objects_with_measure, labour_capable_objects, labour_capable_with_development; warnings,
// warnings_answered. JSON text.
std::string FiguresJson(const analytics::VillageFigures& figures);

// {region, region_name, region_level, year, as_of, figures, areas: [{code, name, figures}]}.
std::string OverviewJson(const Overview& overview);

// The overview as a workbook (ingest::WriteXlsx): sheet 概况 with a row per child area and the
// region's total (objects, persons, types, new and eliminated in the year, coverage, approvals,
// relapses, warnings, guarantees), sheet 风险 (objects and persons by risk), sheet 月度 (new and
// eliminated per month), sheet 措施 (measures by category and status). Aggregates only: nothing
// to mask. Errors as WriteXlsx's.
Result<std::string> OverviewXlsx(const Overview& overview);

}  // namespace xianjie::service

#endif  // XIANJIE_SERVICE_ANALYTICS_H_
