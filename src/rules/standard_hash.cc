// The canonical serialization of a standard and its content hash (FNV-1a 64).
//
// Canonical form, version 1: a sequence of fields, each written as its length in bytes (decimal),
// ':', the bytes, ',' — so that no text inside a field can pass for a separator:
//
//   "xianjie-standard-1"
//   province, county ("" for the whole province), year (decimal), name
//   the line: "amount", fen                           (a fixed amount)
//          or "dibao", k's units, k's scale, annual fen (k × the minimum allowance)
//          then placeholder ("1" or "0")
//   "parameters", their count, then each parameter in byte order of its name:
//          name, kind ("money", "decimal", "integer", "date", "boolean"), value, placeholder, note
//          where a value is: money in fen; a decimal as its units and its scale (so "0.50" is
//          not "0.5": the rule language types a number by its scale); an integer in decimal;
//          a date as YYYY-MM-DD; a boolean as "1" or "0"
//   "rules", their count, then each rule in order: id, label_zh, label_en, when,
//          the count of its risks, then each risk in order: code, when ("" for always)
//   "types", their count, then each type in order: code, when
//
// Each expression (`when`) is written with every run of white space outside '...' literals
// replaced by one space and without white space at either end: re-wrapping a long condition
// does not make a new version. Left out: the origin, the TOML text (comments, layout, key order,
// the order of parameters), source lines and the resolved line (it follows from the definition).
#include "rules/standard_hash.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <vector>

namespace xianjie::rules {
namespace {

class Canonical {
 public:
  void Field(std::string_view s) {
    out_ += std::to_string(s.size());
    out_ += ':';
    out_ += s;
    out_ += ',';
  }
  void Field(int64_t n) { Field(std::to_string(n)); }
  void Flag(bool b) { Field(b ? "1" : "0"); }
  void Expression(std::string_view when) {
    std::string normal;
    bool in_literal = false;
    bool pending_space = false;
    for (char c : when) {
      bool space = !in_literal && (c == ' ' || c == '\t' || c == '\n' || c == '\r');
      if (space) {
        pending_space = !normal.empty();
        continue;
      }
      if (pending_space) normal += ' ';
      pending_space = false;
      if (c == '\'') in_literal = !in_literal;
      normal += c;
    }
    Field(normal);
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

void WriteValue(Canonical& c, const ParameterValue& value) {
  if (const auto* m = std::get_if<Money>(&value)) {
    c.Field("money");
    c.Field(m->fen());
  } else if (const auto* d = std::get_if<Decimal>(&value)) {
    c.Field("decimal");
    c.Field(d->units);
    c.Field(d->scale);
  } else if (const auto* n = std::get_if<int64_t>(&value)) {
    c.Field("integer");
    c.Field(*n);
  } else if (const auto* date = std::get_if<CivilDate>(&value)) {
    c.Field("date");
    c.Field(date->ToString());
  } else {
    c.Field("boolean");
    c.Flag(std::get<bool>(value));
  }
}

}  // namespace

std::string CanonicalStandardText(const Standard& s) {
  Canonical c;
  c.Field("xianjie-standard-1");
  c.Field(s.province);
  c.Field(s.county);
  c.Field(s.year);
  c.Field(s.name);
  const LineDefinition& line = s.line_definition;
  if (line.amount) {
    c.Field("amount");
    c.Field(line.amount->fen());
  } else {
    c.Field("dibao");
    c.Field(line.dibao_multiple ? line.dibao_multiple->units : 0);
    c.Field(line.dibao_multiple ? line.dibao_multiple->scale : 0);
    c.Field(line.dibao_annual ? line.dibao_annual->fen() : 0);
  }
  c.Flag(line.placeholder);

  std::vector<const Parameter*> parameters;
  for (const Parameter& p : s.parameters) parameters.push_back(&p);
  std::sort(parameters.begin(), parameters.end(),
            [](const Parameter* a, const Parameter* b) { return a->name < b->name; });
  c.Field("parameters");
  c.Field(static_cast<int64_t>(parameters.size()));
  for (const Parameter* p : parameters) {
    c.Field(p->name);
    WriteValue(c, p->value);
    c.Flag(p->placeholder);
    c.Field(p->note);
  }

  c.Field("rules");
  c.Field(static_cast<int64_t>(s.rules.size()));
  for (const RuleDefinition& r : s.rules) {
    c.Field(r.id);
    c.Field(r.label_zh);
    c.Field(r.label_en);
    c.Expression(r.when);
    c.Field(static_cast<int64_t>(r.risks.size()));
    for (const RiskSuggestion& risk : r.risks) {
      c.Field(risk.risk);
      c.Expression(risk.when);
    }
  }

  c.Field("types");
  c.Field(static_cast<int64_t>(s.types.size()));
  for (const TypeDefinition& t : s.types) {
    c.Field(t.code);
    c.Expression(t.when);
  }
  return c.Take();
}

std::string StandardContentHash(const Standard& standard) {
  uint64_t hash = 14695981039346656037ULL;  // FNV-1a 64 offset basis
  for (unsigned char byte : CanonicalStandardText(standard)) {
    hash ^= byte;
    hash *= 1099511628211ULL;  // FNV-1a 64 prime
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016" PRIx64, hash);
  return hex;
}

}  // namespace xianjie::rules
