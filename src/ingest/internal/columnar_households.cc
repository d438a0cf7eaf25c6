// households.csv in file mode: chunks read on threads, accepted rows sorted by id (files usually
// come sorted: then nothing moves), and the first row winning on a repeated id.
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "ingest/internal/columnar_files.h"
#include "ingest/internal/exchange_checks.h"
#include "registry/exchange_columns.h"

namespace xianjie::ingest::internal {
namespace {

// Orders accepted rows (by pointer) and ids.
struct ById {
  bool operator()(const HouseholdLite* a, std::string_view b) const { return a->id < b; }
  bool operator()(std::string_view a, const HouseholdLite* b) const { return a < b->id; }
};

// Sorts the accepted rows by id, keeping line order among equal ids.
void SortById(HouseholdsRead& h) {
  bool sorted = true;
  for (size_t i = 1; i < h.by_id.size() && sorted; ++i) {
    sorted = h.by_id[i - 1]->id < h.by_id[i]->id;
  }
  if (sorted) return;
  std::vector<uint32_t> order(h.by_id.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return h.by_id[a]->id < h.by_id[b]->id; });
  std::vector<HouseholdLite*> by_id(order.size());
  for (size_t i = 0; i < order.size(); ++i) by_id[i] = h.by_id[order[i]];
  h.by_id = std::move(by_id);
}

// The keys used by more than one row, accepted (`by_id`, sorted) or rejected (sorted here).
std::unordered_set<std::string_view> RepeatedIds(const HouseholdsRead& h,
                                                 std::vector<KeyUse<std::string_view>>& rejected) {
  std::unordered_set<std::string_view> repeated;
  for (size_t i = 1; i < h.by_id.size(); ++i) {
    if (h.by_id[i]->id == h.by_id[i - 1]->id) repeated.insert(h.by_id[i]->id);
  }
  std::sort(rejected.begin(), rejected.end(), [](const auto& a, const auto& b) {
    return a.key < b.key || (a.key == b.key && a.line < b.line);
  });
  for (size_t i = 0; i < rejected.size(); ++i) {
    if ((i > 0 && rejected[i].key == rejected[i - 1].key) ||
        std::binary_search(h.by_id.begin(), h.by_id.end(), rejected[i].key, ById())) {
      repeated.insert(rejected[i].key);
    }
  }
  return repeated;
}

// The first row wins on a repeated id, whether it was accepted or not (as RejectDuplicates).
// Uses are keyed by record offset, which orders them as lines do.
void RejectRepeatedIds(std::string_view data, HouseholdsRead& h,
                       std::vector<KeyUse<std::string_view>>& rejected) {
  const std::unordered_set<std::string_view> repeated = RepeatedIds(h, rejected);
  if (repeated.empty()) return;
  std::vector<KeyUse<std::string_view>> uses;
  std::unordered_map<uint64_t, HouseholdLite*> accepted_at;  // offset → accepted row
  for (HouseholdLite* row : h.by_id) {
    if (repeated.count(row->id) == 0) continue;
    uses.push_back({row->id, static_cast<int64_t>(row->offset)});
    accepted_at.emplace(row->offset, row);
  }
  for (const auto& r : rejected) {
    if (repeated.count(r.key) > 0) uses.push_back(r);
  }
  const int id_field = h.header.field_of[registry::Index(registry::HouseholdColumn::kHouseholdId)];
  const auto dups = FindDuplicates(uses);
  RejectRepeatedKeys(
      data, dups, h.pending,
      [&](uint64_t offset) {
        auto it = accepted_at.find(offset);
        if (it == accepted_at.end()) return false;
        it->second->dropped = 1;
        return true;
      },
      [&](const Duplicate<std::string_view>& d) { return DuplicateHouseholdIdProblem(id_field, d); });
  std::erase_if(h.by_id, [](const HouseholdLite* row) { return row->dropped != 0; });
}

}  // namespace

Result<HouseholdsRead> ReadHouseholdsColumnar(std::string_view data, const std::string& file_name,
                                              const registry::RegionTable& regions,
                                              const ParseOptions& options, ChunkPolicy policy) {
  constexpr auto kSpec = SpecOf(registry::kHouseholdColumnNames);
  HouseholdsRead h;
  {
    CsvReader reader(data);
    CsvRecord rec;
    XJ_ASSIGN_OR_RETURN(h.header,
                        ReadHeader(reader, rec, kSpec, file_name, options.ignored_columns));
  }
  const std::vector<size_t> starts = PlanChunks(data, policy.chunks);
  h.chunks.resize(starts.size());
  h.chain = ReadChunks(data, starts, policy.threads, [&](size_t i, ChunkReader& reader) {
    const size_t end = i + 1 < starts.size() ? starts[i + 1] : data.size();
    ReadHouseholdChunk({data, &h.header, i == 0, end - starts[i]}, reader, regions, h.chunks[i]);
  });

  std::vector<KeyUse<std::string_view>> rejected;
  size_t accepted = 0;
  for (const ChunkLink& link : h.chain) {
    HouseholdChunk& c = h.chunks[link.index];
    h.read += c.read;
    accepted += c.rows.size();
    for (PendingRow& p : c.pending) {
      p.line += link.line_offset;
      h.pending.push_back(std::move(p));
    }
    rejected.insert(rejected.end(), c.rejected_ids.begin(), c.rejected_ids.end());
  }
  h.by_id.reserve(accepted);
  ForEachRow(h.chunks, h.chain, [&](HouseholdLite& row) { h.by_id.push_back(&row); });
  SortById(h);
  RejectRepeatedIds(data, h, rejected);

  h.ids.reserve(h.by_id.size());
  for (const HouseholdLite* row : h.by_id) h.ids.push_back(row->id);
  for (const auto& r : rejected) {
    if (!std::binary_search(h.ids.begin(), h.ids.end(), r.key)) {
      h.quarantined_ids.emplace_back(r.key);
    }
  }
  std::sort(h.quarantined_ids.begin(), h.quarantined_ids.end());
  h.quarantined_ids.erase(std::unique(h.quarantined_ids.begin(), h.quarantined_ids.end()),
                          h.quarantined_ids.end());
  return h;
}

}  // namespace xianjie::ingest::internal
