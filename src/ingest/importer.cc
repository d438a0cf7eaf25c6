// The import pipeline: read, validate, assemble, version, quarantine, commit.
#include "ingest/importer.h"

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "base/id_number.h"
#include "ingest/internal/assembly.h"
#include "ingest/mapped_file.h"

namespace xianjie::ingest {
namespace {

using registry::HouseholdRecord;
using registry::HouseholdVersion;

// Reads what assembly needs of the registry: every household's current version and hash, and
// the registered household of each incoming person who is registered in another household
// (normally none, so the index stays small whatever the registry's size).
Result<internal::RegistryIndex> LoadRegistryIndex(registry::Store& store,
                                                  const ParsedMembers& members) {
  internal::RegistryIndex index;
  XJ_RETURN_IF_ERROR(
      store.ForEachCurrentHash([&](const std::string& id, int32_t version, uint64_t hash) {
        index.households.emplace(id, internal::RegistryIndex::Current{version, hash});
      }));
  if (members.rows.empty() || index.households.empty()) return index;
  std::unordered_map<uint64_t, std::string_view> incoming;  // packed ID → household in the file
  incoming.reserve(members.rows.size());
  for (const MemberRow& row : members.rows) {
    incoming.emplace(PackIdNumber(row.member.id_number), row.household_id);
  }
  std::unordered_map<std::string, uint32_t> owner_index;
  XJ_RETURN_IF_ERROR(store.ForEachCurrentMember(
      [&](const std::string& id_number, const std::string& household_id) {
        uint64_t packed = PackIdNumber(id_number);
        auto in = incoming.find(packed);
        if (in == incoming.end() || in->second == household_id) return;
        auto [it, inserted] =
            owner_index.emplace(household_id, static_cast<uint32_t>(index.owners.size()));
        if (inserted) index.owners.push_back(household_id);
        index.member_owner.emplace(packed, it->second);
      }));
  return index;
}

// Fetches the current versions of the households that keep registered facts or members.
Result<std::unordered_map<std::string, HouseholdVersion>> LoadCarriedOver(
    registry::Store& store, const std::vector<internal::BatchHousehold>& households) {
  std::vector<std::string> ids;
  for (const auto& b : households) {
    if (b.household_row < 0 || b.members_from_registry) ids.push_back(b.household_id);
  }
  std::unordered_map<std::string, HouseholdVersion> out;
  constexpr size_t kChunk = 10'000;
  for (size_t i = 0; i < ids.size(); i += kChunk) {
    std::span<const std::string> part(ids.data() + i, std::min(kChunk, ids.size() - i));
    XJ_ASSIGN_OR_RETURN(auto versions, store.GetCurrent(part));
    for (auto& v : versions) out.emplace(v.record.household.household_id, std::move(v));
  }
  return out;
}

void Progress(const ImportRequest& req, std::string_view phase, int64_t done, int64_t total) {
  if (req.progress) req.progress(ImportProgress{phase, done, total});
}

}  // namespace

std::string ImportReport::ToJson() const {
  auto counts = [](const FileCounts& c) {
    return nlohmann::json{
        {"read", c.read}, {"accepted", c.accepted}, {"quarantined", c.quarantined}};
  };
  nlohmann::json j = {
      {"batch_id", batch_id},
      {"households_file", households_file},
      {"members_file", members_file},
      {"households", counts(households)},
      {"members", counts(members)},
      {"new_households", new_households},
      {"changed_households", changed_households},
      {"unchanged_households", unchanged_households},
      {"households_without_counted_members", households_without_counted_members},
      {"households_without_counted_members_sample", households_without_counted_members_sample},
      {"quarantined_by_rule", quarantined_by_rule},
      {"seconds", seconds},
  };
  // A file name need not be UTF-8: replace what is not, rather than throw.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<ImportReport> ImportExchangeFiles(registry::Store& store,
                                         const registry::RegionTable& regions,
                                         const ImportRequest& request) {
  auto started = std::chrono::steady_clock::now();
  if (request.households_path.empty() && request.members_path.empty()) {
    return InvalidArgument("nothing to import: give a households file, a members file or both");
  }
  ImportReport report;
  report.households_file = FileName(request.households_path);
  report.members_file = FileName(request.members_path);

  // 1. Read and validate each file on its own.
  ParsedHouseholds households;
  std::optional<MappedFile> households_data, members_data;
  if (!request.households_path.empty()) {
    Progress(request, "reading households", 0, 0);
    XJ_ASSIGN_OR_RETURN(households_data,
                        MappedFile::Open(request.households_path, "households file"));
    XJ_ASSIGN_OR_RETURN(households, ParseHouseholds(households_data->data(), report.households_file,
                                                    regions, request.parse));
  }
  ParsedMembers members;
  if (!request.members_path.empty()) {
    Progress(request, "reading members", 0, 0);
    XJ_ASSIGN_OR_RETURN(members_data, MappedFile::Open(request.members_path, "members file"));
    XJ_ASSIGN_OR_RETURN(members,
                        ParseMembers(members_data->data(), report.members_file, request.parse));
  }

  // 2. Lock the registry for writing, then read what it holds now.
  registry::BatchInfo info;
  info.source = request.source;
  info.user = request.user;
  info.households_file = report.households_file;
  info.members_file = report.members_file;
  info.started_at = UtcNowIso8601();
  info.as_of = request.as_of;
  XJ_ASSIGN_OR_RETURN(auto writer, store.BeginBatch(std::move(info)));
  report.batch_id = writer->info().batch_id;
  Progress(request, "checking", 0, 0);
  XJ_ASSIGN_OR_RETURN(auto index, LoadRegistryIndex(store, members));

  // 3. Households and their members, with the household-level rules.
  internal::Assembly assembly =
      internal::Assemble(households, members, index, report.households_file, report.members_file);
  XJ_ASSIGN_OR_RETURN(auto carried, LoadCarriedOver(store, assembly.households));
  // Writing in household_id order keeps each household's rows next to its neighbours' in the
  // store, whatever the order of the files: later reads in id order stay sequential.
  std::sort(assembly.households.begin(), assembly.households.end(),
            [](const auto& a, const auto& b) { return a.household_id < b.household_id; });

  // 4. A version for every new or changed household.
  const int64_t total = static_cast<int64_t>(assembly.households.size());
  int64_t done = 0;
  for (const internal::BatchHousehold& b : assembly.households) {
    HouseholdVersion v;
    auto old = carried.find(b.household_id);
    if ((b.household_row < 0 || b.members_from_registry) && old == carried.end()) {
      return Internal("household " + b.household_id +
                      " vanished from the registry during the import; nothing was written");
    }
    if (b.household_row >= 0) {
      v.record.household = households.rows[static_cast<size_t>(b.household_row)].household;
    } else {
      v.record.household = old->second.record.household;
    }
    if (b.members_from_registry) {
      v.record.members = old->second.record.members;
    } else {
      v.record.members.reserve(b.member_rows.size());
      for (int32_t r : b.member_rows)
        v.record.members.push_back(members.rows[static_cast<size_t>(r)].member);
    }
    registry::Canonicalize(v.record);
    v.content_hash = registry::ContentHash(v.record);
    if (registry::CountedMembers(v.record) == 0) {
      ++report.households_without_counted_members;
      if (report.households_without_counted_members_sample.size() < 20) {
        report.households_without_counted_members_sample.push_back(b.household_id);
      }
    }
    auto cur = index.households.find(b.household_id);
    if (cur != index.households.end() && cur->second.hash == v.content_hash) {
      ++report.unchanged_households;
    } else {
      v.version = cur == index.households.end() ? 1 : cur->second.version + 1;
      v.batch_id = report.batch_id;
      ++(v.version == 1 ? report.new_households : report.changed_households);
      XJ_RETURN_IF_ERROR(writer->PutVersion(v));
    }
    if (++done % 65536 == 0) Progress(request, "writing", done, total);
  }

  // 5. Quarantine, in file and line order.
  report.households = {
      households.read, assembly.households_accepted,
      static_cast<int64_t>(households.quarantine.size()) + assembly.households_quarantined};
  report.members = {members.read, assembly.members_accepted,
                    static_cast<int64_t>(members.quarantine.size()) + assembly.members_quarantined};
  if (report.households.read != report.households.accepted + report.households.quarantined ||
      report.members.read != report.members.accepted + report.members.quarantined) {
    return Internal(
        "import accounting broke: read != accepted + quarantined; nothing was "
        "written. Please report this with the input files.");
  }
  std::vector<registry::QuarantineEntry> quarantine;
  quarantine.reserve(households.quarantine.size() + members.quarantine.size() +
                     assembly.quarantine.size());
  for (auto* part : {&households.quarantine, &members.quarantine, &assembly.quarantine}) {
    for (auto& e : *part) quarantine.push_back(std::move(e));
  }
  std::stable_sort(quarantine.begin(), quarantine.end(), [](const auto& a, const auto& b) {
    return std::tie(a.file, a.line) < std::tie(b.file, b.line);
  });
  for (auto& e : quarantine) {
    e.batch_id = report.batch_id;
    ++report.quarantined_by_rule[e.rule];
    XJ_RETURN_IF_ERROR(writer->PutQuarantine(e));
  }

  // 6. Commit: the whole batch becomes visible at once.
  Progress(request, "committing", total, total);
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  XJ_RETURN_IF_ERROR(writer->Commit(report.ToJson()));
  return report;
}

}  // namespace xianjie::ingest
