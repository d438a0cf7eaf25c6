// What the screening commands (screen, explain, whatif) share: naming a standard on the command
// line, compiling it, reading the registry's snapshot for a region (now or as of a date) and
// the department facts of its members.
#ifndef XIANJIE_CLI_SCREENING_COMMON_H_
#define XIANJIE_CLI_SCREENING_COMMON_H_

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

#include "base/date.h"
#include "base/status.h"
#include "registry/snapshot.h"
#include "registry/store.h"
#include "rules/compiled_standard.h"
#include "rules/facts.h"
#include "rules/screening_store.h"
#include "rules/standard.h"
#include "store/database.h"

namespace xianjie::cli {

// The standard in force for (province, county, year): the latest loaded into `store` (may be
// null) or the built-in one. A county without a standard of its own uses the province's.
Result<rules::Standard> StandardInForce(rules::ScreeningStore* store, const std::string& province,
                                        const std::string& county, int year);

// A standard named on the command line: a TOML file path, a stored content hash (16 hex
// digits), or "PROVINCE-YEAR" / "COUNTY-YEAR" ("63-2024", "630121-2025") for the one in force.
Result<rules::Standard> StandardFromSpec(rules::ScreeningStore* store, const std::string& spec);

// Compiles with the department facts of the built-in contracts (exchange::BuiltinFactCatalog),
// as the server does, so that rules may name dept.<fact>; a rule error's message names the
// standard's origin, line and rule.
Result<std::shared_ptr<const rules::CompiledStandard>> CompileStandard(
    const rules::Standard& standard);

// The department facts of `snapshot`'s members (read from `database`) as of `as_of`, the
// screening day: the store's department rows turned into facts as the server's workspace does
// (exchange::BuildBuiltinFactColumns). When none of `standards` names a fact (rules::NamesFacts)
// nothing is read and the columns are empty, which screening reads the same way. About a second
// per 200,000 department rows otherwise. Errors: the store's.
Result<rules::FactColumns> DepartmentFacts(
    store::Database& database, const std::shared_ptr<const registry::Snapshot>& snapshot,
    CivilDate as_of, std::initializer_list<const rules::CompiledStandard*> standards,
    int threads = 2);

// China's date today (UTC+8): the day the commands screen and explain as of.
CivilDate ChinaToday();

// The households whose village code starts with `region_prefix` ("63", "630121"), as the
// registry holds them now (`committed_at_or_before` empty) or held them at that UTC instant.
Result<std::shared_ptr<const registry::Snapshot>> ReadRegistrySnapshot(
    registry::Store& store, std::string_view region_prefix,
    const std::string& committed_at_or_before = "");

// The UTC instant at which `day` ends in China Standard Time (UTC+8): "2024-06-30T15:59:59Z".
std::string EndOfChinaDayUtc(CivilDate day);

// Validates --province (2 digits), --county (6 digits starting with the province, or empty)
// and --year (2000..2100) and says what is wrong.
Status CheckScope(const std::string& province, const std::string& county, int year);

}  // namespace xianjie::cli

#endif  // XIANJIE_CLI_SCREENING_COMMON_H_
