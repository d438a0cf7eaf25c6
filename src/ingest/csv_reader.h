// A fast RFC 4180 CSV reader over a whole file held in memory, and the quoting helper for
// writers. Malformed input never stops the reader: each record carries its first error and
// best-effort fields, and reading continues with the next record.
#ifndef XIANJIE_INGEST_CSV_READER_H_
#define XIANJIE_INGEST_CSV_READER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace xianjie::ingest {

// What is wrong with a record. Only the first problem of a record is kept.
enum class CsvError : uint8_t {
  kNone,
  kUnterminatedQuote,   // a quote is still open at the end of the file: the rest is one record
  kStrayQuote,          // a quote inside an unquoted field ("ab"c")
  kCharAfterQuote,      // text between a closing quote and the separator ("ab"c)
  kBareCarriageReturn,  // a CR that is not part of a CRLF record end, outside quotes
  kInvalidUtf8,         // a field that is not valid UTF-8 (overlong, surrogate, truncated ...)
  kNulByte,             // a NUL byte in a field
};

// Rule id for quarantine entries: "csv.unterminated_quote", "csv.stray_quote",
// "csv.char_after_quote", "csv.bare_cr", "csv.invalid_utf8", "csv.nul_byte"; "" for kNone.
std::string_view CsvErrorRule(CsvError error);
// What is wrong and what to do, for the clerk who must fix the file; "" for kNone.
std::string_view CsvErrorMessage(CsvError error);

// One record. Reuse the same object across CsvReader::Next calls: its vectors and buffers keep
// their capacity, so steady-state reading allocates nothing.
struct CsvRecord {
  // 1-based physical line on which the record starts (a quoted line break counts as a line).
  int64_t line = 0;
  // The unescaped field values. Each is a view into the reader's data, or, for a quoted field
  // with "" escapes (or text after its closing quote), into this record's own buffer. Valid
  // until the next Next() on this record (views into the data live as long as the data).
  std::vector<std::string_view> fields;
  // The raw bytes of the record as in the file, without its line terminator; a view into data.
  std::string_view raw;
  // The first problem of the record (an unterminated quote overrides any other) and the 0-based
  // index of the field where it was found (-1 when error is kNone). The fields are still
  // returned as well as they can be read: a stray quote, a bare CR, a NUL or an invalid byte is
  // kept in the value; text after a closing quote is appended to the quoted text.
  CsvError error = CsvError::kNone;
  int error_field = -1;

 private:
  friend class CsvReader;
  struct Fixup {
    size_t field;
    size_t offset;
    size_t size;
  };
  std::string scratch_;         // unescaped text of quoted fields that needed copying
  std::vector<Fixup> fixups_;   // fields whose value lives in scratch_
};

// Reads records one by one from the complete contents of a CSV file.
//
// Format: comma separator; fields may be enclosed in double quotes, inside which "" stands for
// one quote and commas and line breaks are literal; records end with LF or CRLF, and the last
// one may lack a terminator. A UTF-8 byte order mark at the start is skipped. Lines with no
// bytes at all are skipped and are not records. Every field is checked to be valid UTF-8
// without NUL bytes.
//
// The caller keeps `data` alive and unchanged while the reader and the records it filled are
// used. Not thread-safe; use one reader per thread.
class CsvReader {
 public:
  explicit CsvReader(std::string_view data);

  // Reads the next record into `rec`. Returns false, leaving `rec` unspecified, when no record
  // is left. Never fails otherwise: problems are reported in rec.error.
  bool Next(CsvRecord& rec);

  // 1-based line where the next record would start (after the end, one past the last line).
  int64_t line() const { return line_; }

 private:
  // Each parses one field starting at pos_, appends it to rec.fields and leaves pos_ on the
  // separator, the record terminator or the end of the data.
  void ReadUnquotedField(CsvRecord& rec);
  void ReadQuotedField(CsvRecord& rec);
  // Appends the text after a closing quote up to the separator to the scratch buffer.
  void ReadTextAfterQuote(CsvRecord& rec);

  const char* pos_;
  const char* end_;
  int64_t line_ = 1;
};

// The field as it must appear in a CSV file: quoted (with "" for each quote) if it contains a
// comma, a quote, a CR or an LF, or starts with a byte order mark (which a reader would skip
// at the start of a file); unchanged otherwise.
std::string CsvEscape(std::string_view field);
// Appends CsvEscape(field) to `out` without a temporary.
void AppendCsvField(std::string& out, std::string_view field);

}  // namespace xianjie::ingest

#endif  // XIANJIE_INGEST_CSV_READER_H_
