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

std::string BaseName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

internal::ChunkPolicy PolicyFor(size_t bytes, const SnapshotReadOptions& o) {
  const size_t threads = static_cast<size_t>(std::max(o.threads, 1));
  size_t chunks = o.chunks > 0 ? static_cast<size_t>(o.chunks)
                               : std::max(threads, bytes / (size_t{1} << 30) + 1);
  chunks = std::max<size_t>(1, std::min(chunks, bytes / std::max<size_t>(o.min_chunk_bytes, 1)));
  return {static_cast<int>(threads), chunks};
}

// Households of the file and the members attached to them, after the household rules.
struct Kept {
  std::vector<uint32_t> households;      // indices into HouseholdsRead::by_id, in id order
  std::vector<uint32_t> member_begin;    // per kept household, into `members`; size + 1
  std::vector<const MemberLite*> members;  // grouped by household, canonical order
  internal::Assembly assembly;           // the entries of the rejected ones
};

// Applies the household rules: a household needs at least one accepted member and exactly one
// head. Rejected households, their members and the members of unknown or quarantined
// households are handed to internal::Assemble for their entries.
Kept ApplyHouseholdRules(internal::HouseholdsRead& h, internal::MembersRead& m,
                         const std::string& households_file, const std::string& members_file) {
  const auto n = static_cast<uint32_t>(h.ids.size());
  std::vector<uint32_t> count(n, 0), heads(n, 0);
  internal::ForEachRow(m.chunks, m.chain, [&](const MemberLite& row, int64_t) {
    if (row.household >= n) return;
    ++count[row.household];
    if (MemberAttrs::Relation(row.attrs) == registry::Relation::kHead) ++heads[row.household];
  });

  Kept kept;
  std::vector<uint8_t> rejected(n, 0);
  ParsedHouseholds rejected_households;
  for (uint32_t g = 0; g < n; ++g) {
    if (count[g] > 0 && heads[g] == 1) {
      kept.households.push_back(g);
      continue;
    }
    rejected[g] = 1;
    const HouseholdLite& row = *h.by_id[g];
    HouseholdRow& r = rejected_households.rows.emplace_back();
    r.line = h.by_id_line[g];
    r.raw = row.raw;
    r.household.household_id = row.id;
  }
  ParsedMembers rejected_members;
  for (const internal::ChunkLink& link : m.chain) {
    internal::MemberChunk& c = m.chunks[link.index];
    for (const auto& [index, household_id] : c.unresolved) {
      const MemberLite& row = c.rows[index];
      if (row.household != internal::kUnresolved) continue;  // a repeated ID number
      MemberRow& r = rejected_members.rows.emplace_back();
      r.line = row.line + link.line_offset;
      r.raw = row.raw;
      r.household_id = household_id;
      r.member.relation = MemberAttrs::Relation(row.attrs);
    }
  }
  if (!rejected_households.rows.empty()) {
    internal::ForEachRow(m.chunks, m.chain, [&](const MemberLite& row, int64_t line) {
      if (row.household >= n || rejected[row.household] == 0) return;
      MemberRow& r = rejected_members.rows.emplace_back();
      r.line = line;
      r.raw = row.raw;
      r.household_id = h.ids[row.household];
      r.member.relation = MemberAttrs::Relation(row.attrs);
    });
  }
  if (!rejected_households.rows.empty() || !rejected_members.rows.empty()) {
    // Assemble reads members in line order (the lines of two heads are listed in it).
    std::sort(rejected_members.rows.begin(), rejected_members.rows.end(),
              [](const MemberRow& a, const MemberRow& b) { return a.line < b.line; });
    rejected_households.quarantined_ids = h.quarantined_ids;
    kept.assembly = internal::Assemble(rejected_households, rejected_members,
                                       internal::RegistryIndex{}, households_file, members_file);
  }

  // Members grouped by kept household, in file order, then put in canonical order.
  std::vector<uint32_t> slot(n, internal::kUnresolved);
  kept.member_begin.assign(kept.households.size() + 1, 0);
  for (size_t k = 0; k < kept.households.size(); ++k) {
    slot[kept.households[k]] = static_cast<uint32_t>(k);
    kept.member_begin[k + 1] = kept.member_begin[k] + count[kept.households[k]];
  }
  kept.members.resize(kept.member_begin.back());
  std::vector<uint32_t> next(kept.member_begin.begin(), kept.member_begin.end() - 1);
  internal::ForEachRow(m.chunks, m.chain, [&](const MemberLite& row, int64_t) {
    if (row.household >= n || slot[row.household] == internal::kUnresolved) return;
    kept.members[next[slot[row.household]]++] = &row;
  });
  auto canonical = [](const MemberLite* a, const MemberLite* b) {
    const bool ah = MemberAttrs::Relation(a->attrs) == registry::Relation::kHead;
    const bool bh = MemberAttrs::Relation(b->attrs) == registry::Relation::kHead;
    if (ah != bh) return ah;
    return a->packed_id < b->packed_id;  // the order of the ID numbers' text
  };
  for (size_t k = 0; k < kept.households.size(); ++k) {
    auto first = kept.members.begin() + kept.member_begin[k];
    auto last = kept.members.begin() + kept.member_begin[k + 1];
    if (!std::is_sorted(first, last, canonical)) std::sort(first, last, canonical);
  }
  return kept;
}

