// ScreenAll and ScreenRows: batches of kBatchSize households through a StandardRunner. ScreenAll
// gives each thread a contiguous range of whole batches; ScreenRows groups the requested rows
// into batches of nearby rows and scatters the results back to the caller's order.
#include "rules/screen.h"

#include <algorithm>
#include <thread>
#include <utility>
#include <vector>

#include "rules/compiled_standard.h"
#include "rules/executor/standard_runner.h"

namespace xianjie::rules {
namespace {

// Screens household rows [begin, end) into the outcome's columns (indexed by row). Every batch
// is evaluated densely; households without a counted member are masked out afterwards (their
// rules are computed but never fire), which keeps the kernels on their vectorizable path.
void ScreenRange(const registry::Snapshot& snapshot, const CompiledStandard& standard,
                 const FactColumns* facts, uint32_t begin, uint32_t end, ScreenOutcome* out) {
  StandardRunner runner(snapshot, standard, facts);
  const uint32_t* counted = snapshot.counted_members();
  for (uint32_t base = begin; base < end; base += kBatchSize) {
    const uint32_t count = std::min(kBatchSize, end - base);
    uint8_t* screened = out->screened.data() + base;
    for (uint32_t i = 0; i < count; ++i) screened[i] = counted[base + i] > 0 ? 1 : 0;
    runner.Run(base, count, Sel{nullptr, count}, out->fired.data() + base, out->type.data() + base,
               out->risks.data() + base, screened);
  }
}

}  // namespace

ScreenOutcome ScreenAll(const registry::Snapshot& snapshot, const CompiledStandard& standard,
                        int threads, const FactColumns* facts) {
  CheckFactsAligned(snapshot, facts);  // here, not in a worker thread
  const auto households = static_cast<uint32_t>(snapshot.households());
  ScreenOutcome out;
  out.fired.resize(households);
  out.type.resize(households);
  out.risks.resize(households);
  out.screened.resize(households);
  const uint32_t batches = (households + kBatchSize - 1) / kBatchSize;
  const uint32_t parts = std::max<uint32_t>(
      1, std::min<uint32_t>(static_cast<uint32_t>(std::max(threads, 1)), batches));
  if (parts <= 1) {
    ScreenRange(snapshot, standard, facts, 0, households, &out);
    return out;
  }
  std::vector<std::thread> workers;
  workers.reserve(parts - 1);
  auto range_start = [&](uint32_t p) {
    return std::min(households, static_cast<uint32_t>(uint64_t{batches} * p / parts) * kBatchSize);
  };
  for (uint32_t p = 1; p < parts; ++p) {
    workers.emplace_back(ScreenRange, std::cref(snapshot), std::cref(standard), facts,
                         range_start(p), range_start(p + 1), &out);
  }
  ScreenRange(snapshot, standard, facts, 0, range_start(1), &out);
  for (std::thread& w : workers) w.join();
  return out;
}

ScreenOutcome ScreenRows(const registry::Snapshot& snapshot, const CompiledStandard& standard,
                         std::span<const uint32_t> rows, const FactColumns* facts) {
  ScreenOutcome out;
  out.rows.assign(rows.begin(), rows.end());
  out.fired.resize(rows.size());
  out.type.resize(rows.size());
  out.risks.resize(rows.size());
  out.screened.resize(rows.size());
  std::vector<std::pair<uint32_t, uint32_t>> order;  // (row, position)
  order.reserve(rows.size());
  for (size_t k = 0; k < rows.size(); ++k) order.emplace_back(rows[k], static_cast<uint32_t>(k));
  std::sort(order.begin(), order.end());

  StandardRunner runner(snapshot, standard, facts);
  const uint32_t* counted = snapshot.counted_members();
  std::vector<uint32_t> sel(kBatchSize);
  std::vector<uint32_t> fired(kBatchSize);
  std::vector<uint8_t> type(kBatchSize);
  std::vector<uint16_t> risks(kBatchSize);
  for (size_t k = 0; k < order.size();) {
    const uint32_t base = order[k].first;
    size_t end = k;
    uint32_t n = 0;
    while (end < order.size() && order[end].first - base < kBatchSize) {
      const uint32_t i = order[end].first - base;
      sel[n] = i;
      n += counted[order[end].first] > 0 ? 1 : 0;
      ++end;
    }
    const uint32_t count = order[end - 1].first - base + 1;
    runner.Run(base, count, Sel{sel.data(), n}, fired.data(), type.data(), risks.data());
    for (size_t j = k; j < end; ++j) {
      const uint32_t i = order[j].first - base;
      const uint32_t pos = order[j].second;
      out.fired[pos] = fired[i];
      out.type[pos] = type[i];
      out.risks[pos] = risks[i];
      out.screened[pos] = counted[order[j].first] > 0 ? 1 : 0;
    }
    k = end;
  }
  return out;
}

}  // namespace xianjie::rules
