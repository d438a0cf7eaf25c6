// Reading one chunk of an exchange file into compact rows with the shared row checks. The loop
// mirrors ParseHouseholds / ParseMembers (exchange_format.cc, exchange_members.cc) step for step;
// only what is kept of an accepted row differs.
#include "ingest/internal/columnar_rows.h"

#include <algorithm>

#include "ingest/internal/exchange_checks.h"
#include "registry/exchange_columns.h"
#include "registry/snapshot.h"

namespace xianjie::ingest::internal {
namespace {

using HC = registry::HouseholdColumn;
using MC = registry::MemberColumn;
using Builder = registry::SnapshotBuilder;

// Reserves for the rows of a whole chunk once the first records show their typical size.
template <typename Rows>
class RowReserve {
 public:
  RowReserve(const ChunkContext& c, Rows& rows) : chunk_bytes_(c.chunk_bytes), rows_(rows) {}
  void Seen(const CsvRecord& rec) {
    if (seen_ >= kSample) return;
    bytes_ += rec.raw.size() + 1;
    if (++seen_ == kSample) rows_.reserve(chunk_bytes_ / (bytes_ / kSample) * 21 / 20 + kSample);
  }

 private:
  static constexpr size_t kSample = 256;
  size_t chunk_bytes_;
  Rows& rows_;
  size_t seen_ = 0;
  size_t bytes_ = 0;
};

int64_t OffsetOf(const ChunkContext& c, const CsvRecord& rec) {
  return rec.raw.data() - c.data.data();
}

}  // namespace

uint32_t MemberAttrs::Pack(const registry::Member& m) {
  return static_cast<uint32_t>(m.relation) | static_cast<uint32_t>(m.sex) << 4 |
         static_cast<uint32_t>(m.labor) << 5 | static_cast<uint32_t>(m.health) << 8 |
         static_cast<uint32_t>(m.school_stage) << 10 | static_cast<uint32_t>(m.enrolled) << 13 |
         static_cast<uint32_t>(m.med_insured) << 14 |
         static_cast<uint32_t>(m.pension_insured) << 15 |
         static_cast<uint32_t>(m.shares_household) << 16;
}

uint32_t HouseholdResolver::Find(std::string_view id) {
  const auto n = static_cast<uint32_t>(ids_.size());
  if (last_ != kUnresolved) {
    if (ids_[last_] == id) return last_;
    if (last_ + 1 < n && ids_[last_ + 1] == id) return ++last_;
  }
  auto it = std::lower_bound(ids_.begin(), ids_.end(), id);
  if (it == ids_.end() || *it != id) return kUnresolved;
  return last_ = static_cast<uint32_t>(it - ids_.begin());
}

void ReadHouseholdChunk(const ChunkContext& context, ChunkReader& reader,
                        const registry::RegionTable& regions, HouseholdChunk& out) {
  constexpr auto kSpec = SpecOf(registry::kHouseholdColumnNames);
  CsvRecord rec;
  if (context.first_chunk && !reader.Next(rec)) return;  // the header, read before
  RowCheck check(*context.header, kSpec);
  VillageLookup villages(regions);
  RowReserve reserve(context, out.rows);
  registry::Household h;
  while (reader.Next(rec)) {
    ++out.read;
    reserve.Seen(rec);
    if (!check.Start(rec)) {
      out.pending.push_back({rec.line, rec.raw, std::move(check.problems())});
      continue;
    }
    const bool id_ok = check.CheckHouseholdId(HC::kHouseholdId);
    h = registry::Household();
    CheckHouseholdFields(check, villages, h);
    std::string_view id = id_ok ? KeepText(check.Field(HC::kHouseholdId), context.data, out.owned)
                                : std::string_view();
    if (!check.ok()) {
      if (id_ok) out.rejected_ids.push_back({id, OffsetOf(context, rec)});
      out.pending.push_back({rec.line, rec.raw, std::move(check.problems())});
      continue;
    }
    HouseholdLite& row = out.rows.emplace_back();
    row.id = id;
    row.offset = OffsetOf(context, rec);
    row.money[Builder::kWage] = h.wage_income.fen();
    row.money[Builder::kBusiness] = h.business_income.fen();
    row.money[Builder::kProperty] = h.property_income.fen();
    row.money[Builder::kTransfer] = h.transfer_income.fen();
    row.money[Builder::kProductionCosts] = h.production_costs.fen();
    row.money[Builder::kRigidMedical] = h.rigid_medical.fen();
    row.money[Builder::kRigidEducation] = h.rigid_education.fen();
    row.money[Builder::kRigidOther] = h.rigid_other.fen();
    row.prev_valid = h.prev_net_income.has_value();
    row.prev_net_income = h.prev_net_income.value_or(Money()).fen();
    row.village_code = h.village_code.value();
    row.status = static_cast<uint8_t>(h.status);
    row.housing_safe = h.housing_safe;
    row.water_safe = h.water_safe;
  }
}

void ReadMemberChunk(const ChunkContext& context, ChunkReader& reader, CivilDate today,
                     const std::vector<std::string_view>& household_ids, MemberChunk& out) {
  constexpr auto kSpec =
      SpecOf(registry::kMemberColumnNames, registry::Index(MC::kSharesHousehold));
  CsvRecord rec;
  if (context.first_chunk && !reader.Next(rec)) return;
  RowCheck check(*context.header, kSpec);
  HouseholdResolver households(household_ids);
  RowReserve reserve(context, out.rows);
  registry::Member m;
  while (reader.Next(rec)) {
    ++out.read;
    reserve.Seen(rec);
    if (!check.Start(rec)) {
      out.pending.push_back({rec.line, rec.raw, std::move(check.problems())});
      continue;
    }
    check.CheckHouseholdId(MC::kHouseholdId);
    MemberCheck member = CheckMemberFields(check, today, m);
    if (!check.ok()) {
      if (member.id_ok) out.rejected_ids.push_back({member.id.packed, OffsetOf(context, rec)});
      out.pending.push_back({rec.line, rec.raw, std::move(check.problems())});
      continue;
    }
    MemberLite& row = out.rows.emplace_back();
    row.packed_id = member.id.packed;
    row.offset = OffsetOf(context, rec);
    row.birth_ymd = member.id.birth.ToYmdNumber();
    row.attrs = MemberAttrs::Pack(m);
    const std::string_view name = KeepText(check.Field(MC::kName), context.data, out.owned);
    row.name_data = name.data();
    row.name_size = static_cast<uint32_t>(name.size());
    out.name_bytes += name.size();
    std::string_view household = check.Field(MC::kHouseholdId);
    row.household = households.Find(household);
    if (row.household == kUnresolved) {
      out.unresolved.emplace_back(static_cast<uint32_t>(out.rows.size() - 1), household);
      out.in_order = false;
      continue;
    }
    const uint32_t head = MemberAttrs::Relation(row.attrs) == registry::Relation::kHead;
    if (!out.runs.empty() && out.runs.back().household == row.household) {
      MemberRun& run = out.runs.back();
      ++run.members;
      run.heads += head;
      if (!CanonicalOrder(out.rows[out.rows.size() - 2], row)) out.in_order = false;
    } else {
      if (!out.runs.empty() && out.runs.back().household > row.household) out.in_order = false;
      out.runs.push_back({row.household, 1, head});
    }
  }
}

}  // namespace xianjie::ingest::internal
