// A test-side reader and validator of the registry exchange format v1 (DOMAIN.md §13), built
// only on the base and registry parsers, to check what the demo generator writes.
#ifndef XIANJIE_TESTS_DEMO_EXCHANGE_CHECK_H_
#define XIANJIE_TESTS_DEMO_EXCHANGE_CHECK_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "demo/generator.h"
#include "registry/household.h"
#include "registry/region.h"

namespace xianjie::demo::testing {

// Splits one CSV record (RFC 4180 quoting; no line breaks inside fields) into `fields`.
void SplitCsvLine(std::string_view line, std::vector<std::string>& fields);

// The lines of a file without their LF (the last, empty piece after the final LF dropped).
std::vector<std::string_view> Lines(std::string_view text);

// The first rule a row breaks, checked in this order (so that each corruption kind of the
// generator shows as exactly one rule):
//   households: "columns", "household_id.empty", "household_id.duplicate",
//     "village_code.unknown" (unknown, or not a village), "village_code.not_rural",
//     "enum.bad", "money.malformed", "boolean.bad"
//   members: "columns", "id_number.check", "id_number.birth_date", "id_number.other",
//     "id_number.duplicate", "household_id.unknown", "enum.bad", "boolean.bad",
//     "birth_date.malformed", "name.empty", "name.too_long", "sex.mismatch",
//     "birth_date.mismatch"
struct RowProblem {
  bool members_file = false;
  int64_t line = 0;  // 1-based; the header is line 1
  std::string rule;
};

struct CheckedMember {
  registry::Member member;
  std::string household_id;
};

struct CheckResult {
  std::vector<RowProblem> problems;
  // Rows without a problem, parsed.
  std::vector<registry::Household> households;
  std::vector<CheckedMember> members;
  // Households (valid rows) whose valid members include no head or more than one.
  std::vector<std::string> households_without_one_head;
  std::string households_header;
  std::string members_header;

  // Problems by rule.
  std::map<std::string, int64_t> CountByRule() const;
};

// The two files of a generator run held in memory, with its stats.
struct Generated {
  std::string households;
  std::string members;
  GeneratorStats stats;
};
// Runs GenerateRegistry over the built-in Qinghai table; a failure is a fatal test failure.
Generated GenerateInMemory(const GeneratorOptions& options);

// Checks both files against §13 and the region table. `today` bounds birth dates.
CheckResult CheckExchangeFiles(std::string_view households_csv, std::string_view members_csv,
                               const registry::RegionTable& regions, CivilDate today);

}  // namespace xianjie::demo::testing

#endif  // XIANJIE_TESTS_DEMO_EXCHANGE_CHECK_H_
