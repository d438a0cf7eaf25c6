// Rendering of quarantine entries: one per rejected row, with a message that lists every
// problem of the row in the file's column order.
#include "ingest/internal/quarantine.h"

namespace xianjie::ingest::internal {

std::vector<registry::QuarantineEntry> RenderQuarantine(std::vector<PendingRow>& pending,
                                                        const Header& header,
                                                        const std::string& file_name) {
  auto column_of = [&](int field) -> std::string {
    if (field < 0 || static_cast<size_t>(field) >= header.names.size()) return "";
    return header.names[field];
  };
  std::vector<registry::QuarantineEntry> entries;
  entries.reserve(pending.size());
  for (PendingRow& row : pending) {
    std::stable_sort(row.problems.begin(), row.problems.end(),
                     [](const Problem& a, const Problem& b) { return a.field < b.field; });
    registry::QuarantineEntry& e = entries.emplace_back();
    const Problem& first = row.problems.front();
    e.file = file_name;
    e.line = row.line;
    e.column = column_of(first.field);
    e.rule = first.rule;
    e.value = first.value;
    e.record = row.raw;
    e.message = "line " + std::to_string(row.line) + ": ";
    for (size_t i = 0; i < row.problems.size(); ++i) {
      if (i > 0) e.message += "; ";
      std::string column = column_of(row.problems[i].field);
      if (!column.empty()) e.message += "column " + column + ": ";
      e.message += row.problems[i].text;
    }
    e.message += ". Correct the row in " + file_name + " and import it again.";
  }
  return entries;
}

}  // namespace xianjie::ingest::internal
