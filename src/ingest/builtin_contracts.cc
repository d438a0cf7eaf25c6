// The contracts of the department sources of DOMAIN.md §9.1 shipped in config/sources/,
// embedded at build time (src/ingest/CMakeLists.txt) and parsed once.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/source_contract.h"

namespace xianjie::embedded {
#define XJ_SOURCE(name) std::string_view source_##name##_toml();
#include "ingest/builtin_sources.inc"
#undef XJ_SOURCE
}  // namespace xianjie::embedded

namespace xianjie::ingest {
namespace {

struct ShippedFile {
  const char* name;
  std::string_view (*text)();
};

constexpr ShippedFile kShipped[] = {
#define XJ_SOURCE(name) {#name, embedded::source_##name##_toml},
#include "ingest/builtin_sources.inc"
#undef XJ_SOURCE
};

std::vector<SourceContract> ParseShipped() {
  std::vector<SourceContract> contracts;
  for (const ShippedFile& file : kShipped) {
    const std::string path = "config/sources/" + std::string(file.name) + ".toml";
    auto c = ParseSourceContract(file.text(), path);
    if (!c.ok() || c->name != file.name) {
      // The shipped files are tested (source_contract_test); reaching this is a build of broken
      // data, and uploads against a half-read contract would misfile rows.
      std::fprintf(
          stderr, "xianjie: bug: the built-in contract %s does not parse: %s\n", path.c_str(),
          c.ok() ? ("its name is '" + c->name + "'").c_str() : c.status().message().c_str());
      std::abort();
    }
    contracts.push_back(std::move(c).value());
  }
  std::sort(contracts.begin(), contracts.end(),
            [](const SourceContract& a, const SourceContract& b) { return a.name < b.name; });
  return contracts;
}

}  // namespace

const std::vector<SourceContract>& BuiltinContracts() {
  // Never destroyed: readers on other threads may outlive static destruction at exit.
  static const std::vector<SourceContract>* const contracts =
      new std::vector<SourceContract>(ParseShipped());
  return *contracts;
}

const SourceContract* FindBuiltinContract(std::string_view name) {
  for (const SourceContract& c : BuiltinContracts()) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

std::string BuiltinContractNames() {
  std::string names;
  for (const SourceContract& c : BuiltinContracts()) {
    if (!names.empty()) names += ", ";
    names += c.name;
  }
  return names;
}

}  // namespace xianjie::ingest
