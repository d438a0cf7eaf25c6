// File mode's reading of whole exchange files: the chunks of columnar_rows.h read on threads
// and joined, then the file-wide rule that the first row wins on a repeated household_id or ID
// number. Private to ingest.
#ifndef XIANJIE_INGEST_INTERNAL_COLUMNAR_FILES_H_
#define XIANJIE_INGEST_INTERNAL_COLUMNAR_FILES_H_

#include <cstddef>
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ingest/exchange_format.h"
#include "ingest/internal/columnar_rows.h"
#include "ingest/internal/csv_chunks.h"
#include "ingest/internal/quarantine.h"
#include "registry/region.h"

namespace xianjie::ingest::internal {

// How to cut a file: into `chunks` (at most) read by `threads`.
struct ChunkPolicy {
  int threads = 1;
  size_t chunks = 1;
};

// households.csv after the row rules and the rule on repeated ids.
struct HouseholdsRead {
  Header header;
  std::vector<HouseholdChunk> chunks;  // the rows; `by_id` points into them
  std::vector<ChunkLink> chain;
  std::vector<HouseholdLite*> by_id;    // accepted rows, sorted by id (unique)
  std::vector<std::string_view> ids;    // their ids
  std::vector<PendingRow> pending;      // rejected rows, in line order, with every problem
  std::vector<std::string> quarantined_ids;  // as ParsedHouseholds::quarantined_ids
  int64_t read = 0;
};

// Reads households.csv (`data`, named `file_name`); fails as ParseHouseholds does.
Result<HouseholdsRead> ReadHouseholdsColumnar(std::string_view data, const std::string& file_name,
                                              const registry::RegionTable& regions,
                                              const ParseOptions& options, ChunkPolicy policy);

// members.csv after the row rules and the rule on repeated ID numbers. Each accepted row has
// the index of its household in HouseholdsRead::ids, kUnresolved (listed in its chunk's
// `unresolved`) or kDroppedMember (a repeated ID number: now pending).
struct MembersRead {
  Header header;
  std::vector<MemberChunk> chunks;
  std::vector<ChunkLink> chain;
  std::vector<PendingRow> pending;
  // Rows dropped for a repeated ID number after their chunk counted them in its runs: their
  // household and whether they were its head.
  std::vector<std::pair<uint32_t, bool>> dropped;
  int64_t read = 0;
};

// Reads members.csv; fails as ParseMembers does. `household_ids`: HouseholdsRead::ids.
Result<MembersRead> ReadMembersColumnar(std::string_view data, const std::string& file_name,
                                        const std::vector<std::string_view>& household_ids,
                                        const ParseOptions& options, ChunkPolicy policy);

// Calls fn(row) for each row of the chained chunks, in file order.
template <typename Chunk, typename Fn>
void ForEachRow(std::vector<Chunk>& chunks, const std::vector<ChunkLink>& chain, Fn&& fn) {
  for (const ChunkLink& link : chain) {
    for (auto& row : chunks[link.index].rows) fn(row);
  }
}

// The rows named by `dups` (whose `line` and `first_line` are record offsets, as FindDuplicates
// returns them for uses keyed by offset) are rejected, the first use winning: an accepted row,
// for which is_accepted(offset) returns true after marking it, becomes a pending row with the
// problem make_problem(dup with lines); a row already pending gets the problem added. `pending`
// stays in line order.
template <typename Key, typename IsAccepted, typename MakeProblem>
void RejectRepeatedKeys(std::string_view data, const std::vector<Duplicate<Key>>& dups,
                        std::vector<PendingRow>& pending, IsAccepted&& is_accepted,
                        MakeProblem&& make_problem) {
  std::vector<uint64_t> offsets;
  for (const auto& d : dups) {
    offsets.push_back(static_cast<uint64_t>(d.line));
    offsets.push_back(static_cast<uint64_t>(d.first_line));
  }
  const std::vector<int64_t> lines = LinesAt(data, offsets);
  std::vector<PendingRow> moved;
  for (size_t i = 0; i < dups.size(); ++i) {
    const Duplicate<Key> d{dups[i].key, lines[2 * i], lines[2 * i + 1]};
    Problem problem = make_problem(d);
    if (is_accepted(static_cast<uint64_t>(dups[i].line))) {
      moved.push_back({d.line, RecordAt(data, static_cast<size_t>(dups[i].line)),
                       {std::move(problem)}});
    } else {
      auto p = std::lower_bound(pending.begin(), pending.end(), d.line,
                                [](const PendingRow& r, int64_t l) { return r.line < l; });
      p->problems.push_back(std::move(problem));
    }
  }
  for (PendingRow& p : moved) pending.push_back(std::move(p));
  std::sort(pending.begin(), pending.end(),
            [](const PendingRow& a, const PendingRow& b) { return a.line < b.line; });
}

}  // namespace xianjie::ingest::internal

#endif  // XIANJIE_INGEST_INTERNAL_COLUMNAR_FILES_H_
