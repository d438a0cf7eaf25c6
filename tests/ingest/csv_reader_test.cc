// Tests of the CSV reader: RFC 4180 quoting, line numbers, terminators, and that every kind of
// malformed input is reported on its record while reading goes on.
#include "ingest/csv_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace xianjie::ingest {
namespace {

using ::testing::ElementsAre;

// A record copied out of the reader, for comparing.
struct Read {
  int64_t line;
  std::vector<std::string> fields;
  std::string raw;
  CsvError error;
  int error_field;
};

std::vector<Read> ReadAll(std::string_view data) {
  CsvReader reader(data);
  CsvRecord rec;
  std::vector<Read> out;
  while (reader.Next(rec)) {
    out.push_back({rec.line, std::vector<std::string>(rec.fields.begin(), rec.fields.end()),
                   std::string(rec.raw), rec.error, rec.error_field});
  }
  return out;
}

TEST(CsvReaderTest, SplitsFieldsAndRecords) {
  auto r = ReadAll("a,b,c\n1,2,3\n");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_THAT(r[0].fields, ElementsAre("a", "b", "c"));
  EXPECT_THAT(r[1].fields, ElementsAre("1", "2", "3"));
  EXPECT_EQ(r[1].line, 2);
  EXPECT_EQ(r[1].error, CsvError::kNone);
  EXPECT_EQ(r[1].error_field, -1);
}

TEST(CsvReaderTest, EmptyDataHasNoRecord) { EXPECT_TRUE(ReadAll("").empty()); }

TEST(CsvReaderTest, SkipsByteOrderMark) {
  auto r = ReadAll("\xEF\xBB\xBFid,name\n");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_THAT(r[0].fields, ElementsAre("id", "name"));
  EXPECT_EQ(r[0].raw, "id,name");
}

TEST(CsvReaderTest, ByteOrderMarkAloneHasNoRecord) { EXPECT_TRUE(ReadAll("\xEF\xBB\xBF").empty()); }

TEST(CsvReaderTest, QuotedFieldMayContainCommas) {
  auto r = ReadAll("\"a,b\",c\n");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_THAT(r[0].fields, ElementsAre("a,b", "c"));
}

TEST(CsvReaderTest, DoubledQuoteStandsForOneQuote) {
  auto r = ReadAll("\"say \"\"hi\"\"\",\"\"\"\",x\n");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_THAT(r[0].fields, ElementsAre("say \"hi\"", "\"", "x"));
  EXPECT_EQ(r[0].error, CsvError::kNone);
}

TEST(CsvReaderTest, EmptyQuotedFieldIsEmpty) {
  auto r = ReadAll("\"\",a\n");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_THAT(r[0].fields, ElementsAre("", "a"));
}

TEST(CsvReaderTest, QuotedLineBreaksAreDataAndCountAsLines) {
  auto r = ReadAll("h\n\"one\ntwo\nthree\",x\nnext\n");
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[1].line, 2);
  EXPECT_THAT(r[1].fields, ElementsAre("one\ntwo\nthree", "x"));
  EXPECT_EQ(r[2].line, 5);
  EXPECT_THAT(r[2].fields, ElementsAre("next"));
}

TEST(CsvReaderTest, CrLfEndsRecordsAndIsNotPartOfValuesOrRaw) {
  auto r = ReadAll("a,b\r\n1,2\r\n");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_THAT(r[1].fields, ElementsAre("1", "2"));
  EXPECT_EQ(r[1].raw, "1,2");
  EXPECT_EQ(r[1].line, 2);
}

TEST(CsvReaderTest, QuotedCrLfIsKept) {
  auto r = ReadAll("\"a\r\nb\"\r\nz\r\n");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_THAT(r[0].fields, ElementsAre("a\r\nb"));
  EXPECT_EQ(r[1].line, 3);
}

TEST(CsvReaderTest, LastRecordMayLackTerminator) {
  auto r = ReadAll("a,b\n1,2");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_THAT(r[1].fields, ElementsAre("1", "2"));
  EXPECT_EQ(r[1].raw, "1,2");
}

TEST(CsvReaderTest, EmptyLinesAreSkippedButCounted) {
  auto r = ReadAll("\na\n\r\n\nb\n\n");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].line, 2);
  EXPECT_EQ(r[1].line, 5);
}

TEST(CsvReaderTest, TrailingCommaGivesEmptyLastField) {
  auto r = ReadAll("a,\nb,");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_THAT(r[0].fields, ElementsAre("a", ""));
  EXPECT_THAT(r[1].fields, ElementsAre("b", ""));
}

