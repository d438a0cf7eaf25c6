// The verification sample through the service (抽样核查; DOMAIN.md §10, decision 0008, "Sample
// stored as built"): a county's sample for a year drawn from the registry (analytics::
// DrawCountySample over the workspace's snapshot, each household in its stratum) and stored; the
// sample with its households, their visit results and the estimates of omission, wrong
// inclusion and approval (analytics::EstimateRates); visit results recorded until the draw is
// closed; and the estimates the scorecards read.
//
// Authorization: drawing and closing are sample.draw (province, prefecture) on the county;
// recording is sample.record (province, prefecture, county); reading is assessment.read
// (province, prefecture, county, auditor). A sample lists named households, so reading one is
// audited ("sample.read") like a household read and ID numbers are shown as the role may see
// them (access::SeesFullIdNumbers: masked for every role that reads samples); every write is
// audited ("sample.draw", "sample.record", "sample.close"). A draw outside the caller's scope is
// kPermissionDenied, an unknown one kNotFound.
#ifndef XIANJIE_SERVICE_SAMPLE_H_
#define XIANJIE_SERVICE_SAMPLE_H_

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "access/role.h"
#include "analytics/sample.h"
#include "analytics/sample_store.h"
#include "base/status.h"
#include "service/workspace.h"
#include "store/database.h"

