// Full and incremental screening runs with new-warning marking.
#include "rules/screening_run.h"

#include <algorithm>
#include <chrono>
#include <unordered_set>

#include "base/clock.h"

namespace xianjie::rules {

bool NamesFacts(const CompiledStandard& standard) {
  auto reads = [](const CompiledCondition& c) {
    for (const BoundNode& n : c.bound.nodes) {
      if (n.kind == BoundKind::kFactField) return true;
    }
    return false;
  };
  for (const CompiledRule& r : standard.rules()) {
    if (reads(r.when)) return true;
    for (const CompiledRisk& risk : r.risks) {
      if (!risk.always && reads(risk.when)) return true;
    }
  }
  for (const CompiledType& t : standard.types()) {
    if (reads(t.when)) return true;
  }
  return false;
}

void Rescreen(const registry::Snapshot& snapshot, const CompiledStandard& standard,
              std::span<const uint32_t> changed_rows, FullOutcome& outcome,
              const FactColumns* facts) {
  Overwrite(outcome, ScreenRows(snapshot, standard, changed_rows, facts));
}

Result<ScreeningRunResult> RunScreening(registry::Store& registry, ScreeningStore& runs,
                                        const registry::Snapshot& snapshot,
                                        int64_t registry_batch, const CompiledStandard& standard,
                                        const ScreeningRequest& request) {
  const Standard& s = standard.standard();
  ScreeningRunResult out;
  ScreeningRun& run = out.run;
  run.standard_hash = s.content_hash;
  run.province = s.province;
  run.county = s.county;
  run.year = s.year;
  run.started_at = request.started_at.empty() ? UtcNowIso8601() : request.started_at;
  run.registry_batch = registry_batch;
  run.user = request.user;

  XJ_ASSIGN_OR_RETURN(std::optional<ScreeningRun> previous,
                      runs.LatestRun(s.province, s.county, s.year));
  std::vector<HouseholdResult> previous_results;
  if (previous) {
    run.previous_run = previous->run_id;
    XJ_ASSIGN_OR_RETURN(previous_results, runs.RunResults(previous->run_id));
  }

  const auto start = std::chrono::steady_clock::now();
  const bool incremental = previous && request.allow_incremental &&
                           previous->standard_hash == s.content_hash &&
                           !(request.facts != nullptr && NamesFacts(standard));
  if (incremental) {
    auto base = OutcomeFromResults(snapshot, standard, previous_results);
    if (!base.ok()) {
      return DataLoss("the results of screening run " + std::to_string(previous->run_id) +
                      " do not match its standard: " + base.status().message() +
                      "; run a full screening with --full");
    }
    std::vector<uint32_t> rows;
    XJ_RETURN_IF_ERROR(registry.ForEachChangedSince(
        previous->registry_batch, [&](const std::string& id) {
          const int64_t row = snapshot.Find(id);
          if (row >= 0) rows.push_back(static_cast<uint32_t>(row));
        }));
    out.outcome = std::move(*base);
    Rescreen(snapshot, standard, rows, out.outcome, request.facts);
    run.incremental = true;
    run.evaluated = static_cast<int64_t>(rows.size());
  } else {
    out.outcome = ToFullOutcome(ScreenAll(snapshot, standard, request.threads, request.facts));
    run.evaluated = static_cast<int64_t>(snapshot.households());
  }
  out.results = FlaggedResults(snapshot, standard, out.outcome);
  run.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::unordered_set<std::string_view> was_flagged;
  was_flagged.reserve(previous_results.size());
  for (const HouseholdResult& r : previous_results) was_flagged.insert(r.household_id);
  for (HouseholdResult& r : out.results) {
    r.new_warning = !was_flagged.contains(r.household_id);
    if (r.new_warning) ++run.new_warnings;
  }

  out.totals = Totals(snapshot, standard, out.outcome);
  run.screened = out.totals.screened;
  run.flagged = out.totals.flagged;
  run.counts_json = TotalsJson(standard, out.totals);
  if (request.store_run) {
    // The run's standard is stored with it, so that a run can always be read back under the
    // standard that produced it (explanations, dashboards), whoever started it.
    XJ_RETURN_IF_ERROR(runs.PutStandard(StoredStandard{s.content_hash, s.province, s.county,
                                                       s.year, s.name, s.origin, s.toml, "",
                                                       request.user}));
    XJ_ASSIGN_OR_RETURN(run.run_id, runs.PutRun(run, out.results));
    for (HouseholdResult& r : out.results) r.run_id = run.run_id;
  }
  return out;
}

}  // namespace xianjie::rules
