// The Workspace's state and its refresh: snapshot and index, region table, latest runs digested
// per province, and the caches of run digests and standards in force.
#include "service/workspace.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <set>
#include <tuple>

#include "base/clock.h"
#include "cases/case.h"
#include "exchange/fact_table.h"
#include "registry/codes.h"
#include "rules/compile.h"
#include "rules/standard_resolve.h"
#include "rules/standard_toml.h"
#include "service/imports.h"

namespace xianjie::service {

std::pair<uint64_t, uint64_t> VillageRange(std::string_view region_prefix) {
  std::string lo(region_prefix.substr(0, 12));
  std::string hi = lo;
  lo.resize(12, '0');
  hi.resize(12, '9');
  return {std::stoull(lo), std::stoull(hi)};
}

std::pair<size_t, size_t> RunDigest::Range(std::string_view region_prefix) const {
  const auto [lo, hi] = VillageRange(region_prefix);
  auto first = std::lower_bound(entries.begin(), entries.end(), lo,
                                [](const Entry& e, uint64_t v) { return e.village < v; });
  auto last = std::upper_bound(entries.begin(), entries.end(), hi,
                               [](uint64_t v, const Entry& e) { return v < e.village; });
  return {static_cast<size_t>(first - entries.begin()),
          static_cast<size_t>(last - entries.begin())};
}

const rules::HouseholdResult* RunDigest::Find(std::string_view household_id) const {
  auto it = std::lower_bound(
      results.begin(), results.end(), household_id,
      [](const rules::HouseholdResult& r, std::string_view id) { return r.household_id < id; });
  if (it == results.end() || it->household_id != household_id) return nullptr;
  return &*it;
}

const RunDigest* WorkspaceView::LatestFor(std::string_view region_code) const {
  auto it = latest.find(region_code.substr(0, 2));
  return it == latest.end() ? nullptr : it->second.get();
}

VillageTotals WorkspaceView::TotalsWithin(std::string_view region_prefix) const {
  const auto [lo, hi] = VillageRange(region_prefix);
  auto it = std::lower_bound(villages.begin(), villages.end(), lo,
                             [](const VillageTotals& v, uint64_t code) { return v.village < code; });
  VillageTotals sum;
  for (; it != villages.end() && it->village <= hi; ++it) {
    sum.households += it->households;
    sum.members += it->members;
    sum.screenable += it->screenable;
  }
  return sum;
}

std::string WorkspaceView::RegionName(std::string_view code) const {
  const registry::Region* r = regions->Find(code);
  return r == nullptr ? "" : r->name;
}

std::string WorkspaceView::HeadName(std::string_view household_id) const {
  const registry::Snapshot& s = snapshot();
  const int64_t h = s.Find(household_id);
  if (h < 0) return "";
  for (uint32_t m = s.member_begin()[h]; m < s.member_begin()[h + 1]; ++m) {
    if (s.member_relation()[m] == static_cast<uint8_t>(registry::Relation::kHead)) {
      return std::string(s.member_name(m));
    }
  }
  return "";
}

std::shared_ptr<const rules::FactColumns> WorkspaceView::FactsFor(
    const registry::Snapshot& other) const {
  if (&other == &snapshot()) return facts;
  return std::make_shared<const rules::FactColumns>(
      exchange::RealignFacts(*facts, snapshot(), other));
}

namespace {

// Splits "a;b" into its parts ("" gives none).
std::vector<std::string_view> SplitIds(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    const size_t semi = text.find(';');
    out.push_back(text.substr(0, semi));
    if (semi == std::string_view::npos) break;
    text.remove_prefix(semi + 1);
  }
  return out;
}

uint8_t IndexOf(const std::vector<std::string>& sorted, std::string_view code) {
  auto it = std::lower_bound(sorted.begin(), sorted.end(), code);
  return static_cast<uint8_t>(it - sorted.begin());
}

std::shared_ptr<RunDigest> MakeDigest(const rules::ScreeningRun& run,
                                            std::vector<rules::HouseholdResult> results,
                                            const registry::Snapshot& snapshot, bool keep) {
  auto digest = std::make_shared<RunDigest>();
  digest->run = run;
  for (const auto& r : results) {
    for (std::string_view id : SplitIds(r.rules)) digest->rule_ids.emplace_back(id);
    if (!r.proposed_type.empty()) digest->type_codes.push_back(r.proposed_type);
  }
  for (auto* v : {&digest->rule_ids, &digest->type_codes}) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  }
  // A standard has at most 32 rules; a run's results name fewer. Ids past 32 (never expected)
  // are not counted rather than overflowing the bit set.
  digest->entries.reserve(results.size());
  for (size_t i = 0; i < results.size(); ++i) {
    const rules::HouseholdResult& r = results[i];
    const int64_t row = snapshot.Find(r.household_id);
    if (row < 0) continue;
    RunDigest::Entry e;
    e.village = snapshot.village_code()[row];
    e.result = static_cast<uint32_t>(i);
    for (std::string_view id : SplitIds(r.rules)) {
      const uint8_t bit = IndexOf(digest->rule_ids, id);
      if (bit < 32) e.rules |= uint32_t{1} << bit;
    }
    if (!r.proposed_type.empty()) e.type = IndexOf(digest->type_codes, r.proposed_type);
    e.new_warning = r.new_warning;
    digest->entries.push_back(e);
  }
  std::stable_sort(digest->entries.begin(), digest->entries.end(),
                   [](const RunDigest::Entry& a, const RunDigest::Entry& b) {
                     return a.village < b.village;  // ties stay in household_id order
                   });
  if (keep) digest->results = std::move(results);
  return digest;
}

