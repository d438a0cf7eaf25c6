// Encoding detection and conversion to and from UTF-8 (text_encoding.h). UTF-8 is checked with
// the CSV reader's validator; GB18030 goes through glibc's iconv, which rejects truncated and
// invalid sequences (EILSEQ, EINVAL) at the byte where they start.
#include "ingest/text_encoding.h"

#include <errno.h>
#include <iconv.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "ingest/internal/utf8.h"

namespace xianjie::ingest {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kGb18030Bom = "\x84\x31\x95\x33";

// Offset of the first byte that does not start a valid UTF-8 sequence, or npos.
size_t FirstInvalidUtf8(std::string_view text) {
  const char* begin = text.data();
  const char* p = begin;
  const char* end = begin + text.size();
  while (p < end) {
    if (static_cast<uint8_t>(*p) < 0x80) {
      ++p;
      continue;
    }
    const size_t n = internal::Utf8SequenceLength(p, end);
    if (n == 0) return static_cast<size_t>(p - begin);
    p += n;
  }
  return std::string_view::npos;
}

// 1-based line of the byte at `offset`: LF ends a line in both encodings (0x0A is never part of
// a GB18030 multi-byte sequence).
int64_t LineOf(std::string_view text, size_t offset) {
  return 1 + std::count(text.begin(), text.begin() + static_cast<ptrdiff_t>(offset), '\n');
}

std::string Hex(uint8_t byte) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02X", byte);
  return buf;
}

Status InvalidUtf8(std::string_view text, size_t bad) {
  const size_t line_end = bad == 0 ? std::string_view::npos : text.rfind('\n', bad - 1);
  const size_t from = line_end == std::string_view::npos ? 0 : line_end + 1;
  // The prefix before `bad` is valid UTF-8, so counting lead bytes counts characters.
  const size_t column = internal::CountCodePoints(text.substr(from, bad - from)) + 1;
  return InvalidArgument("line " + std::to_string(LineOf(text, bad)) + ", column " +
                         std::to_string(column) + ": byte " + Hex(static_cast<uint8_t>(text[bad])) +
                         " is not valid UTF-8 text; save the file as UTF-8 (CSV UTF-8 in "
                         "Excel) or upload it declared as GBK");
}

// Converts GB18030 `text` to UTF-8; `skipped` is how many bytes were cut from the start of the
// file (a byte order mark), so that offsets in messages are offsets in the file.
Result<std::string> FromGb18030(std::string_view text, size_t skipped, bool declared) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    return FailedPrecondition(
        "this system's iconv cannot convert GB18030 (glibc's gconv modules are missing); "
        "save the file as UTF-8");
  }
  std::string out;
  out.resize(text.size() * 2 + 16);  // a GB18030 character of n bytes is at most n+2 in UTF-8
  char* in = const_cast<char*>(text.data());
  size_t in_left = text.size();
  char* dst = out.data();
  size_t out_left = out.size();
  Status status;
  while (in_left > 0) {
    if (iconv(cd, &in, &in_left, &dst, &out_left) != static_cast<size_t>(-1)) continue;
    if (errno == E2BIG) {
      const size_t used = static_cast<size_t>(dst - out.data());
      out.resize(out.size() * 2);
      dst = out.data() + used;
      out_left = out.size() - used;
      continue;
    }
    const size_t bad = static_cast<size_t>(in - text.data());
    const std::string what = errno == EINVAL ? "a GB18030 character cut short at the end"
                                             : "bytes that are not GB18030 text";
    status = InvalidArgument(
        "byte " + std::to_string(bad + skipped) + " (line " + std::to_string(LineOf(text, bad)) +
        "): " + what + " (" + Hex(static_cast<uint8_t>(text[bad])) + ")" +
        (declared ? "; the file is not GBK/GB18030: save it as UTF-8 (CSV UTF-8 in Excel) or "
                    "upload it declared as UTF-8"
                  : "; the file is neither UTF-8 nor GBK/GB18030: save it as UTF-8 (CSV "
                    "UTF-8 in Excel)"));
    break;
  }
  iconv_close(cd);
  if (!status.ok()) return status;
  out.resize(static_cast<size_t>(dst - out.data()));
  return out;
}

