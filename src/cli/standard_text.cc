// A standard as text for people (xianjie standard show).
#include "cli/standard_text.h"

#include <cinttypes>
#include <cstdio>

#include "cli/common.h"
#include "registry/codes.h"

namespace xianjie::cli {
namespace {
std::string ValueText(const rules::ParameterValue& value) {
  if (const auto* m = std::get_if<Money>(&value))
    return "money    " + m->ToYuanCentsString() + " yuan";
  if (const auto* d = std::get_if<rules::Decimal>(&value))
    return "decimal  " + rules::ToScaledString(*d);
  if (const auto* n = std::get_if<int64_t>(&value)) return "integer  " + std::to_string(*n);
  if (const auto* date = std::get_if<CivilDate>(&value)) return "date     " + date->ToString();
  return std::string("boolean  ") + (std::get<bool>(value) ? "true" : "false");
}

std::string RiskText(const rules::RiskSuggestion& risk) {
  std::string text = risk.risk;
  if (auto code = registry::ParseCode<registry::RiskType>(risk.risk)) {
    text += " " + std::string(registry::LabelOf(*code));
  }
  return risk.when.empty() ? text : text + " if " + risk.when;
}

}  // namespace

std::string DescribeStandard(const rules::Standard& s, const std::string& how) {
  std::string out = s.name + "\n";
  out += "  province " + s.province +
         (s.county.empty() ? " (whole province)" : ", county " + s.county) + ", year " +
         std::to_string(s.year) + "\n";
  out += "  standard " + s.content_hash + ", " + how + "\n";
  const rules::LineDefinition& line = s.line_definition;
  out += "  line     ";
  if (line.dibao_multiple && line.dibao_annual) {
    out += rules::ToScaledString(*line.dibao_multiple) + " × minimum allowance " +
           line.dibao_annual->ToYuanCentsString() + " = ";
  }
  out += s.line.ToYuanCentsString() + " yuan per person per year" +
         (line.placeholder ? " (placeholder)" : "") + "\n";

  out += "parameters\n";
  if (s.parameters.empty()) out += "  (none)\n";
  for (const rules::Parameter& p : s.parameters) {
    out += "  " + PadRight(p.name, 30) + " " + ValueText(p.value);
    if (p.placeholder) out += "  (placeholder)";
    out += "\n";
    if (!p.note.empty()) out += "  " + std::string(31, ' ') + "note: " + p.note + "\n";
  }

  out += "rules\n";
  for (size_t i = 0; i < s.rules.size(); ++i) {
    const rules::RuleDefinition& r = s.rules[i];
    out +=
        "  " + std::to_string(i + 1) + ". " + r.id + "  " + r.label_zh + " (" + r.label_en + ")\n";
    out += "       when   " + r.when + "\n";
    if (r.risks.empty()) continue;
    out += "       risks  ";
    for (size_t k = 0; k < r.risks.size(); ++k) {
      if (k > 0) out += r.risks[k].when.empty() ? "; else " : "; ";
      out += RiskText(r.risks[k]);
    }
    out += "\n";
  }

  out += "types, in priority order\n";
  if (s.types.empty()) out += "  (none)\n";
  for (size_t i = 0; i < s.types.size(); ++i) {
    const rules::TypeDefinition& t = s.types[i];
    std::string label;
    if (auto code = registry::ParseCode<registry::ObjectType>(t.code)) {
      label = "  " + std::string(registry::LabelOf(*code));
    }
    out += "  " + std::to_string(i + 1) + ". " + t.code + label + "\n";
    out += "       when   " + t.when + "\n";
  }
  return out;
}

}  // namespace xianjie::cli
