// The checks file's strict TOML parser (checks.h), the shipped file, and the compilation of rule
// checks as one-rule standards. Messages follow the source contracts' parser
// (ingest/source_contract.cc): "<origin>:<line>:<col>: <key path>: <what>; <what to do>".
#include "exchange/checks.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <tuple>
#include <utility>

#include "base/money.h"
#include "registry/codes.h"
#include "rules/compile.h"
#include "rules/names.h"

namespace xianjie::embedded {
std::string_view checks_toml();
}  // namespace xianjie::embedded

namespace xianjie::exchange {
namespace {

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
std::string Joined(const std::string_view (&names)[N]) {
  std::string out;
  for (std::string_view n : names) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

template <size_t N>
bool Contains(const std::string_view (&names)[N], std::string_view word) {
  return std::find(std::begin(names), std::end(names), word) != std::end(names);
}

// Edit distance with a swap of neighbours counted as one edit.
size_t Distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min(
          {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

// The word of `names` closest to `word` within a third of its length (at least 1), or "".
template <size_t N>
std::string_view Closest(std::string_view word, const std::string_view (&names)[N]) {
  std::string_view best;
  size_t best_distance = std::max<size_t>(1, word.size() / 3) + 1;
  for (std::string_view n : names) {
    const size_t d = Distance(word, n);
    if (d < best_distance) {
      best = n;
      best_distance = d;
    }
  }
  return best;
}

std::string_view TypeName(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a floating-point number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

struct Pos {
  int line = 1;
  int column = 1;
};
Pos PosOf(const toml::source_region& r) {
  return {std::max(1, static_cast<int>(r.begin.line)),
          std::max(1, static_cast<int>(r.begin.column))};
}
Pos PosOf(const toml::node& n) { return PosOf(n.source()); }

bool IsCheckId(std::string_view id) {
  if (id.empty() || id.size() > 16 || id[0] < 'A' || id[0] > 'Z') return false;
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

class Reader {
 public:
  Reader(std::string origin, std::string_view text) : origin_(std::move(origin)), text_(text) {}

  Status Error(Pos pos, std::string_view path, std::string_view what,
               std::string_view what_to_do) const {
    std::string m = origin_ + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column) +
                    ": " + std::string(path) + ": " + std::string(what);
    if (!what_to_do.empty()) m += "; " + std::string(what_to_do);
    return InvalidArgument(std::move(m));
  }

  static std::string Path(std::string_view path, std::string_view key) {
    return path.empty() ? std::string(key) : std::string(path) + "." + std::string(key);
  }

  // The first key of `table` in text order that `allowed` lacks, as an error.
  template <size_t N>
  Status CheckKeys(const toml::table& table, std::string_view path,
                   const std::string_view (&allowed)[N]) const {
    std::vector<std::pair<Pos, std::string_view>> keys;
    for (auto&& [key, node] : table) keys.emplace_back(PosOf(key.source()), key.str());
    std::sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) {
      return std::tie(a.first.line, a.first.column) < std::tie(b.first.line, b.first.column);
    });
    for (const auto& [pos, key] : keys) {
      if (Contains(allowed, key)) continue;
      const std::string_view close = Closest(key, allowed);
      const std::string hint = close.empty() ? "" : "did you mean '" + std::string(close) + "'? ";
      return Error(pos, Path(path, key), "unknown key",
                   hint + "the keys here are " + Joined(allowed));
    }
    return Status::Ok();
  }

  // A string (non-blank when required; "" when absent and not required).
  Result<std::string> String(const toml::table& table, Pos table_pos, std::string_view path,
                             std::string_view key, bool required, std::string_view example) const {
    const toml::node* node = table.get(key);
    if (node == nullptr) {
      if (!required) return std::string();
      return Error(table_pos, Path(path, key), "missing", "add " + std::string(example));
    }
    const auto* value = node->as_string();
    if (value == nullptr) {
      return Error(PosOf(*node), Path(path, key),
                   "must be a string, not " + std::string(TypeName(*node)),
                   "write " + std::string(example));
    }
    if (value->get().find_first_not_of(" \t\r\n") == std::string::npos) {
      return Error(PosOf(*node), Path(path, key), "is empty", "write " + std::string(example));
    }
    return value->get();
  }

  Result<bool> Bool(const toml::table& table, std::string_view path, std::string_view key,
                    bool absent) const {
    const toml::node* node = table.get(key);
    if (node == nullptr) return absent;
    if (!node->is_boolean()) {
      return Error(PosOf(*node), Path(path, key),
                   "must be true or false, not " + std::string(TypeName(*node)),
                   "write " + std::string(key) + " = true");
    }
    return node->as_boolean()->get();
  }

  const std::string& origin() const { return origin_; }

  // The line where a string value's text begins: the line after an opening """ or ''' that
  // ends its line (TOML drops that line break), else the value's own line.
  int TextLine(const toml::node& node) const {
    const Pos pos = PosOf(node);
    size_t offset = 0;
    for (int line = 1; line < pos.line && offset != std::string_view::npos; ++line) {
      offset = text_.find('\n', offset);
      if (offset != std::string_view::npos) ++offset;
    }
    if (offset == std::string_view::npos) return pos.line;
    offset += static_cast<size_t>(pos.column - 1);
    const std::string_view rest = text_.substr(std::min(offset, text_.size()));
    const bool multi = rest.starts_with("\"\"\"") || rest.starts_with("'''");
    if (multi && (rest.substr(3).starts_with("\n") || rest.substr(3).starts_with("\r\n"))) {
      return pos.line + 1;
    }
    return pos.line;
  }

 private:
  std::string origin_;
  std::string_view text_;
};

// Why `name` cannot name a parameter of the checks, or "".
std::string ParameterClash(std::string_view name) {
  if (name == kTodayParameter) return "is set by the checks when they run (the day they run)";
  if (name == "line") return "is the name of the monitoring line";
  if (rules::IsReservedName(name)) return "is a reserved word of the rule language";
  if (rules::FindHouseholdField(name) != nullptr) return "is the name of a household field";
  if (rules::FindMemberField(name) != nullptr) return "is the name of a member field";
  return "";
}

Result<rules::Parameter> ParseParameter(const Reader& r, const toml::table& t, Pos pos,
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
  const std::string where = Reader::Path(path, kind);
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

Status ParseParameters(const Reader& r, const toml::node& node, CheckSet& set) {
  const toml::table* table = node.as_table();
  if (table == nullptr) {
    return r.Error(PosOf(node), "parameters", "must be a table, not " + std::string(TypeName(node)),
                   "write [parameters] followed by name = { money = \"100.00\" } lines");
  }
  std::vector<std::pair<Pos, std::string_view>> keys;
  for (auto&& [key, value] : *table) keys.emplace_back(PosOf(key.source()), key.str());
  std::sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first.line, a.first.column) < std::tie(b.first.line, b.first.column);
  });
  for (const auto& [pos, key] : keys) {
    const std::string path = "parameters." + std::string(key);
    if (!IsName(key)) {
      return r.Error(pos, path, "'" + std::string(key) + "' is not a name",
                     "use lower-case ASCII letters, digits and '_', starting with a letter");
    }
    if (std::string why = ParameterClash(key); !why.empty()) {
      return r.Error(pos, path, "the name " + why, "choose another name");
    }
    const toml::node& value = *table->get(key);
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

Result<CheckDefinition> ParseCheck(const Reader& r, const toml::table& t, const std::string& path) {
  XJ_RETURN_IF_ERROR(r.CheckKeys(t, path, kCheckKeys));
  const Pos pos = PosOf(t.source());
  CheckDefinition c;
  XJ_ASSIGN_OR_RETURN(c.id, r.String(t, pos, path, "id", true, "id = \"Q01\""));
  const Pos id_pos = PosOf(*t.get("id"));
  c.line = id_pos.line;
  if (!IsCheckId(c.id)) {
    return r.Error(id_pos, Reader::Path(path, "id"), "'" + c.id + "' is not a check id",
                   "use an upper-case letter, then upper-case letters, digits or '_' (at most "
                   "16), like \"Q14\"");
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
            Joined(kBuiltins) + ")");
  }
  if (!c.when.empty()) c.when_line = r.TextLine(*t.get("when"));
  if (!c.builtin.empty() && !Contains(kBuiltins, c.builtin)) {
    const std::string_view close = Closest(c.builtin, kBuiltins);
    return r.Error(PosOf(*t.get("builtin")), Reader::Path(path, "builtin"),
                   "unknown built-in check '" + c.builtin + "'",
                   (close.empty() ? "" : "did you mean '" + std::string(close) + "'? ") +
                       "the built-in checks are " + Joined(kBuiltins));
  }
  XJ_ASSIGN_OR_RETURN(c.monitored, r.Bool(t, path, "monitored", false));
  XJ_ASSIGN_OR_RETURN(c.risk, r.String(t, pos, path, "risk", false, "risk = \"R07\""));
  for (std::string_view key : {"monitored", "risk"}) {
    if (!c.builtin.empty() && t.get(key) != nullptr) {
      return r.Error(PosOf(*t.get(key)), Reader::Path(path, key),
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
      return r.Error(PosOf(*t.get("risk")), Reader::Path(path, "risk"),
                     "unknown risk type '" + c.risk + "'", "use one of " + codes);
    }
    c.risk = std::string(registry::CodeOf(*risk));  // a label ("因病") is stored as its code
    c.monitored = true;
  }
  return c;
}

Result<CheckSet> Parse(std::string_view text, std::string origin) {
  const Reader r(origin, text);
  toml::table root;
  try {
    root = toml::parse(text, std::string_view(r.origin()));
  } catch (const toml::parse_error& e) {
    return r.Error(PosOf(e.source()), "TOML syntax", std::string(e.description()),
                   "fix the TOML syntax (config/checks.toml is a complete checks file)");
  }
  XJ_RETURN_IF_ERROR(r.CheckKeys(root, "", kTopKeys));
  CheckSet set;
  set.origin = std::move(origin);
  if (const toml::node* parameters = root.get("parameters")) {
    XJ_RETURN_IF_ERROR(ParseParameters(r, *parameters, set));
  }
  const toml::node* checks = root.get("check");
  const toml::array* array = checks == nullptr ? nullptr : checks->as_array();
  if (checks != nullptr && array == nullptr) {
    return r.Error(PosOf(*checks), "check",
                   "must be an array of tables, not " + std::string(TypeName(*checks)),
                   "head each check with [[check]] (two brackets)");
  }
  if (array == nullptr || array->empty()) {
    return r.Error({1, 1}, "check", "no check is defined",
                   "add [[check]] tables with id, title_zh, title_en and when or builtin");
  }
  for (size_t i = 0; i < array->size(); ++i) {
    const std::string path = "check[" + std::to_string(i) + "]";
    const toml::node& item = *array->get(i);
    const toml::table* t = item.as_table();
    if (t == nullptr) {
      return r.Error(PosOf(item), path, "must be a table, not " + std::string(TypeName(item)),
                     "head each check with [[check]]");
    }
    XJ_ASSIGN_OR_RETURN(CheckDefinition c, ParseCheck(r, *t, path));
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
