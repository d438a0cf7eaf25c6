// Fuzzes standards as TOML (docs/standards.md): any input either parses to a Standard or fails
// with kInvalidArgument whose message starts with the origin ("fuzz.toml:"), never a crash. A
// standard that parses keeps its text, has a 16-hex-digit content hash, and prints back through
// FormatStandardToml to TOML that parses to the same content hash; compiling it either succeeds
// or fails the same way. Seed corpus: the shipped standards and some broken ones.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/status.h"
#include "rules/compile.h"
#include "rules/standard.h"
#include "rules/standard_toml.h"

namespace {

using namespace xianjie;  // NOLINT(google-build-using-namespace): a fuzz target

constexpr std::string_view kOrigin = "fuzz.toml";

void Check(bool ok) {
  if (!ok) std::abort();
}

// kInvalidArgument naming the origin first, as every error of a standard file must.
void CheckError(const Status& status, std::string_view origin) {
  Check(status.code() == StatusCode::kInvalidArgument);
  Check(status.message().starts_with(origin));
}

bool IsContentHash(std::string_view hash) {
  return hash.size() == 16 && hash.find_first_not_of("0123456789abcdef") == std::string::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto standard = rules::ParseStandardToml(text, std::string(kOrigin));
  if (!standard.ok()) {
    CheckError(standard.status(), kOrigin);
    return 0;
  }
  Check(standard->toml == text);
  Check(standard->origin == kOrigin);
  Check(IsContentHash(standard->content_hash));

  // The printed form is the same content.
  const std::string printed = rules::FormatStandardToml(*standard);
  auto reparsed = rules::ParseStandardToml(printed, "printed.toml");
  Check(reparsed.ok());
  Check(reparsed->content_hash == standard->content_hash);

  auto compiled = rules::Compile(*standard);
  if (!compiled.ok()) CheckError(compiled.status(), kOrigin);
  return 0;
}
