// The binder's state, shared by its three files: binder.cc (names, literals, the driver),
// bind_operators.cc (arithmetic, comparisons, logic) and bind_calls.cc (functions, aggregates).
#ifndef XIANJIE_RULES_BINDER_INTERNAL_H_
#define XIANJIE_RULES_BINDER_INTERNAL_H_

#include <optional>
#include <string>
#include <string_view>

#include "rules/binder.h"

namespace xianjie::rules {

class Binder {
 public:
  Binder(std::string_view text, const BindScope& scope) : text_(text), scope_(scope) {
    out_.text = std::string(text);
  }

  Result<BoundExpression> Run(const AstNode& root);

  // Each Bind* returns the new node's index, or -1 after recording the first error. `hint` is
  // the type a string literal takes when it is a code (kind kCode); any other type: none.
  int Bind(const AstNode& n, ValueType hint = {});

 private:
  int BindName(const AstNode& n);
  int BindFact(const AstNode& n);
  // The hint listing the known facts, or saying that there are none.
  std::string FactsHint() const;
  // Member fields, facts and age_on may be used here (inside an aggregate, or anywhere in a
  // member condition).
  bool MemberVisible() const { return in_aggregate_ || scope_.member_context; }
  int BindLiteral(const AstNode& n, ValueType hint);
  int BindFactCode(const AstNode& n, ValueType hint);
  int BindUnary(const AstNode& n);
  int BindBinary(const AstNode& n);
  int BindArithmetic(const AstNode& n, int left, int right);
  int BindCompare(const AstNode& n);
  int BindBetween(const AstNode& n);
  int BindIn(const AstNode& n);
  int BindIsMissing(const AstNode& n);
  int BindCall(const AstNode& n);
  int BindIf(const AstNode& n, ValueType hint);
  int BindAgeOn(const AstNode& n);
  int BindAggregate(const AstNode& n);

  // Binds two operands that must be comparable; a string literal takes the code of the other.
  bool BindPair(const AstNode& a, const AstNode& b, int* ia, int* ib);
  // A node of `kind` with these children; sets domain, uses_member, constant, and wraps the
  // household-level children of a member-level node in broadcasts.
  int Add(BoundNode node, const AstNode& source);
  void SetHouseholdDomain(int index);
  // Moves `child` (household-level) to the household domain under a new broadcast node.
  int Broadcast(int child);
  int Fail(Span span, std::string_view message, std::string_view hint = {});
  bool Comparable(ValueType a, ValueType b) const;
  // TypeWithArticle, naming a fact's code type: "a dept.school_status code".
  std::string TypeText(ValueType t) const { return DescribeType(t, scope_.facts); }
  // Scale factors that bring a and b to the larger of their scales.
  static void AlignFactors(ValueType a, ValueType b, int64_t* fa, int64_t* fb);

  BoundNode& At(int i) { return out_.nodes[static_cast<size_t>(i)]; }
  ValueType type(int i) const { return out_.nodes[static_cast<size_t>(i)].type; }

  std::string_view text_;
  const BindScope& scope_;
  BoundExpression out_;
  Status error_;
  bool in_aggregate_ = false;
};

// True if the node is a string literal, or an if() whose branches both are.
bool NeedsCodeHint(const AstNode& n);

}  // namespace xianjie::rules

#endif  // XIANJIE_RULES_BINDER_INTERNAL_H_
