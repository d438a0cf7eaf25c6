// The verification sample through the service (sample.h): the frame of a county from the
// workspace's snapshot with each household's stratum, the draw stored, a draw read back with its
// households and estimates, visit results recorded, draws closed, and the estimates the
// scorecards read. The JSON and the workbook are in sample_json.cc.
#include "service/sample.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "access/authorize.h"
#include "base/id_number.h"
#include "cases/case.h"
#include "registry/codes.h"
#include "service/common.h"

namespace xianjie::service {
namespace {

using access::Operation;
using analytics::SampleDraw;
using analytics::SampleParameters;
using analytics::SampleResult;
using analytics::SampleUnit;
using analytics::Stratum;

CivilDate Today(const Workspace& ws) { return cases::ChinaDateOf(ws.Now()); }

bool HasRisk(std::string_view joined, std::string_view risk) {
  size_t start = 0;
  while (start <= joined.size()) {
    const size_t end = std::min(joined.find(';', start), joined.size());
    if (joined.substr(start, end - start) == risk) return true;
    start = end + 1;
  }
  return false;
}

// What the frame needs to know of a household besides the snapshot: its open episode's type and
// its recent signs of R01 and R04 (sample.h).
struct Signs {
  std::string open_type;
  bool illness = false;
  bool disaster = false;
};

Result<std::map<std::string, Signs>> SignsOf(store::Database& db, CivilDate today) {
  const CivilDate since = CivilDate::FromDays(today.ToDays() - kRecentSignDays);
  std::map<std::string, Signs> signs;
  XJ_ASSIGN_OR_RETURN(std::vector<cases::Episode> episodes, db.ListEpisodes("", false));
  for (const cases::Episode& e : episodes) {
    if (e.identified_on > today) continue;
    Signs& s = signs[e.household_id];
    if (!e.eliminated_on || *e.eliminated_on > today) {
      s.open_type = e.type;
    } else if (*e.eliminated_on >= since) {
      s.illness = s.illness || HasRisk(e.risks, "R01");
      s.disaster = s.disaster || HasRisk(e.risks, "R04");
    }
  }
  XJ_ASSIGN_OR_RETURN(std::vector<exchange::DeptWarning> warnings, db.Warnings(0));
  for (const exchange::DeptWarning& w : warnings) {
    if (w.household_id.empty()) continue;
    const CivilDate raised = cases::ChinaDateOf(w.raised_at);
    if (raised < since || raised > today) continue;
    Signs& s = signs[w.household_id];
    for (const std::string& risk : w.risks) {
      s.illness = s.illness || risk == "R01";
      s.disaster = s.disaster || risk == "R04";
    }
  }
  return signs;
}

bool SeriouslyIll(const registry::Snapshot& snapshot, uint32_t h) {
  for (uint32_t m = snapshot.member_begin()[h]; m < snapshot.member_begin()[h + 1]; ++m) {
    if (snapshot.member_shares_household()[m] != 0 &&
        snapshot.member_health()[m] == static_cast<uint8_t>(registry::Health::kSerious)) {
      return true;
    }
  }
  return false;
}

// The county's households in the snapshot, each in its stratum.
Result<std::vector<analytics::FrameHousehold>> FrameOf(store::Database& db,
                                                       const registry::Snapshot& snapshot,
                                                       uint32_t county, CivilDate today) {
  XJ_ASSIGN_OR_RETURN(const auto signs, SignsOf(db, today));
  std::vector<analytics::FrameHousehold> frame;
  for (uint32_t h = 0; h < snapshot.households(); ++h) {
    if (snapshot.county_code()[h] != county) continue;
    analytics::FrameHousehold f;
    f.household_id = std::string(snapshot.household_id(h));
    f.village_code = std::to_string(snapshot.village_code()[h]);
    const auto it = signs.find(f.household_id);
    const Signs none;
    const Signs& s = it == signs.end() ? none : it->second;
    const std::optional<Stratum> type = analytics::ParseStratum(s.open_type);
    if (!s.open_type.empty() && type && *type != Stratum::kIllness &&
        *type != Stratum::kDisaster && *type != Stratum::kOther) {
      f.stratum = *type;
    } else if (s.illness || SeriouslyIll(snapshot, h)) {
      f.stratum = Stratum::kIllness;
    } else if (s.disaster) {
      f.stratum = Stratum::kDisaster;
    } else {
      f.stratum = Stratum::kOther;
    }
    frame.push_back(std::move(f));
  }
  return frame;
}

std::string ParametersJson(const SampleParameters& p) {
  nlohmann::ordered_json weights = nlohmann::ordered_json::object();
  for (size_t i = 0; i < analytics::kStratumCount; ++i) {
    weights[std::string(analytics::StratumCode(analytics::kAllStrata[i]))] = p.stratum_weights[i];
  }
  nlohmann::ordered_json j;
  j["villages"] = p.villages;
  j["households"] = p.households;
  j["stratum_weights"] = weights;
  return j.dump();
}

// The parameters stored with a draw, read back (the seed is the draw's).
Result<SampleParameters> ParametersOf(const SampleDraw& d) {
  SampleParameters p;
  p.seed = d.seed;
  const nlohmann::json j = nlohmann::json::parse(d.parameters_json, nullptr, false);
  const auto damaged = [&] {
    return DataLoss("sample draw " + std::to_string(d.id) + " has parameters this xianjie "
                    "cannot read (" + d.parameters_json.substr(0, 80) + ")");
  };
  if (!j.is_object() || !j.contains("villages") || !j["villages"].is_number_integer() ||
      !j.contains("households") || !j["households"].is_number_integer() ||
      !j.contains("stratum_weights") || !j["stratum_weights"].is_object()) {
    return damaged();
  }
  p.villages = j["villages"].get<int>();
  p.households = j["households"].get<int>();
  for (size_t i = 0; i < analytics::kStratumCount; ++i) {
    const std::string code(analytics::StratumCode(analytics::kAllStrata[i]));
    const auto& w = j["stratum_weights"];
    if (!w.contains(code) || !w[code].is_number_integer()) return damaged();
    p.stratum_weights[i] = w[code].get<int>();
  }
  return p;
}

// The draw of `id`, authorized for `op` on its county; kNotFound for an unknown id.
Result<SampleDraw> DrawInScope(store::Database& db, const access::Principal& principal,
                               Operation op, int64_t id) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, op, ""));
  XJ_ASSIGN_OR_RETURN(std::optional<SampleDraw> draw, db.GetDraw(id));
  if (!draw) {
    return NotFound("there is no sample draw " + std::to_string(id) +
                    "; list the samples with GET /api/v1/samples?county=");
  }
  XJ_RETURN_IF_ERROR(access::Authorize(principal, op, draw->county_code));
  return std::move(*draw);
}

