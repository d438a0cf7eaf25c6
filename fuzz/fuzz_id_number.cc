// Fuzzes ParseIdNumber: it never crashes; a rejection names its rule; an accepted number has
// the right check character, birth date, sex and packing; MakeIdNumber's output is accepted.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/id_number.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

const xianjie::CivilDate kToday = xianjie::CivilDate::FromYmd(2025, 6, 30);

void CheckParse(std::string_view text) {
  xianjie::IdNumberError error = xianjie::IdNumberError::kCheckCharacter;
  xianjie::Result<xianjie::IdNumber> id = xianjie::ParseIdNumber(text, kToday, &error);
  if (!id.ok()) {
    Check(error != xianjie::IdNumberError::kNone);
    Check(xianjie::IdNumberRule(error).starts_with("id_number."));
    Check(id.status().code() == xianjie::StatusCode::kInvalidArgument);
    return;
  }
  Check(error == xianjie::IdNumberError::kNone);
  const std::string& t = id->text();
  Check(t.size() == 18 && t.substr(0, 17) == text.substr(0, 17));
  Check(xianjie::IdCheckCharacter(std::string_view(t).substr(0, 17)) == t[17]);
  Check(id->male() == ((t[16] - '0') % 2 == 1));
  Check(id->birth_date() <= kToday);
  Check(id->birth_date().ToString() ==
        t.substr(6, 4) + "-" + t.substr(10, 2) + "-" + t.substr(12, 2));
  Check(id->Masked().size() == 18);
  // Packed() is injective: its decimal digits and check value give the text back.
  uint64_t packed = id->Packed();
  const uint64_t check = packed % 11;
  Check(t[17] == (check == 10 ? 'X' : static_cast<char>('0' + check)));
  packed /= 11;
  for (int i = 16; i >= 0; --i, packed /= 10) Check(t[i] == static_cast<char>('0' + packed % 10));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  CheckParse(text);
  // Numbers made from the input's first bytes must always be accepted.
  if (size >= 4) {
    const int32_t days = static_cast<int32_t>((data[0] << 8 | data[1]) * 3) - 60000;
    const xianjie::CivilDate birth = xianjie::CivilDate::FromDays(days);
    const int sequence = (data[2] << 8 | data[3]) % 1000;
    if (birth.year() >= 1880 && birth <= kToday) {
      std::string made = xianjie::MakeIdNumber("630102", birth, sequence);
      xianjie::Result<xianjie::IdNumber> id = xianjie::ParseIdNumber(made, kToday);
      Check(id.ok() && id->birth_date() == birth && id->male() == (sequence % 2 == 1));
    }
  }
  return 0;
}
