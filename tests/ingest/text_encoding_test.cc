// Tests of ToUtf8 (ingest/text_encoding.h): real GBK bytes (computed with
// `iconv -f UTF-8 -t GB18030`), UTF-8 with and without a byte order mark, mixed files, truncated
// and invalid sequences, empty input, and every error message a clerk can meet; and of FromUtf8,
// its way back.
#include "ingest/text_encoding.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace xianjie::ingest {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// "身份证号,姓名\n" in GBK.
const std::string kGbkHeader = "\xC9\xED\xB7\xDD\xD6\xA4\xBA\xC5,\xD0\xD5\xC3\xFB\n";
// "张三" in GBK.
const std::string kGbkZhangSan = "\xD5\xC5\xC8\xFD";
const std::string kUtf8Header = "身份证号,姓名\n";

TEST(TextEncodingTest, GbkIsDetectedAndConverted) {
  std::string detected;
  auto text = ToUtf8(kGbkHeader + kGbkZhangSan, TextEncoding::kAuto, &detected);
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  EXPECT_EQ(*text, kUtf8Header + "张三");
  EXPECT_EQ(detected, "GB18030");
}

TEST(TextEncodingTest, DeclaredGbkIsConverted) {
  std::string detected;
  auto text = ToUtf8(kGbkHeader, TextEncoding::kGb18030, &detected);
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  EXPECT_EQ(*text, kUtf8Header);
  EXPECT_EQ(detected, "GB18030");
}

TEST(TextEncodingTest, FourByteGb18030Sequence) {
  // U+20000 (𠀀) is four bytes in GB18030 and is not in GBK.
  auto text = ToUtf8("\x95\x32\x82\x36", TextEncoding::kGb18030);
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  EXPECT_EQ(*text, "\xF0\xA0\x80\x80");
}

TEST(TextEncodingTest, DeclaredGbkWithAsciiOnlyIsUnchanged) {
  auto text = ToUtf8("id_number,name\r\n1,2\n", TextEncoding::kGb18030);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, "id_number,name\r\n1,2\n");
}

TEST(TextEncodingTest, Utf8IsReturnedAsIs) {
  std::string detected;
  auto text = ToUtf8(kUtf8Header, TextEncoding::kAuto, &detected);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, kUtf8Header);
  EXPECT_EQ(detected, "UTF-8");
  auto declared = ToUtf8(kUtf8Header, TextEncoding::kUtf8, &detected);
  ASSERT_TRUE(declared.ok());
  EXPECT_EQ(*declared, kUtf8Header);
}

TEST(TextEncodingTest, Utf8BomIsStripped) {
  for (TextEncoding e : {TextEncoding::kAuto, TextEncoding::kUtf8, TextEncoding::kGb18030}) {
    std::string detected;
    auto text = ToUtf8("\xEF\xBB\xBF" + kUtf8Header, e, &detected);
    ASSERT_TRUE(text.ok()) << TextEncodingName(e);
    EXPECT_EQ(*text, kUtf8Header) << TextEncodingName(e);
    EXPECT_EQ(detected, "UTF-8") << TextEncodingName(e);
  }
}

TEST(TextEncodingTest, Gb18030BomIsDropped) {
  auto text = ToUtf8("\x84\x31\x95\x33" + kGbkHeader, TextEncoding::kAuto);
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  EXPECT_EQ(*text, kUtf8Header);
}

TEST(TextEncodingTest, EmptyInput) {
  for (TextEncoding e : {TextEncoding::kAuto, TextEncoding::kUtf8, TextEncoding::kGb18030}) {
    auto text = ToUtf8("", e);
    ASSERT_TRUE(text.ok()) << TextEncodingName(e);
    EXPECT_EQ(*text, "");
  }
  std::string detected;
  auto bom_only = ToUtf8("\xEF\xBB\xBF", TextEncoding::kAuto, &detected);
  ASSERT_TRUE(bom_only.ok());
  EXPECT_EQ(*bom_only, "");
  EXPECT_EQ(detected, "UTF-8");
}

TEST(TextEncodingTest, DeclaredUtf8ButGbkNamesLineAndColumn) {
  auto text = ToUtf8(kGbkHeader, TextEncoding::kUtf8);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(text.status().message(),
            "line 1, column 1: byte 0xC9 is not valid UTF-8 text; save the file as UTF-8 (CSV "
            "UTF-8 in Excel) or upload it declared as GBK");
}

TEST(TextEncodingTest, MixedFileDeclaredUtf8CountsCharactersOfTheValidPrefix) {
  // A UTF-8 header, then a row whose name was pasted in GBK after "张三," in UTF-8.
  const std::string mixed = kUtf8Header + "张三," + kGbkZhangSan + "\n";
  auto text = ToUtf8(mixed, TextEncoding::kUtf8);
  ASSERT_FALSE(text.ok());
  EXPECT_THAT(text.status().message(), StartsWith("line 2, column 4: byte 0xD5 "));
}

TEST(TextEncodingTest, MixedFileIsNotTakenForUtf8) {
  // Auto-detection never calls a file UTF-8 that is not: it reads it as GB18030 or fails.
  const std::string mixed = kUtf8Header + kGbkZhangSan + "\n";
  std::string detected;
  auto text = ToUtf8(mixed, TextEncoding::kAuto, &detected);
  if (text.ok()) {
    EXPECT_EQ(detected, "GB18030");
    EXPECT_NE(*text, mixed);
  } else {
    EXPECT_EQ(text.status().code(), StatusCode::kInvalidArgument);
  }
}

