// The department files of a generator run, written and read back (department_world.h).
#include "department_world.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "base/money.h"
#include "exchange_check.h"
#include "ingest/source_table.h"
#include "ingest/text_encoding.h"
#include "ingest/xlsx_writer.h"

namespace xianjie::demo::testing {

std::string Bytes(const DepartmentFile& file) {
  if (file.format == DepartmentFileFormat::kXlsx) {
    ingest::Sheet sheet;
    sheet.name = file.sheet;
    sheet.bold_header = true;
    sheet.rows.push_back(file.header);
    for (const auto& row : file.rows) sheet.rows.push_back(row);
    auto bytes = ingest::WriteXlsx({sheet});
    EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
    return bytes.ok() ? *bytes : std::string();
  }
  if (file.format == DepartmentFileFormat::kCsvUtf8) return DepartmentCsv(file);
  auto bytes = ingest::FromUtf8(DepartmentCsv(file), ingest::TextEncoding::kGb18030);
  EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
  return bytes.ok() ? *bytes : std::string();
}

World::World(const GeneratorOptions& o) : options(o) {
  std::ostringstream h, m;
  auto stats = GenerateRegistry(options, registry::RegionTable::BuiltIn(), h, m, &files);
  EXPECT_TRUE(stats.ok()) << stats.status().ToString();
  households_csv = std::move(h).str();
  members_csv = std::move(m).str();
  ParseRegistry();
  for (const DepartmentFile& f : files.files) Read(f);
}

void World::ParseRegistry() {
  std::map<std::string, Person> households;
  std::map<std::string, int> counted;
  std::vector<std::string> f;
  auto lines = Lines(households_csv);
  for (size_t i = 1; i < lines.size(); ++i) {
    SplitCsvLine(lines[i], f);
    Person& p = households[f[0]];
    p.lifted = f[2] == "lifted";
    double net = 0;
    for (int c = 3; c <= 6; ++c) net += static_cast<double>(ParseMoney(f[c])->fen()) / 100;
    net -= static_cast<double>(ParseMoney(f[7])->fen()) / 100;
    p.per_capita = net;
    p.housing_safe = f[12] == "1";
    p.water_safe = f[13] == "1";
  }
  lines = Lines(members_csv);
  for (size_t i = 1; i < lines.size(); ++i) {
    SplitCsvLine(lines[i], f);
    Person p = households[f[1]];
    p.household_id = f[1];
    p.relation = f[3];
    p.sex = f[4];
    p.birth = *ParseDate(f[5]);
    p.labor = f[6];
    p.health = f[7];
    p.school_stage = f[8];
    p.enrolled = f[9] == "1";
    if (f[12] == "1") ++counted[f[1]];
    people[f[0]] = p;
  }
  for (auto& [id, p] : people) p.per_capita /= std::max(1, counted[p.household_id]);
}

void World::Read(const DepartmentFile& file) {
  ReadBack& r = read[file.source];
  r.contract = ingest::FindBuiltinContract(file.source);
  ASSERT_NE(r.contract, nullptr) << file.source;
  auto table = ingest::SourceTable::Open(Bytes(file), {});
  ASSERT_TRUE(table.ok()) << file.source << ": " << table.status().ToString();
  r.encoding = (*table)->encoding();
  r.headers = (*table)->headers();
  auto mapper = ingest::SourceRowMapper::Create(*r.contract, r.headers);
  ASSERT_TRUE(mapper.ok()) << file.source << ": " << mapper.status().ToString();
  ingest::SourceRow row;
  ingest::MappedRow mapped;
  for (;;) {
    auto more = (*table)->Next(row);
    ASSERT_TRUE(more.ok()) << more.status().ToString();
    if (!*more) break;
    mapper->Map(row, files.as_of, mapped);
    r.rows.push_back(mapped);
  }
}

const DepartmentFile& World::File(std::string_view source) const {
  for (const DepartmentFile& f : files.files) {
    if (f.source == source) return f;
  }
  static const DepartmentFile kNone;
  ADD_FAILURE() << "no file for " << source;
  return kNone;
}

std::vector<std::pair<const ingest::MappedRow*, std::string>> World::Accepted(
    std::string_view source, std::string_view column) const {
  std::vector<std::pair<const ingest::MappedRow*, std::string>> out;
  auto it = read.find(std::string(source));
  if (it == read.end() || it->second.contract == nullptr) {
    ADD_FAILURE() << "no file read for " << source;
    return out;
  }
  const ReadBack& r = it->second;
  size_t index = r.contract->columns.size();
  for (size_t c = 0; c < r.contract->columns.size(); ++c) {
    if (r.contract->columns[c].name == column) index = c;
  }
  if (index == r.contract->columns.size()) {
    ADD_FAILURE() << source << " has no column " << column;
    return out;
  }
  for (const ingest::MappedRow& row : r.rows) {
    if (row.ok) out.emplace_back(&row, row.values[index].present ? row.values[index].text : "");
  }
  return out;
}

const Person* World::Find(const std::string& id) const {
  auto it = people.find(id);
  return it == people.end() ? nullptr : &it->second;
}

}  // namespace xianjie::demo::testing
