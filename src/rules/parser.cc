// Recursive descent, one function per precedence level. Errors stop at the first fault.
#include "rules/parser.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace xianjie::rules {
namespace {

using NodePtr = std::unique_ptr<AstNode>;

bool IsComparison(TokenKind k) {
  return k == TokenKind::kEqual || k == TokenKind::kNotEqual || k == TokenKind::kLess ||
         k == TokenKind::kLessEqual || k == TokenKind::kGreater || k == TokenKind::kGreaterEqual;
}

class Parser {
 public:
  Parser(std::string_view text, std::vector<Token> tokens)
      : text_(text), tokens_(std::move(tokens)) {}

  Result<NodePtr> Run() {
    if (Peek().kind == TokenKind::kEnd) {
      return SourceError(text_, Peek().span, "empty expression",
                         "write a condition, e.g. net_income < line * members");
    }
    NodePtr root = Or();
    if (!error_.ok()) return error_;
    const Token& t = Peek();
    if (t.kind == TokenKind::kRightParen) {
      return SourceError(text_, t.span, "unmatched ')'", "remove it or add the '(' it closes");
    }
    if (t.kind != TokenKind::kEnd) {
      return SourceError(text_, Cover(t.span, tokens_[tokens_.size() - 2].span),
                         "unexpected " + Describe(t) + " after the end of the expression",
                         "join conditions with 'and' or 'or'");
    }
    return root;
  }

 private:
  const Token& Peek(size_t ahead = 0) const {
    return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
  }
  const Token& Take() {
    const Token& t = tokens_[pos_];
    if (pos_ + 1 < tokens_.size()) ++pos_;
    return t;
  }
  bool Accept(TokenKind kind) {
    if (Peek().kind != kind) return false;
    Take();
    return true;
  }
  std::string Describe(const Token& t) const {
    if (t.kind == TokenKind::kEnd) return "end of the expression";
    return "'" + std::string(text_.substr(t.span.offset, t.span.length)) + "'";
  }
  // Records the first error; returns nullptr so callers unwind.
  NodePtr Fail(Span span, std::string_view message, std::string_view hint = {}) {
    if (error_.ok()) error_ = SourceError(text_, span, message, hint);
    return nullptr;
  }

  NodePtr Make(AstKind kind, Span span, std::vector<NodePtr> children, TokenKind op = {}) {
    auto node = std::make_unique<AstNode>();
    node->kind = kind;
    node->op = op;
    node->span = span;
    node->name_span = span;
    int depth = 0;
    for (const NodePtr& c : children) depth = std::max(depth, c->depth);
    node->depth = depth + 1;
    node->children = std::move(children);
    if (node->depth > kMaxDepth) {
      return Fail(span, "expression nested too deeply (more than 200 levels)",
                  "split it into several rules");
    }
    return node;
  }
  NodePtr Binary(TokenKind op, NodePtr left, NodePtr right) {
    const Span span = Cover(left->span, right->span);
    std::vector<NodePtr> children;
    children.push_back(std::move(left));
    children.push_back(std::move(right));
    return Make(AstKind::kBinary, span, std::move(children), op);
  }

  NodePtr Or() {
    NodePtr left = And();
    while (left && Peek().kind == TokenKind::kOr) {
      Take();
      NodePtr right = And();
      if (!right) return nullptr;
      left = Binary(TokenKind::kOr, std::move(left), std::move(right));
    }
    return left;
  }

  NodePtr And() {
    NodePtr left = Not();
    while (left && Peek().kind == TokenKind::kAnd) {
      Take();
      NodePtr right = Not();
      if (!right) return nullptr;
      left = Binary(TokenKind::kAnd, std::move(left), std::move(right));
    }
    return left;
  }

  NodePtr Not() {
    if (Peek().kind != TokenKind::kNot) return Comparison();
    const Span not_span = Take().span;
    if (++nesting_ > kMaxDepth) return Fail(not_span, "expression nested too deeply");
    NodePtr operand = Not();
    --nesting_;
    if (!operand) return nullptr;
    const Span span = Cover(not_span, operand->span);
    std::vector<NodePtr> children;
    children.push_back(std::move(operand));
    return Make(AstKind::kUnary, span, std::move(children), TokenKind::kNot);
  }

