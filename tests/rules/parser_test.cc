// Unit tests of the lexer's and parser's spans, the nesting limit and the caret alignment of
// diagnostics; the language's behaviour is tested in the .test files.
#include <gtest/gtest.h>

#include <string>

#include "rules/diagnostic.h"
#include "rules/lexer.h"
#include "rules/parser.h"

namespace xianjie::rules {
namespace {

std::string Text(std::string_view source, Span s) {
  return std::string(source.substr(s.offset, s.length));
}

TEST(Lexer, TokensCarryTheirSpans) {
  const std::string src = "net_income <= line * 2.5 and status = '脱贫户'";
  auto tokens = Lex(src);
  ASSERT_TRUE(tokens.ok()) << tokens.status().message();
  std::vector<std::string> texts;
  for (const Token& t : *tokens) texts.push_back(Text(src, t.span));
  EXPECT_EQ(texts, (std::vector<std::string>{"net_income", "<=", "line", "*", "2.5", "and",
                                             "status", "=", "'脱贫户'", ""}));
  EXPECT_EQ((*tokens)[8].kind, TokenKind::kString);
  EXPECT_EQ((*tokens)[8].text, "脱贫户");
  EXPECT_EQ(tokens->back().kind, TokenKind::kEnd);
  EXPECT_EQ(tokens->back().span.offset, src.size());
}

TEST(Lexer, DoubledQuoteIsAQuote) {
  auto tokens = Lex("'it''s'");
  ASSERT_TRUE(tokens.ok());
  EXPECT_EQ((*tokens)[0].text, "it's");
  EXPECT_EQ((*tokens)[0].span.length, 7u);
}

TEST(Lexer, DateNeedsFourDigitsAndTwoDashes) {
  auto date = Lex("2024-09-01");
  ASSERT_TRUE(date.ok());
  EXPECT_EQ((*date)[0].kind, TokenKind::kDate);
  auto minus = Lex("2024-9");
  ASSERT_TRUE(minus.ok());
  EXPECT_EQ((*minus)[0].kind, TokenKind::kNumber);
  EXPECT_EQ((*minus)[1].kind, TokenKind::kMinus);
  auto short_year = Lex("202-09-01");
  ASSERT_TRUE(short_year.ok());
  EXPECT_EQ((*short_year)[0].kind, TokenKind::kNumber);
}

TEST(Parser, NodesCoverTheirSource) {
  const std::string src = "a + b * c < d and not (e or f)";
  auto ast = Parse(src);
  ASSERT_TRUE(ast.ok()) << ast.status().message();
  const AstNode& root = **ast;
  EXPECT_EQ(root.op, TokenKind::kAnd);
  EXPECT_EQ(Text(src, root.span), src);
  const AstNode& cmp = *root.children[0];
  EXPECT_EQ(Text(src, cmp.span), "a + b * c < d");
  EXPECT_EQ(Text(src, cmp.children[0]->span), "a + b * c");
  EXPECT_EQ(Text(src, cmp.children[0]->children[1]->span), "b * c");
  const AstNode& negation = *root.children[1];
  EXPECT_EQ(negation.op, TokenKind::kNot);
  EXPECT_EQ(Text(src, negation.children[0]->span), "(e or f)");
  EXPECT_TRUE(negation.children[0]->parenthesized);
}

TEST(Parser, BetweenTakesItsAndBeforeTheLogicalAnd) {
  const std::string src = "x between 1 and 2 and y";
  auto ast = Parse(src);
  ASSERT_TRUE(ast.ok());
  EXPECT_EQ((*ast)->op, TokenKind::kAnd);
  EXPECT_EQ((*ast)->children[0]->kind, AstKind::kBetween);
  EXPECT_EQ(Text(src, (*ast)->children[0]->span), "x between 1 and 2");
}

TEST(Parser, CallsKeepTheNameSpan) {
  const std::string src = "any(member, age_on(2024-09-01) > 6)";
  auto ast = Parse(src);
  ASSERT_TRUE(ast.ok());
  EXPECT_EQ((*ast)->kind, AstKind::kCall);
  EXPECT_EQ(Text(src, (*ast)->name_span), "any");
  ASSERT_EQ((*ast)->children.size(), 2u);
  EXPECT_EQ(Text(src, (*ast)->children[1]->span), "age_on(2024-09-01) > 6");
}

TEST(Parser, SubtractionIsLeftAssociative) {
  auto ast = Parse("a - b - c");
  ASSERT_TRUE(ast.ok());
  EXPECT_EQ((*ast)->children[0]->op, TokenKind::kMinus);
  EXPECT_EQ((*ast)->children[1]->kind, AstKind::kName);
}

TEST(Parser, RejectsDeepNesting) {
  const std::string deep = std::string(300, '(') + "1" + std::string(300, ')');
  auto ast = Parse(deep);
  ASSERT_FALSE(ast.ok());
  EXPECT_NE(ast.status().message().find("nested too deeply"), std::string::npos);
  std::string chain = "1";
  for (int i = 0; i < 500; ++i) chain += " + 1";
  auto long_chain = Parse(chain);
  ASSERT_FALSE(long_chain.ok());
  EXPECT_NE(long_chain.status().message().find("nested too deeply"), std::string::npos);
  std::string nots;
  for (int i = 0; i < 500; ++i) nots += "not ";
  EXPECT_FALSE(Parse(nots + "true").ok());
  EXPECT_TRUE(Parse(std::string(150, '(') + "1" + std::string(150, ')')).ok());
}

TEST(Diagnostic, CaretsAlignUnderWideCharacters) {
  const Status s = SourceError("status = '脱贫户' and x", Span{25, 1}, "unknown name 'x'");
  EXPECT_EQ(s.message(),
            "unknown name 'x'\n  status = '脱贫户' and x\n" + std::string(24, ' ') + "^");
}

TEST(Diagnostic, ShowsOnlyTheLineOfTheSpan) {
  const Status s = SourceError("a > 0 and\n  b > 0", Span{12, 1}, "unknown name 'b'", "hint");
  EXPECT_EQ(s.message(), "unknown name 'b'\n    b > 0\n    ^\nhint");
}

TEST(Diagnostic, EditDistanceCountsSwapsAndCharacters) {
  EXPECT_EQ(EditDistance("poor", "poro"), 1u);
  EXPECT_EQ(EditDistance("脱贫户", "脱贫护"), 1u);
  EXPECT_EQ(EditDistance("", "abc"), 3u);
}

}  // namespace
}  // namespace xianjie::rules