TEST(TextEncodingTest, BomThenInvalidUtf8CountsAfterTheBom) {
  auto text = ToUtf8(
      "\xEF\xBB\xBF"
      "ab\xFF",
      TextEncoding::kAuto);
  ASSERT_FALSE(text.ok());
  EXPECT_THAT(text.status().message(), StartsWith("line 1, column 3: byte 0xFF "));
}

TEST(TextEncodingTest, TruncatedGbkSequenceNamesOffsetAndLine) {
  // "身份证号,姓名\n张" and the first byte of "三": cut short at the end of the file.
  const std::string cut = kGbkHeader + kGbkZhangSan.substr(0, 3);
  for (TextEncoding e : {TextEncoding::kAuto, TextEncoding::kGb18030}) {
    auto text = ToUtf8(cut, e);
    ASSERT_FALSE(text.ok()) << TextEncodingName(e);
    EXPECT_EQ(text.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(text.status().message(),
                StartsWith("byte 16 (line 2): a GB18030 character cut short at the end (0xC8)"));
  }
}

TEST(TextEncodingTest, InvalidGbkBytesNameOffsetAndLine) {
  // 0xFF never starts a GB18030 character.
  const std::string bad = "a\nb\n" + kGbkZhangSan + "\xFF\x41";
  auto declared = ToUtf8(bad, TextEncoding::kGb18030);
  ASSERT_FALSE(declared.ok());
  EXPECT_EQ(declared.status().message(),
            "byte 8 (line 3): bytes that are not GB18030 text (0xFF); the file is not "
            "GBK/GB18030: save it as UTF-8 (CSV UTF-8 in Excel) or upload it declared as UTF-8");
  auto detected = ToUtf8(bad, TextEncoding::kAuto);
  ASSERT_FALSE(detected.ok());
  EXPECT_THAT(detected.status().message(), StartsWith("byte 8 (line 3): "));
  EXPECT_THAT(detected.status().message(), HasSubstr("neither UTF-8 nor GBK/GB18030"));
}

TEST(TextEncodingTest, ByteOffsetCountsTheGb18030Bom) {
  auto text = ToUtf8(std::string("\x84\x31\x95\x33") + "ab\xFF", TextEncoding::kGb18030);
  ASSERT_FALSE(text.ok());
  EXPECT_THAT(text.status().message(), StartsWith("byte 6 (line 1): "));
}

TEST(TextEncodingTest, NulBytesPassThrough) {
  auto text = ToUtf8(std::string("a\0b", 3), TextEncoding::kAuto);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, std::string("a\0b", 3));
}

TEST(TextEncodingTest, ParseTextEncoding) {
  EXPECT_EQ(*ParseTextEncoding("auto"), TextEncoding::kAuto);
  EXPECT_EQ(*ParseTextEncoding("UTF-8"), TextEncoding::kUtf8);
  EXPECT_EQ(*ParseTextEncoding("utf8"), TextEncoding::kUtf8);
  EXPECT_EQ(*ParseTextEncoding("GBK"), TextEncoding::kGb18030);
  EXPECT_EQ(*ParseTextEncoding("gb2312"), TextEncoding::kGb18030);
  EXPECT_EQ(*ParseTextEncoding("GB18030"), TextEncoding::kGb18030);
  auto bad = ParseTextEncoding("latin1");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(bad.status().message(), HasSubstr("'latin1'"));
}

TEST(FromUtf8Test, WritesGbkBytes) {
  auto bytes = FromUtf8(kUtf8Header + "张三", TextEncoding::kGb18030);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  EXPECT_EQ(*bytes, kGbkHeader + kGbkZhangSan);
}

TEST(FromUtf8Test, GbkTextReadsBackAsTheSameText) {
  const std::string text =
      "身份证号码,保障对象姓名,保障类别\r\n630224195804193314,马热卜,农村低保\r\n"
      "63272219470103212X,拉毛措,特困人员（新增）\r\n";
  auto bytes = FromUtf8(text, TextEncoding::kGb18030);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  std::string detected;
  auto back = ToUtf8(*bytes, TextEncoding::kAuto, &detected);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, text);
  EXPECT_EQ(detected, "GB18030");
}

TEST(FromUtf8Test, CharactersOutsideGbkTakeFourBytes) {
  // U+20000 (𠀀) is not in GBK: GB18030 writes it as 95 32 82 36.
  auto bytes = FromUtf8("\xF0\xA0\x80\x80", TextEncoding::kGb18030);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  EXPECT_EQ(*bytes, "\x95\x32\x82\x36");
}

TEST(FromUtf8Test, AsciiAndEmptyTextStayAsTheyAre) {
  EXPECT_EQ(*FromUtf8("id,amount\r\n1,2.50\r\n", TextEncoding::kGb18030),
            "id,amount\r\n1,2.50\r\n");
  EXPECT_EQ(*FromUtf8("", TextEncoding::kGb18030), "");
}

TEST(FromUtf8Test, Utf8IsReturnedAsItIs) {
  auto bytes = FromUtf8("\xEF\xBB\xBF" + kUtf8Header, TextEncoding::kUtf8);
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(*bytes, "\xEF\xBB\xBF" + kUtf8Header);
}

TEST(FromUtf8Test, InvalidUtf8NamesTheByte) {
  auto bytes = FromUtf8(kUtf8Header + kGbkZhangSan, TextEncoding::kGb18030);
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(bytes.status().message(),
              StartsWith("byte " + std::to_string(kUtf8Header.size()) + " (0xD5)"));
  EXPECT_FALSE(FromUtf8(kGbkZhangSan, TextEncoding::kUtf8).ok());
}

TEST(FromUtf8Test, AutoIsNoTargetEncoding) {
  auto bytes = FromUtf8("a", TextEncoding::kAuto);
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(bytes.status().message(), HasSubstr("'auto'"));
}

}  // namespace
}  // namespace xianjie::ingest
