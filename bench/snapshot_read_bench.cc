// File mode's read at province scale (issue #3): households.csv and members.csv into a checked
// columnar snapshot, timed step by step. Prints the median and best of RUNS reads per thread
// count.
//
//   snapshot_read_bench HOUSEHOLDS.csv MEMBERS.csv [RUNS] [THREADS...]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "ingest/snapshot_reader.h"
#include "registry/region.h"

namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "snapshot_read_bench: %s\n", message.c_str());
  std::exit(1);
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  using namespace xianjie;
  if (argc < 3) Die("usage: snapshot_read_bench HOUSEHOLDS.csv MEMBERS.csv [RUNS] [THREADS...]");
  const int runs = argc > 3 ? std::atoi(argv[3]) : 5;
  std::vector<int> thread_counts;
  for (int i = 4; i < argc; ++i) thread_counts.push_back(std::atoi(argv[i]));
  if (thread_counts.empty()) thread_counts = {2, 1};

  for (int threads : thread_counts) {
    std::vector<double> total, open, households, members, rules, build;
    size_t h = 0, m = 0, q = 0, bytes = 0;
    for (int run = 0; run < runs; ++run) {
      ingest::SnapshotReadOptions options;
      options.threads = threads;
      const auto start = Clock::now();
      auto read = ingest::ReadSnapshotFromExchangeFiles(argv[1], argv[2],
                                                        registry::RegionTable::BuiltIn(), options);
      if (!read.ok()) Die(read.status().message());
      total.push_back(std::chrono::duration<double>(Clock::now() - start).count());
      open.push_back(read->timings.open);
      households.push_back(read->timings.households);
      members.push_back(read->timings.members);
      rules.push_back(read->timings.rules);
      build.push_back(read->timings.build);
      h = read->snapshot->households();
      m = read->snapshot->members();
      q = read->quarantine.size();
      bytes = read->snapshot->MemoryBytes();
    }
    std::printf(
        "threads %d: %zu households, %zu members, %zu quarantined, snapshot %.1f MiB\n"
        "  total median %.3f s (best %.3f s) = open %.3f + households %.3f + members %.3f + "
        "rules %.3f + build %.3f (medians of %d runs)\n",
        threads, h, m, q, static_cast<double>(bytes) / 1048576, Median(total),
        *std::min_element(total.begin(), total.end()), Median(open), Median(households),
        Median(members), Median(rules), Median(build), runs);
  }
  return 0;
}
