// "Did you mean": the closest of some known names to a word that is none of them, counted in
// characters (UTF-8 code points, so that one wrong Chinese character is one edit). Used for
// unknown keys of TOML files, unknown built-in names and unknown column headers.
#ifndef XIANJIE_BASE_CLOSEST_NAME_H_
#define XIANJIE_BASE_CLOSEST_NAME_H_

#include <cstddef>
#include <span>
#include <string_view>

namespace xianjie {

// Edits between two texts: insertions, deletions, substitutions and swaps of neighbours (the
// optimal string alignment distance, so "wehn" is one edit from "when"), over code points (a byte
// that does not start one counts as one).
size_t EditDistance(std::string_view a, std::string_view b);

// The name of `names` closest to `word` if `word` is a likely typo of it: at most 1/`divisor` of
// the shorter one's characters changed, and at least one change allowed; else empty. Ties go to
// the first. The result views into `names`.
std::string_view ClosestName(std::string_view word, std::span<const std::string_view> names,
                             size_t divisor = 3);

}  // namespace xianjie

#endif  // XIANJIE_BASE_CLOSEST_NAME_H_
