// Reading the keys of one table of a Document with messages that name the table in words, as
// the monitoring standards word them (rules/standard_toml.h): "63-2024.toml:12:3: unknown key
// 'wehn' in rule 'low'; did you mean 'when'? rule 'low' takes id, when, ...". Values of the wrong
// TOML type are never converted.
#ifndef XIANJIE_STRICT_TOML_TABLE_READER_H_
#define XIANJIE_STRICT_TOML_TABLE_READER_H_

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "strict_toml/document.h"

namespace xianjie::strict_toml {

// A table being read and how messages call it ("[line]", "parameter 'x'", "rule 'income_drop'").
struct TableRef {
  const toml::table* table = nullptr;
  Pos pos;
  std::string where;
};

// Reads the keys of one table for one document (which must outlive it).
class TableReader {
 public:
  TableReader(const Document& doc, TableRef ref) : doc_(doc), ref_(std::move(ref)) {}

  const TableRef& ref() const { return ref_; }
  // The keys in the order they appear in the text.
  std::vector<Entry> Entries() const { return EntriesInTextOrder(*ref_.table); }
  const toml::node* Find(std::string_view key) const { return ref_.table->get(key); }

  // An error for the first key (in text order) that is not in `allowed`: "unknown key '<key>' in
  // <where>; [did you mean '<closest>'? ]<where> takes <allowed>", at the key.
  Status CheckKeys(std::initializer_list<std::string_view> allowed) const;
  // "<where> has no '<key>'; add <example>", at the table.
  Status Missing(std::string_view key, std::string_view example) const;
  // "'<key>' in <where> must be <expected>, not <actual>; write <example>", at the value.
  Status WrongType(std::string_view key, const toml::node& node, std::string_view expected,
                   std::string_view example) const;

  // The value of `key` if it has TOML type T; nullptr if absent and not `required`. `expected`
  // and `example` word the error ("a string", "name = \"...\"").
  template <typename T>
  Result<const toml::value<T>*> Get(std::string_view key, bool required, std::string_view expected,
                                    std::string_view example) const {
    const toml::node* node = Find(key);
    if (node == nullptr) {
      if (required) return Missing(key, example);
      return static_cast<const toml::value<T>*>(nullptr);
    }
    const toml::value<T>* value = node->as<T>();
    if (value == nullptr) return WrongType(key, *node, expected, example);
    return value;
  }

  // A required or optional non-empty string (whitespace only counts as empty).
  Result<const toml::value<std::string>*> String(std::string_view key, bool required,
                                                 std::string_view example) const;
  // An optional boolean, `fallback` when absent.
  Result<bool> Bool(std::string_view key, bool fallback) const;

  Status Error(Pos pos, std::string_view what, std::string_view what_to_do) const {
    return doc_.Error(pos, what, what_to_do);
  }

 private:
  const Document& doc_;
  TableRef ref_;
};

}  // namespace xianjie::strict_toml

#endif  // XIANJIE_STRICT_TOML_TABLE_READER_H_