namespace xianjie::service {

// The largest seed a caller may give: 2^53 − 1, so that the seed survives any JSON reader (a
// browser's numbers are doubles).
inline constexpr uint64_t kMaxSampleSeed = (uint64_t{1} << 53) - 1;

// The seed of a draw for which none is given: the county code followed by the year, read as a
// number (county 630121, 2026: 6301212026). So the same county and year draw the same sample
// from the same registry unless a seed is given, and anyone can repeat a draw from its county
// and year alone.
uint64_t DefaultSampleSeed(const std::string& county, int year);

// How a household of the frame is put in its stratum, as of `today` (China's date of the draw):
//   1. it has a monitoring episode open on `today` (identified by then, not eliminated by then):
//      the episode's object type (unstable_lifted, marginal, sudden_hardship);
//   2. else illness (R01): a counted member (shares_household) whose health is serious illness
//      (患大病, registry code `serious`; chronic illness is too common to single a household
//      out), or a recent sign of R01;
//   3. else disaster (R04): a recent sign of R04;
//   4. else other.
// A recent sign of a risk is a department warning of the household naming it raised (China's
// date of raised_at) within the 365 days up to `today`, or an episode of the household naming it
// eliminated within those days (a household helped out of that risk this year).
inline constexpr int kRecentSignDays = 365;

struct DrawRequest {
  std::string county;  // 6 digits
  int year = 0;        // the assessment year; 0: the current year (China's date)
  std::optional<uint64_t> seed;  // none: DefaultSampleSeed(county, year)
  analytics::SampleParameters parameters;  // villages, households, stratum weights (seed unused)
  bool redraw = false;  // replace the county's latest draw of the year, keeping it
};

// One household of a sample as shown.
struct SampleUnitItem {
  analytics::SampleUnit unit;
  std::string village_name;
  std::string head_name;       // "" when the household has left the registry
  std::string head_id_number;  // the head's, as the principal may see it; "" likewise
  std::optional<analytics::SampleResult> result;  // none until a visit is recorded
};

// A village of the sample: its code, πᵥ and the households drawn in it.
struct SampleVillageItem {
  std::string village_code;
  std::string village_name;
  double probability = 1;
  int64_t households = 0;
};

// A sample with everything its page shows.
struct SampleFile {
  analytics::SampleDraw draw;
  std::string county_name;
  analytics::SampleParameters parameters;  // as drawn (seed included)
  // Per stratum (kAllStrata order): nₕ the units, Nₕ = nₕ·πᵥ/πᵢ of any of them (rounded).
  std::array<analytics::StratumAllocation, analytics::kStratumCount> strata{};
  // The villages with a household drawn, by code (a village of stage 1 may have none:
  // draw.villages counts those too).
  std::vector<SampleVillageItem> villages;
  std::vector<SampleUnitItem> units;        // by village code, household ID
  analytics::SampleEstimates estimates;     // over the results recorded so far
};

// sample.draw on `request.county`: draws its sample from the registry as it is now (the
// workspace's snapshot: every household of the county; strata as above) and stores it as the
// latest draw of the county and year. kInvalidArgument for a county that is not 6 digits, a year
// outside 2000 to the current year, a seed above kMaxSampleSeed, and as DrawCountySample says
// (villages or households below 1, a weight outside 1..1000); kNotFound for a county the region
// table does not know; kFailedPrecondition when the county has no household in the registry;
// kAlreadyExists when the county has a sample for the year (redraw to replace it); as the store
// says otherwise (a closed draw is not redrawn). Audited "sample.draw" with the county.
Result<SampleFile> DrawSample(Workspace& ws, const access::Principal& principal,
                              const DrawRequest& request);

// sample.draw on `county`: the frame a draw of the county would sample now (every household of
// the county in the workspace's snapshot, in its stratum as above), for a caller that compares
// seeds before drawing (the demo's staging). Errors as DrawSample's for the county; audited
// "sample.frame" with the county (the frame names households).
Result<std::vector<analytics::FrameHousehold>> SampleFrame(Workspace& ws,
                                                           const access::Principal& principal,
                                                           const std::string& county);

// assessment.read on the draw's county: the draw with its units, results and estimates.
// kNotFound for an unknown id. Audited "sample.read" with the county.
Result<SampleFile> GetSample(Workspace& ws, const access::Principal& principal, int64_t draw_id);

// assessment.read on `region` (2, 4 or 6 digits; "" = the scope): the draws of its counties for
// `year` (0 = any), every draw or only the latest of each county and year, by id; not audited
// (no household is named).
struct SampleListItem {
  analytics::SampleDraw draw;
  std::string county_name;
};
Result<std::vector<SampleListItem>> ListSamples(Workspace& ws, const access::Principal& principal,
                                                const std::string& region, int year,
                                                bool latest_only);

// assessment.read on `county`: the latest draw of the county for `year` (0 = the current year),
// as GetSample. kNotFound, saying what to do, when it has none. Audited "sample.read".
Result<SampleFile> LatestSample(Workspace& ws, const access::Principal& principal,
                                const std::string& county, int year);

// sample.record on the draw's county: records (or replaces) the visit result of one of its
// households (the answers, visited_on, visitor, note); draw_id and household_id are the
// arguments', recorded_by and recorded_at the principal and ws.Now(). kInvalidArgument for a
// visit in the future (after China's today) or before the draw was made, or without a visitor;
// kNotFound for an unknown draw or a household it did not draw; kFailedPrecondition when the
// draw is closed or was replaced by a redraw. Audited "sample.record" with the household.
// Returns the unit with its result as shown.
Result<SampleUnitItem> RecordSampleResult(Workspace& ws, const access::Principal& principal,
                                          int64_t draw_id, const std::string& household_id,
                                          analytics::SampleResult result);

// sample.draw on the draw's county: closes it; its results are final from now. kNotFound for an
// unknown id; kFailedPrecondition when closed already. Audited "sample.close" with the county.
Result<SampleFile> CloseSample(Workspace& ws, const access::Principal& principal,
                               int64_t draw_id);

// The estimates of the latest draws of the counties of `province` (2 digits) for the years
// from `from_year` to `to_year`, by year and county, over the results recorded so far (open or
// closed); counties without a draw are absent. For the scorecards (service/assessment.h); no
// authorization. Errors: the store's, and kDataLoss when stored results do not estimate.
Result<std::map<int, std::map<std::string, analytics::SampleEstimates>>> SampleEstimatesOf(
    store::Database& db, const std::string& province, int from_year, int to_year);

// {id, county, county_name, year, seed, parameters {villages, households, stratum_weights
// {unstable_lifted: 3, ...}}, drawn_by, drawn_at, frame_households, villages, households,
// latest, closed, closed_by, closed_at, recorded, strata [{stratum, frame, sampled}],
// sampled_villages [{village_code, village_name, probability, households}], units
// [{household_id, village_code, village_name, head_name, head_id_number, stratum,
// village_probability, probability, weight, result: null | {meets_criteria, included,
// comparison_passed, satisfied (each true, false or null), visited_on, visitor, note,
// recorded_by, recorded_at}}], estimates {omission, wrong_inclusion, approval: null |
// {estimate, lower, upper, households, villages, method}}}. JSON text.
std::string SampleFileJson(const SampleFile& file);
// One unit as in SampleFileJson's units. JSON text.
std::string SampleUnitJson(const SampleUnitItem& item);
// {items: [{id, county, county_name, year, seed, drawn_by, drawn_at, frame_households,
// villages, households, latest, closed, closed_by, closed_at, recorded}]}. JSON text.
std::string SampleListJson(const std::vector<SampleListItem>& items);

// The sample as a workbook: sheet 样本 (a row per household: village, household, head, the ID
// number as shown, stratum, probabilities, weight and the visit's answers), sheet 估计 (the
// three rates with their intervals, n, villages and method, and the draw's seed and parameters).
// Errors as ingest::WriteXlsx's.
Result<std::string> SampleXlsx(const SampleFile& file);

}  // namespace xianjie::service

#endif  // XIANJIE_SERVICE_SAMPLE_H_