// Converts valid UTF-8 `text` to GB18030. Every code point has a GB18030 form, so iconv fails
// only when it lacks the converter.
Result<std::string> ToGb18030(std::string_view text) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    return FailedPrecondition(
        "this system's iconv cannot convert to GB18030 (glibc's gconv modules are missing)");
  }
  std::string out;
  out.resize(text.size() + 16);  // CJK takes 3 bytes in UTF-8 and 2 in GBK; others at most 4
  char* in = const_cast<char*>(text.data());
  size_t in_left = text.size();
  char* dst = out.data();
  size_t out_left = out.size();
  Status status;
  while (in_left > 0) {
    if (iconv(cd, &in, &in_left, &dst, &out_left) != static_cast<size_t>(-1)) continue;
    if (errno == E2BIG) {
      const size_t used = static_cast<size_t>(dst - out.data());
      out.resize(out.size() * 2);
      dst = out.data() + used;
      out_left = out.size() - used;
      continue;
    }
    status = Internal("iconv could not convert byte " +
                      std::to_string(static_cast<size_t>(in - text.data())) +
                      " of valid UTF-8 text to GB18030");
    break;
  }
  iconv_close(cd);
  if (!status.ok()) return status;
  out.resize(static_cast<size_t>(dst - out.data()));
  return out;
}

}  // namespace

std::string_view TextEncodingName(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::kAuto:
      return "auto";
    case TextEncoding::kUtf8:
      return "UTF-8";
    case TextEncoding::kGb18030:
      return "GB18030";
  }
  return "auto";
}

Result<TextEncoding> ParseTextEncoding(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
  if (lower == "auto") return TextEncoding::kAuto;
  if (lower == "utf-8" || lower == "utf8") return TextEncoding::kUtf8;
  if (lower == "gbk" || lower == "gb2312" || lower == "gb18030") return TextEncoding::kGb18030;
  return InvalidArgument("unknown encoding '" + std::string(name) +
                         "'; use auto, utf-8 or gbk (gb18030 and gb2312 are read as gbk)");
}

Result<std::string> ToUtf8(std::string_view bytes, TextEncoding declared,
                           std::string* detected_name) {
  auto detected = [&](TextEncoding e) {
    if (detected_name != nullptr) *detected_name = std::string(TextEncodingName(e));
  };
  if (bytes.starts_with(kUtf8Bom)) {
    std::string_view text = bytes.substr(kUtf8Bom.size());
    const size_t bad = FirstInvalidUtf8(text);
    if (bad != std::string_view::npos) {
      // The BOM is no character of the first line: positions are counted after it.
      return InvalidUtf8(text, bad);
    }
    detected(TextEncoding::kUtf8);
    return std::string(text);
  }
  if (declared != TextEncoding::kGb18030) {
    const size_t bad = FirstInvalidUtf8(bytes);
    if (bad == std::string_view::npos) {
      detected(TextEncoding::kUtf8);
      return std::string(bytes);
    }
    if (declared == TextEncoding::kUtf8) return InvalidUtf8(bytes, bad);
  }
  size_t skipped = 0;
  std::string_view text = bytes;
  if (text.starts_with(kGb18030Bom)) {
    skipped = kGb18030Bom.size();
    text.remove_prefix(skipped);
  }
  XJ_ASSIGN_OR_RETURN(std::string utf8,
                      FromGb18030(text, skipped, declared == TextEncoding::kGb18030));
  detected(TextEncoding::kGb18030);
  return utf8;
}

Result<std::string> FromUtf8(std::string_view utf8, TextEncoding to) {
  if (to == TextEncoding::kAuto) {
    return InvalidArgument("cannot write text in encoding 'auto'; choose UTF-8 or GB18030");
  }
  const size_t bad = FirstInvalidUtf8(utf8);
  if (bad != std::string_view::npos) {
    return InvalidArgument("byte " + std::to_string(bad) + " (" +
                           Hex(static_cast<uint8_t>(utf8[bad])) +
                           ") is not valid UTF-8 text; only UTF-8 can be converted");
  }
  if (to == TextEncoding::kUtf8) return std::string(utf8);
  return ToGb18030(utf8);
}

}  // namespace xianjie::ingest
