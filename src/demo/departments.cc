// Names and CSV text of the demo's department files.
#include "demo/departments.h"

#include <cstring>

namespace xianjie::demo {
namespace {

void AppendField(const std::string& field, std::string& out) {
  if (std::strcspn(field.c_str(), ",\"\r\n") == field.size()) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void AppendRecord(const std::vector<std::string>& fields, std::string& out) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    AppendField(fields[i], out);
  }
  out += "\r\n";
}

}  // namespace

std::string_view FileExtension(DepartmentFileFormat format) {
  return format == DepartmentFileFormat::kXlsx ? "xlsx" : "csv";
}

std::string DepartmentFile::FileName() const {
  return source + "." + std::string(FileExtension(format));
}

std::string DepartmentCsv(const DepartmentFile& file) {
  std::string out;
  if (file.format == DepartmentFileFormat::kCsvUtf8) out += "\xEF\xBB\xBF";
  AppendRecord(file.header, out);
  for (const std::vector<std::string>& row : file.rows) AppendRecord(row, out);
  return out;
}

}  // namespace xianjie::demo
