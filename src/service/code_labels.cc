// The labels file of code_labels.h: read once from the copy built into the binary, checked as
// strictly as the TOML files are (decision 0007), since a label missing in one language would
// show the raw code on one side only.
#include "service/code_labels.h"

#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace xianjie::embedded {
std::string_view code_labels_json();
}  // namespace xianjie::embedded

namespace xianjie::service {
namespace {

using nlohmann::json;

constexpr char kChineseTag[] = "zh-CN";
constexpr char kEnglishTag[] = "en";

// "group 'risk'", "group 'risk', code 'R01'": where in the file a problem is.
std::string Where(const std::vector<std::string>& path) {
  static constexpr const char* kLevels[] = {"group", "code", "label"};
  std::string text;
  for (size_t i = 0; i < path.size() && i < std::size(kLevels); ++i) {
    if (i > 0) text += ", ";
    text += std::string(kLevels[i]) + " '" + path[i] + "'";
  }
  return text;
}

// The first key given twice in one object. JSON parsers keep the last of two equal keys (the web
// build's too), so a label given twice would silently lose one; the file must say it once.
class RepeatedKeys {
 public:
  bool Track(int depth, json::parse_event_t event, const json& parsed) {
    if (event == json::parse_event_t::object_start) {
      open_.emplace_back();
    } else if (event == json::parse_event_t::object_end) {
      open_.pop_back();
    } else if (event == json::parse_event_t::key && depth >= 1) {
      path_.resize(static_cast<size_t>(depth));
      path_.back() = parsed.get<std::string>();
      if (!open_.back().insert(path_.back()).second && first_.empty()) first_ = Where(path_);
    }
    return true;
  }
  const std::string& first() const { return first_; }

 private:
  std::vector<std::set<std::string>> open_;
  std::vector<std::string> path_;
  std::string first_;
};

}  // namespace

std::optional<Language> LanguageOfTag(std::string_view tag) {
  if (tag == kChineseTag) return Language::kChinese;
  if (tag == kEnglishTag) return Language::kEnglish;
  return std::nullopt;
}

std::string_view LanguageTag(Language language) {
  return language == Language::kEnglish ? kEnglishTag : kChineseTag;
}

const std::string* CodeLabels::Find(std::string_view group, std::string_view code,
                                    Language language) const {
  auto g = groups_.find(group);
  if (g == groups_.end()) return nullptr;
  auto c = g->second.find(code);
  if (c == g->second.end()) return nullptr;
  return language == Language::kEnglish ? &c->second.en : &c->second.zh;
}

std::string CodeLabels::LabelOr(std::string_view group, std::string_view code,
                                Language language) const {
  const std::string* label = Find(group, code, language);
  return label != nullptr ? *label : std::string(code);
}

bool CodeLabels::HasGroup(std::string_view group) const { return groups_.contains(group); }

std::vector<std::string> CodeLabels::CodesIn(std::string_view group) const {
  std::vector<std::string> codes;
  auto g = groups_.find(group);
  if (g == groups_.end()) return codes;
  for (const auto& [code, labels] : g->second) codes.push_back(code);
  return codes;
}

Result<CodeLabels> ParseCodeLabels(std::string_view text, std::string_view origin) {
  const std::string at(origin);
  RepeatedKeys repeated;
  json doc;
  try {
    doc = json::parse(text, [&repeated](int depth, json::parse_event_t event, json& parsed) {
      return repeated.Track(depth, event, parsed);
    });
  } catch (const json::exception& e) {
    // A syntax error's message names the line and column ("parse error at line 3, column 5:
    // ..."); a number too large for a double is out_of_range ("number overflow parsing ...").
    const std::string what = e.what();
    const size_t bracket = what.find("] ");
    return InvalidArgument(at + ": not JSON: " +
                           (bracket == std::string::npos ? what : what.substr(bracket + 2)));
  }
  if (!repeated.first().empty()) {
    return InvalidArgument(at + ": " + repeated.first() +
                           " is given twice; keep one (the web build would keep the last)");
  }
  const std::string shape = R"(; write {"<group>": {"<code>": {"zh-CN": "…", "en": "…"}}})";
  if (!doc.is_object()) return InvalidArgument(at + ": not an object of groups" + shape);
  CodeLabels labels;
  for (const auto& [group, codes] : doc.items()) {
    if (!codes.is_object()) {
      return InvalidArgument(at + ": " + Where({group}) + " must be an object of codes" + shape);
    }
    CodeLabels::Group& out = labels.groups_[group];
    for (const auto& [code, given] : codes.items()) {
      const std::string where = at + ": " + Where({group, code});
      if (code.empty()) return InvalidArgument(where + ": the code is empty" + shape);
      if (!given.is_object()) {
        return InvalidArgument(where + " must be an object of its labels" + shape);
      }
      for (const auto& entry : given.items()) {
        if (!LanguageOfTag(entry.key())) {
          return InvalidArgument(where + ": unknown language '" + entry.key() +
                                 "'; the languages are " + kChineseTag + " and " + kEnglishTag);
        }
      }
      CodeLabels::Labels& pair = out[code];
      for (const auto& [tag, into] : {std::pair{kChineseTag, &pair.zh},
                                      std::pair{kEnglishTag, &pair.en}}) {
        auto label = given.find(tag);
        if (label == given.end() || !label->is_string() ||
            label->get_ref<const std::string&>().empty()) {
          return InvalidArgument(where + ": the label '" + tag +
                                 "' must be a non-empty string; every code has both languages");
        }
        *into = label->get<std::string>();
      }
    }
  }
  return labels;
}

const CodeLabels& BuiltinCodeLabels() {
  // Never destroyed: exports may run on other threads at exit.
  static const CodeLabels* const labels = [] {
    auto parsed = ParseCodeLabels(embedded::code_labels_json(), "config/code_labels.json");
    if (!parsed.ok()) {
      // The shipped file is tested (code_labels_test); reaching this is a build of broken data.
      std::fprintf(stderr, "xianjie: bug: config/code_labels.json does not parse: %s\n",
                   parsed.status().message().c_str());
      std::abort();
    }
    return new CodeLabels(std::move(parsed).value());
  }();
  return *labels;
}

}  // namespace xianjie::service
