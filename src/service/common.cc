// Paging and region checks, ID masking by role and in text, audit records of reads.
#include "service/common.h"

#include "access/authorize.h"
#include "base/id_number.h"

namespace xianjie::service {

Status CheckPaging(int64_t offset, int64_t limit) {
  if (offset < 0) {
    return InvalidArgument("offset must be 0 or more; got " + std::to_string(offset));
  }
  if (limit < 1 || limit > kMaxPageLimit) {
    return InvalidArgument("limit must be between 1 and " + std::to_string(kMaxPageLimit) +
                           "; got " + std::to_string(limit));
  }
  return Status::Ok();
}

Status CheckRegionCode(std::string_view parameter, std::string_view code, bool village_only) {
  const bool digits = !code.empty() && code.find_first_not_of("0123456789") == std::string::npos;
  const size_t n = code.size();
  const bool length_ok = village_only ? n == 12 : (n == 2 || n == 4 || n == 6 || n == 9 || n == 12);
  if (digits && length_ok) return Status::Ok();
  return InvalidArgument(
      std::string(parameter) + " must be " +
      (village_only ? "a 12-digit village code, e.g. 630121100201"
                    : "a region code of 2, 4, 6, 9 or 12 digits, e.g. 630121 for a county") +
      "; got '" + std::string(code) + "'");
}

std::string ShownIdNumber(const access::Principal& principal, std::string_view id_number) {
  if (access::SeesFullIdNumbers(principal.role)) return std::string(id_number);
  return MaskIdNumber(id_number);
}

namespace {

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

std::string MaskIdNumbersIn(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    if (!IsAsciiDigit(text[i])) {
      out += text[i++];
      continue;
    }
    size_t end = i;
    while (end < text.size() && IsAsciiDigit(text[end])) ++end;
    if (end - i >= 14 && end < text.size() && (text[end] == 'X' || text[end] == 'x')) {
      ++end;  // the check character of an ID number
    }
    const size_t length = end - i;
    const bool in_word = i > 0 && IsAsciiAlpha(text[i - 1]);
    if (length >= 15 && !in_word) {
      out += MaskIdNumber(text.substr(i, length));
    } else {
      out.append(text.substr(i, length));
    }
    i = end;
  }
  return out;
}

Status RecordRead(store::Database& database, const access::Principal& principal,
                  const std::string& action, const std::string& subject,
                  const std::string& detail) {
  auto entry = database.Append(principal.username, action, subject, detail);
  if (!entry.ok()) {
    return IoError("the read is refused because it cannot be recorded in the audit log (" +
                   entry.status().message() + "); try again, or tell the administrator");
  }
  return Status::Ok();
}

}  // namespace xianjie::service