std::vector<VillageTotals> CountVillages(const registry::Snapshot& s) {
  std::map<uint64_t, VillageTotals> by_code;
  for (uint32_t h = 0; h < s.households(); ++h) {
    VillageTotals& t = by_code[s.village_code()[h]];
    t.village = s.village_code()[h];
    t.households += 1;
    t.members += s.member_begin()[h + 1] - s.member_begin()[h];
    t.screenable += s.counted_members()[h] > 0 ? 1 : 0;
  }
  std::vector<VillageTotals> out;
  out.reserve(by_code.size());
  for (const auto& [code, t] : by_code) out.push_back(t);
  return out;
}

// The name and rule labels of the run's standard, as stored; left empty if it cannot be read.
void LabelRules(store::Database& db, RunDigest& digest) {
  auto stored = db.GetStandard(digest.run.standard_hash);
  if (!stored.ok() || !stored->has_value()) return;
  auto standard = rules::ParseStoredStandard(**stored);
  if (!standard.ok()) return;
  digest.standard_name = standard->name;
  for (const rules::RuleDefinition& r : standard->rules) {
    digest.rule_labels.push_back({r.id, r.label_zh, r.label_en});
  }
}

}  // namespace

struct Workspace::State {
  explicit State(store::Database& db) : live(db) {}
  registry::LiveSnapshot live;
  std::mutex refresh_mu;  // one Refresh at a time
  mutable std::mutex mu;  // guards what follows
  std::shared_ptr<const WorkspaceView> view;
  std::map<int64_t, std::shared_ptr<const RunDigest>> digests;  // trend cache, by run id
  std::map<std::tuple<std::string, std::string, int>, std::shared_ptr<const ResolvedStandard>>
      standards;
  size_t loads_seen = 0;  // standard loads when `standards` was last valid
  struct Count {
    int64_t value = 0;
    std::chrono::steady_clock::time_point read;
  };
  std::map<std::string, Count, std::less<>> episode_counts;  // by region prefix
};

Workspace::Workspace(store::Database& database, WorkspaceOptions options)
    : database_(database),
      options_(options),
      state_(std::make_unique<State>(database)),
      import_jobs_(std::make_unique<ImportJobs>(*this)) {
  auto empty = std::make_shared<WorkspaceView>();
  empty->index = std::make_shared<registry::HouseholdIndex>(registry::SnapshotBuilder().Finish());
  empty->regions = std::make_shared<registry::RegionTable>();
  empty->facts = std::make_shared<rules::FactColumns>(exchange::BuiltinFactCatalog(), 0);
  state_->view = std::move(empty);
}

