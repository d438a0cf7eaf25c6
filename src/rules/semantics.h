// The exact arithmetic and three-valued logic of the rule language, one inline function per
// operation, shared by the vectorized executor and the scalar evaluator so that both compute the
// same values: scaled int64 sums and products that report overflow (the result is then
// missing), 128-bit comparisons across scales, Kleene truth values, completed years.
#ifndef XIANJIE_RULES_SEMANTICS_H_
#define XIANJIE_RULES_SEMANTICS_H_

#include <cstdint>

#include "rules/bound_plan.h"
#include "rules/value_type.h"

namespace xianjie::rules {

inline int64_t Pow10(int n) {
  int64_t p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

// a * fa (+|-) b * fb; false on overflow.
inline bool ScaledAdd(int64_t a, int64_t fa, int64_t b, int64_t fb, bool subtract, int64_t* r) {
  int64_t x = a;
  int64_t y = b;
  if (fa != 1 && __builtin_mul_overflow(a, fa, &x)) return false;
  if (fb != 1 && __builtin_mul_overflow(b, fb, &y)) return false;
  return subtract ? !__builtin_sub_overflow(x, y, r) : !__builtin_add_overflow(x, y, r);
}

inline bool Multiply(int64_t a, int64_t b, int64_t* r) { return !__builtin_mul_overflow(a, b, r); }

inline bool Negate(int64_t a, int64_t* r) { return !__builtin_sub_overflow(int64_t{0}, a, r); }

// Sign of a * fa - b * fb, exact.
inline int CompareScaled(int64_t a, int64_t fa, int64_t b, int64_t fb) {
  const Int128 x = static_cast<Int128>(a) * fa;
  const Int128 y = static_cast<Int128>(b) * fb;
  return (x > y) - (x < y);
}

inline bool CompareHolds(CompareOp op, int sign) {
  switch (op) {
    case CompareOp::kEqual:
      return sign == 0;
    case CompareOp::kNotEqual:
      return sign != 0;
    case CompareOp::kLess:
      return sign < 0;
    case CompareOp::kLessEqual:
      return sign <= 0;
    case CompareOp::kGreater:
      return sign > 0;
    case CompareOp::kGreaterEqual:
      return sign >= 0;
  }
  return false;
}

inline uint8_t TruthOf(bool b) { return b ? kTruthTrue : kTruthFalse; }
inline uint8_t KleeneAnd(uint8_t a, uint8_t b) { return a < b ? a : b; }
inline uint8_t KleeneOr(uint8_t a, uint8_t b) { return a > b ? a : b; }
inline uint8_t KleeneNot(uint8_t a) { return static_cast<uint8_t>(kTruthTrue - a); }

// Completed years on the day `on_ymd` of a person born on `birth_ymd` (both YYYYMMDD): the
// difference's ten-thousands, 0 before the birth (29 February completes a year on 1 March).
inline int64_t YearsOn(int64_t on_ymd, int64_t birth_ymd) {
  const int64_t d = on_ymd - birth_ymd;
  return d < 0 ? 0 : d / 10000;
}

}  // namespace xianjie::rules

#endif  // XIANJIE_RULES_SEMANTICS_H_
