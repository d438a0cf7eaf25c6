// Regions, dashboard, warnings, runs and starting a run, over the Workspace.
#include "service/screening.h"

#include <algorithm>

#include "access/authorize.h"
#include "registry/codes.h"
#include "rules/screening_run.h"
#include "service/cases.h"
#include "service/households.h"

namespace xianjie::service {
namespace {

using access::Operation;

Result<const registry::Region*> FindRegion(const WorkspaceView& view, const std::string& code) {
  XJ_RETURN_IF_ERROR(CheckRegionCode("region", code));
  const registry::Region* region = view.regions->Find(code);
  if (region == nullptr) return NotFound("region " + code + " is not in the region table");
  return region;
}

RegionItem ItemOf(const WorkspaceView& view, const registry::Region& r) {
  RegionItem item;
  item.code = r.code.Prefix();
  item.name = r.name;
  item.level = std::string(RegionLevelName(r.level()));
  item.households = view.index->CountHouseholds(item.code);
  return item;
}

// English labels of the proposed types (DOMAIN.md §4.2); the UI translates codes itself.
std::string TypeLabelEn(std::string_view code) {
  if (code == "unstable_lifted") return "Lifted but unstable";
  if (code == "marginal") return "Marginal, prone to poverty";
  if (code == "sudden_hardship") return "Sudden severe hardship";
  if (code == "guarantee_gap") return "Gap in the basic guarantees";
  return std::string(code);
}

bool Overlaps(const std::string& scope, const std::string& region) {
  const size_t n = std::min(scope.size(), region.size());
  return scope.compare(0, n, region, 0, n) == 0;
}

// The dashboard of region `code` (inside the caller's scope) under `view`.
Result<Dashboard> MakeDashboard(Workspace& ws, const WorkspaceView* view, const std::string& code) {
  XJ_ASSIGN_OR_RETURN(const registry::Region* region, FindRegion(*view, code));
  Dashboard d;
  d.region = ItemOf(*view, *region);
  const VillageTotals totals = view->TotalsWithin(code);
  d.households = totals.households;
  d.members = totals.members;
  d.screened = totals.screenable;
  for (const registry::Region& child : view->regions->Children(region->code)) {
    Dashboard::AreaCount area;
    area.code = child.code.Prefix();
    area.name = child.name;
    area.households = view->index->CountHouseholds(area.code);
    d.by_area.push_back(std::move(area));
  }
  const RunDigest* latest = view->LatestFor(code);
  if (latest == nullptr) return d;
  d.run = latest->run;
  d.standard_name = latest->standard_name;
  const auto [first, last] = latest->Range(code);
  std::vector<int64_t> rule_counts(latest->rule_ids.size(), 0);
  std::vector<int64_t> type_counts(latest->type_codes.size(), 0);
  for (size_t i = first; i < last; ++i) {
    const RunDigest::Entry& e = latest->entries[i];
    d.flagged += 1;
    d.new_warnings += e.new_warning ? 1 : 0;
    for (size_t r = 0; r < rule_counts.size() && r < 32; ++r) {
      if (e.rules & (uint32_t{1} << r)) rule_counts[r] += 1;
    }
    if (e.type < type_counts.size()) type_counts[e.type] += 1;
  }
  d.flagged_rate = d.screened > 0 ? static_cast<double>(d.flagged) / d.screened : 0;
  auto count_of_rule = [&](const std::string& id) -> int64_t {
    auto it = std::lower_bound(latest->rule_ids.begin(), latest->rule_ids.end(), id);
    return it != latest->rule_ids.end() && *it == id ? rule_counts[it - latest->rule_ids.begin()]
                                                       : 0;
  };
  for (const RunDigest::RuleLabel& label : latest->rule_labels) {
    d.by_rule.push_back({label.rule_id, label.label_zh, label.label_en,
                         count_of_rule(label.rule_id)});
  }
  if (latest->rule_labels.empty()) {  // the standard could not be read: ids as labels
    for (size_t r = 0; r < rule_counts.size(); ++r) {
      d.by_rule.push_back({latest->rule_ids[r], latest->rule_ids[r], latest->rule_ids[r],
                           rule_counts[r]});
    }
  }
  for (const registry::CodeEntry& type : registry::CodesOf(registry::ObjectType{})) {
    const std::string type_code(type.code);
    auto it = std::lower_bound(latest->type_codes.begin(), latest->type_codes.end(), type_code);
    const int64_t n = it != latest->type_codes.end() && *it == type_code
                          ? type_counts[it - latest->type_codes.begin()]
                          : 0;
    d.by_type.push_back({type_code, std::string(type.label_zh), TypeLabelEn(type.code), n});
  }
  for (Dashboard::AreaCount& area : d.by_area) {
    const auto [a, b] = latest->Range(area.code);
    area.flagged = static_cast<int64_t>(b - a);
  }
  std::vector<const rules::ScreeningRun*> runs;
  for (const rules::ScreeningRun& run : view->runs) {
    if (run.province == latest->run.province && run.county.empty()) runs.push_back(&run);
  }
  constexpr size_t kTrendRuns = 12;
  const size_t skip = runs.size() > kTrendRuns ? runs.size() - kTrendRuns : 0;
  for (size_t i = skip; i < runs.size(); ++i) {
    XJ_ASSIGN_OR_RETURN(std::shared_ptr<const RunDigest> digest, ws.Digest(runs[i]->run_id));
    const auto [a, b] = digest->Range(code);
    Dashboard::TrendPoint point{runs[i]->run_id, runs[i]->started_at, 0, 0};
    for (size_t k = a; k < b; ++k) {
      point.flagged += 1;
      point.new_warnings += digest->entries[k].new_warning ? 1 : 0;
    }
    d.trend.push_back(std::move(point));
  }
  return d;
}

}  // namespace

Result<std::vector<RegionItem>> Regions(Workspace& ws, const access::Principal& principal,
                                        const std::string& parent) {
  const std::string code = parent.empty() ? principal.scope : parent;
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kDashboardRead, code));
  const std::shared_ptr<const WorkspaceView> view = ws.view();
  XJ_ASSIGN_OR_RETURN(const registry::Region* region, FindRegion(*view, code));
  std::vector<RegionItem> items;
  if (parent.empty()) {
    items.push_back(ItemOf(*view, *region));
    return items;
  }
  for (const registry::Region& child : view->regions->Children(region->code)) {
    items.push_back(ItemOf(*view, child));
  }
  return items;
}

