// File mode's pipeline:
//   1. households.csv in chunks on threads (internal/columnar_households.cc): accepted rows
//      sorted by id, the first row winning on a repeated id
//   2. members.csv likewise (internal/columnar_members.cc), each member attached to its
//      household as it is read; the first row wins on a repeated ID number
//   3. the household rules over per-household counts; the households and members they reject,
//      and members of unknown households, go through internal::Assemble, the import's own
//      assembly, so that their entries are the import's word for word
//   4. the snapshot's columns, built in two halves on two threads and joined
#include "ingest/snapshot_reader.h"

#include <algorithm>
#include <chrono>
#include <span>
#include <thread>

#include "ingest/internal/assembly.h"
#include "ingest/internal/columnar_files.h"
#include "ingest/internal/quarantine.h"
#include "ingest/mapped_file.h"

namespace xianjie::ingest {
namespace {

using internal::HouseholdLite;
using internal::MemberAttrs;
using internal::MemberLite;
using Clock = std::chrono::steady_clock;

double Since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The two files being read, with their names.
struct ExchangeData {
  std::string_view households;
  std::string_view members;
  const std::string& households_file;
  const std::string& members_file;
};

constexpr size_t kChunksPerThread = 4;

internal::ChunkPolicy PolicyFor(size_t bytes, const SnapshotReadOptions& o) {
  const size_t threads = static_cast<size_t>(std::max(o.threads, 1));
  // Several chunks per thread: a thread that finishes early (or was not held up by other
  // processes) takes the next one, so the threads end together.
  size_t chunks = o.chunks > 0 ? static_cast<size_t>(o.chunks)
                               : std::max(threads * kChunksPerThread, bytes / (size_t{1} << 30) + 1);
  chunks = std::max<size_t>(1, std::min(chunks, bytes / std::max<size_t>(o.min_chunk_bytes, 1)));
  return {static_cast<int>(threads), chunks};
}

// The members of the kept households, grouped by household in canonical order: either the
// accepted rows in file order (the usual case: files grouped by household, in id order) or, when
// that order will not do, pointers into them.
struct MemberOrder {
  // Calls fn(row) for members [begin, end).
  template <typename Fn>
  void ForEach(size_t begin, size_t end, Fn&& fn) const {
    if (!in_file_order) {
      for (size_t j = begin; j < end; ++j) fn(*placed[j]);
      return;
    }
    size_t skip = begin, left = end - begin;
    for (std::span<const MemberLite> segment : segments) {
      if (left == 0) break;
      if (skip >= segment.size()) {
        skip -= segment.size();
        continue;
      }
      const size_t take = std::min(left, segment.size() - skip);
      for (size_t j = skip; j < skip + take; ++j) fn(segment[j]);
      left -= take;
      skip = 0;
    }
  }

