// "Did you mean": the closest of some known words to a word, counted in characters (UTF-8 code
// points, so that one Chinese character is one edit), for messages about unknown keys and
// headers.
#ifndef XIANJIE_INGEST_INTERNAL_EDIT_DISTANCE_H_
#define XIANJIE_INGEST_INTERNAL_EDIT_DISTANCE_H_

#include <string_view>
#include <vector>

namespace xianjie::ingest::internal {

// Edits between two texts: insertions, deletions, substitutions and swaps of neighbours (the
// optimal string alignment distance), over code points.
size_t EditDistance(std::string_view a, std::string_view b);

// The closest of `candidates` to `word` if it is a likely typo of it (at most 1/divisor of the
// shorter word's characters changed, at least one allowed), else empty. Ties go to the first.
std::string_view ClosestWord(std::string_view word, const std::vector<std::string_view>& candidates,
                             size_t divisor = 3);

}  // namespace xianjie::ingest::internal

#endif  // XIANJIE_INGEST_INTERNAL_EDIT_DISTANCE_H_