// The estimates over a draw's recorded results.
Result<analytics::SampleEstimates> EstimatesOf(const std::vector<SampleUnit>& units,
                                               const std::vector<SampleResult>& results) {
  std::map<std::string_view, const SampleUnit*> unit_of;
  for (const SampleUnit& u : units) unit_of[u.household_id] = &u;
  std::vector<analytics::VisitResult> visits;
  for (const SampleResult& r : results) {
    const auto it = unit_of.find(r.household_id);
    if (it == unit_of.end()) {
      return DataLoss("sample draw " + std::to_string(r.draw_id) + " has a result of household " +
                      r.household_id + ", which it did not draw");
    }
    analytics::VisitResult v;
    v.household_id = r.household_id;
    v.village_code = it->second->village_code;
    v.stratum = it->second->stratum;
    v.weight = it->second->weight;
    v.meets_criteria = r.meets_criteria;
    v.included = r.included;
    v.comparison_passed = r.comparison_passed;
    v.satisfied = r.satisfied;
    visits.push_back(std::move(v));
  }
  return analytics::EstimateRates(visits);
}

SampleUnitItem ItemOf(const WorkspaceView& view, const access::Principal& principal,
                      SampleUnit unit, std::optional<SampleResult> result) {
  SampleUnitItem item;
  item.village_name = view.RegionName(unit.village_code);
  item.head_name = view.HeadName(unit.household_id);
  const registry::Snapshot& snapshot = view.snapshot();
  const int64_t h = snapshot.Find(unit.household_id);
  if (h >= 0) {
    const uint32_t row = static_cast<uint32_t>(h);
    if (snapshot.member_begin()[row] < snapshot.member_begin()[row + 1]) {
      item.head_id_number = ShownIdNumber(
          principal, UnpackIdNumber(snapshot.member_id_number()[snapshot.member_begin()[row]]));
    }
  }
  item.unit = std::move(unit);
  item.result = std::move(result);
  return item;
}

