// In-memory screening figures at province scale (issue #3): reads exchange-format files into a
// snapshot (file mode), then times, on that snapshot,
//   - a full screen (ScreenAll) with 2 threads and with 1,
//   - an incremental re-screen of 1,000 random households (Rescreen),
//   - a snapshot patch replacing 1,000 households (Patch),
// and reports the snapshot's memory per member and per household. Medians over many runs.
//
//   screen_bench HOUSEHOLDS.csv MEMBERS.csv [RUNS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "ingest/snapshot_reader.h"
#include "registry/region.h"
#include "rules/compile.h"
#include "rules/screen.h"
#include "rules/screening.h"
#include "rules/screening_run.h"
#include "rules/standard_toml.h"

namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

template <typename F>
std::pair<double, double> MedianMinMs(int runs, F&& f) {
  std::vector<double> t;
  for (int i = 0; i < runs; ++i) {
    const auto start = Clock::now();
    f();
    t.push_back(Ms(Clock::now() - start));
  }
  std::sort(t.begin(), t.end());
  return {t[t.size() / 2], t.front()};
}

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "screen_bench: %s\n", message.c_str());
  std::exit(1);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace xianjie;
  if (argc < 3) Die("usage: screen_bench HOUSEHOLDS.csv MEMBERS.csv [RUNS]");
  const int runs = argc > 3 ? std::atoi(argv[3]) : 21;

  const auto read_start = Clock::now();
  auto read = ingest::ReadSnapshotFromExchangeFiles(argv[1], argv[2],
                                                    registry::RegionTable::BuiltIn(), {});
  if (!read.ok()) Die(read.status().message());
  const double read_ms = Ms(Clock::now() - read_start);
  const registry::Snapshot& snapshot = *read->snapshot;

  const rules::Standard* standard = rules::FindBuiltinStandard("63", "", 2024);
  if (standard == nullptr) Die("no built-in standard 63/2024");
  auto compiled = rules::Compile(*standard);
  if (!compiled.ok()) Die(compiled.status().message());
  const rules::CompiledStandard& cs = **compiled;

  std::printf("snapshot: %zu households, %zu members, %zu quarantined rows, read in %.0f ms\n",
              snapshot.households(), snapshot.members(), read->quarantine.size(), read_ms);
  const double bytes = static_cast<double>(snapshot.MemoryBytes());
  // The budget is 200 B per member plus 150 B per household; report both ways of splitting.
  const double budget = 200.0 * snapshot.members() + 150.0 * snapshot.households();
  std::printf("snapshot memory: %.1f MiB, %.0f B per household with its %.2f members; "
              "%.0f%% of the budget of 200 B per member + 150 B per household\n",
              bytes / 1048576, bytes / static_cast<double>(snapshot.households()),
              static_cast<double>(snapshot.members()) / static_cast<double>(snapshot.households()),
              100 * bytes / budget);

  int64_t flagged = 0;
  for (int threads : {2, 1}) {
    auto [median, best] = MedianMinMs(runs, [&] {
      rules::ScreenOutcome o = rules::ScreenAll(snapshot, cs, threads);
      flagged = std::count_if(o.fired.begin(), o.fired.end(), [](uint32_t f) { return f != 0; });
    });
    std::printf("ScreenAll, %d thread%s: median %.1f ms, best %.1f ms (%lld flagged, %d runs)\n",
                threads, threads == 1 ? "" : "s", median, best, static_cast<long long>(flagged),
                runs);
  }

  std::mt19937_64 rng(1);
  std::vector<uint32_t> all(snapshot.households());
  for (uint32_t i = 0; i < all.size(); ++i) all[i] = i;
  std::shuffle(all.begin(), all.end(), rng);
  std::vector<uint32_t> changed(all.begin(), all.begin() + std::min<size_t>(1000, all.size()));
  rules::FullOutcome outcome = rules::ToFullOutcome(rules::ScreenAll(snapshot, cs, 2));
  {
    auto [median, best] = MedianMinMs(runs * 5, [&] {
      rules::Rescreen(snapshot, cs, changed, outcome);
    });
    std::printf("Rescreen of %zu households: median %.3f ms, best %.3f ms (%d runs)\n",
                changed.size(), median, best, runs * 5);
  }
  {
    std::vector<registry::HouseholdRecord> records;
    for (uint32_t row : changed) {
      registry::HouseholdRecord r = snapshot.Record(row);
      r.household.wage_income += Money::FromFen(1);
      records.push_back(std::move(r));
    }
    auto [median, best] = MedianMinMs(std::max(3, runs / 4), [&] {
      auto patched = registry::Patch(snapshot, records);
      if (!patched.ok()) Die(patched.status().message());
    });
    std::printf("Patch of %zu households: median %.1f ms, best %.1f ms\n", records.size(), median,
                best);
  }
  return 0;
}
