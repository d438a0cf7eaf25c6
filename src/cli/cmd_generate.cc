// `xianjie generate`: a synthetic registry in the exchange format (Qinghai's, or another region
// table's), for trying and testing, and the department files about its people (decision 0006,
// "Demo data"), written here because demo/ draws them as plain tables and may not use ingest/'s
// XLSX writer and encoder.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <vector>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/department_files.h"
#include "demo/departments.h"
#include "demo/generator.h"

namespace xianjie::cli {
namespace {

struct GenerateOptions {
  int64_t households = 0;
  uint64_t seed = 1;
  double corrupt_rate = 0.0;
  std::string out;
  bool no_departments = false;
  std::string departments_as_of;
  std::string regions_file;
};

int RunGenerate(const GenerateOptions& o) {
  demo::GeneratorOptions g;
  g.households = o.households;
  g.seed = o.seed;
  g.corrupt_rate = o.corrupt_rate;
  if (!o.departments_as_of.empty()) {
    auto day = ParseDate(o.departments_as_of);
    if (!day.ok()) return Fail(InvalidArgument("--departments-as-of: " + day.status().message()));
    g.departments_as_of = *day;
  }
  auto regions = ReadRegionFile(o.regions_file);
  if (!regions.ok()) return Fail(regions.status());
  demo::DepartmentFiles departments;
  auto stats =
      demo::GenerateToDirectory(g, *regions, o.out, o.no_departments ? nullptr : &departments);
  if (!stats.ok()) return Fail(stats.status());
  std::printf("wrote %s households and %s members to %s/households.csv and members.csv\n",
              WithThousands(stats->households).c_str(), WithThousands(stats->members).c_str(),
              o.out.c_str());
  int64_t corrupted = 0;
  for (const auto& [kind, n] : stats->corrupted) corrupted += n;
  if (corrupted > 0) {
    std::printf("corrupted %s rows on purpose:", WithThousands(corrupted).c_str());
    for (const auto& [kind, n] : stats->corrupted)
      std::printf(" %s %lld;", kind.c_str(), static_cast<long long>(n));
    std::printf("\n");
  }
  if (!o.no_departments) {
    Status written = WriteDepartmentFiles(departments, o.out);
    if (!written.ok()) return Fail(written);
  }
  return kExitOk;
}

}  // namespace

void AddGenerateCommand(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<GenerateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "generate",
      "Generate a synthetic Qinghai registry in the exchange format and the department files "
      "about its people (deterministic)");
  cmd->add_option("--households", o->households, "Number of households")
      ->required()
      ->check(CLI::Range(int64_t{1}, int64_t{100'000'000}));
  cmd->add_option("--seed", o->seed, "Random seed (same seed, same files)");
  cmd->add_option("--corrupt-rate", o->corrupt_rate,
                  "Share of registry rows to corrupt with realistic errors, for testing (0..1)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--out", o->out, "Output directory (households.csv, members.csv, departments/)")
      ->required();
  cmd->add_option("--regions", o->regions_file,
                  "Region table CSV (code,name,level,parent_code) whose villages to fill "
                  "(default: the built-in Qinghai table)");
  cmd->add_flag("--no-departments", o->no_departments,
                "Write only the registry, not OUT/departments/<source>.xlsx|csv");
  cmd->add_option("--departments-as-of", o->departments_as_of,
                  "Last day of the 12 months the department files cover, YYYY-MM-DD; no event "
                  "after it (default: 2024-09-01, the registry's reference date). Use the day "
                  "of the upload or earlier: an upload refuses dates after its own day");
  cmd->callback([o, exit_code] { *exit_code = RunGenerate(*o); });
}

}  // namespace xianjie::cli
