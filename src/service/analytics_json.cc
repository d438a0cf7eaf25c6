// The overview's JSON and workbook (service/analytics.h): the village table's figures written
// once, for the API, the CLI's --json and the XLSX export.
#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analytics/village_table.h"
#include "assist/catalog.h"
#include "cases/measure.h"
#include "ingest/xlsx_writer.h"
#include "registry/codes.h"
#include "service/analytics.h"

namespace xianjie::service {
namespace {

using analytics::VillageFigures;
using nlohmann::ordered_json;

ordered_json FiguresObject(const VillageFigures& f) {
  ordered_json j;
  j["households"] = f.households;
  j["persons"] = f.persons;
  j["screenable_households"] = f.screenable_households;
  j["lifted_households"] = f.lifted_households;
  j["lifted_persons"] = f.lifted_persons;
  j["school_age_members"] = f.school_age_members;
  j["dropouts"] = f.dropouts;
  j["uninsured"] = f.uninsured;
  j["unsafe_houses"] = f.unsafe_houses;
  j["unsafe_water"] = f.unsafe_water;
  j["objects"] = f.objects;
  j["object_persons"] = f.object_persons;
  ordered_json by_type = ordered_json::object();
  for (size_t t = 0; t < analytics::kObjectTypeCount; ++t) {
    by_type[std::string(registry::CodeOf(static_cast<registry::ObjectType>(t)))] = {
        {"objects", f.objects_by_type[t]}, {"persons", f.persons_by_type[t]}};
  }
  j["by_type"] = by_type;
  ordered_json by_risk = ordered_json::object();
  for (size_t r = 0; r < analytics::kRiskCount; ++r) {
    by_risk[std::string(registry::CodeOf(static_cast<registry::RiskType>(r)))] = {
        {"objects", f.objects_by_risk[r]}, {"persons", f.persons_by_risk[r]}};
  }
  j["by_risk"] = by_risk;
  j["identified_by_month"] = f.identified_by_month;
  j["eliminated_by_month"] = f.eliminated_by_month;
  j["eliminations_with_problems"] = f.eliminations_with_problems;
  j["cumulative_objects"] = f.cumulative_objects;
  j["cumulative_persons"] = f.cumulative_persons;
  j["eliminated_objects"] = f.eliminated_objects;
  j["eliminated_persons"] = f.eliminated_persons;
  j["ever_eliminated"] = f.ever_eliminated;
  j["relapses"] = f.relapses;
  j["lifted_identified"] = f.lifted_identified;
  j["approved"] = f.approved;
  ordered_json days = ordered_json::object();
  for (size_t b = 0; b < analytics::kDayBucketCount; ++b) {
    days[std::string(analytics::DayBucketLabel(b))] = f.approval_days[b];
  }
  j["approval_days"] = days;
  j["approved_within_15_days"] = f.approved_within_15_days;
  j["approved_within_limit"] = f.approved_within_limit;
  j["approval_days_total"] = f.approval_days_total;
  ordered_json measures = ordered_json::object();
  for (cases::MeasureCategory c : cases::kAllMeasureCategories) {
    ordered_json by_status = ordered_json::object();
    for (cases::MeasureStatus s : cases::kAllMeasureStatuses) {
      by_status[std::string(cases::MeasureStatusCode(s))] =
          f.measures[static_cast<size_t>(c)][static_cast<size_t>(s)];
    }
    measures[std::string(cases::MeasureCategoryCode(c))] = by_status;
  }
  j["measures"] = measures;
  j["objects_with_measure"] = f.objects_with_measure;
  j["labour_capable_objects"] = f.labour_capable_objects;
  j["labour_capable_with_development"] = f.labour_capable_with_development;
  j["warnings"] = f.warnings;
  j["warnings_answered"] = f.warnings_answered;
  return j;
}

int64_t Sum(const std::array<int64_t, analytics::kMonthCount>& months) {
  int64_t sum = 0;
  for (int64_t n : months) sum += n;
  return sum;
}

std::string Count(int64_t n) { return std::to_string(n); }

// "87.5%", or "" when there is nothing to divide by.
std::string Percent(int64_t numerator, int64_t denominator) {
  if (denominator == 0) return "";
  char text[32];
  std::snprintf(text, sizeof text, "%.1f%%",
                100.0 * static_cast<double>(numerator) / static_cast<double>(denominator));
  return text;
}

// One row of the overview sheet.
std::vector<std::string> OverviewRow(const std::string& code, const std::string& name,
                                     const VillageFigures& f) {
  return {code,
          name,
          Count(f.households),
          Count(f.persons),
          Count(f.objects),
          Count(f.object_persons),
          Count(f.objects_by_type[0]),
          Count(f.objects_by_type[1]),
          Count(f.objects_by_type[2]),
          Count(Sum(f.identified_by_month)),
          Count(Sum(f.eliminated_by_month)),
          Count(f.cumulative_objects),
          Count(f.eliminated_objects),
          Percent(f.eliminated_objects, f.cumulative_objects),
          Count(f.objects_with_measure),
          Percent(f.objects_with_measure, f.objects),
          Count(f.labour_capable_objects),
          Count(f.labour_capable_with_development),
          Count(f.approved),
          Count(f.approved_within_limit),
          Percent(f.approved_within_limit, f.approved),
          Count(f.relapses),
          Count(f.lifted_identified),
          Count(f.warnings),
          Count(f.warnings_answered),
          Count(f.dropouts),
          Count(f.uninsured),
          Count(f.unsafe_houses),
          Count(f.unsafe_water)};
}

}  // namespace

std::string FiguresJson(const VillageFigures& figures) { return FiguresObject(figures).dump(); }

std::string OverviewJson(const Overview& o) {
  ordered_json j;
  j["region"] = o.region;
  j["region_name"] = o.region_name;
  j["region_level"] = o.region_level;
  j["year"] = o.year;
  j["as_of"] = o.as_of.ToString();
  j["figures"] = FiguresObject(o.figures);
  ordered_json areas = ordered_json::array();
  for (const OverviewArea& a : o.areas) {
    areas.push_back({{"code", a.code}, {"name", a.name}, {"figures", FiguresObject(a.figures)}});
  }
  j["areas"] = areas;
  return j.dump();
}

Result<std::string> OverviewXlsx(const Overview& o) {
  const std::string total_name = o.region_name.empty() ? "合计" : o.region_name + "（合计）";
  ingest::Sheet overview{.name = "概况", .rows = {}, .bold_header = true, .column_widths = {}};
  overview.rows.push_back({"地区代码", "地区", "户数", "人数", "监测对象户数", "监测对象人数",
                           "脱贫不稳定户", "边缘易致贫户", "突发严重困难户", "本年新识别",
                           "本年风险消除", "累计监测户", "已消除户", "风险消除率",
                           "有帮扶措施户", "帮扶覆盖率", "有劳动能力户", "有产业就业等帮扶",
                           "本年认定", "时限内认定", "认定及时率", "返贫户", "脱贫户新识别",
                           "部门预警", "按时处置", "失学辍学", "未参加医保", "住房不安全",
                           "饮水不安全"});
  for (const OverviewArea& a : o.areas) {
    overview.rows.push_back(OverviewRow(a.code, a.name, a.figures));
  }
  overview.rows.push_back(OverviewRow(o.region, total_name, o.figures));

  ingest::Sheet risks{.name = "风险", .rows = {}, .bold_header = true, .column_widths = {}};
  std::vector<std::string> header = {"地区代码", "地区"};
  for (size_t r = 0; r < analytics::kRiskCount; ++r) {
    const auto risk = static_cast<registry::RiskType>(r);
    header.push_back(std::string(registry::CodeOf(risk)) + " " +
                     std::string(registry::LabelOf(risk)));
  }
  risks.rows.push_back(header);
  auto risk_row = [](const std::string& code, const std::string& name, const VillageFigures& f) {
    std::vector<std::string> row = {code, name};
    for (int64_t n : f.objects_by_risk) row.push_back(Count(n));
    return row;
  };
  for (const OverviewArea& a : o.areas) risks.rows.push_back(risk_row(a.code, a.name, a.figures));
  risks.rows.push_back(risk_row(o.region, total_name, o.figures));

  ingest::Sheet months{.name = "月度", .rows = {}, .bold_header = true, .column_widths = {}};
  header = {"地区代码", "地区"};
  for (int m = 1; m <= 12; ++m) header.push_back(std::to_string(m) + "月新识别");
  for (int m = 1; m <= 12; ++m) header.push_back(std::to_string(m) + "月消除");
  months.rows.push_back(header);
  auto month_row = [](const std::string& code, const std::string& name, const VillageFigures& f) {
    std::vector<std::string> row = {code, name};
    for (int64_t n : f.identified_by_month) row.push_back(Count(n));
    for (int64_t n : f.eliminated_by_month) row.push_back(Count(n));
    return row;
  };
  for (const OverviewArea& a : o.areas) months.rows.push_back(month_row(a.code, a.name, a.figures));
  months.rows.push_back(month_row(o.region, total_name, o.figures));

  ingest::Sheet measures{.name = "措施", .rows = {}, .bold_header = true, .column_widths = {}};
  measures.rows.push_back({"类别", "类别代码", "计划", "实施中", "已完成", "已终止"});
  for (cases::MeasureCategory c : cases::kAllMeasureCategories) {
    std::vector<std::string> row = {assist::BuiltinMeasureCatalog().Category(c).name_zh,
                                    std::string(cases::MeasureCategoryCode(c))};
    for (int64_t n : o.figures.measures[static_cast<size_t>(c)]) row.push_back(Count(n));
    measures.rows.push_back(row);
  }
  return ingest::WriteXlsx({overview, risks, months, measures});
}

}  // namespace xianjie::service