  NodePtr Comparison() {
    NodePtr left = Additive();
    if (!left) return nullptr;
    NodePtr node = ComparisonTail(std::move(left));
    if (node && (IsComparison(Peek().kind) || Peek().kind == TokenKind::kBetween ||
                 Peek().kind == TokenKind::kIn || Peek().kind == TokenKind::kIs)) {
      return Fail(Cover(node->span, Peek().span), "comparisons do not chain",
                  "compare twice and join with 'and': a < b and b < c");
    }
    return node;
  }

  NodePtr ComparisonTail(NodePtr left) {
    const TokenKind k = Peek().kind;
    if (IsComparison(k)) {
      Take();
      NodePtr right = Additive();
      if (!right) return nullptr;
      return Binary(k, std::move(left), std::move(right));
    }
    bool negated = false;
    if (k == TokenKind::kNot) {
      const TokenKind next = Peek(1).kind;
      if (next != TokenKind::kIn && next != TokenKind::kBetween) {
        return Fail(Peek().span, "unexpected 'not' after a value",
                    "write 'not in (...)', 'not between ... and ...', or put 'not' first");
      }
      Take();
      negated = true;
    }
    const TokenKind op = Peek().kind;
    if (op == TokenKind::kBetween) return Between(std::move(left), negated);
    if (op == TokenKind::kIn) return In(std::move(left), negated);
    if (op == TokenKind::kIs) return IsMissing(std::move(left));
    return left;
  }

  NodePtr Between(NodePtr x, bool negated) {
    Take();
    NodePtr low = Additive();
    if (!low) return nullptr;
    if (!Accept(TokenKind::kAnd)) {
      return Fail(Peek().span,
                  "expected 'and' in 'between ... and ...', found " + Describe(Peek()));
    }
    NodePtr high = Additive();
    if (!high) return nullptr;
    const Span span = Cover(x->span, high->span);
    std::vector<NodePtr> children;
    children.push_back(std::move(x));
    children.push_back(std::move(low));
    children.push_back(std::move(high));
    NodePtr node = Make(AstKind::kBetween, span, std::move(children));
    if (node) node->negated = negated;
    return node;
  }

  NodePtr In(NodePtr x, bool negated) {
    Take();
    const Token& open = Peek();
    if (open.kind != TokenKind::kLeftParen) {
      return Fail(open.span, "expected '(' after 'in', found " + Describe(open),
                  "list the values in parentheses: labor in ('lost', 'none')");
    }
    const Span open_span = Take().span;
    std::vector<NodePtr> children;
    children.push_back(std::move(x));
    if (!List(open_span, &children)) return nullptr;
    const Span span = Cover(children[0]->span, tokens_[pos_ - 1].span);
    NodePtr node = Make(AstKind::kIn, span, std::move(children));
    if (node) node->negated = negated;
    return node;
  }

  NodePtr IsMissing(NodePtr x) {
    Take();
    const bool negated = Accept(TokenKind::kNot);
    if (Peek().kind != TokenKind::kMissing) {
      return Fail(Peek().span, "expected 'missing' after 'is', found " + Describe(Peek()),
                  "write 'x is missing' or 'x is not missing'");
    }
    const Span end = Take().span;
    const Span span = Cover(x->span, end);
    std::vector<NodePtr> children;
    children.push_back(std::move(x));
    NodePtr node = Make(AstKind::kIsMissing, span, std::move(children));
    if (node) node->negated = negated;
    return node;
  }

  // Comma-separated expressions up to ')', after the '(' at open_span.
  bool List(Span open_span, std::vector<NodePtr>* out) {
    if (++nesting_ > kMaxDepth) return Fail(open_span, "expression nested too deeply") != nullptr;
    while (true) {
      NodePtr item = Or();
      if (!item) return false;
      out->push_back(std::move(item));
      if (Accept(TokenKind::kComma)) continue;
      if (Accept(TokenKind::kRightParen)) break;
      if (Peek().kind == TokenKind::kEnd) {
        Fail(open_span, "missing ')' to close this '('");
      } else {
        Fail(Peek().span, "expected ',' or ')', found " + Describe(Peek()));
      }
      return false;
    }
    --nesting_;
    return true;
  }

  NodePtr Additive() {
    NodePtr left = Multiplicative();
    while (left && (Peek().kind == TokenKind::kPlus || Peek().kind == TokenKind::kMinus)) {
      const TokenKind op = Take().kind;
      NodePtr right = Multiplicative();
      if (!right) return nullptr;
      left = Binary(op, std::move(left), std::move(right));
    }
    return left;
  }