// The draw with everything its page shows, as the principal may see it.
Result<SampleFile> FileOf(Workspace& ws, const access::Principal& principal, SampleDraw draw) {
  store::Database& db = ws.database();
  SampleFile file;
  XJ_ASSIGN_OR_RETURN(file.parameters, ParametersOf(draw));
  XJ_ASSIGN_OR_RETURN(std::vector<SampleUnit> units, db.DrawUnits(draw.id));
  XJ_ASSIGN_OR_RETURN(std::vector<SampleResult> results, db.DrawResults(draw.id));
  XJ_ASSIGN_OR_RETURN(file.estimates, EstimatesOf(units, results));
  const std::shared_ptr<const WorkspaceView> view = ws.view();
  file.county_name = view->RegionName(draw.county_code);
  for (size_t i = 0; i < analytics::kStratumCount; ++i) {
    file.strata[i].stratum = analytics::kAllStrata[i];
  }
  std::map<std::string, SampleResult> result_of;
  for (SampleResult& r : results) result_of[r.household_id] = std::move(r);
  for (SampleUnit& u : units) {
    analytics::StratumAllocation& a = file.strata[static_cast<size_t>(u.stratum)];
    ++a.sampled;
    a.frame = std::llround(static_cast<double>(a.sampled) * u.village_probability / u.probability);
    if (file.villages.empty() || file.villages.back().village_code != u.village_code) {
      file.villages.push_back({u.village_code, view->RegionName(u.village_code),
                               u.village_probability, 0});
    }
    ++file.villages.back().households;
    auto r = result_of.find(u.household_id);
    std::optional<SampleResult> result;
    if (r != result_of.end()) result = std::move(r->second);
    file.units.push_back(ItemOf(*view, principal, std::move(u), std::move(result)));
  }
  file.draw = std::move(draw);
  return file;
}

Status CheckYear(int year, int current) {
  if (year < 2000 || year > current) {
    return InvalidArgument("year must be from 2000 to " + std::to_string(current) +
                           " (a sample checks a year's work, drawn from the registry as it is "
                           "now); got " + std::to_string(year));
  }
  return Status::Ok();
}

std::string DrawDetail(const SampleDraw& d) {
  return "{\"draw\":" + std::to_string(d.id) + ",\"year\":" + std::to_string(d.year) + "}";
}

// sample.draw on `county`, a county code of 6 digits.
Status CheckDrawer(const access::Principal& principal, const std::string& county) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kSampleDraw, ""));
  if (county.size() != 6 || county.find_first_not_of("0123456789") != std::string::npos) {
    return InvalidArgument("county must be a county code of 6 digits, e.g. 630121; got '" +
                           county + "'");
  }
  return access::Authorize(principal, Operation::kSampleDraw, county);
}

// The frame of a county the region table knows and the registry has households of.
Result<std::vector<analytics::FrameHousehold>> CountyFrame(Workspace& ws,
                                                           const std::string& county) {
  const std::shared_ptr<const WorkspaceView> view = ws.view();
  const registry::Region* known = view->regions->Find(county);
  if (known == nullptr || known->level() != RegionLevel::kCounty) {
    return NotFound("county " + county +
                    " is not in the region table; list the counties with GET /api/v1/regions");
  }
  uint32_t county_number = 0;
  std::from_chars(county.data(), county.data() + county.size(), county_number);
  XJ_ASSIGN_OR_RETURN(std::vector<analytics::FrameHousehold> frame,
                      FrameOf(ws.database(), view->snapshot(), county_number, Today(ws)));
  if (frame.empty()) {
    return FailedPrecondition("county " + county + " (" + known->name +
                              ") has no household in the registry to sample; import its "
                              "households first");
  }
  return frame;
}

}  // namespace

uint64_t DefaultSampleSeed(const std::string& county, int year) {
  uint64_t seed = 0;
  for (char c : county) {
    if (c >= '0' && c <= '9') seed = seed * 10 + static_cast<uint64_t>(c - '0');
  }
  return seed * 10000 + static_cast<uint64_t>(year);
}

Result<std::vector<analytics::FrameHousehold>> SampleFrame(Workspace& ws,
                                                           const access::Principal& principal,
                                                           const std::string& county) {
  XJ_RETURN_IF_ERROR(CheckDrawer(principal, county));
  XJ_ASSIGN_OR_RETURN(std::vector<analytics::FrameHousehold> frame, CountyFrame(ws, county));
  XJ_RETURN_IF_ERROR(RecordRead(ws.database(), principal, "sample.frame", county,
                                std::to_string(frame.size()) + " households"));
  return frame;
}

