// members.csv of the exchange format v1: the row checks (DOMAIN.md §13).
// Built for millions of rows: ID numbers are deduplicated as packed integers, and accepted
// rows hold views instead of copies of the household id and the raw record.
#include <optional>

#include "base/id_number.h"
#include "ingest/csv_reader.h"
#include "ingest/exchange_format.h"
#include "ingest/internal/quarantine.h"
#include "ingest/internal/row_check.h"
#include "ingest/internal/utf8.h"
#include "registry/exchange_columns.h"

namespace xianjie::ingest {
namespace {

using enum registry::MemberColumn;

constexpr auto kSpec =
    internal::SpecOf(registry::kMemberColumnNames, registry::Index(kSharesHousehold));

// The 18 characters of a packed ID number (IdNumber::Packed).
std::string UnpackIdNumber(uint64_t packed) {
  std::string text(18, '0');
  const uint64_t check = packed % 11;
  text[17] = check == 10 ? 'X' : static_cast<char>('0' + check);
  uint64_t digits = packed / 11;
  for (int i = 16; i >= 0; --i) {
    text[i] = static_cast<char>('0' + digits % 10);
    digits /= 10;
  }
  return text;
}

// Checks the ID number; on success returns it and sets the member's id_number.
std::optional<IdNumber> CheckIdNumber(internal::RowCheck& check, CivilDate today,
                                      registry::Member& m) {
  IdNumberError error = IdNumberError::kNone;
  Result<IdNumber> id = ParseIdNumber(check.Field(kIdNumber), today, &error);
  if (!id.ok()) {
    check.Add(kIdNumber, std::string(IdNumberRule(error)), id.status().message());
    return std::nullopt;
  }
  m.id_number = id->text();
  return std::move(id).value();
}

void CheckName(internal::RowCheck& check, registry::Member& m) {
  std::string_view name = check.Field(kName);
  if (name.empty()) {
    check.Add(kName, "name.empty", "the name is empty; write the member's name");
    return;
  }
  const size_t length = internal::CountCodePoints(name);
  if (length > registry::kMaxNameLength) {
    check.Add(kName, "name.too_long",
              "the name has " + std::to_string(length) + " characters; at most " +
                  std::to_string(registry::kMaxNameLength) + " are allowed");
    return;
  }
  m.name = name;
}

// Sex and birth date, each checked against the ID number when both are valid.
void CheckSexAndBirthDate(internal::RowCheck& check, const std::optional<IdNumber>& id,
                          registry::Member& m) {
  if (auto sex = check.CheckCode<registry::Sex>(kSex, "sex")) {
    m.sex = *sex;
    if (id && (*sex == registry::Sex::kMale) != id->male()) {
      check.Add(kSex, "sex.mismatch",
                internal::Quoted(check.Field(kSex)) +
                    " disagrees with the ID number, whose 17th digit is " +
                    (id->male() ? "odd (male)" : "even (female)") +
                    "; correct whichever of the two is wrong");
    }
  }
  Result<CivilDate> birth = ParseDate(check.Field(kBirthDate));
  if (!birth.ok()) {
    check.Add(kBirthDate, "birth_date.invalid", birth.status().message());
    return;
  }
  m.birth_date = *birth;
  if (id && id->birth_date() != *birth) {
    check.Add(kBirthDate, "birth_date.mismatch",
              internal::Quoted(check.Field(kBirthDate)) +
                  " disagrees with the birth date in the ID number (" +
                  id->birth_date().ToString() + "); correct whichever of the two is wrong");
  }
}

void CheckCodesAndFlags(internal::RowCheck& check, registry::Member& m) {
  if (auto r = check.CheckCode<registry::Relation>(kRelation, "relation to the head")) {
    m.relation = *r;
  }
  if (auto l = check.CheckCode<registry::Labor>(kLabor, "labour capacity")) m.labor = *l;
  if (auto h = check.CheckCode<registry::Health>(kHealth, "health status")) m.health = *h;
  if (auto s = check.CheckCode<registry::SchoolStage>(kSchoolStage, "school stage")) {
    m.school_stage = *s;
  }
  if (auto b = check.CheckBool(kEnrolled)) m.enrolled = *b;
  if (auto b = check.CheckBool(kMedInsured)) m.med_insured = *b;
  if (auto b = check.CheckBool(kPensionInsured)) m.pension_insured = *b;
  m.shares_household = true;
  if (check.Has(kSharesHousehold)) {
    if (auto b = check.CheckBool(kSharesHousehold)) m.shares_household = *b;
  }
}

}  // namespace

Result<ParsedMembers> ParseMembers(std::string_view data, const std::string& file_name,
                                   const ParseOptions& options) {
  CsvReader reader(data);
  CsvRecord rec;
  XJ_ASSIGN_OR_RETURN(internal::Header header, internal::ReadHeader(reader, rec, kSpec, file_name,
                                                                    options.ignored_columns));
  ParsedMembers out;
  out.rows.reserve(internal::EstimateRecords(data));
  std::vector<internal::PendingRow> pending;
  std::vector<internal::KeyUse<uint64_t>> ids;
  ids.reserve(out.rows.capacity());
  internal::RowCheck check(header, kSpec);
  while (reader.Next(rec)) {
    ++out.read;
    if (!check.Start(rec)) {
      pending.push_back({rec.line, rec.raw, std::move(check.problems())});
      continue;
    }
    MemberRow row;
    row.line = rec.line;
    row.raw = rec.raw;
    std::optional<IdNumber> id = CheckIdNumber(check, options.today, row.member);
    if (id) ids.push_back({id->Packed(), rec.line});
    if (check.CheckHouseholdId(kHouseholdId)) {
      row.household_id = internal::KeepText(check.Field(kHouseholdId), data, out.owned_text);
    }
    CheckName(check, row.member);
    CheckSexAndBirthDate(check, id, row.member);
    CheckCodesAndFlags(check, row.member);
    if (check.ok()) {
      out.rows.push_back(std::move(row));
    } else {
      pending.push_back({rec.line, rec.raw, std::move(check.problems())});
    }
  }

  const int id_field = header.field_of[registry::Index(kIdNumber)];
  internal::RejectDuplicates(
      out.rows, pending, internal::FindDuplicates(ids),
      [&](const internal::Duplicate<uint64_t>& d) {
        std::string text = UnpackIdNumber(d.key);
        return internal::Problem{
            id_field, "id_number.duplicate", text,
            "the ID number " + text + " already appears on line " + std::to_string(d.first_line) +
                ", and the first row wins; a person is listed once: correct the ID number or "
                "remove the row"};
      });
  out.quarantine = internal::RenderQuarantine(pending, header, file_name);
  return out;
}

}  // namespace xianjie::ingest
