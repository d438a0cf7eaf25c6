// Department facts (docs/decisions/0006, "Facts as fields of the rule language"): what a
// contract's [[fact]] aggregates make of a person's accepted rows — the sum of out-of-pocket
// costs over 12 months, the latest school status — as of one day.
#ifndef XIANJIE_EXCHANGE_FACTS_H_
#define XIANJIE_EXCHANGE_FACTS_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "exchange/exchange_store.h"
#include "ingest/source_contract.h"

namespace xianjie::exchange {

// One fact's value for one person. `present` is false when no row of the window has a value
// (a sum or count of nothing is present and 0; a max, min or latest of nothing is not).
struct FactValue {
  bool present = false;
  // money: fen; integer: the integer; decimal: the value × 10^4 (rounded); bool and any: 0/1;
  // count: the count; date: days since 1970-01-01.
  int64_t number = 0;
  std::string text;  // text and enum columns (enum: its value, "dropout"); dates "YYYY-MM-DD"

  bool operator==(const FactValue&) const = default;
};

// What kind of value a fact holds, from its function and its column's type.
enum class FactKind : uint8_t { kMoney, kInteger, kDecimal, kBool, kDate, kText, kEnum };
FactKind KindOf(const ingest::SourceContract& contract, const ingest::ContractFact& fact);

// The facts of `contract` for one person from `rows` (that person's matched rows of this
// source, any order), as of `as_of`: a fact "over N months" reads the rows whose event date (or,
// without one, the first day of their period) lies in the N months ending on as_of; a fact
// without a window reads every row. `latest` takes the row with the latest event date (then the
// latest upload and row). Values come from each row's values_json as written by the row mapper.
// One FactValue per contract.facts, in its order. kInvalidArgument when a row's values_json is
// not a JSON object (a damaged store).
Result<std::vector<FactValue>> ComputeFacts(const ingest::SourceContract& contract,
                                            std::span<const DeptRow* const> rows, CivilDate as_of);

}  // namespace xianjie::exchange

#endif  // XIANJIE_EXCHANGE_FACTS_H_
