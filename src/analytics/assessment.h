// Assessment (考核评估, DOMAIN.md §10; decision 0008, "Assessment"): the KPIs of a county or
// township for a year from the village table's figures and the verification sample's estimates,
// each scored against a target, the weighted scorecard out of 100, ranks within the prefecture
// (or county) and the province, and the trend over the years on record. Weights, targets and
// directions are read strictly from TOML (config/assessment.toml is built in; a province may
// store its own version). The scoring rule, written out in config/assessment.toml:
//   higher: min(1, achieved/target); lower: 1 up to the target, 0 from zero_at, linear between;
//   not assessed KPIs score nothing and their weight is shared out over the assessed ones:
//   total = 100 × Σ_assessed weight·score / Σ_assessed weight.
#ifndef XIANJIE_ANALYTICS_ASSESSMENT_H_
#define XIANJIE_ANALYTICS_ASSESSMENT_H_

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/sample.h"
#include "analytics/village_table.h"
#include "base/status.h"

namespace xianjie::analytics {

// The KPIs, in the order of config/assessment.toml.
enum class Kpi : uint8_t {
  kTimeliness,           // approved within the limit / approved
  kWarningHandling,      // warnings answered in time / warnings raised
  kOmission,             // sample
  kWrongInclusion,       // sample
  kCoverage,             // objects with a counted measure / objects
  kDevelopmentCoverage,  // labour-capable objects with a development measure / labour-capable
  kEliminationRate,      // households eliminated / households ever monitored
  kEliminationQuality,   // eliminations of the year with a quality problem / eliminations
  kRelapse,              // relapses of the year / households ever eliminated
  kLiftedIdentified,     // lifted households first identified in the year / lifted households
  kDropouts,             // not enrolled / members of compulsory school age
  kUninsured,            // without medical insurance / counted members
  kUnsafeHouses,         // / households with counted members
  kUnsafeWater,          // / households with counted members
  kApproval,             // sample
};
inline constexpr size_t kKpiCount = 15;
inline constexpr std::array<Kpi, kKpiCount> kAllKpis = {
    Kpi::kTimeliness,       Kpi::kWarningHandling,     Kpi::kOmission,
    Kpi::kWrongInclusion,   Kpi::kCoverage,            Kpi::kDevelopmentCoverage,
    Kpi::kEliminationRate,  Kpi::kEliminationQuality,  Kpi::kRelapse,
    Kpi::kLiftedIdentified, Kpi::kDropouts,            Kpi::kUninsured,
    Kpi::kUnsafeHouses,     Kpi::kUnsafeWater,         Kpi::kApproval};

// "timeliness", "warning_handling", ... as in the TOML file.
std::string_view KpiCode(Kpi kpi);
std::optional<Kpi> ParseKpi(std::string_view code);
// From the verification sample (omission, wrong inclusion, approval), not the village table.
bool IsSampleKpi(Kpi kpi);
// From the registry (dropouts, uninsured, unsafe houses, unsafe water).
bool IsRegistryKpi(Kpi kpi);

enum class Direction : uint8_t { kHigher, kLower };
std::string_view DirectionCode(Direction direction);  // "higher", "lower"

struct KpiSetting {
  Kpi kpi = Kpi::kTimeliness;
  int weight = 0;  // 0..100
  Direction direction = Direction::kHigher;
  double target = 0;   // 0..1; > 0 when higher
  double zero_at = 1;  // lower only: target < zero_at <= 1
  int line = 0;        // of the KPI's [[kpi]] in the file
};

struct AssessmentConfig {
  std::vector<KpiSetting> kpis;  // one per KPI, in kAllKpis order; weights add up to 100
  std::string origin;
  const KpiSetting& Of(Kpi kpi) const { return kpis[static_cast<size_t>(kpi)]; }
};

// Parses an assessment file. kInvalidArgument "<origin>:<line>:<col>: <key path>: <what>; <what
// to do>" for a TOML syntax error (a key written twice among them), an unknown key, an id that
// is not a KPI (with the closest one), a KPI given twice or missing, a weight that is not a whole
// number 0..100, weights not adding up to 100 (naming the sum), a direction other than "higher"
// or "lower", a target that is not a number 0..1 (or is 0 for higher), zero_at given for a
// higher KPI, or not a number above the target and at most 1. Thread-safe.
Result<AssessmentConfig> ParseAssessmentConfig(std::string_view text, std::string origin);

// config/assessment.toml as built into the binary, as text and parsed (once; a broken file
// aborts, and its test fails first).
std::string_view BuiltinAssessmentText();
const AssessmentConfig& BuiltinAssessmentConfig();

// The score 0..1 of a KPI that achieved `achieved`, by the rule above.
double KpiScore(const KpiSetting& setting, double achieved);

// Why a KPI is not assessed.
enum class NotAssessed : uint8_t {
  kAssessed,      // it is
  kNoDenominator, // nothing to measure in the area and year (0 approvals, warnings, objects …)
  kNoSample,      // no verification sample estimate (a county without one, or a township)
  kRegistryNow,   // a guarantee KPI of a year other than the registry's own
};
// "", "no_denominator", "no_sample", "registry_now".
std::string_view NotAssessedCode(NotAssessed reason);

struct KpiResult {
  Kpi kpi = Kpi::kTimeliness;
  NotAssessed reason = NotAssessed::kAssessed;
  bool assessed() const { return reason == NotAssessed::kAssessed; }
  // From the village table: the figures of the share (sample KPIs: the estimate's households in
  // the denominator, and the numerator 0).
  int64_t numerator = 0;
  int64_t denominator = 0;
  double achieved = 0;  // the share, when assessed
  std::optional<RatioEstimate> estimate;  // sample KPIs, when assessed
  double score = 0;     // 0..1, when assessed
  int weight = 0;       // as configured
  // What it adds to the total: 100 × weight × score / Σ_assessed weight (0 when not assessed).
  double points = 0;
};

struct Rank {
  int rank = 0;  // 1 = best; equal totals share a rank (1, 2, 2, 4); 0 = not ranked (no total)
  int of = 0;    // the units ranked in the group
  bool operator==(const Rank&) const = default;
};

struct TrendPoint {
  int year = 0;
  std::optional<double> total;
};

struct Scorecard {
  std::string region;  // the county (6 digits) or township (9)
  int year = 0;
  std::vector<KpiResult> kpis;  // kAllKpis order
  std::optional<double> total;  // 0..100; none when no KPI of positive weight is assessed
  int assessed_weight = 0;      // Σ weights of the assessed KPIs
  // Among the units of its parent (a county among its prefecture's counties, a township among
  // its county's townships) and among the province's units of its level.
  Rank rank_parent;
  Rank rank_province;
  std::vector<TrendPoint> trend;  // the years on record from year − 2 to year, ascending
};

// The scorecard of one unit from its figures (without ranks and trend). `sample`: the county's
// estimates for the year, or nullptr. `registry_assessed`: whether the registry figures are of
// this year (the guarantee KPIs are not assessed otherwise).
Scorecard ScoreUnit(const AssessmentConfig& config, std::string region, int year,
                    const VillageFigures& figures, const SampleEstimates* sample,
                    bool registry_assessed);

struct AssessmentInput {
  const AssessmentConfig* config = nullptr;
  int year = 0;
  // Every unit of one level of one province: counties (6 digits) or townships (9), distinct. The
  // ranks are among them.
  std::vector<std::string> units;
  // The village tables by year: `year` is required; year − 1 and year − 2 when on record. A year
  // other than `year` whose table has no episode, approval or warning at all is not on record
  // and left out of the trend.
  std::map<int, const VillageTable*> tables;
  // The verification samples' estimates by year and county (6 digits).
  std::map<int, std::map<std::string, SampleEstimates>> samples;
  // The year of the registry in the tables (the snapshot is the registry now): the guarantee
  // KPIs of other years are not assessed.
  int registry_year = 0;
};

// The scorecards of every unit for `year`, in the order of `units`, with ranks and trend.
// kInvalidArgument: no config, no table for `year` (or a table of another year under a year),
// units empty, of mixed or wrong lengths (6 or 9 digits), of several provinces, or repeated.
Result<std::vector<Scorecard>> Assess(const AssessmentInput& input);

}  // namespace xianjie::analytics

#endif  // XIANJIE_ANALYTICS_ASSESSMENT_H_
