// File mode's rows: one chunk of households.csv or members.csv read and checked (the shared
// checks of exchange_checks.h) into compact rows of plain values, ready for the snapshot's
// columns: no registry::Household or Member kept, no string per row. Private to ingest.
#ifndef XIANJIE_INGEST_INTERNAL_COLUMNAR_ROWS_H_
#define XIANJIE_INGEST_INTERNAL_COLUMNAR_ROWS_H_

#include <cstdint>
#include <forward_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/date.h"
#include "ingest/internal/csv_chunks.h"
#include "ingest/internal/quarantine.h"
#include "ingest/internal/row_check.h"
#include "registry/codes.h"
#include "registry/region.h"

namespace xianjie::ingest::internal {

// An accepted row of households.csv.
// Rows keep the offset of their record in the file rather than its line and bytes, which only
// the few rows quarantined after reading need (LinesAt, RecordAt in csv_chunks.h).
struct HouseholdLite {
  std::string_view id;    // into the file's data or the chunk's owned text
  uint64_t offset = 0;    // of the record in the file
  int64_t money[8] = {};  // registry::SnapshotBuilder::MoneyField order, fen
  int64_t prev_net_income = 0;
  uint64_t village_code : 40 = 0;
  uint64_t status : 1 = 0;
  uint64_t prev_valid : 1 = 0;
  uint64_t housing_safe : 1 = 1;
  uint64_t water_safe : 1 = 1;
  uint64_t dropped : 1 = 0;  // quarantined later (a repeated id)
};

// The enumerations and flags of a member, packed.
struct MemberAttrs {
  static uint32_t Pack(const registry::Member& m);
  static registry::Relation Relation(uint32_t a) {
    return static_cast<registry::Relation>(a & 0xF);
  }
  static registry::Sex Sex(uint32_t a) { return static_cast<registry::Sex>(a >> 4 & 1); }
  static registry::Labor Labor(uint32_t a) { return static_cast<registry::Labor>(a >> 5 & 7); }
  static registry::Health Health(uint32_t a) {
    return static_cast<registry::Health>(a >> 8 & 3);
  }
  static registry::SchoolStage Stage(uint32_t a) {
    return static_cast<registry::SchoolStage>(a >> 10 & 7);
  }
  static bool Enrolled(uint32_t a) { return (a >> 13 & 1) != 0; }
  static bool MedInsured(uint32_t a) { return (a >> 14 & 1) != 0; }
  static bool PensionInsured(uint32_t a) { return (a >> 15 & 1) != 0; }
  static bool SharesHousehold(uint32_t a) { return (a >> 16 & 1) != 0; }
};

// Household of a member row: an index into the sorted accepted households, or one of these.
inline constexpr uint32_t kUnresolved = 0xFFFFFFFF;  // not an accepted household of the file
inline constexpr uint32_t kDroppedMember = 0xFFFFFFFE;  // quarantined later (a repeated ID)

// An accepted row of members.csv.
struct MemberLite {
  std::string_view name() const { return {name_data, name_size}; }

  uint64_t packed_id = 0;
  uint64_t offset = 0;  // of the record in the file
  // The name: into the file's data or the chunk's owned text (a pointer and a 32-bit size keep
  // the row at 40 bytes).
  const char* name_data = nullptr;
  uint32_t name_size = 0;
  uint32_t household = kUnresolved;
  int32_t birth_ymd = 0;
  uint32_t attrs = 0;
};

// One chunk of households.csv.
struct HouseholdChunk {
  std::vector<HouseholdLite> rows;  // in line order
  std::vector<PendingRow> pending;  // rejected rows, in line order
  // Rows rejected by a check but with a valid household_id: they take part in the uniqueness
  // rule (the first row wins even if it is rejected) and name quarantined households. Their
  // `line` is the record's offset in the file, like the accepted rows'.
  std::vector<KeyUse<std::string_view>> rejected_ids;
  std::forward_list<std::string> owned;  // ids that are not views into the data
  int64_t read = 0;
};

// Canonical member order (registry/household.h Canonicalize): the head first, then by ID
// number (the order of packed numbers is the order of their text).
inline bool CanonicalOrder(const MemberLite& a, const MemberLite& b) {
  const bool ah = MemberAttrs::Relation(a.attrs) == registry::Relation::kHead;
  const bool bh = MemberAttrs::Relation(b.attrs) == registry::Relation::kHead;
  if (ah != bh) return ah;
  return a.packed_id < b.packed_id;
}

// Consecutive accepted rows of one household: what the household rules count, without a
// second pass over the rows.
struct MemberRun {
  uint32_t household;
  uint32_t members;
  uint32_t heads;
};

// One chunk of members.csv.
struct MemberChunk {
  std::vector<MemberLite> rows;
  std::vector<MemberRun> runs;  // of the rows attached to a household, in row order
  // The rows are attached to households in increasing id order, each household's rows
  // together and in canonical order.
  bool in_order = true;
  std::vector<PendingRow> pending;
  std::vector<KeyUse<uint64_t>> rejected_ids;  // rejected rows with a valid ID number (offsets)
  // Accepted rows whose household_id is not an accepted household: row index and the id.
  std::vector<std::pair<uint32_t, std::string>> unresolved;
  std::forward_list<std::string> owned;  // names that are not views into the data
  size_t name_bytes = 0;                 // of the accepted rows' names
  int64_t read = 0;
};

// The accepted households by id, for attaching members: sorted unique ids. Each thread uses
// its own HouseholdResolver over it.
class HouseholdResolver {
 public:
  explicit HouseholdResolver(const std::vector<std::string_view>& sorted_ids)
      : ids_(sorted_ids) {}
  // Index of `id` in the sorted ids, or kUnresolved. Members come grouped by household in most
  // files, so the last household and the one after it are tried before a binary search.
  uint32_t Find(std::string_view id);

 private:
  const std::vector<std::string_view>& ids_;
  uint32_t last_ = kUnresolved;
};

struct ChunkContext {
  std::string_view data;  // the whole file
  const Header* header;
  bool first_chunk;    // its first record is the header
  size_t chunk_bytes;  // the planned size of the chunk, to reserve for its rows
};

// Reads and checks the households of one chunk.
void ReadHouseholdChunk(const ChunkContext& context, ChunkReader& reader,
                        const registry::RegionTable& regions, HouseholdChunk& out);

// Reads and checks the members of one chunk, attaching each accepted row to its household.
void ReadMemberChunk(const ChunkContext& context, ChunkReader& reader, CivilDate today,
                     const std::vector<std::string_view>& household_ids, MemberChunk& out);

}  // namespace xianjie::ingest::internal

#endif  // XIANJIE_INGEST_INTERNAL_COLUMNAR_ROWS_H_
