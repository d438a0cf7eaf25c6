// Fuzzes ParseCodeLabels, the reader of config/code_labels.json (decision 0009): it never
// crashes; what it refuses is kInvalidArgument naming the file; what it accepts has, for every
// code of every group, a non-empty label in both languages.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "service/code_labels.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace xianjie;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Result<service::CodeLabels> labels = service::ParseCodeLabels(text, "labels.json");
  if (!labels.ok()) {
    Check(labels.status().code() == StatusCode::kInvalidArgument);
    Check(labels.status().message().find("labels.json") != std::string::npos);
    return 0;
  }
  nlohmann::json groups = nlohmann::json::parse(text);
  for (const auto& [group, codes] : groups.items()) {
    Check(labels->HasGroup(group));
    Check(labels->CodesIn(group).size() == codes.size());
    for (const auto& [code, both] : codes.items()) {
      for (auto language : {service::Language::kChinese, service::Language::kEnglish}) {
        const std::string* label = labels->Find(group, code, language);
        Check(label != nullptr && !label->empty());
        Check(labels->LabelOr(group, code, language) == *label);
      }
    }
  }
  return 0;
}
