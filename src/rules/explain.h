// Explanations: for one household, every rule of a standard, whether it fired, and the values
// that decided it ("net_income 14,999.99 < line 7,500.00 × members 2").
#ifndef XIANJIE_RULES_EXPLAIN_H_
#define XIANJIE_RULES_EXPLAIN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "registry/snapshot.h"
#include "rules/compile.h"
#include "rules/facts.h"

namespace xianjie::rules {

enum class Truth : uint8_t { kFalse, kTrue, kUnknown };

// One evaluated node of an expression: its source text, its value as text, and its children.
struct ExplainedTerm {
  std::string source;  // the expression's source text, e.g. "net_income < line * members"
  std::string value;   // "true", "false", "unknown", "14999.99", "missing", "2024-09-01" ...
  std::vector<ExplainedTerm> children;
};

struct RuleExplanation {
  std::string rule_id;
  std::string label_zh;
  std::string label_en;
  std::string when;    // the source of the condition
  Truth result = Truth::kFalse;
  // One line for people, with the deciding values substituted, e.g.
  // "net_income 14999.99 < line 7500.00 × members 2 → true".
  std::string because;
  ExplainedTerm tree;
  std::string suggested_risk;  // when fired: the risk code chosen, else ""
};

struct HouseholdExplanation {
  std::string household_id;
  bool screened = false;  // false: no counted member, no rule is evaluated
  std::vector<RuleExplanation> rules;  // every rule, in the standard's order
  std::string proposed_type;           // code, or "" when nothing fired
  std::string type_because;            // the type condition that chose it, with values
};

// Explains snapshot row `row` under `standard`, dept.<fact> reading `facts` (aligned with
// `snapshot`, facts.h; nullptr: every fact reads 0 / false). The fired/unknown results always
// agree with ScreenAll's for the same row and facts.
HouseholdExplanation Explain(const registry::Snapshot& snapshot, uint32_t row,
                             const CompiledStandard& standard, const FactColumns* facts = nullptr);

}  // namespace xianjie::rules

#endif  // XIANJIE_RULES_EXPLAIN_H_
