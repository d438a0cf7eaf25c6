// Compile(): checks the names of a standard (rule ids, parameters), binds and optimizes every
// rule, risk suggestion and type condition, and wraps the first error in the place it came from
// ("63-2024.toml:41: rule 'income_drop', when: ...").
#include "rules/compile.h"

#include <string>
#include <utility>

#include "rules/binder.h"
#include "rules/compiled_standard.h"
#include "rules/names.h"

namespace xianjie::rules {
namespace {

std::string Place(const Standard& s, int line) {
  std::string origin = s.origin.empty() ? "standard" : s.origin;
  return line > 0 ? origin + ":" + std::to_string(line) : origin;
}

bool IsIdentifier(std::string_view id) {
  if (id.empty() || id[0] < 'a' || id[0] > 'z') return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

// Why `name` cannot be the name of a parameter or rule, or "".
std::string NameClash(std::string_view name) {
  if (IsReservedName(name)) return "is a reserved word of the rule language";
  if (FindHouseholdField(name)) return "is the name of a household field";
  if (FindMemberField(name)) return "is the name of a member field";
  if (name == "line") return "is the name of the monitoring line";
  return "";
}

Status CheckNames(const Standard& s) {
  for (size_t i = 0; i < s.parameters.size(); ++i) {
    const std::string& name = s.parameters[i].name;
    const std::string where = Place(s, 0) + ": parameter '" + name + "': ";
    if (!IsIdentifier(name)) {
      return InvalidArgument(where + "a name is a lower-case letter, then letters, digits or _");
    }
    if (std::string why = NameClash(name); !why.empty()) {
      return InvalidArgument(where + "the name " + why + "; choose another");
    }
    for (size_t j = 0; j < i; ++j) {
      if (s.parameters[j].name == name) return InvalidArgument(where + "defined twice");
    }
  }
  if (s.rules.size() > kMaxRules) {
    const RuleDefinition& extra = s.rules[kMaxRules];
    return InvalidArgument(Place(s, extra.source_line) + ": rule '" + extra.id +
                           "': a standard has at most 32 rules");
  }
  for (size_t i = 0; i < s.rules.size(); ++i) {
    const RuleDefinition& rule = s.rules[i];
    const std::string where = Place(s, rule.source_line) + ": rule '" + rule.id + "': ";
    if (!IsIdentifier(rule.id)) {
      return InvalidArgument(where + "a rule id is a lower-case letter, then letters, digits or _");
    }
    if (std::string why = NameClash(rule.id); !why.empty()) {
      return InvalidArgument(where + "the id " + why + "; choose another");
    }
    for (const Parameter& p : s.parameters) {
      if (p.name == rule.id) {
        return InvalidArgument(where + "the id is the name of a parameter; choose another");
      }
    }
    for (size_t j = 0; j < i; ++j) {
      if (s.rules[j].id == rule.id) {
        const int line = s.rules[j].source_line;
        return InvalidArgument(where + "duplicate rule id" +
                               (line > 0 ? " (first at line " + std::to_string(line) + ")" : ""));
      }
    }
  }
  return Status::Ok();
}

// Binds and optimizes `text`; on failure prefixes the message with `where`.
Result<CompiledCondition> CompileCondition(std::string_view text, const BindScope& scope,
                                           const std::string& where) {
  Result<BoundExpression> bound = BindText(text, scope, /*require_boolean=*/true);
  if (!bound.ok()) return InvalidArgument(where + bound.status().message());
  CompiledCondition c;
  c.optimized = Optimize(*bound);
  c.bound = std::move(bound).value();
  return c;
}

std::string Listing(std::span<const registry::CodeEntry> entries) {
  std::string out;
  for (const registry::CodeEntry& e : entries)
    out += (out.empty() ? "" : ", ") + std::string(e.code);
  return out;
}

}  // namespace

int CompiledStandard::FindRule(std::string_view id) const {
  for (size_t r = 0; r < rules_.size(); ++r) {
    if (rules_[r].id == id) return static_cast<int>(r);
  }
  return -1;
}

Result<std::shared_ptr<const CompiledStandard>> Compile(const Standard& standard,
                                                        std::span<const FactField> facts) {
  XJ_RETURN_IF_ERROR(CheckNames(standard));
  if (Status s = CheckFactFields(facts); !s.ok()) {
    return InvalidArgument("department facts: " + s.message());
  }
  auto out = std::make_shared<CompiledStandard>();
  out->standard_ = standard;
  out->facts_.assign(facts.begin(), facts.end());
  for (const RuleDefinition& r : standard.rules) out->rule_ids_.push_back(r.id);
  BindScope scope;
  scope.parameters = standard.parameters;
  scope.line = standard.line;
  scope.rules = out->rule_ids_;
  scope.facts = out->facts_;
  const int all = static_cast<int>(standard.rules.size());

  for (size_t i = 0; i < standard.rules.size(); ++i) {
    const RuleDefinition& def = standard.rules[i];
    const std::string where = Place(standard, def.source_line) + ": rule '" + def.id + "'";
    CompiledRule rule;
    rule.id = def.id;
    rule.label_zh = def.label_zh;
    rule.label_en = def.label_en;
    scope.visible_rules = static_cast<int>(i);
    scope.self_rule = static_cast<int>(i);
    XJ_ASSIGN_OR_RETURN(rule.when, CompileCondition(def.when, scope, where + ", when: "));
    scope.visible_rules = all;
    scope.self_rule = -1;
    for (const RiskSuggestion& s : def.risks) {
      const int line = s.source_line > 0 ? s.source_line : def.source_line;
      const std::string risk_where =
          Place(standard, line) + ": rule '" + def.id + "', risk " + s.risk + ": ";
      CompiledRisk risk;
      std::optional<registry::RiskType> code = registry::ParseCode<registry::RiskType>(s.risk);
      if (!code) {
        return InvalidArgument(risk_where + "unknown risk type '" + s.risk + "'\nrisk types: " +
                               Listing(registry::CodesOf(registry::RiskType{})));
      }
      risk.risk = *code;
      risk.always = s.when.empty();
      if (!risk.always) {
        XJ_ASSIGN_OR_RETURN(risk.when, CompileCondition(s.when, scope, risk_where));
      }
      rule.risks.push_back(std::move(risk));
    }
    out->rules_.push_back(std::move(rule));
  }

  scope.visible_rules = all;
  scope.self_rule = -1;
  for (const TypeDefinition& def : standard.types) {
    const std::string where = Place(standard, def.source_line) + ": type '" + def.code + "': ";
    CompiledType type;
    std::optional<registry::ObjectType> code = registry::ParseCode<registry::ObjectType>(def.code);
    if (!code) {
      return InvalidArgument(where + "unknown object type\nobject types: " +
                             Listing(registry::CodesOf(registry::ObjectType{})));
    }
    for (const CompiledType& earlier : out->types_) {
      if (earlier.type == *code) return InvalidArgument(where + "the type is listed twice");
    }
    type.type = *code;
    type.code = std::string(registry::CodeOf(*code));
    XJ_ASSIGN_OR_RETURN(type.when, CompileCondition(def.when, scope, where));
    out->types_.push_back(std::move(type));
  }
  if (out->types_.size() >= 0xFF) return InvalidArgument(Place(standard, 0) + ": too many types");
  return std::shared_ptr<const CompiledStandard>(std::move(out));
}

}  // namespace xianjie::rules
