// Writes a workbook with awkward cells for xlsx_check.py: `xlsx_sample OUT.xlsx OUT.json` writes
// the workbook and, as JSON, the sheets it was given ({name, rows}) with each cell as a reader
// should see it (characters XML forbids left out), for the script to compare.
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ingest/xlsx_writer.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: xlsx_sample OUT.xlsx OUT.json\n";
    return 2;
  }
  using xianjie::ingest::Sheet;
  Sheet notice;
  notice.name = "公示";
  notice.bold_header = true;
  notice.column_widths = {14, 10, 24};
  notice.rows = {{"户主姓名", "家庭人口", "风险类型"},
                 {"张三", "4", "因病、因学"},
                 {"<李四> & \"王五\"", "", "line one\nline two\ttab"},
                 {"", "only the middle", ""},
                 {"  leading and trailing spaces  ", "𠀀 (four bytes)", "'quote"}};
  Sheet second;
  second.name = "A&B";
  second.rows = {{"x\x01y", "=1+1", "-3"}};
  std::vector<std::vector<std::string>> second_expected = {{"xy", "=1+1", "-3"}};

  auto bytes = xianjie::ingest::WriteXlsx({notice, second});
  if (!bytes.ok()) {
    std::cerr << bytes.status().ToString() << "\n";
    return 1;
  }
  std::ofstream(argv[1], std::ios::binary) << *bytes;
  nlohmann::json expected = nlohmann::json::array();
  expected.push_back({{"name", notice.name}, {"bold_header", true}, {"rows", notice.rows}});
  expected.push_back({{"name", second.name}, {"bold_header", false}, {"rows", second_expected}});
  std::ofstream(argv[2]) << expected.dump();
  return 0;
}
