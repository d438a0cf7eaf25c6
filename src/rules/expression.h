// One expression evaluated in the scope of a compiled standard (it may name the standard's
// parameters and every rule), by both evaluators: for tests (tests/rules/*.test), tools and the
// rule editor. Screening itself goes through ScreenAll (screen.h).
#ifndef XIANJIE_RULES_EXPRESSION_H_
#define XIANJIE_RULES_EXPRESSION_H_

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "registry/snapshot.h"
#include "rules/compiled_standard.h"
#include "rules/scalar_eval.h"

namespace xianjie::rules {

struct CompiledExpression {
  CompiledCondition plans;  // any type, not only boolean
  ValueType type() const { return plans.bound.type(); }
};

// Compiles `text` against `standard`'s names (its parameters, rules and the department facts it
// was compiled against). kInvalidArgument with a caret message (without a place prefix) on
// error.
Result<CompiledExpression> CompileExpression(const CompiledStandard& standard,
                                             std::string_view text);

// The value for each of `rows` by the vectorized executor, after the standard's rules have run
// on those rows (every row is evaluated, even one without a counted member). dept.<fact> reads
// `facts` (aligned with `snapshot`, facts.h; nullptr: every fact reads 0 / false).
std::vector<ScalarValue> EvaluateVectorized(const registry::Snapshot& snapshot,
                                            const CompiledStandard& standard,
                                            const CompiledExpression& expression,
                                            std::span<const uint32_t> rows,
                                            const FactColumns* facts = nullptr);

// The same by the scalar evaluator over the bound (unoptimized) plans.
std::vector<ScalarValue> EvaluateScalar(const registry::Snapshot& snapshot,
                                        const CompiledStandard& standard,
                                        const CompiledExpression& expression,
                                        std::span<const uint32_t> rows,
                                        const FactColumns* facts = nullptr);

// The three-valued result of every rule for each of `rows` ([row][rule]), by either evaluator.
std::vector<std::vector<uint8_t>> RuleTruths(const registry::Snapshot& snapshot,
                                             const CompiledStandard& standard,
                                             std::span<const uint32_t> rows, bool vectorized,
                                             const FactColumns* facts = nullptr);

}  // namespace xianjie::rules

#endif  // XIANJIE_RULES_EXPRESSION_H_
