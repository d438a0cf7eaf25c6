// Assessment through the service: the province's settings, the units of a region, the village
// tables of three years and analytics::Assess; the JSON and the workbook of a set of scorecards.
#include "service/assessment.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <utility>

#include <nlohmann/json.hpp>

#include "access/authorize.h"
#include "cases/case.h"
#include "ingest/xlsx_writer.h"
#include "service/analytics.h"
#include "service/common.h"
#include "service/sample.h"

namespace xianjie::service {
namespace {

using access::Operation;
using analytics::Kpi;
using nlohmann::ordered_json;

Status CheckProvinceCode(const std::string& province) {
  const bool digits = province.size() == 2 &&
                      std::all_of(province.begin(), province.end(),
                                  [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) {
    return InvalidArgument("'province' must be a province code of 2 digits, such as 63, not '" +
                           province + "'");
  }
  return Status::Ok();
}

ordered_json SettingObject(const analytics::KpiSetting& s) {
  ordered_json j;
  j["kpi"] = analytics::KpiCode(s.kpi);
  j["weight"] = s.weight;
  j["direction"] = analytics::DirectionCode(s.direction);
  j["target"] = s.target;
  if (s.direction == analytics::Direction::kLower) j["zero_at"] = s.zero_at;
  return j;
}

ordered_json OptionalTotal(const std::optional<double>& total) {
  return total ? ordered_json(*total) : ordered_json(nullptr);
}

std::string Fixed(double value, const char* format) {
  char text[32];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

// The Chinese name of a KPI, for the workbook's headers.
std::string KpiName(Kpi kpi) {
  switch (kpi) {
    case Kpi::kTimeliness: return "识别及时率";
    case Kpi::kWarningHandling: return "预警处置率";
    case Kpi::kOmission: return "漏评率";
    case Kpi::kWrongInclusion: return "错评率";
    case Kpi::kCoverage: return "帮扶覆盖率";
    case Kpi::kDevelopmentCoverage: return "产业就业帮扶覆盖率";
    case Kpi::kEliminationRate: return "风险消除率";
    case Kpi::kEliminationQuality: return "消除质量问题率";
    case Kpi::kRelapse: return "返贫率";
    case Kpi::kLiftedIdentified: return "脱贫户新识别率";
    case Kpi::kDropouts: return "失学辍学率";
    case Kpi::kUninsured: return "未参保率";
    case Kpi::kUnsafeHouses: return "住房不安全率";
    case Kpi::kUnsafeWater: return "饮水不安全率";
    case Kpi::kApproval: return "群众认可度";
  }
  return "";
}

std::string RankText(const analytics::Rank& r) {
  return r.rank == 0 ? "" : std::to_string(r.rank) + "/" + std::to_string(r.of);
}

// A scorecard as JSON (ScorecardsJson's card).
ordered_json CardObject(const analytics::AssessmentConfig& config, const analytics::Scorecard& c,
                        const std::string& name) {
  ordered_json card;
  card["region"] = c.region;
  card["name"] = name;
  card["total"] = OptionalTotal(c.total);
  card["assessed_weight"] = c.assessed_weight;
  card["rank_parent"] = {{"rank", c.rank_parent.rank}, {"of", c.rank_parent.of}};
  card["rank_province"] = {{"rank", c.rank_province.rank}, {"of", c.rank_province.of}};
  ordered_json trend = ordered_json::array();
  for (const analytics::TrendPoint& p : c.trend) {
    trend.push_back({{"year", p.year}, {"total", OptionalTotal(p.total)}});
  }
  card["trend"] = trend;
  ordered_json kpis = ordered_json::array();
  for (const analytics::KpiResult& k : c.kpis) {
    ordered_json kpi = SettingObject(config.Of(k.kpi));
    kpi["assessed"] = k.assessed();
    kpi["reason"] = analytics::NotAssessedCode(k.reason);
    kpi["numerator"] = k.numerator;
    kpi["denominator"] = k.denominator;
    kpi["achieved"] = k.assessed() ? ordered_json(k.achieved) : ordered_json(nullptr);
    kpi["score"] = k.assessed() ? ordered_json(k.score) : ordered_json(nullptr);
    kpi["points"] = k.points;
    if (k.estimate) {
      kpi["estimate"] = {{"estimate", k.estimate->estimate},
                         {"lower", k.estimate->lower},
                         {"upper", k.estimate->upper},
                         {"households", k.estimate->households},
                         {"villages", k.estimate->villages},
                         {"method", analytics::IntervalMethodCode(k.estimate->method)}};
    }
    kpis.push_back(kpi);
  }
  card["kpis"] = kpis;
  return card;
}

}  // namespace

Result<AssessmentSettings> AssessmentSettingsOf(Workspace& ws, const std::string& province) {
  XJ_RETURN_IF_ERROR(CheckProvinceCode(province));
  AssessmentSettings out;
  out.province = province;
  XJ_ASSIGN_OR_RETURN(std::optional<analytics::AssessmentConfigVersion> stored,
                      ws.database().LatestAssessmentConfig(province));
  if (!stored) {
    out.text = std::string(analytics::BuiltinAssessmentText());
    out.config = analytics::BuiltinAssessmentConfig();
    return out;
  }
  auto config = analytics::ParseAssessmentConfig(
      stored->text, "assessment settings of province " + province + ", version " +
                        std::to_string(stored->version));
  if (!config.ok()) {
    return DataLoss("the stored assessment settings no longer parse: " +
                    config.status().message());
  }
  out.version = stored->version;
  out.text = stored->text;
  out.created_by = stored->created_by;
  out.created_at = stored->created_at;
  out.config = std::move(*config);
  return out;
}

Result<AssessmentSettings> ReadAssessmentSettings(Workspace& ws,
                                                  const access::Principal& principal,
                                                  const std::string& province) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kAssessmentRead, ""));
  const std::string code = province.empty() ? principal.scope.substr(0, 2) : province;
  XJ_RETURN_IF_ERROR(CheckProvinceCode(code));
  if (!principal.scope.empty() && !principal.scope.starts_with(code)) {
    return PermissionDenied("user '" + principal.username + "' may read the assessment settings "
                            "of their own province only, not of " + code);
  }
  return AssessmentSettingsOf(ws, code);
}

