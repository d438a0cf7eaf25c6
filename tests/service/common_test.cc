// What the service functions share (service/common.h): masking ID numbers in text.
#include "service/common.h"

#include <gtest/gtest.h>

#include <string>

#include "base/id_number.h"

namespace xianjie::service {
namespace {

TEST(MaskIdNumbersInTest, MasksRunsOf15OrMoreDigitsOutsideWords) {
  // ID numbers of 18 characters, with X or x, in records, keys and Chinese text.
  EXPECT_EQ(MaskIdNumbersIn("630121196203142319,马福海,18650.40,20260302"),
            "630121********2319,马福海,18650.40,20260302");
  EXPECT_EQ(MaskIdNumbersIn("member:630121196203142319"), "member:630121********2319");
  EXPECT_EQ(MaskIdNumbersIn("身份证号 630121196203142319（张三）"),
            "身份证号 630121********2319（张三）");
  EXPECT_EQ(MaskIdNumbersIn("63010219800101123X and 63010219800101123x"),
            MaskIdNumber("63010219800101123X") + " and " + MaskIdNumber("63010219800101123x"));
  EXPECT_EQ(MaskIdNumbersIn("x 63280119930415208x y"), "x 632801********208x y");
  // Old ID numbers of 15 digits, and mistyped ones a digit or two short.
  EXPECT_EQ(MaskIdNumbersIn("630121196203142"), "630121*****3142");
  EXPECT_EQ(MaskIdNumbersIn("6301211962031423"), "630121******1423");
  EXPECT_EQ(MaskIdNumbersIn("63012119620314X"), "630121*****314X");
  // Shorter numbers (phones, amounts, dates, row numbers) stay.
  EXPECT_EQ(MaskIdNumbersIn("13912345678 12345678901234"), "13912345678 12345678901234");
  EXPECT_EQ(MaskIdNumbersIn("upload:12:row:40"), "upload:12:row:40");
  EXPECT_EQ(MaskIdNumbersIn("1234567890123X"), "1234567890123X");
  // Longer runs (a mistyped ID number with a digit or an X too many, a bank card number) are
  // masked too: what cannot be told from an ID number is treated as one.
  EXPECT_EQ(MaskIdNumbersIn("1234567890123456789"), "123456*********6789");
  EXPECT_EQ(MaskIdNumbersIn("123456789012345678A"), "123456********5678A");
  EXPECT_EQ(MaskIdNumbersIn("630121196203142319X"), "630121*********319X");
  // Digits inside a word (a hexadecimal hash) stay.
  EXPECT_EQ(MaskIdNumbersIn("sha256:e3b0c4429812345678901234567fc1c"),
            "sha256:e3b0c4429812345678901234567fc1c");
  EXPECT_EQ(MaskIdNumbersIn(""), "");
}

}  // namespace
}  // namespace xianjie::service
