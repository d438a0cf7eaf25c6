// The TOML parser of source contracts (source_contract.h). Strict like the standards' parser:
// every key is known, typed and checked, and every message names the file, the position and the
// key path ("columns[2].type").
#include "ingest/source_contract.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "ingest/source_headers.h"
#include "registry/codes.h"
#include "strict_toml/document.h"
#include "strict_toml/path_reader.h"

namespace xianjie::ingest {
namespace {

using strict_toml::EntriesInTextOrder;
using strict_toml::Entry;
using strict_toml::JoinedNames;
using strict_toml::PathReader;
using strict_toml::Pos;
using strict_toml::PosOf;
using strict_toml::TypeName;

constexpr std::string_view kKeys[] = {"id_number", "household_id"};
constexpr std::string_view kFrequencies[] = {"daily",     "weekly", "monthly",
                                             "quarterly", "yearly", "on_event"};
constexpr std::string_view kTypes[] = {"id_number", "household_id", "text", "money", "date",
                                       "integer",   "decimal",      "bool", "enum"};
constexpr std::string_view kFunctions[] = {"sum", "max", "min", "count", "any", "latest"};
constexpr std::string_view kPeriodUnits[] = {"day", "week", "month", "quarter", "year"};

template <size_t N>
int IndexOf(const std::string_view (&names)[N], std::string_view word) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == word) return static_cast<int>(i);
  }
  return -1;
}

bool IsIdentifier(std::string_view s) {
  if (s.empty() || !(std::islower(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) ||
           std::isdigit(static_cast<unsigned char>(c)) || c == '_';
  });
}

// A name that must be an identifier.
Result<std::string> Name(const PathReader& r, const toml::table& table, Pos table_pos,
                         std::string_view path, std::string_view key, std::string_view example) {
  XJ_ASSIGN_OR_RETURN(std::string name, r.String(table, table_pos, path, key, true, example));
  if (!IsIdentifier(name)) {
    return r.Error(PosOf(*table.get(key)), PathReader::Path(path, key),
                   "'" + name + "' is not a name",
                   "use lower-case ASCII letters, digits and '_', starting with a letter");
  }
  return name;
}

// A word of `names` (the value of an enumerated key).
template <size_t N>
Result<int> Choice(const PathReader& r, const toml::table& table, Pos table_pos,
                   std::string_view path, std::string_view key, const std::string_view (&names)[N],
                   std::string_view what) {
  XJ_ASSIGN_OR_RETURN(std::string word,
                      r.String(table, table_pos, path, key, true,
                               std::string(key) + " = \"" + std::string(names[0]) + "\""));
  int i = IndexOf(names, word);
  if (i < 0) {
    return r.Error(PosOf(*table.get(key)), PathReader::Path(path, key),
                   "unknown " + std::string(what) + " '" + word + "'",
                   "use one of " + JoinedNames(names));
  }
  return i;
}

// The array of tables under `key` ([[fact]] or an inline array of tables); empty if absent.
Result<std::vector<const toml::table*>> Tables(const PathReader& r, const toml::table& root,
                                               std::string_view key, std::string_view example) {
  const std::string what_to_do = "write " + std::string(example);
  return r.ArrayOfTables(root, "", key, what_to_do, what_to_do);
}

