// Running the cross-checks (checks.h) over the registry or the households an upload touched, and
// recording what they find as findings (疑点, exchange_store.h): one per check, household and
// evidence, so that running again opens nothing new and a resolved finding stays resolved.
//
// Evidence keys, and when a finding opens again:
//   rule checks       "rule:<h>", h = 16 hex digits of a hash of the check and the rule's
//                     explanation with the household's deciding values (rules::Explain's
//                     'because' line); a monitored-only check prefixes "episode:<id>:". The
//                     same values give the same key: a finding resolved as corrected or
//                     confirmed stays resolved while they stay; once a deciding value changes
//                     (the village corrected a figure, but not enough; a department's facts
//                     moved) and the check still fails, the key is new and a finding opens.
//   duplicate ID      "member:<ID number>": one per household listing the number; resolved, it
//                     stays resolved as long as the number is listed twice.
//   department rows   "upload:<id>:row:<n>" with source, upload_id and row set: the row that
//                     decided (dual medical insurance: the later-uploaded of the earliest resident
//                     and the earliest employee settlement of the window); a new upload's rows
//                     do not move it, the window sliding past it does.
// A household that no longer fails a check keeps its findings as they are (open ones stay in the
// worklist until someone resolves them: the village says whether it corrected the data).
#ifndef XIANJIE_EXCHANGE_CHECK_RUN_H_
#define XIANJIE_EXCHANGE_CHECK_RUN_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "cases/case_store.h"
#include "exchange/checks.h"
#include "exchange/exchange_store.h"
#include "registry/household_search.h"
#include "rules/facts.h"

namespace xianjie::exchange {

// What the checks read. Everything must outlive the call.
struct CheckContext {
  const registry::HouseholdIndex& index;  // the registry as checked
  // The department facts aligned with index.snapshot() (fact_table.h); nullptr: none.
  const rules::FactColumns* facts = nullptr;
  // The catalogue the rule checks are compiled against (FactCatalog of the contracts).
  std::span<const rules::FactField> catalog;
  ExchangeStore& exchange;
  cases::CaseStore& cases;  // open monitoring episodes (monitored-only checks)
  CivilDate today;          // China's date: `today` of the rule checks, the windows
  std::string now_utc;      // stamps the findings opened
  int threads = 2;          // rule checks over every household
};

// Which households to check: those of the region (a village code prefix; "" = all) and, when
// `rows` is set, only those snapshot rows among them (the households an upload touched).
struct CheckScope {
  std::string region_prefix;
  std::optional<std::vector<uint32_t>> rows;
};

struct CheckCount {
  std::string check;
  int64_t found = 0;   // households (or, for department rows, pieces of evidence) failing now
  int64_t opened = 0;  // findings new with this run
};

struct CheckRunReport {
  int64_t households = 0;          // households in the scope
  std::vector<CheckCount> checks;  // every enabled check, in the file's order
  int64_t found = 0;
  int64_t opened = 0;
  double seconds = 0;

  // {"households":..,"found":..,"opened":..,"seconds":..,
  //  "checks":[{"check":"Q01","found":..,"opened":..},..]}
  std::string ToJson() const;
};

// The findings of the enabled checks of `checks` over `scope`, as they would be recorded
// (opened_at = now_utc, state open, id 0), in (check order, household_id, evidence_key) order.
// Errors: a rule check that does not compile (CompileChecks), the stores' errors.
Result<std::vector<Finding>> FindFindings(const CheckSet& checks, const CheckContext& context,
                                          const CheckScope& scope);

// FindFindings, then ExchangeStore::PutFindings: the figures per check of what was found and
// what was new.
Result<CheckRunReport> RunChecks(const CheckSet& checks, const CheckContext& context,
                                 const CheckScope& scope);

// The snapshot rows of the households whose rows an upload matched (ExchangeStore::UploadRows),
// sorted; households the snapshot no longer holds are left out.
Result<std::vector<uint32_t>> RowsOfUpload(ExchangeStore& exchange,
                                           const registry::Snapshot& snapshot, int64_t upload_id);

}  // namespace xianjie::exchange

#endif  // XIANJIE_EXCHANGE_CHECK_RUN_H_
