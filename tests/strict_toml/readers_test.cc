// The two readers over a strict TOML document: PathReader (messages naming the key path, as
// source contracts and checks word them) and TableReader (naming the table in words, as the
// standards do). Each refusal with its exact message.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "strict_toml/document.h"
#include "strict_toml/path_reader.h"
#include "strict_toml/table_reader.h"

namespace xianjie::strict_toml {
namespace {

constexpr std::string_view kKeys[] = {"id", "when", "enabled", "note"};

class ReaderTest : public ::testing::Test {
 protected:
  // Parses `text` as "t.toml"; the readers read its root.
  const toml::table& Parse(std::string text) {
    text_ = std::move(text);
    doc_ = std::make_unique<Document>(text_, "t.toml");
    const Status s = doc_->Parse({.what_to_do = "fix it"});
    EXPECT_TRUE(s.ok()) << s.ToString();
    return doc_->root();
  }
  PathReader Path() const { return PathReader(*doc_); }
  TableReader Table(std::string where) const {
    return TableReader(*doc_, {&doc_->root(), Pos{}, std::move(where)});
  }

  std::string text_;
  std::unique_ptr<Document> doc_;
};

template <typename T>
std::string MessageOf(const Result<T>& r) {
  return r.ok() ? "ok" : r.status().message();
}
std::string MessageOf(const Status& s) { return s.ok() ? "ok" : s.message(); }

TEST_F(ReaderTest, PathErrorNamesTheKeyPath) {
  Parse("");
  EXPECT_EQ(Path().Error({2, 3}, "check[0].id", "is bad", "fix it").message(),
            "t.toml:2:3: check[0].id: is bad; fix it");
  EXPECT_EQ(Path().Error({2, 3}, "check", "is bad", "").message(), "t.toml:2:3: check: is bad");
  EXPECT_EQ(PathReader::Path("", "name"), "name");
  EXPECT_EQ(PathReader::Path("columns[2]", "type"), "columns[2].type");
  EXPECT_EQ(PathReader::Indexed("columns", 2), "columns[2]");
}

TEST_F(ReaderTest, PathCheckKeysNamesTheFirstUnknownKeyWithASuggestion) {
  const toml::table& root = Parse("id = \"Q01\"\nwehn = \"x\"\nzzz = 1\n");
  EXPECT_EQ(MessageOf(Path().CheckKeys(root, "check[0]", kKeys)),
            "t.toml:2:1: check[0].wehn: unknown key; did you mean 'when'? the keys here are id, "
            "when, enabled, note");
  const toml::table& other = Parse("zzz = 1\n");
  EXPECT_EQ(MessageOf(Path().CheckKeys(other, "", kKeys)),
            "t.toml:1:1: zzz: unknown key; the keys here are id, when, enabled, note");
  const toml::table& fine = Parse("note = \"x\"\nid = \"Q01\"\n");
  EXPECT_EQ(MessageOf(Path().CheckKeys(fine, "", kKeys)), "ok");
}

TEST_F(ReaderTest, PathStringIsGivenNonBlankAndAString) {
  const toml::table& root = Parse("id = \"Q01\"\nwhen = 3\nnote = \"  \"\n");
  const Pos table{1, 1};
  EXPECT_EQ(*Path().String(root, table, "", "id", true, "id = \"Q01\""), "Q01");
  EXPECT_EQ(MessageOf(Path().String(root, {4, 2}, "check[1]", "title", true, "title = \"…\"")),
            "t.toml:4:2: check[1].title: missing; add title = \"…\"");
  EXPECT_EQ(*Path().String(root, table, "", "title", false, "title = \"…\""), "");
  EXPECT_EQ(MessageOf(Path().String(root, table, "", "when", false, "when = \"x\"")),
            "t.toml:2:8: when: must be a string, not an integer; write when = \"x\"");
  EXPECT_EQ(MessageOf(Path().String(root, table, "", "note", false, "note = \"why\"")),
            "t.toml:3:8: note: is empty; write note = \"why\"");
}

TEST_F(ReaderTest, PathStringMayBeBlankKeepsTheTextAsWritten) {
  const toml::table& root = Parse("value = \"\"\ncolumn = \" a \"\nwhen = 3\n");
  EXPECT_EQ(*Path().StringMayBeBlank(root, "update[0]", "value", ""), "");
  EXPECT_EQ(*Path().StringMayBeBlank(root, "update[0]", "column", ""), " a ");
  EXPECT_EQ(*Path().StringMayBeBlank(root, "update[0]", "absent", ""), "");
  EXPECT_EQ(MessageOf(Path().StringMayBeBlank(root, "update[0]", "when", "when = \"x\"")),
            "t.toml:3:8: update[0].when: must be a string, not an integer; write when = \"x\"");
}

TEST_F(ReaderTest, PathBoolIsTrueOrFalse) {
  const toml::table& root = Parse("enabled = false\nrequired = \"yes\"\n");
  EXPECT_FALSE(*Path().Bool(root, "", "enabled", true));
  EXPECT_TRUE(*Path().Bool(root, "", "absent", true));
  EXPECT_EQ(MessageOf(Path().Bool(root, "columns[0]", "required", false)),
            "t.toml:2:12: columns[0].required: must be true or false, not a string; write "
            "required = true");
}

TEST_F(ReaderTest, PathArrayOfTablesTakesHeadedAndInlineTables) {
  const toml::table& root =
      Parse("columns = [{ name = \"a\" }, { name = \"b\" }]\n[[check]]\nid = 1\n");
  auto columns = Path().ArrayOfTables(root, "", "columns", "write columns", "write a column");
  ASSERT_TRUE(columns.ok()) << columns.status().ToString();
  ASSERT_EQ(columns->size(), 2u);
  EXPECT_EQ((*columns)[1]->get("name")->value<std::string>(), "b");
  auto checks = Path().ArrayOfTables(root, "", "check", "head it", "head each");
  ASSERT_TRUE(checks.ok());
  EXPECT_EQ(checks->size(), 1u);
  auto absent = Path().ArrayOfTables(root, "", "fact", "x", "y");
  ASSERT_TRUE(absent.ok());
  EXPECT_TRUE(absent->empty());
}

TEST_F(ReaderTest, PathArrayOfTablesRefusesOtherValues) {
  const toml::table& root = Parse("check = \"Q01\"\nfact = [{ name = \"a\" }, 2]\n");
  EXPECT_EQ(MessageOf(Path().ArrayOfTables(root, "", "check", "head it with [[check]]", "-")),
            "t.toml:1:9: check: must be an array of tables, not a string; head it with [[check]]");
  EXPECT_EQ(MessageOf(Path().ArrayOfTables(root, "", "fact", "-", "write [[fact]]")),
            "t.toml:2:25: fact[1]: must be a table, not an integer; write [[fact]]");
}

TEST_F(ReaderTest, TableCheckKeysNamesTheTableInWords) {
  Parse("id = \"low\"\nwehn = \"x\"\n");
  EXPECT_EQ(MessageOf(Table("rule 'low'").CheckKeys({"id", "when"})),
            "t.toml:2:1: unknown key 'wehn' in rule 'low'; did you mean 'when'? rule 'low' takes "
            "id, when");
  EXPECT_EQ(MessageOf(Table("the file").CheckKeys({"id", "label"})),
            "t.toml:2:1: unknown key 'wehn' in the file; the file takes id, label");
  EXPECT_EQ(MessageOf(Table("the file").CheckKeys({"id", "wehn"})), "ok");
}

TEST_F(ReaderTest, TableValuesAreTypedAndPresent) {
  Parse("id = \"low\"\nyear = \"2024\"\nlabel = \" \"\nenabled = 1\n");
  const TableReader t = Table("[standard]");
  EXPECT_EQ((*t.String("id", true, "id = \"x\""))->get(), "low");
  EXPECT_EQ(*t.String("absent", false, "absent = \"x\""), nullptr);
  EXPECT_EQ(MessageOf(t.String("name", true, "name = \"x\"")),
            "t.toml:1:1: [standard] has no 'name'; add name = \"x\"");
  EXPECT_EQ(MessageOf(t.Get<int64_t>("year", true, "an integer", "year = 2024")),
            "t.toml:2:8: 'year' in [standard] must be an integer, not a string; write year = 2024");
  EXPECT_EQ(MessageOf(t.String("label", false, "label = \"x\"")),
            "t.toml:3:9: 'label' in [standard] is empty; write label = \"x\"");
  EXPECT_EQ(MessageOf(t.Bool("enabled", true)),
            "t.toml:4:11: 'enabled' in [standard] must be a boolean, not an integer; write "
            "enabled = true or false");
  EXPECT_TRUE(*t.Bool("absent", true));
  ASSERT_EQ(t.Entries().size(), 4u);
  EXPECT_EQ(t.Entries()[3].key, "enabled");
}

}  // namespace
}  // namespace xianjie::strict_toml
