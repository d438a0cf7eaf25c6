// The poverty measures of a region through the service: authorization, the standard's line, the
// view's PovertyBase from its memo, and the one JSON of a report. The overview of a region: the
// view's village table (analytics_village.cc), its sums, and their JSON and workbook
// (analytics_json.cc).
#include "service/analytics.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "access/authorize.h"
#include "cases/case.h"
#include "service/common.h"

namespace xianjie::service {
namespace {

constexpr char kPovertyBaseKey[] = "analytics:poverty_base";

PovertyReport ReportOf(const rules::Standard& standard, const std::string& region,
                       const std::string& region_name, analytics::PovertyMeasures measures) {
  PovertyReport r;
  r.region = region;
  r.region_name = region_name;
  r.year = standard.year;
  r.standard_name = standard.name;
  r.standard_hash = standard.content_hash;
  r.standard_province = standard.province;
  r.standard_county = standard.county;
  r.measures = measures;
  return r;
}

// The county of a region of at least county level ("" above it): its own standard may set a
// higher line (DOMAIN.md §4).
std::string CountyOf(const std::string& region) {
  return region.size() >= 6 ? region.substr(0, 6) : "";
}

}  // namespace

std::shared_ptr<const analytics::PovertyBase> PovertyBaseOf(const WorkspaceView& view) {
  if (auto base = view.Recall<analytics::PovertyBase>(kPovertyBaseKey)) return base;
  std::lock_guard making(view.memo->make_mu);
  if (auto base = view.Recall<analytics::PovertyBase>(kPovertyBaseKey)) return base;
  auto made = std::make_shared<const analytics::PovertyBase>(
      analytics::PovertyBase::FromSnapshot(view.snapshot()));
  view.Remember(kPovertyBaseKey, made);
  return made;
}

Result<PovertyReport> Poverty(Workspace& ws, const access::Principal& principal,
                              const std::string& region, int year) {
  const std::string code = region.empty() ? principal.scope : region;
  XJ_RETURN_IF_ERROR(CheckRegionCode("region", code));
  if (year != 0 && (year < 2000 || year > 2100)) {
    return InvalidArgument("year must be a year such as 2024 (2000 to 2100), or left out for "
                           "the latest standard; got " +
                           std::to_string(year));
  }
  XJ_RETURN_IF_ERROR(access::Authorize(principal, access::Operation::kDashboardRead, code));
  const std::shared_ptr<const WorkspaceView> view = ws.view();
  const registry::Region* known = view->regions->Find(code);
  if (known == nullptr) {
    return NotFound("region " + code +
                    " is not in the region table; list the regions with GET /api/v1/regions");
  }
  const std::string province = code.substr(0, 2);
  std::shared_ptr<const ResolvedStandard> resolved;
  if (year == 0) {
    const int this_year = cases::ChinaDateOf(ws.Now()).year();
    XJ_ASSIGN_OR_RETURN(resolved, ws.StandardOnOrBefore(province, CountyOf(code), this_year));
  } else {
    XJ_ASSIGN_OR_RETURN(resolved, ws.StandardFor(province, CountyOf(code), year));
  }
  const std::shared_ptr<const analytics::PovertyBase> base = PovertyBaseOf(*view);
  XJ_ASSIGN_OR_RETURN(analytics::PovertyMeasures measures,
                      analytics::MeasurePoverty(*base, code, resolved->standard.line.fen()));
  return ReportOf(resolved->standard, code, known->name, measures);
}

Result<PovertyReport> PovertyOfSnapshot(const registry::Snapshot& snapshot,
                                        const rules::Standard& standard,
                                        const std::string& region,
                                        const std::string& region_name) {
  XJ_RETURN_IF_ERROR(CheckRegionCode("region", region));
  const analytics::PovertyBase base = analytics::PovertyBase::FromSnapshot(snapshot);
  XJ_ASSIGN_OR_RETURN(analytics::PovertyMeasures measures,
                      analytics::MeasurePoverty(base, region, standard.line.fen()));
  return ReportOf(standard, region, region_name, measures);
}

Result<FigureYear> FigureYearOf(Workspace& ws, int year) {
  const CivilDate today = cases::ChinaDateOf(ws.Now());
  if (year == 0) return FigureYear{today.year(), today};
  if (year < 2000 || year > 2100) {
    return InvalidArgument("year must be a year such as 2024 (2000 to 2100), or left out for "
                           "this year; got " +
                           std::to_string(year));
  }
  if (year > today.year()) {
    return InvalidArgument("year " + std::to_string(year) + " has not begun (today is " +
                           today.ToString() + "); give " + std::to_string(today.year()) +
                           " or an earlier year");
  }
  if (year == today.year()) return FigureYear{year, today};
  return FigureYear{year, CivilDate::FromYmd(year, 12, 31)};
}

Result<Overview> AnalyticsOverview(Workspace& ws, const access::Principal& principal,
                                   const std::string& region, int year) {
  const std::string code = region.empty() ? principal.scope : region;
  XJ_RETURN_IF_ERROR(CheckRegionCode("region", code));
  XJ_ASSIGN_OR_RETURN(const FigureYear when, FigureYearOf(ws, year));
  XJ_RETURN_IF_ERROR(access::Authorize(principal, access::Operation::kDashboardRead, code));
  const std::shared_ptr<const WorkspaceView> view = ws.view();
  const registry::Region* known = view->regions->Find(code);
  if (known == nullptr) {
    return NotFound("region " + code +
                    " is not in the region table; list the regions with GET /api/v1/regions");
  }
  XJ_ASSIGN_OR_RETURN(std::shared_ptr<const analytics::VillageTable> table,
                      VillageTableOf(ws, view, when.year, when.as_of));
  Overview out;
  out.region = code;
  out.region_name = known->name;
  out.region_level = std::string(RegionLevelName(known->level()));
  out.year = when.year;
  out.as_of = when.as_of;
  out.figures = table->Sum(code);
  const std::vector<analytics::AreaFigures> rows = table->Children(code);
  for (const registry::Region& child : view->regions->Children(known->code)) {
    OverviewArea& area = out.areas.emplace_back();
    area.code = child.code.Prefix();
    area.name = child.name;
    const auto row = std::lower_bound(
        rows.begin(), rows.end(), area.code,
        [](const analytics::AreaFigures& a, const std::string& c) { return a.code < c; });
    if (row != rows.end() && row->code == area.code) area.figures = row->figures;
  }
  return out;
}

std::string PovertyJson(const PovertyReport& r) {
  const analytics::PovertyMeasures& m = r.measures;
  nlohmann::ordered_json j;
  j["region"] = r.region;
  j["region_name"] = r.region_name;
  j["year"] = r.year;
  j["standard"] = {{"name", r.standard_name},
                   {"hash", r.standard_hash},
                   {"province", r.standard_province},
                   {"county", r.standard_county}};
  j["line_fen"] = m.line_fen;
  j["households"] = m.households;
  j["excluded_households"] = m.excluded_households;
  j["persons"] = m.persons;
  j["poor_persons"] = m.poor_persons;
  j["poor_households"] = m.poor_households;
  j["p0"] = m.p0;
  j["p1"] = m.p1;
  j["p2"] = m.p2;
  j["gini"] = m.gini;
  j["mean_income_fen"] = m.mean_income_fen;
  j["total_gap_fen"] = m.total_gap_fen;
  return j.dump();
}

}  // namespace xianjie::service
