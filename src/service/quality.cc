// The quality report of the department sources (quality.h): the window's uploads, their rows
// through ForEachFact, and their warnings' leads and cases.
#include "service/quality.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>

#include "access/authorize.h"
#include "base/date.h"
#include "cases/case.h"
#include "exchange/exchange_store.h"
#include "ingest/source_contract.h"
#include "ingest/xlsx_writer.h"
#include "service/common.h"
#include "service/sources.h"
#include "service/workspace.h"

namespace xianjie::service {
namespace {

using access::Operation;

std::string MonthOf(const CivilDate& date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", date.year(), date.month());
  return buf;
}

// The `months` months ending with the month of `today`, oldest first.
std::vector<std::string> WindowMonths(const CivilDate& today, int months) {
  std::vector<std::string> out;
  const int last = today.year() * 12 + today.month() - 1;
  for (int m = last - months + 1; m <= last; ++m) {
    out.push_back(MonthOf(CivilDate::FromYmd(m / 12, m % 12 + 1, 1)));
  }
  return out;
}

// What one source-month gathers before its rates are computed.
struct Accumulator {
  SourceMonthQuality q;
  int64_t complete = 0;
  std::vector<int32_t> delays;
};

// Where an upload of the window goes and the day it arrived.
struct UploadPlace {
  Accumulator* acc = nullptr;
  int32_t day = 0;  // China's date of uploaded_at, days since the epoch
};

double Median(std::vector<int32_t>& v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (static_cast<double>(v[n / 2 - 1]) + v[n / 2]) / 2.0;
}

// The nearest-rank percentile of sorted values.
double Percentile(const std::vector<int32_t>& sorted, double p) {
  const auto rank = static_cast<size_t>(std::ceil(p * static_cast<double>(sorted.size())));
  return sorted[std::max<size_t>(rank, 1) - 1];
}

void Finish(Accumulator& a) {
  SourceMonthQuality& q = a.q;
  if (q.read > 0) {
    q.validity = static_cast<double>(q.accepted + q.unmatched) / static_cast<double>(q.read);
  }
  if (q.accepted + q.unmatched > 0) {
    q.match_rate = static_cast<double>(q.accepted) / static_cast<double>(q.accepted + q.unmatched);
  }
  if (q.rows_checked > 0) {
    q.completeness = static_cast<double>(a.complete) / static_cast<double>(q.rows_checked);
  }
  if (!a.delays.empty()) {
    q.timeliness_median_days = Median(a.delays);  // sorts
    q.timeliness_p90_days = Percentile(a.delays, 0.9);
  }
}

// The keys of a flat JSON object as SourceRowMapper::ValuesJson writes it (values are strings,
// numbers, true, false or null), without building it: a DOM parse costs about ten times more,
// and this runs once per row. false when the text is not such an object.
bool FlatObjectKeys(std::string_view text, std::vector<std::string_view>& keys) {
  keys.clear();
  size_t i = 0;
  auto skip_space = [&] {
    while (i < text.size() &&
           (text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r')) {
      ++i;
    }
  };
  // A string starting at text[i] == '"'; i ends after its closing quote.
  auto string = [&]() -> std::optional<std::string_view> {
    const size_t start = ++i;
    while (i < text.size() && text[i] != '"') i += text[i] == '\\' ? 2 : 1;
    if (i >= text.size()) return std::nullopt;
    return text.substr(start, i++ - start);
  };
  skip_space();
  if (i >= text.size() || text[i++] != '{') return false;
  skip_space();
  if (i < text.size() && text[i] == '}') return true;
  while (i < text.size()) {
    if (text[i] != '"') return false;
    const std::optional<std::string_view> key = string();
    if (!key) return false;
    skip_space();
    if (i >= text.size() || text[i++] != ':') return false;
    skip_space();
    if (i < text.size() && text[i] == '"') {
      if (!string()) return false;
    } else {
      while (i < text.size() && text[i] != ',' && text[i] != '}') ++i;
    }
    keys.push_back(*key);
    skip_space();
    if (i >= text.size()) return false;
    if (text[i] == '}') return true;
    if (text[i++] != ',') return false;
    skip_space();
  }
  return false;
}

// Completeness and timeliness of one source's rows in the window's uploads.
Status ReadRows(Workspace& ws, const std::string& source, const std::string& min_period,
                const std::unordered_map<int64_t, UploadPlace>& places) {
  std::vector<std::string> optional;
  if (const ingest::SourceContract* c = ingest::FindBuiltinContract(source)) {
    for (const ingest::ContractColumn& col : c->columns) {
      if (!col.required) optional.push_back(col.name);
    }
  }
  std::vector<std::string_view> keys;
  return ws.database().ForEachFact(source, min_period, [&](const exchange::DeptRow& row) {
    auto it = places.find(row.upload_id);
    if (it == places.end()) return;
    Accumulator& a = *it->second.acc;
    ++a.q.rows_checked;
    // The mapper leaves out the columns without a value.
    const bool complete = FlatObjectKeys(row.values_json, keys) &&
                          std::all_of(optional.begin(), optional.end(), [&](const std::string& n) {
                            return std::find(keys.begin(), keys.end(), n) != keys.end();
                          });
    if (complete) ++a.complete;
    if (!row.event_date.empty()) {
      if (auto date = ParseDate(row.event_date); date.ok()) {
        a.delays.push_back(it->second.day - date->ToDays());
      }
    }
  });
}

// Counts the warnings of the uploads (newest first) whose lead's case reached monitored.
Status CountConfirmed(Workspace& ws, const std::vector<exchange::UploadRecord>& uploads,
                      const std::unordered_map<int64_t, UploadPlace>& places,
                      SourceQualityReport& report) {
  store::Database& db = ws.database();
  std::unordered_map<std::string, std::vector<cases::Lead>> leads_of;
  std::unordered_map<int64_t, bool> monitored;  // case id -> reached monitored
  for (const exchange::UploadRecord& u : uploads) {
    if (u.warnings == 0) continue;
    if (report.warnings_checked >= kMaxWarningsChecked) {
      report.confirmed_partial = true;
      break;
    }
    XJ_ASSIGN_OR_RETURN(std::vector<exchange::DeptWarning> warnings, db.Warnings(u.id));
    Accumulator& a = *places.at(u.id).acc;
    for (const exchange::DeptWarning& w : warnings) {
      if (report.warnings_checked >= kMaxWarningsChecked) {
        report.confirmed_partial = true;
        break;
      }
      ++report.warnings_checked;
      auto found = leads_of.find(w.household_id);
      if (found == leads_of.end()) {
        XJ_ASSIGN_OR_RETURN(std::vector<cases::Lead> leads, db.LeadsOf(w.household_id));
        found = leads_of.emplace(w.household_id, std::move(leads)).first;
      }
      const std::string source = "dept:" + w.source + ":" + w.period;
      for (const cases::Lead& lead : found->second) {
        if (lead.source != source || lead.case_id == 0) continue;
        auto state = monitored.find(lead.case_id);
        if (state == monitored.end()) {
          XJ_ASSIGN_OR_RETURN(std::optional<cases::CaseRecord> c, db.GetCase(lead.case_id));
          state =
              monitored.emplace(lead.case_id, c && c->state == cases::CaseState::kMonitored).first;
        }
        if (state->second) {
          ++a.q.warnings_confirmed;
          break;
        }
      }
    }
  }
  return Status::Ok();
}

std::string Percent(const std::optional<double>& v) {
  if (!v) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", *v * 100.0);
  return buf;
}

std::string Days(const std::optional<double>& v) {
  if (!v) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", *v);
  return buf;
}

}  // namespace

Result<SourceQualityReport> SourceQuality(Workspace& ws, const access::Principal& principal,
                                          int months) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kQualityRead, ""));
  if (months < 1 || months > kMaxQualityMonths) {
    return InvalidArgument("months must be a whole number from 1 to " +
                           std::to_string(kMaxQualityMonths) + ", not " + std::to_string(months));
  }
  const std::vector<std::string> window = WindowMonths(cases::ChinaDateOf(ws.Now()), months);
  SourceQualityReport report;
  report.months = months;
  report.from_month = window.front();
  report.to_month = window.back();

  XJ_ASSIGN_OR_RETURN(std::vector<exchange::UploadRecord> all,
                      ws.database().ListUploads(exchange::UploadFilter{}));
  std::vector<exchange::UploadRecord> uploads;  // the window's, visible, newest first
  std::map<std::pair<std::string, std::string>, Accumulator> acc;  // (source, month)
  std::unordered_map<int64_t, UploadPlace> places;
  std::set<std::string> sources;
  for (exchange::UploadRecord& u : all) {
    const CivilDate day = cases::ChinaDateOf(u.uploaded_at);
    const std::string month = MonthOf(day);
    if (month < report.from_month || !UploadVisibleTo(principal, u)) continue;
    Accumulator& a = acc[{u.source, month}];
    a.q.uploads += 1;
    a.q.read += u.read;
    a.q.accepted += u.accepted;
    a.q.quarantined += u.quarantined;
    a.q.unmatched += u.unmatched;
    a.q.warnings += u.warnings;
    places[u.id] = {&a, day.ToDays()};
    sources.insert(u.source);

    UploadRuleErrors errors{u.id, u.source, u.file_name, u.uploaded_at, u.quarantined, {}};
    const nlohmann::json stored =
        nlohmann::json::parse(u.report_json, nullptr, /*allow_exceptions=*/false);
    if (stored.is_object() && stored.contains("quarantined_by_rule") &&
        stored["quarantined_by_rule"].is_object()) {
      for (const auto& [rule, n] : stored["quarantined_by_rule"].items()) {
        if (n.is_number_integer()) errors.by_rule[rule] = n.get<int64_t>();
      }
    }
    report.uploads.push_back(std::move(errors));
    u.report_json.clear();
    uploads.push_back(std::move(u));
  }

  const std::string min_period = std::to_string(std::stoi(report.from_month.substr(0, 4)) - 1);
  for (const std::string& source : sources) {
    XJ_RETURN_IF_ERROR(ReadRows(ws, source, min_period, places));
  }
  XJ_RETURN_IF_ERROR(CountConfirmed(ws, uploads, places, report));

  for (const std::string& source : sources) {
    const ingest::SourceContract* contract = ingest::FindBuiltinContract(source);
    for (const std::string& month : window) {
      Accumulator& a = acc[{source, month}];
      a.q.source = source;
      a.q.title = contract != nullptr ? contract->title : source;
      a.q.month = month;
      Finish(a);
      report.rows.push_back(std::move(a.q));
    }
  }
  return report;
}

