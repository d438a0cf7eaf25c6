// Fuzzes the XLSX reader. It must never crash or grow without bound, must fail only with
// kInvalidArgument, kDataLoss or kNotFound and a message, and every row it returns must keep the
// contract of xlsx_reader.h (row numbers and columns within Excel's limits, no trailing empty
// cell, kinds matching their text, numbers canonical, no cell over 32,767 characters).
//
// The first input byte picks what the rest is: the file's bytes (even), or (odd) the contents
// of a workbook zipped here — sheet data, shared string items, number formats and cell formats
// separated by "\n--\n" — so that the fuzzer reaches the XML without having to deflate it. Bit 1
// of the first byte sets date1904.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "ingest/internal/xlsx_values.h"
#include "ingest/xlsx_fixture.h"
#include "ingest/xlsx_reader.h"

namespace {

using xianjie::StatusCode;
using xianjie::ingest::XlsxCellKind;

void Check(bool ok) {
  if (!ok) std::abort();
}

void CheckStatus(const xianjie::Status& status) {
  Check(status.code() == StatusCode::kInvalidArgument || status.code() == StatusCode::kDataLoss ||
        status.code() == StatusCode::kNotFound);
  Check(!status.message().empty());
}

void CheckRow(const xianjie::ingest::XlsxRow& row) {
  Check(row.number >= 1 && row.number <= xianjie::ingest::kXlsxReadMaxRows);
  Check(!row.cells.empty() && row.cells.size() <= xianjie::ingest::kXlsxReadMaxColumns);
  Check(row.cells.back().kind != XlsxCellKind::kEmpty);
  for (const auto& cell : row.cells) {
    switch (cell.kind) {
      case XlsxCellKind::kEmpty:
        Check(cell.text.empty());
        break;
      case XlsxCellKind::kText:
        Check(!cell.text.empty());
        break;
      case XlsxCellKind::kBoolean:
        Check(cell.text == "TRUE" || cell.text == "FALSE");
        break;
      case XlsxCellKind::kNumber:
        Check(xianjie::ingest::internal::CanonicalNumber(cell.text) == cell.text);
        break;
      default:
        break;
    }
    Check(xianjie::ingest::internal::Utf16Length(cell.text) <=
              xianjie::ingest::kXlsxReadMaxCellCharacters ||
          cell.kind == XlsxCellKind::kError);
  }
}

std::string StructuredBook(std::string_view rest, bool date1904) {
  xianjie::ingest::testing::BookSpec spec;
  std::string pieces[4];
  for (int i = 0; i < 4; ++i) {
    const size_t cut = i == 3 ? std::string_view::npos : rest.find("\n--\n");
    pieces[i] = std::string(rest.substr(0, cut));
    rest = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + 4);
  }
  spec.sheets = {{"Sheet1", pieces[0]}, {"第二", "<row><c><v>1</v></c></row>"}};
  spec.shared_strings = pieces[1];
  spec.num_fmts = pieces[2];
  spec.cell_xfs = pieces[3];
  spec.date1904 = date1904;
  return xianjie::ingest::testing::Book(spec);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  if (size == 0) return 0;
  const std::string_view rest(reinterpret_cast<const char*>(bytes) + 1, size - 1);
  std::string file =
      (bytes[0] & 1) == 0 ? std::string(rest) : StructuredBook(rest, (bytes[0] & 2) != 0);
  auto reader = xianjie::ingest::XlsxReader::Open(std::move(file));
  if (!reader.ok()) {
    CheckStatus(reader.status());
    return 0;
  }
  Check(!(*reader)->SheetNames().empty());
  xianjie::ingest::XlsxRow row;
  for (const std::string& name : (*reader)->SheetNames()) {
    const xianjie::Status opened = (*reader)->OpenSheet(name);
    if (!opened.ok()) {
      CheckStatus(opened);
      continue;
    }
    while (true) {
      auto more = (*reader)->Next(row);
      if (!more.ok()) {
        CheckStatus(more.status());
        break;
      }
      if (!*more) break;
      CheckRow(row);
    }
  }
  return 0;
}
