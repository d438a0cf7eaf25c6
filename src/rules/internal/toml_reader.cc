// Strict reading of TOML tables with positioned, actionable messages.
#include "rules/internal/toml_reader.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace xianjie::rules::internal {

Pos PosOf(const toml::source_region& region) {
  // toml++ leaves positions at 0 where it has none (tables created by dotted keys).
  return {std::max(1, static_cast<int>(region.begin.line)),
          std::max(1, static_cast<int>(region.begin.column))};
}

std::string_view TomlTypeName(const toml::node& node) {
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

namespace {

// Edits between two words: insertions, deletions, substitutions and swaps of neighbours (the
// optimal string alignment distance), so that "wehn" is one edit from "when".
size_t EditDistance(std::string_view a, std::string_view b) {
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

std::string Joined(std::initializer_list<std::string_view> names) {
  std::string out;
  for (std::string_view n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

}  // namespace

std::string_view ClosestName(std::string_view word, std::initializer_list<std::string_view> names) {
  std::string_view best;
  size_t best_distance = 0;
  for (std::string_view n : names) {
    size_t d = EditDistance(word, n);
    if (best.empty() || d < best_distance) {
      best = n;
      best_distance = d;
    }
  }
  // A typo changes a few characters; a third of the word is the usual bound for suggestions.
  size_t limit = std::max<size_t>(1, std::min(word.size(), best.size()) / 3);
  return best_distance <= limit ? best : std::string_view();
}

Status TomlDocument::Parse() {
  try {
    root_ = toml::parse(text_, std::string_view(origin_));
  } catch (const toml::parse_error& e) {
    std::string description(e.description());
    if (!description.empty()) description[0] = static_cast<char>(std::tolower(description[0]));
    std::string_view what_to_do =
        description.find("cannot redefine existing") != std::string::npos
            ? "a name may appear only once in a table: remove or rename the repeated one"
            : "fix the TOML syntax (docs/standards.md shows a complete standard)";
    return Error(PosOf(e.source()), "TOML syntax: " + description, what_to_do);
  }
  return Status::Ok();
}

Status TomlDocument::Error(Pos pos, std::string_view what, std::string_view what_to_do) const {
  std::string message = origin_ + ":" + std::to_string(pos.line) + ":" +
                        std::to_string(pos.column) + ": " + std::string(what);
  if (!what_to_do.empty()) message += "; " + std::string(what_to_do);
  return InvalidArgument(std::move(message));
}

int TomlDocument::TextLine(const toml::node& string_node) const {
  const Pos pos = PosOf(string_node);
  // Find the byte offset of (line, column); columns count UTF-8 characters.
  size_t offset = 0;
  for (int line = 1; line < pos.line; ++line) {
    offset = text_.find('\n', offset);
    if (offset == std::string_view::npos) return pos.line;
    ++offset;
  }
  for (int column = 1; column < pos.column && offset < text_.size(); ++column) {
    ++offset;  // past one character: its lead byte and continuation bytes
    while (offset < text_.size() && (static_cast<unsigned char>(text_[offset]) & 0xC0) == 0x80) {
      ++offset;
    }
  }
  std::string_view rest = text_.substr(std::min(offset, text_.size()));
  for (std::string_view opening : {"\"\"\"", "'''"}) {
    if (rest.starts_with(opening)) {
      rest.remove_prefix(3);
      if (rest.starts_with("\n") || rest.starts_with("\r\n")) return pos.line + 1;
    }
  }
  return pos.line;
}

std::vector<Entry> TableReader::Entries() const {
  std::vector<Entry> entries;
  for (auto&& [key, node] : *ref_.table) {
    entries.push_back({key.str(), PosOf(key.source()), &node});
  }
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.key_pos.line != b.key_pos.line ? a.key_pos.line < b.key_pos.line
                                            : a.key_pos.column < b.key_pos.column;
  });
  return entries;
}

const toml::node* TableReader::Find(std::string_view key) const { return ref_.table->get(key); }

Status TableReader::CheckKeys(std::initializer_list<std::string_view> allowed) const {
  for (const Entry& e : Entries()) {
    if (std::find(allowed.begin(), allowed.end(), e.key) != allowed.end()) continue;
    std::string what_to_do;
    if (std::string_view near = ClosestName(e.key, allowed); !near.empty()) {
      what_to_do = "did you mean '" + std::string(near) + "'? ";
    }
    what_to_do += ref_.where + " takes " + Joined(allowed);
    return Error(e.key_pos, "unknown key '" + std::string(e.key) + "' in " + ref_.where,
                 what_to_do);
  }
  return Status::Ok();
}

Status TableReader::Missing(std::string_view key, std::string_view example) const {
  return Error(ref_.pos, ref_.where + " has no '" + std::string(key) + "'",
               "add " + std::string(example));
}

Status TableReader::WrongType(std::string_view key, const toml::node& node,
                              std::string_view expected, std::string_view example) const {
  return Error(PosOf(node),
               "'" + std::string(key) + "' in " + ref_.where + " must be " + std::string(expected) +
                   ", not " + std::string(TomlTypeName(node)),
               "write " + std::string(example));
}

Result<const toml::value<std::string>*> TableReader::String(std::string_view key, bool required,
                                                            std::string_view example) const {
  XJ_ASSIGN_OR_RETURN(const toml::value<std::string>* value,
                      Get<std::string>(key, required, "a string", example));
  if (value != nullptr && value->get().find_first_not_of(" \t\r\n") == std::string::npos) {
    return Error(PosOf(*value), "'" + std::string(key) + "' in " + ref_.where + " is empty",
                 "write " + std::string(example));
  }
  return value;
}

Result<bool> TableReader::Bool(std::string_view key, bool fallback) const {
  XJ_ASSIGN_OR_RETURN(const toml::value<bool>* value,
                      Get<bool>(key, false, "a boolean", std::string(key) + " = true or false"));
  return value == nullptr ? fallback : value->get();
}

}  // namespace xianjie::rules::internal
