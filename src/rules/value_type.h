// Types of the rule language (docs/rules-language.md, "Types"): three-valued booleans, exact
// numbers with a static scale, money (yuan as integer fen, or finer after a multiplication),
// dates and codes of one enumeration. Every type has a missing value.
#ifndef XIANJIE_RULES_VALUE_TYPE_H_
#define XIANJIE_RULES_VALUE_TYPE_H_

#include <cstdint>
#include <string>

namespace xianjie::rules {

// 128-bit integers for exact comparisons across scales (a GCC/Clang extension).
__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

enum class TypeKind : uint8_t { kBoolean, kNumber, kMoney, kDate, kCode };

// The enumeration of a code: one of DOMAIN.md §13, or (kFact) the codes a department fact
// lists itself (facts.h, FactField::codes).
enum class CodeSet : uint8_t {
  kNone,
  kStatus,
  kRelation,
  kSex,
  kLabor,
  kHealth,
  kSchoolStage,
  kFact
};

// A value's type. Numbers and money are int64 units of 10^-scale (money: scale >= 2, units of
// fen at scale 2); dates are the number YYYYMMDD; codes the enumeration's underlying value (a
// fact's codes: 0 no value, i + 1 its codes[i]); booleans 0 false, 1 unknown, 2 true (so 'and'
// is min, 'or' is max, 'not' is 2 - x).
struct ValueType {
  TypeKind kind = TypeKind::kBoolean;
  int8_t scale = 0;
  CodeSet code = CodeSet::kNone;
  // CodeSet::kFact in a bound plan: whose codes, the index of the fact in the catalogue the
  // expression was bound against (BoundExpression::facts). 0 everywhere else, and in the
  // catalogue itself (FactField::type of a code fact is FactCode()).
  uint16_t fact = 0;

  static constexpr ValueType Boolean() { return {TypeKind::kBoolean, 0, CodeSet::kNone}; }
  static constexpr ValueType Number(int scale) {
    return {TypeKind::kNumber, static_cast<int8_t>(scale), CodeSet::kNone};
  }
  static constexpr ValueType Money(int scale = 2) {
    return {TypeKind::kMoney, static_cast<int8_t>(scale), CodeSet::kNone};
  }
  static constexpr ValueType Date() { return {TypeKind::kDate, 0, CodeSet::kNone}; }
  static constexpr ValueType Code(CodeSet set) { return {TypeKind::kCode, 0, set}; }
  static constexpr ValueType FactCode(uint16_t fact = 0) {
    return {TypeKind::kCode, 0, CodeSet::kFact, fact};
  }

  bool numeric() const { return kind == TypeKind::kNumber || kind == TypeKind::kMoney; }
  bool operator==(const ValueType&) const = default;
};

inline constexpr int kMaxScale = 6;

// Truth values in vectors and scalars.
inline constexpr uint8_t kTruthFalse = 0;
inline constexpr uint8_t kTruthUnknown = 1;
inline constexpr uint8_t kTruthTrue = 2;

// For messages: "boolean", "number", "money", "date", "status code", "labor code" ... ("fact
// code" for a fact's codes; DescribeType in facts.h names the fact).
std::string TypeName(ValueType type);
// With an article, for messages: "a boolean", "a number", "money", "a date", "a labor code".
std::string TypeWithArticle(ValueType type);
// The field a code set belongs to: "status", "relation", "sex", "labor", "health",
// "school_stage" ("fact" for a fact's own codes).
std::string CodeSetName(CodeSet set);

}  // namespace xianjie::rules

#endif  // XIANJIE_RULES_VALUE_TYPE_H_
