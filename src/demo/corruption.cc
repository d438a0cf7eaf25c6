// The corruption kinds of the demo generator and how each one changes a row.
#include "demo/corruption.h"

#include <iterator>

#include "base/date.h"
#include "base/id_number.h"
#include "base/region_code.h"
#include "registry/exchange_columns.h"

namespace xianjie::demo {
namespace {

using registry::HouseholdColumn;
using registry::MemberColumn;
using Values = std::span<const std::string_view>;

constexpr Corruption kAll[] = {
    Corruption::kIdCheck,           Corruption::kIdBirthDate,          Corruption::kSexMismatch,
    Corruption::kBirthDateMismatch, Corruption::kUnknownVillage,       Corruption::kMalformedMoney,
    Corruption::kDuplicateIdNumber, Corruption::kDuplicateHouseholdId, Corruption::kEmptyName,
    Corruption::kBadEnum,           Corruption::kBadBoolean,
};
static_assert(std::size(kAll) == kCorruptionKinds);
constexpr Corruption kHouseholdKinds[] = {
    Corruption::kUnknownVillage, Corruption::kMalformedMoney, Corruption::kDuplicateHouseholdId,
    Corruption::kBadEnum,        Corruption::kBadBoolean,
};
constexpr Corruption kMemberKinds[] = {
    Corruption::kIdCheck,           Corruption::kIdBirthDate,       Corruption::kSexMismatch,
    Corruption::kBirthDateMismatch, Corruption::kDuplicateIdNumber, Corruption::kEmptyName,
    Corruption::kBadEnum,           Corruption::kBadBoolean,
};

// What clerks write instead of the codes and labels of §13 ("本人" is the hukou word for the
// head; "半劳力" is short for 半劳动力 and not accepted).
constexpr std::string_view kBadStatus[] = {"贫困户", "脱贫", "监测户"};
constexpr std::string_view kBadRelation[] = {"本人", "母亲", "儿子", "孙女"};
constexpr std::string_view kBadSex[] = {"男性", "女性"};
constexpr std::string_view kBadLabor[] = {"普通", "劳动力", "半劳力"};
constexpr std::string_view kBadHealth[] = {"良好", "一般", "病"};
constexpr std::string_view kBadStage[] = {"大学", "幼儿园", "在校"};
constexpr std::string_view kBadBool[] = {"Y", "N", "2", "true", "有"};
constexpr std::string_view kNotMoney[] = {"abc", "不详", "无"};

constexpr HouseholdColumn kMoneyColumns[] = {
    HouseholdColumn::kWageIncome,      HouseholdColumn::kBusinessIncome,
    HouseholdColumn::kPropertyIncome,  HouseholdColumn::kTransferIncome,
    HouseholdColumn::kProductionCosts, HouseholdColumn::kPrevNetIncome,
    HouseholdColumn::kRigidMedical,    HouseholdColumn::kRigidEducation,
    HouseholdColumn::kRigidOther,
};
constexpr MemberColumn kMemberBooleans[] = {MemberColumn::kEnrolled, MemberColumn::kMedInsured,
                                            MemberColumn::kPensionInsured,
                                            MemberColumn::kSharesHousehold};
constexpr std::string_view kCheckCharacters = "0123456789X";

// Groups the digits of `int_part` by three with `separator`: "12345" -> "12,345".
std::string GroupThousands(std::string_view int_part, char separator) {
  std::string out;
  for (size_t i = 0; i < int_part.size(); ++i) {
    if (i > 0 && (int_part.size() - i) % 3 == 0) out += separator;
    out += int_part[i];
  }
  return out;
}

}  // namespace

std::span<const Corruption> AllCorruptions() { return kAll; }

std::string_view CorruptionName(Corruption kind) {
  switch (kind) {
    case Corruption::kIdCheck:
      return "id_check";
    case Corruption::kIdBirthDate:
      return "id_birth_date";
    case Corruption::kSexMismatch:
      return "sex_mismatch";
    case Corruption::kBirthDateMismatch:
      return "birth_date_mismatch";
    case Corruption::kUnknownVillage:
      return "unknown_village";
    case Corruption::kMalformedMoney:
      return "malformed_money";
    case Corruption::kDuplicateIdNumber:
      return "duplicate_id_number";
    case Corruption::kDuplicateHouseholdId:
      return "duplicate_household_id";
    case Corruption::kEmptyName:
      return "empty_name";
    case Corruption::kBadEnum:
      return "bad_enum";
    case Corruption::kBadBoolean:
      return "bad_boolean";
  }
  return "unknown";
}

Corruptor::Corruptor(double rate, uint64_t seed, const registry::RegionTable& regions)
    : rate_(rate), rng_(seed, /*stream=*/2), regions_(regions) {}

std::optional<Corruption> Corruptor::MaybeCorrupt(HouseholdFields& f) {
  if (rate_ <= 0 || !rng_.Chance(rate_)) return std::nullopt;
  Corruption kind = rng_.PickOne(std::span<const Corruption>(kHouseholdKinds));
  if (kind == Corruption::kDuplicateHouseholdId && intact_household_id_.empty()) {
    kind = Corruption::kUnknownVillage;  // nothing earlier to copy yet
  }
  switch (kind) {
    case Corruption::kUnknownVillage:
      UnknownVillage(At(f, HouseholdColumn::kVillageCode));
      break;
    case Corruption::kMalformedMoney:
      MalformedMoney(At(f, rng_.PickOne(std::span<const HouseholdColumn>(kMoneyColumns))));
      break;
    case Corruption::kDuplicateHouseholdId:
      At(f, HouseholdColumn::kHouseholdId) = intact_household_id_;
      break;
    case Corruption::kBadEnum:
      At(f, HouseholdColumn::kStatus) = rng_.PickOne(Values(kBadStatus));
      break;
    case Corruption::kBadBoolean:
      At(f, rng_.Chance(0.5) ? HouseholdColumn::kHousingSafe : HouseholdColumn::kWaterSafe) =
          rng_.PickOne(Values(kBadBool));
      break;
    default:
      break;  // member kinds are not drawn for households
  }
  return kind;
}

std::optional<Corruption> Corruptor::MaybeCorrupt(MemberFields& f) {
  if (rate_ <= 0 || !rng_.Chance(rate_)) return std::nullopt;
  Corruption kind = rng_.PickOne(std::span<const Corruption>(kMemberKinds));
  if (kind == Corruption::kDuplicateIdNumber && intact_id_number_.empty()) {
    kind = Corruption::kIdCheck;  // nothing earlier to copy yet
  }
  std::string& id = At(f, MemberColumn::kIdNumber);
  switch (kind) {
    case Corruption::kIdCheck: {
      size_t now = kCheckCharacters.find(id[17]);
      id[17] = kCheckCharacters[(now + 1 + static_cast<size_t>(rng_.Below(10))) % 11];
      break;
    }
    case Corruption::kIdBirthDate:  // month 13..24, with a check character that fits
      id[10] = static_cast<char>(id[10] + 1);
      id[11] = static_cast<char>(id[11] + 2);
      if (id[11] > '9') {
        id[11] = static_cast<char>(id[11] - 10);
        id[10] = static_cast<char>(id[10] + 1);
      }
      id[17] = IdCheckCharacter(std::string_view(id).substr(0, 17));
      break;
    case Corruption::kSexMismatch: {
      std::string& sex = At(f, MemberColumn::kSex);
      sex.assign(1, sex == "M" ? 'F' : 'M');
      break;
    }
    case Corruption::kBirthDateMismatch: {
      std::string& birth = At(f, MemberColumn::kBirthDate);
      auto date = ParseDate(birth);
      if (date.ok()) birth = CivilDate::FromDays(date->ToDays() - rng_.Between(1, 3650)).ToString();
      break;
    }
    case Corruption::kDuplicateIdNumber:
      id = intact_id_number_;
      At(f, MemberColumn::kSex) = intact_sex_;
      At(f, MemberColumn::kBirthDate) = intact_birth_date_;
      break;
    case Corruption::kEmptyName:
      At(f, MemberColumn::kName).clear();
      break;
    case Corruption::kBadEnum:
      switch (rng_.Below(5)) {
        case 0:
          At(f, MemberColumn::kRelation) = rng_.PickOne(Values(kBadRelation));
          break;
        case 1:
          At(f, MemberColumn::kSex) = rng_.PickOne(Values(kBadSex));
          break;
        case 2:
          At(f, MemberColumn::kLabor) = rng_.PickOne(Values(kBadLabor));
          break;
        case 3:
          At(f, MemberColumn::kHealth) = rng_.PickOne(Values(kBadHealth));
          break;
        default:
          At(f, MemberColumn::kSchoolStage) = rng_.PickOne(Values(kBadStage));
          break;
      }
      break;
    case Corruption::kBadBoolean:
      At(f, rng_.PickOne(std::span<const MemberColumn>(kMemberBooleans))) =
          rng_.PickOne(Values(kBadBool));
      break;
    default:
      break;  // household kinds are not drawn for members
  }
  return kind;
}

void Corruptor::RememberIntact(std::string_view household_id, const MemberFields& member) {
  intact_household_id_.assign(household_id);
  intact_id_number_ = member[registry::Index(MemberColumn::kIdNumber)];
  intact_sex_ = member[registry::Index(MemberColumn::kSex)];
  intact_birth_date_ = member[registry::Index(MemberColumn::kBirthDate)];
}

// A slip in the village part of the code, giving a code of the same township that the region
// table does not know.
void Corruptor::UnknownVillage(std::string& code) {
  int village = std::stoi(code.substr(9, 3));
  for (int k = 0; k < 1000; ++k) {
    int candidate = (village + 500 + 37 * k) % 1000;
    if (candidate == 0) continue;
    std::string text = code.substr(0, 9);
    text += static_cast<char>('0' + candidate / 100);
    text += static_cast<char>('0' + candidate / 10 % 10);
    text += static_cast<char>('0' + candidate % 10);
    if (regions_.Find(text) == nullptr) {
      code = std::move(text);
      return;
    }
  }
  code.replace(0, 4, "6399");  // the township is full: a prefecture that does not exist
}

void Corruptor::MalformedMoney(std::string& money) {
  const bool negative = !money.empty() && money[0] == '-';
  std::string_view digits = std::string_view(money).substr(negative ? 1 : 0);
  const size_t dot = digits.find('.');
  const std::string_view int_part = digits.substr(0, dot);
  std::string fraction(dot == std::string_view::npos ? "" : digits.substr(dot + 1));
  const std::string sign = negative ? "-" : "";
  switch (rng_.Below(3)) {
    case 0:  // a spreadsheet's display format: "12,345.00"
      if (int_part.size() >= 4) {
        fraction.resize(2, '0');
        money = sign + GroupThousands(int_part, ',') + "." + fraction;
        return;
      }
      [[fallthrough]];
    case 1:  // three decimals, or a European thousands point: "1.234", "12.345"
      if (int_part.size() >= 4) {
        money = sign + GroupThousands(int_part, '.');
      } else {
        money = sign + std::string(int_part.empty() ? "0" : int_part) + "." +
                std::to_string(100 + rng_.Below(900));
      }
      return;
    default:
      money = rng_.PickOne(Values(kNotMoney));
      return;
  }
}

}  // namespace xianjie::demo
