// households.csv of the exchange format v1: the row checks (DOMAIN.md §13).
// members.csv is in exchange_members.cc; the shared machinery is in internal/.
#include "ingest/exchange_format.h"

#include <algorithm>
#include <forward_list>
#include <optional>
#include <unordered_set>

#include "ingest/csv_reader.h"
#include "ingest/internal/exchange_checks.h"
#include "ingest/internal/quarantine.h"
#include "ingest/internal/row_check.h"
#include "registry/exchange_columns.h"

namespace xianjie::ingest {
namespace {

constexpr auto kHouseholdSpec = internal::SpecOf(registry::kHouseholdColumnNames);

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
  using enum registry::HouseholdColumn;
  CsvReader reader(data);
  CsvRecord rec;
  XJ_ASSIGN_OR_RETURN(
      internal::Header header,
      internal::ReadHeader(reader, rec, kHouseholdSpec, file_name, options.ignored_columns));
  ParsedHouseholds out;
  out.rows.reserve(internal::EstimateRecords(data));
  std::vector<internal::PendingRow> pending;
  std::vector<internal::KeyUse<std::string_view>> ids;
  std::forward_list<std::string> owned_ids;  // keeps ids that are not views into data
  std::vector<std::string> rejected_ids;
  internal::RowCheck check(header, kHouseholdSpec);
  internal::VillageLookup villages(regions);
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
    internal::CheckHouseholdFields(check, villages, row.household);
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
        return internal::DuplicateHouseholdIdProblem(id_field, d);
      });
  out.quarantine = internal::RenderQuarantine(pending, header, file_name);
  out.quarantined_ids = WithoutAccepted(std::move(rejected_ids), out.rows);
  return out;
}

}  // namespace xianjie::ingest