Workspace::~Workspace() = default;

Result<int64_t> Workspace::OpenEpisodes(const std::string& region_prefix) {
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(state_->mu);
    auto it = state_->episode_counts.find(region_prefix);
    if (it != state_->episode_counts.end() && now - it->second.read < std::chrono::seconds(5)) {
      return it->second.value;
    }
  }
  XJ_ASSIGN_OR_RETURN(int64_t open, database_.CountEpisodes(region_prefix, /*open_only=*/true));
  std::lock_guard lock(state_->mu);
  state_->episode_counts[region_prefix] = {open, now};
  return open;
}

void Workspace::ForgetEpisodeCounts() {
  std::lock_guard lock(state_->mu);
  state_->episode_counts.clear();
}

std::string Workspace::Now() const {
  return options_.clock ? options_.clock() : UtcNowIso8601PlusDays(options_.clock_offset_days);
}

std::shared_ptr<const WorkspaceView> Workspace::view() const {
  std::lock_guard lock(state_->mu);
  return state_->view;
}

Status Workspace::Refresh() {
  std::lock_guard refresh(state_->refresh_mu);
  const std::shared_ptr<const WorkspaceView> old = view();
  XJ_ASSIGN_OR_RETURN(const registry::LiveSnapshot::Refresh r, state_->live.Update());
  const bool snapshot_changed = r.rebuilt || r.patched > 0 || r.batch != old->batch;
  XJ_ASSIGN_OR_RETURN(std::vector<rules::ScreeningRun> runs, database_.ListRuns());
  XJ_ASSIGN_OR_RETURN(std::vector<rules::StandardLoad> loads, database_.ListLoads());
  exchange::UploadFilter newest_upload;
  newest_upload.limit = 1;
  XJ_ASSIGN_OR_RETURN(std::vector<exchange::UploadRecord> uploads,
                      database_.ListUploads(newest_upload));
  const int64_t last_upload = uploads.empty() ? 0 : uploads.front().id;
  const CivilDate today = cases::ChinaDateOf(Now());
  const bool facts_stale =
      snapshot_changed || last_upload != old->facts_upload || today != old->facts_as_of;

  {
    std::lock_guard lock(state_->mu);
    if (loads.size() != state_->loads_seen) {  // a standard was loaded, here or elsewhere
      state_->standards.clear();
      state_->loads_seen = loads.size();
    }
  }
  // Nothing new: keep the view (and what is cached on it).
  if (!snapshot_changed && !facts_stale && runs == old->runs) return Status::Ok();
  auto next = std::make_shared<WorkspaceView>(*old);
  next->memo = std::make_shared<WorkspaceView::MemoTable>();
  next->batch = r.batch;
  next->runs = runs;
  if (snapshot_changed) {
    next->index = std::make_shared<registry::HouseholdIndex>(state_->live.current());
    next->villages = CountVillages(next->snapshot());
    XJ_ASSIGN_OR_RETURN(std::vector<registry::Region> regions, database_.LoadRegions());
    XJ_ASSIGN_OR_RETURN(registry::RegionTable table,
                        registry::RegionTable::Build(std::move(regions)));
    next->regions = std::make_shared<registry::RegionTable>(std::move(table));
  }
  if (facts_stale) {
    XJ_ASSIGN_OR_RETURN(rules::FactColumns facts,
                        exchange::BuildBuiltinFactColumns(*next->index, database_, today,
                                                          options_.screening_threads));
    next->facts = std::make_shared<const rules::FactColumns>(std::move(facts));
    next->facts_as_of = today;
    next->facts_upload = last_upload;
  }
  // The latest province-wide run of each province (runs come by run id).
  std::map<std::string, const rules::ScreeningRun*> newest;
  for (const auto& run : runs) {
    if (run.county.empty()) newest[run.province] = &run;
  }
  next->latest.clear();
  for (const auto& [province, run] : newest) {
    auto it = old->latest.find(province);
    if (!snapshot_changed && it != old->latest.end() && it->second->run.run_id == run->run_id) {
      next->latest.emplace(province, it->second);
      continue;
    }
    XJ_ASSIGN_OR_RETURN(std::vector<rules::HouseholdResult> results,
                        database_.RunResults(run->run_id));
    std::shared_ptr<RunDigest> digest =
        MakeDigest(*run, std::move(results), next->snapshot(), /*keep=*/true);
    LabelRules(database_, *digest);
    next->latest.emplace(province, std::move(digest));
  }
  std::lock_guard lock(state_->mu);
  state_->view = std::move(next);
  if (snapshot_changed) state_->digests.clear();
  return Status::Ok();
}

