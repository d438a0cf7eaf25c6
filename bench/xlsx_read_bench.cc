// Reads a generated workbook of 200,000 rows × 10 columns (shared strings, numbers, dates) with
// XlsxReader and prints how long opening and streaming took, and the peak memory (decision
// 0006: department workbooks of that size). Usage: xlsx_read_bench [ROWS]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "ingest/xlsx_fixture.h"
#include "ingest/xlsx_reader.h"
#include "ingest/xlsx_writer.h"

int main(int argc, char** argv) {
  const int rows = argc > 1 ? std::atoi(argv[1]) : 200000;
  using Clock = std::chrono::steady_clock;
  xianjie::ingest::testing::BookSpec spec;
  spec.cell_xfs = "<xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>";
  for (int i = 0; i < 1000; ++i) {
    spec.shared_strings += "<si><t>村民" + std::to_string(i) + "</t></si>";
  }
  std::string data;
  for (int r = 1; r <= rows; ++r) {
    const std::string n = std::to_string(r);
    data += "<row r=\"" + n + "\"><c r=\"A" + n + "\" t=\"s\"><v>" + std::to_string(r % 1000) +
            "</v></c><c r=\"B" + n + "\" t=\"s\"><v>" + std::to_string(r * 7 % 1000) + "</v></c>";
    for (int c = 2; c < 9; ++c) {
      data += "<c r=\"" + xianjie::ingest::XlsxColumnName(static_cast<size_t>(c)) + n + "\"><v>" +
              std::to_string(r * 13 + c) + "." + std::to_string(c * 5) + "</v></c>";
    }
    data += "<c r=\"J" + n + "\" s=\"1\"><v>" + std::to_string(44000 + r % 2000) + "</v></c></row>";
  }
  spec.sheets = {{"Data", std::move(data)}};
  std::string bytes = xianjie::ingest::testing::Book(spec);
  const size_t packed = bytes.size();

  const auto start = Clock::now();
  auto reader = xianjie::ingest::XlsxReader::Open(std::move(bytes));
  if (!reader.ok()) {
    std::fprintf(stderr, "%s\n", reader.status().ToString().c_str());
    return 1;
  }
  const auto opened = Clock::now();
  if (auto s = (*reader)->OpenSheet(); !s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  xianjie::ingest::XlsxRow row;
  int64_t count = 0;
  size_t text_bytes = 0;
  while (true) {
    auto more = (*reader)->Next(row);
    if (!more.ok()) {
      std::fprintf(stderr, "%s\n", more.status().ToString().c_str());
      return 1;
    }
    if (!*more) break;
    ++count;
    for (const auto& cell : row.cells) text_bytes += cell.text.size();
  }
  const auto done = Clock::now();
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const double open_s = std::chrono::duration<double>(opened - start).count();
  const double read_s = std::chrono::duration<double>(done - opened).count();
  std::printf("rows %lld, cells' text %zu bytes, workbook %zu bytes packed\n",
              static_cast<long long>(count), text_bytes, packed);
  std::printf(
      "open %.3f s, read %.3f s (%.0f rows/s), peak RSS %ld MiB (the generated XML "
      "included)\n",
      open_s, read_s, static_cast<double>(count) / read_s, usage.ru_maxrss / 1024);
  return count == rows ? 0 : 1;
}
