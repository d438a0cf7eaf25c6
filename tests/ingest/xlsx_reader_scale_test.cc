// XlsxReader (ingest/xlsx_reader.h) at scale, apart from the fast tests because ASan makes them
// take seconds: a 70,000-row sheet streamed, and the limits that need big parts (more shared
// strings than the reader keeps, over 1 GiB unpacked).
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "ingest/internal/xlsx_sheet.h"
#include "ingest/xlsx_fixture.h"
#include "ingest/xlsx_reader.h"
#include "ingest/xlsx_writer.h"

namespace xianjie::ingest {
namespace {

using testing::Book;
using testing::BookSpec;
using testing::Zip;

// The status of opening `bytes` and reading its first sheet to the end.
Status ReadStatus(std::string bytes) {
  auto reader = XlsxReader::Open(std::move(bytes));
  if (!reader.ok()) return reader.status();
  XJ_RETURN_IF_ERROR((*reader)->OpenSheet());
  XlsxRow row;
  while (true) {
    XJ_ASSIGN_OR_RETURN(bool more, (*reader)->Next(row));
    if (!more) return Status::Ok();
  }
}

void ExpectError(const Status& status, StatusCode code, std::vector<std::string> pieces) {
  EXPECT_EQ(status.code(), code) << status.ToString();
  for (const auto& piece : pieces) {
    EXPECT_NE(status.message().find(piece), std::string::npos)
        << "'" << piece << "' not in: " << status.message();
  }
}

// A sheet of `n` rows of 10 cells (a shared string, numbers, a date) built as text.
std::string LargeSheet(int n) {
  BookSpec spec;
  spec.cell_xfs = "<xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>";
  std::string data;
  data.reserve(static_cast<size_t>(n) * 260);
  for (int r = 1; r <= n; ++r) {
    const std::string row = std::to_string(r);
    data += "<row r=\"" + row + "\"><c r=\"A" + row + "\" t=\"s\"><v>" + std::to_string(r % 3) +
            "</v></c>";
    for (int c = 1; c < 9; ++c) {
      data += "<c r=\"" + XlsxColumnName(static_cast<size_t>(c)) + row + "\"><v>" +
              std::to_string(r * 10 + c) + "</v></c>";
    }
    data +=
        "<c r=\"J" + row + "\" s=\"1\"><v>" + std::to_string(45000 + r % 365) + "</v></c></row>";
  }
  spec.sheets = {{"Big", data}};
  spec.shared_strings = "<si><t>甲</t></si><si><t>乙</t></si><si><t>丙</t></si>";
  return Book(spec);
}

// More rows than a sheet of Excel 2003 could hold (65,536), as row numbers past 16 bits.
constexpr int kManyRows = 70000;

TEST(XlsxReader, StreamsMoreRowsThanAnOldSheetHeld) {
  auto opened = XlsxReader::Open(LargeSheet(kManyRows));
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  XlsxReader* reader = opened->get();
  ASSERT_TRUE(reader->OpenSheet().ok());
  XlsxRow row;
  int64_t count = 0;
  int64_t checksum = 0;
  const char* names[] = {"甲", "乙", "丙"};
  while (true) {
    auto more = reader->Next(row);
    ASSERT_TRUE(more.ok()) << more.status().ToString();
    if (!*more) break;
    ++count;
    ASSERT_EQ(row.number, count);
    ASSERT_EQ(row.cells.size(), 10u);
    ASSERT_EQ(row.cells[0].text, names[count % 3]);
    checksum += std::stoll(row.cells[8].text);
    if (count == 1) {
      EXPECT_EQ(row.cells[9].text, "2023-03-16");
    }
    if (count == kManyRows) {
      EXPECT_EQ(row.cells[1].text, "700001");
      EXPECT_EQ(row.cells[9].text, "2023-12-25");  // 45000 + 70000 % 365 = 45285
    }
  }
  EXPECT_EQ(count, kManyRows);
  int64_t expected = 0;
  for (int64_t r = 1; r <= kManyRows; ++r) expected += r * 10 + 8;
  EXPECT_EQ(checksum, expected);
}

TEST(XlsxReader, RefusesMoreSharedStringsThanItKeeps) {
  // Stored, not deflated, so that the compression ratio does not refuse it first.
  std::string items;
  items.reserve((internal::kXlsxMaxSharedStrings + 1) * 5);
  for (size_t i = 0; i <= internal::kXlsxMaxSharedStrings; ++i) items += "<si/>";
  ExpectError(ReadStatus(Zip(testing::BookParts([&] {
                               BookSpec spec{{{"Data", ""}}};
                               spec.shared_strings = std::move(items);
                               return spec;
                             }()),
                             /*store=*/true)),
              StatusCode::kInvalidArgument,
              {"xl/sharedStrings.xml", "more than 16,777,216 distinct texts"});
}

TEST(XlsxReader, RefusesAWorkbookOverOneGibUnpacked) {
  // Eleven parts of 1.1 MiB of random bytes each, declared as 100 MiB each (a ratio of 91):
  // 1.07 GiB in all, refused from the zip directory before anything is inflated.
  std::mt19937 random(7);
  testing::Parts parts;
  for (int i = 0; i < 11; ++i) {
    std::string noise(1100 * 1024, '\0');
    for (char& c : noise) c = static_cast<char>(random());
    parts.emplace_back("xl/media/image" + std::to_string(i) + ".bin", std::move(noise));
  }
  std::string zip = Zip(parts);
  testing::DeclareSizes(zip, 100u << 20);
  ExpectError(ReadStatus(zip), StatusCode::kInvalidArgument,
              {"more than 1 GiB", "split it into smaller workbooks"});
}

}  // namespace
}  // namespace xianjie::ingest
