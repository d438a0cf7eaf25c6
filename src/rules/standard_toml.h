// Reading and writing standards as TOML (format: docs/standards.md), and the Qinghai standards
// 2021–2025 compiled into the binary from config/standards/.
#ifndef XIANJIE_RULES_STANDARD_TOML_H_
#define XIANJIE_RULES_STANDARD_TOML_H_

#include <span>
#include <string>
#include <string_view>

#include "base/status.h"
#include "rules/standard.h"

namespace xianjie::rules {

// Parses a standard from TOML text (docs/standards.md). Every failure is kInvalidArgument
// "<origin>:<line>:<col>: <what is wrong>; <what to do>", for example
// "63-2024.toml:8:1: unknown key 'palceholder' in [line]; did you mean 'placeholder'? ...":
// TOML syntax, missing or unknown keys, values of the wrong TOML type (money and decimals are
// quoted text, never floats), province, county and year, names (identifiers, unique among rules
// and parameters, none the rule language already uses), risk and object-type codes (codes or
// Chinese labels, stored as codes). Fills Standard::toml, origin, line and content_hash; an
// expression's source_line is the line where its text begins. Does not compile the
// expressions (Compile does). Thread-safe.
Result<Standard> ParseStandardToml(std::string_view text, std::string origin);

// The standard as TOML in the layout of docs/standards.md, without comments: parsing the result
// gives the same content (and content_hash). For standards built in code or edited in the UI;
// to show a loaded standard, prefer its own text (Standard::toml), which keeps its comments.
std::string FormatStandardToml(const Standard& standard);

// The shipped standards (config/standards/*.toml, embedded at build time), parsed once on first
// use (thread-safe), in (province, county, year) order; origin "built-in". A shipped file that
// does not parse is a bug: the process aborts with the message (a test parses them all).
std::span<const Standard> BuiltinStandards();
// The shipped standard of (province, county, year), or nullptr.
const Standard* FindBuiltinStandard(std::string_view province, std::string_view county, int year);

}  // namespace xianjie::rules

#endif  // XIANJIE_RULES_STANDARD_TOML_H_
