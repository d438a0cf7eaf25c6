// Matching the header row of a department's file to the columns of its source contract
// (decision 0006): after trimming, folding full-width ASCII to half-width and dropping spaces,
// by header first, then by alias; with one error that lists everything wrong at once.
#ifndef XIANJIE_INGEST_SOURCE_HEADERS_H_
#define XIANJIE_INGEST_SOURCE_HEADERS_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ingest/source_contract.h"

namespace xianjie::ingest {

// `header` as compared: full-width ASCII (U+FF01–U+FF5E) folded to half-width, every space
// (ASCII white space, U+3000 ideographic space, U+00A0) removed, ASCII letters lower-cased. So
// " 个人自付金额（元） " and "个人自付金额(元)" fold to the same text. Invalid UTF-8 is kept
// byte for byte.
std::string FoldHeader(std::string_view header);

// Where each contract column is in the file: header_of_column[i] is the 0-based index in the
// header row of contract column i, or -1 for an optional column the file lacks;
// column_of_header[j] is the contract column of header j.
struct HeaderMap {
  std::vector<int> header_of_column;
  std::vector<int> column_of_header;
};

// Maps `headers` (the file's header row) to `contract`'s columns. kInvalidArgument with one
// message listing, each on its own line after the first: every required column missing (its
// header and aliases), every header that is no column of the contract (with the closest known
// header or alias, if one is close), and every column given twice (two headers folding to the
// same column, as header or alias). Empty headers count as unknown. The message begins "the
// header row" followed by ` (<where>)` when `where` ("line 3", "row 3") is given. Thread-safe.
Result<HeaderMap> MatchHeaders(const SourceContract& contract,
                               const std::vector<std::string>& headers,
                               std::string_view where = "");

// How well a row of a file fits as the header row of `contract`: how many of the contract's
// columns it names (by header or alias, compared as MatchHeaders does; each column counted
// once) and whether every required column is among them. Thread-safe.
struct HeaderFit {
  int columns = 0;
  bool has_required = false;
};
HeaderFit FitHeaders(const SourceContract& contract, const std::vector<std::string>& headers);

}  // namespace xianjie::ingest

#endif  // XIANJIE_INGEST_SOURCE_HEADERS_H_
