// Binding operators: unary minus and 'not', arithmetic with static scales, comparisons of like
// types, 'between', 'in' over constant lists, 'is missing', 'and' and 'or'.
#include <utility>

#include "rules/binder_internal.h"
#include "rules/names.h"

namespace xianjie::rules {
namespace {

std::string OpText(TokenKind op) {
  std::string t(TokenKindText(op));
  return t;
}

CompareOp ToCompareOp(TokenKind op) {
  switch (op) {
    case TokenKind::kEqual:
      return CompareOp::kEqual;
    case TokenKind::kNotEqual:
      return CompareOp::kNotEqual;
    case TokenKind::kLess:
      return CompareOp::kLess;
    case TokenKind::kLessEqual:
      return CompareOp::kLessEqual;
    case TokenKind::kGreater:
      return CompareOp::kGreater;
    default:
      return CompareOp::kGreaterEqual;
  }
}

}  // namespace

int Binder::BindUnary(const AstNode& n) {
  const AstNode& operand = *n.children[0];
  const int c = Bind(operand);
  if (c < 0) return -1;
  BoundNode b;
  b.children = {c};
  if (n.op == TokenKind::kMinus) {
    if (!type(c).numeric()) {
      return Fail(operand.span, "'-' needs a number or money, but this is " + TypeText(type(c)));
    }
    b.kind = BoundKind::kNegate;
    b.type = type(c);
  } else {
    if (type(c).kind != TypeKind::kBoolean) {
      return Fail(operand.span, "'not' needs a condition, but this is " + TypeText(type(c)));
    }
    b.kind = BoundKind::kNot;
    b.type = ValueType::Boolean();
  }
  return Add(std::move(b), n);
}

int Binder::BindBinary(const AstNode& n) {
  const TokenKind op = n.op;
  if (op == TokenKind::kAnd || op == TokenKind::kOr) {
    const int l = Bind(*n.children[0]);
    const int r = l < 0 ? -1 : Bind(*n.children[1]);
    if (r < 0) return -1;
    for (int i = 0; i < 2; ++i) {
      const int c = i == 0 ? l : r;
      if (type(c).kind != TypeKind::kBoolean) {
        return Fail(n.children[static_cast<size_t>(i)]->span,
                    OpText(op) + " joins conditions, but this is " + TypeText(type(c)),
                    "compare it: net_income > 0");
      }
    }
    BoundNode b;
    b.kind = op == TokenKind::kAnd ? BoundKind::kAnd : BoundKind::kOr;
    b.type = ValueType::Boolean();
    b.children = {l, r};
    return Add(std::move(b), n);
  }
  if (op == TokenKind::kPlus || op == TokenKind::kMinus || op == TokenKind::kStar) {
    const int l = Bind(*n.children[0]);
    const int r = l < 0 ? -1 : Bind(*n.children[1]);
    if (r < 0) return -1;
    return BindArithmetic(n, l, r);
  }
  return BindCompare(n);
}

int Binder::BindArithmetic(const AstNode& n, int l, int r) {
  for (int i = 0; i < 2; ++i) {
    const ValueType t = type(i == 0 ? l : r);
    if (t.numeric()) continue;
    return Fail(n.children[static_cast<size_t>(i)]->span,
                OpText(n.op) + " needs numbers or money, but this is " + TypeText(t),
                t.kind == TypeKind::kDate
                    ? "dates are compared, not computed with; ages come from age_on(date)"
                    : "");
  }
  const ValueType a = type(l);
  const ValueType b = type(r);
  const bool money = a.kind == TypeKind::kMoney || b.kind == TypeKind::kMoney;
  BoundNode node;
  node.kind = BoundKind::kArithmetic;
  node.children = {l, r};
  if (n.op == TokenKind::kStar) {
    if (a.kind == TypeKind::kMoney && b.kind == TypeKind::kMoney) {
      return Fail(n.span, "money times money has no meaning",
                  "multiply money by a number: line * members");
    }
    const int scale = a.scale + b.scale;
    if (scale > kMaxScale) {
      return Fail(
          n.span,
          "the product has " + std::to_string(scale) + " decimals; at most 6 are kept exactly",
          "use a parameter with fewer decimals");
    }
    node.op = static_cast<uint8_t>(ArithmeticOp::kMultiply);
    node.type = money ? ValueType::Money(scale) : ValueType::Number(scale);
  } else {
    node.op = static_cast<uint8_t>(n.op == TokenKind::kPlus ? ArithmeticOp::kAdd
                                                            : ArithmeticOp::kSubtract);
    const int scale = std::max(a.scale, b.scale);
    node.type = money ? ValueType::Money(scale) : ValueType::Number(scale);
    AlignFactors(a, b, &node.factor[0], &node.factor[1]);
  }
  return Add(std::move(node), n);
}

bool Binder::BindPair(const AstNode& a, const AstNode& b, int* ia, int* ib) {
  if (NeedsCodeHint(a) && !NeedsCodeHint(b)) {
    *ib = Bind(b);
    if (*ib < 0) return false;
    *ia = Bind(a, type(*ib));
    return *ia >= 0;
  }
  *ia = Bind(a);
  if (*ia < 0) return false;
  *ib = Bind(b, type(*ia));
  return *ib >= 0;
}

int Binder::BindCompare(const AstNode& n) {
  int l = -1;
  int r = -1;
  if (!BindPair(*n.children[0], *n.children[1], &l, &r)) return -1;
  const ValueType a = type(l);
  const ValueType b = type(r);
  if (!Comparable(a, b)) {
    return Fail(n.span, "cannot compare " + TypeText(a) + " with " + TypeText(b));
  }
  const bool equality = n.op == TokenKind::kEqual || n.op == TokenKind::kNotEqual;
  if (!equality && a.kind == TypeKind::kCode) {
    return Fail(n.span, "codes have no order: compare them with = or !=",
                "several codes: labor in ('lost', 'none')");
  }
  if (!equality && a.kind == TypeKind::kBoolean) {
    return Fail(n.span, "conditions have no order: compare them with = or !=");
  }
  BoundNode node;
  node.kind = BoundKind::kCompare;
  node.type = ValueType::Boolean();
  node.op = static_cast<uint8_t>(ToCompareOp(n.op));
  node.children = {l, r};
  AlignFactors(a, b, &node.factor[0], &node.factor[1]);
  return Add(std::move(node), n);
}

int Binder::BindBetween(const AstNode& n) {
  const int x = Bind(*n.children[0]);
  if (x < 0) return -1;
  const ValueType tx = type(x);
  if (!tx.numeric() && tx.kind != TypeKind::kDate) {
    return Fail(n.children[0]->span,
                "'between' needs a number, money or a date, but this is " + TypeText(tx));
  }
  BoundNode node;
  node.kind = BoundKind::kBetween;
  node.type = ValueType::Boolean();
  node.negated = n.negated;
  node.children = {x};
  for (size_t i = 1; i <= 2; ++i) {
    const int bound = Bind(*n.children[i]);
    if (bound < 0) return -1;
    if (!Comparable(tx, type(bound))) {
      return Fail(n.children[i]->span,
                  "cannot compare " + TypeText(tx) + " with " + TypeText(type(bound)));
    }
    AlignFactors(tx, type(bound), &node.factor[2 * (i - 1)], &node.factor[2 * (i - 1) + 1]);
    node.children.push_back(bound);
  }
  return Add(std::move(node), n);
}

int Binder::BindIn(const AstNode& n) {
  const int x = Bind(*n.children[0]);
  if (x < 0) return -1;
  const ValueType tx = type(x);
  if (tx.kind == TypeKind::kBoolean) {
    return Fail(n.children[0]->span,
                "'in' needs a code, number, money or date, but this is a boolean");
  }
  BoundNode node;
  node.kind = BoundKind::kIn;
  node.type = ValueType::Boolean();
  node.negated = n.negated;
  node.children = {x};
  for (size_t i = 1; i < n.children.size(); ++i) {
    const AstNode& item = *n.children[i];
    const int v = Bind(item, tx);
    if (v < 0) return -1;
    if (!Comparable(tx, type(v))) {
      return Fail(item.span, "cannot compare " + TypeText(tx) + " with " + TypeText(type(v)));
    }
    if (!At(v).constant) {
      return Fail(item.span, "the values of 'in' must be constants",
                  "list literals or parameters: labor in ('lost', 'none')");
    }
    node.children.push_back(v);
  }
  return Add(std::move(node), n);
}

int Binder::BindIsMissing(const AstNode& n) {
  const int x = Bind(*n.children[0]);
  if (x < 0) return -1;
  BoundNode node;
  node.kind = BoundKind::kIsMissing;
  node.type = ValueType::Boolean();
  node.negated = n.negated;
  node.children = {x};
  return Add(std::move(node), n);
}

}  // namespace xianjie::rules
