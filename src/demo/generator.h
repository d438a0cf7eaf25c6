// The demo data generator: a synthetic rural registry of Qinghai in the registry exchange
// format v1 (DOMAIN.md §13), calibrated to §12, for demos, tests and benchmarks.
#ifndef XIANJIE_DEMO_GENERATOR_H_
#define XIANJIE_DEMO_GENERATOR_H_

#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>

#include "base/date.h"
#include "base/status.h"
#include "demo/departments.h"
#include "registry/region.h"

namespace xianjie::demo {

struct GeneratorOptions {
  int64_t households = 0;  // >= 0
  uint64_t seed = 1;
  // Each row (household or member) is corrupted with this probability, in [0, 1].
  double corrupt_rate = 0.0;
  // Ages, school stages and birth dates refer to this day (the 2024 standard's school reference
  // date); no birth date lies after it.
  CivilDate reference_date = CivilDate::FromYmd(2024, 9, 1);
  // The department files (when asked for) hold events of the 12 months that end on this day,
  // none after it; unset: reference_date. Pass the day the files will be uploaded (or before
  // it), since an upload refuses dates after its own day; ages in the files are on the event
  // days, the registry's stay on reference_date.
  std::optional<CivilDate> departments_as_of;
};

struct GeneratorStats {
  int64_t households = 0;         // rows of households.csv
  int64_t members = 0;            // rows of members.csv
  int64_t counted_members = 0;    // members with shares_household = 1
  int64_t lifted_households = 0;  // status lifted
  int64_t villages = 0;           // villages with at least one household
  // Rows corrupted, per kind (CorruptionName in demo/corruption.h: "id_check", "bad_enum" ...).
  // Every kind is present, 0 when the rate is 0.
  std::map<std::string, int64_t> corrupted;

  int64_t corrupted_rows() const;
};

// Writes a synthetic registry: households.csv and members.csv of the exchange format v1, with
// the header rows in the order of §13, LF line ends, no BOM. Rows come in household_id order,
// members grouped after their household, head first (consumers must not rely on that).
//
// Households live only in rural villages of `regions` (IsRuralVillage in demo/villages.h),
// about three quarters of them in the farming east. household_id is the village code, '-', and
// a zero-padded sequence within the village ("630121101201-0007"). Every ID number is valid
// and unique in the file; with corrupt_rate 0 every row satisfies §13.
//
// Deterministic: the same options and region table give the same bytes, on every platform
// with IEEE doubles and a correctly rounding libm. Memory does not grow with `households`
// (about 7 MB for the ID number counters); rows are written as they are drawn.
//
// With `departments`, also draws what the departments of DOMAIN.md §9.1 would send about the
// same people (demo/departments.h): one file per shipped source contract, rows about people of
// the registry whose values fit them (bills for the ill, dropouts of school age, deaths of the
// old ...), with about 1% of rows about people of other provinces and 0.5% with one deliberate
// error. Drawn with a random stream of their own: the registry's bytes are the same with or
// without them. They refer to the rows as drawn, before any corruption. For 50,000 households
// they hold about 32,000 rows (2 MB as files), kept in memory (about 30 MB). Left untouched on
// failure.
//
// Fails with kInvalidArgument for a negative count or a rate outside [0, 1],
// kFailedPrecondition if `regions` has no rural village, and kIoError if a stream fails (the
// streams then hold a partial file).
Result<GeneratorStats> GenerateRegistry(const GeneratorOptions& options,
                                        const registry::RegionTable& regions,
                                        std::ostream& households_csv, std::ostream& members_csv,
                                        DepartmentFiles* departments = nullptr);

// GenerateRegistry into `dir`/households.csv and `dir`/members.csv, creating `dir` (and its
// parents) if needed and replacing existing files. kIoError naming the path on failure. The
// department files, if asked for, are returned, not written.
Result<GeneratorStats> GenerateToDirectory(const GeneratorOptions& options,
                                           const registry::RegionTable& regions,
                                           const std::string& dir,
                                           DepartmentFiles* departments = nullptr);

}  // namespace xianjie::demo

#endif  // XIANJIE_DEMO_GENERATOR_H_
