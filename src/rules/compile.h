// Compiling a standard: every rule, risk suggestion and type expression goes through the rule
// language's pipeline (docs/rules-language.md): lexer → parser (with source spans) → binder and
// type checker → an immutable bound plan that the vectorized executor runs over a snapshot.
#ifndef XIANJIE_RULES_COMPILE_H_
#define XIANJIE_RULES_COMPILE_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "rules/standard.h"

namespace xianjie::rules {

class CompiledStandard;  // defined in rules/compiled_standard.h; immutable once built

// Compiles `standard`. On the first error returns kInvalidArgument whose message names the
// place (origin, TOML line, rule id, which expression) and shows the expression with a caret
// under the fault, for example:
//
//   63-2024.toml:41: rule 'income_drop', when: unknown name 'prev_net_incme'
//     prev_net_incme > 0 and net_income < prev_net_income * (1 - income_drop_fraction)
//     ^^^^^^^^^^^^^^
//   did you mean 'prev_net_income'?
//
// Thread-safe; the result may be shared by any number of threads.
Result<std::shared_ptr<const CompiledStandard>> Compile(const Standard& standard);

}  // namespace xianjie::rules

#endif  // XIANJIE_RULES_COMPILE_H_
