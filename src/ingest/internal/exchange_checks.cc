// The field checks of households.csv and members.csv. Messages say what is wrong and what to
// write instead. A valid row takes the fast paths (no strings built, nothing allocated); the
// messages are built only for the rows that break a rule.
#include "ingest/internal/exchange_checks.h"

#include <algorithm>

#include "base/id_number.h"
#include "ingest/internal/source_text.h"
#include "ingest/internal/utf8.h"
#include "registry/exchange_columns.h"

namespace xianjie::ingest::internal {
namespace {

using enum registry::HouseholdColumn;
using HC = registry::HouseholdColumn;
using MC = registry::MemberColumn;

// The facts of a valid ID number in `id`, or false if ParseIdNumber would reject it: the same
// conditions in the same order, without building the IdNumber (whose text is a heap string).
bool FastIdNumber(std::string_view t, CivilDate today, IdFacts& id) {
  if (t.size() != 18) return false;
  uint64_t digits = 0;
  for (int i = 0; i < 17; ++i) {
    if (!IsDigit(t[i])) return false;
    digits = digits * 10 + static_cast<uint64_t>(t[i] - '0');
  }
  const char last = t[17] == 'x' ? 'X' : t[17];
  if (!IsDigit(last) && last != 'X') return false;
  const int y = (t[6] - '0') * 1000 + (t[7] - '0') * 100 + (t[8] - '0') * 10 + (t[9] - '0');
  const int m = (t[10] - '0') * 10 + (t[11] - '0');
  const int d = (t[12] - '0') * 10 + (t[13] - '0');
  if (!CivilDate::IsValid(y, m, d) || y < 1880) return false;
  const CivilDate birth = CivilDate::FromYmd(y, m, d);
  if (today < birth) return false;
  if (IdCheckCharacter(t) != last) return false;
  id.packed = digits * 11 + (last == 'X' ? 10 : static_cast<uint64_t>(last - '0'));
  id.birth = birth;
  id.male = (t[16] - '0') % 2 == 1;
  return true;
}

void CheckName(RowCheck& check, MemberCheck& out) {
  std::string_view name = check.Field(MC::kName);
  if (name.empty()) {
    check.Add(MC::kName, "name.empty", "the name is empty; write the member's name");
    return;
  }
  const size_t length = CountCodePoints(name);
  if (length > registry::kMaxNameLength) {
    check.Add(MC::kName, "name.too_long",
              "the name has " + std::to_string(length) + " characters; at most " +
                  std::to_string(registry::kMaxNameLength) + " are allowed");
    return;
  }
  out.name_ok = true;
}

// Sex and birth date, each checked against the ID number when both are valid.
void CheckSexAndBirthDate(RowCheck& check, const IdFacts* id, registry::Member& m) {
  if (auto sex = check.CheckCode<registry::Sex>(MC::kSex, "sex")) {
    m.sex = *sex;
    if (id && (*sex == registry::Sex::kMale) != id->male) {
      check.Add(MC::kSex, "sex.mismatch",
                Quoted(check.Field(MC::kSex)) +
                    " disagrees with the ID number, whose 17th digit is " +
                    (id->male ? "odd (male)" : "even (female)") +
                    "; correct whichever of the two is wrong");
    }
  }
  // Usually the birth date is the ID number's, which is then known to be a real day.
  std::string_view text = check.Field(MC::kBirthDate);
  if (id && text.size() == 10 && text[4] == '-' && text[7] == '-') {
    const char* d = check.Field(MC::kIdNumber).data() + 6;  // YYYYMMDD
    if (text[0] == d[0] && text[1] == d[1] && text[2] == d[2] && text[3] == d[3] &&
        text[5] == d[4] && text[6] == d[5] && text[8] == d[6] && text[9] == d[7]) {
      m.birth_date = id->birth;
      return;
    }
  }
  Result<CivilDate> birth = ParseDate(text);
  if (!birth.ok()) {
    check.Add(MC::kBirthDate, "birth_date.invalid", birth.status().message());
    return;
  }
  m.birth_date = *birth;
  if (id && id->birth != *birth) {
    check.Add(MC::kBirthDate, "birth_date.mismatch",
              Quoted(check.Field(MC::kBirthDate)) +
                  " disagrees with the birth date in the ID number (" + id->birth.ToString() +
                  "); correct whichever of the two is wrong");
  }
}

void CheckCodesAndFlags(RowCheck& check, registry::Member& m) {
  if (auto r = check.CheckCode<registry::Relation>(MC::kRelation, "relation to the head")) {
    m.relation = *r;
  }
  if (auto l = check.CheckCode<registry::Labor>(MC::kLabor, "labour capacity")) m.labor = *l;
  if (auto h = check.CheckCode<registry::Health>(MC::kHealth, "health status")) m.health = *h;
  if (auto s = check.CheckCode<registry::SchoolStage>(MC::kSchoolStage, "school stage")) {
    m.school_stage = *s;
  }
  if (auto b = check.CheckBool(MC::kEnrolled)) m.enrolled = *b;
  if (auto b = check.CheckBool(MC::kMedInsured)) m.med_insured = *b;
  if (auto b = check.CheckBool(MC::kPensionInsured)) m.pension_insured = *b;
  m.shares_household = true;
  if (check.Has(MC::kSharesHousehold)) {
    if (auto b = check.CheckBool(MC::kSharesHousehold)) m.shares_household = *b;
  }
}

}  // namespace

std::optional<RegionCode> VillageLookup::Check(RowCheck& check) {
  std::string_view text = check.Field(kVillageCode);
  if (!last_text_.empty() && text == last_text_) return last_code_;
  const bool digits = text.size() == 12 && std::all_of(text.begin(), text.end(), IsDigit);
  if (!digits) {
    check.Add(kVillageCode, "village_code.format",
              Quoted(text) +
                  " is not a village code; write the 12-digit statistical division code "
                  "(统计用区划代码) of the village, like 630102001001");
    return std::nullopt;
  }
  Result<RegionCode> code = RegionCode::Parse(text);
  const registry::Region* region = code.ok() ? regions_.Find(*code) : nullptr;
  if (region != nullptr && region->level() == RegionLevel::kVillage) {
    last_text_.assign(text);
    last_code_ = *code;
    return *code;
  }
  std::string message = Quoted(text);
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

void CheckHouseholdFields(RowCheck& check, VillageLookup& villages, registry::Household& h) {
  if (auto code = villages.Check(check)) h.village_code = *code;
  if (auto s = check.CheckCode<registry::HouseholdStatus>(kStatus, "household status")) {
    h.status = *s;
  }
  const std::pair<HC, Money*> amounts[] = {
      {kWageIncome, &h.wage_income},           {kBusinessIncome, &h.business_income},
      {kPropertyIncome, &h.property_income},   {kTransferIncome, &h.transfer_income},
      {kProductionCosts, &h.production_costs}, {kRigidMedical, &h.rigid_medical},
      {kRigidEducation, &h.rigid_education},   {kRigidOther, &h.rigid_other},
  };
  for (auto [column, target] : amounts) check.CheckMoney(column, Sign::kNonNegative, *target);
  if (!check.Field(kPrevNetIncome).empty()) {
    Money m;
    if (check.CheckMoney(kPrevNetIncome, Sign::kAny, m)) h.prev_net_income = m;
  }
  if (auto b = check.CheckBool(kHousingSafe)) h.housing_safe = *b;
  if (auto b = check.CheckBool(kWaterSafe)) h.water_safe = *b;
}

bool CheckIdNumber(RowCheck& check, CivilDate today, IdFacts& id) {
  std::string_view text = check.Field(MC::kIdNumber);
  if (FastIdNumber(text, today, id)) return true;
  IdNumberError error = IdNumberError::kNone;
  Result<IdNumber> parsed = ParseIdNumber(text, today, &error);
  if (parsed.ok()) {  // not reached: the fast path takes every valid number
    id = IdFacts{parsed->Packed(), parsed->birth_date(), parsed->male()};
    return true;
  }
  check.Add(MC::kIdNumber, std::string(IdNumberRule(error)), parsed.status().message());
  return false;
}

std::string NormalizedIdNumber(std::string_view field) {
  std::string text(field);
  if (!text.empty() && text.back() == 'x') text.back() = 'X';
  return text;
}
MemberCheck CheckMemberFields(RowCheck& check, CivilDate today, registry::Member& m) {
  MemberCheck out;
  out.id_ok = CheckIdNumber(check, today, out.id);
  CheckName(check, out);
  CheckSexAndBirthDate(check, out.id_ok ? &out.id : nullptr, m);
  CheckCodesAndFlags(check, m);
  return out;
}

Problem DuplicateHouseholdIdProblem(int id_field, const Duplicate<std::string_view>& d) {
  return Problem{id_field, "household_id.duplicate", std::string(d.key),
                 Quoted(d.key) + " already appears on line " + std::to_string(d.first_line) +
                     ", and the first row wins; give this household its own household_id or "
                     "remove the row"};
}

Problem DuplicateIdNumberProblem(int id_field, const Duplicate<uint64_t>& d) {
  std::string text = UnpackIdNumber(d.key);
  return Problem{id_field, "id_number.duplicate", text,
                 "the ID number " + text + " already appears on line " +
                     std::to_string(d.first_line) +
                     ", and the first row wins; a person is listed once: correct the ID number "
                     "or remove the row"};
}

}  // namespace xianjie::ingest::internal
