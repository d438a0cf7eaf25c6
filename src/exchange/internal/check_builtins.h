// The built-in cross-checks (checks.h, BuiltinCheckNames): what the rule language cannot say
// because it crosses households or reads department rows themselves. Internal to check_run.cc.
#ifndef XIANJIE_EXCHANGE_INTERNAL_CHECK_BUILTINS_H_
#define XIANJIE_EXCHANGE_INTERNAL_CHECK_BUILTINS_H_

#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"
#include "exchange/check_run.h"
#include "exchange/checks.h"

namespace xianjie::exchange::internal {

// The households a run covers: `rows` sorted snapshot rows, `in_scope` one flag per snapshot
// household row, `whole` when no row set was given (the checks may read whole sources).
struct ScopeRows {
  std::vector<uint32_t> rows;
  std::vector<uint8_t> in_scope;
  bool whole = true;
};

// "deceased_listed": a finding for each household in scope listing a person whose latest
// public_security row (by event date, then upload and row, as ComputeFacts' latest) records a
// death; evidence that row.
Result<std::vector<Finding>> DeceasedListed(const CheckDefinition& check,
                                            const CheckContext& context, const ScopeRows& scope);

// "duplicate_id_number": a finding for each household in scope that lists an ID number another
// household lists too (evidence "member:<ID number>").
Result<std::vector<Finding>> DuplicateIdNumbers(const CheckDefinition& check,
                                                const CheckContext& context,
                                                const ScopeRows& scope);

// "dual_medical_insurance": a finding for each household in scope listing a person with both a
// resident and an employee medical insurance settlement in the window (the parameter
// dual_insurance_months of `checks`, default 12 months ending today), evidence the deciding row.
Result<std::vector<Finding>> DualMedicalInsurance(const CheckDefinition& check,
                                                  const CheckSet& checks,
                                                  const CheckContext& context,
                                                  const ScopeRows& scope);

}  // namespace xianjie::exchange::internal

#endif  // XIANJIE_EXCHANGE_INTERNAL_CHECK_BUILTINS_H_