  NodePtr Multiplicative() {
    NodePtr left = Unary();
    while (left && Peek().kind == TokenKind::kStar) {
      Take();
      NodePtr right = Unary();
      if (!right) return nullptr;
      left = Binary(TokenKind::kStar, std::move(left), std::move(right));
    }
    return left;
  }

  NodePtr Unary() {
    if (Peek().kind != TokenKind::kMinus) return Primary();
    const Span minus = Take().span;
    if (++nesting_ > kMaxDepth) return Fail(minus, "expression nested too deeply");
    NodePtr operand = Unary();
    --nesting_;
    if (!operand) return nullptr;
    const Span span = Cover(minus, operand->span);
    std::vector<NodePtr> children;
    children.push_back(std::move(operand));
    return Make(AstKind::kUnary, span, std::move(children), TokenKind::kMinus);
  }

  NodePtr Leaf(AstKind kind, const Token& t) {
    NodePtr node = Make(kind, t.span, {}, t.kind);
    node->text = t.text;
    return node;
  }

  NodePtr Primary() {
    const Token& t = Peek();
    switch (t.kind) {
      case TokenKind::kNumber:
        return Leaf(AstKind::kNumber, Take());
      case TokenKind::kString:
        return Leaf(AstKind::kString, Take());
      case TokenKind::kDate:
        return Leaf(AstKind::kDate, Take());
      case TokenKind::kTrue:
      case TokenKind::kFalse:
      case TokenKind::kUnknown:
        return Leaf(AstKind::kBoolean, Take());
      case TokenKind::kName:
        return NameOrCall();
      case TokenKind::kFact:
        return Fact();
      case TokenKind::kLeftParen:
        return Parenthesized();
      default:
        break;
    }
    if (t.kind == TokenKind::kEnd) {
      const Span after = pos_ > 0 ? tokens_[pos_ - 1].span : t.span;
      return Fail(t.span, "the expression ends after " + Describe(tokens_[pos_ > 0 ? pos_ - 1 : 0]),
                  after.length > 0 ? "a value must follow it" : "");
    }
    return Fail(t.span, "expected a value, found " + Describe(t));
  }

  NodePtr Parenthesized() {
    const Span open = Take().span;
    if (++nesting_ > kMaxDepth) return Fail(open, "expression nested too deeply");
    NodePtr inner = Or();
    if (!inner) return nullptr;
    --nesting_;
    if (Peek().kind != TokenKind::kRightParen) {
      if (Peek().kind == TokenKind::kEnd) return Fail(open, "missing ')' to close this '('");
      return Fail(Peek().span, "expected ')', found " + Describe(Peek()));
    }
    inner->span = Cover(open, Take().span);
    inner->parenthesized = true;
    return inner;
  }

  NodePtr Fact() {
    const Token& fact = Take();
    if (Peek().kind == TokenKind::kLeftParen) {
      const std::string written(text_.substr(fact.span.offset, fact.span.length));
      return Fail(Cover(fact.span, Peek().span),
                  "'" + written + "' is a department fact, not a function",
                  "a fact is a member's value: write " + written + " without arguments");
    }
    return Leaf(AstKind::kFact, fact);
  }

  NodePtr NameOrCall() {
    const Token& name = Take();
    if (Peek().kind != TokenKind::kLeftParen) return Leaf(AstKind::kName, name);
    const Span open = Take().span;
    std::vector<NodePtr> args;
    if (!Accept(TokenKind::kRightParen)) {
      if (!List(open, &args)) return nullptr;
    }
    NodePtr node = Make(AstKind::kCall, Cover(name.span, tokens_[pos_ - 1].span), std::move(args));
    if (!node) return nullptr;
    node->text = name.text;
    node->name_span = name.span;
    return node;
  }

  std::string_view text_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int nesting_ = 0;  // recursion guard for prefix operators and parentheses
  Status error_;
};

}  // namespace

Result<std::unique_ptr<AstNode>> Parse(std::string_view text) {
  Result<std::vector<Token>> tokens = Lex(text);
  if (!tokens.ok()) return tokens.status();
  return Parser(text, std::move(tokens).value()).Run();
}

}  // namespace xianjie::rules
