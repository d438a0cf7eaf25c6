// What the service functions share: pages of lists, checking region codes given by callers,
// masking ID numbers by role and in text, and recording reads of people's data in the audit log.
#ifndef XIANJIE_SERVICE_COMMON_H_
#define XIANJIE_SERVICE_COMMON_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "access/role.h"
#include "base/status.h"
#include "store/database.h"

namespace xianjie::service {

// Lists of the API: {"total", "offset", "limit", "items"}.
template <typename T>
struct Page {
  int64_t total = 0;
  int64_t offset = 0;
  int64_t limit = 0;
  std::vector<T> items;
};

inline constexpr int64_t kMaxPageLimit = 500;

// kInvalidArgument naming `parameter` unless 0 <= offset and 1 <= limit <= kMaxPageLimit.
Status CheckPaging(int64_t offset, int64_t limit);

// kInvalidArgument naming `parameter` unless `code` is a region code prefix: 2, 4, 6, 9 or 12
// digits (12 exactly when `village_only`).
Status CheckRegionCode(std::string_view parameter, std::string_view code, bool village_only = false);

// The ID number as the principal may see it: whole for roles that need it
// (access::SeesFullIdNumbers), else masked (MaskIdNumber: first 6 and last 4 characters).
std::string ShownIdNumber(const access::Principal& principal, std::string_view id_number);

// `text` with what may be an ID number in it masked as MaskIdNumber does, for the details of
// findings and the records, cells and messages of uploads: every run of 15 or more ASCII digits,
// with the 'X' or 'x' that may follow it (ID numbers of 18 characters, old ones of 15, mistyped
// ones, and bank card numbers, which are personal data too), unless a letter comes just before
// it (inside a word: a hexadecimal hash). Shorter numbers (phones, amounts, dates, rows) stay.
std::string MaskIdNumbersIn(std::string_view text);

// Appends "<action> <subject>" by the principal to the audit log. A failure is returned as
// kIoError saying the read is refused: no read of a person's data goes unrecorded.
Status RecordRead(store::Database& database, const access::Principal& principal,
                  const std::string& action, const std::string& subject,
                  const std::string& detail = "");

}  // namespace xianjie::service

#endif  // XIANJIE_SERVICE_COMMON_H_
