// SourceTable and SourceRowMapper at the scale of decision 0006: a medical insurance workbook
// (ID numbers and names as shared strings, money as numbers, dates as date-formatted serials) of
// 50,000 rows, 200,000 with XJ_SCALE_ROWS=200000, read and mapped end to end; prints the time
// taken (seconds under ASan; in a release build, at 200,000 rows, this is the figure for
// docs/benchmarks.md). Label slow.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "base/id_number.h"
#include "ingest/source_rows.h"
#include "ingest/source_table.h"
#include "ingest/xlsx_fixture.h"

namespace xianjie::ingest {
namespace {

// 50,000 rows in `make test`; XJ_SCALE_ROWS=200000 for the benchmark figure.
const int kRows = [] {
  const char* env = std::getenv("XJ_SCALE_ROWS");
  return env != nullptr ? std::atoi(env) : 50000;
}();

std::string MedicalWorkbook() {
  testing::BookSpec spec;
  spec.cell_xfs = "<xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>";
  const char* headers[] = {"身份证号",
                           "姓名",
                           "参保类型",
                           "就诊类型",
                           "就诊机构",
                           "医疗费用总额（元）",
                           "统筹基金支付（元）",
                           "个人自付金额（元）",
                           "结算日期"};
  // Shared strings: the 9 headers, 3 labels, 2 visit types, 50 hospitals, 500 names, then one ID
  // number per row (as Excel keeps text cells).
  for (const char* h : headers) spec.shared_strings += std::string("<si><t>") + h + "</t></si>";
  for (const char* t : {"城乡居民医保", "职工医保", "居民医保", "住院", "普通门诊"}) {
    spec.shared_strings += std::string("<si><t>") + t + "</t></si>";
  }
  for (int i = 0; i < 50; ++i) {
    spec.shared_strings += "<si><t>第" + std::to_string(i) + "人民医院</t></si>";
  }
  for (int i = 0; i < 500; ++i) {
    spec.shared_strings += "<si><t>村民" + std::to_string(i) + "</t></si>";
  }
  constexpr int kFirstId = 9 + 5 + 50 + 500;
  std::string data = "<row r=\"1\">";
  for (int c = 0; c < 9; ++c) {
    data += "<c t=\"s\"><v>" + std::to_string(c) + "</v></c>";
  }
  data += "</row>";
  const CivilDate birth = CivilDate::FromYmd(1960, 1, 1);
  for (int r = 0; r < kRows; ++r) {
    spec.shared_strings +=
        "<si><t>" + MakeIdNumber("630121", CivilDate::FromDays(birth.ToDays() + r / 900), r % 900) +
        "</t></si>";
    const std::string n = std::to_string(r + 2);
    const int cost = 1000 + r % 50000;
    data += "<row r=\"" + n + "\"><c t=\"s\"><v>" + std::to_string(kFirstId + r) +
            "</v></c><c t=\"s\"><v>" + std::to_string(64 + r % 500) + "</v></c><c t=\"s\"><v>" +
            std::to_string(9 + r % 3) + "</v></c><c t=\"s\"><v>" + std::to_string(12 + r % 2) +
            "</v></c><c t=\"s\"><v>" + std::to_string(14 + r % 50) + "</v></c><c><v>" +
            std::to_string(cost) + ".5</v></c><c><v>" + std::to_string(cost * 7 / 10) +
            ".25</v></c><c><v>" + std::to_string(cost - cost * 7 / 10) +
            ".25</v></c><c s=\"1\"><v>" + std::to_string(45900 + r % 180) + "</v></c></row>";
  }
  spec.sheets = {{"结算明细", std::move(data)}};
  return testing::Book(spec);
}

TEST(SourceRowsScaleTest, AMedicalWorkbookIsReadAndMapped) {
  const std::string bytes = MedicalWorkbook();
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  auto table = SourceTable::Open(bytes, {});
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  auto mapper =
      SourceRowMapper::Create(*FindBuiltinContract("medical_insurance"), (*table)->headers());
  ASSERT_TRUE(mapper.ok()) << mapper.status().ToString();
  SourceRow row;
  MappedRow out;
  std::string json;
  int64_t read = 0;
  int64_t accepted = 0;
  int64_t fen = 0;
  while (true) {
    Result<bool> more = (*table)->Next(row);
    ASSERT_TRUE(more.ok()) << more.status().ToString();
    if (!*more) break;
    ++read;
    mapper->Map(row, CivilDate::FromYmd(2026, 4, 15), out);
    if (!out.ok) {
      ADD_FAILURE() << "row " << out.number << ": " << out.issues[0].rule << ": "
                    << out.issues[0].message;
      break;
    }
    ++accepted;
    fen += out.values[7].number;
    json.clear();
    mapper->AppendValuesJson(out, json);
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  EXPECT_EQ(read, kRows);
  EXPECT_EQ(accepted, kRows);
  EXPECT_GT(fen, 0);
  std::printf("%d rows (workbook %zu bytes) read and mapped in %.2f s (%.0f rows/s)\n", kRows,
              bytes.size(), seconds, kRows / seconds);
}

}  // namespace
}  // namespace xianjie::ingest
