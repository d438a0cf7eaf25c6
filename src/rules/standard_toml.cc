// Parsing a standard from TOML (docs/standards.md) into rules::Standard. Everything that can be
// checked without compiling the expressions is checked here, each error at its exact position.
#include "rules/standard_toml.h"

#include <algorithm>
#include <array>
#include <map>
#include <string>

#include "base/region_code.h"
#include "registry/codes.h"
#include "registry/region.h"
#include "rules/names.h"
#include "rules/standard_hash.h"
#include "strict_toml/document.h"
#include "strict_toml/table_reader.h"

namespace xianjie::rules {
namespace {

using strict_toml::Entry;
using strict_toml::Pos;
using strict_toml::PosOf;
using strict_toml::TableReader;
using strict_toml::TableRef;

// Province-level codes of GB/T 2260 on the mainland, where the monitoring mechanism applies.
constexpr std::array<std::string_view, 31> kProvinces = {
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
    "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"};

// The monitoring mechanism began in 2020 (DOMAIN.md §1).
constexpr int64_t kFirstYear = 2020;
constexpr int64_t kLastYear = 2100;
constexpr size_t kMaxIdentifier = 64;

constexpr std::string_view kRiskCodes = "R01 ... R12 or R99 (DOMAIN.md §6)";
constexpr std::string_view kTypeCodes =
    "unstable_lifted, marginal, sudden_hardship or guarantee_gap (DOMAIN.md §4.2)";

// An identifier of at most kMaxIdentifier characters (compile.cc checks the form without a limit).
bool IsShortIdentifier(std::string_view s) {
  if (s.empty() || s.size() > kMaxIdentifier || s[0] < 'a' || s[0] > 'z') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// What the rule language already means by `name` (docs/rules-language.md, "Names"), or empty: a
// parameter or rule of that name would be ambiguous in an expression.
std::string_view LanguageMeaning(std::string_view name) {
  if (FindHouseholdField(name) != nullptr) return "a household field";
  if (FindMemberField(name) != nullptr) return "a member field";
  if (name == "line") return "the monitoring line of [line]";
  for (std::string_view f : FunctionNames()) {
    if (f == name) return "a function";
  }
  if (IsReservedName(name)) return "a reserved word";
  return {};
}

std::string Quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

// Where an earlier definition was, for "used twice" messages.
std::string LineText(Pos pos) { return "line " + std::to_string(pos.line); }

class StandardParser {
 public:
  StandardParser(std::string_view text, std::string origin) : doc_(text, std::move(origin)) {}

  Result<Standard> Parse() {
    XJ_RETURN_IF_ERROR(doc_.Parse(
        {.what_to_do = "fix the TOML syntax (docs/standards.md shows a complete standard)",
         .what_to_do_for_repeated_key =
             "a name may appear only once in a table: remove or rename the repeated one",
         .lower_case = true}));
    TableReader root(doc_, {&doc_.root(), Pos{}, "the file"});
    XJ_RETURN_IF_ERROR(root.CheckKeys({"standard", "line", "parameters", "rule", "type"}));
    XJ_ASSIGN_OR_RETURN(TableRef standard, Table(root, "standard", "[standard]", true));
    XJ_RETURN_IF_ERROR(ParseHeader(TableReader(doc_, standard)));
    XJ_ASSIGN_OR_RETURN(TableRef line, Table(root, "line", "[line]", true));
    XJ_RETURN_IF_ERROR(ParseLine(TableReader(doc_, line)));
    XJ_ASSIGN_OR_RETURN(TableRef parameters, Table(root, "parameters", "[parameters]", false));
    if (parameters.table != nullptr) XJ_RETURN_IF_ERROR(ParseParameters(parameters));
    XJ_RETURN_IF_ERROR(ParseRules(root));
    XJ_RETURN_IF_ERROR(ParseTypes(root));
    return std::move(s_);
  }

 private:
  // A sub-table of `parent`; table == nullptr when absent and not required.
  Result<TableRef> Table(const TableReader& parent, std::string_view key, std::string where,
                         bool required) {
    const toml::node* node = parent.Find(key);
    if (node == nullptr) {
      if (!required) return TableRef{};
      return doc_.Error(Pos{}, "the file has no " + where + " table",
                        "add " + where + " (docs/standards.md shows a complete standard)");
    }
    if (!node->is_table()) {
      return doc_.Error(
          PosOf(*node),
          Quoted(key) + " must be a table, not " + std::string(strict_toml::TypeName(*node)),
          "write it as a table headed " + where);
    }
    return TableRef{node->as_table(), PosOf(*node), std::move(where)};
  }

  Status ParseHeader(const TableReader& t) {
    XJ_RETURN_IF_ERROR(t.CheckKeys({"province", "county", "year", "name"}));
    XJ_ASSIGN_OR_RETURN(auto province, t.String("province", true, "province = \"63\""));
    s_.province = province->get();
    if (std::find(kProvinces.begin(), kProvinces.end(), s_.province) == kProvinces.end()) {
      return t.Error(PosOf(*province),
                     "province " + Quoted(s_.province) + " is not a province code",
                     "write the two-digit code of a province, e.g. province = \"63\" for Qinghai");
    }
    XJ_ASSIGN_OR_RETURN(auto county, t.String("county", false, "county = \"630102\""));
    if (county != nullptr) XJ_RETURN_IF_ERROR(CheckCounty(t, *county));
    XJ_ASSIGN_OR_RETURN(auto year, t.Get<int64_t>("year", true, "an integer", "year = 2024"));
    if (year->get() < kFirstYear || year->get() > kLastYear) {
      return t.Error(
          PosOf(*year), "year " + std::to_string(year->get()) + " is out of range",
          "write a year from " + std::to_string(kFirstYear) + " to " + std::to_string(kLastYear));
    }
    s_.year = static_cast<int>(year->get());
    XJ_ASSIGN_OR_RETURN(auto name,
                        t.String("name", true, "name = \"青海省2024年防止返贫监测标准\""));
    s_.name = name->get();
    return Status::Ok();
  }

  Status CheckCounty(const TableReader& t, const toml::value<std::string>& county) {
    const std::string& c = county.get();
    auto code = RegionCode::Parse(c);
    const std::string what_to_do =
        "write the 6-digit code of a county of province " + s_.province +
        " (xianjie regions --level county lists them), or leave 'county' out for the whole "
        "province";
    if (c.size() != 6 || !code.ok() || code->level() != RegionLevel::kCounty) {
      return t.Error(PosOf(county), "county " + Quoted(c) + " is not a county code", what_to_do);
    }
    if (!c.starts_with(s_.province)) {
      return t.Error(PosOf(county),
                     "county " + Quoted(c) + " is not in province " + Quoted(s_.province),
                     what_to_do);
    }
    // The built-in region table is authoritative for the provinces it covers (Qinghai).
    const registry::RegionTable& regions = registry::RegionTable::BuiltIn();
    if (regions.Find(std::string_view(s_.province)) != nullptr && regions.Find(*code) == nullptr) {
      return t.Error(
          PosOf(county),
          "county " + Quoted(c) + " is not in the region table of province " + s_.province,
          what_to_do);
    }
    s_.county = c;
    return Status::Ok();
  }

  Status ParseLine(const TableReader& t) {
    XJ_RETURN_IF_ERROR(t.CheckKeys({"amount", "dibao_multiple", "dibao_annual", "placeholder"}));
    LineDefinition& line = s_.line_definition;
    XJ_ASSIGN_OR_RETURN(auto amount, t.String("amount", false, "amount = \"7500.00\""));
    XJ_ASSIGN_OR_RETURN(auto multiple,
                        t.String("dibao_multiple", false, "dibao_multiple = \"1.5\""));
    XJ_ASSIGN_OR_RETURN(auto annual, t.String("dibao_annual", false, "dibao_annual = \"5600.00\""));
    constexpr std::string_view kForms =
        "give either amount = \"7500.00\", or dibao_multiple = \"1.5\" with dibao_annual = "
        "\"5600.00\"";
    if (amount != nullptr && (multiple != nullptr || annual != nullptr)) {
      const auto* other = multiple != nullptr ? multiple : annual;
      return t.Error(PosOf(*other),
                     "[line] has both 'amount' and " +
                         Quoted(multiple != nullptr ? "dibao_multiple" : "dibao_annual"),
                     kForms);
    }
    if (amount == nullptr && multiple == nullptr && annual == nullptr) {
      return t.Error(t.ref().pos, "[line] has no 'amount'", kForms);
    }
    if (amount != nullptr) {
      XJ_ASSIGN_OR_RETURN(line.amount, PositiveMoney(t, "amount", *amount));
    } else {
      if (multiple == nullptr || annual == nullptr) {
        return t.Error(t.ref().pos,
                       std::string("[line] has ") +
                           (multiple == nullptr ? "'dibao_annual' but no 'dibao_multiple'"
                                                : "'dibao_multiple' but no 'dibao_annual'"),
                       "a line as a multiple of the minimum allowance needs both: "
                       "dibao_multiple = \"1.5\" and dibao_annual = \"5600.00\" (yuan a year)");
      }
      XJ_ASSIGN_OR_RETURN(line.dibao_multiple, PositiveDecimal(t, "dibao_multiple", *multiple));
      XJ_ASSIGN_OR_RETURN(line.dibao_annual, PositiveMoney(t, "dibao_annual", *annual));
    }
    XJ_ASSIGN_OR_RETURN(line.placeholder, t.Bool("placeholder", false));
    auto resolved = ResolveLine(line);
    if (!resolved.ok()) {
      return t.Error(t.ref().pos, resolved.status().message(), "change the line in [line]");
    }
    s_.line = *resolved;
    return Status::Ok();
  }

  Result<Money> PositiveMoney(const TableReader& t, std::string_view key,
                              const toml::value<std::string>& text) {
    auto money = ParseMoney(text.get(), Sign::kAny);
    const std::string where = Quoted(key) + " in " + t.ref().where;
    if (!money.ok()) return t.Error(PosOf(text), where + ": " + money.status().message(), "");
    if (money->fen() <= 0) {
      return t.Error(PosOf(text), where + " must be more than 0", "write yuan, like \"7500.00\"");
    }
    return *money;
  }

  Result<Decimal> PositiveDecimal(const TableReader& t, std::string_view key,
                                  const toml::value<std::string>& text) {
    auto d = ParseDecimal(text.get());
    const std::string where = Quoted(key) + " in " + t.ref().where;
    if (!d.ok()) return t.Error(PosOf(text), where + ": " + d.status().message(), "");
    if (d->units <= 0) {
      return t.Error(PosOf(text), where + " must be more than 0", "write a number, like \"1.5\"");
    }
    return *d;
  }

  // A name that expressions use: a parameter or a rule id.
  Status CheckName(const TableReader& t, Pos pos, std::string_view kind, std::string_view name) {
    if (!IsShortIdentifier(name)) {
      return t.Error(pos, std::string(kind) + " " + Quoted(name) + " is not a valid name",
                     "use up to 64 lower-case letters, digits and '_', starting with a letter "
                     "(like income_drop_fraction)");
    }
    if (std::string_view meaning = LanguageMeaning(name); !meaning.empty()) {
      return t.Error(pos,
                     std::string(kind) + " " + Quoted(name) + " clashes with " +
                         std::string(meaning) + " of the rule language",
                     "choose another name (docs/rules-language.md lists the names in use)");
    }
    return Status::Ok();
  }

  Status ParseParameters(const TableRef& ref) {
    TableReader t(doc_, ref);
    for (const Entry& e : t.Entries()) {
      XJ_RETURN_IF_ERROR(CheckName(t, e.key_pos, "parameter name", e.key));
      if (!e.node->is_table()) {
        return t.Error(PosOf(*e.node),
                       "parameter " + Quoted(e.key) + " is " +
                           std::string(strict_toml::TypeName(*e.node)) + " without a type",
                       "write it with its type, like " + std::string(e.key) +
                           " = { decimal = \"0.5\" } (money, decimal, integer, date or boolean)");
      }
      XJ_ASSIGN_OR_RETURN(Parameter p,
                          ParseParameter(TableReader(doc_, {e.node->as_table(), PosOf(*e.node),
                                                            "parameter " + Quoted(e.key)})));
      p.name = std::string(e.key);
      names_[p.name] = e.key_pos;
      s_.parameters.push_back(std::move(p));
    }
    return Status::Ok();
  }

  Result<Parameter> ParseParameter(const TableReader& t) {
    XJ_RETURN_IF_ERROR(
        t.CheckKeys({"money", "decimal", "integer", "date", "boolean", "placeholder", "note"}));
    constexpr std::string_view kKinds =
        "give exactly one of money = \"15300.00\", decimal = \"0.5\", integer = 6, "
        "date = 2024-09-01 or boolean = true";
    const Entry* kind = nullptr;
    std::vector<Entry> entries = t.Entries();
    for (const Entry& e : entries) {
      if (e.key == "placeholder" || e.key == "note") continue;
      if (kind != nullptr) {
        return t.Error(
            e.key_pos,
            t.ref().where + " has two values, " + Quoted(kind->key) + " and " + Quoted(e.key),
            kKinds);
      }
      kind = &e;
    }
    if (kind == nullptr) return t.Error(t.ref().pos, t.ref().where + " has no value", kKinds);
    Parameter p;
    if (kind->key == "money") {
      XJ_ASSIGN_OR_RETURN(auto text, t.Get<std::string>("money", true, "a string of yuan",
                                                        "money = \"15300.00\" (yuan, quoted)"));
      auto money = ParseMoney(text->get(), Sign::kAny);
      if (!money.ok()) {
        return t.Error(PosOf(*text),
                       "'money' in " + t.ref().where + ": " + money.status().message(), "");
      }
      p.value = *money;
    } else if (kind->key == "decimal") {
      XJ_ASSIGN_OR_RETURN(auto text, t.Get<std::string>("decimal", true, "a string",
                                                        "decimal = \"0.5\" (quoted: exact)"));
      auto d = ParseDecimal(text->get());
      if (!d.ok()) {
        return t.Error(PosOf(*text), "'decimal' in " + t.ref().where + ": " + d.status().message(),
                       "");
      }
      p.value = *d;
    } else if (kind->key == "integer") {
      XJ_ASSIGN_OR_RETURN(auto n, t.Get<int64_t>("integer", true, "an integer", "integer = 6"));
      p.value = n->get();
    } else if (kind->key == "date") {
      XJ_ASSIGN_OR_RETURN(auto date, t.Get<toml::date>("date", true, "a date",
                                                       "date = 2024-09-01 (without quotes)"));
      const toml::date& d = date->get();
      p.value = CivilDate::FromYmd(d.year, d.month, d.day);
    } else {
      XJ_ASSIGN_OR_RETURN(auto b, t.Get<bool>("boolean", true, "a boolean", "boolean = true"));
      p.value = b->get();
    }
    XJ_ASSIGN_OR_RETURN(p.placeholder, t.Bool("placeholder", false));
    XJ_ASSIGN_OR_RETURN(auto note,
                        t.String("note", false, "note = \"where the value comes from\""));
    if (note != nullptr) p.note = note->get();
    return p;
  }

  // `key` of `parent` as an array of tables ([[rule]]); empty when absent.
  Result<std::vector<TableRef>> ArrayOfTables(const TableReader& parent, std::string_view key,
                                              std::string_view noun) {
    std::vector<TableRef> tables;
    const toml::node* node = parent.Find(key);
    if (node == nullptr) return tables;
    const toml::array* array = node->as_array();
    if (array == nullptr) {
      return doc_.Error(
          PosOf(*node),
          Quoted(key) + " must be an array of tables, not " +
              std::string(strict_toml::TypeName(*node)),
          "head each " + std::string(noun) + " with [[" + std::string(key) + "]] (two brackets)");
    }
    for (size_t i = 0; i < array->size(); ++i) {
      const toml::node& element = *array->get(i);
      if (!element.is_table()) {
        return doc_.Error(PosOf(element),
                          std::string(noun) + " " + std::to_string(i + 1) + " is " +
                              std::string(strict_toml::TypeName(element)) + ", not a table",
                          "head each " + std::string(noun) + " with [[" + std::string(key) + "]]");
      }
      tables.push_back(
          {element.as_table(), PosOf(element), std::string(noun) + " " + std::to_string(i + 1)});
    }
    return tables;
  }

  Status ParseRules(const TableReader& root) {
    XJ_ASSIGN_OR_RETURN(std::vector<TableRef> tables, ArrayOfTables(root, "rule", "rule"));
    if (tables.empty()) {
      return doc_.Error(Pos{}, "the standard has no [[rule]]",
                        "add at least one rule (docs/standards.md shows the default rules)");
    }
    for (TableRef& ref : tables) {
      TableReader t(doc_, ref);
      XJ_RETURN_IF_ERROR(t.CheckKeys({"id", "label_zh", "label_en", "when", "risks"}));
      XJ_ASSIGN_OR_RETURN(auto id, t.String("id", true, "id = \"income_below_line\""));
      RuleDefinition rule;
      rule.id = id->get();
      XJ_RETURN_IF_ERROR(CheckName(t, PosOf(*id), "rule id", rule.id));
      if (auto it = names_.find(rule.id); it != names_.end()) {
        return t.Error(
            PosOf(*id),
            "rule id " + Quoted(rule.id) + " is already used (" + LineText(it->second) + ")",
            "give each rule and parameter its own name");
      }
      names_[rule.id] = PosOf(*id);
      ref.where = "rule " + Quoted(rule.id);
      TableReader named(doc_, ref);
      XJ_ASSIGN_OR_RETURN(auto zh, named.String("label_zh", true, "label_zh = \"收入低于监测线\""));
      XJ_ASSIGN_OR_RETURN(auto en,
                          named.String("label_en", true, "label_en = \"income below the line\""));
      XJ_ASSIGN_OR_RETURN(auto when,
                          named.String("when", true, "when = \"net_income < line * members\""));
      rule.label_zh = zh->get();
      rule.label_en = en->get();
      rule.when = when->get();
      rule.source_line = doc_.TextLine(*when);
      XJ_ASSIGN_OR_RETURN(rule.risks, ParseRisks(named));
      s_.rules.push_back(std::move(rule));
    }
    return Status::Ok();
  }

  Result<std::vector<RiskSuggestion>> ParseRisks(const TableReader& rule) {
    std::vector<RiskSuggestion> risks;
    XJ_ASSIGN_OR_RETURN(std::vector<TableRef> tables, ArrayOfTables(rule, "risks", "risk"));
    for (size_t i = 0; i < tables.size(); ++i) {
      tables[i].where = "risk " + std::to_string(i + 1) + " of " + rule.ref().where;
      TableReader t(doc_, tables[i]);
      XJ_RETURN_IF_ERROR(t.CheckKeys({"risk", "when"}));
      XJ_ASSIGN_OR_RETURN(auto code, t.String("risk", true, "risk = \"R01\""));
      auto risk = registry::ParseCode<registry::RiskType>(code->get());
      if (!risk) {
        return t.Error(PosOf(*code), "unknown risk type " + Quoted(code->get()),
                       "write one of " + std::string(kRiskCodes));
      }
      if (!risks.empty() && risks.back().when.empty()) {
        return t.Error(t.ref().pos,
                       t.ref().where + " is never chosen: the risk before it has no 'when'",
                       "give the earlier risk a 'when', or move the one without 'when' last");
      }
      RiskSuggestion suggestion;
      suggestion.risk = std::string(registry::CodeOf(*risk));
      XJ_ASSIGN_OR_RETURN(auto when, t.String("when", false, "when = \"rigid_medical > 0\""));
      if (when != nullptr) {
        suggestion.when = when->get();
        suggestion.source_line = doc_.TextLine(*when);
      }
      risks.push_back(std::move(suggestion));
    }
    return risks;
  }

  Status ParseTypes(const TableReader& root) {
    XJ_ASSIGN_OR_RETURN(std::vector<TableRef> tables, ArrayOfTables(root, "type", "type"));
    std::map<std::string, Pos> seen;
    for (TableRef& ref : tables) {
      TableReader t(doc_, ref);
      XJ_RETURN_IF_ERROR(t.CheckKeys({"code", "when"}));
      XJ_ASSIGN_OR_RETURN(auto code, t.String("code", true, "code = \"marginal\""));
      auto type = registry::ParseCode<registry::ObjectType>(code->get());
      if (!type) {
        return t.Error(PosOf(*code), "unknown object type " + Quoted(code->get()),
                       "write one of " + std::string(kTypeCodes));
      }
      TypeDefinition def;
      def.code = std::string(registry::CodeOf(*type));
      if (auto it = seen.find(def.code); it != seen.end()) {
        return t.Error(
            PosOf(*code),
            "type " + Quoted(def.code) + " is already defined (" + LineText(it->second) + ")",
            "define each type once, in priority order");
      }
      seen[def.code] = PosOf(*code);
      ref.where = "type " + Quoted(def.code);
      TableReader named(doc_, ref);
      XJ_ASSIGN_OR_RETURN(auto when, named.String("when", true, "when = \"income_below_line\""));
      def.when = when->get();
      def.source_line = doc_.TextLine(*when);
      s_.types.push_back(std::move(def));
    }
    return Status::Ok();
  }

  strict_toml::Document doc_;
  Standard s_;
  std::map<std::string, Pos, std::less<>> names_;  // parameters and rule ids
};

}  // namespace

Result<Standard> ParseStandardToml(std::string_view text, std::string origin) {
  XJ_ASSIGN_OR_RETURN(Standard s, StandardParser(text, origin).Parse());
  s.origin = std::move(origin);
  s.toml = std::string(text);
  s.content_hash = StandardContentHash(s);
  return s;
}

}  // namespace xianjie::rules
