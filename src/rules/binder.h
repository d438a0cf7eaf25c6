// The binder and type checker: resolves every name of a parsed expression (member fields inside
// aggregates, household fields, parameters including `line`, earlier rules), checks the types of
// docs/rules-language.md, resolves code literals ('lifted', '脱贫户') against the code they are
// compared with, and produces the bound plan (bound_plan.h).
#ifndef XIANJIE_RULES_BINDER_H_
#define XIANJIE_RULES_BINDER_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/money.h"
#include "base/status.h"
#include "rules/ast.h"
#include "rules/bound_plan.h"
#include "rules/facts.h"
#include "rules/standard.h"

namespace xianjie::rules {

// What an expression may name besides the fields.
struct BindScope {
  std::span<const Parameter> parameters;
  Money line;
  std::span<const std::string> rules;  // every rule id of the standard, in order
  int visible_rules = 0;               // rules[0, visible_rules) may be named
  int self_rule = -1;                  // the rule being bound, or -1
  // The department facts `dept.<name>` may name (facts.h); each binds as a member field of
  // the fact's type. Empty: no department source provides facts here.
  std::span<const FactField> facts;
  // A member condition: the expression is about one person of a household. Member fields
  // (relation, health, dept.x ...) and age_on() may then be used outside aggregates, meaning
  // that person's values; household fields and parameters keep the household's; aggregates
  // still range over the members. Rules cannot be named (they are household results).
  bool member_context = false;
};

// Binds the parsed `root` of `text`. kInvalidArgument with a caret message (diagnostic.h) on an
// unknown name (with a 'did you mean' hint), an unknown fact (did you mean, or the facts known,
// or that no department source provides facts here), a type mismatch, a member field or fact
// outside an aggregate (unless member_context), an aggregate without 'member', an unknown code,
// a rule that is not above this one (or any rule in a member condition).
Result<BoundExpression> Bind(std::string_view text, const AstNode& root, const BindScope& scope);

// Parse and Bind; with `require_boolean` the result must be a boolean (a condition).
Result<BoundExpression> BindText(std::string_view text, const BindScope& scope,
                                 bool require_boolean);

// The optimized form of a bound plan (bound_plan.h): constant subtrees folded by the scalar
// evaluator, code comparisons and 'in' lists turned into sets. Same values as `bound`.
BoundExpression Optimize(const BoundExpression& bound);

}  // namespace xianjie::rules

#endif  // XIANJIE_RULES_BINDER_H_
