// The department facts of the whole registry (decision 0006, "Facts as fields of the rule
// language"): every matched row of every source, grouped by person, turned into the contracts'
// [[fact]] values as of one day and laid out as rules::FactColumns over the member rows of one
// snapshot — what screening, explanations and the cross-checks read as dept.<fact>.
#ifndef XIANJIE_EXCHANGE_FACT_TABLE_H_
#define XIANJIE_EXCHANGE_FACT_TABLE_H_

#include <cstdint>
#include <span>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "exchange/exchange_store.h"
#include "ingest/source_contract.h"
#include "registry/household_search.h"
#include "registry/snapshot.h"
#include "rules/facts.h"

namespace xianjie::exchange {

// The catalogue of facts rules may name as dept.<fact>: FactFieldsOf of every contract, in the
// contracts' order (facts a contract's kind leaves out of FactFieldsOf are left out here). Fact
// names are unique across the shipped contracts (a test checks it); should two contracts name
// the same fact, the first one's is kept.
std::vector<rules::FactField> FactCatalog(std::span<const ingest::SourceContract> contracts);

// FactCatalog of the built-in contracts (ingest::BuiltinContracts), made once (thread-safe):
// the facts the workspace's standards and the checks are compiled against.
const std::vector<rules::FactField>& BuiltinFactCatalog();

// What BuildFactColumns did, for benchmarks and logs.
struct FactTableStats {
  int64_t rows = 0;        // matched rows read from the store
  int64_t persons = 0;     // distinct persons (or households, for household-keyed sources)
  int64_t skipped = 0;     // persons the snapshot does not list (moved away, deleted)
  int64_t values = 0;      // values set in the columns
  int64_t unreadable = 0;  // values not of the fact's type (a code no longer in the contract)
  int64_t damaged = 0;     // persons left without a source's facts: a row's values are damaged
  double seconds = 0;
};

// The facts of `contracts` as of `as_of`, aligned with `index.snapshot()` (FactCatalog order).
//
// Reads every matched row of each contract's source (ExchangeStore::ForEachFact) whose period
// can fall in the contract's longest window ending on as_of; a contract with a fact without a
// window (latest(...), count(*), max(...) over all rows) is read whole, whatever its age — so
// the cost grows with the department history kept, about one JSON parse per row (200,000 rows
// take about a second in a release build). Rows are grouped by person (the ID number; a
// household-keyed source by household id, its facts given to the household's first listed
// member, the head), exchange::ComputeFacts gives the person's values (on up to `threads`
// threads; the columns are written on the caller's), and every member row of
// the snapshot with that ID number receives them (usually one; two when the registry lists the
// person twice). A person the snapshot does not list is skipped. A fact without a value is left
// unset (0 / false / missing, as FactColumns reads it). A person with a damaged row (values
// that are not a JSON object: data loss in the store) gets no facts of that source and is
// counted in stats->damaged.
//
// Errors: the store's.
Result<rules::FactColumns> BuildFactColumns(std::span<const ingest::SourceContract> contracts,
                                            const registry::HouseholdIndex& index,
                                            ExchangeStore& store, CivilDate as_of, int threads = 2,
                                            FactTableStats* stats = nullptr);

// The registry's department facts as every screening over the registry reads them — the
// server's workspace (service::Workspace) and the CLI's screen, explain and whatif alike:
// BuildFactColumns of the built-in contracts (ingest::BuiltinContracts, catalogue
// BuiltinFactCatalog) as of `as_of`, the screening day (China's date). Errors: the store's.
Result<rules::FactColumns> BuildBuiltinFactColumns(const registry::HouseholdIndex& index,
                                                   ExchangeStore& store, CivilDate as_of,
                                                   int threads = 2,
                                                   FactTableStats* stats = nullptr);

// The facts of `facts` (aligned with `from`) carried over to `to`, a snapshot of some of
// `from`'s households (service::SnapshotWithin, or a household read again from the store):
// households are found by id, members by ID number within their household (by position when
// the two list the same people in the same order). Households `from` does not hold, and
// members their household in `from` does not list, read no facts.
rules::FactColumns RealignFacts(const rules::FactColumns& facts, const registry::Snapshot& from,
                                const registry::Snapshot& to);

}  // namespace xianjie::exchange

#endif  // XIANJIE_EXCHANGE_FACT_TABLE_H_