Result<ContractColumn> ParseColumn(const PathReader& r, const toml::table& t,
                                   const std::string& path) {
  static constexpr std::string_view kColumnKeys[] = {"name", "header",   "aliases",
                                                     "type", "required", "values"};
  XJ_RETURN_IF_ERROR(r.CheckKeys(t, path, kColumnKeys));
  const Pos pos = PosOf(t.source());
  ContractColumn c;
  XJ_ASSIGN_OR_RETURN(c.name, Name(r, t, pos, path, "name", "name = \"id_number\""));
  XJ_ASSIGN_OR_RETURN(c.header, r.String(t, pos, path, "header", true, "header = \"身份证号\""));
  if (FoldHeader(c.header).empty()) {  // only spaces of some kind: no file could match it
    return r.Error(PosOf(t.get("header")->source()), PathReader::Path(path, "header"), "is empty",
                   "write header = \"身份证号\"");
  }
  XJ_ASSIGN_OR_RETURN(int type, Choice(r, t, pos, path, "type", kTypes, "type"));
  c.type = static_cast<ColumnType>(type);
  XJ_ASSIGN_OR_RETURN(c.required, r.Bool(t, path, "required", c.required));
  if (const toml::node* aliases = t.get("aliases")) {
    const toml::array* a = aliases->as_array();
    if (a == nullptr) {
      return r.Error(PosOf(aliases->source()), PathReader::Path(path, "aliases"),
                     "must be an array of strings, not " + std::string(TypeName(*aliases)),
                     "write aliases = [\"公民身份号码\"]");
    }
    for (size_t i = 0; i < a->size(); ++i) {
      const toml::node& item = (*a)[i];
      const auto* s = item.as_string();
      if (s == nullptr || FoldHeader(s->get()).empty()) {
        return r.Error(PosOf(item.source()),
                       PathReader::Indexed(PathReader::Path(path, "aliases"), i),
                       s == nullptr ? "must be a string, not " + std::string(TypeName(item))
                                    : std::string("is empty"),
                       "write aliases = [\"公民身份号码\"]");
      }
      c.aliases.push_back(s->get());
    }
  }
  const toml::node* values = t.get("values");
  if (c.type == ColumnType::kEnum) {
    if (values == nullptr) {
      return r.Error(pos, PathReader::Path(path, "values"), "missing for an enum column",
                     "add values = { \"是\" = \"true\", \"否\" = \"false\" }");
    }
    const toml::table* vt = values->as_table();
    if (vt == nullptr || vt->empty()) {
      return r.Error(PosOf(values->source()), PathReader::Path(path, "values"),
                     vt == nullptr ? "must be a table, not " + std::string(TypeName(*values))
                                   : std::string("is empty"),
                     "write values = { \"是\" = \"true\", \"否\" = \"false\" }");
    }
    for (auto&& [label, node] : *vt) {
      const auto* s = node.as_string();
      std::string key_path =
          PathReader::Path(path, "values") + ".\"" + std::string(label.str()) + "\"";
      if (s == nullptr || s->get().empty()) {
        return r.Error(PosOf(node.source()), key_path,
                       s == nullptr ? "must be a string, not " + std::string(TypeName(node))
                                    : std::string("is empty"),
                       "write the value the label stands for, e.g. \"是\" = \"true\"");
      }
    }
    for (const Entry& e : EntriesInTextOrder(*vt)) {
      c.values.push_back({std::string(e.key), e.node->as_string()->get()});
    }
  } else if (values != nullptr) {
    return r.Error(PosOf(values->source()), PathReader::Path(path, "values"),
                   "only an enum column has values",
                   "remove values, or make the column type = \"enum\"");
  }
  return c;
}

// "<fn>(<column>)[ over <n> months]".
Status ParseAggregate(const PathReader& r, Pos pos, const std::string& path,
                      const SourceContract& contract, ContractFact& f) {
  const std::string example = "aggregate = \"sum(out_of_pocket) over 12 months\"";
  std::string_view a = f.aggregate;
  size_t open = a.find('(');
  size_t close = a.find(')');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) {
    return r.Error(pos, path, "'" + f.aggregate + "' is not <function>(<column>)",
                   "write " + example);
  }
  f.function = std::string(a.substr(0, open));
  f.column = std::string(a.substr(open + 1, close - open - 1));
  if (IndexOf(kFunctions, f.function) < 0) {
    return r.Error(pos, path, "unknown function '" + f.function + "'",
                   "use one of " + JoinedNames(kFunctions));
  }
  if (f.column == "*") {
    if (f.function != "count") {
      return r.Error(pos, path, "only count takes *", "name a column: " + example);
    }
  } else {
    const ContractColumn* c = contract.FindColumn(f.column);
    if (c == nullptr) {
      return r.Error(pos, path, "no column '" + f.column + "' is declared",
                     "aggregate one of the contract's columns");
    }
    const bool numeric = c->type == ColumnType::kMoney || c->type == ColumnType::kInteger ||
                         c->type == ColumnType::kDecimal;
    if ((f.function == "sum" || f.function == "max" || f.function == "min") && !numeric) {
      return r.Error(pos, path,
                     f.function + " needs a money, integer or decimal column; '" + f.column +
                         "' is " + std::string(ColumnTypeName(c->type)),
                     "use latest, any or count for other columns");
    }
  }
  std::string_view rest = a.substr(close + 1);
  if (rest.empty()) return Status::Ok();
  constexpr std::string_view kOver = " over ";
  constexpr std::string_view kMonths = " months";
  if (rest.starts_with(kOver) && rest.ends_with(kMonths) &&
      rest.size() > kOver.size() + kMonths.size()) {
    std::string_view n = rest.substr(kOver.size(), rest.size() - kOver.size() - kMonths.size());
    if (n.size() <= 3 && std::all_of(n.begin(), n.end(), [](char ch) {
          return std::isdigit(static_cast<unsigned char>(ch));
        })) {
      f.months = std::stoi(std::string(n));
      if (f.months >= 1 && f.months <= 120) return Status::Ok();
    }
  }
  return r.Error(pos, path, "'" + f.aggregate + "' must end with \" over <1-120> months\" or ')'",
                 "write " + example);
}