TEST(CsvReaderTest, LineOfOnlyCommaHasTwoEmptyFields) {
  auto r = ReadAll(",\n");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_THAT(r[0].fields, ElementsAre("", ""));
}

TEST(CsvReaderTest, RawIsTheRecordAsWritten) {
  auto r = ReadAll("\"a\"\"b\",\"c\nd\"\r\n");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].raw, "\"a\"\"b\",\"c\nd\"");
}

TEST(CsvReaderTest, UnterminatedQuoteTakesTheRestOfTheFile) {
  auto r = ReadAll("a,b\n1,\"open\n3,4\n5,6\n");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[1].error, CsvError::kUnterminatedQuote);
  EXPECT_EQ(r[1].error_field, 1);
  EXPECT_THAT(r[1].fields, ElementsAre("1", "open\n3,4\n5,6\n"));
  EXPECT_EQ(r[1].raw, "1,\"open\n3,4\n5,6\n");
}

TEST(CsvReaderTest, StrayQuoteKeepsTheQuoteAndReadingGoesOn) {
  auto r = ReadAll("ab\"c,d\nnext\n");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].error, CsvError::kStrayQuote);
  EXPECT_EQ(r[0].error_field, 0);
  EXPECT_THAT(r[0].fields, ElementsAre("ab\"c", "d"));
  EXPECT_EQ(r[1].error, CsvError::kNone);
  EXPECT_THAT(r[1].fields, ElementsAre("next"));
}

TEST(CsvReaderTest, TextAfterClosingQuoteIsAppendedAndReported) {
  auto r = ReadAll("x,\"ab\"cd,e\nnext\n");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].error, CsvError::kCharAfterQuote);
  EXPECT_EQ(r[0].error_field, 1);
  EXPECT_THAT(r[0].fields, ElementsAre("x", "abcd", "e"));
  EXPECT_THAT(r[1].fields, ElementsAre("next"));
}

TEST(CsvReaderTest, BareCarriageReturnIsAnError) {
  auto r = ReadAll("a\rb,c\nnext\n");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].error, CsvError::kBareCarriageReturn);
  EXPECT_THAT(r[0].fields, ElementsAre("a\rb", "c"));
  EXPECT_EQ(r[1].line, 2);
}

TEST(CsvReaderTest, NulByteIsAnError) {
  auto r = ReadAll(std::string("a,b\0c\nnext\n", 11));
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].error, CsvError::kNulByte);
  EXPECT_EQ(r[0].error_field, 1);
  EXPECT_EQ(r[0].fields[1], std::string("b\0c", 3));
  EXPECT_EQ(r[1].error, CsvError::kNone);
}

TEST(CsvReaderTest, NulByteInQuotedFieldIsAnError) {
  auto r = ReadAll(std::string("\"a\0\"\n", 5));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].error, CsvError::kNulByte);
}

TEST(CsvReaderTest, AcceptsValidMultiByteUtf8) {
  // 2, 3 and 4-byte sequences, at the edges of their ranges.
  auto r = ReadAll("\xC2\x80,\xE4\xB8\xAD\xE6\x96\x87,\"\xF0\x9F\x98\x80\",\xF4\x8F\xBF\xBF,"
                   "\xEF\xBF\xBF\n");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].error, CsvError::kNone);
  EXPECT_EQ(r[0].fields[1], "中文");
}

struct BadUtf8 {
  const char* name;
  std::string bytes;
};

TEST(CsvReaderTest, RejectsEveryKindOfInvalidUtf8) {
  for (const BadUtf8& b : {
           BadUtf8{"stray continuation", "\x80"},
           BadUtf8{"overlong 2-byte", "\xC0\xAF"},
           BadUtf8{"overlong 2-byte C1", "\xC1\xBF"},
           BadUtf8{"overlong 3-byte", "\xE0\x80\xAF"},
           BadUtf8{"overlong 4-byte", "\xF0\x80\x80\xAF"},
           BadUtf8{"surrogate", "\xED\xA0\x80"},
           BadUtf8{"above U+10FFFF", "\xF4\x90\x80\x80"},
           BadUtf8{"F5 lead", "\xF5\x80\x80\x80"},
           BadUtf8{"FF byte", "\xFF"},
           BadUtf8{"truncated at field end", "\xE4\xB8"},
           BadUtf8{"truncated by ASCII", "\xE4" "a"},
       }) {
    for (bool quoted : {false, true}) {
      std::string field = quoted ? "\"x" + b.bytes + "\"" : "x" + b.bytes;
      auto r = ReadAll("a," + field + ",c\nnext\n");
      ASSERT_EQ(r.size(), 2u) << b.name;
      EXPECT_EQ(r[0].error, CsvError::kInvalidUtf8) << b.name << (quoted ? " (quoted)" : "");
      EXPECT_EQ(r[0].error_field, 1) << b.name;
      EXPECT_EQ(r[0].fields.size(), 3u) << b.name;
      EXPECT_EQ(r[1].error, CsvError::kNone) << b.name;
    }
  }
}

