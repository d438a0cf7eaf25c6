// The bound plan of one expression: the binder's output, immutable, shared by every thread that
// runs it. Nodes are stored flat; children come before their parent, the root is last. Each
// node has a type, a domain (evaluated once per household, or once per member inside an
// aggregate) and the span of the source it came from. A member condition (one person of a
// household) is bound the same way, its member fields outside aggregates naming that person.
//
// A plan comes in two forms: as bound (every source node present, for explanations and as the
// reference of the scalar evaluator) and optimized (constants folded, 'in' lists and code
// comparisons turned into sets; for the vectorized executor). Both compute the same values.
#ifndef XIANJIE_RULES_BOUND_PLAN_H_
#define XIANJIE_RULES_BOUND_PLAN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "rules/diagnostic.h"
#include "rules/facts.h"
#include "rules/value_type.h"

namespace xianjie::rules {

enum class BoundKind : uint8_t {
  kConstant,        // value/valid (booleans: value is the truth)
  kParameter,       // a constant that came from a parameter (name), kept for explanations
  kHouseholdField,  // field: HouseholdField; optimized booleans may be negated (not x)
  kMemberField,     // field: MemberField (member domain, or a member condition); likewise
  kFactField,       // name: "dept.<fact>", fact: its index in BoundExpression::facts; read
                    // from FactColumns (facts.h); like a member field
  kRuleRef,         // field: index of an earlier rule; its three-valued result
  kArithmetic,      // op: ArithmeticOp; children 0, 1; factors align the scales for + and -
  kNegate,          // child 0
  kCompare,         // op: CompareOp; children 0, 1; factors align the scales
  kBetween,         // children x, low, high; factors: x vs low, low, x vs high, high
  kIn,              // children x, values...; optimized: `set` (codes: `mask`), no value children
  kIsMissing,       // child 0; negated: is not missing
  kNot,             // child 0
  kAnd,             // children 0, 1 (right evaluated only where left is not false)
  kOr,              // children 0, 1 (right evaluated only where left is not true)
  kIf,              // children condition, then, else; factors align then/else
  kAgeOn,           // child: the date; member domain
  kAggregate,       // op: AggregateKind; listed; child 0 (member domain) if any
  kBroadcast,       // child 0 in the household domain, used in the member domain
  kAgeRange,        // optimized age_on(constant) compared with constants: a birth-date range
};

enum class ArithmeticOp : uint8_t { kAdd, kSubtract, kMultiply };
enum class CompareOp : uint8_t { kEqual, kNotEqual, kLess, kLessEqual, kGreater, kGreaterEqual };
enum class AggregateKind : uint8_t { kAny, kAll, kCount, kSum, kMin, kMax };
enum class Domain : uint8_t { kHousehold, kMember };

struct BoundNode {
  BoundKind kind = BoundKind::kConstant;
  ValueType type;
  Domain domain = Domain::kHousehold;
  uint8_t op = 0;
  uint8_t field = 0;
  bool negated = false;
  bool listed = false;         // aggregate over listed_member
  bool uses_member = false;    // reads member data (directly, not through an aggregate)
  bool constant = false;       // depends on no household: foldable
  bool parenthesized = false;  // written in parentheses in the source
  Span span;
  int64_t value = 0;  // kConstant / kParameter
  bool valid = true;
  int64_t factor[4] = {1, 1, 1, 1};
  uint64_t mask = 0;             // optimized kIn over codes (CodesInMask): bit v for each code v
  std::vector<Int128> set;       // optimized kIn over others: values at the scale of `scale`
  bool set_has_missing = false;  // optimized kIn: a listed value is missing
  int32_t low = 0;  // kAgeRange: true where low < birth_ymd <= high (negated: the opposite)
  int32_t high = 0;
  int32_t rule = -1;  // kRuleRef
  int32_t fact = -1;  // kFactField: index into BoundExpression::facts
  std::string name;   // kParameter, fields, kRuleRef: the name as written
  std::vector<int32_t> children;
};

struct BoundExpression {
  std::string text;  // the source
  std::vector<BoundNode> nodes;
  int32_t root = -1;
  bool optimized = false;
  bool has_aggregates = false;  // needs the member domain
  bool has_broadcast = false;   // needs the member-to-household map
  // A member condition (binder.h, BindScope::member_context): evaluated for one person by the
  // scalar evaluator only, never by the vectorized executor.
  bool member_context = false;
  // The fact catalogue the expression was bound against (BindScope::facts): what kFactField
  // nodes and the fact code types (ValueType::fact) index.
  std::vector<FactField> facts;
  const BoundNode& root_node() const { return nodes[static_cast<size_t>(root)]; }
  ValueType type() const { return root_node().type; }
  std::string_view Source(const BoundNode& n) const {
    return std::string_view(text).substr(n.span.offset, n.span.length);
  }
  // Whether codes of type `t` fit an optimized kIn's 64-bit mask: every registry code set, and
  // a fact's codes when it has at most 63 (values 0..63); larger ones use `set`.
  bool CodesInMask(ValueType t) const {
    return t.code != CodeSet::kFact || (t.fact < facts.size() && facts[t.fact].codes.size() < 64);
  }
};

}  // namespace xianjie::rules

#endif  // XIANJIE_RULES_BOUND_PLAN_H_
