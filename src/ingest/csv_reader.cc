// RFC 4180 reading with one table-driven pass per field: plain bytes are skipped by a tight
// loop, and only separators, quotes, line breaks, NUL and non-ASCII bytes leave it.
#include "ingest/csv_reader.h"

#include <array>

#include "ingest/internal/utf8.h"

namespace xianjie::ingest {
namespace {

// Byte classes: which bytes end the fast scan outside and inside quotes.
constexpr uint8_t kStopUnquoted = 1;
constexpr uint8_t kStopQuoted = 2;

constexpr std::array<uint8_t, 256> MakeClassTable() {
  std::array<uint8_t, 256> t{};
  for (int c = 0x80; c < 0x100; ++c) t[c] = kStopUnquoted | kStopQuoted;
  t[static_cast<uint8_t>(',')] = kStopUnquoted;
  t[static_cast<uint8_t>('\r')] = kStopUnquoted;
  t[static_cast<uint8_t>('\n')] = kStopUnquoted | kStopQuoted;
  t[static_cast<uint8_t>('"')] = kStopUnquoted | kStopQuoted;
  t[0] = kStopUnquoted | kStopQuoted;
  return t;
}
constexpr std::array<uint8_t, 256> kClass = MakeClassTable();

inline uint8_t ClassOf(char c) { return kClass[static_cast<uint8_t>(c)]; }

// Records `error` for the field being read unless the record already has one. An unterminated
// quote always wins: it decides the extent of the whole record.
void Fail(CsvRecord& rec, CsvError error) {
  if (rec.error == CsvError::kNone || error == CsvError::kUnterminatedQuote) {
    rec.error = error;
    rec.error_field = static_cast<int>(rec.fields.size());
  }
}

// Past the non-ASCII sequence at p < end: the whole sequence if it is valid UTF-8, else one
// byte, recording kInvalidUtf8.
inline const char* SkipNonAscii(CsvRecord& rec, const char* p, const char* end) {
  const size_t n = internal::Utf8SequenceLength(p, end);
  if (n > 0) return p + n;
  Fail(rec, CsvError::kInvalidUtf8);
  return p + 1;
}

// True if p starts a record terminator (LF or CRLF) or the separator.
inline bool AtFieldEnd(const char* p, const char* end) {
  return *p == ',' || *p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n');
}

constexpr std::string_view kBom = "\xEF\xBB\xBF";

}  // namespace

std::string_view CsvErrorRule(CsvError error) {
  switch (error) {
    case CsvError::kNone: return "";
    case CsvError::kUnterminatedQuote: return "csv.unterminated_quote";
    case CsvError::kStrayQuote: return "csv.stray_quote";
    case CsvError::kCharAfterQuote: return "csv.char_after_quote";
    case CsvError::kBareCarriageReturn: return "csv.bare_cr";
    case CsvError::kInvalidUtf8: return "csv.invalid_utf8";
    case CsvError::kNulByte: return "csv.nul_byte";
  }
  return "csv";
}

std::string_view CsvErrorMessage(CsvError error) {
  switch (error) {
    case CsvError::kNone: return "";
    case CsvError::kUnterminatedQuote:
      return "a quoted value is never closed, so the rest of the file was read as this one "
             "record; add the closing double quote (write a quote inside a quoted value as \"\")";
    case CsvError::kStrayQuote:
      return "a double quote appears inside a value that does not start with one; put the "
             "whole value in double quotes and double the quote inside (\"\")";
    case CsvError::kCharAfterQuote:
      return "there is text after the closing double quote of a value; put the whole value in "
             "double quotes and double any quote inside it (\"\")";
    case CsvError::kBareCarriageReturn:
      return "a value contains a carriage return (CR) that does not end the line; remove it "
             "or put the value in double quotes";
    case CsvError::kInvalidUtf8:
      return "the value is not valid UTF-8 text; the file may have been saved in another "
             "encoding (such as GBK): save it as UTF-8";
    case CsvError::kNulByte:
      return "the value contains a NUL byte; the file may not be a text file, or it was saved "
             "as UTF-16: save it as UTF-8 CSV";
  }
  return "malformed CSV";
}

CsvReader::CsvReader(std::string_view data)
    : pos_(data.data()), end_(data.data() + data.size()) {
  if (data.starts_with(kBom)) pos_ += kBom.size();
}

bool CsvReader::Next(CsvRecord& rec) {
  // Lines without any byte are not records.
  while (pos_ < end_) {
    if (*pos_ == '\n') {
      ++pos_;
    } else if (*pos_ == '\r' && pos_ + 1 < end_ && pos_[1] == '\n') {
      pos_ += 2;
    } else {
      break;
    }
    ++line_;
  }
  if (pos_ == end_) return false;

  rec.line = line_;
  rec.fields.clear();
  rec.scratch_.clear();
  rec.fixups_.clear();
  rec.error = CsvError::kNone;
  rec.error_field = -1;
  const char* start = pos_;
  for (;;) {
    if (pos_ < end_ && *pos_ == '"') {
      ReadQuotedField(rec);
    } else {
      ReadUnquotedField(rec);
    }
    if (pos_ < end_ && *pos_ == ',') {
      ++pos_;
      continue;
    }
    break;
  }
  rec.raw = std::string_view(start, static_cast<size_t>(pos_ - start));
  if (pos_ < end_) {  // at LF or CRLF, by construction of the field readers
    pos_ += *pos_ == '\r' ? 2 : 1;
    ++line_;
  }
  for (const CsvRecord::Fixup& f : rec.fixups_) {
    rec.fields[f.field] = std::string_view(rec.scratch_.data() + f.offset, f.size);
  }
  return true;
}

void CsvReader::ReadUnquotedField(CsvRecord& rec) {
  const char* p = pos_;
  for (;;) {
    while (p < end_ && (ClassOf(*p) & kStopUnquoted) == 0) ++p;
    if (p == end_) break;
    const char c = *p;
    if (static_cast<uint8_t>(c) >= 0x80) {
      p = SkipNonAscii(rec, p, end_);
    } else if (c == ',' || c == '\n') {
      break;
    } else if (c == '\r') {
      if (p + 1 < end_ && p[1] == '\n') break;
      Fail(rec, CsvError::kBareCarriageReturn);
      ++p;
    } else if (c == '"') {
      Fail(rec, CsvError::kStrayQuote);
      ++p;
    } else {
      Fail(rec, CsvError::kNulByte);
      ++p;
    }
  }
  rec.fields.emplace_back(pos_, static_cast<size_t>(p - pos_));
  pos_ = p;
}

void CsvReader::ReadQuotedField(CsvRecord& rec) {
  const char* content = pos_ + 1;
  const char* p = content;
  const char* segment = content;  // start of the text not yet copied to scratch
  const size_t offset = rec.scratch_.size();
  bool copied = false;
  for (;;) {
    while (p < end_ && (ClassOf(*p) & kStopQuoted) == 0) ++p;
    if (p == end_) {
      Fail(rec, CsvError::kUnterminatedQuote);
      break;
    }
    const char c = *p;
    if (static_cast<uint8_t>(c) >= 0x80) {
      p = SkipNonAscii(rec, p, end_);
    } else if (c == '\n') {
      ++line_;
      ++p;
    } else if (c == '\0') {
      Fail(rec, CsvError::kNulByte);
      ++p;
    } else if (p + 1 < end_ && p[1] == '"') {  // "" stands for one quote
      rec.scratch_.append(segment, static_cast<size_t>(p + 1 - segment));
      copied = true;
      p += 2;
      segment = p;
    } else {
      break;  // the closing quote
    }
  }
  const char* value_end = p;
  if (copied) rec.scratch_.append(segment, static_cast<size_t>(value_end - segment));
  pos_ = p < end_ ? p + 1 : p;
  if (pos_ < end_ && !AtFieldEnd(pos_, end_)) {
    Fail(rec, CsvError::kCharAfterQuote);
    if (!copied) rec.scratch_.append(content, static_cast<size_t>(value_end - content));
    copied = true;
    ReadTextAfterQuote(rec);
  }
  if (copied) {
    rec.fixups_.push_back({rec.fields.size(), offset, rec.scratch_.size() - offset});
    rec.fields.emplace_back();
  } else {
    rec.fields.emplace_back(content, static_cast<size_t>(value_end - content));
  }
}

void CsvReader::ReadTextAfterQuote(CsvRecord& rec) {
  // The record already has an error, so later problems in this text need no checking; the
  // text is kept as it is.
  const char* p = pos_;
  while (p < end_ && !AtFieldEnd(p, end_)) ++p;
  rec.scratch_.append(pos_, static_cast<size_t>(p - pos_));
  pos_ = p;
}

std::string CsvEscape(std::string_view field) {
  std::string out;
  AppendCsvField(out, field);
  return out;
}

void AppendCsvField(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos && !field.starts_with(kBom)) {
    out.append(field);
    return;
  }
  out.reserve(out.size() + field.size() + 2);
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace xianjie::ingest
