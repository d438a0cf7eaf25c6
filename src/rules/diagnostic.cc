// Caret messages: finds the span's line, measures display width, draws the carets.
#include "rules/diagnostic.h"

#include <algorithm>
#include <vector>

namespace xianjie::rules {
namespace {

// Decodes one UTF-8 code point at text[i]; sets *len to its byte length (1 on bad bytes).
uint32_t DecodeAt(std::string_view text, size_t i, size_t* len) {
  const auto b = static_cast<unsigned char>(text[i]);
  size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
  if (i + n > text.size()) n = 1;
  uint32_t cp = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  *len = n;
  return cp;
}

bool IsWide(uint32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
         (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

// Spaces (tabs kept) as wide as `text`.
std::string Blank(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    size_t len = 1;
    const uint32_t cp = DecodeAt(text, i, &len);
    if (cp == '\t') {
      out += '\t';
    } else {
      out.append(IsWide(cp) ? 2 : 1, ' ');
    }
    i += len;
  }
  return out;
}

}  // namespace

size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  for (size_t i = 0; i < text.size();) {
    size_t len = 1;
    width += IsWide(DecodeAt(text, i, &len)) ? 2 : 1;
    i += len;
  }
  return width;
}

std::vector<uint32_t> CodePoints(std::string_view text) {
  std::vector<uint32_t> out;
  for (size_t i = 0; i < text.size();) {
    size_t len = 1;
    out.push_back(DecodeAt(text, i, &len));
    i += len;
  }
  return out;
}

size_t EditDistance(std::string_view a_text, std::string_view b_text) {
  // Optimal string alignment: insertions, deletions, substitutions and transpositions of two
  // neighbours ("poro" is one step from "poor").
  const std::vector<uint32_t> a = CodePoints(a_text);
  const std::vector<uint32_t> b = CodePoints(b_text);
  const size_t w = b.size() + 1;
  std::vector<size_t> d((a.size() + 1) * w);
  for (size_t i = 0; i <= a.size(); ++i) d[i * w] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t best = std::min({d[(i - 1) * w + j] + 1, d[i * w + j - 1] + 1,
                              d[(i - 1) * w + j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        best = std::min(best, d[(i - 2) * w + j - 2] + 1);
      }
      d[i * w + j] = best;
    }
  }
  return d[a.size() * w + b.size()];
}

Status SourceError(std::string_view text, Span span, std::string_view message,
                   std::string_view hint) {
  const size_t offset = std::min<size_t>(span.offset, text.size());
  size_t line_start = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
  line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
  size_t line_end = text.find('\n', offset);
  if (line_end == std::string_view::npos) line_end = text.size();
  std::string_view line = text.substr(line_start, line_end - line_start);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  const size_t in_line = std::min(offset - line_start, line.size());
  const size_t span_end = std::min<size_t>(offset + span.length - line_start, line.size());
  const size_t underlined = span_end > in_line ? span_end - in_line : 0;
  const size_t carets = std::max<size_t>(1, DisplayWidth(line.substr(in_line, underlined)));

  std::string out(message);
  out += "\n  ";
  out += line;
  out += "\n  ";
  out += Blank(line.substr(0, in_line));
  out.append(carets, '^');
  if (!hint.empty()) {
    out += '\n';
    out += hint;
  }
  return InvalidArgument(std::move(out));
}

}  // namespace xianjie::rules
