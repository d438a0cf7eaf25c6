// Fuzzes ToUtf8 (ingest/text_encoding.h) with every declared encoding: any input either converts
// to valid UTF-8 or fails with kInvalidArgument, never a crash. Valid UTF-8 without a BOM comes
// back unchanged under auto-detection and a UTF-8 declaration; a declared UTF-8 file is accepted
// exactly when auto-detection finds UTF-8; the detected name is always UTF-8 or GB18030. Seed
// corpus: GBK and UTF-8 headers, a BOM, a truncated GBK character.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/status.h"
#include "ingest/internal/utf8.h"
#include "ingest/text_encoding.h"

namespace {

using namespace xianjie;  // NOLINT(google-build-using-namespace): a fuzz target

void Check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::string names[3];
  Result<std::string> results[3] = {
      ingest::ToUtf8(bytes, ingest::TextEncoding::kAuto, &names[0]),
      ingest::ToUtf8(bytes, ingest::TextEncoding::kUtf8, &names[1]),
      ingest::ToUtf8(bytes, ingest::TextEncoding::kGb18030, &names[2]),
  };
  for (int i = 0; i < 3; ++i) {
    if (!results[i].ok()) {
      Check(results[i].status().code() == StatusCode::kInvalidArgument);
      Check(!results[i].status().message().empty());
      continue;
    }
    Check(ingest::internal::IsValidUtf8(*results[i]));
    Check(names[i] == "UTF-8" || names[i] == "GB18030");
  }
  const bool utf8 = !bytes.starts_with("\xEF\xBB\xBF") && ingest::internal::IsValidUtf8(bytes);
  if (utf8) {
    Check(results[0].ok() && *results[0] == bytes && names[0] == "UTF-8");
    Check(results[1].ok() && *results[1] == bytes);
  }
  Check(results[1].ok() == (results[0].ok() && names[0] == "UTF-8"));
  return 0;
}
