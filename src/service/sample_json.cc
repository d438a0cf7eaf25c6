// The verification sample's JSON for the API and the CLI, and its workbook (sample.h).
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "ingest/xlsx_writer.h"
#include "service/sample.h"

namespace xianjie::service {
namespace {

using nlohmann::ordered_json;

ordered_json Answer(const std::optional<bool>& answer) {
  return answer ? ordered_json(*answer) : ordered_json(nullptr);
}

ordered_json EstimateObject(const std::optional<analytics::RatioEstimate>& e) {
  if (!e) return nullptr;
  ordered_json j;
  j["estimate"] = e->estimate;
  j["lower"] = e->lower;
  j["upper"] = e->upper;
  j["households"] = e->households;
  j["villages"] = e->villages;
  j["method"] = analytics::IntervalMethodCode(e->method);
  return j;
}

// The draw's own fields, shared by the list and the file.
ordered_json DrawObject(const analytics::SampleDraw& d, const std::string& county_name) {
  ordered_json j;
  j["id"] = d.id;
  j["county"] = d.county_code;
  j["county_name"] = county_name;
  j["year"] = d.year;
  j["seed"] = d.seed;
  j["drawn_by"] = d.drawn_by;
  j["drawn_at"] = d.drawn_at;
  j["frame_households"] = d.frame_households;
  j["villages"] = d.villages;
  j["households"] = d.households;
  j["latest"] = d.latest;
  j["closed"] = d.closed();
  j["closed_by"] = d.closed_by;
  j["closed_at"] = d.closed_at;
  j["recorded"] = d.recorded;
  return j;
}

ordered_json UnitObject(const SampleUnitItem& item) {
  const analytics::SampleUnit& u = item.unit;
  ordered_json j;
  j["household_id"] = u.household_id;
  j["village_code"] = u.village_code;
  j["village_name"] = item.village_name;
  j["head_name"] = item.head_name;
  j["head_id_number"] = item.head_id_number;
  j["stratum"] = analytics::StratumCode(u.stratum);
  j["village_probability"] = u.village_probability;
  j["probability"] = u.probability;
  j["weight"] = u.weight;
  if (!item.result) {
    j["result"] = nullptr;
    return j;
  }
  const analytics::SampleResult& r = *item.result;
  ordered_json result;
  result["meets_criteria"] = Answer(r.meets_criteria);
  result["included"] = Answer(r.included);
  result["comparison_passed"] = Answer(r.comparison_passed);
  result["satisfied"] = Answer(r.satisfied);
  result["visited_on"] = r.visited_on.ToString();
  result["visitor"] = r.visitor;
  result["note"] = r.note;
  result["recorded_by"] = r.recorded_by;
  result["recorded_at"] = r.recorded_at;
  j["result"] = result;
  return j;
}

// 脱贫不稳定户 ...: the Chinese name of a stratum, for the workbook.
std::string StratumName(analytics::Stratum s) {
  switch (s) {
    case analytics::Stratum::kUnstableLifted: return "脱贫不稳定户";
    case analytics::Stratum::kMarginal: return "边缘易致贫户";
    case analytics::Stratum::kSuddenHardship: return "突发严重困难户";
    case analytics::Stratum::kIllness: return "因病";
    case analytics::Stratum::kDisaster: return "因灾";
    case analytics::Stratum::kOther: return "其他";
  }
  return "";
}

std::string AnswerText(const std::optional<bool>& answer) {
  if (!answer) return "";
  return *answer ? "是" : "否";
}

std::string Number(double value, const char* format) {
  char text[40];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

std::vector<std::string> EstimateRow(const std::string& name,
                                     const std::optional<analytics::RatioEstimate>& e) {
  if (!e) return {name, "无（没有可用的走访结果）"};
  return {name,
          Number(100 * e->estimate, "%.2f%%"),
          Number(100 * e->lower, "%.2f%%"),
          Number(100 * e->upper, "%.2f%%"),
          std::to_string(e->households),
          std::to_string(e->villages),
          std::string(analytics::IntervalMethodCode(e->method))};
}

}  // namespace

std::string SampleFileJson(const SampleFile& file) {
  ordered_json j = DrawObject(file.draw, file.county_name);
  ordered_json weights = ordered_json::object();
  for (size_t i = 0; i < analytics::kStratumCount; ++i) {
    weights[std::string(analytics::StratumCode(analytics::kAllStrata[i]))] =
        file.parameters.stratum_weights[i];
  }
  j["parameters"] = {{"villages", file.parameters.villages},
                     {"households", file.parameters.households},
                     {"stratum_weights", weights}};
  ordered_json strata = ordered_json::array();
  for (const analytics::StratumAllocation& a : file.strata) {
    strata.push_back({{"stratum", analytics::StratumCode(a.stratum)},
                      {"frame", a.frame},
                      {"sampled", a.sampled}});
  }
  j["strata"] = strata;
  ordered_json villages = ordered_json::array();
  for (const SampleVillageItem& v : file.villages) {
    villages.push_back({{"village_code", v.village_code},
                        {"village_name", v.village_name},
                        {"probability", v.probability},
                        {"households", v.households}});
  }
  j["sampled_villages"] = villages;
  ordered_json units = ordered_json::array();
  for (const SampleUnitItem& u : file.units) units.push_back(UnitObject(u));
  j["units"] = units;
  j["estimates"] = {{"omission", EstimateObject(file.estimates.omission)},
                    {"wrong_inclusion", EstimateObject(file.estimates.wrong_inclusion)},
                    {"approval", EstimateObject(file.estimates.approval)}};
  return j.dump();
}

std::string SampleUnitJson(const SampleUnitItem& item) { return UnitObject(item).dump(); }

std::string SampleListJson(const std::vector<SampleListItem>& items) {
  ordered_json list = ordered_json::array();
  for (const SampleListItem& item : items) list.push_back(DrawObject(item.draw, item.county_name));
  ordered_json j;
  j["items"] = list;
  return j.dump();
}

Result<std::string> SampleXlsx(const SampleFile& file) {
  ingest::Sheet units{.name = "样本", .rows = {}, .bold_header = true, .column_widths = {}};
  units.rows.push_back({"序号", "村代码", "村名", "户编号", "户主", "户主身份证号", "抽样层",
                        "村入样概率", "户入样概率", "权数", "走访日期", "走访人", "符合监测标准",
                        "已纳入监测", "比对通过", "满意", "备注"});
  int n = 0;
  for (const SampleUnitItem& item : file.units) {
    const analytics::SampleUnit& u = item.unit;
    std::vector<std::string> row = {std::to_string(++n),
                                    u.village_code,
                                    item.village_name,
                                    u.household_id,
                                    item.head_name,
                                    item.head_id_number,
                                    StratumName(u.stratum),
                                    Number(u.village_probability, "%.6f"),
                                    Number(u.probability, "%.6f"),
                                    Number(u.weight, "%.3f")};
    if (item.result) {
      const analytics::SampleResult& r = *item.result;
      row.insert(row.end(), {r.visited_on.ToString(), r.visitor, AnswerText(r.meets_criteria),
                             AnswerText(r.included), AnswerText(r.comparison_passed),
                             AnswerText(r.satisfied), r.note});
    }
    units.rows.push_back(std::move(row));
  }
  ingest::Sheet estimates{.name = "估计", .rows = {}, .bold_header = true, .column_widths = {}};
  estimates.rows.push_back({"指标", "估计值", "95%下限", "95%上限", "户数", "村数", "方法"});
  estimates.rows.push_back(EstimateRow("漏评率", file.estimates.omission));
  estimates.rows.push_back(EstimateRow("错评率", file.estimates.wrong_inclusion));
  estimates.rows.push_back(EstimateRow("群众认可度", file.estimates.approval));
  estimates.rows.push_back({});
  const analytics::SampleDraw& d = file.draw;
  estimates.rows.push_back({"县", d.county_code, file.county_name});
  estimates.rows.push_back({"年度", std::to_string(d.year)});
  estimates.rows.push_back({"抽样编号", std::to_string(d.id), d.latest ? "最新" : "已被重抽替代",
                            d.closed() ? "已关闭" : "未关闭"});
  estimates.rows.push_back({"随机种子", std::to_string(d.seed)});
  estimates.rows.push_back({"抽取村数/户数", std::to_string(file.parameters.villages),
                            std::to_string(file.parameters.households)});
  estimates.rows.push_back({"全县户数", std::to_string(d.frame_households)});
  estimates.rows.push_back({"抽中村数/户数", std::to_string(d.villages),
                            std::to_string(d.households)});
  estimates.rows.push_back({"已录入走访", std::to_string(d.recorded)});
  estimates.rows.push_back({"抽取人", d.drawn_by, d.drawn_at});
  return ingest::WriteXlsx({units, estimates});
}

}  // namespace xianjie::service
