// Resident identity card numbers (居民身份证号码, GB 11643-1999).
//
// 18 characters: a 6-digit address code, the birth date YYYYMMDD, a 3-digit sequence whose last
// digit is odd for men and even for women, and a check character (0-9 or X) computed by
// ISO 7064 MOD 11-2 over the first 17 digits. ID numbers are personal data: keep them out of
// logs and messages except where the person who entered them must see what was wrong.
#ifndef XIANJIE_BASE_ID_NUMBER_H_
#define XIANJIE_BASE_ID_NUMBER_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "base/date.h"
#include "base/status.h"

namespace xianjie {

// Which part of an ID number is wrong, for quarantine reasons and tests.
enum class IdNumberError {
  kNone,
  kLength,          // not 18 characters
  kCharacter,       // a non-digit among the first 17, or a last character not 0-9/X
  kBirthDate,       // characters 7-14 are not a real date (or lie in the future)
  kCheckCharacter,  // the check character does not match
};

// Short rule name used in quarantine entries: "id_number.length", "id_number.check" ...
std::string_view IdNumberRule(IdNumberError error);

class IdNumber {
 public:
  // The 18 characters, with a lowercase 'x' normalized to 'X'.
  const std::string& text() const { return text_; }
  CivilDate birth_date() const { return birth_date_; }
  bool male() const { return male_; }
  // The 6-digit address code of the place of first registration.
  std::string_view address_code() const { return std::string_view(text_).substr(0, 6); }
  // The 18 characters packed into an integer (X = 10 as the last digit), unique per number;
  // lets large indexes avoid string keys.
  uint64_t Packed() const;

  // Text with all but the first 6 and last 4 characters masked: "630102********123X".
  std::string Masked() const;

  friend Result<IdNumber> ParseIdNumber(std::string_view, CivilDate, IdNumberError*);

 private:
  std::string text_;
  CivilDate birth_date_;
  bool male_ = false;
};

// Validates and parses an ID number. `today` bounds the birth date. On failure, returns
// kInvalidArgument with a message naming the problem and, if `error` is given, sets it.
Result<IdNumber> ParseIdNumber(std::string_view text, CivilDate today = CivilDate::Today(),
                               IdNumberError* error = nullptr);

// Packs 18 characters already known to be a valid ID number (uppercase X) into the integer
// that IdNumber::Packed() returns.
uint64_t PackIdNumber(std::string_view valid_text);
// The 18 characters of a number packed by PackIdNumber.
std::string UnpackIdNumber(uint64_t packed);

// Masks all but the first 6 and last 4 characters of any text: "630102********123X". The
// default way to show an ID number (DOMAIN privacy rules).
std::string MaskIdNumber(std::string_view text);

// The ISO 7064 MOD 11-2 check character ('0'-'9' or 'X') for 17 digits. Requires 17 digits.
char IdCheckCharacter(std::string_view first17);

// Builds a valid number from a 6-digit address code, a birth date and a sequence 0..999 (whose
// parity gives the sex: odd = male). Used by the demo generator and tests.
std::string MakeIdNumber(std::string_view address_code6, CivilDate birth, int sequence);

}  // namespace xianjie

#endif  // XIANJIE_BASE_ID_NUMBER_H_
