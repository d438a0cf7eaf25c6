// The storage port of the rules module: standards (versioned by content hash), the loads that put
// them in force, and screening runs with their per-household results. Implemented in src/store/
// (memory, sqlite) beside the registry's port; the domain never sees SQL.
#ifndef XIANJIE_RULES_SCREENING_STORE_H_
#define XIANJIE_RULES_SCREENING_STORE_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"

namespace xianjie::rules {

// A standard as stored: its TOML source and identity. The same content is stored once, with the
// time, user and origin of the first store; LatestStandard fills those three from a load instead.
struct StoredStandard {
  std::string content_hash;  // Standard::content_hash
  std::string province;
  std::string county;  // "" for the whole province
  int year = 0;
  std::string name;
  std::string origin;     // file name as loaded
  std::string toml;       // source text
  std::string loaded_at;  // UTC ISO 8601
  std::string user;
  bool operator==(const StoredStandard&) const = default;
};

// One load of a standard (`xianjie standard load`): from then on it is in force for its province,
// county and year, until a later load of the same scope. Loads are never changed or removed.
struct StandardLoad {
  int64_t load_id = 0;  // assigned by LoadStandard: 1, 2, ... in load order
  std::string content_hash;
  std::string province;  // the standard's scope
  std::string county;
  int year = 0;
  std::string loaded_at;  // UTC ISO 8601
  std::string user;
  std::string origin;  // file name as loaded
  bool operator==(const StandardLoad&) const = default;
};

// One screening of the registry under one standard.
struct ScreeningRun {
  int64_t run_id = 0;  // assigned by PutRun: 1, 2, ...
  std::string standard_hash;
  std::string province;
  std::string county;
  int year = 0;
  std::string started_at;   // UTC ISO 8601
  double seconds = 0;       // evaluation time
  int64_t registry_batch = 0;  // the last committed import batch the run saw
  int64_t previous_run = 0;    // the run it was compared with for new warnings (0 = none)
  bool incremental = false;    // only households changed since previous_run were evaluated
  int64_t evaluated = 0;       // households evaluated in this run
  int64_t screened = 0;        // households with at least one counted member
  int64_t flagged = 0;         // households with at least one fired rule
  int64_t new_warnings = 0;    // flagged now, not flagged by previous_run
  std::string counts_json;     // {"rules":{"income_below_line":n,...},"types":{...}}
  std::string user;
  bool operator==(const ScreeningRun&) const = default;
};

// The result of a run for one flagged household (households for which no rule fired have none).
struct HouseholdResult {
  int64_t run_id = 0;
  std::string household_id;
  std::string rules;          // fired rule ids, sorted, joined by ';'
  std::string proposed_type;  // DOMAIN.md §4.2 code
  std::string risks;          // suggested risk codes, sorted, joined by ';' ("R01;R09")
  int64_t per_capita_fen = 0;  // net income / counted members, rounded half away from zero
  bool new_warning = false;    // not flagged by the previous run
  bool operator==(const HouseholdResult&) const = default;
};

class ScreeningStore {
 public:
  virtual ~ScreeningStore() = default;

  // --- standards
  // Stores a standard's content only, as the record of what a screening run used: a standard
  // with the same content_hash already stored is left as it is (not an error), and what is in
  // force does not change. kInvalidArgument on an empty hash.
  virtual Status PutStandard(const StoredStandard& standard) = 0;
  // Stores the standard's content as PutStandard does and records a load of it (standard's
  // loaded_at, user and origin), which puts it in force for its scope; both or neither. Every
  // call records a new load, even of the standard already in force. Returns the load_id.
  // kInvalidArgument on an empty hash.
  virtual Result<int64_t> LoadStandard(const StoredStandard& standard) = 0;
  // The stored content of a hash, with the time, user and origin of its first store.
  virtual Result<std::optional<StoredStandard>> GetStandard(const std::string& content_hash) = 0;
  // The standard in force for (province, county, year): that of the scope's latest load, with
  // that load's loaded_at, user and origin. Nothing if the scope was never loaded (a standard
  // only stored by PutStandard is never in force).
  virtual Result<std::optional<StoredStandard>> LatestStandard(const std::string& province,
                                                               const std::string& county,
                                                               int year) = 0;
  // All stored standards, loaded or not, in the order they were first stored.
  virtual Result<std::vector<StoredStandard>> ListStandards() = 0;
  // Every load, by load_id.
  virtual Result<std::vector<StandardLoad>> ListLoads() = 0;

  // --- screening runs
  // Stores a run and its results atomically; assigns and returns run_id (results' run_id is
  // ignored). Results must be in household_id order without repeats (kInvalidArgument).
  virtual Result<int64_t> PutRun(const ScreeningRun& run,
                                 std::span<const HouseholdResult> results) = 0;
  virtual Result<std::optional<ScreeningRun>> GetRun(int64_t run_id) = 0;
  // The latest run of (province, county, year), if any.
  virtual Result<std::optional<ScreeningRun>> LatestRun(const std::string& province,
                                                        const std::string& county, int year) = 0;
  virtual Result<std::vector<ScreeningRun>> ListRuns() = 0;  // by run id
  // The results of a run, in household_id order.
  virtual Result<std::vector<HouseholdResult>> RunResults(int64_t run_id) = 0;
  // A household's results over all runs, by run id.
  virtual Result<std::vector<HouseholdResult>> HouseholdResults(
      const std::string& household_id) = 0;
};

}  // namespace xianjie::rules

#endif  // XIANJIE_RULES_SCREENING_STORE_H_
