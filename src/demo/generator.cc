// The generator's main loop: village by village, household by household, draw, format,
// perhaps corrupt, and write.
#include "demo/generator.h"

#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "demo/corruption.h"
#include "demo/department_drawer.h"
#include "demo/family.h"
#include "demo/income.h"
#include "demo/random.h"
#include "demo/rows.h"
#include "demo/villages.h"
#include "registry/exchange_columns.h"

namespace xianjie::demo {
namespace {

// "630121101201-0007": the village code and the zero-padded sequence within the village.
void SetHouseholdId(std::string_view village_code, int64_t sequence, int width, std::string& id) {
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, sequence);
  const int n = static_cast<int>(end - digits);
  id.assign(village_code);
  id += '-';
  if (n < width) id.append(static_cast<size_t>(width - n), '0');
  id.append(digits, end);
}

// Writes one household and its members, corrupting rows as the Corruptor decides.
class RowSink {
 public:
  RowSink(std::ostream& households, std::ostream& members, Corruptor& corruptor)
      : households_(households), members_(members), corruptor_(corruptor) {
    households_.Line(registry::kHouseholdHeader);
    members_.Line(registry::kMemberHeader);
  }

  void Write(const DemoHousehold& h, std::string_view village_code) {
    FormatHousehold(h.household, village_code, household_fields_);
    bool intact = Tally(corruptor_.MaybeCorrupt(household_fields_));
    households_.Row(household_fields_);
    for (int i = 0; i < h.size; ++i) {
      FormatMember(h.members[i], h.household.household_id, member_fields_);
      intact &= Tally(corruptor_.MaybeCorrupt(member_fields_));
      members_.Row(member_fields_);
    }
    if (intact) corruptor_.RememberIntact(h.household.household_id, member_fields_);
  }

  bool ok() const { return households_.ok() && members_.ok(); }

  Status Finish(std::string_view households_name, std::string_view members_name) {
    XJ_RETURN_IF_ERROR(households_.Finish(households_name));
    return members_.Finish(members_name);
  }

  const std::array<int64_t, kCorruptionKinds>& counts() const { return counts_; }

 private:
  // Counts a corruption; true if there was none.
  bool Tally(std::optional<Corruption> kind) {
    if (!kind.has_value()) return true;
    ++counts_[static_cast<size_t>(*kind)];
    return false;
  }

  CsvWriter households_;
  CsvWriter members_;
  Corruptor& corruptor_;
  HouseholdFields household_fields_;
  MemberFields member_fields_;
  std::array<int64_t, kCorruptionKinds> counts_{};
};

Result<GeneratorStats> Generate(const GeneratorOptions& options,
                                const registry::RegionTable& regions, std::ostream& households,
                                std::ostream& members, std::string_view households_name,
                                std::string_view members_name, DepartmentFiles* departments) {
  if (options.households < 0) {
    return InvalidArgument("the number of households must be 0 or more, not " +
                           std::to_string(options.households));
  }
  if (!(options.corrupt_rate >= 0.0 && options.corrupt_rate <= 1.0)) {
    return InvalidArgument("the corruption rate must lie between 0 and 1, not " +
                           std::to_string(options.corrupt_rate));
  }
  const CivilDate reference = options.reference_date;
  Rng rng(options.seed, /*stream=*/1);
  XJ_ASSIGN_OR_RETURN(VillagePlan plan, VillagePlan::Make(regions, options.households, rng));
  IdSequences ids(static_cast<int>(plan.counties().size()), reference);
  Corruptor corruptor(options.corrupt_rate, options.seed, regions);
  RowSink sink(households, members, corruptor);
  std::optional<DepartmentDrawer> drawer;
  if (departments != nullptr) {
    drawer.emplace(options.seed, options.departments_as_of.value_or(reference), reference, regions);
  }
  GeneratorStats stats;
  DemoHousehold h;

  for (const Village& village : plan.villages()) {
    if (village.households == 0) continue;
    ++stats.villages;
    const County& county = plan.counties()[static_cast<size_t>(village.county_index)];
    const double lifted_chance =
        1.0 / (1.0 + std::exp(-(village.profile->lifted_logit + county.lifted_offset)));
    h.household.village_code = village.region->code;
    if (drawer) drawer->BeginVillage(village);
    for (int64_t seq = 1; seq <= village.households; ++seq) {
      SetHouseholdId(village.code_text, seq, plan.sequence_width(), h.household.household_id);
      h.household.status = rng.Chance(lifted_chance) ? registry::HouseholdStatus::kLifted
                                                     : registry::HouseholdStatus::kOrdinary;
      h.pastoral = rng.Chance(village.profile->pastoral_share);
      h.name_style = static_cast<NameStyle>(rng.Pick(village.name_mix));
      DrawFamily(village, county, reference, rng, ids, h);
      DrawTraits(rng, h);
      DrawMoney(*village.profile, rng, h);
      sink.Write(h, village.code_text);
      if (drawer) drawer->Add(h);

      ++stats.households;
      stats.members += h.size;
      stats.lifted_households += h.lifted();
      for (int i = 0; i < h.size; ++i) stats.counted_members += h.members[i].shares_household;
    }
    if (!sink.ok()) break;  // Finish reports it
  }
  XJ_RETURN_IF_ERROR(sink.Finish(households_name, members_name));
  for (Corruption kind : AllCorruptions()) {
    stats.corrupted[std::string(CorruptionName(kind))] = sink.counts()[static_cast<size_t>(kind)];
  }
  if (drawer) *departments = drawer->Finish();
  return stats;
}

}  // namespace

int64_t GeneratorStats::corrupted_rows() const {
  int64_t total = 0;
  for (const auto& [kind, rows] : corrupted) total += rows;
  return total;
}

Result<GeneratorStats> GenerateRegistry(const GeneratorOptions& options,
                                        const registry::RegionTable& regions,
                                        std::ostream& households_csv, std::ostream& members_csv,
                                        DepartmentFiles* departments) {
  return Generate(options, regions, households_csv, members_csv, "households.csv", "members.csv",
                  departments);
}

Result<GeneratorStats> GenerateToDirectory(const GeneratorOptions& options,
                                           const registry::RegionTable& regions,
                                           const std::string& dir, DepartmentFiles* departments) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return IoError("cannot create directory " + dir + ": " + ec.message());
  const std::string households_path = (fs::path(dir) / "households.csv").string();
  const std::string members_path = (fs::path(dir) / "members.csv").string();
  std::ofstream households(households_path, std::ios::binary | std::ios::trunc);
  if (!households) {
    return IoError("cannot open " + households_path + " for writing: " + std::strerror(errno));
  }
  std::ofstream members(members_path, std::ios::binary | std::ios::trunc);
  if (!members) {
    return IoError("cannot open " + members_path + " for writing: " + std::strerror(errno));
  }
  XJ_ASSIGN_OR_RETURN(GeneratorStats stats, Generate(options, regions, households, members,
                                                     households_path, members_path, departments));
  households.close();
  members.close();
  if (!households || !members) {
    return IoError("could not finish writing " + households_path + " and " + members_path);
  }
  return stats;
}

}  // namespace xianjie::demo
