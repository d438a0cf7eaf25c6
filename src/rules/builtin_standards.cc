// The Qinghai standards 2021–2025 shipped in config/standards/, embedded at build time
// (src/rules/CMakeLists.txt) and parsed once.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <tuple>
#include <vector>

#include "rules/standard_toml.h"

namespace xianjie::embedded {
std::string_view standard_63_2021_toml();
std::string_view standard_63_2022_toml();
std::string_view standard_63_2023_toml();
std::string_view standard_63_2024_toml();
std::string_view standard_63_2025_toml();
}  // namespace xianjie::embedded

namespace xianjie::rules {
namespace {

struct ShippedFile {
  const char* path;  // in the source tree, for the message if it does not parse
  std::string_view (*text)();
};

constexpr ShippedFile kShipped[] = {
    {"config/standards/63-2021.toml", embedded::standard_63_2021_toml},
    {"config/standards/63-2022.toml", embedded::standard_63_2022_toml},
    {"config/standards/63-2023.toml", embedded::standard_63_2023_toml},
    {"config/standards/63-2024.toml", embedded::standard_63_2024_toml},
    {"config/standards/63-2025.toml", embedded::standard_63_2025_toml},
};

std::vector<Standard> ParseShipped() {
  std::vector<Standard> standards;
  for (const ShippedFile& file : kShipped) {
    auto s = ParseStandardToml(file.text(), file.path);
    if (!s.ok()) {
      // The shipped files are tested (standard_toml_test); reaching this is a build of broken
      // data, and running with a missing standard would screen under the wrong rules.
      std::fprintf(stderr, "xianjie: bug: the built-in standard %s does not parse: %s\n", file.path,
                   s.status().message().c_str());
      std::abort();
    }
    s->origin = "built-in";
    standards.push_back(std::move(s).value());
  }
  std::sort(standards.begin(), standards.end(), [](const Standard& a, const Standard& b) {
    return std::tie(a.province, a.county, a.year) < std::tie(b.province, b.county, b.year);
  });
  return standards;
}

}  // namespace

std::span<const Standard> BuiltinStandards() {
  // Never destroyed: readers on other threads may outlive static destruction at exit.
  static const std::vector<Standard>* const standards = new std::vector<Standard>(ParseShipped());
  return *standards;
}

const Standard* FindBuiltinStandard(std::string_view province, std::string_view county, int year) {
  for (const Standard& s : BuiltinStandards()) {
    if (s.province == province && s.county == county && s.year == year) return &s;
  }
  return nullptr;
}

}  // namespace xianjie::rules
