// The checks file's strict TOML parser (checks.h), the shipped file, and the compilation of rule
// checks as one-rule standards. Messages name the key path as the source contracts' parser does
// (strict_toml/path_reader.h): "<origin>:<line>:<col>: <key path>: <what>; <what to do>".
#include "exchange/checks.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "base/money.h"
#include "registry/codes.h"
#include "rules/compile.h"
#include "rules/names.h"
#include "strict_toml/document.h"
#include "strict_toml/path_reader.h"

namespace xianjie::embedded {
std::string_view checks_toml();
}  // namespace xianjie::embedded

namespace xianjie::exchange {
namespace {

using strict_toml::DidYouMean;
using strict_toml::EntriesInTextOrder;
using strict_toml::JoinedNames;
using strict_toml::PathReader;
using strict_toml::Pos;
using strict_toml::PosOf;
using strict_toml::TypeName;

constexpr std::string_view kBuiltins[] = {kBuiltinDeceasedListed, kBuiltinDuplicateIdNumber,
                                          kBuiltinDualMedicalInsurance};
constexpr std::string_view kTopKeys[] = {"parameters", "check"};
constexpr std::string_view kCheckKeys[] = {"id",   "title_zh", "title_en",  "enabled",
                                           "when", "builtin",  "monitored", "risk"};
constexpr std::string_view kParameterKinds[] = {"money", "decimal", "integer", "date", "boolean"};
constexpr std::string_view kParameterKeys[] = {"money", "decimal", "integer",
                                               "date",  "boolean", "note"};
constexpr char kKinds[] =
    "give exactly one of money = \"100.00\", decimal = \"0.5\", integer = 6, date = 2024-09-01 "
    "or boolean = true";

template <size_t N>
bool Contains(const std::string_view (&names)[N], std::string_view word) {
  return std::find(std::begin(names), std::end(names), word) != std::end(names);
}

// Data checks' ids start with Q: the C ids are the coordination checks' (decision 0008), and a
// finding's kind is told by its check's first letter.
bool IsCheckId(std::string_view id) {
  if (id.size() < 2 || id.size() > 16 || id[0] != 'Q') return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool IsName(std::string_view s) {
  if (s.empty() || s[0] < 'a' || s[0] > 'z') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// The rule id of a check: its id in lower case ("Q01" -> "q01").
std::string RuleIdOf(std::string_view check_id) {
  std::string id(check_id);
  for (char& c : id) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return id;
}

// Why `name` cannot name a parameter of the checks, or "".
std::string ParameterClash(std::string_view name) {
  if (name == kTodayParameter) return "is set by the checks when they run (the day they run)";
  if (name == "line") return "is the name of the monitoring line";
  if (rules::IsReservedName(name)) return "is a reserved word of the rule language";
  if (rules::FindHouseholdField(name) != nullptr) return "is the name of a household field";
  if (rules::FindMemberField(name) != nullptr) return "is the name of a member field";
  return "";
}

Result<rules::Parameter> ParseParameter(const PathReader& r, const toml::table& t, Pos pos,
                                        const std::string& path) {
  XJ_RETURN_IF_ERROR(r.CheckKeys(t, path, kParameterKeys));
  const toml::node* value = nullptr;
  std::string_view kind;
  for (std::string_view k : kParameterKinds) {
    const toml::node* node = t.get(k);
    if (node == nullptr) continue;
    if (value != nullptr) {
      return r.Error(PosOf(*node), path,
                     "has two values, '" + std::string(kind) + "' and '" + std::string(k) + "'",
                     kKinds);
    }
    value = node;
    kind = k;
  }
  if (value == nullptr) return r.Error(pos, path, "has no value", kKinds);
  const std::string where = PathReader::Path(path, kind);
  rules::Parameter p;
  if (kind == "money" || kind == "decimal") {
    const auto* text = value->as_string();
    if (text == nullptr) {
      return r.Error(PosOf(*value), where,
                     "must be a quoted string, not " + std::string(TypeName(*value)),
                     "write " + std::string(kind) +
                         (kind == "money" ? " = \"100.00\" (yuan, quoted: exact)"
                                          : " = \"0.5\" (quoted: exact)"));
    }
    if (kind == "money") {
      auto money = ParseMoney(text->get(), Sign::kAny);
      if (!money.ok()) return r.Error(PosOf(*value), where, money.status().message(), "");
      p.value = *money;
    } else {
      auto d = rules::ParseDecimal(text->get());
      if (!d.ok()) return r.Error(PosOf(*value), where, d.status().message(), "");
      p.value = *d;
    }
  } else if (kind == "integer") {
    if (!value->is_integer()) {
      return r.Error(PosOf(*value), where,
                     "must be an integer, not " + std::string(TypeName(*value)),
                     "write integer = 6");
    }
    p.value = value->as_integer()->get();
  } else if (kind == "date") {
    if (!value->is_date()) {
      return r.Error(PosOf(*value), where, "must be a date, not " + std::string(TypeName(*value)),
                     "write date = 2024-09-01 (without quotes)");
    }
    const toml::date d = value->as_date()->get();
    if (!CivilDate::IsValid(d.year, d.month, d.day)) {
      return r.Error(PosOf(*value), where, "is not a real day", "write date = 2024-09-01");
    }
    p.value = CivilDate::FromYmd(d.year, d.month, d.day);
  } else {
    if (!value->is_boolean()) {
      return r.Error(PosOf(*value), where,
                     "must be true or false, not " + std::string(TypeName(*value)),
                     "write boolean = true");
    }
    p.value = value->as_boolean()->get();
  }
  XJ_ASSIGN_OR_RETURN(p.note, r.String(t, pos, path, "note", false, "note = \"why this value\""));
  return p;
}

Status ParseParameters(const PathReader& r, const toml::node& node, CheckSet& set) {
  const toml::table* table = node.as_table();
  if (table == nullptr) {
    return r.Error(PosOf(node), "parameters", "must be a table, not " + std::string(TypeName(node)),
                   "write [parameters] followed by name = { money = \"100.00\" } lines");
  }
  for (const auto& [key, pos, item] : EntriesInTextOrder(*table)) {
    const std::string path = "parameters." + std::string(key);
    if (!IsName(key)) {
      return r.Error(pos, path, "'" + std::string(key) + "' is not a name",
                     "use lower-case ASCII letters, digits and '_', starting with a letter");
    }
    if (std::string why = ParameterClash(key); !why.empty()) {
      return r.Error(pos, path, "the name " + why, "choose another name");
    }
    const toml::node& value = *item;
    const toml::table* t = value.as_table();
    if (t == nullptr) {
      return r.Error(PosOf(value), path, "is " + std::string(TypeName(value)) + " without a type",
                     "write it with its type, like " + std::string(key) +
                         " = { money = \"100.00\" } (money, decimal, integer, date or boolean)");
    }
    XJ_ASSIGN_OR_RETURN(rules::Parameter p, ParseParameter(r, *t, PosOf(value), path));
    p.name = std::string(key);
    set.parameters.push_back(std::move(p));
  }
  return Status::Ok();
}

Result<CheckDefinition> ParseCheck(const PathReader& r, const toml::table& t,
                                   const std::string& path) {
  XJ_RETURN_IF_ERROR(r.CheckKeys(t, path, kCheckKeys));
  const Pos pos = PosOf(t.source());
  CheckDefinition c;
  XJ_ASSIGN_OR_RETURN(c.id, r.String(t, pos, path, "id", true, "id = \"Q01\""));
  const Pos id_pos = PosOf(*t.get("id"));
  c.line = id_pos.line;
  if (!IsCheckId(c.id)) {
    return r.Error(id_pos, PathReader::Path(path, "id"), "'" + c.id + "' is not a check id",
                   "use 'Q', then upper-case letters, digits or '_' (at most 16 in all), like "
                   "\"Q14\" (ids starting with C are the coordination checks')");
  }
  XJ_ASSIGN_OR_RETURN(c.title_zh, r.String(t, pos, path, "title_zh", true,
                                           "title_zh = \"同一身份证号登记在两户\""));
  XJ_ASSIGN_OR_RETURN(c.title_en, r.String(t, pos, path, "title_en", true,
                                           "title_en = \"The same ID number in two households\""));
  XJ_ASSIGN_OR_RETURN(c.enabled, r.Bool(t, path, "enabled", true));
  XJ_ASSIGN_OR_RETURN(c.when, r.String(t, pos, path, "when", false, "when = \"wage_income < 0\""));
  XJ_ASSIGN_OR_RETURN(
      c.builtin, r.String(t, pos, path, "builtin", false, "builtin = \"duplicate_id_number\""));
  if (c.when.empty() == c.builtin.empty()) {
    return r.Error(
        c.when.empty() ? pos : PosOf(*t.get("builtin")), path,
        c.when.empty() ? "has neither 'when' nor 'builtin'" : "has both 'when' and 'builtin'",
        "give either when = \"<a household condition>\" or builtin = \"<name>\" (" +
            JoinedNames(kBuiltins) + ")");
  }
  if (!c.when.empty()) c.when_line = r.doc().TextLine(*t.get("when"));
  if (!c.builtin.empty() && !Contains(kBuiltins, c.builtin)) {
    return r.Error(
        PosOf(*t.get("builtin")), PathReader::Path(path, "builtin"),
        "unknown built-in check '" + c.builtin + "'",
        DidYouMean(c.builtin, kBuiltins) + "the built-in checks are " + JoinedNames(kBuiltins));
  }
  XJ_ASSIGN_OR_RETURN(c.monitored, r.Bool(t, path, "monitored", false));
  XJ_ASSIGN_OR_RETURN(c.risk, r.String(t, pos, path, "risk", false, "risk = \"R07\""));
  for (std::string_view key : {"monitored", "risk"}) {
    if (!c.builtin.empty() && t.get(key) != nullptr) {
      return r.Error(PosOf(*t.get(key)), PathReader::Path(path, key),
                     "only a check with 'when' is limited to monitored households",
                     "remove it, or write the check as a condition");
    }
  }
  if (!c.risk.empty()) {
    const auto risk = registry::ParseCode<registry::RiskType>(c.risk);
    if (!risk) {
      std::string codes;
      for (const registry::CodeEntry& e : registry::CodesOf(registry::RiskType{})) {
        codes += (codes.empty() ? "" : ", ") + std::string(e.code);
      }
      return r.Error(PosOf(*t.get("risk")), PathReader::Path(path, "risk"),
                     "unknown risk type '" + c.risk + "'", "use one of " + codes);
    }
    c.risk = std::string(registry::CodeOf(*risk));  // a label ("因病") is stored as its code
    c.monitored = true;
  }
  return c;
}

Result<CheckSet> Parse(std::string_view text, std::string origin) {
  strict_toml::Document doc(text, origin);
  XJ_RETURN_IF_ERROR(doc.Parse(
      {.what_to_do = "fix the TOML syntax (config/checks.toml is a complete checks file)"}));
  const PathReader r(doc);
  const toml::table& root = doc.root();
  XJ_RETURN_IF_ERROR(r.CheckKeys(root, "", kTopKeys));
  CheckSet set;
  set.origin = std::move(origin);
  if (const toml::node* parameters = root.get("parameters")) {
    XJ_RETURN_IF_ERROR(ParseParameters(r, *parameters, set));
  }
  XJ_ASSIGN_OR_RETURN(
      std::vector<const toml::table*> tables,
      r.ArrayOfTables(root, "", "check", "head each check with [[check]] (two brackets)",
                      "head each check with [[check]]"));
  if (tables.empty()) {
    return r.Error({1, 1}, "check", "no check is defined",
                   "add [[check]] tables with id, title_zh, title_en and when or builtin");
  }
  for (size_t i = 0; i < tables.size(); ++i) {
    const std::string path = PathReader::Indexed("check", i);
    XJ_ASSIGN_OR_RETURN(CheckDefinition c, ParseCheck(r, *tables[i], path));
    for (const CheckDefinition& earlier : set.checks) {
      if (earlier.id == c.id) {
        return r.Error({c.line, 1}, path + ".id",
                       "check '" + c.id + "' is defined twice (first at line " +
                           std::to_string(earlier.line) + ")",
                       "give each check its own id");
      }
    }
    if (set.FindParameter(RuleIdOf(c.id)) != nullptr) {
      return r.Error({c.line, 1}, path + ".id",
                     "the check's rule name '" + RuleIdOf(c.id) + "' is also a parameter's",
                     "rename the parameter");
    }
    set.checks.push_back(std::move(c));
  }
  return set;
}

}  // namespace

std::span<const std::string_view> BuiltinCheckNames() { return kBuiltins; }

std::string CheckDefinition::Kind() const { return is_rule() ? "rule" : "builtin:" + builtin; }

const CheckDefinition* CheckSet::Find(std::string_view id) const {
  for (const CheckDefinition& c : checks) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

const rules::Parameter* CheckSet::FindParameter(std::string_view name) const {
  for (const rules::Parameter& p : parameters) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

Result<CheckSet> ParseChecks(std::string_view text, std::string origin) {
  return Parse(text, std::move(origin));
}

const CheckSet& BuiltinChecks() {
  // Never destroyed: checks may run on other threads at exit.
  static const CheckSet* const checks = [] {
    auto parsed = ParseChecks(embedded::checks_toml(), "config/checks.toml");
    if (!parsed.ok()) {
      // The shipped file is tested (checks_test); reaching this is a build of broken data.
      std::fprintf(stderr, "xianjie: bug: config/checks.toml does not parse: %s\n",
                   parsed.status().message().c_str());
      std::abort();
    }
    return new CheckSet(std::move(parsed).value());
  }();
  return *checks;
}

Result<std::vector<CompiledRuleCheck>> CompileChecks(const CheckSet& checks,
                                                     std::span<const rules::FactField> facts,
                                                     CivilDate today, bool include_disabled) {
  rules::Standard base;
  base.name = "cross-checks";
  base.origin = checks.origin;
  base.parameters = checks.parameters;
  base.parameters.push_back({std::string(kTodayParameter), today, false, "the day the checks run"});
  std::vector<CompiledRuleCheck> out;
  for (const CheckDefinition& c : checks.checks) {
    if (!c.is_rule() || !(c.enabled || include_disabled)) continue;
    rules::Standard standard = base;
    rules::RuleDefinition rule;
    rule.id = RuleIdOf(c.id);
    rule.label_zh = c.title_zh;
    rule.label_en = c.title_en;
    rule.when = c.when;
    rule.source_line = c.when_line;
    standard.rules.push_back(std::move(rule));
    auto compiled = rules::Compile(standard, facts);
    if (!compiled.ok()) {
      // "<origin>:<line>: rule 'q01', when: ..." names the check as the file does.
      std::string message = compiled.status().message();
      const std::string rule_name = "rule '" + RuleIdOf(c.id) + "'";
      if (size_t at = message.find(rule_name); at != std::string::npos) {
        message.replace(at, rule_name.size(), "check " + c.id);
      }
      return InvalidArgument(std::move(message));
    }
    out.push_back({&c, std::move(compiled).value()});
  }
  return out;
}

}  // namespace xianjie::exchange
