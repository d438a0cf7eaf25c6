// The text forms of department cells, apart from any column type: white space to trim (Chinese
// spaces included), full-width ASCII to fold, the date forms departments write, ISO 8601 weeks,
// and numbers appended to a buffer without a temporary. Used by source_table.cc,
// source_cells.cc and source_rows.cc; pure functions.
#ifndef XIANJIE_INGEST_INTERNAL_SOURCE_TEXT_H_
#define XIANJIE_INGEST_INTERNAL_SOURCE_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "base/date.h"

namespace xianjie::ingest::internal {

// True for the ASCII digits '0' to '9' (std::isdigit depends on the locale).
inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// `text` without white space at either end: ASCII white space, U+3000 (ideographic space),
// U+00A0 (no-break space) and U+FEFF (a stray byte order mark).
std::string_view TrimCell(std::string_view text);

// `text` with full-width ASCII (U+FF01–U+FF5E) folded to half-width and U+3000 to a space, as
// Chinese input methods in full-width mode type digits and letters. Returns `text` itself when
// there is nothing to fold, else a view of `scratch`, which holds the folded text.
std::string_view FoldFullWidth(std::string_view text, std::string& scratch);

// At most 256 bytes of `text` (cut at a character boundary, "…" appended), for issue values.
std::string Shortened(std::string_view text);

// Date text as departments write it: 2026-03-01, 2026-3-1, 2026/3/1, 2026.3.1, 20260301,
// 2026年3月1日 (or 号), each optionally followed by a time (" 10:30:00", "T10:30"). kImpossible
// for a well-formed date that names no day (2026-02-30).
enum class DateText { kOk, kFormat, kImpossible };
DateText ParseDateText(std::string_view text, int& year, int& month, int& day);

// The ISO 8601 week of `date`: its year (which may differ from the date's near 1 January) and
// its number, 1–53.
void IsoWeek(CivilDate date, int& year, int& week);

// Appends `number` as decimal digits, zero-padded to `width`.
void AppendPadded(std::string& out, int64_t number, int width);
// Appends "YYYY-MM-DD".
void AppendDate(std::string& out, CivilDate date);

}  // namespace xianjie::ingest::internal

#endif  // XIANJIE_INGEST_INTERNAL_SOURCE_TEXT_H_
