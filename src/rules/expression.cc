// Extra expressions: compiled like a rule condition that sees every rule, run one row per batch
// position through the StandardRunner's batch (vectorized) or the scalar evaluator.
#include "rules/expression.h"

#include <algorithm>
#include <utility>

#include "rules/binder.h"
#include "rules/executor/standard_runner.h"

namespace xianjie::rules {
namespace {

// Groups the distinct rows into batches of nearby rows, runs the rules on each and calls
// f(runner, base, sel) with the batch positions selected (dense when the group has every row of
// its span).
template <typename F>
void ForEachBatch(const registry::Snapshot& snapshot, const CompiledStandard& standard,
                  const FactColumns* facts, std::span<const uint32_t> rows, F f) {
  std::vector<std::pair<uint32_t, uint32_t>> order;
  for (size_t k = 0; k < rows.size(); ++k) order.emplace_back(rows[k], static_cast<uint32_t>(k));
  std::sort(order.begin(), order.end());
  order.erase(
      std::unique(order.begin(), order.end(), [](auto& a, auto& b) { return a.first == b.first; }),
      order.end());
  StandardRunner runner(snapshot, standard, facts);
  std::vector<uint32_t> sel(kBatchSize);
  std::vector<uint32_t> fired(kBatchSize);
  for (size_t k = 0; k < order.size();) {
    const uint32_t base = order[k].first;
    size_t end = k;
    uint32_t n = 0;
    while (end < order.size() && order[end].first - base < kBatchSize) {
      sel[n++] = order[end].first - base;
      ++end;
    }
    const uint32_t count = order[end - 1].first - base + 1;
    const Sel s = n == count ? Sel{nullptr, count} : Sel{sel.data(), n};
    runner.Run(base, count, s, fired.data(), nullptr, nullptr);
    f(runner, base, s);
    k = end;
  }
}

}  // namespace

Result<CompiledExpression> CompileExpression(const CompiledStandard& standard,
                                             std::string_view text) {
  BindScope scope;
  scope.parameters = standard.standard().parameters;
  scope.line = standard.standard().line;
  scope.rules = standard.rule_ids();
  scope.visible_rules = static_cast<int>(standard.rule_count());
  scope.facts = standard.facts();
  XJ_ASSIGN_OR_RETURN(BoundExpression bound, BindText(text, scope, /*require_boolean=*/false));
  CompiledExpression e;
  e.plans.optimized = Optimize(bound);
  e.plans.bound = std::move(bound);
  return e;
}

std::vector<ScalarValue> EvaluateVectorized(const registry::Snapshot& snapshot,
                                            const CompiledStandard& standard,
                                            const CompiledExpression& expression,
                                            std::span<const uint32_t> rows,
                                            const FactColumns* facts) {
  std::vector<ScalarValue> by_row_position(rows.size());
  std::vector<std::pair<uint32_t, ScalarValue>> values;
  const bool boolean = expression.type().kind == TypeKind::kBoolean;
  ForEachBatch(snapshot, standard, facts, rows,
               [&](StandardRunner& runner, uint32_t base, Sel sel) {
                 ExpressionRunner extra(expression.plans.optimized, &runner.batch());
                 const Vec v = extra.Run(sel);
                 ForEach(sel, [&](uint32_t i) {
                   values.emplace_back(base + i, boolean ? ScalarValue{v.truth[i], true}
                                                         : ScalarValue{v.data[i], v.valid[i] != 0});
                 });
               });
  std::sort(values.begin(), values.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t k = 0; k < rows.size(); ++k) {
    auto it = std::lower_bound(values.begin(), values.end(), rows[k],
                               [](const auto& a, uint32_t row) { return a.first < row; });
    by_row_position[k] = it->second;
  }
  return by_row_position;
}

std::vector<std::vector<uint8_t>> RuleTruths(const registry::Snapshot& snapshot,
                                             const CompiledStandard& standard,
                                             std::span<const uint32_t> rows, bool vectorized,
                                             const FactColumns* facts) {
  std::vector<std::vector<uint8_t>> out(rows.size());
  if (!vectorized) {
    CheckFactsAligned(snapshot, facts);
    for (size_t k = 0; k < rows.size(); ++k) {
      for (const CompiledRule& rule : standard.rules()) {
        ScalarEvaluator ev(rule.when.bound, {&snapshot, rows[k], out[k], facts});
        out[k].push_back(static_cast<uint8_t>(ev.Evaluate().value));
      }
    }
    return out;
  }
  std::vector<std::pair<uint32_t, std::vector<uint8_t>>> values;
  ForEachBatch(snapshot, standard, facts, rows,
               [&](StandardRunner& runner, uint32_t base, Sel sel) {
                 ForEach(sel, [&](uint32_t i) {
                   std::vector<uint8_t> t;
                   for (size_t r = 0; r < standard.rule_count(); ++r)
                     t.push_back(runner.batch().rule_truth(r)[i]);
                   values.emplace_back(base + i, std::move(t));
                 });
               });
  std::sort(values.begin(), values.end());
  for (size_t k = 0; k < rows.size(); ++k) {
    auto it = std::lower_bound(values.begin(), values.end(), rows[k],
                               [](const auto& a, uint32_t row) { return a.first < row; });
    out[k] = it->second;
  }
  return out;
}

std::vector<ScalarValue> EvaluateScalar(const registry::Snapshot& snapshot,
                                        const CompiledStandard& standard,
                                        const CompiledExpression& expression,
                                        std::span<const uint32_t> rows, const FactColumns* facts) {
  const std::vector<std::vector<uint8_t>> truths =
      RuleTruths(snapshot, standard, rows, false, facts);
  std::vector<ScalarValue> out;
  for (size_t k = 0; k < rows.size(); ++k) {
    ScalarEvaluator ev(expression.plans.bound, {&snapshot, rows[k], truths[k], facts});
    out.push_back(ev.Evaluate());
  }
  return out;
}

}  // namespace xianjie::rules
