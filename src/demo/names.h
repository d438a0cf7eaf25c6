// Chinese personal names for demo members, in the naming styles of Qinghai's peoples: Han and
// Hui (surname + one or two given characters), Tibetan and Mongol (given names, no surname).
#ifndef XIANJIE_DEMO_NAMES_H_
#define XIANJIE_DEMO_NAMES_H_

#include <string>
#include <string_view>

#include "demo/random.h"
#include "demo/villages.h"

namespace xianjie::demo {

// A surname for a new family (Han or Hui style; others have none and get "").
std::string_view DrawSurname(NameStyle style, Rng& rng);

// Replaces `out` with a full name: `surname` (ignored by styles without surnames) followed by
// a given name suited to the sex. Reuses `out`'s capacity.
void DrawName(NameStyle style, std::string_view surname, bool male, Rng& rng, std::string& out);

}  // namespace xianjie::demo

#endif  // XIANJIE_DEMO_NAMES_H_