// Kept households [begin, end) into `builder`.
Status BuildRange(const internal::HouseholdsRead& h, const Kept& kept, size_t begin, size_t end,
                  registry::SnapshotBuilder& builder) {
  builder.Reserve(end - begin, kept.member_begin[end] - kept.member_begin[begin]);
  for (size_t k = begin; k < end; ++k) {
    const HouseholdLite& r = *h.by_id[kept.households[k]];
    XJ_RETURN_IF_ERROR(builder.AddHousehold(
        r.id, r.village_code, static_cast<registry::HouseholdStatus>(r.status), r.money,
        r.prev_valid, r.prev_net_income, r.housing_safe, r.water_safe));
    for (uint32_t j = kept.member_begin[k]; j < kept.member_begin[k + 1]; ++j) {
      const MemberLite& m = *kept.members[j];
      const uint32_t a = m.attrs;
      builder.AddMember(m.packed_id, m.birth_ymd, MemberAttrs::Relation(a), MemberAttrs::Sex(a),
                        MemberAttrs::Labor(a), MemberAttrs::Health(a), MemberAttrs::Stage(a),
                        MemberAttrs::Enrolled(a), MemberAttrs::MedInsured(a),
                        MemberAttrs::PensionInsured(a), MemberAttrs::SharesHousehold(a));
    }
  }
  return Status::Ok();
}

Result<std::shared_ptr<const registry::Snapshot>> Build(const internal::HouseholdsRead& h,
                                                        const Kept& kept, int threads) {
  const size_t n = kept.households.size();
  registry::SnapshotBuilder first;
  if (threads < 2 || n < 2) {
    XJ_RETURN_IF_ERROR(BuildRange(h, kept, 0, n, first));
    return first.Finish();
  }
  registry::SnapshotBuilder second;
  Status second_status;
  std::thread helper([&] { second_status = BuildRange(h, kept, n / 2, n, second); });
  Status first_status = BuildRange(h, kept, 0, n / 2, first);
  helper.join();
  XJ_RETURN_IF_ERROR(first_status);
  XJ_RETURN_IF_ERROR(second_status);
  XJ_RETURN_IF_ERROR(first.Append(std::move(second)));
  return first.Finish();
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
  Kept kept = ApplyHouseholdRules(h, m, households_file, members_file);
  out.households = {h.read, static_cast<int64_t>(kept.households.size()),
                    static_cast<int64_t>(h.pending.size()) + kept.assembly.households_quarantined};
  out.members = {m.read, static_cast<int64_t>(kept.members.size()),
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
  XJ_ASSIGN_OR_RETURN(out.snapshot, Build(h, kept, options.threads));
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
  XJ_ASSIGN_OR_RETURN(SnapshotRead read,
                      ReadSnapshotFromExchangeData(households.data(), members.data(),
                                                   BaseName(households_path),
                                                   BaseName(members_path), regions, options));
  read.timings.open = open;
  return read;
}

}  // namespace xianjie::ingest
