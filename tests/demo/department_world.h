// Test support for the generator's department files: a generator run held in memory with its
// registry parsed and each department file written as the CLI writes it and read back as an
// upload reads it (ingest::SourceTable and SourceRowMapper with the shipped contracts).
#ifndef XIANJIE_TESTS_DEMO_DEPARTMENT_WORLD_H_
#define XIANJIE_TESTS_DEMO_DEPARTMENT_WORLD_H_

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/date.h"
#include "demo/departments.h"
#include "demo/generator.h"
#include "ingest/source_contract.h"
#include "ingest/source_rows.h"

namespace xianjie::demo::testing {

// A member of the generated registry, with what the checks need of their household.
struct Person {
  std::string household_id;
  std::string relation, sex, labor, health, school_stage;  // exchange-format codes
  CivilDate birth;
  bool enrolled = false;
  bool lifted = false;
  bool housing_safe = true;
  bool water_safe = true;
  double per_capita = 0;  // the household's net income per counted member, yuan
};

// A file's bytes as the CLI writes them (cli/cmd_generate.cc): XLSX by ingest::WriteXlsx, CSV
// by DepartmentCsv, GBK by ingest::FromUtf8. A failure is a test failure (and "").
std::string Bytes(const DepartmentFile& file);

// One file read back by its contract, on the day of the files' as_of.
struct ReadBack {
  const ingest::SourceContract* contract = nullptr;
  std::string encoding;  // SourceTable::encoding()
  std::vector<std::string> headers;
  std::vector<ingest::MappedRow> rows;  // in file order
};

// A generator run with department files over the built-in region table. Failures along the way
// are test failures.
struct World {
  explicit World(const GeneratorOptions& o);

  // The file of `source` (a test failure and an empty file if there is none).
  const DepartmentFile& File(std::string_view source) const;
  // The accepted rows of `source` with their value of the contract column `column` ("" when
  // absent).
  std::vector<std::pair<const ingest::MappedRow*, std::string>> Accepted(
      std::string_view source, std::string_view column) const;
  // The member with this ID number, or nullptr.
  const Person* Find(const std::string& id) const;

  GeneratorOptions options;
  std::string households_csv, members_csv;
  DepartmentFiles files;
  std::map<std::string, Person> people;  // by ID number
  std::map<std::string, ReadBack> read;  // by source

 private:
  void ParseRegistry();
  void Read(const DepartmentFile& file);
};

}  // namespace xianjie::demo::testing

#endif  // XIANJIE_TESTS_DEMO_DEPARTMENT_WORLD_H_
