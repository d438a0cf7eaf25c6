// The scalar evaluator. Its arithmetic and logic come from semantics.h, like the executor's.
#include "rules/scalar_eval.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "rules/names.h"
#include "rules/semantics.h"

namespace xianjie::rules {
namespace {

ScalarValue Missing() { return {0, false}; }
ScalarValue TruthValue(uint8_t t) { return {t, true}; }

// Three-valued a = b (for 'in'), aligning scales from the types.
uint8_t EqualTruth(ValueType ta, ScalarValue a, ValueType tb, ScalarValue b) {
  if (!a.valid || !b.valid) return kTruthUnknown;
  int64_t fa = 1;
  int64_t fb = 1;
  if (ta.numeric() && tb.numeric()) {
    const int scale = std::max(ta.scale, tb.scale);
    fa = Pow10(scale - ta.scale);
    fb = Pow10(scale - tb.scale);
  }
  return TruthOf(CompareScaled(a.value, fa, b.value, fb) == 0);
}

}  // namespace

ScalarValue ScalarEvaluator::Eval(int index, int64_t member, ExplainedTerm* term) {
  const BoundNode& n = plan_.nodes[static_cast<size_t>(index)];
  if (n.kind == BoundKind::kBroadcast) return Eval(n.children[0], -1, term);
  if (term != nullptr) term->source = std::string(plan_.Source(n));
  const ScalarValue v = EvalNode(n, member, term);
  if (term != nullptr) term->value = FormatValue(n.type, v, plan_.facts);
  if (member < 0 || aggregate_depth_ == 0) {
    if (household_values_.size() < plan_.nodes.size()) household_values_.resize(plan_.nodes.size());
    household_values_[static_cast<size_t>(index)] = v;
  }
  return v;
}

ScalarValue ScalarEvaluator::Child(const BoundNode& n, size_t i, int64_t member,
                                   ExplainedTerm* term) {
  ExplainedTerm* child_term = nullptr;
  if (term != nullptr) child_term = &term->children.emplace_back();
  return Eval(n.children[i], member, child_term);
}

ScalarValue ScalarEvaluator::EvalNode(const BoundNode& n, int64_t member, ExplainedTerm* term) {
  switch (n.kind) {
    case BoundKind::kConstant:
    case BoundKind::kParameter:
      return {n.value, n.valid};
    case BoundKind::kHouseholdField:
    case BoundKind::kMemberField:
    case BoundKind::kFactField:
      return Field(n, member);
    case BoundKind::kRuleRef:
      return TruthValue(static_cast<size_t>(n.rule) < in_.rule_truth.size()
                            ? in_.rule_truth[static_cast<size_t>(n.rule)]
                            : kTruthUnknown);
    case BoundKind::kArithmetic: {
      const ScalarValue a = Child(n, 0, member, term);
      const ScalarValue b = Child(n, 1, member, term);
      if (!a.valid || !b.valid) return Missing();
      int64_t r = 0;
      const auto op = static_cast<ArithmeticOp>(n.op);
      const bool ok = op == ArithmeticOp::kMultiply
                          ? Multiply(a.value, b.value, &r)
                          : ScaledAdd(a.value, n.factor[0], b.value, n.factor[1],
                                      op == ArithmeticOp::kSubtract, &r);
      return ok ? ScalarValue{r, true} : Missing();
    }
    case BoundKind::kNegate: {
      const ScalarValue a = Child(n, 0, member, term);
      int64_t r = 0;
      return a.valid && Negate(a.value, &r) ? ScalarValue{r, true} : Missing();
    }
    case BoundKind::kCompare: {
      const ScalarValue a = Child(n, 0, member, term);
      const ScalarValue b = Child(n, 1, member, term);
      const auto op = static_cast<CompareOp>(n.op);
      const ValueType t = plan_.nodes[static_cast<size_t>(n.children[0])].type;
      if (t.kind == TypeKind::kBoolean) {
        if (a.value == kTruthUnknown || b.value == kTruthUnknown) return TruthValue(kTruthUnknown);
        return TruthValue(TruthOf(CompareHolds(op, (a.value > b.value) - (a.value < b.value))));
      }
      if (!a.valid || !b.valid) return TruthValue(kTruthUnknown);
      return TruthValue(
          TruthOf(CompareHolds(op, CompareScaled(a.value, n.factor[0], b.value, n.factor[1]))));
    }
    case BoundKind::kBetween: {
      const ScalarValue x = Child(n, 0, member, term);
      const ScalarValue lo = Child(n, 1, member, term);
      const ScalarValue hi = Child(n, 2, member, term);
      const uint8_t above =
          x.valid && lo.valid
              ? TruthOf(CompareScaled(x.value, n.factor[0], lo.value, n.factor[1]) >= 0)
              : kTruthUnknown;
      const uint8_t below =
          x.valid && hi.valid
              ? TruthOf(CompareScaled(x.value, n.factor[2], hi.value, n.factor[3]) <= 0)
              : kTruthUnknown;
      const uint8_t t = KleeneAnd(above, below);
      return TruthValue(n.negated ? KleeneNot(t) : t);
    }
    case BoundKind::kIn: {
      const ScalarValue x = Child(n, 0, member, term);
      const ValueType tx = plan_.nodes[static_cast<size_t>(n.children[0])].type;
      uint8_t t = kTruthFalse;
      for (size_t i = 1; i < n.children.size(); ++i) {
        const ScalarValue v = Child(n, i, member, term);
        const ValueType tv = plan_.nodes[static_cast<size_t>(n.children[i])].type;
        t = KleeneOr(t, EqualTruth(tx, x, tv, v));
      }
      return TruthValue(n.negated ? KleeneNot(t) : t);
    }
    case BoundKind::kIsMissing: {
      const ScalarValue x = Child(n, 0, member, term);
      const ValueType tx = plan_.nodes[static_cast<size_t>(n.children[0])].type;
      const bool missing = tx.kind == TypeKind::kBoolean ? x.value == kTruthUnknown : !x.valid;
      return TruthValue(TruthOf(missing != n.negated));
    }
    case BoundKind::kNot:
      return TruthValue(KleeneNot(static_cast<uint8_t>(Child(n, 0, member, term).value)));
    case BoundKind::kAnd:
    case BoundKind::kOr: {
      const auto a = static_cast<uint8_t>(Child(n, 0, member, term).value);
      const auto b = static_cast<uint8_t>(Child(n, 1, member, term).value);
      return TruthValue(n.kind == BoundKind::kAnd ? KleeneAnd(a, b) : KleeneOr(a, b));
    }
    case BoundKind::kIf: {
      const ScalarValue c = Child(n, 0, member, term);
      const ScalarValue a = Child(n, 1, member, term);
      const ScalarValue b = Child(n, 2, member, term);
      const bool pick_then = c.value == kTruthTrue;
      ScalarValue r = pick_then ? a : b;
      const int64_t factor = n.factor[pick_then ? 0 : 1];
      if (r.valid && factor != 1 && !Multiply(r.value, factor, &r.value)) return Missing();
      return r;
    }
    case BoundKind::kAgeOn: {
      const ScalarValue d = Child(n, 0, member, term);
      if (!d.valid || member < 0 || in_.snapshot == nullptr) return Missing();
      return {YearsOn(d.value, in_.snapshot->member_birth_ymd()[member]), true};
    }
    case BoundKind::kAggregate:
      return Aggregate(n, term);
    case BoundKind::kBroadcast:
      return Eval(n.children[0], -1, term);
    case BoundKind::kAgeRange: {
      if (member < 0 || in_.snapshot == nullptr) return TruthValue(kTruthUnknown);
      const int32_t birth = in_.snapshot->member_birth_ymd()[member];
      return TruthValue(TruthOf((birth > n.low && birth <= n.high) != n.negated));
    }
  }
  return Missing();
}

ScalarValue ScalarEvaluator::Field(const BoundNode& n, int64_t member) const {
  const registry::Snapshot* s = in_.snapshot;
  if (s == nullptr) return Missing();
  if (n.kind == BoundKind::kFactField) {
    if (member < 0) return Missing();
    const auto f = static_cast<size_t>(n.fact);
    int64_t v = 0;  // no value
    if (in_.person_facts != nullptr) {
      if (member == in_.member) v = in_.person_facts[f];
    } else if (in_.facts != nullptr) {
      const int64_t* column = in_.facts->Column(plan_.facts[f]);
      if (column != nullptr && static_cast<size_t>(member) < in_.facts->members()) {
        v = column[member];
      }
    }
    if (n.type.kind == TypeKind::kBoolean) return TruthValue(static_cast<uint8_t>(v));
    return {v, n.type.kind != TypeKind::kDate || v != 0};
  }
  if (n.kind == BoundKind::kMemberField) {
    if (member < 0) return Missing();
    const auto m = static_cast<size_t>(member);
    switch (static_cast<MemberField>(n.field)) {
      case MemberField::kRelation:
        return {s->member_relation()[m], true};
      case MemberField::kSex:
        return {s->member_sex()[m], true};
      case MemberField::kBirthDate:
        return {s->member_birth_ymd()[m], true};
      case MemberField::kLabor:
        return {s->member_labor()[m], true};
      case MemberField::kHealth:
        return {s->member_health()[m], true};
      case MemberField::kSchoolStage:
        return {s->member_school_stage()[m], true};
      case MemberField::kEnrolled:
        return TruthValue(s->member_enrolled()[m] ? kTruthTrue : kTruthFalse);
      case MemberField::kMedInsured:
        return TruthValue(s->member_med_insured()[m] ? kTruthTrue : kTruthFalse);
      case MemberField::kPensionInsured:
        return TruthValue(s->member_pension_insured()[m] ? kTruthTrue : kTruthFalse);
      case MemberField::kSharesHousehold:
        return TruthValue(s->member_shares_household()[m] ? kTruthTrue : kTruthFalse);
    }
    return Missing();
  }
  const uint32_t h = in_.row;
  switch (static_cast<HouseholdField>(n.field)) {
    case HouseholdField::kStatus:
      return {s->status()[h], true};
    case HouseholdField::kWageIncome:
      return {s->wage_income()[h], true};
    case HouseholdField::kBusinessIncome:
      return {s->business_income()[h], true};
    case HouseholdField::kPropertyIncome:
      return {s->property_income()[h], true};
    case HouseholdField::kTransferIncome:
      return {s->transfer_income()[h], true};
    case HouseholdField::kProductionCosts:
      return {s->production_costs()[h], true};
    case HouseholdField::kPrevNetIncome:
      return {s->prev_net_income()[h], s->prev_net_income_valid()[h] != 0};
    case HouseholdField::kRigidMedical:
      return {s->rigid_medical()[h], true};
    case HouseholdField::kRigidEducation:
      return {s->rigid_education()[h], true};
    case HouseholdField::kRigidOther:
      return {s->rigid_other()[h], true};
    case HouseholdField::kHousingSafe:
      return TruthValue(s->housing_safe()[h] ? kTruthTrue : kTruthFalse);
    case HouseholdField::kWaterSafe:
      return TruthValue(s->water_safe()[h] ? kTruthTrue : kTruthFalse);
    case HouseholdField::kNetIncome:
      return {s->net_income()[h], true};
    case HouseholdField::kRigidSpending:
      return {s->rigid_spending()[h], true};
    case HouseholdField::kMembers:
      return {s->counted_members()[h], true};
    case HouseholdField::kListedMembers:
      return {s->member_begin()[h + 1] - s->member_begin()[h], true};
  }
  return Missing();
}

ScalarValue ScalarEvaluator::Aggregate(const BoundNode& n, ExplainedTerm* term) {
  const auto kind = static_cast<AggregateKind>(n.op);
  const registry::Snapshot* s = in_.snapshot;
  if (s == nullptr) return Missing();
  const uint32_t begin = s->member_begin()[in_.row];
  const uint32_t end = s->member_begin()[in_.row + 1];
  uint8_t truth = kind == AggregateKind::kAll ? kTruthTrue : kTruthFalse;
  int64_t acc = 0;
  bool valid = true;
  bool seen = false;
  ++aggregate_depth_;
  for (uint32_t m = begin; m < end; ++m) {
    if (!n.listed && s->member_shares_household()[m] == 0) continue;
    ScalarValue v{kTruthTrue, true};
    if (!n.children.empty()) {
      ExplainedTerm* member_term = nullptr;
      if (term != nullptr) {
        member_term = &term->children.emplace_back();
        member_term->children.emplace_back();
      }
      v = Eval(n.children[0], m, member_term ? &member_term->children[0] : nullptr);
      if (member_term != nullptr) {
        member_term->source =
            "member " + std::to_string(m - begin + 1) + " (" +
            std::string(CodeName(CodeSet::kRelation, s->member_relation()[m])) + ", born " +
            FormatValue(ValueType::Date(), {s->member_birth_ymd()[m], true}) + ")";
        member_term->value = member_term->children[0].value;
      }
    }
    switch (kind) {
      case AggregateKind::kAny:
        truth = KleeneOr(truth, static_cast<uint8_t>(v.value));
        break;
      case AggregateKind::kAll:
        truth = KleeneAnd(truth, static_cast<uint8_t>(v.value));
        break;
      case AggregateKind::kCount:
        acc += v.value == kTruthTrue ? 1 : 0;
        break;
      case AggregateKind::kSum:
        if (!v.valid || !ScaledAdd(acc, 1, v.value, 1, false, &acc)) valid = false;
        break;
      case AggregateKind::kMin:
      case AggregateKind::kMax:
        if (!v.valid) valid = false;
        if (!seen || (kind == AggregateKind::kMin ? v.value < acc : v.value > acc)) acc = v.value;
        seen = true;
        break;
    }
  }
  --aggregate_depth_;
  switch (kind) {
    case AggregateKind::kAny:
    case AggregateKind::kAll:
      return TruthValue(truth);
    case AggregateKind::kCount:
      return {acc, true};
    case AggregateKind::kSum:
      return valid ? ScalarValue{acc, true} : Missing();
    case AggregateKind::kMin:
    case AggregateKind::kMax:
      return valid && seen ? ScalarValue{acc, true} : Missing();
  }
  return Missing();
}

std::string FormatValue(ValueType type, ScalarValue v, std::span<const FactField> facts) {
  switch (type.kind) {
    case TypeKind::kBoolean:
      return v.value == kTruthTrue ? "true" : v.value == kTruthFalse ? "false" : "unknown";
    case TypeKind::kDate: {
      if (!v.valid) return "missing";
      char buf[48];
      const int64_t y = v.value / 10000;
      std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld", static_cast<long long>(y),
                    static_cast<long long>(v.value / 100 % 100),
                    static_cast<long long>(v.value % 100));
      return buf;
    }
    case TypeKind::kCode:
      if (!v.valid) return "missing";
      if (type.code == CodeSet::kFact) {
        if (v.value == 0) return "(none)";
        const bool named = type.fact < facts.size() && v.value > 0 &&
                           static_cast<uint64_t>(v.value) <= facts[type.fact].codes.size();
        return named ? facts[type.fact].codes[static_cast<size_t>(v.value - 1)] : "?";
      }
      return std::string(CodeName(type.code, v.value));
    case TypeKind::kNumber:
    case TypeKind::kMoney:
      break;
  }
  if (!v.valid) return "missing";
  const int scale = type.scale;
  const bool negative = v.value < 0;
  const UInt128 magnitude = negative ? static_cast<UInt128>(-(static_cast<Int128>(v.value)))
                                     : static_cast<UInt128>(v.value);
  std::string digits;
  UInt128 rest = magnitude;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(rest % 10)));
    rest /= 10;
  } while (rest > 0);
  if (scale > 0) {
    if (static_cast<int>(digits.size()) <= scale) {
      digits.insert(0, static_cast<size_t>(scale + 1) - digits.size(), '0');
    }
    digits.insert(digits.size() - static_cast<size_t>(scale), ".");
  }
  return (negative ? "-" : "") + digits;
}

}  // namespace xianjie::rules
