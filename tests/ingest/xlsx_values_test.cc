// The XLSX reader's value rules (ingest/internal/xlsx_values.h) as tables of cases: cell
// references, date formats, serials to ISO dates with both bases, numbers, _xHHHH_ escapes.
#include "ingest/internal/xlsx_values.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace xianjie::ingest::internal {
namespace {

TEST(XlsxValues, ParsesCellReferences) {
  struct Case {
    const char* text;
    int64_t column;
    int64_t row;
  };
  for (const Case& c : {Case{"A1", 0, 1}, Case{"c7", 2, 7}, Case{"Z9", 25, 9}, Case{"AA10", 26, 10},
                        Case{"XFD1048576", 16383, 1048576}, Case{"B", 1, 0}, Case{"XFE1", 16384, 1},
                        Case{"ZZZZZZZZ1", 16384, 1}, Case{"A1048577", 0, 1048577},
                        Case{"A99999999999999999999", 0, 1048577}}) {
    auto ref = ParseCellReference(c.text, 16383, 1048576);
    ASSERT_TRUE(ref.has_value()) << c.text;
    EXPECT_EQ(ref->column, c.column) << c.text;
    EXPECT_EQ(ref->row, c.row) << c.text;
  }
  for (const char* bad : {"", "1", "1A", "A-1", "A1B", "A0", "Ä1", "A 1"}) {
    EXPECT_FALSE(ParseCellReference(bad, 16383, 1048576).has_value()) << bad;
  }
}

TEST(XlsxValues, KnowsTheBuiltInDateFormats) {
  for (int64_t id : {14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 31, 36, 45, 46, 47, 50, 57, 58}) {
    EXPECT_TRUE(IsBuiltInDateFormat(id)) << id;
  }
  for (int64_t id : {0, 1, 2, 9, 10, 11, 12, 13, 23, 26, 37, 44, 48, 49, 59, 164, -1}) {
    EXPECT_FALSE(IsBuiltInDateFormat(id)) << id;
  }
}

TEST(XlsxValues, TellsDateFormatCodesFromOthers) {
  for (const char* date : {"yyyy-mm-dd", "yyyy/m/d", "d-mmm-yy", "h:mm:ss", "mm:ss", "[$-F800]dddd",
                           "yyyy\"年\"m\"月\"d\"日\"", "[Red]yyyy-mm-dd", "m/d/yyyy h:mm AM/PM",
                           "YYYY-MM-DD", "[h]:mm:ss"}) {
    EXPECT_TRUE(IsDateFormatCode(date)) << date;
  }
  for (const char* other :
       {"General", "0.00", "#,##0", "@", "0\\d", "\"days\"0", "[Red]0.00", "0.00E+00",
        "_-* #,##0_-", "0;[Red]-0", "\"unterminated", "[open", "#,##0 \"yuan\"", "*s0"}) {
    EXPECT_FALSE(IsDateFormatCode(other)) << other;
  }
}

TEST(XlsxValues, TurnsSerialsIntoIsoDatesWithThe1900Base) {
  struct Case {
    double serial;
    const char* iso;
  };
  for (const Case& c : {Case{1, "1900-01-01"}, Case{31, "1900-01-31"}, Case{59, "1900-02-28"},
                        Case{60, "1900-02-29"}, Case{61, "1900-03-01"}, Case{45000, "2023-03-15"},
                        Case{45000.5, "2023-03-15T12:00:00"}, Case{45658.25, "2025-01-01T06:00:00"},
                        Case{0.75, "1899-12-31T18:00:00"}, Case{44927.999999999, "2023-01-02"},
                        Case{2958465, "9999-12-31"}}) {
    auto iso = SerialToIso(c.serial, false);
    ASSERT_TRUE(iso.has_value()) << c.serial;
    EXPECT_EQ(*iso, c.iso) << c.serial;
  }
  EXPECT_FALSE(SerialToIso(-1, false).has_value());
  EXPECT_FALSE(SerialToIso(2958466, false).has_value());
  EXPECT_FALSE(SerialToIso(std::nan(""), false).has_value());
  EXPECT_FALSE(SerialToIso(1e300, false).has_value());
}

TEST(XlsxValues, TurnsSerialsIntoIsoDatesWithThe1904Base) {
  EXPECT_EQ(SerialToIso(0, true).value_or(""), "1904-01-01");
  EXPECT_EQ(SerialToIso(60, true).value_or(""), "1904-03-01");
  EXPECT_EQ(SerialToIso(43538, true).value_or(""), "2023-03-15");  // 45000 in the 1900 base
  EXPECT_EQ(SerialToIso(1.5, true).value_or(""), "1904-01-02T12:00:00");
  EXPECT_FALSE(SerialToIso(2957004, true).has_value());  // past 9999-12-31
}

TEST(XlsxValues, WritesNumbersCanonically) {
  struct Case {
    const char* text;
    const char* canonical;
  };
  for (const Case& c :
       {Case{"1", "1"}, Case{"1.50", "1.5"}, Case{"1E3", "1000"}, Case{"-0", "0"},
        Case{"0.1", "0.1"}, Case{"+7", "7"}, Case{"123456789012", "123456789012"},
        Case{"1.0000000000000001E-3", "0.001"}, Case{"6.3212219900101E+17", "632122199001010000"},
        Case{"1e21", "1e+21"}, Case{" 2 ", "2"}, Case{"-12.5", "-12.5"}, Case{"1e-7", "1e-7"},
        Case{"1.5e-6", "0.0000015"}, Case{"-2.5E+25", "-2.5e+25"}, Case{"123.456", "123.456"}}) {
    EXPECT_EQ(CanonicalNumber(c.text).value_or("?"), c.canonical) << c.text;
  }
  for (const char* bad : {"", "abc", "1,5", "1.2.3", "inf", "nan", "1e999", "0x10", "--1"}) {
    EXPECT_FALSE(CanonicalNumber(bad).has_value()) << bad;
  }
}

TEST(XlsxValues, DecodesXstringEscapes) {
  struct Case {
    const char* in;
    const char* out;
  };
  for (const Case& c : {Case{"a_x000D_b", "a\rb"}, Case{"_x005F_x000D_", "_x000D_"},
                        Case{"_x4E2D_", "中"}, Case{"_xD840__xDC00_", "𠀀"},
                        Case{"_xD840_", "\xEF\xBF\xBD"}, Case{"_xDC00_x", "\xEF\xBF\xBDx"},
                        Case{"_x12G4_", "_x12G4_"}, Case{"_x12", "_x12"}, Case{"plain", "plain"}}) {
    std::string text = c.in;
    DecodeXstring(text);
    EXPECT_EQ(text, c.out) << c.in;
  }
}

TEST(XlsxValues, CountsUtf16Units) {
  EXPECT_EQ(Utf16Length(""), 0u);
  EXPECT_EQ(Utf16Length("abc"), 3u);
  EXPECT_EQ(Utf16Length("中文"), 2u);
  EXPECT_EQ(Utf16Length("𠀀"), 2u);
}

}  // namespace
}  // namespace xianjie::ingest::internal
