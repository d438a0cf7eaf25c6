// The enumerations of the registry exchange format (DOMAIN.md §13) with their code names and
// Chinese labels. Files and APIs accept either; the software writes the code.
#ifndef XIANJIE_REGISTRY_CODES_H_
#define XIANJIE_REGISTRY_CODES_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace xianjie::registry {

enum class HouseholdStatus : uint8_t { kLifted, kOrdinary };
enum class Relation : uint8_t {
  kHead,
  kSpouse,
  kChild,
  kChildInLaw,
  kGrandchild,
  kParent,
  kGrandparent,
  kSibling,
  kOther,
};
enum class Sex : uint8_t { kMale, kFemale };
enum class Labor : uint8_t { kSkilled, kOrdinary, kWeak, kLost, kNone };
enum class Health : uint8_t { kHealthy, kChronic, kSerious, kDisabled };
enum class SchoolStage : uint8_t {
  kNone,
  kPreschool,
  kPrimary,
  kJunior,
  kSenior,
  kVocational,
  kCollege,
};
// Risk types of DOMAIN.md §6 (致贫返贫风险); a household has up to five. The underlying value is
// the bit of a risk in a risk set (uint16_t).
enum class RiskType : uint8_t {
  kR01, kR02, kR03, kR04, kR05, kR06, kR07, kR08, kR09, kR10, kR11, kR12, kR99,
};
// Monitoring-object types of DOMAIN.md §4.2 and the guarantee gap (no type).
enum class ObjectType : uint8_t { kUnstableLifted, kMarginal, kSuddenHardship, kGuaranteeGap };

// One value of an enumeration: its code, its Chinese label and, where the exchange format
// lists them, accepted alternative labels ("儿媳/女婿" also as "儿媳" and "女婿").
struct CodeEntry {
  std::string_view code;
  std::string_view label_zh;
  std::string_view alt1 = {};
  std::string_view alt2 = {};
};

// The table of an enumeration, indexed by its underlying value.
std::span<const CodeEntry> CodesOf(HouseholdStatus);
std::span<const CodeEntry> CodesOf(Relation);
std::span<const CodeEntry> CodesOf(Sex);
std::span<const CodeEntry> CodesOf(Labor);
std::span<const CodeEntry> CodesOf(Health);
std::span<const CodeEntry> CodesOf(SchoolStage);
std::span<const CodeEntry> CodesOf(RiskType);    // code "R01", label "因病"
std::span<const CodeEntry> CodesOf(ObjectType);  // code "marginal", label "边缘易致贫户"

template <typename E>
std::string_view CodeOf(E value) {
  return CodesOf(E{})[static_cast<size_t>(value)].code;
}
template <typename E>
std::string_view LabelOf(E value) {
  return CodesOf(E{})[static_cast<size_t>(value)].label_zh;
}

// Matches `text` exactly against the codes and labels of E.
template <typename E>
std::optional<E> ParseCode(std::string_view text) {
  auto table = CodesOf(E{});
  for (size_t i = 0; i < table.size(); ++i) {
    const CodeEntry& e = table[i];
    if (text == e.code || text == e.label_zh || (!e.alt1.empty() && text == e.alt1) ||
        (!e.alt2.empty() && text == e.alt2)) {
      return static_cast<E>(i);
    }
  }
  return std::nullopt;
}

// Booleans of the exchange format: "1"/"0", also "是"/"否".
std::optional<bool> ParseBool(std::string_view text);

}  // namespace xianjie::registry

#endif  // XIANJIE_REGISTRY_CODES_H_
