// Reading TOML files strictly (decision 0007): a parsed document that keeps its origin and text
// for messages "<origin>:<line>:<col>: <what>; <what to do>", source positions, the names of
// TOML types for "must be X, not Y", the keys of a table in text order and the first unknown one
// with its closest known key. The two readers over it word their messages each in the style of
// their files: table_reader.h (standards) and path_reader.h (source contracts, checks).
#ifndef XIANJIE_STRICT_TOML_DOCUMENT_H_
#define XIANJIE_STRICT_TOML_DOCUMENT_H_

#include <toml++/toml.h>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace xianjie::strict_toml {

// A place in the TOML text: 1-based line and column (the column counts characters, not bytes,
// as toml++ does).
struct Pos {
  int line = 1;
  int column = 1;
};
// toml++'s position, or 1 where it has none (tables created by dotted keys).
Pos PosOf(const toml::source_region& region);
inline Pos PosOf(const toml::node& node) { return PosOf(node.source()); }

// "a string", "an integer", "a floating-point number", ...: for "must be X, not Y" messages.
std::string_view TypeName(const toml::node& node);

// "a, b, c".
std::string JoinedNames(std::span<const std::string_view> names);

// "did you mean '<name>'? " for the name of `names` closest to `word` (ClosestName of
// base/closest_name.h), or "" when none is close.
std::string DidYouMean(std::string_view word, std::span<const std::string_view> names);

// One key of a table with its value.
struct Entry {
  std::string_view key;
  Pos key_pos;
  const toml::node* node = nullptr;
};

// The keys of `table` in the order they appear in the text (toml++ keeps tables sorted by key).
std::vector<Entry> EntriesInTextOrder(const toml::table& table);

// The first key of `table` in text order that is not in `allowed`, if any.
std::optional<Entry> FirstUnknownKey(const toml::table& table,
                                     std::span<const std::string_view> allowed);

// How a TOML syntax error is worded after "TOML syntax: <toml++'s description>".
struct SyntaxAdvice {
  // What to do, e.g. "fix the TOML syntax (config/checks.toml is a complete checks file)".
  std::string_view what_to_do;
  // When not empty, what to do instead when a key or table is defined twice.
  std::string_view what_to_do_for_repeated_key = {};
  // Starts toml++'s description in lower case ("error while parsing ...").
  bool lower_case = false;
};

// TOML text parsed, with its origin (the file name messages begin with). The text must outlive
// the document. Not thread-safe while parsing; const methods are.
class Document {
 public:
  Document(std::string_view text, std::string origin) : text_(text), origin_(std::move(origin)) {}

  // Parses the text. A syntax error becomes kInvalidArgument
  // "<origin>:<line>:<col>: TOML syntax: <toml++'s description>; <what to do>".
  Status Parse(const SyntaxAdvice& advice);

  const toml::table& root() const { return root_; }
  std::string_view text() const { return text_; }
  const std::string& origin() const { return origin_; }

  // "<origin>:<line>:<col>: <what>; <what to do>" as kInvalidArgument (without "; " if
  // `what_to_do` is empty: `what` then says what to do itself).
  Status Error(Pos pos, std::string_view what, std::string_view what_to_do) const;

  // The line on which a string value's text begins: the line of its opening quote, or the next
  // one for a multi-line string whose opening quotes end their line (TOML drops that newline).
  int TextLine(const toml::node& string_node) const;

 private:
  std::string_view text_;
  std::string origin_;
  toml::table root_;
};

}  // namespace xianjie::strict_toml

#endif  // XIANJIE_STRICT_TOML_DOCUMENT_H_
