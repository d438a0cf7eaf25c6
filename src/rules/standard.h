// A monitoring standard (监测标准, DOMAIN.md §4): a province (optionally a county) and a year, the
// monitoring line, parameters, the screening rules, the proposed object types and the risk types
// each rule suggests — all as data. Provinces edit it as TOML (config/standards/*.toml, format in
// docs/standards.md); the shipped Qinghai standards are compiled into the binary.
#ifndef XIANJIE_RULES_STANDARD_H_
#define XIANJIE_RULES_STANDARD_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/date.h"
#include "base/money.h"
#include "base/status.h"

namespace xianjie::rules {

// An exact decimal number: units / 10^scale, scale 0..6 ("0.5" = {5, 1}).
struct Decimal {
  int64_t units = 0;
  int scale = 0;
  bool operator==(const Decimal&) const = default;
};
// Parses "-?digits(.digits{1,6})?" exactly; kInvalidArgument otherwise.
Result<Decimal> ParseDecimal(std::string_view text);
std::string ToString(Decimal d);
// With its scale kept, as written: "0.50" stays "0.50" (the scale is part of its type).
std::string ToScaledString(Decimal d);  // canonical: "0.5", "1", "-2.25"

// A parameter's value. The rule language sees Money as money (fen), Decimal as an exact number,
// int64_t as an integer, CivilDate as a date, bool as a boolean.
using ParameterValue = std::variant<Money, Decimal, int64_t, CivilDate, bool>;

struct Parameter {
  std::string name;  // identifier used in rules: [a-z][a-z0-9_]*
  ParameterValue value;
  bool placeholder = false;  // the value is not a published one (DOMAIN.md §4 marks which)
  std::string note;
  bool operator==(const Parameter&) const = default;
};

// The monitoring line (yuan per person per year): a fixed amount, or k × the annual
// minimum-allowance (低保) standard. Exactly one form is set.
struct LineDefinition {
  std::optional<Money> amount;
  std::optional<Decimal> dibao_multiple;  // k
  std::optional<Money> dibao_annual;      // with dibao_multiple
  bool placeholder = false;
  bool operator==(const LineDefinition&) const = default;
};
// The line in fen; k × dibao is rounded half away from zero to the fen.
Result<Money> ResolveLine(const LineDefinition& line);

// A risk type a fired rule suggests: the first entry whose `when` is true (empty = always).
struct RiskSuggestion {
  std::string risk;     // "R01" ... "R12", "R99" (DOMAIN.md §6)
  std::string when;     // a boolean expression of the rule language
  int source_line = 0;  // line of `when` in the TOML file (0 if none or not from a file)
  bool operator==(const RiskSuggestion&) const = default;
};

struct RuleDefinition {
  std::string id;  // [a-z][a-z0-9_]*; later rules may use earlier rules' ids as booleans
  std::string label_zh;
  std::string label_en;
  std::string when;  // a boolean expression; the rule fires where it is true (not unknown)
  std::vector<RiskSuggestion> risks;
  int source_line = 0;  // line of `when` in the TOML file (0 if not from a file), for errors
  bool operator==(const RuleDefinition&) const = default;
};

// A proposed object type (DOMAIN.md §4.2): a flagged household gets the first type whose `when`
// is true.
struct TypeDefinition {
  std::string code;  // "unstable_lifted", "marginal", "sudden_hardship", "guarantee_gap"
  std::string when;
  int source_line = 0;
  bool operator==(const TypeDefinition&) const = default;
};

struct Standard {
  std::string province;  // 2 digits, "63"
  std::string county;    // 6 digits, or empty for the whole province
  int year = 0;
  std::string name;  // for people: "青海省2024年防止返贫监测标准"
  LineDefinition line_definition;
  Money line;  // ResolveLine(line_definition); the rules see it as the parameter `line`
  std::vector<Parameter> parameters;
  std::vector<RuleDefinition> rules;  // in the standard's order (counties.csv columns)
  std::vector<TypeDefinition> types;  // in priority order
  std::string origin;                 // file name, or "built-in"
  std::string toml;                   // the source text
  std::string content_hash;           // 16 hex digits over the canonical content (not `toml`)

  bool operator==(const Standard&) const = default;
};

}  // namespace xianjie::rules

#endif  // XIANJIE_RULES_STANDARD_H_
