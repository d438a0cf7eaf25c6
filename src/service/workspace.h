// The Workspace: what a long-running process (the server) keeps in memory about one database so
// that searches, dashboards and what-ifs never scan SQL: the registry snapshot (LiveSnapshot), its
// HouseholdIndex, and the latest screening run's results per province. The service functions
// (service/*.h) take a Workspace and the caller's access::Principal.
#ifndef XIANJIE_SERVICE_WORKSPACE_H_
#define XIANJIE_SERVICE_WORKSPACE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "registry/household_search.h"
#include "registry/live_snapshot.h"
#include "registry/region.h"
#include "rules/compiled_standard.h"
#include "rules/facts.h"
#include "rules/screening_store.h"
#include "rules/standard.h"
#include "store/database.h"

namespace xianjie::service {

struct WorkspaceOptions {
  int screening_threads = 2;
  // Whole days added to the clock of the operations that stamp events (cases): 0 in production;
  // a training environment or a test of deadlines runs days ahead (`serve --now-offset-days`).
  int clock_offset_days = 0;
  // A simulation's clock (UTC ISO 8601), called instead of the system clock when set; the offset
  // above does not apply to it. For tests that drive the procedure through simulated weeks.
  std::function<std::string()> clock;
};

// One stored screening run, digested for counting by region: its flagged households in (village,
// household_id) order with their fired rules and type as small integers. Households the
// snapshot did not hold when the digest was made are left out (their village is unknown).
struct RunDigest {
  struct Entry {
    uint64_t village = 0;   // 12-digit village code as a number
    uint32_t result = 0;    // index into results (when kept) or into the run's stored order
    uint32_t rules = 0;     // bit i: rule_ids[i] fired
    uint8_t type = 0xff;    // index into type_codes; 0xff = none
    bool new_warning = false;
  };
  rules::ScreeningRun run;
  std::vector<std::string> rule_ids;     // distinct fired rule ids, sorted
  std::vector<std::string> type_codes;   // distinct proposed types, sorted
  std::vector<Entry> entries;            // (village, household_id) order
  std::vector<rules::HouseholdResult> results;  // household_id order; only for latest runs
  // Latest runs only: the run's standard (its name, and each rule's labels in its order); empty
  // when the stored standard cannot be read back.
  std::string standard_name;
  struct RuleLabel {
    std::string rule_id, label_zh, label_en;
  };
  std::vector<RuleLabel> rule_labels;

  // The entries whose village code starts with `region_prefix` (digits; "" = all):
  // [first, second) of `entries`.
  std::pair<size_t, size_t> Range(std::string_view region_prefix) const;
  // The result of a household (latest runs only), or nullptr.
  const rules::HouseholdResult* Find(std::string_view household_id) const;
};

// Households, members and screenable households (at least one counted member) of one village.
struct VillageTotals {
  uint64_t village = 0;
  int64_t households = 0;
  int64_t members = 0;
  int64_t screenable = 0;
};

// An immutable picture of the workspace at one Refresh; readers hold it as long as they need.
struct WorkspaceView {
  std::shared_ptr<const registry::HouseholdIndex> index;  // never null; holds the snapshot
  int64_t batch = 0;  // the last committed import batch the snapshot reflects
  std::shared_ptr<const registry::RegionTable> regions;  // never null (may be empty)
  std::vector<VillageTotals> villages;  // villages with households, by code
  std::vector<rules::ScreeningRun> runs;                 // every stored run, by run id
  // Per province (2 digits): the digest of its latest province-wide run (county ""), with
  // results kept. County-only runs are listed in `runs` but not digested here.
  std::map<std::string, std::shared_ptr<const RunDigest>, std::less<>> latest;
  // The department facts of the snapshot's members (exchange::BuildFactColumns over the
  // built-in contracts, catalogue exchange::FactCatalog), as of `facts_as_of` (China's date at
  // the Refresh that made them); what screening, the cross-checks and explanations read as
  // dept.<fact>. Never null; aligned with `index`'s snapshot. Rebuilt by Refresh when the
  // snapshot changed, an upload was committed, or the day changed.
  std::shared_ptr<const rules::FactColumns> facts;
  CivilDate facts_as_of;
  int64_t facts_upload = 0;  // the newest upload the facts include (0: none)

  // Values derived from this view alone (a region's dashboard ...), made once per view: Refresh
  // gives each new view an empty table, so nothing cached here outlives the data it came from.
  struct MemoTable {
    // Held while making a value to remember, so that concurrent first requests make it once
    // (and do not all read the same run from the database at the same time).
    std::mutex make_mu;
    std::mutex mu;
    std::map<std::string, std::shared_ptr<const void>, std::less<>> values;  // guarded by mu
  };
  std::shared_ptr<MemoTable> memo = std::make_shared<MemoTable>();
  // The value cached under `key`, or nullptr. Thread-safe.
  template <typename T>
  std::shared_ptr<const T> Recall(std::string_view key) const {
    std::lock_guard lock(memo->mu);
    auto it = memo->values.find(key);
    return it == memo->values.end() ? nullptr : std::static_pointer_cast<const T>(it->second);
  }
  // Caches `value` under `key` (the first value stored wins). Thread-safe.
  template <typename T>
  void Remember(std::string key, std::shared_ptr<const T> value) const {
    std::lock_guard lock(memo->mu);
    memo->values.emplace(std::move(key), std::move(value));
  }

