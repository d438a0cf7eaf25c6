// Vectors and selections of the executor. A batch holds up to kBatchSize households (and their
// members); a vector holds one value per row of its domain, indexed by the row's position in
// the batch. A selection lists the rows to compute; a dense selection is rows 0..count-1, and
// loops over it are plain counted loops the compiler can vectorize.
#ifndef XIANJIE_RULES_EXECUTOR_VECTOR_H_
#define XIANJIE_RULES_EXECUTOR_VECTOR_H_

#include <cstdint>

namespace xianjie::rules {

inline constexpr uint32_t kBatchSize = 2048;

struct Sel {
  const uint32_t* rows = nullptr;  // nullptr: dense
  uint32_t count = 0;
  bool dense() const { return rows == nullptr; }
};

// A computed vector. Numbers, money, dates and codes use `data` and `valid` (1 = present);
// booleans use `truth` (kTruthFalse, kTruthUnknown, kTruthTrue). Only the selected rows hold
// values. The pointers stay good until the next batch.
struct Vec {
  const int64_t* data = nullptr;
  const uint8_t* valid = nullptr;
  const uint8_t* truth = nullptr;
  // Hints that let kernels take shorter loops: every selected row is present (valid need not
  // be read), and the value is the same in every row (data[0]).
  bool all_valid = false;
  bool constant = false;
};

// Calls f(row) for each selected row.
template <typename F>
inline void ForEach(Sel sel, F&& f) {
  if (sel.rows == nullptr) {
    for (uint32_t i = 0; i < sel.count; ++i) f(i);
  } else {
    const uint32_t* rows = sel.rows;
    for (uint32_t k = 0; k < sel.count; ++k) f(rows[k]);
  }
}

}  // namespace xianjie::rules

#endif  // XIANJIE_RULES_EXECUTOR_VECTOR_H_
