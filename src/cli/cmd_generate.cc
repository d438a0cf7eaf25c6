// `xianjie generate`: a synthetic Qinghai registry in the exchange format, for trying and testing,
// and the department files about its people (decision 0006, "Demo data"), written here because
// demo/ draws them as plain tables and may not use ingest/'s XLSX writer and encoder.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <vector>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "demo/departments.h"
#include "demo/generator.h"
#include "ingest/text_encoding.h"
#include "ingest/xlsx_writer.h"

namespace xianjie::cli {
namespace {

struct GenerateOptions {
  int64_t households = 0;
  uint64_t seed = 1;
  double corrupt_rate = 0.0;
  std::string out;
  bool no_departments = false;
  std::string departments_as_of;
};

// The bytes of a department file in its department's format; an XLSX file's rows are moved
// into the workbook.
Result<std::string> FileBytes(demo::DepartmentFile& file) {
  switch (file.format) {
    case demo::DepartmentFileFormat::kXlsx: {
      ingest::Sheet sheet;
      sheet.name = file.sheet;
      sheet.bold_header = true;
      sheet.rows.reserve(file.rows.size() + 1);
      sheet.rows.push_back(std::move(file.header));
      for (auto& row : file.rows) sheet.rows.push_back(std::move(row));
      return ingest::WriteXlsx({std::move(sheet)});
    }
    case demo::DepartmentFileFormat::kCsvUtf8:
      return demo::DepartmentCsv(file);
    case demo::DepartmentFileFormat::kCsvGbk:
      return ingest::FromUtf8(demo::DepartmentCsv(file), ingest::TextEncoding::kGb18030);
  }
  return Internal("unknown department file format");
}

std::string_view FormatName(demo::DepartmentFileFormat format) {
  switch (format) {
    case demo::DepartmentFileFormat::kXlsx:
      return "XLSX";
    case demo::DepartmentFileFormat::kCsvUtf8:
      return "UTF-8 CSV";
    case demo::DepartmentFileFormat::kCsvGbk:
      return "GBK CSV";
  }
  return "";
}

// Writes OUT/departments/<source>.<xlsx|csv>, one line printed per file.
Status WriteDepartmentFiles(demo::DepartmentFiles& files, const std::string& out) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(out) / "departments";
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return IoError("cannot create directory " + dir.string() + ": " + ec.message());
  std::printf("wrote %zu department files to %s, events from %s to %s:\n", files.files.size(),
              dir.string().c_str(),
              CivilDate::FromDays(files.as_of.ToDays() - 364).ToString().c_str(),
              files.as_of.ToString().c_str());
  struct Written {
    std::string name;
    int64_t rows = 0;
    size_t outsiders = 0, planted = 0;
    demo::DepartmentFileFormat format = demo::DepartmentFileFormat::kXlsx;
  };
  std::vector<Written> written;
  for (const demo::DepartmentFile& file : files.files) {
    written.push_back(Written{file.FileName(), static_cast<int64_t>(file.rows.size()),
                              file.out_of_province_rows.size(), file.planted_errors.size(),
                              file.format});
  }
  // The files are compressed (XLSX) or converted (GBK) on threads of their own, each taking
  // its own file apart; the bytes do not depend on the order.
  std::vector<std::future<Result<std::string>>> pending;
  for (demo::DepartmentFile& file : files.files) {
    pending.push_back(std::async(std::launch::async, [&file] { return FileBytes(file); }));
  }
  for (size_t i = 0; i < written.size(); ++i) {
    const auto& [name, rows, outsiders, planted, format] = written[i];
    XJ_ASSIGN_OR_RETURN(std::string bytes, pending[i].get());
    const std::string path = (dir / name).string();
    std::ofstream stream(path, std::ios::binary | std::ios::trunc);
    if (!stream) return IoError("cannot open " + path + " for writing: " + std::strerror(errno));
    stream.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    stream.close();
    if (!stream) return IoError("could not write " + path + " (disk full or not writable?)");
    std::printf("  %-24s %8s rows %8s KB  %-9s (%zu of other provinces, %zu malformed)\n",
                name.c_str(), WithThousands(rows).c_str(),
                WithThousands(static_cast<int64_t>((bytes.size() + 1023) / 1024)).c_str(),
                std::string(FormatName(format)).c_str(), outsiders, planted);
  }
  return Status::Ok();
}

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
  demo::DepartmentFiles departments;
  auto stats = demo::GenerateToDirectory(g, registry::RegionTable::BuiltIn(), o.out,
                                         o.no_departments ? nullptr : &departments);
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
  cmd->add_flag("--no-departments", o->no_departments,
                "Write only the registry, not OUT/departments/<source>.xlsx|csv");
  cmd->add_option("--departments-as-of", o->departments_as_of,
                  "Last day of the 12 months the department files cover, YYYY-MM-DD; no event "
                  "after it (default: 2024-09-01, the registry's reference date). Use the day "
                  "of the upload or earlier: an upload refuses dates after its own day");
  cmd->callback([o, exit_code] { *exit_code = RunGenerate(*o); });
}

}  // namespace xianjie::cli