Result<std::shared_ptr<const RunDigest>> Workspace::Digest(int64_t run_id) {
  {
    std::lock_guard lock(state_->mu);
    auto it = state_->digests.find(run_id);
    if (it != state_->digests.end()) return it->second;
  }
  XJ_ASSIGN_OR_RETURN(std::optional<rules::ScreeningRun> run, database_.GetRun(run_id));
  if (!run) return NotFound("no screening run " + std::to_string(run_id));
  XJ_ASSIGN_OR_RETURN(std::vector<rules::HouseholdResult> results, database_.RunResults(run_id));
  const std::shared_ptr<const WorkspaceView> v = view();
  std::shared_ptr<const RunDigest> digest =
      MakeDigest(*run, std::move(results), v->snapshot(), /*keep=*/false);
  std::lock_guard lock(state_->mu);
  state_->digests[run_id] = digest;
  return digest;
}

Result<std::shared_ptr<const ResolvedStandard>> Workspace::StandardFor(
    const std::string& province, const std::string& county, int year) {
  const auto key = std::make_tuple(province, county, year);
  {
    std::lock_guard lock(state_->mu);
    auto it = state_->standards.find(key);
    if (it != state_->standards.end()) return it->second;
  }
  XJ_ASSIGN_OR_RETURN(rules::Standard standard,
                      rules::StandardInForce(&database_, province, county, year));
  XJ_ASSIGN_OR_RETURN(std::shared_ptr<const rules::CompiledStandard> compiled,
                      rules::Compile(standard, exchange::BuiltinFactCatalog()));
  auto resolved = std::make_shared<ResolvedStandard>(
      ResolvedStandard{std::move(standard), std::move(compiled)});
  std::lock_guard lock(state_->mu);
  state_->standards[key] = resolved;
  return std::shared_ptr<const ResolvedStandard>(resolved);
}

Result<std::shared_ptr<const ResolvedStandard>> Workspace::StandardOnOrBefore(
    const std::string& province, const std::string& county, int year) {
  auto standard = StandardFor(province, county, year);
  if (standard.ok() || standard.status().code() != StatusCode::kNotFound) return standard;
  // The years below `year` with a standard of the province (or the county), latest first.
  std::set<int, std::greater<>> years;
  for (const rules::Standard& s : rules::BuiltinStandards()) {
    if (s.province == province && s.year < year) years.insert(s.year);
  }
  XJ_ASSIGN_OR_RETURN(std::vector<rules::StandardLoad> loads, database_.ListLoads());
  for (const rules::StandardLoad& l : loads) {
    if (l.province == province && (l.county.empty() || l.county == county) && l.year < year) {
      years.insert(l.year);
    }
  }
  for (int y : years) {
    standard = StandardFor(province, county, y);
    if (standard.ok() || standard.status().code() != StatusCode::kNotFound) return standard;
  }
  return FailedPrecondition("no monitoring standard of province " + province + " for " +
                            std::to_string(year) +
                            " or an earlier year; load one (xianjie standard load)");
}

void Workspace::ForgetStandards() {
  std::lock_guard lock(state_->mu);
  state_->standards.clear();
}

Workspace::Stats Workspace::stats() const {
  const std::shared_ptr<const WorkspaceView> v = view();
  Stats s;
  s.households = static_cast<int64_t>(v->snapshot().households());
  s.members = static_cast<int64_t>(v->snapshot().members());
  s.snapshot_bytes = static_cast<int64_t>(v->snapshot().MemoryBytes());
  s.index_bytes = static_cast<int64_t>(v->index->MemoryBytes());
  s.batch = v->batch;
  return s;
}

}  // namespace xianjie::service
