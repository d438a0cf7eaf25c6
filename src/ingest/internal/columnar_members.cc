// members.csv in file mode: chunks read on threads, then the first row winning on a repeated ID
// number, found with sets of fingerprints, one per thread for its share of the numbers, and
// checked exactly among the few suspects (the import sorts all numbers instead).
#include <algorithm>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "ingest/internal/columnar_files.h"
#include "ingest/internal/exchange_checks.h"
#include "registry/exchange_columns.h"

namespace xianjie::ingest::internal {
namespace {

// A 64-bit mix of a packed ID number: the top bits pick a thread's part and a slot, the low 32
// bits are its fingerprint.
uint64_t Mix(uint64_t key) {
  key ^= key >> 33;
  key *= 0xFF51AFD7ED558CCDULL;
  key ^= key >> 33;
  key *= 0xC4CEB9FE1A85EC53ULL;
  return key ^ (key >> 33);
}

// An open-addressing set of 32-bit fingerprints of packed ID numbers: a quarter of the memory of
// the numbers themselves, so that it stays in the cache. Two numbers with one fingerprint pass
// for a repeat; the caller checks the suspects exactly.
class FingerprintSet {
 public:
  explicit FingerprintSet(size_t expected) {
    while ((size_t{1} << bits_) < expected * 3 / 2 + 16) ++bits_;
    slots_.assign(size_t{1} << bits_, 0);
  }
  // False if a number with the fingerprint of `mixed` was inserted before.
  bool Insert(uint64_t mixed) {
    const size_t mask = slots_.size() - 1;
    const uint32_t fingerprint = static_cast<uint32_t>(mixed) | 1;  // 0 marks an empty slot
    for (size_t i = (mixed >> 24) & mask;; i = (i + 1) & mask) {
      if (slots_[i] == fingerprint) return false;
      if (slots_[i] == 0) {
        slots_[i] = fingerprint;
        return true;
      }
    }
  }

 private:
  int bits_ = 4;
  std::vector<uint32_t> slots_;
};

// The first row wins on a repeated ID number. Uses are keyed by record offset.
void RejectRepeatedIdNumbers(std::string_view data, MembersRead& m,
                             const std::vector<KeyUse<uint64_t>>& rejected, int threads) {
  size_t total = rejected.size();
  for (const ChunkLink& link : m.chain) total += m.chunks[link.index].rows.size();
  // The numbers split in parts by a hash, each part's set filled by its own thread; what the
  // sets find are fingerprints of possibly repeated numbers.
  const auto parts = static_cast<uint64_t>(std::clamp(threads, 1, 8));
  std::vector<std::vector<uint32_t>> found(parts);
  auto scan = [&](uint64_t part) {
    FingerprintSet seen(total / parts + 1);
    auto visit = [&](uint64_t key) {
      const uint64_t mixed = Mix(key);
      if ((mixed >> 56) % parts == part && !seen.Insert(mixed)) {
        found[part].push_back(static_cast<uint32_t>(mixed) | 1);
      }
    };
    ForEachRow(m.chunks, m.chain, [&](const MemberLite& row) { visit(row.packed_id); });
    for (const auto& r : rejected) visit(r.key);
  };
  std::vector<std::thread> pool;
  for (uint64_t part = 1; part < parts; ++part) pool.emplace_back(scan, part);
  scan(0);
  for (std::thread& t : pool) t.join();
  std::unordered_set<uint32_t> suspects;
  for (const auto& fingerprints : found) suspects.insert(fingerprints.begin(), fingerprints.end());
  if (suspects.empty()) return;

  // Every use of a suspect number, then the exact repeats among them.
  auto suspect = [&](uint64_t key) {
    return suspects.count(static_cast<uint32_t>(Mix(key)) | 1) > 0;
  };
  std::vector<KeyUse<uint64_t>> uses;
  std::unordered_map<uint64_t, MemberLite*> accepted_at;  // offset → accepted row using a key
  ForEachRow(m.chunks, m.chain, [&](MemberLite& row) {
    if (!suspect(row.packed_id)) return;
    uses.push_back({row.packed_id, static_cast<int64_t>(row.offset)});
    accepted_at.emplace(row.offset, &row);
  });
  for (const auto& r : rejected) {
    if (suspect(r.key)) uses.push_back(r);
  }
  const int id_field = m.header.field_of[registry::Index(registry::MemberColumn::kIdNumber)];
  RejectRepeatedKeys(
      data, FindDuplicates(uses), m.pending,
      [&](uint64_t offset) {
        auto it = accepted_at.find(offset);
        if (it == accepted_at.end()) return false;
        MemberLite& row = *it->second;
        if (row.household != kUnresolved) {
          m.dropped.emplace_back(row.household,
                                 MemberAttrs::Relation(row.attrs) == registry::Relation::kHead);
        }
        row.household = kDroppedMember;
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