Status CheckDateColumn(const PathReader& r, Pos pos, const std::string& path,
                       const SourceContract& contract, std::string_view column) {
  const ContractColumn* c = contract.FindColumn(column);
  if (c == nullptr) {
    return r.Error(pos, path, "no column '" + std::string(column) + "' is declared",
                   "name a date column of the contract");
  }
  if (c->type != ColumnType::kDate) {
    return r.Error(pos, path,
                   "column '" + std::string(column) + "' is " +
                       std::string(ColumnTypeName(c->type)) + ", not a date",
                   "name a date column of the contract");
  }
  return Status::Ok();
}

}  // namespace

std::string_view SourceKeyName(SourceKey key) { return kKeys[static_cast<size_t>(key)]; }
std::string_view SourceFrequencyName(SourceFrequency f) {
  return kFrequencies[static_cast<size_t>(f)];
}
std::string_view ColumnTypeName(ColumnType type) { return kTypes[static_cast<size_t>(type)]; }

const ContractColumn* SourceContract::FindColumn(std::string_view column_name) const {
  for (const ContractColumn& c : columns) {
    if (c.name == column_name) return &c;
  }
  return nullptr;
}

const ContractColumn& SourceContract::KeyColumn() const {
  const ColumnType want =
      key == SourceKey::kIdNumber ? ColumnType::kIdNumber : ColumnType::kHouseholdId;
  for (const ContractColumn& c : columns) {
    if (c.type == want) return c;
  }
  return columns.front();  // unreachable for a parsed contract
}

