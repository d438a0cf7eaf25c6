// Household search at province scale (issue #4): reads exchange-format files into a snapshot
// (file mode), builds the HouseholdIndex over it, and times the build and each kind of query
// (a page of a region, a name prefix in the whole province, an exact ID number, a household id
// prefix). Medians and 99th percentiles over many random queries.
//
//   household_search_bench HOUSEHOLDS.csv MEMBERS.csv [QUERIES]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "base/id_number.h"
#include "ingest/snapshot_reader.h"
#include "registry/household_search.h"
#include "registry/region.h"

namespace {

using Clock = std::chrono::steady_clock;
using xianjie::registry::HouseholdIndex;
using xianjie::registry::HouseholdPage;
using xianjie::registry::HouseholdQuery;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "household_search_bench: %s\n", message.c_str());
  std::exit(1);
}

// Times `queries` calls of make_query + Search; prints median, p99 and the mean match count.
void Time(const char* what, const HouseholdIndex& index, int queries,
          const std::function<HouseholdQuery(std::mt19937&)>& make_query) {
  std::mt19937 rng(42);
  std::vector<double> t;
  double matches = 0;
  for (int i = 0; i < queries; ++i) {
    const HouseholdQuery q = make_query(rng);
    const auto start = Clock::now();
    const HouseholdPage page = index.Search(q);
    t.push_back(Ms(Clock::now() - start) * 1000);
    matches += static_cast<double>(page.total);
  }
  std::sort(t.begin(), t.end());
  std::printf("%-44s median %8.1f us   p99 %8.1f us   max %8.1f us   mean total %.0f\n", what,
              t[t.size() / 2], t[t.size() * 99 / 100], t.back(), matches / queries);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace xianjie;
  if (argc < 3) Die("usage: household_search_bench HOUSEHOLDS.csv MEMBERS.csv [QUERIES]");
  const int queries = argc > 3 ? std::atoi(argv[3]) : 2000;

  auto read = ingest::ReadSnapshotFromExchangeFiles(argv[1], argv[2],
                                                    registry::RegionTable::BuiltIn(), {});
  if (!read.ok()) Die(read.status().message());
  const std::shared_ptr<const registry::Snapshot> snapshot = read->snapshot;
  const registry::Snapshot& s = *snapshot;
  std::printf("snapshot: %zu households, %zu members, %.1f MiB\n", s.households(), s.members(),
              static_cast<double>(s.MemoryBytes()) / 1048576);

  // Wall time, and the CPU time of the process (all threads), which a busy machine inflates less.
  std::vector<double> builds, cpu;
  std::unique_ptr<HouseholdIndex> index;
  for (int i = 0; i < 5; ++i) {
    index.reset();
    const auto start = Clock::now();
    const std::clock_t cpu_start = std::clock();
    index = std::make_unique<HouseholdIndex>(snapshot);
    cpu.push_back(1000.0 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC);
    builds.push_back(Ms(Clock::now() - start));
  }
  std::sort(builds.begin(), builds.end());
  std::sort(cpu.begin(), cpu.end());
  std::printf("index build: median %.0f ms wall (min %.0f, max %.0f) of 5, %.0f ms CPU; "
              "index memory %.1f MiB\n",
              builds[2], builds.front(), builds.back(), cpu[2],
              static_cast<double>(index->MemoryBytes()) / 1048576);

  const auto n = static_cast<uint32_t>(s.households());
  const auto members = static_cast<uint32_t>(s.members());
  auto village_of = [&](std::mt19937& rng) {
    std::string v = std::to_string(s.village_code()[rng() % n]);
    v.insert(0, 12 - v.size(), '0');
    return v;
  };
  auto name_of = [&](std::mt19937& rng) { return std::string(s.member_name(rng() % members)); };

  Time("region page: county, first page (50)", *index, queries, [&](std::mt19937& rng) {
    HouseholdQuery q;
    q.region_prefix = village_of(rng).substr(0, 6);
    return q;
  });
  Time("region page: township, random page (50)", *index, queries, [&](std::mt19937& rng) {
    HouseholdQuery q;
    q.region_prefix = village_of(rng).substr(0, 9);
    q.offset = rng() % 200;
    return q;
  });
  Time("region page: province, deep page (500)", *index, queries, [&](std::mt19937& rng) {
    HouseholdQuery q;
    q.region_prefix = "63";
    q.offset = rng() % n;
    q.limit = 500;
    return q;
  });
  Time("name prefix, province: first character", *index, queries, [&](std::mt19937& rng) {
    HouseholdQuery q;
    q.region_prefix = "63";
    q.name_prefix = name_of(rng).substr(0, 3);  // one CJK character (a surname, mostly)
    return q;
  });
  Time("name prefix, province: whole name", *index, queries, [&](std::mt19937& rng) {
    HouseholdQuery q;
    q.region_prefix = "63";
    q.name_prefix = name_of(rng);
    return q;
  });
  Time("name prefix, county: first character", *index, queries, [&](std::mt19937& rng) {
    HouseholdQuery q;
    q.region_prefix = village_of(rng).substr(0, 6);
    q.name_prefix = name_of(rng).substr(0, 3);
    return q;
  });
  Time("exact ID number, province", *index, queries, [&](std::mt19937& rng) {
    HouseholdQuery q;
    q.region_prefix = "63";
    q.id_number = UnpackIdNumber(s.member_id_number()[rng() % members]);
    return q;
  });
  Time("household id prefix (all but the last 2)", *index, queries, [&](std::mt19937& rng) {
    HouseholdQuery q;
    const std::string_view id = s.household_id(rng() % n);
    q.household_id_prefix = std::string(id.substr(0, id.size() - 2));
    return q;
  });
  return 0;
}
