// The syntax tree of a rule expression, as the parser builds it: every node keeps the span of
// its source text, so the binder can point at it and explanations can quote it.
#ifndef XIANJIE_RULES_AST_H_
#define XIANJIE_RULES_AST_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "rules/diagnostic.h"
#include "rules/lexer.h"

namespace xianjie::rules {

enum class AstKind : uint8_t {
  kNumber,     // text: "0.5"
  kString,     // text: the content ('' unescaped)
  kDate,       // text: "2024-09-01"
  kBoolean,    // op: kTruthTrue, kTruthFalse or kTruthUnknown
  kName,       // text: the identifier
  kFact,       // text: the fact's name without "dept." (possibly empty); span: all of dept.<name>
  kCall,       // text: the function name (span name_span); children: the arguments
  kUnary,      // op: kMinus or kNot; children[0]
  kBinary,     // op: + - * = != < <= > >= and or; children[0] op children[1]
  kBetween,    // children: x, low, high; negated for 'not between'
  kIn,         // children: x, the values; negated for 'not in'
  kIsMissing,  // children[0]; negated for 'is not missing'
};

struct AstNode {
  AstKind kind = AstKind::kNumber;
  TokenKind op = TokenKind::kEnd;
  bool negated = false;
  bool parenthesized = false;  // written inside its own parentheses (span includes them)
  Span span;                   // the whole node's source text
  Span name_span;              // kCall: the function name; kName: same as span
  std::string text;
  std::vector<std::unique_ptr<AstNode>> children;
  int depth = 1;  // height of the subtree; the parser caps it (kMaxDepth)
};

// Deeper expressions are rejected by the parser, so that every later recursive pass (binder,
// evaluators, destructors) stays within a small stack.
inline constexpr int kMaxDepth = 200;

}  // namespace xianjie::rules

#endif  // XIANJIE_RULES_AST_H_