Result<SampleFile> DrawSample(Workspace& ws, const access::Principal& principal,
                              const DrawRequest& request) {
  const std::string& county = request.county;
  XJ_RETURN_IF_ERROR(CheckDrawer(principal, county));
  const CivilDate today = Today(ws);
  const int year = request.year == 0 ? today.year() : request.year;
  XJ_RETURN_IF_ERROR(CheckYear(year, today.year()));
  if (request.seed && *request.seed > kMaxSampleSeed) {
    return InvalidArgument("seed must be a whole number from 0 to " +
                           std::to_string(kMaxSampleSeed) + "; got " +
                           std::to_string(*request.seed));
  }
  SampleParameters parameters = request.parameters;
  parameters.seed = request.seed ? *request.seed : DefaultSampleSeed(county, year);
  XJ_ASSIGN_OR_RETURN(std::vector<analytics::FrameHousehold> frame, CountyFrame(ws, county));
  store::Database& db = ws.database();
  XJ_ASSIGN_OR_RETURN(analytics::CountySample sample,
                      analytics::DrawCountySample(county, frame, parameters));
  SampleDraw draw;
  draw.county_code = county;
  draw.year = year;
  draw.seed = parameters.seed;
  draw.parameters_json = ParametersJson(parameters);
  draw.drawn_by = principal.username;
  draw.drawn_at = ws.Now();
  draw.frame_households = sample.frame_households;
  draw.villages = static_cast<int64_t>(sample.villages.size());
  draw.households = static_cast<int64_t>(sample.households.size());
  std::vector<SampleUnit> units;
  units.reserve(sample.households.size());
  for (const analytics::SampledHousehold& h : sample.households) {
    units.push_back({0, h.household_id, h.village_code, h.stratum, h.village_probability,
                     h.probability, h.weight});
  }
  XJ_ASSIGN_OR_RETURN(draw.id, db.PutDraw(draw, units, request.redraw));
  XJ_RETURN_IF_ERROR(RecordRead(db, principal, "sample.draw", county, DrawDetail(draw)));
  XJ_ASSIGN_OR_RETURN(std::optional<SampleDraw> stored, db.GetDraw(draw.id));
  if (!stored) return Internal("sample draw " + std::to_string(draw.id) + " vanished");
  return FileOf(ws, principal, std::move(*stored));
}

Result<SampleFile> GetSample(Workspace& ws, const access::Principal& principal, int64_t draw_id) {
  store::Database& db = ws.database();
  XJ_ASSIGN_OR_RETURN(SampleDraw draw,
                      DrawInScope(db, principal, Operation::kAssessmentRead, draw_id));
  XJ_RETURN_IF_ERROR(RecordRead(db, principal, "sample.read", draw.county_code, DrawDetail(draw)));
  return FileOf(ws, principal, std::move(draw));
}

Result<std::vector<SampleListItem>> ListSamples(Workspace& ws, const access::Principal& principal,
                                                const std::string& region, int year,
                                                bool latest_only) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kAssessmentRead, ""));
  const std::string code = region.empty() ? principal.scope : region;
  XJ_RETURN_IF_ERROR(CheckRegionCode("region", code));
  if (code.size() > 6) {
    return InvalidArgument("region must be a province, prefecture or county (2, 4 or 6 digits): "
                           "samples are drawn per county; got '" + code + "'");
  }
  if (year != 0) XJ_RETURN_IF_ERROR(CheckYear(year, Today(ws).year()));
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kAssessmentRead, code));
  analytics::SampleDrawFilter filter;
  filter.region_prefix = code;
  filter.year = year;
  filter.latest_only = latest_only;
  XJ_ASSIGN_OR_RETURN(std::vector<SampleDraw> draws, ws.database().ListDraws(filter));
  const std::shared_ptr<const WorkspaceView> view = ws.view();
  std::vector<SampleListItem> items;
  for (SampleDraw& d : draws) {
    std::string name = view->RegionName(d.county_code);
    items.push_back({std::move(d), std::move(name)});
  }
  return items;
}

