// The strict TOML document (strict_toml/document.h): positions, type names, keys in text order,
// unknown keys, syntax errors and their advice, messages and the line a string's text begins on.
#include "strict_toml/document.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace xianjie::strict_toml {
namespace {

// The document of `text`, parsed (the test fails if it does not parse).
struct Parsed {
  explicit Parsed(std::string text_in) : text(std::move(text_in)), doc(text, "t.toml") {
    const Status s = doc.Parse({.what_to_do = "fix it"});
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
  std::string text;
  Document doc;
};

// The message of parsing `text` with `advice`, or "ok".
std::string SyntaxError(std::string_view text, const SyntaxAdvice& advice) {
  Document doc(text, "t.toml");
  const Status s = doc.Parse(advice);
  if (s.ok()) return "ok";
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  return s.message();
}

TEST(PosOfTest, IsOneBasedLineAndColumnOfTheValue) {
  Parsed p("a = 1\n  b = \"x\"\n[t]\nc = [1, 2]\n");
  const Pos a = PosOf(*p.doc.root().get("a"));
  EXPECT_EQ(a.line, 1);
  EXPECT_EQ(a.column, 5);
  const Pos b = PosOf(*p.doc.root().get("b"));
  EXPECT_EQ(b.line, 2);
  EXPECT_EQ(b.column, 7);
  const Pos c = PosOf(*p.doc.root().get("t")->as_table()->get("c"));
  EXPECT_EQ(c.line, 4);
  EXPECT_EQ(c.column, 5);
}

TEST(PosOfTest, CountsCharactersNotBytes) {
  Parsed p("\"名称\" = \"值\"\n");
  const Pos value = PosOf(*p.doc.root().get("名称"));
  EXPECT_EQ(value.line, 1);
  EXPECT_EQ(value.column, 8);  // "名称" is 4 characters with its quotes, 8 bytes
}

TEST(PosOfTest, IsLineOneColumnOneWhereTomlHasNone) {
  const toml::table built;  // made in code: toml++ gives it no position
  const Pos pos = PosOf(built);
  EXPECT_EQ(pos.line, 1);
  EXPECT_EQ(pos.column, 1);
}

TEST(TypeNameTest, NamesEveryTomlType) {
  Parsed p(
      "t = {}\na = []\ns = \"x\"\ni = 1\nf = 1.5\nb = true\nd = 2024-09-01\nh = 07:30:00\n"
      "dt = 2024-09-01T07:30:00Z\n");
  const toml::table& root = p.doc.root();
  EXPECT_EQ(TypeName(*root.get("t")), "a table");
  EXPECT_EQ(TypeName(*root.get("a")), "an array");
  EXPECT_EQ(TypeName(*root.get("s")), "a string");
  EXPECT_EQ(TypeName(*root.get("i")), "an integer");
  EXPECT_EQ(TypeName(*root.get("f")), "a floating-point number");
  EXPECT_EQ(TypeName(*root.get("b")), "a boolean");
  EXPECT_EQ(TypeName(*root.get("d")), "a date");
  EXPECT_EQ(TypeName(*root.get("h")), "a time");
  EXPECT_EQ(TypeName(*root.get("dt")), "a date-time");
}

TEST(JoinedNamesTest, SeparatesWithCommas) {
  constexpr std::string_view kNames[] = {"money", "decimal", "integer"};
  EXPECT_EQ(JoinedNames(kNames), "money, decimal, integer");
  EXPECT_EQ(JoinedNames(std::span<const std::string_view>(kNames, 1)), "money");
  EXPECT_EQ(JoinedNames({}), "");
}

TEST(DidYouMeanTest, NamesTheClosestOrNothing) {
  constexpr std::string_view kNames[] = {"parameters", "check"};
  EXPECT_EQ(DidYouMean("parameter", kNames), "did you mean 'parameters'? ");
  EXPECT_EQ(DidYouMean("chekc", kNames), "did you mean 'check'? ");
  EXPECT_EQ(DidYouMean("rules", kNames), "");
}

TEST(EntriesInTextOrderTest, FollowTheTextNotTheAlphabet) {
  Parsed p("zeta = 1\nalpha = 2\n  mid = 3\n");
  const std::vector<Entry> entries = EntriesInTextOrder(p.doc.root());
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].key, "zeta");
  EXPECT_EQ(entries[1].key, "alpha");
  EXPECT_EQ(entries[2].key, "mid");
  EXPECT_EQ(entries[2].key_pos.line, 3);
  EXPECT_EQ(entries[2].key_pos.column, 3);
  EXPECT_EQ(entries[1].node, p.doc.root().get("alpha"));
}

