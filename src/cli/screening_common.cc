// Standards named on the command line, registry snapshots and their department facts for the
// screening commands.
#include "cli/screening_common.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/clock.h"
#include "cases/case.h"
#include "exchange/fact_table.h"
#include "registry/household_search.h"
#include "rules/compile.h"
#include "rules/screening_run.h"
#include "rules/standard_resolve.h"
#include "rules/standard_toml.h"

namespace xianjie::cli {
namespace {

bool AllDigits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

bool IsContentHash(std::string_view s) {
  return s.size() == 16 && s.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

}  // namespace

Status CheckScope(const std::string& province, const std::string& county, int year) {
  if (province.size() != 2 || !AllDigits(province)) {
    return InvalidArgument(
        "--province must be the 2-digit province code, e.g. 63 for Qinghai; got '" + province +
        "'");
  }
  if (!county.empty() &&
      (county.size() != 6 || !AllDigits(county) || county.compare(0, 2, province) != 0)) {
    return InvalidArgument("--county must be a 6-digit county code inside province " + province +
                           ", e.g. " + province + "0121; got '" + county + "'");
  }
  if (year < 2000 || year > 2100) {
    return InvalidArgument("--year must be a year such as 2024; got " + std::to_string(year));
  }
  return Status::Ok();
}

Result<rules::Standard> StandardInForce(rules::ScreeningStore* store, const std::string& province,
                                        const std::string& county, int year) {
  XJ_RETURN_IF_ERROR(CheckScope(province, county, year));
  return rules::StandardInForce(store, province, county, year);
}

Result<rules::Standard> StandardFromSpec(rules::ScreeningStore* store, const std::string& spec) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(spec, ec)) {
    std::ifstream in(spec, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) return IoError("cannot read standard file '" + spec + "'");
    return rules::ParseStandardToml(text.str(), spec);
  }
  if (IsContentHash(spec)) {
    if (store == nullptr) {
      return InvalidArgument("standard " + spec + " is a stored version: give --db");
    }
    XJ_ASSIGN_OR_RETURN(auto stored, store->GetStandard(spec));
    if (!stored) {
      return NotFound("no standard with hash " + spec +
                      " is stored; list them with: xianjie standard list --db DB");
    }
    return rules::ParseStoredStandard(*stored);
  }
  const size_t dash = spec.find('-');
  if (dash != std::string::npos) {
    const std::string region = spec.substr(0, dash);
    const std::string year = spec.substr(dash + 1);
    if (AllDigits(region) && (region.size() == 2 || region.size() == 6) && AllDigits(year) &&
        year.size() == 4) {
      return cli::StandardInForce(store, region.substr(0, 2), region.size() == 6 ? region : "",
                                  std::stoi(year));
    }
  }
  return InvalidArgument("'" + spec +
                         "' names no standard: give a TOML file, a stored hash (16 hex digits, "
                         "see xianjie standard list) or PROVINCE-YEAR such as 63-2024");
}

Result<std::shared_ptr<const rules::CompiledStandard>> CompileStandard(
    const rules::Standard& standard) {
  return rules::Compile(standard, exchange::BuiltinFactCatalog());
}

Result<rules::FactColumns> DepartmentFacts(
    store::Database& database, const std::shared_ptr<const registry::Snapshot>& snapshot,
    CivilDate as_of, std::initializer_list<const rules::CompiledStandard*> standards, int threads) {
  const bool needed = std::any_of(
      standards.begin(), standards.end(),
      [](const rules::CompiledStandard* s) { return s != nullptr && rules::NamesFacts(*s); });
  if (!needed) return rules::FactColumns(exchange::BuiltinFactCatalog(), snapshot->members());
  const registry::HouseholdIndex index(snapshot);
  return exchange::BuildBuiltinFactColumns(index, database, as_of, threads);
}

CivilDate ChinaToday() { return cases::ChinaDateOf(UtcNowIso8601()); }

Result<std::shared_ptr<const registry::Snapshot>> ReadRegistrySnapshot(
    registry::Store& store, std::string_view region_prefix,
    const std::string& committed_at_or_before) {
  registry::SnapshotBuilder builder;
  auto add = [&](const registry::HouseholdVersion& v) -> Status {
    const std::string code = v.record.household.village_code.ToString();
    if (code.compare(0, region_prefix.size(), region_prefix) != 0) return Status::Ok();
    return builder.Add(v.record);
  };
  if (committed_at_or_before.empty()) {
    XJ_RETURN_IF_ERROR(store.ScanCurrent(add));
  } else {
    XJ_RETURN_IF_ERROR(store.ScanAsOf(committed_at_or_before, add));
  }
  return builder.Finish();
}

std::string EndOfChinaDayUtc(CivilDate day) {
  // 23:59:59 in UTC+8 is 15:59:59 UTC on the same day.
  return day.ToString() + "T15:59:59Z";
}

}  // namespace xianjie::cli