Result<std::string> SourceQualityXlsx(Workspace& ws, const access::Principal& principal,
                                      int months) {
  XJ_ASSIGN_OR_RETURN(SourceQualityReport report, SourceQuality(ws, principal, months));
  ingest::Sheet table;
  table.name = "数据质量";
  table.bold_header = true;
  table.column_widths = {20, 24, 10, 10, 10, 10, 10, 10, 10, 10, 10, 14, 14, 10, 12};
  table.rows.push_back({"数据源", "名称", "月份", "上传次数", "读取行数", "匹配行数", "隔离行数",
                        "未匹配行数", "有效率", "匹配率", "完整率", "及时性中位数（天）",
                        "及时性P90（天）", "预警数", "预警确认数"});
  for (const SourceMonthQuality& q : report.rows) {
    table.rows.push_back({q.source, q.title, q.month, std::to_string(q.uploads),
                          std::to_string(q.read), std::to_string(q.accepted),
                          std::to_string(q.quarantined), std::to_string(q.unmatched),
                          Percent(q.validity), Percent(q.match_rate), Percent(q.completeness),
                          Days(q.timeliness_median_days), Days(q.timeliness_p90_days),
                          std::to_string(q.warnings), std::to_string(q.warnings_confirmed)});
  }
  ingest::Sheet errors;
  errors.name = "隔离原因";
  errors.bold_header = true;
  errors.column_widths = {10, 20, 22, 28, 10, 24, 10};
  errors.rows.push_back({"上传编号", "数据源", "上传时间", "文件", "隔离行数", "规则", "单元格数"});
  for (const UploadRuleErrors& u : report.uploads) {
    if (u.by_rule.empty()) {
      errors.rows.push_back({std::to_string(u.upload_id), u.source, u.uploaded_at, u.file_name,
                             std::to_string(u.quarantined), "", ""});
    }
    for (const auto& [rule, n] : u.by_rule) {
      errors.rows.push_back({std::to_string(u.upload_id), u.source, u.uploaded_at, u.file_name,
                             std::to_string(u.quarantined), rule, std::to_string(n)});
    }
  }
  XJ_ASSIGN_OR_RETURN(std::string xlsx, ingest::WriteXlsx({table, errors}));
  XJ_RETURN_IF_ERROR(RecordRead(ws.database(), principal, "quality.export",
                                "months:" + std::to_string(months),
                                "{\"rows\":" + std::to_string(report.rows.size()) + "}"));
  return xlsx;
}

}  // namespace xianjie::service
