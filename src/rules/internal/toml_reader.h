// Reading a parsed TOML document strictly: every error names the file, line and column, says what
// is wrong and what to do ("63-2024.toml:12:3: <what>; <what to do>"); unknown keys are errors,
// with a "did you mean" for typos; values of the wrong TOML type are never converted.
#ifndef XIANJIE_RULES_INTERNAL_TOML_READER_H_
#define XIANJIE_RULES_INTERNAL_TOML_READER_H_

#include <toml++/toml.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace xianjie::rules::internal {

// A place in the TOML text: 1-based line and column (the column counts characters, not bytes,
// as toml++ does).
struct Pos {
  int line = 1;
  int column = 1;
};
Pos PosOf(const toml::source_region& region);
inline Pos PosOf(const toml::node& node) { return PosOf(node.source()); }

// One key of a table with its value.
struct Entry {
  std::string_view key;
  Pos key_pos;
  const toml::node* node = nullptr;
};

// "a string", "an integer", "a floating-point number", ...: for "must be X, not Y" messages.
std::string_view TomlTypeName(const toml::node& node);

// The closest of `candidates` to `word` if it is a likely typo of it (a small edit distance),
// else empty.
std::string_view ClosestName(std::string_view word, std::initializer_list<std::string_view> names);

// Parses TOML text, keeping the origin for messages. A syntax error becomes kInvalidArgument
// "<origin>:<line>:<col>: TOML syntax: <toml++'s description>; <what to do>".
class TomlDocument {
 public:
  TomlDocument(std::string_view text, std::string origin)
      : text_(text), origin_(std::move(origin)) {}
  Status Parse();
  const toml::table& root() const { return root_; }
  std::string_view text() const { return text_; }

  // "<origin>:<line>:<col>: <what>; <what to do>" as kInvalidArgument (without "; " if `what_to_do`
  // is empty: `what` then says what to do itself).
  Status Error(Pos pos, std::string_view what, std::string_view what_to_do) const;

  // The line on which a string value's text begins: the line of its opening quote, or the next
  // one for a multi-line string whose opening quotes end their line (TOML drops that newline).
  int TextLine(const toml::node& string_node) const;

 private:
  std::string_view text_;
  std::string origin_;
  toml::table root_;
};

// A table being read and how messages call it ("[line]", "parameter 'x'", "rule 'income_drop'").
struct TableRef {
  const toml::table* table = nullptr;
  Pos pos;
  std::string where;
};

// Reads the keys of one table for one document.
class TableReader {
 public:
  TableReader(const TomlDocument& doc, TableRef ref) : doc_(doc), ref_(std::move(ref)) {}

  const TableRef& ref() const { return ref_; }
  // The keys in the order they appear in the text (toml++ keeps tables sorted by key).
  std::vector<Entry> Entries() const;
  const toml::node* Find(std::string_view key) const;

  // An error for the first key (in text order) that is not in `allowed`.
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
  const TomlDocument& doc_;
  TableRef ref_;
};

}  // namespace xianjie::rules::internal

#endif  // XIANJIE_RULES_INTERNAL_TOML_READER_H_