Result<SampleFile> LatestSample(Workspace& ws, const access::Principal& principal,
                                const std::string& county, int year) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kAssessmentRead, ""));
  if (county.size() != 6 || county.find_first_not_of("0123456789") != std::string::npos) {
    return InvalidArgument("county must be a county code of 6 digits, e.g. 630121; got '" +
                           county + "'");
  }
  const int y = year == 0 ? Today(ws).year() : year;
  XJ_ASSIGN_OR_RETURN(std::vector<SampleListItem> latest,
                      ListSamples(ws, principal, county, y, /*latest_only=*/true));
  if (latest.empty()) {
    return NotFound("county " + county + " has no sample for " + std::to_string(y) +
                    "; a province or prefecture officer draws one (xianjie sample draw, or POST "
                    "/api/v1/samples)");
  }
  store::Database& db = ws.database();
  SampleDraw draw = std::move(latest.front().draw);
  XJ_RETURN_IF_ERROR(RecordRead(db, principal, "sample.read", draw.county_code, DrawDetail(draw)));
  return FileOf(ws, principal, std::move(draw));
}

Result<SampleUnitItem> RecordSampleResult(Workspace& ws, const access::Principal& principal,
                                          int64_t draw_id, const std::string& household_id,
                                          SampleResult result) {
  store::Database& db = ws.database();
  XJ_ASSIGN_OR_RETURN(SampleDraw draw,
                      DrawInScope(db, principal, Operation::kSampleRecord, draw_id));
  const CivilDate today = Today(ws);
  if (result.visited_on > today) {
    return InvalidArgument("visited_on " + result.visited_on.ToString() +
                           " is in the future (today is " + today.ToString() +
                           "); record a visit once it has taken place");
  }
  const CivilDate drawn = cases::ChinaDateOf(draw.drawn_at);
  if (result.visited_on < drawn) {
    return InvalidArgument("visited_on " + result.visited_on.ToString() +
                           " is before the sample was drawn (" + drawn.ToString() +
                           "); give the day of the visit");
  }
  result.draw_id = draw.id;
  result.household_id = household_id;
  result.recorded_by = principal.username;
  result.recorded_at = ws.Now();
  XJ_RETURN_IF_ERROR(db.PutResult(result));
  XJ_RETURN_IF_ERROR(RecordRead(db, principal, "sample.record", household_id, DrawDetail(draw)));
  XJ_ASSIGN_OR_RETURN(std::vector<SampleUnit> units, db.DrawUnits(draw.id));
  for (SampleUnit& u : units) {
    if (u.household_id == household_id) {
      return ItemOf(*ws.view(), principal, std::move(u), std::move(result));
    }
  }
  return Internal("household " + household_id + " left sample draw " + std::to_string(draw.id));
}

Result<SampleFile> CloseSample(Workspace& ws, const access::Principal& principal,
                               int64_t draw_id) {
  store::Database& db = ws.database();
  XJ_ASSIGN_OR_RETURN(SampleDraw draw, DrawInScope(db, principal, Operation::kSampleDraw, draw_id));
  XJ_RETURN_IF_ERROR(db.CloseDraw(draw.id, principal.username, ws.Now()));
  XJ_RETURN_IF_ERROR(RecordRead(db, principal, "sample.close", draw.county_code, DrawDetail(draw)));
  XJ_ASSIGN_OR_RETURN(std::optional<SampleDraw> stored, db.GetDraw(draw.id));
  if (!stored) return Internal("sample draw " + std::to_string(draw.id) + " vanished");
  return FileOf(ws, principal, std::move(*stored));
}

Result<std::map<int, std::map<std::string, analytics::SampleEstimates>>> SampleEstimatesOf(
    store::Database& db, const std::string& province, int from_year, int to_year) {
  std::map<int, std::map<std::string, analytics::SampleEstimates>> out;
  analytics::SampleDrawFilter filter;
  filter.region_prefix = province;
  filter.latest_only = true;
  XJ_ASSIGN_OR_RETURN(std::vector<SampleDraw> draws, db.ListDraws(filter));
  for (const SampleDraw& d : draws) {
    if (d.year < from_year || d.year > to_year) continue;
    XJ_ASSIGN_OR_RETURN(std::vector<SampleResult> results, db.DrawResults(d.id));
    if (results.empty()) continue;  // nothing to estimate from: as without a sample
    XJ_ASSIGN_OR_RETURN(std::vector<SampleUnit> units, db.DrawUnits(d.id));
    XJ_ASSIGN_OR_RETURN(out[d.year][d.county_code], EstimatesOf(units, results));
  }
  return out;
}

}  // namespace xianjie::service