  bool in_file_order = true;
  std::vector<std::span<const MemberLite>> segments;  // the chained chunks' rows
  std::vector<const MemberLite*> placed;
};

// Households of the file and the members attached to them, after the household rules.
struct Kept {
  std::vector<uint32_t> households;    // indices into HouseholdsRead::by_id, in id order
  std::vector<uint32_t> member_begin;  // per kept household, into `members`; size + 1
  MemberOrder members;
  internal::Assembly assembly;         // the entries of the rejected ones
};

// Hands the rejected households, their members and the members of households not in the file
// to internal::Assemble, which writes their entries exactly as an import does.
internal::Assembly AssembleRejected(const internal::HouseholdsRead& h,
                                    const std::vector<uint8_t>& rejected,
                                    internal::MembersRead& m, const ExchangeData& files) {
  const auto n = static_cast<uint32_t>(h.ids.size());
  ParsedHouseholds households;
  std::vector<uint64_t> offsets;
  for (uint32_t g = 0; g < n; ++g) {
    if (rejected[g] != 0) offsets.push_back(h.by_id[g]->offset);
  }
  std::vector<int64_t> lines = internal::LinesAt(files.households, offsets);
  for (size_t i = 0, g = 0; g < n; ++g) {
    if (rejected[g] == 0) continue;
    HouseholdRow& r = households.rows.emplace_back();
    r.line = lines[i];
    r.raw = internal::RecordAt(files.households, offsets[i++]);
    r.household.household_id = h.ids[g];
  }
  ParsedMembers members;
  offsets.clear();
  auto add = [&](const MemberLite& row, std::string_view household_id) {
    MemberRow& r = members.rows.emplace_back();
    r.household_id = household_id;
    r.member.relation = MemberAttrs::Relation(row.attrs);
    offsets.push_back(row.offset);
  };
  for (const internal::ChunkLink& link : m.chain) {
    for (const auto& [index, household_id] : m.chunks[link.index].unresolved) {
      const MemberLite& row = m.chunks[link.index].rows[index];
      if (row.household == internal::kUnresolved) add(row, household_id);  // else repeated
    }
  }
  if (!households.rows.empty()) {
    internal::ForEachRow(m.chunks, m.chain, [&](const MemberLite& row) {
      if (row.household < n && rejected[row.household] != 0) add(row, h.ids[row.household]);
    });
  }
  lines = internal::LinesAt(files.members, offsets);
  for (size_t i = 0; i < members.rows.size(); ++i) {
    members.rows[i].line = lines[i];
    members.rows[i].raw = internal::RecordAt(files.members, offsets[i]);
  }
  if (households.rows.empty() && members.rows.empty()) return {};
  // Assemble reads members in line order (the lines of two heads are listed in it).
  std::sort(members.rows.begin(), members.rows.end(),
            [](const MemberRow& a, const MemberRow& b) { return a.line < b.line; });
  households.quarantined_ids = h.quarantined_ids;
  return internal::Assemble(households, members, internal::RegistryIndex{}, files.households_file,
                            files.members_file);
}

// Applies the household rules: a household needs at least one accepted member and exactly one
// head. Then groups the members of the households kept.
Kept ApplyHouseholdRules(const internal::HouseholdsRead& h, internal::MembersRead& m,
                         const ExchangeData& files) {
  const auto n = static_cast<uint32_t>(h.ids.size());
  std::vector<uint32_t> count(n, 0), heads(n, 0);
  Kept kept;
  kept.members.in_file_order = m.dropped.empty();
  const MemberLite* previous = nullptr;  // the last row of the chunks so far
  for (const internal::ChunkLink& link : m.chain) {
    const internal::MemberChunk& c = m.chunks[link.index];
    for (const internal::MemberRun& run : c.runs) {
      count[run.household] += run.members;
      heads[run.household] += run.heads;
    }
    if (!c.in_order) kept.members.in_file_order = false;
    if (c.rows.empty()) continue;
    const MemberLite& first = c.rows.front();  // in order within its chunk: is it after `last`?
    if (previous != nullptr && first.household < n && previous->household < n &&
        (first.household < previous->household ||
         (first.household == previous->household &&
          !internal::CanonicalOrder(*previous, first)))) {
      kept.members.in_file_order = false;
    }
    previous = &c.rows.back();
  }
  for (const auto& [household, head] : m.dropped) {
    --count[household];
    heads[household] -= head ? 1 : 0;
  }

  std::vector<uint8_t> rejected(n, 0);
  for (uint32_t g = 0; g < n; ++g) {
    if (count[g] > 0 && heads[g] == 1) {
      kept.households.push_back(g);
    } else {
      rejected[g] = 1;
      if (count[g] > 0) kept.members.in_file_order = false;
    }
  }
  kept.assembly = AssembleRejected(h, rejected, m, files);

  kept.member_begin.assign(kept.households.size() + 1, 0);
  for (size_t k = 0; k < kept.households.size(); ++k) {
    kept.member_begin[k + 1] = kept.member_begin[k] + count[kept.households[k]];
  }
  if (kept.members.in_file_order) {
    for (const internal::ChunkLink& link : m.chain) {
      kept.members.segments.emplace_back(m.chunks[link.index].rows);
    }
    return kept;
  }
  // Members grouped by kept household, in file order, then put in canonical order.
  std::vector<uint32_t> next(n, 0);
  for (size_t k = 0; k < kept.households.size(); ++k) {
    next[kept.households[k]] = kept.member_begin[k];
  }
  std::vector<const MemberLite*>& placed = kept.members.placed;
  placed.resize(kept.member_begin.back());
  internal::ForEachRow(m.chunks, m.chain, [&](const MemberLite& row) {
    if (row.household < n && rejected[row.household] == 0) placed[next[row.household]++] = &row;
  });
  auto by_pointer = [](const MemberLite* a, const MemberLite* b) {
    return internal::CanonicalOrder(*a, *b);
  };
  for (size_t k = 0; k < kept.households.size(); ++k) {
    auto first = placed.begin() + kept.member_begin[k];
    auto last = placed.begin() + kept.member_begin[k + 1];
    if (!std::is_sorted(first, last, by_pointer)) std::sort(first, last, by_pointer);
  }
  return kept;
}

// The kept households' own columns (one stream of the builder), in batches.
Status BuildHouseholds(const internal::HouseholdsRead& h, const Kept& kept,
                       registry::SnapshotBuilder& builder) {
  using Values = registry::SnapshotBuilder::HouseholdValues;
  constexpr size_t kBatch = 2048;
  std::vector<Values> batch;
  batch.reserve(kBatch);
  for (uint32_t g : kept.households) {
    const HouseholdLite& r = *h.by_id[g];
    Values& v = batch.emplace_back();
    v.household_id = r.id;
    v.village_code = r.village_code;
    v.status = static_cast<registry::HouseholdStatus>(r.status);
    std::copy(std::begin(r.money), std::end(r.money), v.money);
    v.prev_valid = r.prev_valid != 0;
    v.prev_net_income = r.prev_net_income;
    v.housing_safe = r.housing_safe != 0;
    v.water_safe = r.water_safe != 0;
    if (batch.size() == kBatch) {
      XJ_RETURN_IF_ERROR(builder.AddHouseholdFacts(batch));
      batch.clear();
    }
  }
  return builder.AddHouseholdFacts(batch);
}

// Their members (the other stream), in batches.
void BuildMembers(const Kept& kept, registry::SnapshotBuilder& builder) {
  using Values = registry::SnapshotBuilder::MemberValues;
  constexpr size_t kBatch = 4096;
  std::vector<Values> batch;
  batch.reserve(kBatch);
  const size_t n = kept.households.size();
  kept.members.ForEach(0, kept.member_begin[n], [&](const MemberLite& m) {
    const uint32_t a = m.attrs;
    batch.push_back(Values{m.packed_id, m.name(), m.birth_ymd, MemberAttrs::Relation(a),
                           MemberAttrs::Sex(a), MemberAttrs::Labor(a), MemberAttrs::Health(a),
                           MemberAttrs::Stage(a), MemberAttrs::Enrolled(a),
                           MemberAttrs::MedInsured(a), MemberAttrs::PensionInsured(a),
                           MemberAttrs::SharesHousehold(a)});
    if (batch.size() == kBatch) {
      builder.AddMemberColumns(batch);
      batch.clear();
    }
  });
  builder.AddMemberColumns(batch);
  std::vector<uint32_t> counts(n);
  for (size_t k = 0; k < n; ++k) counts[k] = kept.member_begin[k + 1] - kept.member_begin[k];
  builder.EndMembers(counts);
}

// The snapshot's columns: households on one thread, members on another.
Result<std::shared_ptr<const registry::Snapshot>> Build(const internal::HouseholdsRead& h,
                                                        const internal::MembersRead& m,
                                                        const Kept& kept, int threads) {
  size_t id_bytes = 0;
  for (uint32_t g : kept.households) id_bytes += h.ids[g].size();
  size_t name_bytes = 0;  // of all accepted rows: the kept members' names or a little more
  for (const internal::MemberChunk& c : m.chunks) name_bytes += c.name_bytes;
  registry::SnapshotBuilder builder;
  builder.Reserve(kept.households.size(), kept.member_begin.back(), id_bytes, name_bytes);
  Status households;
  if (threads < 2) {
    households = BuildHouseholds(h, kept, builder);
    BuildMembers(kept, builder);
  } else {
    std::thread helper([&] { BuildMembers(kept, builder); });
    households = BuildHouseholds(h, kept, builder);
    helper.join();
  }
  XJ_RETURN_IF_ERROR(households);
  return builder.Finish();
}

}  // namespace

Result<SnapshotRead> ReadSnapshotFromExchangeData(std::string_view households,
                                                  std::string_view members,
                                                  const std::string& households_file,
                                                  const std::string& members_file,
                                                  const registry::RegionTable& regions,
                                                  const SnapshotReadOptions& options) {
  SnapshotRead out;
  out.households_file = households_file;
  out.members_file = members_file;
  auto start = Clock::now();
  XJ_ASSIGN_OR_RETURN(internal::HouseholdsRead h,
                      internal::ReadHouseholdsColumnar(households, households_file, regions,
                                                       options.parse,
                                                       PolicyFor(households.size(), options)));
  out.timings.households = Since(start);
  start = Clock::now();
  XJ_ASSIGN_OR_RETURN(internal::MembersRead m,
                      internal::ReadMembersColumnar(members, members_file, h.ids, options.parse,
                                                    PolicyFor(members.size(), options)));
  out.timings.members = Since(start);

  start = Clock::now();
  Kept kept = ApplyHouseholdRules(h, m, {households, members, households_file, members_file});
  out.households = {h.read, static_cast<int64_t>(kept.households.size()),
                    static_cast<int64_t>(h.pending.size()) + kept.assembly.households_quarantined};
  out.members = {m.read, static_cast<int64_t>(kept.member_begin.back()),
                 static_cast<int64_t>(m.pending.size()) + kept.assembly.members_quarantined};
  if (out.households.read != out.households.accepted + out.households.quarantined ||
      out.members.read != out.members.accepted + out.members.quarantined) {
    return Internal("file mode accounting broke: read != accepted + quarantined. Please report "
                    "this with the input files.");
  }
  for (auto* part : {&h.pending, &m.pending}) {
    const bool is_households = part == &h.pending;
    auto entries = internal::RenderQuarantine(*part, is_households ? h.header : m.header,
                                              is_households ? households_file : members_file);
    for (auto& e : entries) out.quarantine.push_back(std::move(e));
  }
  for (auto& e : kept.assembly.quarantine) out.quarantine.push_back(std::move(e));
  std::stable_sort(out.quarantine.begin(), out.quarantine.end(), [](const auto& a, const auto& b) {
    return std::tie(a.file, a.line) < std::tie(b.file, b.line);
  });
  for (const auto& e : out.quarantine) ++out.quarantined_by_rule[e.rule];
  out.timings.rules = Since(start);

  start = Clock::now();
  XJ_ASSIGN_OR_RETURN(out.snapshot, Build(h, m, kept, options.threads));
  const registry::Snapshot& s = *out.snapshot;
  for (uint32_t row = 0; row < s.households(); ++row) {
    if (s.counted_members()[row] != 0) continue;
    if (++out.households_without_counted_members <= 20) {
      out.households_without_counted_members_sample.emplace_back(s.household_id(row));
    }
  }
  out.timings.build = Since(start);
  return out;
}

Result<SnapshotRead> ReadSnapshotFromExchangeFiles(const std::string& households_path,
                                                   const std::string& members_path,
                                                   const registry::RegionTable& regions,
                                                   const SnapshotReadOptions& options) {
  if (households_path.empty() || members_path.empty()) {
    return InvalidArgument("file mode needs both files: a households file and a members file");
  }
  const auto start = Clock::now();
  XJ_ASSIGN_OR_RETURN(MappedFile households, MappedFile::Open(households_path, "households file"));
  XJ_ASSIGN_OR_RETURN(MappedFile members, MappedFile::Open(members_path, "members file"));
  const double open = Since(start);
  XJ_ASSIGN_OR_RETURN(
      SnapshotRead read,
      ReadSnapshotFromExchangeData(households.data(), members.data(), FileName(households_path),
                                   FileName(members_path), regions, options));
  read.timings.open = open;
  return read;
}

}  // namespace xianjie::ingest
