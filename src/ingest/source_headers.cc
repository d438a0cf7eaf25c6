// Header matching (source_headers.h): fold, look up headers then aliases, and collect every
// problem of the header row into one message.
#include "ingest/source_headers.h"

#include <cstdint>
#include <map>

#include "base/closest_name.h"
#include "ingest/internal/utf8.h"

namespace xianjie::ingest {

std::string FoldHeader(std::string_view header) {
  std::string out;
  out.reserve(header.size());
  const char* p = header.data();
  const char* end = p + header.size();
  while (p < end) {
    const auto b = static_cast<uint8_t>(*p);
    if (b < 0x80) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != '\v' && b != '\f') {
        out += b >= 'A' && b <= 'Z' ? static_cast<char>(b + 32) : static_cast<char>(b);
      }
      ++p;
      continue;
    }
    const size_t n = internal::Utf8SequenceLength(p, end);
    if (n == 0) {  // not UTF-8: kept as is
      out += *p++;
      continue;
    }
    uint32_t cp = n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
    for (size_t i = 1; i < n; ++i) cp = (cp << 6) | (static_cast<uint8_t>(p[i]) & 0x3F);
    if (cp == 0x3000 || cp == 0x00A0 || cp == 0xFEFF) {
      // ideographic space, no-break space, a stray byte order mark: dropped
    } else if (cp >= 0xFF01 && cp <= 0xFF5E) {
      char c = static_cast<char>(cp - 0xFEE0);
      out += c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
    } else {
      out.append(p, n);
    }
    p += n;
  }
  return out;
}

namespace {

// Folded header or alias -> contract column; headers win over aliases (the parser keeps them
// all distinct, so the order only matters for contracts built in code). `known`, when given,
// receives every header and alias as written (for suggestions).
std::map<std::string, int, std::less<>> ColumnsByName(const SourceContract& contract,
                                                      std::vector<std::string_view>* known) {
  std::map<std::string, int, std::less<>> by_name;
  for (size_t i = 0; i < contract.columns.size(); ++i) {
    by_name.emplace(FoldHeader(contract.columns[i].header), static_cast<int>(i));
    if (known != nullptr) known->push_back(contract.columns[i].header);
  }
  for (size_t i = 0; i < contract.columns.size(); ++i) {
    for (const std::string& alias : contract.columns[i].aliases) {
      by_name.emplace(FoldHeader(alias), static_cast<int>(i));
      if (known != nullptr) known->push_back(alias);
    }
  }
  return by_name;
}

}  // namespace

HeaderFit FitHeaders(const SourceContract& contract, const std::vector<std::string>& headers) {
  const std::map<std::string, int, std::less<>> by_name = ColumnsByName(contract, nullptr);
  std::vector<bool> named(contract.columns.size(), false);
  HeaderFit fit;
  for (const std::string& header : headers) {
    auto it = by_name.find(FoldHeader(header));
    if (it == by_name.end() || named[it->second]) continue;
    named[it->second] = true;
    ++fit.columns;
  }
  fit.has_required = true;
  for (size_t i = 0; i < contract.columns.size(); ++i) {
    if (contract.columns[i].required && !named[i]) fit.has_required = false;
  }
  return fit;
}

Result<HeaderMap> MatchHeaders(const SourceContract& contract,
                               const std::vector<std::string>& headers, std::string_view where) {
  std::vector<std::string_view> known;
  const std::map<std::string, int, std::less<>> by_name = ColumnsByName(contract, &known);

  HeaderMap map;
  map.header_of_column.assign(contract.columns.size(), -1);
  map.column_of_header.assign(headers.size(), -1);
  std::vector<std::string> problems;
  for (size_t j = 0; j < headers.size(); ++j) {
    const std::string folded = FoldHeader(headers[j]);
    auto it = folded.empty() ? by_name.end() : by_name.find(folded);
    if (it == by_name.end()) {
      std::string problem = "unknown column " + std::to_string(j + 1) + " '" + headers[j] + "'";
      std::string_view close =
          folded.empty() ? std::string_view() : ClosestName(headers[j], known, 2);
      if (!close.empty()) problem += " (did you mean '" + std::string(close) + "'?)";
      problems.push_back(std::move(problem));
      continue;
    }
    const int column = it->second;
    map.column_of_header[j] = column;
    if (map.header_of_column[column] >= 0) {
      const int first = map.header_of_column[column];
      problems.push_back("column '" + contract.columns[column].header + "' is given twice: '" +
                         headers[first] + "' (column " + std::to_string(first + 1) + ") and '" +
                         headers[j] + "' (column " + std::to_string(j + 1) + ")");
      continue;
    }
    map.header_of_column[column] = static_cast<int>(j);
  }
  for (size_t i = 0; i < contract.columns.size(); ++i) {
    const ContractColumn& c = contract.columns[i];
    if (!c.required || map.header_of_column[i] >= 0) continue;
    std::string problem = "missing required column '" + c.header + "'";
    if (!c.aliases.empty()) {
      problem += " (also accepted: ";
      for (size_t k = 0; k < c.aliases.size(); ++k) {
        if (k > 0) problem += ", ";
        problem += "'" + c.aliases[k] + "'";
      }
      problem += ")";
    }
    problems.push_back(std::move(problem));
  }
  if (problems.empty()) return map;
  std::string message = "the header row";
  if (!where.empty()) message += " (" + std::string(where) + ")";
  message += " does not match the contract of source '" + contract.name + "' (" +
             std::to_string(problems.size()) + (problems.size() == 1 ? " problem" : " problems") +
             "); rename the columns as listed, or ask for the contract to be changed:";
  for (const std::string& p : problems) message += "\n  " + p;
  return InvalidArgument(std::move(message));
}

}  // namespace xianjie::ingest
