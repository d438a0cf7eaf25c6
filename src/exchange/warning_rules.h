// A contract's [[warning]] conditions in the rule language (decision 0006): compiled in member
// context against the standard in force for each county (whose parameters they read:
// rural_income_prev_year ...) with the contract's facts as `dept.<fact>`, and evaluated for one
// person at a time.
#ifndef XIANJIE_EXCHANGE_WARNING_RULES_H_
#define XIANJIE_EXCHANGE_WARNING_RULES_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "exchange/upload.h"
#include "ingest/source_contract.h"
#include "registry/snapshot.h"
#include "rules/compiled_standard.h"
#include "rules/facts.h"

namespace xianjie::exchange {

// The fields `dept.<fact>` of a contract's facts, typed for the rule language: money sums and
// extremes as money, counts and integers as numbers, decimals as numbers of scale 4, any() as
// booleans, latest() of a date as a date and of an enum as a code of the enum's values
// (rules::FactField::Code). Facts of free text are left out: rules cannot compare them.
std::vector<rules::FactField> FactFieldsOf(const ingest::SourceContract& contract);

// Checks that every [[warning]] of `contract` compiles against `standard` (its parameters) and
// the contract's facts, reading the facts of the person only (not inside aggregates: a warning
// is evaluated with one person's facts); kInvalidArgument naming the contract, the warning and
// the caret message.
Status CheckContractWarnings(const ingest::SourceContract& contract,
                             const rules::CompiledStandard& standard);

class ContractWarnings {
 public:
  // The standard in force for a county (6 digits).
  using StandardFor = std::function<Result<std::shared_ptr<const rules::CompiledStandard>>(
      std::string_view county)>;

  // `contract` and `snapshot` must outlive this object and the tests it makes.
  ContractWarnings(const ingest::SourceContract& contract, const registry::Snapshot& snapshot,
                   StandardFor standard_for);

  // The WarningTest of UploadContext: compiles the warnings once per standard (cached), and
  // evaluates them in order for the person with their facts; an unknown result (a missing
  // value) does not hold. A warning that does not compile fails the test with its message.
  WarningTest Test();

 private:
  struct Compiled;
  Result<const Compiled*> For(uint32_t household_row);

  const ingest::SourceContract& contract_;
  const registry::Snapshot& snapshot_;
  StandardFor standard_for_;
  std::vector<rules::FactField> fields_;
  std::vector<size_t> fact_of_field_;  // contract.facts index of each of fields_
  std::map<uint32_t, std::shared_ptr<Compiled>> by_county_;  // county code → compiled
  std::map<const rules::CompiledStandard*, std::shared_ptr<Compiled>> by_standard_;
  std::vector<std::shared_ptr<const rules::CompiledStandard>> standards_;  // those compiled against
};

}  // namespace xianjie::exchange

#endif  // XIANJIE_EXCHANGE_WARNING_RULES_H_
