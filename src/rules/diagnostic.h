// Source positions and caret messages of the rule language. Every stage (lexer, parser, binder)
// reports an error as a Status whose message points at the offending span of the expression:
//
//   unknown name 'prev_net_incme'
//     prev_net_incme > 0
//     ^^^^^^^^^^^^^^
//   did you mean 'prev_net_income'?
#ifndef XIANJIE_RULES_DIAGNOSTIC_H_
#define XIANJIE_RULES_DIAGNOSTIC_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace xianjie::rules {

// A byte range of an expression's text.
struct Span {
  uint32_t offset = 0;
  uint32_t length = 0;
  uint32_t end() const { return offset + length; }
  bool operator==(const Span&) const = default;
};

// The span from the start of `a` to the end of `b`.
inline Span Cover(Span a, Span b) { return {a.offset, b.end() - a.offset}; }

// kInvalidArgument with the message, the line of `text` holding the span indented two spaces, a
// caret line under the span (aligned by display width: CJK characters count two columns, a tab
// is kept as a tab), and the hint on its own line when not empty. A span running past the end
// of its line is underlined to the end of the line; an empty span gets one caret.
Status SourceError(std::string_view text, Span span, std::string_view message,
                   std::string_view hint = {});

// Terminal columns taken by UTF-8 text (East Asian wide characters count two).
size_t DisplayWidth(std::string_view text);

// UTF-8 text as code points (a bad byte counts as one).
std::vector<uint32_t> CodePoints(std::string_view text);
// Edit distance in code points (one wrong Chinese character counts one), counting a swap of
// two neighbours as one edit.
size_t EditDistance(std::string_view a, std::string_view b);

}  // namespace xianjie::rules

#endif  // XIANJIE_RULES_DIAGNOSTIC_H_
