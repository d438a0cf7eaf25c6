// Explain(): every rule of one household through the scalar evaluator with a trace, the
// proposed type and the suggested risks; and the one-line 'because' with the values
// substituted ("net_income 14999.99 < line 7500.00 × members 2 → true").
#include "rules/explain.h"

#include <string>
#include <vector>

#include "rules/compiled_standard.h"
#include "rules/names.h"
#include "rules/scalar_eval.h"

namespace xianjie::rules {
namespace {

// Source text on one line (runs of white space as one space).
std::string OneLine(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

class Renderer {
 public:
  Renderer(const BoundExpression& plan, const std::vector<ScalarValue>& values)
      : plan_(plan), values_(values) {}

  std::string Line() { return Render(plan_.root) + " \u2192 " + Value(plan_.root); }

 private:
  const BoundNode& At(int i) const { return plan_.nodes[static_cast<size_t>(i)]; }
  std::string Value(int i) const {
    const ScalarValue v =
        static_cast<size_t>(i) < values_.size() ? values_[static_cast<size_t>(i)] : ScalarValue{};
    return FormatValue(At(i).type, v, plan_.facts);
  }
  bool IsLeaf(int i) const {
    switch (At(i).kind) {
      case BoundKind::kConstant:
      case BoundKind::kParameter:
      case BoundKind::kHouseholdField:
      case BoundKind::kRuleRef:
      case BoundKind::kAggregate:
      case BoundKind::kMemberField:  // reached only in member conditions: the person's value
      case BoundKind::kFactField:
      case BoundKind::kAgeOn:
        return true;
      case BoundKind::kBroadcast:
        return IsLeaf(At(i).children[0]);
      default:
        return false;
    }
  }
  // An operand of and/or/not/if: its value in brackets unless it shows it already.
  std::string Operand(int i, BoundKind parent) {
    std::string text = Render(i);
    if (IsLeaf(i) || (At(i).kind == parent && !At(i).parenthesized)) return text;
    return text + " [" + Value(i) + "]";
  }

  std::string Render(int i) {
    const BoundNode& n = At(i);
    std::string s = RenderBare(i);
    return n.parenthesized && n.kind != BoundKind::kBroadcast ? "(" + s + ")" : s;
  }

  std::string RenderBare(int i) {
    const BoundNode& n = At(i);
    const auto child = [&](size_t k) { return n.children[k]; };
    switch (n.kind) {
      case BoundKind::kConstant:
        return OneLine(plan_.Source(n));
      case BoundKind::kParameter:
      case BoundKind::kHouseholdField:
      case BoundKind::kRuleRef:
      case BoundKind::kMemberField:  // outside aggregates, i.e. in a member condition
      case BoundKind::kFactField:
        return n.name + " " + Value(i);
      case BoundKind::kAgeRange:
        return OneLine(plan_.Source(n));
      case BoundKind::kAgeOn:
      case BoundKind::kAggregate:
        return OneLine(plan_.Source(n)) + " " + Value(i);
      case BoundKind::kBroadcast:
        return Render(child(0));
      case BoundKind::kArithmetic: {
        const auto op = static_cast<ArithmeticOp>(n.op);
        const char* sign = op == ArithmeticOp::kAdd        ? " + "
                           : op == ArithmeticOp::kSubtract ? " - "
                                                           : " \u00d7 ";
        return Render(child(0)) + sign + Render(child(1));
      }
      case BoundKind::kNegate:
        return "-" + Render(child(0));
      case BoundKind::kCompare: {
        static constexpr const char* kOps[] = {" = ", " != ", " < ", " <= ", " > ", " >= "};
        return Render(child(0)) + kOps[n.op] + Render(child(1));
      }
      case BoundKind::kBetween:
        return Render(child(0)) + (n.negated ? " not between " : " between ") + Render(child(1)) +
               " and " + Render(child(2));
      case BoundKind::kIn: {
        std::string s = Render(child(0)) + (n.negated ? " not in (" : " in (");
        for (size_t k = 1; k < n.children.size(); ++k) s += (k > 1 ? ", " : "") + Render(child(k));
        return s + ")";
      }
      case BoundKind::kIsMissing:
        return Render(child(0)) + (n.negated ? " is not missing" : " is missing");
      case BoundKind::kNot:
        return "not " + Operand(child(0), n.kind);
      case BoundKind::kAnd:
      case BoundKind::kOr: {
        const char* word = n.kind == BoundKind::kAnd ? " and " : " or ";
        return Operand(child(0), n.kind) + word + Operand(child(1), n.kind);
      }
      case BoundKind::kIf:
        return "if(" + Operand(child(0), n.kind) + ", " + Render(child(1)) + ", " +
               Render(child(2)) + ")";
    }
    return "";
  }

  const BoundExpression& plan_;
  const std::vector<ScalarValue>& values_;
};

}  // namespace

std::string Because(const BoundExpression& plan, const std::vector<ScalarValue>& values) {
  return Renderer(plan, values).Line();
}

HouseholdExplanation Explain(const registry::Snapshot& snapshot, uint32_t row,
                             const CompiledStandard& standard, const FactColumns* facts) {
  CheckFactsAligned(snapshot, facts);
  HouseholdExplanation e;
  e.household_id = std::string(snapshot.household_id(row));
  e.screened = snapshot.counted_members()[row] > 0;
  std::vector<uint8_t> truths;
  for (const CompiledRule& rule : standard.rules()) {
    RuleExplanation r;
    r.rule_id = rule.id;
    r.label_zh = rule.label_zh;
    r.label_en = rule.label_en;
    r.when = rule.when.bound.text;
    if (!e.screened) {
      r.result = Truth::kFalse;
      r.because = "not screened: no member shares the household (shares_household = 1)";
      e.rules.push_back(std::move(r));
      continue;
    }
    ScalarEvaluator ev(rule.when.bound, {&snapshot, row, truths, facts});
    const ScalarValue v = ev.Evaluate(&r.tree);
    truths.push_back(static_cast<uint8_t>(v.value));
    r.result = ToTruth(v.value);
    r.because = Because(rule.when.bound, ev.household_values());
    e.rules.push_back(std::move(r));
  }
  if (!e.screened) return e;
  bool any_fired = false;
  for (size_t i = 0; i < standard.rule_count(); ++i) {
    if (truths[i] != kTruthTrue) continue;
    any_fired = true;
    for (const CompiledRisk& risk : standard.rule(i).risks) {
      bool chosen = risk.always;
      if (!chosen) {
        ScalarEvaluator ev(risk.when.bound, {&snapshot, row, truths, facts});
        chosen = ev.Evaluate().value == kTruthTrue;
      }
      if (chosen) {
        e.rules[i].suggested_risk = std::string(registry::CodeOf(risk.risk));
        break;
      }
    }
  }
  if (!any_fired) return e;
  for (const CompiledType& type : standard.types()) {
    ScalarEvaluator ev(type.when.bound, {&snapshot, row, truths, facts});
    if (ev.Evaluate().value != kTruthTrue) continue;
    e.proposed_type = type.code;
    e.type_because = Because(type.when.bound, ev.household_values());
    break;
  }
  return e;
}

}  // namespace xianjie::rules
