// The rows of a village's public notice and the printable page (notice.h).
#include "cases/notice.h"

#include <algorithm>
#include <tuple>

#include "registry/codes.h"

namespace xianjie::cases {
namespace {

// The codes of a ';'-joined list as stored, in order (empty items skipped).
std::vector<std::string> SplitStoredCodes(std::string_view joined) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < joined.size()) {
    size_t end = joined.find(';', start);
    if (end == std::string_view::npos) end = joined.size();
    if (end > start) out.emplace_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

void AppendEscaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
}

std::string Escaped(std::string_view text) {
  std::string out;
  AppendEscaped(out, text);
  return out;
}

// A language tag is letters, digits and hyphens; anything else falls back to zh-CN.
std::string_view LangTag(std::string_view lang) {
  if (lang.empty() || lang.size() > 35) return "zh-CN";
  for (char c : lang) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return "zh-CN";
  }
  return lang;
}

// A4 portrait; black on white; the table's header repeats on every printed page and a row is
// never split across two.
constexpr std::string_view kStyle = R"(
@page { size: A4 portrait; margin: 18mm 15mm 18mm 15mm; }
* { box-sizing: border-box; }
html { background: #fff; color: #000; }
body { margin: 0 auto; max-width: 180mm; padding: 10mm 0;
  font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, serif;
  font-size: 11pt; line-height: 1.5; }
h1 { font-size: 20pt; text-align: center; letter-spacing: 0.5em; margin: 0 0 4mm; }
h2 { font-size: 13pt; margin: 7mm 0 2mm; }
.meta { text-align: center; margin: 0; }
.lead { text-indent: 2em; margin: 2mm 0; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; }
th, td { border: 0.3mm solid #000; padding: 1.2mm 1.5mm; text-align: center;
  vertical-align: middle; }
th { font-weight: bold; background: #eee; }
td.risks { text-align: left; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
.none { text-align: center; margin: 8mm 0; }
.note { font-size: 9.5pt; margin: 3mm 0; }
.objection { font-weight: bold; text-indent: 2em; margin: 6mm 0 2mm; }
.sign { text-align: right; margin: 10mm 0 0; }
@media print {
  body { max-width: none; padding: 0; }
  th { background: none; }
}
)";

std::string_view LeadText(CaseKind kind) {
  return kind == CaseKind::kIdentification
             ? "经农户申请、入户核实、部门数据比对和村民代表民主评议，拟将下列农户纳入防止返贫"
               "监测对象，现予以公示。"
             : "经入户核实和村民代表民主评议，下列监测对象拟标注风险消除，现予以公示。";
}

void AppendTable(std::string& html, CaseKind kind, std::span<const NoticeRow> rows) {
  html += "<section>\n<h2>";
  html += NoticeKindLabel(kind);
  html += "</h2>\n<p class=\"lead\">";
  html += LeadText(kind);
  html +=
      "</p>\n<table>\n<thead><tr><th>序号</th><th>户主姓名</th><th>所在村</th><th>家庭人口</th>"
      "<th>类型</th><th>风险类型</th><th>公示期</th></tr></thead>\n<tbody>\n";
  int n = 0;
  for (const NoticeRow& row : rows) {
    if (row.kind != kind) continue;
    html += "<tr><td>" + std::to_string(++n) + "</td><td>";
    AppendEscaped(html, row.head_name.empty() ? "—" : row.head_name);
    html += "</td><td>";
    AppendEscaped(html, row.village_name);
    html += "</td><td>";
    html += row.household_size > 0 ? std::to_string(row.household_size) + "人" : "—";
    html += "</td><td>";
    AppendEscaped(html, row.type.empty() ? "—" : NoticeTypeLabel(row.type));
    html += "</td><td class=\"risks\">";
    AppendEscaped(html, row.risks.empty() ? "—" : NoticeRisksText(row.risks));
    html += "</td><td>" + ChineseDate(row.notice_start) + "至" + ChineseDate(row.notice_end) +
            "</td></tr>\n";
  }
  html += "</tbody>\n</table>\n</section>\n";
}

}  // namespace

std::optional<NoticeHousehold> NoticeHouseholdOf(const registry::Snapshot& snapshot,
                                                 std::string_view household_id) {
  const int64_t h = snapshot.Find(household_id);
  if (h < 0) return std::nullopt;
  NoticeHousehold out;
  out.household_size = static_cast<int32_t>(snapshot.counted_members()[h]);
  for (uint32_t m = snapshot.member_begin()[h]; m < snapshot.member_begin()[h + 1]; ++m) {
    if (snapshot.member_relation()[m] == static_cast<uint8_t>(registry::Relation::kHead)) {
      out.head_name = std::string(snapshot.member_name(m));
      break;
    }
  }
  return out;
}

std::vector<NoticeRow> NoticeRows(std::span<const CaseRecord> cases, std::string_view village_code,
                                  std::string_view village_name, const NoticeLookup& lookup) {
  std::vector<NoticeRow> rows;
  for (const CaseRecord& c : cases) {
    if (c.state != CaseState::kPublicNotice || c.village_code != village_code) continue;
    NoticeRow row;
    row.case_id = c.id;
    row.kind = c.kind;
    row.village_name = std::string(village_name);
    row.type = !c.decided_type.empty() ? c.decided_type : c.proposed_type;
    row.risks = SplitStoredCodes(!c.decided_risks.empty() ? c.decided_risks : c.proposed_risks);
    row.notice_start = c.notice_start.value_or(c.state_since);
    row.notice_end = c.notice_end.value_or(row.notice_start);
    if (lookup) {
      if (std::optional<NoticeHousehold> h = lookup(c.household_id)) {
        row.head_name = std::move(h->head_name);
        row.household_size = h->household_size;
      }
    }
    rows.push_back(std::move(row));
  }
  std::sort(rows.begin(), rows.end(), [](const NoticeRow& a, const NoticeRow& b) {
    return std::tie(a.kind, a.notice_start, a.case_id) <
           std::tie(b.kind, b.notice_start, b.case_id);
  });
  return rows;
}

std::string_view NoticeKindLabel(CaseKind kind) {
  return kind == CaseKind::kIdentification ? "纳入监测对象公示" : "风险消除公示";
}

std::string NoticeTypeLabel(std::string_view type_code) {
  if (auto type = registry::ParseCode<registry::ObjectType>(type_code)) {
    return std::string(registry::LabelOf(*type));
  }
  return std::string(type_code);
}

std::string NoticeRiskLabel(std::string_view risk_code) {
  if (auto risk = registry::ParseCode<registry::RiskType>(risk_code)) {
    return std::string(registry::LabelOf(*risk));
  }
  return std::string(risk_code);
}

std::string NoticeRisksText(const std::vector<std::string>& risk_codes) {
  std::string out;
  for (const std::string& code : risk_codes) {
    if (!out.empty()) out += "、";
    out += NoticeRiskLabel(code);
  }
  return out;
}

std::string ChineseDate(CivilDate date) {
  return std::to_string(date.year()) + "年" + std::to_string(date.month()) + "月" +
         std::to_string(date.day()) + "日";
}

std::string RenderNoticeHtml(std::string_view village_code, std::string_view village_name,
                             std::span<const NoticeRow> rows, CivilDate date,
                             std::string_view lang) {
  const std::string village = Escaped(village_name.empty() ? village_code : village_name);
  std::string html = "<!DOCTYPE html>\n<html lang=\"";
  html += LangTag(lang);
  html +=
      "\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  html += village + " 防止返贫监测公示</title>\n<style>";
  html += kStyle;
  html += "</style>\n</head>\n<body>\n<h1>公示</h1>\n<p class=\"meta\">";
  html += village + "（区划代码 " + Escaped(village_code) + "）</p>\n";
  if (!rows.empty()) {
    CivilDate first = rows.front().notice_start, last = rows.front().notice_end;
    for (const NoticeRow& row : rows) {
      first = std::min(first, row.notice_start);
      last = std::max(last, row.notice_end);
    }
    html += "<p class=\"meta\">公示期：" + ChineseDate(first) + "至" + ChineseDate(last) + "</p>\n";
  }
  bool any = false;
  for (CaseKind kind : {CaseKind::kIdentification, CaseKind::kElimination}) {
    if (std::none_of(rows.begin(), rows.end(),
                     [kind](const NoticeRow& r) { return r.kind == kind; })) {
      continue;
    }
    any = true;
    AppendTable(html, kind, rows);
  }
  if (!any) html += "<p class=\"none\">本村目前没有处于公示期的农户。</p>\n";
  html +=
      "<p class=\"note\">注：登记系统不记录村民小组，“所在村”一栏为行政村（社区）。"
      "家庭人口为共同生活、共享收支的人数。</p>\n"
      "<footer>\n<p class=\"objection\">如有异议，请在公示期内向村委会或乡镇反映。</p>\n"
      "<p class=\"sign\">";
  html += village + "<br>" + ChineseDate(date) + "</p>\n</footer>\n</body>\n</html>\n";
  return html;
}

}  // namespace xianjie::cases
