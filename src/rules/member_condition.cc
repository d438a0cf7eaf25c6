// Member conditions: bound with BindScope::member_context, evaluated by the scalar evaluator
// starting at the person's member row.
#include "rules/member_condition.h"

#include <stdexcept>
#include <utility>
#include <vector>

#include "rules/binder.h"
#include "rules/scalar_eval.h"

namespace xianjie::rules {
namespace {

void CheckArguments(const CompiledCondition& condition, const registry::Snapshot& snapshot,
                    const FactColumns* facts, uint32_t household_row, uint32_t member_row) {
  if (!condition.bound.member_context || condition.bound.root < 0) {
    throw std::invalid_argument("not a member condition (CompileMemberCondition)");
  }
  if (household_row >= snapshot.households()) {
    throw std::invalid_argument("household row " + std::to_string(household_row) + " out of range");
  }
  const uint32_t* begin = snapshot.member_begin();
  if (member_row < begin[household_row] || member_row >= begin[household_row + 1]) {
    throw std::invalid_argument("member row " + std::to_string(member_row) +
                                " is not a member of household row " +
                                std::to_string(household_row));
  }
  CheckFactsAligned(snapshot, facts);
}

void CheckPersonFacts(const CompiledCondition& condition, std::span<const int64_t> person_facts) {
  const std::vector<FactField>& catalogue = condition.bound.facts;
  if (person_facts.size() != catalogue.size()) {
    throw std::invalid_argument(std::to_string(person_facts.size()) + " fact values for " +
                                std::to_string(catalogue.size()) + " facts");
  }
  for (size_t f = 0; f < catalogue.size(); ++f) {
    if (Status s = CheckFactValue(catalogue[f], person_facts[f]); !s.ok()) {
      throw std::invalid_argument(s.message());
    }
  }
  if (NeedsFactColumns(condition)) {
    throw std::invalid_argument(
        "the condition reads facts inside an aggregate: give FactColumns, not one person's facts");
  }
}

ScalarInputs Inputs(const registry::Snapshot& snapshot, const FactColumns* facts,
                    uint32_t household_row, uint32_t member_row) {
  ScalarInputs in;
  in.snapshot = &snapshot;
  in.row = household_row;
  in.facts = facts;
  in.member = member_row;
  return in;
}

ScalarInputs Inputs(const registry::Snapshot& snapshot, std::span<const int64_t> person_facts,
                    uint32_t household_row, uint32_t member_row) {
  ScalarInputs in = Inputs(snapshot, nullptr, household_row, member_row);
  static constexpr int64_t kNoFacts = 0;  // a non-null pointer for an empty catalogue
  in.person_facts = person_facts.empty() ? &kNoFacts : person_facts.data();
  return in;
}

template <typename Facts>
MemberConditionExplanation Explained(const CompiledCondition& condition,
                                     const registry::Snapshot& snapshot, Facts facts,
                                     uint32_t household_row, uint32_t member_row) {
  ScalarEvaluator ev(condition.bound, Inputs(snapshot, facts, household_row, member_row));
  MemberConditionExplanation e;
  e.result = ToTruth(ev.Evaluate(&e.tree).value);
  e.because = Because(condition.bound, ev.household_values());
  return e;
}

}  // namespace

Result<CompiledCondition> CompileMemberCondition(std::string_view text,
                                                 const CompiledStandard& standard,
                                                 std::span<const FactField> facts) {
  if (Status s = CheckFactFields(facts); !s.ok()) {
    return InvalidArgument("department facts: " + s.message());
  }
  BindScope scope;
  scope.parameters = standard.standard().parameters;
  scope.line = standard.standard().line;
  scope.rules = standard.rule_ids();  // known, so that naming one gets a clear error
  scope.visible_rules = 0;
  scope.facts = facts;
  scope.member_context = true;
  XJ_ASSIGN_OR_RETURN(BoundExpression bound, BindText(text, scope, /*require_boolean=*/true));
  CompiledCondition c;
  c.bound = std::move(bound);
  return c;
}

Truth EvaluateMemberCondition(const CompiledCondition& condition,
                              const registry::Snapshot& snapshot, const FactColumns* facts,
                              uint32_t household_row, uint32_t member_row) {
  CheckArguments(condition, snapshot, facts, household_row, member_row);
  ScalarEvaluator ev(condition.bound, Inputs(snapshot, facts, household_row, member_row));
  return ToTruth(ev.Evaluate().value);
}

MemberConditionExplanation ExplainMemberCondition(const CompiledCondition& condition,
                                                  const registry::Snapshot& snapshot,
                                                  const FactColumns* facts, uint32_t household_row,
                                                  uint32_t member_row) {
  CheckArguments(condition, snapshot, facts, household_row, member_row);
  return Explained(condition, snapshot, facts, household_row, member_row);
}

Truth EvaluateMemberCondition(const CompiledCondition& condition,
                              const registry::Snapshot& snapshot,
                              std::span<const int64_t> person_facts, uint32_t household_row,
                              uint32_t member_row) {
  CheckArguments(condition, snapshot, nullptr, household_row, member_row);
  CheckPersonFacts(condition, person_facts);
  ScalarEvaluator ev(condition.bound, Inputs(snapshot, person_facts, household_row, member_row));
  return ToTruth(ev.Evaluate().value);
}

MemberConditionExplanation ExplainMemberCondition(const CompiledCondition& condition,
                                                  const registry::Snapshot& snapshot,
                                                  std::span<const int64_t> person_facts,
                                                  uint32_t household_row, uint32_t member_row) {
  CheckArguments(condition, snapshot, nullptr, household_row, member_row);
  CheckPersonFacts(condition, person_facts);
  return Explained(condition, snapshot, person_facts, household_row, member_row);
}

bool NeedsFactColumns(const CompiledCondition& condition) {
  for (const BoundNode& n : condition.bound.nodes) {
    if (n.kind == BoundKind::kFactField && n.domain == Domain::kMember) return true;
  }
  return false;
}

}  // namespace xianjie::rules