TEST(CsvReaderTest, TruncatedSequenceAtEndOfDataIsInvalid) {
  auto r = ReadAll("a,\xE4\xB8");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].error, CsvError::kInvalidUtf8);
  EXPECT_THAT(r[0].fields, ElementsAre("a", "\xE4\xB8"));
}

TEST(CsvReaderTest, FirstErrorOfARecordIsKept) {
  auto r = ReadAll("a\"b,\xFF\n");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].error, CsvError::kStrayQuote);
  EXPECT_EQ(r[0].error_field, 0);
}

TEST(CsvReaderTest, UnterminatedQuoteOverridesAnEarlierError) {
  auto r = ReadAll("a\"b,\"c\n");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].error, CsvError::kUnterminatedQuote);
  EXPECT_EQ(r[0].error_field, 1);
}

TEST(CsvReaderTest, ReusedRecordCarriesNothingOver) {
  CsvReader reader("\"a\"\"b\",\"c\"x\nplain,row\n");
  CsvRecord rec;
  ASSERT_TRUE(reader.Next(rec));
  EXPECT_EQ(rec.error, CsvError::kCharAfterQuote);
  EXPECT_EQ(rec.fields[0], "a\"b");
  EXPECT_EQ(rec.fields[1], "cx");
  ASSERT_TRUE(reader.Next(rec));
  EXPECT_EQ(rec.error, CsvError::kNone);
  EXPECT_EQ(rec.error_field, -1);
  EXPECT_THAT(rec.fields, ElementsAre("plain", "row"));
  EXPECT_FALSE(reader.Next(rec));
}

TEST(CsvReaderTest, UnescapedQuotedFieldIsAViewIntoTheData) {
  std::string data = "\"abc\",d\n";
  CsvReader reader(data);
  CsvRecord rec;
  ASSERT_TRUE(reader.Next(rec));
  EXPECT_EQ(rec.fields[0].data(), data.data() + 1);
}

TEST(CsvReaderTest, NamesEachErrorWithItsRule) {
  EXPECT_EQ(CsvErrorRule(CsvError::kNone), "");
  EXPECT_EQ(CsvErrorRule(CsvError::kUnterminatedQuote), "csv.unterminated_quote");
  EXPECT_EQ(CsvErrorRule(CsvError::kStrayQuote), "csv.stray_quote");
  EXPECT_EQ(CsvErrorRule(CsvError::kCharAfterQuote), "csv.char_after_quote");
  EXPECT_EQ(CsvErrorRule(CsvError::kBareCarriageReturn), "csv.bare_cr");
  EXPECT_EQ(CsvErrorRule(CsvError::kInvalidUtf8), "csv.invalid_utf8");
  EXPECT_EQ(CsvErrorRule(CsvError::kNulByte), "csv.nul_byte");
}

TEST(CsvReaderTest, InvalidUtf8MessageSaysToSaveAsUtf8) {
  EXPECT_THAT(std::string(CsvErrorMessage(CsvError::kInvalidUtf8)),
              ::testing::HasSubstr("save it as UTF-8"));
}

TEST(CsvEscapeTest, LeavesPlainTextAlone) {
  EXPECT_EQ(CsvEscape("abc 中文"), "abc 中文");
  EXPECT_EQ(CsvEscape(""), "");
}

TEST(CsvEscapeTest, QuotesWhenNeeded) {
  EXPECT_EQ(CsvEscape("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvEscape("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvEscape("a\nb"), "\"a\nb\"");
  EXPECT_EQ(CsvEscape("a\rb"), "\"a\rb\"");
}

TEST(CsvEscapeTest, QuotesAValueStartingWithAByteOrderMark) {
  auto r = ReadAll(CsvEscape("\xEF\xBB\xBFx") + "\n");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_THAT(r[0].fields, ElementsAre("\xEF\xBB\xBFx"));
}

TEST(CsvEscapeTest, AppendedFieldsReadBackUnchanged) {
  const std::vector<std::string> values = {"plain", "a,b", "\"q\"", "line\nbreak", "", "x\r\ny"};
  std::string line;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) line += ',';
    AppendCsvField(line, values[i]);
  }
  auto r = ReadAll(line + "\n");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].error, CsvError::kNone);
  EXPECT_EQ(r[0].fields, values);
}

}  // namespace
}  // namespace xianjie::ingest
