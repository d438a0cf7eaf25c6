// The rule language's parser: recursive descent over the lexer's tokens, by the precedence of
// docs/rules-language.md (or < and < not < comparison < + - < * < unary -). Comparisons do not
// chain; 'between ... and ...' takes its bounds before the logical 'and'.
#ifndef XIANJIE_RULES_PARSER_H_
#define XIANJIE_RULES_PARSER_H_

#include <memory>
#include <string_view>

#include "base/status.h"
#include "rules/ast.h"

namespace xianjie::rules {

// The syntax tree of `text`. kInvalidArgument with a caret message (diagnostic.h) on a lexical
// or syntax error: a missing operand, unbalanced parentheses, text after the end of the
// expression, chained comparisons, nesting deeper than kMaxDepth.
Result<std::unique_ptr<AstNode>> Parse(std::string_view text);

}  // namespace xianjie::rules

#endif  // XIANJIE_RULES_PARSER_H_