namespace {

// The region's dashboard in `view`: made once per region and view, and remembered on the view.
Result<std::shared_ptr<const Dashboard>> DashboardIn(Workspace& ws,
                                                     const std::shared_ptr<const WorkspaceView>& view,
                                                     const std::string& code) {
  const std::string memo_key = "dashboard:" + code;
  if (auto memo = view->Recall<Dashboard>(memo_key)) return memo;
  std::lock_guard making(view->memo->make_mu);
  if (auto memo = view->Recall<Dashboard>(memo_key)) return memo;  // made while we waited
  XJ_ASSIGN_OR_RETURN(Dashboard d, MakeDashboard(ws, view.get(), code));
  auto made = std::make_shared<const Dashboard>(std::move(d));
  view->Remember(memo_key, made);
  return std::shared_ptr<const Dashboard>(made);
}

}  // namespace

Result<Dashboard> GetDashboard(Workspace& ws, const access::Principal& principal,
                               const std::string& region_code) {
  const std::string code = region_code.empty() ? principal.scope : region_code;
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kDashboardRead, code));
  XJ_ASSIGN_OR_RETURN(std::shared_ptr<const Dashboard> d, DashboardIn(ws, ws.view(), code));
  Dashboard out = *d;
  // Not part of the view's memo: an approval changes it without a new view.
  XJ_ASSIGN_OR_RETURN(out.monitoring_objects, ws.OpenEpisodes(code));
  return out;
}

