// Input lines of the exchange-format rule cases.
#include "ingest/case_input.h"

namespace xianjie::ingest {

std::string ExpandInputLine(const std::string& line) {
  std::string out;
  bool eol = true;
  for (size_t i = 0; i < line.size();) {
    size_t close = line[i] == '<' ? line.find('>', i) : std::string::npos;
    std::string token = close == std::string::npos ? "" : line.substr(i + 1, close - i - 1);
    if (token == "CR") {
      out += '\r';
    } else if (token == "BOM") {
      out += "\xEF\xBB\xBF";
    } else if (token == "NUL") {
      out += '\0';
    } else if (token == "NOEOL") {
      eol = false;
    } else if (token.size() == 3 && token[0] == 'x') {
      out += static_cast<char>(std::stoi(token.substr(1), nullptr, 16));
    } else {
      out += line[i++];
      continue;
    }
    i = close + 1;
  }
  return eol ? out + "\n" : out;
}

}  // namespace xianjie::ingest
