// Binding function calls: if(), age_on() and the member aggregates any, all, count, sum, min,
// max over `member` (counted members) or `listed_member` (everyone listed).
#include <utility>
#include <vector>

#include "rules/binder_internal.h"
#include "rules/names.h"

namespace xianjie::rules {
namespace {

struct AggregateInfo {
  std::string_view name;
  AggregateKind kind;
};
constexpr AggregateInfo kAggregates[] = {
    {"any", AggregateKind::kAny}, {"all", AggregateKind::kAll}, {"count", AggregateKind::kCount},
    {"sum", AggregateKind::kSum}, {"min", AggregateKind::kMin}, {"max", AggregateKind::kMax},
};

}  // namespace

int Binder::BindCall(const AstNode& n) {
  if (n.text == "age_on") return BindAgeOn(n);
  for (const AggregateInfo& a : kAggregates) {
    if (a.name == n.text) return BindAggregate(n);
  }
  if (FindHouseholdField(n.text) || FindMemberField(n.text) || n.text == "line") {
    return Fail(n.name_span, "'" + n.text + "' is not a function");
  }
  if (n.text == "dept") {
    return Fail(n.name_span, "'dept' is not a function",
                "department facts are written dept.<fact>");
  }
  std::vector<std::string_view> names(FunctionNames().begin(), FunctionNames().end());
  const std::string near = ClosestName(n.text, names);
  return Fail(n.name_span, "unknown function '" + n.text + "'",
              near.empty() ? "functions: if, age_on, any, all, count, sum, min, max"
                           : "did you mean '" + near + "'?");
}

int Binder::BindIf(const AstNode& n, ValueType hint) {
  if (n.children.size() != 3) {
    return Fail(n.span, "'if' takes three arguments",
                "if(condition, value where true, value otherwise)");
  }
  const int cond = Bind(*n.children[0]);
  if (cond < 0) return -1;
  if (type(cond).kind != TypeKind::kBoolean) {
    return Fail(
        n.children[0]->span,
        "the first argument of 'if' must be a condition, but this is " + TypeText(type(cond)));
  }
  const AstNode& a = *n.children[1];
  const AstNode& b = *n.children[2];
  int then_index = -1;
  int else_index = -1;
  if (NeedsCodeHint(a) && !NeedsCodeHint(b)) {
    else_index = Bind(b, hint);
    if (else_index < 0) return -1;
    then_index = Bind(a, type(else_index));
  } else {
    then_index = Bind(a, hint);
    if (then_index < 0) return -1;
    else_index = Bind(b, hint.kind == TypeKind::kCode ? hint : type(then_index));
  }
  if (then_index < 0 || else_index < 0) return -1;
  const ValueType t = type(then_index);
  const ValueType e = type(else_index);
  if (!Comparable(t, e)) {
    return Fail(n.span, "the two values of 'if' differ: " + TypeText(t) + " and " + TypeText(e));
  }
  BoundNode node;
  node.kind = BoundKind::kIf;
  node.children = {cond, then_index, else_index};
  node.type = t;
  if (t.numeric()) {
    const bool money = t.kind == TypeKind::kMoney || e.kind == TypeKind::kMoney;
    const int scale = std::max(t.scale, e.scale);
    node.type = money ? ValueType::Money(scale) : ValueType::Number(scale);
    AlignFactors(t, e, &node.factor[0], &node.factor[1]);
  }
  return Add(std::move(node), n);
}

int Binder::BindAgeOn(const AstNode& n) {
  if (!MemberVisible()) {
    return Fail(n.span, "age_on(date) is a member's age, usable only inside a member aggregate",
                "for example any(member, age_on(school_reference_date) < 16)");
  }
  if (n.children.size() != 1) {
    return Fail(n.span, "'age_on' takes one date", "age_on(school_reference_date)");
  }
  const int d = Bind(*n.children[0]);
  if (d < 0) return -1;
  if (type(d).kind != TypeKind::kDate) {
    return Fail(n.children[0]->span, "'age_on' needs a date, but this is " + TypeText(type(d)),
                "for example age_on(2024-09-01)");
  }
  BoundNode node;
  node.kind = BoundKind::kAgeOn;
  node.type = ValueType::Number(0);
  node.children = {d};
  return Add(std::move(node), n);
}

int Binder::BindAggregate(const AstNode& n) {
  AggregateKind kind = AggregateKind::kAny;
  for (const AggregateInfo& a : kAggregates) {
    if (a.name == n.text) kind = a.kind;
  }
  const std::string& name = n.text;
  if (in_aggregate_) {
    return Fail(n.span, "member aggregates cannot be nested",
                "one aggregate looks at one member at a time");
  }
  const std::string example = kind == AggregateKind::kSum     ? "sum(member, age_on(2024-09-01))"
                              : kind == AggregateKind::kCount ? "count(member, enrolled)"
                              : kind == AggregateKind::kMin || kind == AggregateKind::kMax
                                  ? name + "(member, birth_date)"
                                  : name + "(member, enrolled)";
  const AstNode* range = n.children.empty() ? nullptr : n.children[0].get();
  if (range == nullptr || range->kind != AstKind::kName ||
      (range->text != "member" && range->text != "listed_member")) {
    return Fail(range ? range->span : n.span,
                "'" + name + "' needs 'member' or 'listed_member' as its first argument",
                "for example " + example);
  }
  const size_t want_min = kind == AggregateKind::kCount ? 1 : 2;
  if (n.children.size() < want_min || n.children.size() > 2) {
    return Fail(n.span,
                "'" + name + "' takes " +
                    (kind == AggregateKind::kCount ? "one or two arguments" : "two arguments"),
                "for example " + example);
  }
  BoundNode node;
  node.kind = BoundKind::kAggregate;
  node.op = static_cast<uint8_t>(kind);
  node.listed = range->text == "listed_member";
  node.type = kind == AggregateKind::kCount ? ValueType::Number(0) : ValueType::Boolean();
  if (n.children.size() == 2) {
    in_aggregate_ = true;
    int inner = Bind(*n.children[1]);
    in_aggregate_ = false;
    if (inner < 0) return -1;
    const ValueType t = type(inner);
    const bool condition =
        kind == AggregateKind::kAny || kind == AggregateKind::kAll || kind == AggregateKind::kCount;
    if (condition && t.kind != TypeKind::kBoolean) {
      return Fail(n.children[1]->span,
                  "'" + name + "' needs a condition on the member, but this is " + TypeText(t),
                  "for example " + example);
    }
    if (kind == AggregateKind::kSum && !t.numeric()) {
      return Fail(n.children[1]->span, "'sum' adds numbers or money, but this is " + TypeText(t));
    }
    if ((kind == AggregateKind::kMin || kind == AggregateKind::kMax) && !t.numeric() &&
        t.kind != TypeKind::kDate) {
      return Fail(n.children[1]->span,
                  "'" + name + "' needs numbers, money or dates, but this is " + TypeText(t));
    }
    if (!condition) node.type = t;
    if (!At(inner).uses_member && !At(inner).constant) inner = Broadcast(inner);
    node.children = {inner};
  }
  return Add(std::move(node), n);
}

}  // namespace xianjie::rules
