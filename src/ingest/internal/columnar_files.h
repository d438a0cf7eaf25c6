// File mode's reading of whole exchange files: the chunks of columnar_rows.h read on threads
// and joined, then the file-wide rule that the first row wins on a repeated household_id or ID
// number. Private to ingest.
#ifndef XIANJIE_INGEST_INTERNAL_COLUMNAR_FILES_H_
#define XIANJIE_INGEST_INTERNAL_COLUMNAR_FILES_H_

#include <cstddef>
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
  std::vector<int64_t> by_id_line;      // their lines
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
  int64_t read = 0;
};

// Reads members.csv; fails as ParseMembers does. `household_ids`: HouseholdsRead::ids.
Result<MembersRead> ReadMembersColumnar(std::string_view data, const std::string& file_name,
                                        const std::vector<std::string_view>& household_ids,
                                        const ParseOptions& options, ChunkPolicy policy);

// Calls fn(row, absolute line) for each row of the chained chunks, in file order.
template <typename Chunk, typename Fn>
void ForEachRow(std::vector<Chunk>& chunks, const std::vector<ChunkLink>& chain, Fn&& fn) {
  for (const ChunkLink& link : chain) {
    for (auto& row : chunks[link.index].rows) fn(row, row.line + link.line_offset);
  }
}

}  // namespace xianjie::ingest::internal

#endif  // XIANJIE_INGEST_INTERNAL_COLUMNAR_FILES_H_
