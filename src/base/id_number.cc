// GB 11643 ID number validation and construction.
#include "base/id_number.h"

namespace xianjie {
namespace {

constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr char kCheck[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string_view IdNumberRule(IdNumberError error) {
  switch (error) {
    case IdNumberError::kNone:
      return "";
    case IdNumberError::kLength:
      return "id_number.length";
    case IdNumberError::kCharacter:
      return "id_number.characters";
    case IdNumberError::kBirthDate:
      return "id_number.birth_date";
    case IdNumberError::kCheckCharacter:
      return "id_number.check";
  }
  return "id_number";
}

char IdCheckCharacter(std::string_view first17) {
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheck[sum % 11];
}

uint64_t PackIdNumber(std::string_view t) {
  uint64_t v = 0;
  for (int i = 0; i < 17; ++i) v = v * 10 + static_cast<uint64_t>(t[i] - '0');
  return v * 11 + (t[17] == 'X' ? 10 : static_cast<uint64_t>(t[17] - '0'));
}

std::string UnpackIdNumber(uint64_t packed) {
  std::string text(18, '0');
  const uint64_t check = packed % 11;
  text[17] = check == 10 ? 'X' : static_cast<char>('0' + check);
  uint64_t digits = packed / 11;
  for (int i = 16; i >= 0; --i) {
    text[static_cast<size_t>(i)] = static_cast<char>('0' + digits % 10);
    digits /= 10;
  }
  return text;
}

uint64_t IdNumber::Packed() const { return PackIdNumber(text_); }

std::string MaskIdNumber(std::string_view text) {
  std::string m(text);
  for (size_t i = 6; i + 4 < m.size(); ++i) m[i] = '*';
  return m;
}

std::string IdNumber::Masked() const { return MaskIdNumber(text_); }

Result<IdNumber> ParseIdNumber(std::string_view text, CivilDate today, IdNumberError* error) {
  auto fail = [&](IdNumberError e, std::string why) -> Result<IdNumber> {
    if (error != nullptr) *error = e;
    return InvalidArgument(std::move(why));
  };
  if (error != nullptr) *error = IdNumberError::kNone;
  if (text.size() != 18) {
    return fail(IdNumberError::kLength,
                "an ID number has 18 characters, this one has " + std::to_string(text.size()));
  }
  for (int i = 0; i < 17; ++i) {
    if (!IsDigit(text[i])) {
      return fail(IdNumberError::kCharacter,
                  "character " + std::to_string(i + 1) + " of the ID number is not a digit");
    }
  }
  char last = text[17] == 'x' ? 'X' : text[17];
  if (!IsDigit(last) && last != 'X') {
    return fail(IdNumberError::kCharacter,
                "the last character of the ID number must be a digit or X");
  }
  int y = 0, m = 0, d = 0;
  for (int i = 6; i < 10; ++i) y = y * 10 + (text[i] - '0');
  for (int i = 10; i < 12; ++i) m = m * 10 + (text[i] - '0');
  for (int i = 12; i < 14; ++i) d = d * 10 + (text[i] - '0');
  if (!CivilDate::IsValid(y, m, d) || y < 1880) {
    return fail(IdNumberError::kBirthDate, "characters 7-14 of the ID number (" +
                                               std::string(text.substr(6, 8)) +
                                               ") are not a real birth date");
  }
  CivilDate birth = CivilDate::FromYmd(y, m, d);
  if (today < birth) {
    return fail(IdNumberError::kBirthDate,
                "the birth date in the ID number (" + birth.ToString() + ") is in the future");
  }
  char expected = IdCheckCharacter(text);
  if (expected != last) {
    return fail(IdNumberError::kCheckCharacter,
                std::string("the check character of the ID number is ") + last +
                    " but the first 17 digits require " + expected +
                    "; a digit was probably mistyped");
  }
  IdNumber id;
  id.text_.assign(text.data(), 17);
  id.text_ += last;
  id.birth_date_ = birth;
  id.male_ = (text[16] - '0') % 2 == 1;
  return id;
}

std::string MakeIdNumber(std::string_view address_code6, CivilDate birth, int sequence) {
  std::string id(address_code6.substr(0, 6));
  auto append = [&](int value, int width) {
    for (int p = width - 1; p >= 0; --p) {
      int div = 1;
      for (int i = 0; i < p; ++i) div *= 10;
      id += static_cast<char>('0' + value / div % 10);
    }
  };
  append(birth.year(), 4);
  append(birth.month(), 2);
  append(birth.day(), 2);
  append(sequence % 1000, 3);
  id += IdCheckCharacter(id);
  return id;
}

}  // namespace xianjie
