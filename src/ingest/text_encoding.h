// Text encodings of department files: CSV arrives in UTF-8 (with or without a byte order mark)
// or in GBK/GB18030 as Excel saves it on Chinese Windows. ToUtf8 detects or checks the encoding
// and converts to UTF-8 (glibc's iconv for GB18030), so every reader after it sees UTF-8 only;
// FromUtf8 goes the other way, for files written in GBK.
#ifndef XIANJIE_INGEST_TEXT_ENCODING_H_
#define XIANJIE_INGEST_TEXT_ENCODING_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace xianjie::ingest {

// How a file's text is encoded. kGb18030 covers GBK and GB2312 (GB18030 is a superset of both).
enum class TextEncoding : uint8_t { kAuto, kUtf8, kGb18030 };

// "auto", "UTF-8", "GB18030".
std::string_view TextEncodingName(TextEncoding encoding);

// The encoding named by a user ("auto", "utf-8", "utf8", "gbk", "gb2312", "gb18030"; ASCII
// case ignored); kInvalidArgument naming the accepted names otherwise.
Result<TextEncoding> ParseTextEncoding(std::string_view name);

// The text of `bytes` as UTF-8, and in `*detected_name` (if given) the encoding it was read in:
// "UTF-8" or "GB18030".
//  - A UTF-8 byte order mark (EF BB BF) at the start is stripped and means UTF-8, whatever was
//    declared (a GBK file cannot start with it and still be the text its author meant).
//  - kAuto: valid UTF-8 is returned as is; anything else is converted from GB18030.
//  - kUtf8: text that is not valid UTF-8 fails with kInvalidArgument "line L, column C: ..."
//    naming the first bad byte (1-based; the column counts the characters before it on its
//    line) and saying to save the file as UTF-8 or to declare it GBK.
//  - kGb18030 (or kAuto not UTF-8): bytes that are not GB18030 (a truncated or invalid
//    sequence) fail with kInvalidArgument naming the byte offset (0-based, in the file as
//    given) and the line of the first bad byte. A GB18030 byte order mark (84 31 95 33) is
//    dropped as well.
// Empty input gives empty text (UTF-8). NUL bytes pass through (the CSV reader reports them).
// Thread-safe. kFailedPrecondition if the system's iconv has no GB18030 converter.
Result<std::string> ToUtf8(std::string_view bytes, TextEncoding declared,
                           std::string* detected_name = nullptr);

// The bytes of UTF-8 text in the encoding `to`, for files departments expect in GBK (the demo's
// civil affairs CSV): kUtf8 returns the text as it is; kGb18030 converts it with iconv. Every
// Unicode character has a GB18030 form, and the characters GBK has get GBK's bytes, so text
// within GBK comes out as GBK. No byte order mark is added or removed. kInvalidArgument for `to`
// kAuto, or text that is not valid UTF-8 (naming the byte offset of the first bad byte, 0-based);
// kFailedPrecondition if the system's iconv has no GB18030 converter. Thread-safe.
Result<std::string> FromUtf8(std::string_view utf8, TextEncoding to);

}  // namespace xianjie::ingest

#endif  // XIANJIE_INGEST_TEXT_ENCODING_H_
