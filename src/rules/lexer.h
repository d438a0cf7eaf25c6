// The rule language's lexer (docs/rules-language.md, "Lexical structure"): turns an expression
// into tokens with their byte spans. Keywords are lower case; names are [A-Za-z_][A-Za-z0-9_]*
// (the binder rejects the ones it does not know); department facts are dept.<name>; numbers have
// up to six decimals; dates are written YYYY-MM-DD with no spaces; strings are in single quotes
// ('' is a quote inside).
#ifndef XIANJIE_RULES_LEXER_H_
#define XIANJIE_RULES_LEXER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "rules/diagnostic.h"

namespace xianjie::rules {

enum class TokenKind : uint8_t {
  kEnd,     // after the last token; its span is empty, at the end of the text
  kName,    // identifier (field, parameter, rule, function, member, listed_member)
  kFact,    // dept.<fact>: text is the fact's name without "dept." (possibly empty)
  kNumber,  // 12, 0.5
  kString,  // 'lifted', '脱贫户'
  kDate,    // 2024-09-01
  kLeftParen,
  kRightParen,
  kComma,
  kPlus,
  kMinus,
  kStar,
  kEqual,         // =
  kNotEqual,      // !=
  kLess,          // <
  kLessEqual,     // <=
  kGreater,       // >
  kGreaterEqual,  // >=
  kAnd,
  kOr,
  kNot,
  kBetween,
  kIn,
  kIs,
  kMissing,
  kTrue,
  kFalse,
  kUnknown,
};

// How a token kind is written, for messages: "'<='", "'and'", "a name", "the end".
std::string_view TokenKindText(TokenKind kind);

struct Token {
  TokenKind kind = TokenKind::kEnd;
  Span span;
  // kString: the content with '' unescaped; kNumber, kDate, kName, keywords: the source text.
  std::string text;
};

// `dept` followed directly by '.' is one kFact token running over the name that follows
// (dept.medical_out_of_pocket_12m); the binder checks the name against the known facts.
//
// Tokens of `text`, ending with one kEnd token. On a lexical error, kInvalidArgument with a
// caret message (diagnostic.h): an unexpected character (with a hint for '==', '&&', '/', '"',
// full-width punctuation ...), an unterminated string, a malformed number or date.
Result<std::vector<Token>> Lex(std::string_view text);

}  // namespace xianjie::rules

#endif  // XIANJIE_RULES_LEXER_H_
