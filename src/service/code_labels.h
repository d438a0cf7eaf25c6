// The labels of the API's codes (a case's state "lead", a risk "R07", a role "county", ...) in
// the web UI's two languages, from config/code_labels.json (decision 0009): the one file the web
// UI's locales read too, built into the binary. The table exports write them (table_export.h).
#ifndef XIANJIE_SERVICE_CODE_LABELS_H_
#define XIANJIE_SERVICE_CODE_LABELS_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace xianjie::service {

// The languages of the web UI, named as vue-i18n names its locales: "zh-CN" (the default), "en".
enum class Language : uint8_t { kChinese, kEnglish };

// "zh-CN" or "en"; nullopt for any other text (tags are matched exactly, as the UI sends them).
std::optional<Language> LanguageOfTag(std::string_view tag);
std::string_view LanguageTag(Language language);

// Labels of codes by group ("case_state", "risk", ...) and code, each in both languages.
class CodeLabels {
 public:
  // The label of `code` in `group`, or nullptr when the file has none. The pointer lives as long
  // as this object.
  const std::string* Find(std::string_view group, std::string_view code,
                          Language language) const;
  // The label, or `code` itself when there is none: a code added to the API before its label is
  // shown as it is, as the web UI shows it (lib/codes.ts), never as an empty cell.
  std::string LabelOr(std::string_view group, std::string_view code, Language language) const;
  bool HasGroup(std::string_view group) const;
  // The codes of `group` in byte order; empty for a group the file lacks.
  std::vector<std::string> CodesIn(std::string_view group) const;

 private:
  friend Result<CodeLabels> ParseCodeLabels(std::string_view text, std::string_view origin);
  struct Labels {
    std::string zh;
    std::string en;
  };
  using Group = std::map<std::string, Labels, std::less<>>;
  std::map<std::string, Group, std::less<>> groups_;
};

// Reads a labels file: a JSON object of groups, each an object of codes, each
// {"zh-CN": label, "en": label} with both labels non-empty strings and no other key; no group or
// code twice. kInvalidArgument naming `origin`, the group and code, and what to write otherwise.
Result<CodeLabels> ParseCodeLabels(std::string_view text, std::string_view origin);

// config/code_labels.json as built into the binary, parsed once. Its test reads it; a build whose
// file does not parse aborts with the reason. Thread-safe.
const CodeLabels& BuiltinCodeLabels();

}  // namespace xianjie::service

#endif  // XIANJIE_SERVICE_CODE_LABELS_H_
