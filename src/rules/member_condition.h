// Member conditions (docs/rules-language.md, "Member conditions"): a condition about one person
// of a household — a department warning's `when` (decision 0006) — compiled against a standard's
// parameters and the department facts, and evaluated by the scalar evaluator for one member row.
// Bare member fields (health, age_on(d), dept.<fact> ...) are that person's; household fields and
// parameters the household's; aggregates still range over the household's members:
//
//   status = 'lifted' and dept.medical_out_of_pocket_12m > 0.5 * rural_income_prev_year
#ifndef XIANJIE_RULES_MEMBER_CONDITION_H_
#define XIANJIE_RULES_MEMBER_CONDITION_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "base/status.h"
#include "registry/snapshot.h"
#include "rules/compiled_standard.h"
#include "rules/explain.h"
#include "rules/facts.h"

namespace xianjie::rules {

// Compiles `text` as a member condition that may name `standard`'s parameters and `line` and the
// facts of `facts` (which need not be the ones the standard was compiled against); rules may not
// be named. The result's `bound` plan is marked member_context; its `optimized` plan is left
// empty (root -1): member conditions run on the scalar evaluator only. kInvalidArgument with a
// caret message (diagnostic.h, no place prefix: the caller adds the source and warning) on a
// syntax error, an unknown name or fact, a rule named, a type error, a result that is not a
// boolean, or a catalogue that fails CheckFactFields.
Result<CompiledCondition> CompileMemberCondition(std::string_view text,
                                                 const CompiledStandard& standard,
                                                 std::span<const FactField> facts);

// The condition for the person at `member_row`, a member row of household `household_row` of
// `snapshot` (any listed member, counted or not), dept.<fact> reading `facts` (aligned with
// `snapshot`; nullptr: every fact reads no value — 0, false, no code, a missing date). kUnknown
// where a missing value decided it (e.g. prev_net_income); callers treat that as not holding.
// Throws std::invalid_argument (a bug in the caller) when the condition is not a member condition,
// the rows are out of range or the member is not the household's, or the facts are not aligned.
Truth EvaluateMemberCondition(const CompiledCondition& condition,
                              const registry::Snapshot& snapshot, const FactColumns* facts,
                              uint32_t household_row, uint32_t member_row);

// The same result with the values that decided it, for the warning's message.
struct MemberConditionExplanation {
  Truth result = Truth::kUnknown;
  // One line as RuleExplanation::because writes it, the person's fields with their values:
  // "status lifted = 'lifted' [true] and dept.medical_out_of_pocket_12m 9000.00 > 0.5 ×
  // rural_income_prev_year 15300.00 [true] → true".
  std::string because;
  ExplainedTerm tree;  // the sub-terms with their values (explain.h)
};
MemberConditionExplanation ExplainMemberCondition(const CompiledCondition& condition,
                                                  const registry::Snapshot& snapshot,
                                                  const FactColumns* facts, uint32_t household_row,
                                                  uint32_t member_row);

// The same for one person whose facts are given directly, without fact columns over the whole
// snapshot: `person_facts` holds one value per fact of the catalogue the condition was compiled
// with (CompileMemberCondition's `facts`, kept as condition.bound.facts), in its order and in
// FactColumns' representation (facts.h; 0 is no value). The results are those of the
// FactColumns overloads with columns holding these values at `member_row`. Besides the cases
// above, throws std::invalid_argument (a bug in the caller) when `person_facts` does not have
// one value per fact, a value is not one of its fact's (CheckFactValue), or the condition reads
// facts inside an aggregate (NeedsFactColumns: the other members' facts are not given).
Truth EvaluateMemberCondition(const CompiledCondition& condition,
                              const registry::Snapshot& snapshot,
                              std::span<const int64_t> person_facts, uint32_t household_row,
                              uint32_t member_row);
MemberConditionExplanation ExplainMemberCondition(const CompiledCondition& condition,
                                                  const registry::Snapshot& snapshot,
                                                  std::span<const int64_t> person_facts,
                                                  uint32_t household_row, uint32_t member_row);

// True if the member condition reads facts inside an aggregate (any(member, dept.dropout)): of
// every member of the household, which only the FactColumns overloads can give.
bool NeedsFactColumns(const CompiledCondition& condition);

}  // namespace xianjie::rules

#endif  // XIANJIE_RULES_MEMBER_CONDITION_H_
