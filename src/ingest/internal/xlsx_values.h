// The value rules of SpreadsheetML cells, apart from any XML: cell references ("C7"), which
// number formats are dates, serial numbers to ISO dates and times, the canonical text of a
// number and the _xHHHH_ escapes of strings. Used by xlsx_reader.cc; pure functions.
#ifndef XIANJIE_INGEST_INTERNAL_XLSX_VALUES_H_
#define XIANJIE_INGEST_INTERNAL_XLSX_VALUES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace xianjie::ingest::internal {

// A cell reference split into its 0-based column and 1-based row ("C7" → {2, 7}); the row may
// be absent ("C" → row 0). Letters are read case-insensitively.
struct CellReference {
  int64_t column = 0;
  int64_t row = 0;
};
// nullopt when the text is not letters followed by digits.
// A column past `max_column` (0-based) is returned as max_column + 1 and a row past `max_row` as
// max_row + 1, so that the caller reports "too far" rather than "malformed".
std::optional<CellReference> ParseCellReference(std::string_view text, int64_t max_column,
                                                int64_t max_row);

// True for the built-in number formats that show dates or times: 14–22, 45–47, and the East
// Asian locale formats 27–36 and 50–58 (年月日 forms, which Chinese Excel writes by id).
bool IsBuiltInDateFormat(int64_t id);
// True when a custom format code shows a date or time: it holds d, m, y, h or s (either case)
// outside quoted text, [brackets] (colours, locales, elapsed times), \-escaped characters and
// the _x / *x padding pairs. "General", "0.00", "@" and "0\d" are not dates.
bool IsDateFormatCode(std::string_view code);

// The ISO text of an Excel serial date: "YYYY-MM-DD", or "YYYY-MM-DDTHH:MM:SS" when the time,
// rounded to the second, is not midnight. 1900 base: serial 1 is 1900-01-01 and 60 is Excel's
// fictitious 1900-02-29; 1904 base: serial 0 is 1904-01-01. nullopt for a serial before the base
// (negative) or after 9999-12-31, which Excel does not show as dates either.
std::optional<std::string> SerialToIso(double serial, bool date1904);

// The canonical text of a number cell's value: the shortest digits that read back as the same
// double, laid out as ECMAScript's Number toString (plain from 1e-7 to 1e21, else "1.5e+21"):
// "1.50" → "1.5", "1E3" → "1000", "-0" → "0"; nullopt when `text` is not a number.
std::optional<std::string> CanonicalNumber(std::string_view text);
// The number `text` holds, as canonical above; nullopt when it is not a number.
std::optional<double> ParseNumber(std::string_view text);

// Replaces each _xHHHH_ escape (ST_Xstring: a UTF-16 unit in hex, "_x000D_" for a carriage
// return, "_x005F_" for an underscore) with the character in UTF-8, in place. Surrogate pairs
// are joined; a lone surrogate becomes U+FFFD.
void DecodeXstring(std::string& text);

// The number of UTF-16 code units of UTF-8 text, as Excel counts a cell's characters (each
// byte that is not a continuation byte counts one, four-byte sequences two).
size_t Utf16Length(std::string_view text);

}  // namespace xianjie::ingest::internal

#endif  // XIANJIE_INGEST_INTERNAL_XLSX_VALUES_H_