Result<AssessmentSettings> PutAssessmentSettings(Workspace& ws,
                                                 const access::Principal& principal,
                                                 const std::string& province,
                                                 const std::string& toml) {
  XJ_RETURN_IF_ERROR(CheckProvinceCode(province));
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kAssessmentConfig, province));
  XJ_ASSIGN_OR_RETURN(analytics::AssessmentConfig config,
                      analytics::ParseAssessmentConfig(toml, "assessment.toml"));
  analytics::AssessmentConfigVersion v;
  v.province = province;
  v.text = toml;
  v.created_by = principal.username;
  v.created_at = ws.Now();
  XJ_ASSIGN_OR_RETURN(const int64_t version, ws.database().PutAssessmentConfig(v));
  XJ_RETURN_IF_ERROR(RecordRead(ws.database(), principal, "assessment.config", province,
                                "{\"version\":" + std::to_string(version) + "}"));
  AssessmentSettings out;
  out.province = province;
  out.version = version;
  out.text = toml;
  out.created_by = v.created_by;
  out.created_at = v.created_at;
  out.config = std::move(config);
  return out;
}

Result<ScorecardSet> Scorecards(Workspace& ws, const access::Principal& principal,
                                const std::string& region, int year) {
  const std::string code = region.empty() ? principal.scope : region;
  XJ_RETURN_IF_ERROR(CheckRegionCode("region", code));
  XJ_ASSIGN_OR_RETURN(const FigureYear when, FigureYearOf(ws, year));
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kAssessmentRead, code));
  const std::shared_ptr<const WorkspaceView> view = ws.view();
  const registry::Region* known = view->regions->Find(code);
  if (known == nullptr) {
    return NotFound("region " + code +
                    " is not in the region table; list the regions with GET /api/v1/regions");
  }
  const std::string province = code.substr(0, 2);
  XJ_ASSIGN_OR_RETURN(AssessmentSettings settings, AssessmentSettingsOf(ws, province));

  ScorecardSet out;
  out.region = code;
  out.region_name = known->name;
  out.region_level = std::string(RegionLevelName(known->level()));
  out.year = when.year;
  out.as_of = when.as_of;
  out.settings_version = settings.version;
  out.config = settings.config;
  const RegionLevel level = code.size() <= 4 ? RegionLevel::kCounty : RegionLevel::kTownship;
  // The cards kept: those within the region, or a village's township.
  const std::string keep = code.size() > 9 ? code.substr(0, 9) : code;
  out.unit_level = std::string(RegionLevelName(level));

  analytics::AssessmentInput in;
  in.config = &out.config;
  in.year = when.year;
  in.registry_year = cases::ChinaDateOf(ws.Now()).year();
  XJ_ASSIGN_OR_RETURN(RegionCode province_code, RegionCode::Parse(province));
  // Every unit of `unit_level` in the province, with the names of the units.
  std::map<std::string, std::string> names;
  auto units_of = [&](RegionLevel unit_level) -> Result<std::vector<std::string>> {
    std::vector<std::string> units;
    for (const registry::Region& unit : view->regions->Within(province_code, unit_level)) {
      units.push_back(unit.code.Prefix());
      names[unit.code.Prefix()] = unit.name;
    }
    if (units.empty()) {
      return NotFound("the region table has no " + std::string(RegionLevelName(unit_level)) +
                      " in province " + province);
    }
    return units;
  };
  XJ_ASSIGN_OR_RETURN(in.units, units_of(level));
  std::vector<std::shared_ptr<const analytics::VillageTable>> tables;
  for (int y = when.year - 2; y <= when.year; ++y) {
    if (y < 2000) continue;
    XJ_ASSIGN_OR_RETURN(const FigureYear that, FigureYearOf(ws, y));
    XJ_ASSIGN_OR_RETURN(std::shared_ptr<const analytics::VillageTable> table,
                        VillageTableOf(ws, view, that.year, that.as_of));
    in.tables[y] = table.get();
    tables.push_back(std::move(table));
  }
  // The counties' verification samples of the three years (their latest draws' estimates).
  XJ_ASSIGN_OR_RETURN(in.samples,
                      SampleEstimatesOf(ws.database(), province, when.year - 2, when.year));
  XJ_ASSIGN_OR_RETURN(std::vector<analytics::Scorecard> cards, analytics::Assess(in));
  for (analytics::Scorecard& card : cards) {
    if (!card.region.starts_with(keep)) continue;
    out.names.push_back(names[card.region]);
    out.cards.push_back(std::move(card));
  }
  // A county's own card, ranked among the province's counties, above its townships'.
  if (code.size() == 6) {
    XJ_ASSIGN_OR_RETURN(in.units, units_of(RegionLevel::kCounty));
    XJ_ASSIGN_OR_RETURN(cards, analytics::Assess(in));
    for (analytics::Scorecard& card : cards) {
      if (card.region == code) out.region_card = std::move(card);
    }
  }
  return out;
}

