// households.csv of the exchange format v1: the row checks (DOMAIN.md §13).
// members.csv is in exchange_members.cc; the shared machinery is in internal/.
#include "ingest/exchange_format.h"

#include <algorithm>
#include <forward_list>
#include <optional>
#include <unordered_set>

#include "ingest/csv_reader.h"
#include "ingest/internal/quarantine.h"
#include "ingest/internal/row_check.h"
#include "registry/exchange_columns.h"

namespace xianjie::ingest {
namespace {

using enum registry::HouseholdColumn;

constexpr auto kSpec = internal::SpecOf(registry::kHouseholdColumnNames);

// Checks village_code: 12 digits (village_code.format) naming a village of the table
// (village_code.unknown).
std::optional<RegionCode> CheckVillage(internal::RowCheck& check,
                                       const registry::RegionTable& regions) {
  std::string_view text = check.Field(kVillageCode);
  const bool digits = text.size() == 12 && std::all_of(text.begin(), text.end(), [](char c) {
                        return c >= '0' && c <= '9';
                      });
  if (!digits) {
    check.Add(kVillageCode, "village_code.format",
              internal::Quoted(text) +
                  " is not a village code; write the 12-digit statistical division code "
                  "(统计用区划代码) of the village, like 630102001001");
    return std::nullopt;
  }
  Result<RegionCode> code = RegionCode::Parse(text);
  const registry::Region* region = code.ok() ? regions.Find(*code) : nullptr;
  if (region != nullptr && region->level() == RegionLevel::kVillage) return *code;
  std::string message = internal::Quoted(text);
  if (region != nullptr) {
    message.append(" is the code of a ")
        .append(RegionLevelName(region->level()))
        .append(" (" + region->name + "), not of a village; write the code of the household's "
                "village");
  } else {
    message.append(" is not a village in the region table; check the code against the villages "
                   "of the county");
  }
  check.Add(kVillageCode, "village_code.unknown", std::move(message));
  return std::nullopt;
}

// Checks every field but household_id, filling `h` with the valid values.
void CheckHousehold(internal::RowCheck& check, const registry::RegionTable& regions,
                    registry::Household& h) {
  if (auto code = CheckVillage(check, regions)) h.village_code = *code;
  if (auto s = check.CheckCode<registry::HouseholdStatus>(kStatus, "household status")) {
    h.status = *s;
  }
  const std::pair<registry::HouseholdColumn, Money*> amounts[] = {
      {kWageIncome, &h.wage_income},           {kBusinessIncome, &h.business_income},
      {kPropertyIncome, &h.property_income},   {kTransferIncome, &h.transfer_income},
      {kProductionCosts, &h.production_costs}, {kRigidMedical, &h.rigid_medical},
      {kRigidEducation, &h.rigid_education},   {kRigidOther, &h.rigid_other},
  };
  for (auto [column, target] : amounts) {
    if (auto m = check.CheckMoney(column, Sign::kNonNegative)) *target = *m;
  }
  if (!check.Field(kPrevNetIncome).empty()) {
    if (auto m = check.CheckMoney(kPrevNetIncome, Sign::kAny)) h.prev_net_income = *m;
  }
  if (auto b = check.CheckBool(kHousingSafe)) h.housing_safe = *b;
  if (auto b = check.CheckBool(kWaterSafe)) h.water_safe = *b;
}

// The ids in `rejected` that no accepted row has, sorted and unique.
std::vector<std::string> WithoutAccepted(std::vector<std::string> rejected,
                                         const std::vector<HouseholdRow>& rows) {
  if (rejected.empty()) return rejected;
  std::unordered_set<std::string_view> accepted;
  accepted.reserve(rows.size());
  for (const HouseholdRow& row : rows) accepted.insert(row.household.household_id);
  std::erase_if(rejected, [&](const std::string& id) { return accepted.count(id) > 0; });
  std::sort(rejected.begin(), rejected.end());
  rejected.erase(std::unique(rejected.begin(), rejected.end()), rejected.end());
  return rejected;
}

}  // namespace

Result<ParsedHouseholds> ParseHouseholds(std::string_view data, const std::string& file_name,
                                         const registry::RegionTable& regions,
                                         const ParseOptions& options) {
  CsvReader reader(data);
  CsvRecord rec;
  XJ_ASSIGN_OR_RETURN(internal::Header header, internal::ReadHeader(reader, rec, kSpec, file_name,
                                                                    options.ignored_columns));
  ParsedHouseholds out;
  out.rows.reserve(internal::EstimateRecords(data));
  std::vector<internal::PendingRow> pending;
  std::vector<internal::KeyUse<std::string_view>> ids;
  std::forward_list<std::string> owned_ids;  // keeps ids that are not views into data
  std::vector<std::string> rejected_ids;
  internal::RowCheck check(header, kSpec);
  while (reader.Next(rec)) {
    ++out.read;
    if (!check.Start(rec)) {
      pending.push_back({rec.line, rec.raw, std::move(check.problems())});
      continue;
    }
    HouseholdRow row;
    row.line = rec.line;
    row.raw = rec.raw;
    const bool id_ok = check.CheckHouseholdId(kHouseholdId);
    if (id_ok) {
      std::string_view id = check.Field(kHouseholdId);
      ids.push_back({internal::KeepText(id, data, owned_ids), rec.line});
      row.household.household_id = id;
    }
    CheckHousehold(check, regions, row.household);
    if (check.ok()) {
      out.rows.push_back(std::move(row));
    } else {
      if (id_ok) rejected_ids.push_back(std::move(row.household.household_id));
      pending.push_back({rec.line, rec.raw, std::move(check.problems())});
    }
  }

  const int id_field = header.field_of[registry::Index(kHouseholdId)];
  internal::RejectDuplicates(
      out.rows, pending, internal::FindDuplicates(ids),
      [&](const internal::Duplicate<std::string_view>& d) {
        return internal::Problem{
            id_field, "household_id.duplicate", std::string(d.key),
            internal::Quoted(d.key) + " already appears on line " +
                std::to_string(d.first_line) +
                ", and the first row wins; give this household its own household_id or remove "
                "the row"};
      });
  out.quarantine = internal::RenderQuarantine(pending, header, file_name);
  out.quarantined_ids = WithoutAccepted(std::move(rejected_ids), out.rows);
  return out;
}

}  // namespace xianjie::ingest
