// Reading the tables of a Document with messages that name the key by its path, as source
// contracts (ingest/source_contract.h) and the checks file (exchange/checks.h) word them:
// "<origin>:<line>:<col>: <key path>: <what>; <what to do>", e.g. "checks.toml:5:1:
// check[0].buitin: unknown key; did you mean 'builtin'? the keys here are id, ...".
#ifndef XIANJIE_STRICT_TOML_PATH_READER_H_
#define XIANJIE_STRICT_TOML_PATH_READER_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "strict_toml/document.h"

namespace xianjie::strict_toml {

// Reads any table of one document (which must outlive it). `path` arguments name the table
// ("" for the root, "columns[2]"); errors name `path`.`key`. Thread-safe (const).
class PathReader {
 public:
  explicit PathReader(const Document& doc) : doc_(doc) {}

  const Document& doc() const { return doc_; }

  // "<origin>:<line>:<col>: <path>: <what>; <what to do>" as kInvalidArgument (without "; " if
  // `what_to_do` is empty).
  Status Error(Pos pos, std::string_view path, std::string_view what,
               std::string_view what_to_do) const;

  // "<path>.<key>", or "<key>" at the root.
  static std::string Path(std::string_view path, std::string_view key);
  // "<path>[<i>]".
  static std::string Indexed(std::string_view path, size_t i);

  // An error for the first key of `table` (in text order) not in `allowed`: "<path>.<key>:
  // unknown key; [did you mean '<closest>'? ]the keys here are <allowed>", at the key.
  Status CheckKeys(const toml::table& table, std::string_view path,
                   std::span<const std::string_view> allowed) const;

  // The string value of `key`: "missing; add <example>" at `table_pos` when absent and
  // `required` ("" when absent and not), "must be a string, not <type>; write <example>", "is
  // empty; write <example>" when it is blank (only white space).
  Result<std::string> String(const toml::table& table, Pos table_pos, std::string_view path,
                             std::string_view key, bool required, std::string_view example) const;
  // The same for an optional key whose value may be blank: "" when absent, the text as written.
  Result<std::string> StringMayBeBlank(const toml::table& table, std::string_view path,
                                       std::string_view key, std::string_view example) const;
  // A boolean, `absent` when the key is not there: "must be true or false, not <type>; write
  // <key> = true".
  Result<bool> Bool(const toml::table& table, std::string_view path, std::string_view key,
                    bool absent) const;

  // The tables of the array `key` of `table` ([[key]] or an inline array of tables); empty if
  // absent. "must be an array of tables, not <type>; <what_to_do>" at the value, "<key>[i]: must
  // be a table, not <type>; <item_what_to_do>" at the item.
  Result<std::vector<const toml::table*>> ArrayOfTables(const toml::table& table,
                                                        std::string_view path, std::string_view key,
                                                        std::string_view what_to_do,
                                                        std::string_view item_what_to_do) const;

 private:
  Result<const toml::value<std::string>*> StringNode(const toml::table& table, Pos table_pos,
                                                     std::string_view path, std::string_view key,
                                                     bool required, std::string_view example) const;

  const Document& doc_;
};

}  // namespace xianjie::strict_toml

#endif  // XIANJIE_STRICT_TOML_PATH_READER_H_
