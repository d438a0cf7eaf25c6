// Writes a medical-insurance settlement workbook (the medical_insurance contract's headers) of
// ROWS rows about the people of a generated registry's members.csv, for the end-to-end upload
// benchmark: most rows name registry members (several bills each), 1% people of other
// provinces, 0.2% malformed (a bad check digit, text in a money column). Deterministic.
// Usage: make_medical_xlsx MEMBERS_CSV ROWS OUT.xlsx
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "ingest/xlsx_writer.h"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: make_medical_xlsx MEMBERS_CSV ROWS OUT.xlsx\n");
    return 2;
  }
  std::ifstream in(argv[1]);
  std::string line;
  std::getline(in, line);  // header: id_number,household_id,name,...
  std::vector<std::pair<std::string, std::string>> people;
  while (std::getline(in, line)) {
    const size_t a = line.find(',');
    const size_t b = line.find(',', a + 1);
    const size_t c = line.find(',', b + 1);
    people.emplace_back(line.substr(0, a), line.substr(b + 1, c - b - 1));
  }
  if (people.empty()) {
    std::fprintf(stderr, "no members in %s\n", argv[1]);
    return 1;
  }
  const long rows = std::atol(argv[2]);
  std::mt19937_64 rng(20261129);
  xianjie::ingest::Sheet sheet;
  sheet.name = "结算明细";
  sheet.rows.reserve(static_cast<size_t>(rows) + 1);
  sheet.rows.push_back({"身份证号", "姓名", "参保类型", "就诊类型", "就诊机构",
                        "医疗费用总额（元）", "统筹基金支付（元）", "个人自付金额（元）",
                        "结算日期"});
  const char* kinds[] = {"住院", "普通门诊", "门诊慢特病"};
  const char* hospitals[] = {"湟中区第一人民医院", "青海大学附属医院", "大通县人民医院",
                             "互助县中医院", "乡镇卫生院"};
  for (long r = 0; r < rows; ++r) {
    const auto& [id, name] = people[rng() % people.size()];
    const bool inpatient = rng() % 10 == 0;
    const double total = inpatient ? 3000.0 + static_cast<double>(rng() % 4000000) / 100.0
                                   : 50.0 + static_cast<double>(rng() % 80000) / 100.0;
    const double fund = total * (inpatient ? 0.65 : 0.5);
    char money[3][32];
    std::snprintf(money[0], sizeof money[0], "%.2f", total);
    std::snprintf(money[1], sizeof money[1], "%.2f", fund);
    std::snprintf(money[2], sizeof money[2], "%.2f", total - fund);
    char date[16];
    std::snprintf(date, sizeof date, "2026-%02d-%02d", 1 + static_cast<int>(rng() % 10),
                  1 + static_cast<int>(rng() % 28));
    std::string person = id;
    std::string out_of_pocket = money[2];
    const unsigned roll = static_cast<unsigned>(rng() % 1000);
    if (roll < 10) person = "110101199003077774";                // another province
    if (roll == 10) person[17] = person[17] == '0' ? '1' : '0';  // bad check digit
    if (roll == 11) out_of_pocket = "待核";                      // text in money
    sheet.rows.push_back({person, name, "城乡居民医保", kinds[inpatient ? 0 : 1 + rng() % 2],
                          hospitals[rng() % 5], money[0], money[1], out_of_pocket, date});
  }
  auto bytes = xianjie::ingest::WriteXlsx({sheet});
  if (!bytes.ok()) {
    std::fprintf(stderr, "%s\n", bytes.status().ToString().c_str());
    return 1;
  }
  std::ofstream(argv[3], std::ios::binary) << *bytes;
  std::fprintf(stderr, "wrote %ld rows, %zu bytes to %s\n", rows, bytes->size(), argv[3]);
  return 0;
}
