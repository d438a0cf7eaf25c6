// Writing a standard as TOML in the layout of docs/standards.md (the inverse of
// ParseStandardToml up to comments and layout).
#include <cinttypes>
#include <cstdio>
#include <string>

#include "rules/standard_toml.h"

namespace xianjie::rules {
namespace {

// A TOML basic string: quotes, backslashes and control characters escaped; UTF-8 kept as it is.
std::string Str(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string ValueText(const ParameterValue& value) {
  if (const auto* m = std::get_if<Money>(&value)) return "money = " + Str(m->ToYuanCentsString());
  if (const auto* d = std::get_if<Decimal>(&value)) return "decimal = " + Str(ToScaledString(*d));
  if (const auto* n = std::get_if<int64_t>(&value)) return "integer = " + std::to_string(*n);
  if (const auto* date = std::get_if<CivilDate>(&value)) return "date = " + date->ToString();
  return std::string("boolean = ") + (std::get<bool>(value) ? "true" : "false");
}

}  // namespace

std::string FormatStandardToml(const Standard& s) {
  std::string out = "# A monitoring standard (format: docs/standards.md).\n\n[standard]\n";
  out += "province = " + Str(s.province) + "\n";
  if (!s.county.empty()) out += "county = " + Str(s.county) + "\n";
  out += "year = " + std::to_string(s.year) + "\n";
  out += "name = " + Str(s.name) + "\n\n[line]\n";
  const LineDefinition& line = s.line_definition;
  if (line.amount) out += "amount = " + Str(line.amount->ToYuanCentsString()) + "\n";
  if (line.dibao_multiple)
    out += "dibao_multiple = " + Str(ToScaledString(*line.dibao_multiple)) + "\n";
  if (line.dibao_annual)
    out += "dibao_annual = " + Str(line.dibao_annual->ToYuanCentsString()) + "\n";
  out += std::string("placeholder = ") + (line.placeholder ? "true" : "false") + "\n";

  if (!s.parameters.empty()) out += "\n[parameters]\n";
  for (const Parameter& p : s.parameters) {
    out += p.name + " = { " + ValueText(p.value);
    if (p.placeholder) out += ", placeholder = true";
    if (!p.note.empty()) out += ", note = " + Str(p.note);
    out += " }\n";
  }

  for (const RuleDefinition& r : s.rules) {
    out += "\n[[rule]]\nid = " + Str(r.id) + "\nlabel_zh = " + Str(r.label_zh) +
           "\nlabel_en = " + Str(r.label_en) + "\nwhen = " + Str(r.when) + "\n";
    if (r.risks.empty()) continue;
    out += "risks = [\n";
    for (const RiskSuggestion& risk : r.risks) {
      out += "  { risk = " + Str(risk.risk);
      if (!risk.when.empty()) out += ", when = " + Str(risk.when);
      out += " },\n";
    }
    out += "]\n";
  }

  for (const TypeDefinition& t : s.types) {
    out += "\n[[type]]\ncode = " + Str(t.code) + "\nwhen = " + Str(t.when) + "\n";
  }
  return out;
}

}  // namespace xianjie::rules
