// Fuzzes ParseMoney: it never crashes, accepts only amounts within kMaxMoneyFen, and every
// accepted amount formats to text that parses back to the same value.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "base/money.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

void RoundTrip(std::string_view text, xianjie::Sign sign) {
  xianjie::Result<xianjie::Money> m = xianjie::ParseMoney(text, sign);
  if (!m.ok()) {
    Check(m.status().code() == xianjie::StatusCode::kInvalidArgument);
    Check(!m.status().message().empty());
    return;
  }
  const int64_t fen = m->fen();
  Check(fen <= xianjie::kMaxMoneyFen && fen >= -xianjie::kMaxMoneyFen);
  if (sign == xianjie::Sign::kNonNegative) Check(fen >= 0);
  xianjie::Result<xianjie::Money> again = xianjie::ParseMoney(m->ToYuanString(), xianjie::Sign::kAny);
  Check(again.ok() && again->fen() == fen);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  RoundTrip(text, xianjie::Sign::kAny);
  RoundTrip(text, xianjie::Sign::kNonNegative);
  return 0;
}