TEST(FirstUnknownKeyTest, IsTheFirstInTextOrder) {
  constexpr std::string_view kAllowed[] = {"id", "when"};
  Parsed p("when = \"x\"\nzz = 1\naa = 2\nid = \"Q01\"\n");
  const std::optional<Entry> unknown = FirstUnknownKey(p.doc.root(), kAllowed);
  ASSERT_TRUE(unknown.has_value());
  EXPECT_EQ(unknown->key, "zz");
  EXPECT_EQ(unknown->key_pos.line, 2);
  Parsed known("id = \"Q01\"\nwhen = \"x\"\n");
  EXPECT_FALSE(FirstUnknownKey(known.doc.root(), kAllowed).has_value());
}

TEST(DocumentTest, ErrorNamesTheOriginAndPlace) {
  const Document doc("", "checks.toml");
  EXPECT_EQ(doc.Error({3, 7}, "bad", "fix it").message(), "checks.toml:3:7: bad; fix it");
  EXPECT_EQ(doc.Error({1, 1}, "bad: do this", "").message(), "checks.toml:1:1: bad: do this");
  EXPECT_EQ(doc.Error({1, 1}, "bad", "").code(), StatusCode::kInvalidArgument);
}

TEST(DocumentTest, SyntaxErrorsKeepTomlsWordsAndTheAdvice) {
  EXPECT_EQ(SyntaxError("[check\n", {.what_to_do = "fix the TOML syntax"}),
            "t.toml:1:7: TOML syntax: Error while parsing table header: expected ']', saw '\\n'; "
            "fix the TOML syntax");
}

TEST(DocumentTest, SyntaxErrorsMayStartInLowerCase) {
  EXPECT_EQ(SyntaxError("a = 1 2\n", {.what_to_do = "fix it", .lower_case = true}),
            "t.toml:1:7: TOML syntax: error while parsing key-value pair: expected a comment or "
            "whitespace, saw '2'; fix it");
}

TEST(DocumentTest, ARepeatedKeyGetsItsOwnAdviceWhenGiven) {
  const std::string text = "a = 1\na = 2\n";
  const std::string repeated =
      SyntaxError(text, {.what_to_do = "fix it", .what_to_do_for_repeated_key = "rename one"});
  EXPECT_NE(repeated.find("cannot redefine existing"), std::string::npos) << repeated;
  EXPECT_TRUE(repeated.ends_with("; rename one")) << repeated;
  EXPECT_TRUE(SyntaxError(text, {.what_to_do = "fix it"}).ends_with("; fix it"));
  EXPECT_TRUE(SyntaxError("a = 1 2\n",
                          {.what_to_do = "fix it", .what_to_do_for_repeated_key = "rename one"})
                  .ends_with("; fix it"));
}

TEST(DocumentTest, KeepsOriginAndText) {
  const std::string text = "a = 1\n";
  Document doc(text, "config/checks.toml");
  ASSERT_TRUE(doc.Parse({.what_to_do = "fix it"}).ok());
  EXPECT_EQ(doc.origin(), "config/checks.toml");
  EXPECT_EQ(doc.text(), text);
  EXPECT_EQ(doc.root().get("a")->value<int64_t>(), 1);
}

TEST(TextLineTest, IsTheValuesLineForOneLineStrings) {
  Parsed p("a = 1\nwhen = \"x > 1\"\n");
  EXPECT_EQ(p.doc.TextLine(*p.doc.root().get("when")), 2);
}

TEST(TextLineTest, IsTheNextLineWhenOpeningQuotesEndTheirLine) {
  Parsed p(
      "a = 1\nwhen = \"\"\"\n  x > 1\n\"\"\"\nraw = '''\r\n  y\n'''\nsame = \"\"\"z\n\"\"\"\n");
  EXPECT_EQ(p.doc.TextLine(*p.doc.root().get("when")), 3);
  EXPECT_EQ(p.doc.TextLine(*p.doc.root().get("raw")), 6);
  EXPECT_EQ(p.doc.TextLine(*p.doc.root().get("same")), 8);
}

TEST(TextLineTest, CountsCharactersBeforeTheValue) {
  // The column of the value counts characters; the opening quotes are found after the Chinese
  // key's bytes.
  Parsed p("t = { \"名称\" = \"\"\"\nx\"\"\" }\n");
  const toml::node& value = *p.doc.root().get("t")->as_table()->get("名称");
  EXPECT_EQ(p.doc.TextLine(value), 2);
}

}  // namespace
}  // namespace xianjie::strict_toml