  const registry::Snapshot& snapshot() const { return index->snapshot(); }
  // The latest province-wide run of the province of `region_code` (its first two digits), or
  // nullptr when that province has none.
  const RunDigest* LatestFor(std::string_view region_code) const;
  // The totals of the villages whose code starts with `region_prefix`, summed (village 0).
  VillageTotals TotalsWithin(std::string_view region_prefix) const;
  // The region's name, or "" when the table does not know it.
  std::string RegionName(std::string_view code) const;
  // The name of the household's head in the snapshot, or "" when the household is not in it.
  std::string HeadName(std::string_view household_id) const;
  // `facts` for `other`, the snapshot screened or explained: `facts` itself when `other` is this
  // view's snapshot, else carried over to `other` (exchange::RealignFacts: a region's subset,
  // service::SnapshotWithin, or a household read again from the store); households and persons
  // this view does not hold read no facts. Never null.
  std::shared_ptr<const rules::FactColumns> FactsFor(const registry::Snapshot& other) const;
};

// A standard with its compiled form, as the workspace caches it.
struct ResolvedStandard {
  rules::Standard standard;
  std::shared_ptr<const rules::CompiledStandard> compiled;
};

class ImportJobs;  // service/imports.h

// Thread-safe: any number of requests read while one Refresh runs; readers keep the state they
// took (shared_ptr) for as long as they need it.
class Workspace {
 public:
  explicit Workspace(store::Database& database, WorkspaceOptions options = {});
  ~Workspace();
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  store::Database& database() { return database_; }
  const WorkspaceOptions& options() const { return options_; }
  // UTC ISO 8601 now, shifted by options().clock_offset_days (or options().clock's time): the time
  // events and screening runs are stamped with.
  std::string Now() const;

  // Brings the in-memory state up to the store: patches the snapshot with batches committed
  // since (by this process or another), rebuilds the index when the snapshot changed, reloads
  // the latest screening runs, and rebuilds the department facts when the snapshot changed, an
  // upload was committed or the day changed (WorkspaceView::facts; about a second per 200,000
  // department rows). Call at start, after an import, upload or run, and on a timer. Cheap when
  // nothing changed (four small reads). Fails with the store's Status, keeping the old state.
  Status Refresh();

  // The current state (empty before the first Refresh). Thread-safe.
  std::shared_ptr<const WorkspaceView> view() const;

  // The digest of any stored run (the trend of the dashboard), made against the current
  // snapshot and cached by run id; results are not kept. kNotFound for an unknown run.
  Result<std::shared_ptr<const RunDigest>> Digest(int64_t run_id);

  // The standard in force for (province, county, year) — the county's own, else the province's —
  // compiled with the department facts of the built-in contracts (exchange::FactCatalog), so
  // that its rules may name dept.<fact>; cached until a standard is loaded. Errors as
  // rules::StandardInForce and Compile.
  Result<std::shared_ptr<const ResolvedStandard>> StandardFor(const std::string& province,
                                                              const std::string& county, int year);

  // StandardFor `year`, else for the latest earlier year that has a standard (shipped or loaded)
  // — what applies on a day of a year whose standard is not out yet. kFailedPrecondition naming
  // the province when no year up to `year` has one.
  Result<std::shared_ptr<const ResolvedStandard>> StandardOnOrBefore(const std::string& province,
                                                                     const std::string& county,
                                                                     int year);

  // Forgets the cached standards in force: call after loading one (Refresh also notices loads
  // made by other processes).
  void ForgetStandards();

  // Screening runs started through the service take this lock: one at a time per process.
  std::unique_lock<std::mutex> LockScreening() { return std::unique_lock(screening_mu_); }

  // The background imports of this process (service/imports.h).
  ImportJobs& import_jobs() { return *import_jobs_; }

  // Open monitoring episodes of the villages under `region_prefix` (the dashboard's monitoring
  // objects): read from the store at most every 5 seconds per region; ForgetEpisodeCounts after
  // an event that opens or closes an episode, so that this process sees its own changes at once.
  Result<int64_t> OpenEpisodes(const std::string& region_prefix);
  void ForgetEpisodeCounts();

  struct Stats {
    int64_t households = 0;
    int64_t members = 0;
    int64_t snapshot_bytes = 0;
    int64_t index_bytes = 0;
    int64_t batch = 0;  // the last committed import batch the snapshot reflects
  };
  Stats stats() const;

 private:
  struct State;
  store::Database& database_;
  WorkspaceOptions options_;
  std::unique_ptr<State> state_;
  std::mutex screening_mu_;
  std::unique_ptr<ImportJobs> import_jobs_;
};

// The 12-digit village code range [lo, hi] of a region prefix of digits ("" = everything).
std::pair<uint64_t, uint64_t> VillageRange(std::string_view region_prefix);

}  // namespace xianjie::service

#endif  // XIANJIE_SERVICE_WORKSPACE_H_
