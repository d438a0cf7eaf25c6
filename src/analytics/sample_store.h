// The storage port of the verification sample (抽样核查, decision 0008, "Sample stored as built"):
// a county's draws per year, each with its units (the households drawn by DrawCountySample with
// their probabilities and weights), and the visit results recorded for the units. One draw per
// (county, year) is the latest: a redraw keeps the earlier ones and only the latest takes
// results; results may be replaced until the draw is closed. Implemented in src/store/ (memory,
// sqlite; migration 0013). Thread-safe; each write is one transaction.
#ifndef XIANJIE_ANALYTICS_SAMPLE_STORE_H_
#define XIANJIE_ANALYTICS_SAMPLE_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analytics/sample.h"
#include "base/date.h"
#include "base/status.h"

namespace xianjie::analytics {

// One draw of a county's sample for a year.
struct SampleDraw {
  int64_t id = 0;  // assigned by the store
  std::string county_code;  // 6 digits
  int year = 0;             // the assessment year it is for
  uint64_t seed = 0;
  std::string parameters_json;  // the SampleParameters drawn with, as the service writes them
  std::string drawn_by;         // username
  std::string drawn_at;         // UTC ISO 8601
  int64_t frame_households = 0;  // M: the county's households in the frame
  // Villages drawn in stage 1: at least the distinct villages of the units (a village drawn may
  // get no household in stage 2).
  int64_t villages = 0;
  int64_t households = 0;        // households drawn: the number of units
  // Set by the store (ignored by PutDraw):
  bool latest = true;     // the latest draw of its (county, year)
  std::string closed_by;  // "" while open
  std::string closed_at;  // "" while open; UTC ISO 8601
  int64_t recorded = 0;   // units with a visit result
  bool closed() const { return !closed_at.empty(); }
  bool operator==(const SampleDraw&) const = default;
};

// One household drawn: SampledHousehold as stored.
struct SampleUnit {
  int64_t draw_id = 0;  // set by the store
  std::string household_id;
  std::string village_code;  // 12 digits, inside the draw's county
  Stratum stratum = Stratum::kOther;
  double village_probability = 1;  // πᵥ
  double probability = 1;          // πᵢ
  double weight = 1;               // 1/πᵢ
  bool operator==(const SampleUnit&) const = default;
};

// What the visit found at one unit (the answers of VisitResult), with who went and when.
struct SampleResult {
  int64_t draw_id = 0;
  std::string household_id;
  std::optional<bool> meets_criteria;     // nullopt: not answered
  std::optional<bool> included;
  std::optional<bool> comparison_passed;
  std::optional<bool> satisfied;
  CivilDate visited_on;
  std::string visitor;      // who went (a third-party checker, a cadre)
  std::string note;         // free text; may be ""
  std::string recorded_by;  // username
  std::string recorded_at;  // UTC ISO 8601
  bool operator==(const SampleResult&) const = default;
};

// kInvalidArgument naming the first bad field: county_code not 6 digits; year outside
// 2000..2100; parameters_json, drawn_by or drawn_at missing; a count negative; households not
// the number of units, villages fewer than their distinct villages; a unit with an empty
// household ID, listed twice, in a village that is not a 12-digit code of the county, or with a
// probability outside (0, 1], πᵢ above πᵥ, or a weight that is not finite and at least 1.
Status CheckSampleDraw(const SampleDraw& draw, const std::vector<SampleUnit>& units);
// kInvalidArgument naming the first bad field: draw_id not positive; household_id, visitor,
// recorded_by or recorded_at missing.
Status CheckSampleResult(const SampleResult& result);

struct SampleDrawFilter {
  std::string region_prefix;  // county code prefix (2, 4 or 6 digits); "" = all
  int year = 0;               // 0 = any
  bool latest_only = false;   // only the latest draw of each (county, year)
};

class SampleStore {
 public:
  virtual ~SampleStore() = default;

  // Stores a draw with its units in one transaction (their ids and the store's fields ignored)
  // as the latest draw of its (county, year), and returns its id. When (county, year) has a
  // draw already: without `redraw` kAlreadyExists naming it; with `redraw` the earlier draw is
  // kept, no longer the latest — unless it is closed (kFailedPrecondition: its results are
  // final). kInvalidArgument as CheckSampleDraw says. Nothing is written on a refusal.
  virtual Result<int64_t> PutDraw(const SampleDraw& draw, const std::vector<SampleUnit>& units,
                                  bool redraw) = 0;
  virtual Result<std::optional<SampleDraw>> GetDraw(int64_t id) = 0;
  // By id. kInvalidArgument for a prefix that is not digits.
  virtual Result<std::vector<SampleDraw>> ListDraws(const SampleDrawFilter& filter) = 0;
  // The draw's units by (village code, household ID); empty for an unknown draw.
  virtual Result<std::vector<SampleUnit>> DrawUnits(int64_t draw_id) = 0;

  // Records (or replaces) the visit result of one unit. kNotFound for an unknown draw or a
  // household that is not a unit of it; kFailedPrecondition when the draw is closed or is not
  // the latest of its county and year (naming the one that is); kInvalidArgument as
  // CheckSampleResult says.
  virtual Status PutResult(const SampleResult& result) = 0;
  // The draw's results by household ID; empty for an unknown draw.
  virtual Result<std::vector<SampleResult>> DrawResults(int64_t draw_id) = 0;
  // Closes the draw (its results become final) by `by` at `at` (UTC). kNotFound for an unknown
  // draw; kFailedPrecondition when it is closed already; kInvalidArgument when `by` or `at` is
  // empty.
  virtual Status CloseDraw(int64_t draw_id, const std::string& by, const std::string& at) = 0;
};

}  // namespace xianjie::analytics

#endif  // XIANJIE_ANALYTICS_SAMPLE_STORE_H_