std::string AssessmentSettingsJson(const AssessmentSettings& s) {
  ordered_json j;
  j["province"] = s.province;
  j["version"] = s.version;
  j["created_by"] = s.created_by;
  j["created_at"] = s.created_at;
  j["text"] = s.text;
  ordered_json kpis = ordered_json::array();
  for (const analytics::KpiSetting& k : s.config.kpis) kpis.push_back(SettingObject(k));
  j["kpis"] = kpis;
  return j.dump();
}

std::string ScorecardsJson(const ScorecardSet& set) {
  ordered_json j;
  j["region"] = set.region;
  j["region_name"] = set.region_name;
  j["region_level"] = set.region_level;
  j["year"] = set.year;
  j["as_of"] = set.as_of.ToString();
  j["unit_level"] = set.unit_level;
  j["settings_version"] = set.settings_version;
  j["region_card"] = set.region_card
                         ? CardObject(set.config, *set.region_card, set.region_name)
                         : ordered_json(nullptr);
  ordered_json cards = ordered_json::array();
  for (size_t i = 0; i < set.cards.size(); ++i) {
    cards.push_back(CardObject(set.config, set.cards[i], set.names[i]));
  }
  j["cards"] = cards;
  return j.dump();
}

Result<std::string> ScorecardsXlsx(const ScorecardSet& set) {
  ingest::Sheet scores{.name = "考核得分", .rows = {}, .bold_header = true, .column_widths = {}};
  std::vector<std::string> header = {"地区代码", "地区", "总分", "上级内排名", "全省排名"};
  for (const analytics::KpiSetting& k : set.config.kpis) {
    header.push_back(KpiName(k.kpi) + "得分（权重" + std::to_string(k.weight) + "）");
  }
  scores.rows.push_back(header);
  ingest::Sheet values{.name = "指标值", .rows = {}, .bold_header = true, .column_widths = {}};
  header = {"地区代码", "地区"};
  for (const analytics::KpiSetting& k : set.config.kpis) {
    header.push_back(KpiName(k.kpi));
    header.push_back(KpiName(k.kpi) + "分子");
    header.push_back(KpiName(k.kpi) + "分母");
  }
  values.rows.push_back(header);
  ingest::Sheet trend{.name = "趋势", .rows = {}, .bold_header = true, .column_widths = {}};
  header = {"地区代码", "地区"};
  for (int y = set.year - 2; y <= set.year; ++y) header.push_back(std::to_string(y) + "年总分");
  trend.rows.push_back(header);

  std::vector<std::pair<const analytics::Scorecard*, const std::string*>> rows;
  if (set.region_card) rows.emplace_back(&*set.region_card, &set.region_name);
  for (size_t i = 0; i < set.cards.size(); ++i) rows.emplace_back(&set.cards[i], &set.names[i]);
  for (const auto& [card, name] : rows) {
    const analytics::Scorecard& c = *card;
    std::vector<std::string> row = {c.region, *name,
                                    c.total ? Fixed(*c.total, "%.1f") : "未评估",
                                    RankText(c.rank_parent), RankText(c.rank_province)};
    std::vector<std::string> value_row = {c.region, *name};
    for (const analytics::KpiResult& k : c.kpis) {
      row.push_back(k.assessed() ? Fixed(k.points, "%.2f") : "未评估");
      value_row.push_back(k.assessed() ? Fixed(100 * k.achieved, "%.1f%%") : "未评估");
      value_row.push_back(k.estimate ? "" : std::to_string(k.numerator));
      value_row.push_back(std::to_string(k.denominator));
    }
    scores.rows.push_back(row);
    values.rows.push_back(value_row);
    std::vector<std::string> trend_row = {c.region, *name};
    for (int y = set.year - 2; y <= set.year; ++y) {
      std::string cell;
      for (const analytics::TrendPoint& p : c.trend) {
        if (p.year == y && p.total) cell = Fixed(*p.total, "%.1f");
      }
      trend_row.push_back(cell);
    }
    trend.rows.push_back(trend_row);
  }
  return ingest::WriteXlsx({scores, values, trend});
}

}  // namespace xianjie::service
