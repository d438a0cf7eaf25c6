// Turning rejected rows into quarantine entries: rows with problems wait as PendingRows until
// the whole file is read (a repeated key is only known then), and are rendered at the end.
#ifndef XIANJIE_INGEST_INTERNAL_QUARANTINE_H_
#define XIANJIE_INGEST_INTERNAL_QUARANTINE_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/internal/row_check.h"
#include "registry/store.h"

namespace xianjie::ingest::internal {

// A rejected row with all its problems.
struct PendingRow {
  int64_t line = 0;
  std::string_view raw;
  std::vector<Problem> problems;
};

// A row that uses a key (household_id, ID number) that must be unique in the file.
template <typename Key>
struct KeyUse {
  Key key;
  int64_t line;
};

// A later use of a key: the row on `line` repeats the key first used on `first_line`.
template <typename Key>
struct Duplicate {
  Key key;
  int64_t line;
  int64_t first_line;
};

// The repeated uses in `uses` (every use but the first of each key), in line order. Reorders
// `uses`.
template <typename Key>
std::vector<Duplicate<Key>> FindDuplicates(std::vector<KeyUse<Key>>& uses) {
  std::sort(uses.begin(), uses.end(), [](const KeyUse<Key>& a, const KeyUse<Key>& b) {
    return a.key < b.key || (a.key == b.key && a.line < b.line);
  });
  std::vector<Duplicate<Key>> dups;
  for (size_t i = 1; i < uses.size(); ++i) {
    if (uses[i].key != uses[i - 1].key) continue;
    size_t first = i - 1;
    while (i < uses.size() && uses[i].key == uses[first].key) {
      dups.push_back({uses[i].key, uses[i].line, uses[first].line});
      ++i;
    }
  }
  std::sort(dups.begin(), dups.end(),
            [](const Duplicate<Key>& a, const Duplicate<Key>& b) { return a.line < b.line; });
  return dups;
}

// Rejects the rows named by `dups`: an accepted row (in `rows`, in line order) moves to
// `pending` with the problem make_problem(dup); a row already pending gets it added. Both
// vectors stay in line order.
template <typename Row, typename Key, typename MakeProblem>
void RejectDuplicates(std::vector<Row>& rows, std::vector<PendingRow>& pending,
                      const std::vector<Duplicate<Key>>& dups, MakeProblem make_problem) {
  if (dups.empty()) return;
  auto by_line = [](const auto& row, int64_t line) { return row.line < line; };
  std::vector<size_t> rejected;  // indexes into rows, ascending
  std::vector<PendingRow> moved;
  for (const Duplicate<Key>& d : dups) {
    auto it = std::lower_bound(rows.begin(), rows.end(), d.line, by_line);
    if (it != rows.end() && it->line == d.line) {
      rejected.push_back(static_cast<size_t>(it - rows.begin()));
      moved.push_back(PendingRow{d.line, it->raw, {make_problem(d)}});
    } else {
      auto p = std::lower_bound(pending.begin(), pending.end(), d.line, by_line);
      p->problems.push_back(make_problem(d));
    }
  }
  size_t out = 0, next = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (next < rejected.size() && rejected[next] == i) {
      ++next;
      continue;
    }
    if (out != i) rows[out] = std::move(rows[i]);
    ++out;
  }
  rows.erase(rows.begin() + static_cast<ptrdiff_t>(out), rows.end());
  size_t middle = pending.size();
  pending.insert(pending.end(), std::make_move_iterator(moved.begin()),
                 std::make_move_iterator(moved.end()));
  std::inplace_merge(pending.begin(), pending.begin() + static_cast<ptrdiff_t>(middle),
                     pending.end(),
                     [](const PendingRow& a, const PendingRow& b) { return a.line < b.line; });
}

// One entry per pending row, in line order: column, rule and value of its first problem in the
// file's column order, and a message listing all its problems, ending with what to do.
std::vector<registry::QuarantineEntry> RenderQuarantine(std::vector<PendingRow>& pending,
                                                        const Header& header,
                                                        const std::string& file_name);

}  // namespace xianjie::ingest::internal

#endif  // XIANJIE_INGEST_INTERNAL_QUARANTINE_H_
