// Contracts of department sources (decision 0006, DOMAIN.md §9.1): for each feed its columns with
// their Chinese headers and aliases, types, key, period, the facts it provides, the warnings it
// raises and the registry fields it updates, read from TOML (config/sources/<name>.toml) as
// strictly as standards are; and the contracts shipped in config/sources/, compiled into the
// binary.
#ifndef XIANJIE_INGEST_SOURCE_CONTRACT_H_
#define XIANJIE_INGEST_SOURCE_CONTRACT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace xianjie::ingest {

// What identifies the person or household a row is about.
enum class SourceKey : uint8_t { kIdNumber, kHouseholdId };
// How often a source should arrive.
enum class SourceFrequency : uint8_t { kDaily, kWeekly, kMonthly, kQuarterly, kYearly, kOnEvent };
// The type of a column's cells.
enum class ColumnType : uint8_t {
  kIdNumber,     // an 18-character resident ID number (GB 11643)
  kHouseholdId,  // the registry's household id
  kText,
  kMoney,  // yuan, at most two decimals
  kDate,   // 2026-03-01, 2026/3/1, 20260301 or an Excel serial
  kInteger,
  kDecimal,
  kBool,  // 1/0, 是/否, true/false
  kEnum,  // one of the labels of ContractColumn::values
};

// "id_number", "household_id"; "daily" … "on_event"; "id_number" … "enum": as in the TOML.
std::string_view SourceKeyName(SourceKey key);
std::string_view SourceFrequencyName(SourceFrequency frequency);
std::string_view ColumnTypeName(ColumnType type);

// One label of an enum column and the value it stands for ("是" = "true").
struct EnumValue {
  std::string label;
  std::string value;
};

struct ContractColumn {
  std::string name;                  // identifier used by facts, updates, period, event_date
  std::string header;                // the header departments write (身份证号)
  std::vector<std::string> aliases;  // other headers meaning the same (公民身份号码, 证件号码)
  ColumnType type = ColumnType::kText;
  bool required = false;
  std::vector<EnumValue> values;  // kEnum only: in the order of the TOML text
};

// What rules and checks can read, per person: `aggregate` is "<fn>(<column>)" with fn one of
// sum, max, min, count, any, latest (count(*) counts rows), optionally followed by
// " over <n> months".
struct ContractFact {
  std::string name;
  std::string aggregate;
  std::string function;  // "sum" …
  std::string column;    // the column aggregated, or "*"
  int months = 0;        // the window, 0 = the period of the row
};

// A department warning: `when` is rule-language text (§4.3), kept as written; it is compiled
// against the rule language when facts are bound (decision 0006, step 3), not here.
struct ContractWarning {
  std::string when;
  int when_line = 0;               // the line of `when` in the TOML, for later diagnostics
  std::string type;                // object type code (registry ObjectType): sudden_hardship …
  std::vector<std::string> risks;  // risk codes R01 …
  std::string message;
};

// A registry field an accepted row sets: "member.<field>" or "household.<field>", to the literal
// `value` or to the row's value of `column` (exactly one of the two is set).
struct ContractUpdate {
  std::string field;
  std::string value;
  std::string column;
};

struct SourceContract {
  std::string name;        // identifier; the file is config/sources/<name>.toml
  std::string title;       // shown in the UI
  std::string department;  // 医疗保障局 …
  SourceFrequency frequency = SourceFrequency::kMonthly;
  SourceKey key = SourceKey::kIdNumber;
  // How a row's period is derived: "<unit>_of:<date column>" (unit day, week, month, quarter,
  // year) or "upload" (the upload's month).
  std::string period;
  std::string event_date;  // a date column, or "" (timeliness then not measured)
  std::vector<ContractColumn> columns;
  std::vector<ContractFact> facts;
  std::vector<ContractWarning> warnings;
  std::vector<ContractUpdate> updates;
  std::string origin;  // the file it was read from, or "built-in"

  // The column named `column_name`, or nullptr.
  const ContractColumn* FindColumn(std::string_view column_name) const;
  // The key column: the first column whose type is the key's (the parser makes sure it exists
  // and is required).
  const ContractColumn& KeyColumn() const;
};

// Parses a contract from TOML text. Every failure is kInvalidArgument
// "<origin>:<line>:<col>: <key path>: <what is wrong>; <what to do>", for example
// "medical_insurance.toml:9:3: columns[2].type: unknown type 'monye'; use one of ...": TOML
// syntax, unknown keys (with the closest known one), missing required keys, values of the wrong
// TOML type, a name that is not an identifier, a bad frequency, key, column type or period, a
// duplicate column name, a header or alias used twice (after the folding MatchHeaders does), a
// key without its required column, enum `values` missing or on a non-enum column, a fact, an
// update, the period or the event date naming an undeclared column (or one of the wrong type),
// duplicate fact names, unknown risk or object-type codes. Warnings' `when` texts are only
// checked to be non-empty. Thread-safe.
Result<SourceContract> ParseSourceContract(std::string_view text, std::string origin);

// The contracts shipped in config/sources/ (embedded at build time), parsed once on first use
// (thread-safe), sorted by name; origin "config/sources/<name>.toml". A shipped file that does
// not parse is a bug: the process aborts with the message (a test parses them all).
const std::vector<SourceContract>& BuiltinContracts();
// The built-in contract named `name`, or nullptr.
const SourceContract* FindBuiltinContract(std::string_view name);
// The names of the built-in contracts in their order, joined by ", " ("agriculture,
// civil_affairs, ..."): what messages about an unknown source list.
std::string BuiltinContractNames();

}  // namespace xianjie::ingest

#endif  // XIANJIE_INGEST_SOURCE_CONTRACT_H_
