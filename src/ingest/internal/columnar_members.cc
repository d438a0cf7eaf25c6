// members.csv in file mode: chunks read on threads, then the first row winning on a repeated ID
// number, found with hash sets of packed numbers, one per thread for its share of the numbers
// (the import sorts them instead).
#include <algorithm>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "ingest/internal/columnar_files.h"
#include "ingest/internal/exchange_checks.h"
#include "registry/exchange_columns.h"

namespace xianjie::ingest::internal {
namespace {

// An open-addressing set of packed ID numbers (never 0: no valid number packs to 0).
class PackedIdSet {
 public:
  explicit PackedIdSet(size_t expected) {
    while ((size_t{1} << bits_) < expected * 2) ++bits_;
    slots_.assign(size_t{1} << bits_, 0);
  }
  // False if `key` was in the set already.
  bool Insert(uint64_t key) {
    const size_t mask = slots_.size() - 1;
    for (size_t i = (key * 0x9E3779B97F4A7C15ULL) >> (64 - bits_);; i = (i + 1) & mask) {
      if (slots_[i] == key) return false;
      if (slots_[i] == 0) {
        slots_[i] = key;
        return true;
      }
    }
  }

 private:
  int bits_ = 4;
  std::vector<uint64_t> slots_;
};

// The first row wins on a repeated ID number. Uses are keyed by record offset.
void RejectRepeatedIdNumbers(std::string_view data, MembersRead& m,
                             const std::vector<KeyUse<uint64_t>>& rejected, int threads) {
  size_t total = rejected.size();
  for (const ChunkLink& link : m.chain) total += m.chunks[link.index].rows.size();
  // The keys split in parts by a hash, each part's set filled by its own thread.
  const auto parts = static_cast<uint64_t>(std::clamp(threads, 1, 8));
  auto part_of = [parts](uint64_t key) { return (key * 0xC2B2AE3D27D4EB4FULL >> 40) % parts; };
  std::vector<std::vector<uint64_t>> found(parts);
  auto scan = [&](uint64_t part) {
    PackedIdSet seen(total / parts + 1);
    ForEachRow(m.chunks, m.chain, [&](const MemberLite& row) {
      if (part_of(row.packed_id) == part && !seen.Insert(row.packed_id)) {
        found[part].push_back(row.packed_id);
      }
    });
    for (const auto& r : rejected) {
      if (part_of(r.key) == part && !seen.Insert(r.key)) found[part].push_back(r.key);
    }
  };
  std::vector<std::thread> pool;
  for (uint64_t part = 1; part < parts; ++part) pool.emplace_back(scan, part);
  scan(0);
  for (std::thread& t : pool) t.join();
  std::unordered_set<uint64_t> repeated;
  for (const auto& keys : found) repeated.insert(keys.begin(), keys.end());
  if (repeated.empty()) return;

  std::vector<KeyUse<uint64_t>> uses;
  std::unordered_map<uint64_t, MemberLite*> accepted_at;  // offset → accepted row using a key
  ForEachRow(m.chunks, m.chain, [&](MemberLite& row) {
    if (repeated.count(row.packed_id) == 0) return;
    uses.push_back({row.packed_id, static_cast<int64_t>(row.offset)});
    accepted_at.emplace(row.offset, &row);
  });
  for (const auto& r : rejected) {
    if (repeated.count(r.key) > 0) uses.push_back(r);
  }
  const int id_field = m.header.field_of[registry::Index(registry::MemberColumn::kIdNumber)];
  RejectRepeatedKeys(
      data, FindDuplicates(uses), m.pending,
      [&](uint64_t offset) {
        auto it = accepted_at.find(offset);
        if (it == accepted_at.end()) return false;
        it->second->household = kDroppedMember;
        return true;
      },
      [&](const Duplicate<uint64_t>& d) { return DuplicateIdNumberProblem(id_field, d); });
}

}  // namespace

Result<MembersRead> ReadMembersColumnar(std::string_view data, const std::string& file_name,
                                        const std::vector<std::string_view>& household_ids,
                                        const ParseOptions& options, ChunkPolicy policy) {
  constexpr auto kSpec = SpecOf(registry::kMemberColumnNames,
                                registry::Index(registry::MemberColumn::kSharesHousehold));
  MembersRead m;
  {
    CsvReader reader(data);
    CsvRecord rec;
    XJ_ASSIGN_OR_RETURN(m.header,
                        ReadHeader(reader, rec, kSpec, file_name, options.ignored_columns));
  }
  const std::vector<size_t> starts = PlanChunks(data, policy.chunks);
  m.chunks.resize(starts.size());
  m.chain = ReadChunks(data, starts, policy.threads, [&](size_t i, ChunkReader& reader) {
    const size_t end = i + 1 < starts.size() ? starts[i + 1] : data.size();
    ReadMemberChunk({data, &m.header, i == 0, end - starts[i]}, reader, options.today,
                    household_ids, m.chunks[i]);
  });

  std::vector<KeyUse<uint64_t>> rejected;
  for (const ChunkLink& link : m.chain) {
    MemberChunk& c = m.chunks[link.index];
    m.read += c.read;
    for (PendingRow& p : c.pending) {
      p.line += link.line_offset;
      m.pending.push_back(std::move(p));
    }
    rejected.insert(rejected.end(), c.rejected_ids.begin(), c.rejected_ids.end());
  }
  RejectRepeatedIdNumbers(data, m, rejected, policy.threads);
  return m;
}

}  // namespace xianjie::ingest::internal
