// Which standard is in force for a province (or county) and a year: a loaded one, else the
// shipped one.
#ifndef XIANJIE_RULES_STANDARD_RESOLVE_H_
#define XIANJIE_RULES_STANDARD_RESOLVE_H_

#include <string>

#include "base/status.h"
#include "rules/screening_store.h"
#include "rules/standard.h"

namespace xianjie::rules {

// The standard of exactly (province, county, year) — county "" for the province-wide one: that
// of the latest load into `store` (ScreeningStore::LatestStandard; `store` may be null: built-in
// standards only), else the built-in one. No
// fallback from a county to its province (callers that want it ask again with county "").
// Failures: kNotFound naming what exists for that province; kDataLoss if a stored standard no
// longer parses to its recorded content hash; the store's own errors.
Result<Standard> ResolveStandard(ScreeningStore* store, const std::string& province,
                                 const std::string& county, int year);

// The standard in force for (province, county, year): the county's own when it has one (county
// not empty), else the province's, each as ResolveStandard finds it. Errors as ResolveStandard.
Result<Standard> StandardInForce(ScreeningStore* store, const std::string& province,
                                 const std::string& county, int year);

// A stored standard parsed back (origin: the stored origin). kDataLoss if its text does not
// parse or does not give the stored content hash.
Result<Standard> ParseStoredStandard(const StoredStandard& stored);

}  // namespace xianjie::rules

#endif  // XIANJIE_RULES_STANDARD_RESOLVE_H_
