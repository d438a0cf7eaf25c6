// Fuzzes source contracts as TOML (ingest/source_contract.h) and header matching: any input
// either parses to a contract or fails with kInvalidArgument whose message starts with the
// origin ("fuzz.toml:"), never a crash. A contract that parses has its required key column, and
// its own headers (and each column's aliases) match it; the input's lines as a header row are
// matched against the shipped medical_insurance contract without crashing. Seed corpus: shipped
// contracts and broken ones.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ingest/source_contract.h"
#include "ingest/source_headers.h"

namespace {

using namespace xianjie;  // NOLINT(google-build-using-namespace): a fuzz target

constexpr std::string_view kOrigin = "fuzz.toml";

void Check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size() && lines.size() < 64) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  auto matched = ingest::MatchHeaders(*ingest::FindBuiltinContract("medical_insurance"), lines);
  if (!matched.ok()) Check(matched.status().code() == StatusCode::kInvalidArgument);

  auto contract = ingest::ParseSourceContract(text, std::string(kOrigin));
  if (!contract.ok()) {
    Check(contract.status().code() == StatusCode::kInvalidArgument);
    Check(contract.status().message().starts_with(kOrigin));
    return 0;
  }
  Check(!contract->columns.empty());
  Check(contract->KeyColumn().required);
  std::vector<std::string> headers;
  std::vector<std::string> aliases;
  for (const ingest::ContractColumn& c : contract->columns) {
    headers.push_back(c.header);
    aliases.push_back(c.aliases.empty() ? c.header : c.aliases.back());
  }
  for (const auto& row : {headers, aliases}) {
    auto map = ingest::MatchHeaders(*contract, row);
    Check(map.ok());
    for (size_t i = 0; i < row.size(); ++i) Check(map->header_of_column[i] == static_cast<int>(i));
  }
  return 0;
}
