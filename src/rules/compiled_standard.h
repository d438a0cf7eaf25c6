// A compiled standard (rules::Compile, compile.h): the standard itself and, for every rule,
// risk suggestion and type, its condition as a bound plan (for explanations and the scalar
// evaluator) and as an optimized plan (for the vectorized executor). Immutable once built;
// share it as shared_ptr<const CompiledStandard> between threads.
#ifndef XIANJIE_RULES_COMPILED_STANDARD_H_
#define XIANJIE_RULES_COMPILED_STANDARD_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "registry/codes.h"
#include "rules/bound_plan.h"
#include "rules/compile.h"
#include "rules/facts.h"
#include "rules/standard.h"

namespace xianjie::rules {

// At most this many rules: the fired rules of a household are a uint32_t bit set.
inline constexpr size_t kMaxRules = 32;

// One condition in both forms.
struct CompiledCondition {
  BoundExpression bound;
  BoundExpression optimized;
};

struct CompiledRisk {
  registry::RiskType risk = registry::RiskType::kR99;
  bool always = false;     // `when` was empty
  CompiledCondition when;  // unless always
};

struct CompiledRule {
  std::string id;
  std::string label_zh;
  std::string label_en;
  CompiledCondition when;
  std::vector<CompiledRisk> risks;  // first match wins
};

struct CompiledType {
  registry::ObjectType type = registry::ObjectType::kGuaranteeGap;
  std::string code;
  CompiledCondition when;
};

class CompiledStandard {
 public:
  const Standard& standard() const { return standard_; }

  size_t rule_count() const { return rules_.size(); }
  const std::string& rule_id(size_t r) const { return rules_[r].id; }
  const std::string& rule_label_zh(size_t r) const { return rules_[r].label_zh; }
  const std::string& rule_label_en(size_t r) const { return rules_[r].label_en; }
  // Index of the rule `id`, or -1.
  int FindRule(std::string_view id) const;
  const CompiledRule& rule(size_t r) const { return rules_[r]; }
  const std::vector<CompiledRule>& rules() const { return rules_; }
  // Rule ids in order (the names conditions may use).
  const std::vector<std::string>& rule_ids() const { return rule_ids_; }

  size_t type_count() const { return types_.size(); }
  const std::string& type_code(size_t t) const { return types_[t].code; }
  registry::ObjectType object_type(size_t t) const { return types_[t].type; }
  const CompiledType& type(size_t t) const { return types_[t]; }
  const std::vector<CompiledType>& types() const { return types_; }

  // The department facts the standard was compiled against (Compile's `facts`).
  const std::vector<FactField>& facts() const { return facts_; }

 private:
  friend Result<std::shared_ptr<const CompiledStandard>> Compile(const Standard& standard,
                                                                 std::span<const FactField> facts);
  Standard standard_;
  std::vector<FactField> facts_;
  std::vector<CompiledRule> rules_;
  std::vector<std::string> rule_ids_;
  std::vector<CompiledType> types_;
};

}  // namespace xianjie::rules

#endif  // XIANJIE_RULES_COMPILED_STANDARD_H_
