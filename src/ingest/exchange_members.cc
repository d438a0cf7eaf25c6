// members.csv of the exchange format v1: the row checks (DOMAIN.md §13).
// Built for millions of rows: ID numbers are deduplicated as packed integers, and accepted
// rows hold views instead of copies of the household id and the raw record.
#include <optional>

#include "ingest/csv_reader.h"
#include "ingest/exchange_format.h"
#include "ingest/internal/exchange_checks.h"
#include "ingest/internal/quarantine.h"
#include "ingest/internal/row_check.h"
#include "registry/exchange_columns.h"

namespace xianjie::ingest {
namespace {

constexpr auto kMemberSpec = internal::SpecOf(
    registry::kMemberColumnNames, registry::Index(registry::MemberColumn::kSharesHousehold));

}  // namespace

Result<ParsedMembers> ParseMembers(std::string_view data, const std::string& file_name,
                                   const ParseOptions& options) {
  using enum registry::MemberColumn;
  CsvReader reader(data);
  CsvRecord rec;
  XJ_ASSIGN_OR_RETURN(
      internal::Header header,
      internal::ReadHeader(reader, rec, kMemberSpec, file_name, options.ignored_columns));
  ParsedMembers out;
  out.rows.reserve(internal::EstimateRecords(data));
  std::vector<internal::PendingRow> pending;
  std::vector<internal::KeyUse<uint64_t>> ids;
  ids.reserve(out.rows.capacity());
  internal::RowCheck check(header, kMemberSpec);
  while (reader.Next(rec)) {
    ++out.read;
    if (!check.Start(rec)) {
      pending.push_back({rec.line, rec.raw, std::move(check.problems())});
      continue;
    }
    MemberRow row;
    row.line = rec.line;
    row.raw = rec.raw;
    if (check.CheckHouseholdId(kHouseholdId)) {
      row.household_id = internal::KeepText(check.Field(kHouseholdId), data, out.owned_text);
    }
    internal::MemberCheck member = internal::CheckMemberFields(check, options.today, row.member);
    if (member.id_ok) ids.push_back({member.id.packed, rec.line});
    if (check.ok()) {
      row.member.id_number = internal::NormalizedIdNumber(check.Field(kIdNumber));
      row.member.name = check.Field(kName);
      out.rows.push_back(std::move(row));
    } else {
      pending.push_back({rec.line, rec.raw, std::move(check.problems())});
    }
  }

  const int id_field = header.field_of[registry::Index(kIdNumber)];
  internal::RejectDuplicates(
      out.rows, pending, internal::FindDuplicates(ids),
      [&](const internal::Duplicate<uint64_t>& d) {
        return internal::DuplicateIdNumberProblem(id_field, d);
      });
  out.quarantine = internal::RenderQuarantine(pending, header, file_name);
  return out;
}

}  // namespace xianjie::ingest