Result<SourceContract> ParseSourceContract(std::string_view text, std::string origin) {
  strict_toml::Document doc(text, std::move(origin));
  XJ_RETURN_IF_ERROR(doc.Parse({.what_to_do = "fix the TOML syntax "
                                              "(config/sources/medical_insurance.toml is a "
                                              "complete contract)"}));
  const PathReader r(doc);
  const toml::table& root = doc.root();
  static constexpr std::string_view kTopKeys[] = {"name", "title",   "department", "frequency",
                                                  "key",  "period",  "event_date", "columns",
                                                  "fact", "warning", "update"};
  XJ_RETURN_IF_ERROR(r.CheckKeys(root, "", kTopKeys));
  const Pos top{1, 1};
  SourceContract c;
  c.origin = doc.origin();
  XJ_ASSIGN_OR_RETURN(c.name, Name(r, root, top, "", "name", "name = \"medical_insurance\""));
  XJ_ASSIGN_OR_RETURN(c.title, r.String(root, top, "", "title", true, "title = \"…\""));
  XJ_ASSIGN_OR_RETURN(c.department,
                      r.String(root, top, "", "department", true, "department = \"医疗保障局\""));
  XJ_ASSIGN_OR_RETURN(int frequency,
                      Choice(r, root, top, "", "frequency", kFrequencies, "frequency"));
  c.frequency = static_cast<SourceFrequency>(frequency);
  XJ_ASSIGN_OR_RETURN(int key, Choice(r, root, top, "", "key", kKeys, "key"));
  c.key = static_cast<SourceKey>(key);
  XJ_ASSIGN_OR_RETURN(c.period,
                      r.String(root, top, "", "period", true, "period = \"month_of:settled_on\""));
  XJ_ASSIGN_OR_RETURN(c.event_date, r.StringMayBeBlank(root, "", "event_date", ""));

  // Columns: names unique, headers and aliases unique after folding.
  if (root.get("columns") == nullptr) {
    return r.Error(top, "columns", "missing",
                   "add columns = [ { name = \"id_number\", header = \"身份证号\", type = "
                   "\"id_number\", required = true } ]");
  }
  XJ_ASSIGN_OR_RETURN(auto column_tables,
                      Tables(r, root, "columns",
                             "columns = [ { name = \"id_number\", header = \"身份证号\", type = "
                             "\"id_number\", required = true } ]"));
  std::map<std::string, std::string> owner_of_header;  // folded header -> "columns[i].header"
  for (size_t i = 0; i < column_tables.size(); ++i) {
    const std::string path = PathReader::Indexed("columns", i);
    XJ_ASSIGN_OR_RETURN(ContractColumn col, ParseColumn(r, *column_tables[i], path));
    const Pos pos = PosOf(column_tables[i]->source());
    if (c.FindColumn(col.name) != nullptr) {
      return r.Error(pos, path + ".name", "column '" + col.name + "' is declared twice",
                     "give each column its own name");
    }
    std::vector<std::pair<std::string, std::string>> names = {{col.header, path + ".header"}};
    for (size_t j = 0; j < col.aliases.size(); ++j) {
      names.emplace_back(col.aliases[j], PathReader::Indexed(path + ".aliases", j));
    }
    for (const auto& [header, where] : names) {
      auto [it, inserted] = owner_of_header.emplace(FoldHeader(header), where);
      if (!inserted) {
        return r.Error(pos, where, "header '" + header + "' is already used by " + it->second,
                       "a header or alias may name only one column");
      }
    }
    c.columns.push_back(std::move(col));
  }
  if (c.columns.empty()) {
    return r.Error(PosOf(root.get("columns")->source()), "columns", "is empty",
                   "declare at least the key column");
  }
  const ColumnType key_type =
      c.key == SourceKey::kIdNumber ? ColumnType::kIdNumber : ColumnType::kHouseholdId;
  auto key_column = std::find_if(c.columns.begin(), c.columns.end(),
                                 [&](const ContractColumn& col) { return col.type == key_type; });
  if (key_column == c.columns.end() || !key_column->required) {
    return r.Error(PosOf(root.get("key")->source()), "key",
                   key_column == c.columns.end()
                       ? "no column has type \"" + std::string(SourceKeyName(c.key)) + "\""
                       : "the key column '" + key_column->name + "' is not required",
                   "declare the key column with type = \"" + std::string(SourceKeyName(c.key)) +
                       "\" and required = true");
  }

  // Period and event date name date columns.
  const Pos period_pos = PosOf(root.get("period")->source());
  if (c.period != "upload") {
    size_t colon = c.period.find(':');
    std::string unit = colon == std::string::npos ? "" : c.period.substr(0, colon);
    if (colon == std::string::npos || !unit.ends_with("_of") ||
        IndexOf(kPeriodUnits, unit.substr(0, unit.size() - 3)) < 0) {
      return r.Error(period_pos, "period", "'" + c.period + "' is not <unit>_of:<date column>",
                     "write \"month_of:<date column>\" (unit day, week, month, quarter or year) "
                     "or \"upload\"");
    }
    XJ_RETURN_IF_ERROR(CheckDateColumn(r, period_pos, "period", c, c.period.substr(colon + 1)));
  }
  if (!c.event_date.empty()) {
    XJ_RETURN_IF_ERROR(
        CheckDateColumn(r, PosOf(root.get("event_date")->source()), "event_date", c, c.event_date));
  }

  // Facts.
  XJ_ASSIGN_OR_RETURN(auto fact_tables, Tables(r, root, "fact", "[[fact]] name = \"…\""));
  for (size_t i = 0; i < fact_tables.size(); ++i) {
    static constexpr std::string_view kFactKeys[] = {"name", "aggregate"};
    const std::string path = PathReader::Indexed("fact", i);
    const toml::table& t = *fact_tables[i];
    const Pos pos = PosOf(t.source());
    XJ_RETURN_IF_ERROR(r.CheckKeys(t, path, kFactKeys));
    ContractFact f;
    XJ_ASSIGN_OR_RETURN(f.name,
                        Name(r, t, pos, path, "name", "name = \"medical_out_of_pocket_12m\""));
    XJ_ASSIGN_OR_RETURN(f.aggregate, r.String(t, pos, path, "aggregate", true,
                                              "aggregate = \"sum(out_of_pocket) over 12 months\""));
    XJ_RETURN_IF_ERROR(
        ParseAggregate(r, PosOf(t.get("aggregate")->source()), path + ".aggregate", c, f));
    for (const ContractFact& other : c.facts) {
      if (other.name == f.name) {
        return r.Error(PosOf(t.get("name")->source()), path + ".name",
                       "fact '" + f.name + "' is declared twice", "give each fact its own name");
      }
    }
    c.facts.push_back(std::move(f));
  }

  // Warnings: `when` is kept as text for the rule language.
  XJ_ASSIGN_OR_RETURN(auto warning_tables, Tables(r, root, "warning", "[[warning]] when = \"…\""));
  for (size_t i = 0; i < warning_tables.size(); ++i) {
    static constexpr std::string_view kWarningKeys[] = {"when", "type", "risks", "message"};
    const std::string path = PathReader::Indexed("warning", i);
    const toml::table& t = *warning_tables[i];
    const Pos pos = PosOf(t.source());
    XJ_RETURN_IF_ERROR(r.CheckKeys(t, path, kWarningKeys));
    ContractWarning w;
    XJ_ASSIGN_OR_RETURN(w.when, r.String(t, pos, path, "when", true,
                                         "when = \"dept.<fact> > 0\" (the rule language)"));
    w.when_line = PosOf(t.get("when")->source()).line;
    XJ_ASSIGN_OR_RETURN(w.type, r.String(t, pos, path, "type", true, "type = \"sudden_hardship\""));
    auto type = registry::ParseCode<registry::ObjectType>(w.type);
    if (!type.has_value() || *type == registry::ObjectType::kGuaranteeGap) {
      return r.Error(PosOf(t.get("type")->source()), path + ".type",
                     "unknown object type '" + w.type + "'",
                     "use unstable_lifted, marginal or sudden_hardship");
    }
    w.type = std::string(registry::CodeOf(*type));
    if (const toml::node* risks = t.get("risks")) {
      const toml::array* a = risks->as_array();
      if (a == nullptr) {
        return r.Error(PosOf(risks->source()), path + ".risks",
                       "must be an array of strings, not " + std::string(TypeName(*risks)),
                       "write risks = [\"R01\"]");
      }
      for (size_t j = 0; j < a->size(); ++j) {
        const auto* s = (*a)[j].as_string();
        auto risk = s == nullptr ? std::nullopt : registry::ParseCode<registry::RiskType>(s->get());
        if (!risk.has_value()) {
          return r.Error(PosOf((*a)[j].source()), PathReader::Indexed(path + ".risks", j),
                         s == nullptr ? "must be a string, not " + std::string(TypeName((*a)[j]))
                                      : "unknown risk '" + s->get() + "'",
                         "use a risk code of DOMAIN.md §6 (R01 … R12, R99) or its label");
        }
        w.risks.emplace_back(registry::CodeOf(*risk));
      }
    }
    XJ_ASSIGN_OR_RETURN(w.message, r.String(t, pos, path, "message", true, "message = \"…\""));
    c.warnings.push_back(std::move(w));
  }

  // Updates.
  XJ_ASSIGN_OR_RETURN(auto update_tables, Tables(r, root, "update", "[[update]] field = \"…\""));
  for (size_t i = 0; i < update_tables.size(); ++i) {
    static constexpr std::string_view kUpdateKeys[] = {"field", "value", "column"};
    const std::string path = PathReader::Indexed("update", i);
    const toml::table& t = *update_tables[i];
    const Pos pos = PosOf(t.source());
    XJ_RETURN_IF_ERROR(r.CheckKeys(t, path, kUpdateKeys));
    ContractUpdate u;
    XJ_ASSIGN_OR_RETURN(u.field,
                        r.String(t, pos, path, "field", true, "field = \"member.med_insured\""));
    size_t dot = u.field.find('.');
    std::string scope = dot == std::string::npos ? "" : u.field.substr(0, dot);
    if ((scope != "member" && scope != "household") || !IsIdentifier(u.field.substr(dot + 1))) {
      return r.Error(PosOf(t.get("field")->source()), path + ".field",
                     "'" + u.field + "' is not member.<field> or household.<field>",
                     "write field = \"member.med_insured\"");
    }
    XJ_ASSIGN_OR_RETURN(u.value, r.StringMayBeBlank(t, path, "value", ""));
    XJ_ASSIGN_OR_RETURN(u.column, r.StringMayBeBlank(t, path, "column", ""));
    const bool has_value = t.get("value") != nullptr;
    const bool has_column = t.get("column") != nullptr;
    if (has_value == has_column) {
      return r.Error(pos, path,
                     has_value ? "both value and column are given" : "neither value nor column",
                     "give value = \"<literal>\" or column = \"<column name>\"");
    }
    if (has_column && c.FindColumn(u.column) == nullptr) {
      return r.Error(PosOf(t.get("column")->source()), path + ".column",
                     "no column '" + u.column + "' is declared",
                     "name one of the contract's columns");
    }
    c.updates.push_back(std::move(u));
  }
  return c;
}

}  // namespace xianjie::ingest
