// The version of a standard: a hash of what it says, not of how its file is written.
#ifndef XIANJIE_RULES_STANDARD_HASH_H_
#define XIANJIE_RULES_STANDARD_HASH_H_

#include <string>

#include "rules/standard.h"

namespace xianjie::rules {

// The canonical serialization of a standard's content (its layout is documented in
// standard_hash.cc). Comments, white space and key order of the TOML file, the origin, the
// source text and source lines are not part of it; parameters count by name, not by position.
std::string CanonicalStandardText(const Standard& standard);

// 16 lowercase hex digits of the 64-bit FNV-1a hash of CanonicalStandardText: the identity a
// screening run records (Standard::content_hash).
std::string StandardContentHash(const Standard& standard);

}  // namespace xianjie::rules

#endif  // XIANJIE_RULES_STANDARD_HASH_H_
