// Compiling a standard: every rule, risk suggestion and type expression goes through the rule
// language's pipeline (docs/rules-language.md): lexer → parser (with source spans) → binder and
// type checker → an immutable bound plan that the vectorized executor runs over a snapshot.
#ifndef XIANJIE_RULES_COMPILE_H_
#define XIANJIE_RULES_COMPILE_H_

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "rules/facts.h"
#include "rules/standard.h"

namespace xianjie::rules {

class CompiledStandard;  // defined in rules/compiled_standard.h; immutable once built

// Compiles `standard`. Its expressions may name the department facts of `facts` as
// dept.<fact> (facts.h; empty: no fact is known, and naming one is an error). On the first error
// returns kInvalidArgument whose message names the place (origin, TOML line, rule id, which
// expression) and shows the expression with a caret under the fault, for example:
//
//   63-2024.toml:41: rule 'income_drop', when: unknown name 'prev_net_incme'
//     prev_net_incme > 0 and net_income < prev_net_income * (1 - income_drop_fraction)
//     ^^^^^^^^^^^^^^
//   did you mean 'prev_net_income'?
//
// or an unknown fact ("unknown fact 'dept.medical_out_of_pocket'" with the nearest fact, or the
// facts known, or "no department source provides facts here"); a catalogue that fails
// CheckFactFields is an error too ("department facts: fact 'x': ..."). The compiled standard
// keeps a copy of `facts` (CompiledStandard::facts()).
//
// Thread-safe; the result may be shared by any number of threads.
Result<std::shared_ptr<const CompiledStandard>> Compile(const Standard& standard,
                                                        std::span<const FactField> facts = {});

}  // namespace xianjie::rules

#endif  // XIANJIE_RULES_COMPILE_H_
