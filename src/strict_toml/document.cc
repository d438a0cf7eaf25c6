// A parsed TOML document with positioned messages, and what both readers share (document.h).
#include "strict_toml/document.h"

#include <algorithm>
#include <cctype>

#include "base/closest_name.h"

namespace xianjie::strict_toml {

Pos PosOf(const toml::source_region& region) {
  // toml++ leaves positions at 0 where it has none (tables created by dotted keys).
  return {std::max(1, static_cast<int>(region.begin.line)),
          std::max(1, static_cast<int>(region.begin.column))};
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

std::string JoinedNames(std::span<const std::string_view> names) {
  std::string out;
  for (std::string_view n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

std::string DidYouMean(std::string_view word, std::span<const std::string_view> names) {
  const std::string_view near = ClosestName(word, names);
  return near.empty() ? std::string() : "did you mean '" + std::string(near) + "'? ";
}

std::vector<Entry> EntriesInTextOrder(const toml::table& table) {
  std::vector<Entry> entries;
  for (auto&& [key, node] : table) entries.push_back({key.str(), PosOf(key.source()), &node});
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.key_pos.line != b.key_pos.line ? a.key_pos.line < b.key_pos.line
                                            : a.key_pos.column < b.key_pos.column;
  });
  return entries;
}

std::optional<Entry> FirstUnknownKey(const toml::table& table,
                                     std::span<const std::string_view> allowed) {
  for (const Entry& e : EntriesInTextOrder(table)) {
    if (std::find(allowed.begin(), allowed.end(), e.key) == allowed.end()) return e;
  }
  return std::nullopt;
}

Status Document::Parse(const SyntaxAdvice& advice) {
  try {
    root_ = toml::parse(text_, std::string_view(origin_));
  } catch (const toml::parse_error& e) {
    std::string description(e.description());
    if (advice.lower_case && !description.empty()) {
      description[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(description[0])));
    }
    const bool repeated = !advice.what_to_do_for_repeated_key.empty() &&
                          description.find("cannot redefine existing") != std::string::npos;
    return Error(PosOf(e.source()), "TOML syntax: " + description,
                 repeated ? advice.what_to_do_for_repeated_key : advice.what_to_do);
  }
  return Status::Ok();
}

Status Document::Error(Pos pos, std::string_view what, std::string_view what_to_do) const {
  std::string message = origin_ + ":" + std::to_string(pos.line) + ":" +
                        std::to_string(pos.column) + ": " + std::string(what);
  if (!what_to_do.empty()) message += "; " + std::string(what_to_do);
  return InvalidArgument(std::move(message));
}

int Document::TextLine(const toml::node& string_node) const {
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

}  // namespace xianjie::strict_toml
