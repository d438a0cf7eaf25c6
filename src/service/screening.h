// Screening views through the service: regions with household counts, the dashboard of a
// region, the warnings worklist of the latest run, the list of runs, and starting a run. Counts
// come from the Workspace (snapshot, index, digested runs), never from a scan of the store.
#ifndef XIANJIE_SERVICE_SCREENING_H_
#define XIANJIE_SERVICE_SCREENING_H_

#include <optional>
#include <string>
#include <vector>

#include "access/role.h"
#include "base/money.h"
#include "base/status.h"
#include "rules/screening_store.h"
#include "service/common.h"
#include "service/workspace.h"

namespace xianjie::service {

struct RegionItem {
  std::string code;  // the prefix: "63", "630121", "630121100201"
  std::string name;
  std::string level;  // "province", "prefecture", "county", "township", "village"
  int64_t households = 0;
};

// dashboard.read. `parent` "" = the principal's scope itself (one item); else the children of
// `parent`, which must lie inside the scope (kPermissionDenied), kNotFound for an unknown one.
Result<std::vector<RegionItem>> Regions(Workspace& ws, const access::Principal& principal,
                                        const std::string& parent);

struct Dashboard {
  RegionItem region;
  std::optional<rules::ScreeningRun> run;  // the latest province-wide run of its province
  std::string standard_name;
  int64_t households = 0;
  int64_t members = 0;
  int64_t screened = 0;  // households with a counted member
  int64_t flagged = 0;
  double flagged_rate = 0;  // flagged / screened (0 without screened households)
  int64_t new_warnings = 0;
  int64_t monitoring_objects = 0;  // open monitoring episodes in the region (decision 0005)
  struct RuleCount {
    std::string rule_id, label_zh, label_en;
    int64_t count = 0;
  };
  std::vector<RuleCount> by_rule;  // every rule of the run's standard, in its order
  struct TypeCount {
    std::string type, label_zh, label_en;
    int64_t count = 0;
  };
  std::vector<TypeCount> by_type;  // every proposed type, in code order
  struct AreaCount {
    std::string code, name;
    int64_t households = 0;
    int64_t flagged = 0;
  };
  std::vector<AreaCount> by_area;  // the children of the region
  struct TrendPoint {
    int64_t run_id = 0;
    std::string started_at;
    int64_t flagged = 0;
    int64_t new_warnings = 0;
  };
  std::vector<TrendPoint> trend;  // the province's last 12 province-wide runs, oldest first
};

// dashboard.read for `region` ("" = the scope); counts are for the region only.
Result<Dashboard> GetDashboard(Workspace& ws, const access::Principal& principal,
                               const std::string& region);

// Makes each province's dashboard in the current view ahead of its first reader: the first one
// reads the earlier runs of the trend from the database (a third of a second for a province of
// a million households). The server calls it after every Refresh; cheap when nothing changed.
Status WarmDashboards(Workspace& ws);

struct WarningFilter {
  std::string region;  // "" = the scope
  std::string type;    // proposed type code, "" = any
  std::string rule;    // fired rule id, "" = any
  bool new_only = false;
  int64_t offset = 0;
  int64_t limit = 50;
};

struct WarningItem {
  std::string household_id;
  std::string village_code;
  std::string village_name;
  std::string head_name;
  rules::HouseholdResult result;  // rules, proposed_type, risks, per_capita_fen, new_warning
};

struct WarningList {
  std::optional<rules::ScreeningRun> run;  // none: the province was never screened
  Page<WarningItem> page;                  // in (village, household_id) order
};

// warning.list: the flagged households of the latest province-wide run in the region.
Result<WarningList> ListWarnings(Workspace& ws, const access::Principal& principal,
                                 const WarningFilter& filter);

// run.list: the runs whose scope overlaps the principal's, by run id.
Result<std::vector<rules::ScreeningRun>> ListRuns(Workspace& ws,
                                                  const access::Principal& principal);

// screening.run: screens the province (or county) under the standard in force for `year`, as
// `xianjie screen --db` does, stores the run and refreshes the workspace. One run at a time per
// process (a second waits). kPermissionDenied outside the scope; kInvalidArgument for a bad
// province, county or year; kNotFound when no standard exists for them.
Result<rules::ScreeningRun> StartRun(Workspace& ws, const access::Principal& principal,
                                     const std::string& province, const std::string& county,
                                     int year);

// The households of `snapshot` whose village code starts with `region_prefix` (the snapshot
// itself when all are).
Result<std::shared_ptr<const registry::Snapshot>> SnapshotWithin(
    const std::shared_ptr<const registry::Snapshot>& snapshot, std::string_view region_prefix);

}  // namespace xianjie::service

#endif  // XIANJIE_SERVICE_SCREENING_H_
