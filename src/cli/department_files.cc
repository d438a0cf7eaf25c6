#include "cli/department_files.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <vector>

#include "cli/common.h"
#include "ingest/text_encoding.h"
#include "ingest/xlsx_writer.h"

namespace xianjie::cli {
namespace {

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

}  // namespace

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

}  // namespace xianjie::cli
