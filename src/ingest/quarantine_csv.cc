// Writing quarantine entries as CSV.
#include "ingest/quarantine_csv.h"

#include <cerrno>
#include <cstring>
#include <fstream>

#include "ingest/csv_reader.h"

namespace xianjie::ingest {

void WriteQuarantineCsv(std::span<const registry::QuarantineEntry> entries, std::ostream& out) {
  out << "\xEF\xBB\xBF"
      << "batch_id,file,line,column,rule,value,message,record\n";
  std::string line;
  for (const auto& e : entries) {
    line = std::to_string(e.batch_id) + ',';
    AppendCsvField(line, e.file);
    line += ',' + std::to_string(e.line);
    for (const std::string* f : {&e.column, &e.rule, &e.value, &e.message, &e.record}) {
      line += ',';
      AppendCsvField(line, *f);
    }
    line += '\n';
    out << line;
  }
}

Status WriteQuarantineCsv(std::span<const registry::QuarantineEntry> entries,
                          const std::string& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return IoError("cannot write '" + path + "': " + std::strerror(errno));
  WriteQuarantineCsv(entries, out);
  out.flush();
  if (!out) return IoError("writing '" + path + "' failed: " + std::strerror(errno));
  return Status::Ok();
}

}  // namespace xianjie::ingest
