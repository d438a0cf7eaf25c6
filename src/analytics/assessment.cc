// The assessment file's strict TOML parser, the KPIs of a unit from its figures, the scores, the
// ranks and the trend (assessment.h).
#include "analytics/assessment.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <utility>

#include "strict_toml/document.h"
#include "strict_toml/path_reader.h"

namespace xianjie::embedded {
std::string_view assessment_toml();
}  // namespace xianjie::embedded

namespace xianjie::analytics {
namespace {

using strict_toml::DidYouMean;
using strict_toml::JoinedNames;
using strict_toml::PathReader;
using strict_toml::Pos;
using strict_toml::PosOf;
using strict_toml::TypeName;

constexpr std::array<std::string_view, kKpiCount> kKpiCodes = {
    "timeliness",       "warning_handling", "omission",        "wrong_inclusion",
    "coverage",         "development_coverage", "elimination_rate", "elimination_quality",
    "relapse",          "lifted_identified", "dropouts",        "uninsured",
    "unsafe_houses",    "unsafe_water",     "approval"};
constexpr std::string_view kTopKeys[] = {"kpi"};
constexpr std::string_view kKpiKeys[] = {"id", "weight", "direction", "target", "zero_at"};
constexpr std::string_view kDirections[] = {"higher", "lower"};
constexpr int kTotalWeight = 100;
// Totals closer than this are equal for ranking (they are sums of a few doubles).
constexpr double kTotalTolerance = 1e-9;

// A number as people write it: 0.05, 1, 95.
std::string Num(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

// A number (integer or floating point) of `key`, or nullopt when absent.
Result<std::optional<double>> Number(const PathReader& r, const toml::table& t,
                                     const std::string& path, std::string_view key,
                                     std::string_view example) {
  const toml::node* node = t.get(key);
  if (node == nullptr) return std::optional<double>();
  if (node->is_integer()) return std::optional<double>(static_cast<double>(node->as_integer()->get()));
  if (node->is_floating_point()) return std::optional<double>(node->as_floating_point()->get());
  return r.Error(PosOf(*node), PathReader::Path(path, key),
                 "must be a number, not " + std::string(TypeName(*node)),
                 "write " + std::string(example));
}

Result<KpiSetting> ParseKpiTable(const PathReader& r, const toml::table& t,
                                 const std::string& path) {
  XJ_RETURN_IF_ERROR(r.CheckKeys(t, path, kKpiKeys));
  const Pos pos = PosOf(t);
  KpiSetting s;
  XJ_ASSIGN_OR_RETURN(std::string id, r.String(t, pos, path, "id", true, "id = \"timeliness\""));
  const Pos id_pos = PosOf(*t.get("id"));
  s.line = id_pos.line;
  const std::optional<Kpi> kpi = ParseKpi(id);
  if (!kpi) {
    return r.Error(id_pos, PathReader::Path(path, "id"), "'" + id + "' is not a KPI",
                   DidYouMean(id, kKpiCodes) + "the KPIs are " + JoinedNames(kKpiCodes));
  }
  s.kpi = *kpi;

  const std::string weight_path = PathReader::Path(path, "weight");
  const toml::node* weight = t.get("weight");
  if (weight == nullptr) return r.Error(pos, weight_path, "missing", "add weight = 10");
  if (!weight->is_integer()) {
    return r.Error(PosOf(*weight), weight_path,
                   "must be a whole number, not " + std::string(TypeName(*weight)),
                   "write weight = 10 (the weights of all KPIs add up to 100)");
  }
  const int64_t w = weight->as_integer()->get();
  if (w < 0 || w > kTotalWeight) {
    return r.Error(PosOf(*weight), weight_path, std::to_string(w) + " is not a weight",
                   "give a whole number from 0 to 100");
  }
  s.weight = static_cast<int>(w);

  XJ_ASSIGN_OR_RETURN(std::string direction,
                      r.String(t, pos, path, "direction", true, "direction = \"higher\""));
  if (direction == "higher") {
    s.direction = Direction::kHigher;
  } else if (direction == "lower") {
    s.direction = Direction::kLower;
  } else {
    return r.Error(PosOf(*t.get("direction")), PathReader::Path(path, "direction"),
                   "'" + direction + "' is not a direction",
                   DidYouMean(direction, kDirections) +
                       "write \"higher\" (a larger value is better) or \"lower\"");
  }

  const std::string target_path = PathReader::Path(path, "target");
  XJ_ASSIGN_OR_RETURN(std::optional<double> target,
                      Number(r, t, path, "target", "target = 0.95"));
  if (!target) return r.Error(pos, target_path, "missing", "add target = 0.95 (a share 0..1)");
  const Pos target_pos = PosOf(*t.get("target"));
  if (!(*target >= 0 && *target <= 1)) {
    return r.Error(target_pos, target_path, Num(*target) + " is not a share",
                   "give a number from 0 to 1 (0.95 for 95%)");
  }
  if (s.direction == Direction::kHigher && *target == 0) {
    return r.Error(target_pos, target_path, "0 is not a target for a higher-is-better KPI",
                   "give a number above 0 and at most 1 (every value would score full marks)");
  }
  s.target = *target;

  const std::string zero_path = PathReader::Path(path, "zero_at");
  XJ_ASSIGN_OR_RETURN(std::optional<double> zero_at,
                      Number(r, t, path, "zero_at", "zero_at = 0.05"));
  if (zero_at) {
    const Pos zero_pos = PosOf(*t.get("zero_at"));
    if (s.direction == Direction::kHigher) {
      return r.Error(zero_pos, zero_path, "applies only to direction = \"lower\"",
                     "remove it (a higher-is-better KPI scores achieved / target)");
    }
    if (!(*zero_at > s.target && *zero_at <= 1)) {
      return r.Error(zero_pos, zero_path,
                     Num(*zero_at) + " is not above the target " + Num(s.target) +
                         " and at most 1",
                     "give the value that scores 0, between the target and 1");
    }
    s.zero_at = *zero_at;
  } else if (s.direction == Direction::kLower && s.target >= 1) {
    return r.Error(target_pos, target_path,
                   "1 leaves no room below zero_at (1 when not given) for a lower-is-better KPI",
                   "give a target below 1");
  }
  return s;
}

double Share(int64_t numerator, int64_t denominator) {
  return static_cast<double>(numerator) / static_cast<double>(denominator);
}

// The figures of a KPI that the village table gives: numerator, denominator.
std::pair<int64_t, int64_t> FiguresOf(Kpi kpi, const VillageFigures& f) {
  int64_t eliminations = 0;
  for (int64_t n : f.eliminated_by_month) eliminations += n;
  switch (kpi) {
    case Kpi::kTimeliness: return {f.approved_within_limit, f.approved};
    case Kpi::kWarningHandling: return {f.warnings_answered, f.warnings};
    case Kpi::kCoverage: return {f.objects_with_measure, f.objects};
    case Kpi::kDevelopmentCoverage:
      return {f.labour_capable_with_development, f.labour_capable_objects};
    case Kpi::kEliminationRate: return {f.eliminated_objects, f.cumulative_objects};
    case Kpi::kEliminationQuality: return {f.eliminations_with_problems, eliminations};
    case Kpi::kRelapse: return {f.relapses, f.ever_eliminated};
    case Kpi::kLiftedIdentified: return {f.lifted_identified, f.lifted_households};
    case Kpi::kDropouts: return {f.dropouts, f.school_age_members};
    case Kpi::kUninsured: return {f.uninsured, f.persons};
    case Kpi::kUnsafeHouses: return {f.unsafe_houses, f.screenable_households};
    case Kpi::kUnsafeWater: return {f.unsafe_water, f.screenable_households};
    case Kpi::kOmission:
    case Kpi::kWrongInclusion:
    case Kpi::kApproval: return {0, 0};
  }
  return {0, 0};
}

const std::optional<RatioEstimate>& EstimateOf(Kpi kpi, const SampleEstimates& s) {
  switch (kpi) {
    case Kpi::kOmission: return s.omission;
    case Kpi::kWrongInclusion: return s.wrong_inclusion;
    default: return s.approval;
  }
}

// Competition ranks (1, 2, 2, 4) by total, descending, of the cards at `members`; cards without
// a total are not ranked. Writes into (card.*field).
void RankGroup(std::vector<Scorecard>& cards, const std::vector<size_t>& members,
               Rank Scorecard::*field) {
  std::vector<size_t> ranked;
  for (size_t i : members) {
    if (cards[i].total) ranked.push_back(i);
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [&](size_t a, size_t b) { return *cards[a].total > *cards[b].total; });
  for (size_t k = 0; k < ranked.size(); ++k) {
    Rank& r = cards[ranked[k]].*field;
    r.of = static_cast<int>(ranked.size());
    const bool tie = k > 0 && std::fabs(*cards[ranked[k - 1]].total - *cards[ranked[k]].total) <=
                                  kTotalTolerance;
    r.rank = tie ? (cards[ranked[k - 1]].*field).rank : static_cast<int>(k) + 1;
  }
}

void RankBy(std::vector<Scorecard>& cards, size_t prefix_length, Rank Scorecard::*field) {
  std::map<std::string, std::vector<size_t>> groups;
  for (size_t i = 0; i < cards.size(); ++i) {
    groups[cards[i].region.substr(0, prefix_length)].push_back(i);
  }
  for (const auto& [prefix, members] : groups) RankGroup(cards, members, field);
}

bool OnRecord(const VillageTable& table) {
  const VillageFigures all = table.Sum("");
  return all.cumulative_objects > 0 || all.approved > 0 || all.warnings > 0;
}

}  // namespace

std::string_view KpiCode(Kpi kpi) { return kKpiCodes[static_cast<size_t>(kpi)]; }

std::optional<Kpi> ParseKpi(std::string_view code) {
  for (size_t i = 0; i < kKpiCodes.size(); ++i) {
    if (kKpiCodes[i] == code) return static_cast<Kpi>(i);
  }
  return std::nullopt;
}

bool IsSampleKpi(Kpi kpi) {
  return kpi == Kpi::kOmission || kpi == Kpi::kWrongInclusion || kpi == Kpi::kApproval;
}

bool IsRegistryKpi(Kpi kpi) {
  return kpi == Kpi::kDropouts || kpi == Kpi::kUninsured || kpi == Kpi::kUnsafeHouses ||
         kpi == Kpi::kUnsafeWater;
}

std::string_view DirectionCode(Direction direction) {
  return direction == Direction::kHigher ? "higher" : "lower";
}

std::string_view NotAssessedCode(NotAssessed reason) {
  switch (reason) {
    case NotAssessed::kAssessed: return "";
    case NotAssessed::kNoDenominator: return "no_denominator";
    case NotAssessed::kNoSample: return "no_sample";
    case NotAssessed::kRegistryNow: return "registry_now";
  }
  return "";
}

Result<AssessmentConfig> ParseAssessmentConfig(std::string_view text, std::string origin) {
  strict_toml::Document doc(text, origin);
  XJ_RETURN_IF_ERROR(
      doc.Parse({.what_to_do = "fix the TOML syntax (config/assessment.toml is a complete file)",
                 .what_to_do_for_repeated_key =
                     "write each key once (each KPI in its own [[kpi]] table)"}));
  const PathReader r(doc);
  const toml::table& root = doc.root();
  XJ_RETURN_IF_ERROR(r.CheckKeys(root, "", kTopKeys));
  XJ_ASSIGN_OR_RETURN(std::vector<const toml::table*> tables,
                      r.ArrayOfTables(root, "", "kpi", "head each KPI with [[kpi]] (two brackets)",
                                      "head each KPI with [[kpi]]"));
  std::array<std::optional<KpiSetting>, kKpiCount> found;
  for (size_t i = 0; i < tables.size(); ++i) {
    const std::string path = PathReader::Indexed("kpi", i);
    XJ_ASSIGN_OR_RETURN(KpiSetting s, ParseKpiTable(r, *tables[i], path));
    const auto k = static_cast<size_t>(s.kpi);
    if (found[k]) {
      return r.Error({s.line, 1}, path + ".id",
                     "KPI '" + std::string(KpiCode(s.kpi)) + "' is given twice (first at line " +
                         std::to_string(found[k]->line) + ")",
                     "keep one [[kpi]] for it");
    }
    found[k] = s;
  }
  AssessmentConfig config;
  int sum = 0;
  for (size_t k = 0; k < found.size(); ++k) {
    if (!found[k]) {
      return r.Error({1, 1}, "kpi", "KPI '" + std::string(kKpiCodes[k]) + "' is missing",
                     "add a [[kpi]] with id = \"" + std::string(kKpiCodes[k]) +
                         "\" (weight = 0 to leave it out of the total)");
    }
    sum += found[k]->weight;
    config.kpis.push_back(*found[k]);
  }
  if (sum != kTotalWeight) {
    return r.Error({1, 1}, "kpi", "the weights add up to " + std::to_string(sum) + ", not 100",
                   "change the weights so that they add up to exactly 100");
  }
  config.origin = std::move(origin);
  return config;
}

std::string_view BuiltinAssessmentText() { return embedded::assessment_toml(); }

const AssessmentConfig& BuiltinAssessmentConfig() {
  static const AssessmentConfig* config = [] {
    auto parsed = ParseAssessmentConfig(embedded::assessment_toml(), "config/assessment.toml");
    if (!parsed.ok()) {
      std::fprintf(stderr, "the built-in assessment file is broken: %s\n",
                   parsed.status().ToString().c_str());
      std::abort();
    }
    return new AssessmentConfig(std::move(*parsed));
  }();
  return *config;
}

double KpiScore(const KpiSetting& s, double achieved) {
  if (s.direction == Direction::kHigher) {
    return s.target <= 0 ? 1.0 : std::clamp(achieved / s.target, 0.0, 1.0);
  }
  if (achieved <= s.target) return 1;
  if (achieved >= s.zero_at) return 0;
  return std::clamp(1 - (achieved - s.target) / (s.zero_at - s.target), 0.0, 1.0);
}

Scorecard ScoreUnit(const AssessmentConfig& config, std::string region, int year,
                    const VillageFigures& figures, const SampleEstimates* sample,
                    bool registry_assessed) {
  Scorecard card;
  card.region = std::move(region);
  card.year = year;
  double weighted = 0;
  for (const KpiSetting& s : config.kpis) {
    KpiResult k;
    k.kpi = s.kpi;
    k.weight = s.weight;
    if (IsSampleKpi(s.kpi)) {
      const std::optional<RatioEstimate>* e = sample ? &EstimateOf(s.kpi, *sample) : nullptr;
      if (e == nullptr || !e->has_value()) {
        k.reason = NotAssessed::kNoSample;
      } else {
        k.estimate = **e;
        k.denominator = (*e)->households;
        k.achieved = (*e)->estimate;
      }
    } else {
      std::tie(k.numerator, k.denominator) = FiguresOf(s.kpi, figures);
      if (IsRegistryKpi(s.kpi) && !registry_assessed) {
        k.reason = NotAssessed::kRegistryNow;
      } else if (k.denominator == 0) {
        k.reason = NotAssessed::kNoDenominator;
      } else {
        k.achieved = Share(k.numerator, k.denominator);
      }
    }
    if (k.assessed()) {
      k.score = KpiScore(s, k.achieved);
      card.assessed_weight += s.weight;
      weighted += s.weight * k.score;
    }
    card.kpis.push_back(std::move(k));
  }
  if (card.assessed_weight > 0) {
    card.total = 100 * weighted / card.assessed_weight;
    for (KpiResult& k : card.kpis) {
      if (k.assessed()) k.points = 100 * k.weight * k.score / card.assessed_weight;
    }
  }
  return card;
}

Result<std::vector<Scorecard>> Assess(const AssessmentInput& in) {
  if (in.config == nullptr) return InvalidArgument("the assessment needs its KPI settings");
  auto main = in.tables.find(in.year);
  if (main == in.tables.end() || main->second == nullptr) {
    return InvalidArgument("no village table for " + std::to_string(in.year) +
                           ", the year assessed");
  }
  for (const auto& [year, table] : in.tables) {
    if (table != nullptr && table->year() != year) {
      return InvalidArgument("the village table given for " + std::to_string(year) + " is of " +
                             std::to_string(table->year()));
    }
  }
  if (in.units.empty()) return InvalidArgument("no county or township to assess");
  const size_t length = in.units.front().size();
  std::set<std::string> seen;
  for (const std::string& u : in.units) {
    const bool digits = std::all_of(u.begin(), u.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || (u.size() != 6 && u.size() != 9) || u.size() != length) {
      return InvalidArgument("'" + u + "' is not a " + (length == 9 ? "township" : "county") +
                             " code: assess the counties (6 digits) or the townships (9) of one "
                             "province, not a mix");
    }
    if (u.substr(0, 2) != in.units.front().substr(0, 2)) {
      return InvalidArgument("units of two provinces (" + in.units.front().substr(0, 2) + ", " +
                             u.substr(0, 2) + "): ranks are within one province");
    }
    if (!seen.insert(u).second) return InvalidArgument("unit " + u + " is given twice");
  }

  // The scorecards of each year on record (the assessed year always).
  std::map<int, std::vector<Scorecard>> by_year;
  for (const auto& [year, table] : in.tables) {
    if (table == nullptr || year < in.year - 2 || year > in.year) continue;
    if (year != in.year && !OnRecord(*table)) continue;
    const auto samples = in.samples.find(year);
    std::vector<Scorecard>& cards = by_year[year];
    for (const std::string& u : in.units) {
      const SampleEstimates* sample = nullptr;
      if (samples != in.samples.end() && u.size() == 6) {
        auto s = samples->second.find(u);
        if (s != samples->second.end()) sample = &s->second;
      }
      cards.push_back(ScoreUnit(*in.config, u, year, table->Sum(u), sample,
                                year == in.registry_year));
    }
  }
  std::vector<Scorecard> cards = std::move(by_year[in.year]);
  RankBy(cards, length == 6 ? 4 : 6, &Scorecard::rank_parent);
  RankBy(cards, 2, &Scorecard::rank_province);
  for (size_t i = 0; i < cards.size(); ++i) {
    for (auto& [year, year_cards] : by_year) {
      const std::optional<double> total = year == in.year ? cards[i].total : year_cards[i].total;
      cards[i].trend.push_back({year, total});
    }
  }
  return cards;
}

}  // namespace xianjie::analytics