Status WarmDashboards(Workspace& ws) {
  const std::shared_ptr<const WorkspaceView> view = ws.view();
  for (const auto& [province, latest] : view->latest) {
    Result<std::shared_ptr<const Dashboard>> made = DashboardIn(ws, view, province);
    if (!made.ok()) return made.status();
  }
  return Status::Ok();
}

Result<WarningList> ListWarnings(Workspace& ws, const access::Principal& principal,
                                 const WarningFilter& filter) {
  XJ_RETURN_IF_ERROR(CheckPaging(filter.offset, filter.limit));
  std::string code = principal.scope;
  if (!filter.region.empty()) {
    XJ_RETURN_IF_ERROR(CheckRegionCode("region", filter.region));
    code = filter.region;
  }
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kWarningList, code));
  const std::shared_ptr<const WorkspaceView> view = ws.view();
  WarningList out;
  out.page.offset = filter.offset;
  out.page.limit = filter.limit;
  const RunDigest* latest = view->LatestFor(code);
  if (latest == nullptr) return out;
  out.run = latest->run;
  // Filters as a rule bit and a type index of this run; a rule or type the run never saw
  // matches nothing.
  uint32_t rule_bit = 0;
  if (!filter.rule.empty()) {
    auto it = std::lower_bound(latest->rule_ids.begin(), latest->rule_ids.end(), filter.rule);
    if (it == latest->rule_ids.end() || *it != filter.rule) return out;
    rule_bit = uint32_t{1} << (it - latest->rule_ids.begin());
  }
  int type_index = -1;
  if (!filter.type.empty()) {
    auto it = std::lower_bound(latest->type_codes.begin(), latest->type_codes.end(), filter.type);
    if (it == latest->type_codes.end() || *it != filter.type) return out;
    type_index = static_cast<int>(it - latest->type_codes.begin());
  }
  const registry::Snapshot& s = view->snapshot();
  auto add = [&](const RunDigest::Entry& e) {
    WarningItem item;
    item.result = latest->results[e.result];
    item.household_id = item.result.household_id;
    item.village_code = std::to_string(e.village);
    item.village_name = view->RegionName(item.village_code);
    const int64_t row = s.Find(item.household_id);
    if (row >= 0 && s.member_begin()[row + 1] > s.member_begin()[row]) {
      item.head_name = std::string(s.member_name(s.member_begin()[row]));
    }
    out.page.items.push_back(std::move(item));
  };
  const auto [first, last] = latest->Range(code);
  if (rule_bit == 0 && type_index < 0 && !filter.new_only) {  // a page straight from the range
    out.page.total = static_cast<int64_t>(last - first);
    const size_t begin = first + static_cast<size_t>(std::min(filter.offset, out.page.total));
    const size_t end = std::min(last, begin + static_cast<size_t>(filter.limit));
    for (size_t i = begin; i < end; ++i) add(latest->entries[i]);
    return out;
  }
  for (size_t i = first; i < last; ++i) {
    const RunDigest::Entry& e = latest->entries[i];
    if (rule_bit != 0 && (e.rules & rule_bit) == 0) continue;
    if (type_index >= 0 && e.type != type_index) continue;
    if (filter.new_only && !e.new_warning) continue;
    const int64_t n = out.page.total++;
    if (n >= filter.offset && n < filter.offset + filter.limit) add(e);
  }
  return out;
}

Result<std::vector<rules::ScreeningRun>> ListRuns(Workspace& ws,
                                                  const access::Principal& principal) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kRunList, ""));
  std::vector<rules::ScreeningRun> out;
  for (const rules::ScreeningRun& run : ws.view()->runs) {
    if (Overlaps(principal.scope, run.county.empty() ? run.province : run.county)) {
      out.push_back(run);
    }
  }
  return out;
}

