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

// Yuan with two decimals: "7500.00".
std::string Yuan(Money m) {
  int64_t fen = m.fen();
  uint64_t magnitude = fen < 0 ? 0 - static_cast<uint64_t>(fen) : static_cast<uint64_t>(fen);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%" PRIu64 ".%02" PRIu64, fen < 0 ? "-" : "", magnitude / 100,
                magnitude % 100);
  return buf;
}

// A decimal with its scale kept ("0.50" stays "0.50": the scale is part of its type).
std::string DecimalText(Decimal d) {
  uint64_t magnitude =
      d.units < 0 ? 0 - static_cast<uint64_t>(d.units) : static_cast<uint64_t>(d.units);
  std::string digits = std::to_string(magnitude);
  if (d.scale > 0) {
    auto scale = static_cast<size_t>(d.scale);
    if (digits.size() <= scale) digits.insert(0, scale + 1 - digits.size(), '0');
    digits.insert(digits.size() - scale, ".");
  }
  return (d.units < 0 ? "-" : "") + digits;
}

std::string ValueText(const ParameterValue& value) {
  if (const auto* m = std::get_if<Money>(&value)) return "money = " + Str(Yuan(*m));
  if (const auto* d = std::get_if<Decimal>(&value)) return "decimal = " + Str(DecimalText(*d));
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
  if (line.amount) out += "amount = " + Str(Yuan(*line.amount)) + "\n";
  if (line.dibao_multiple)
    out += "dibao_multiple = " + Str(DecimalText(*line.dibao_multiple)) + "\n";
  if (line.dibao_annual) out += "dibao_annual = " + Str(Yuan(*line.dibao_annual)) + "\n";
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