Result<std::shared_ptr<const registry::Snapshot>> SnapshotWithin(
    const std::shared_ptr<const registry::Snapshot>& snapshot, std::string_view region_prefix) {
  const registry::Snapshot& s = *snapshot;
  const auto [lo, hi] = VillageRange(region_prefix);
  auto inside = [&](uint32_t h) { return s.village_code()[h] >= lo && s.village_code()[h] <= hi; };
  const auto n = static_cast<uint32_t>(s.households());
  uint32_t count = 0;
  for (uint32_t h = 0; h < n; ++h) count += inside(h) ? 1 : 0;
  if (count == n) return snapshot;
  registry::SnapshotBuilder builder;
  // Rows are in household_id order, so the households of a region usually form a few long runs.
  for (uint32_t h = 0; h < n;) {
    if (!inside(h)) {
      ++h;
      continue;
    }
    const uint32_t begin = h;
    while (h < n && inside(h)) ++h;
    XJ_RETURN_IF_ERROR(builder.AppendRows(s, begin, h));
  }
  return builder.Finish();
}

Result<rules::ScreeningRun> StartRun(Workspace& ws, const access::Principal& principal,
                                     const std::string& province, const std::string& county,
                                     int year) {
  const std::string scope = county.empty() ? province : county;
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kScreeningRun, ""));
  if (province.size() != 2 || CheckRegionCode("province", province).code() != StatusCode::kOk) {
    return InvalidArgument("province must be a 2-digit province code such as 63; got '" +
                           province + "'");
  }
  if (!county.empty() && (county.size() != 6 || county.compare(0, 2, province) != 0 ||
                          !CheckRegionCode("county", county).ok())) {
    return InvalidArgument("county must be a 6-digit county code inside province " + province +
                           "; got '" + county + "'");
  }
  if (year < 2000 || year > 2100) {
    return InvalidArgument("year must be a year such as 2024; got " + std::to_string(year));
  }
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kScreeningRun, scope));
  std::unique_lock<std::mutex> lock = ws.LockScreening();
  XJ_RETURN_IF_ERROR(ws.Refresh());
  XJ_ASSIGN_OR_RETURN(std::shared_ptr<const ResolvedStandard> standard,
                      ws.StandardFor(province, county, year));
  const rules::Standard& st = standard->standard;
  // A county without a standard of its own is screened as part of its province.
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kScreeningRun,
                                       st.county.empty() ? st.province : st.county));
  // The run's scope is the standard's, as in `xianjie screen` (checked above): a county without a
  // standard of its own is screened as part of its province.
  const std::string run_scope = st.county.empty() ? st.province : st.county;
  const std::shared_ptr<const WorkspaceView> view = ws.view();
  XJ_ASSIGN_OR_RETURN(std::shared_ptr<const registry::Snapshot> snapshot,
                      SnapshotWithin(view->index->shared_snapshot(), run_scope));
  rules::ScreeningRequest request;
  request.user = principal.username;
  request.threads = ws.options().screening_threads;
  const std::string now = ws.Now();  // the run and its leads on the workspace's clock
  request.started_at = now;
  // The department facts, carried over to the run's households when it covers only some.
  const std::shared_ptr<const rules::FactColumns> facts = view->FactsFor(*snapshot);
  request.facts = facts.get();
  XJ_ASSIGN_OR_RETURN(rules::ScreeningRunResult run,
                      rules::RunScreening(ws.database(), ws.database(), *snapshot, view->batch,
                                          *standard->compiled, request));
  // The run's new warnings become leads (decision 0005).
  XJ_RETURN_IF_ERROR(
      TakeRunLeads(ws.database(), *snapshot, run.run.run_id, run.results, now));
  XJ_RETURN_IF_ERROR(ws.Refresh());
  return run.run;
}

}  // namespace xianjie::service
