// Resident ID numbers (GB 11643): structure, birth date, check character, sex, masking.
#include "base/id_number.h"

#include <gtest/gtest.h>

namespace xianjie {
namespace {

const CivilDate kToday = CivilDate::FromYmd(2026, 11, 29);

// 11010519491231002X is the well-known specimen of GB 11643 (female, check character X).
TEST(IdNumberTest, AcceptsStandardSpecimen) {
  auto id = ParseIdNumber("11010519491231002X", kToday);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(id->birth_date(), CivilDate::FromYmd(1949, 12, 31));
  EXPECT_FALSE(id->male());
  EXPECT_EQ(id->address_code(), "110105");
  EXPECT_EQ(id->Masked(), "110105********002X");
}

TEST(IdNumberTest, LowercaseXIsNormalized) {
  auto id = ParseIdNumber("11010519491231002x", kToday);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->text(), "11010519491231002X");
}

TEST(IdNumberTest, CheckCharacterDetectsEverySingleDigitChange) {
  std::string good = MakeIdNumber("630102", CivilDate::FromYmd(1980, 5, 17), 123);
  ASSERT_TRUE(ParseIdNumber(good, kToday).ok());
  for (int pos : {0, 3, 5, 14, 15, 16}) {
    std::string bad = good;
    bad[pos] = static_cast<char>('0' + (bad[pos] - '0' + 1) % 10);
    IdNumberError err;
    auto r = ParseIdNumber(bad, kToday, &err);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(err, IdNumberError::kCheckCharacter) << bad;
    EXPECT_EQ(IdNumberRule(err), "id_number.check");
  }
}

struct Case {
  const char* text;
  IdNumberError error;
};

TEST(IdNumberTest, NamesTheBrokenPart) {
  for (Case c :
       {Case{"", IdNumberError::kLength}, Case{"63010219800517123", IdNumberError::kLength},
        Case{"6301021980051712345", IdNumberError::kLength},
        Case{"63010A19800517123X", IdNumberError::kCharacter},
        Case{"630102198005171231Y", IdNumberError::kLength},
        Case{"63010219800517123Y", IdNumberError::kCharacter},
        Case{"630102198002301234", IdNumberError::kBirthDate},
        Case{"630102187001011234", IdNumberError::kBirthDate},
        Case{"630102209901011234", IdNumberError::kBirthDate}}) {
    IdNumberError err = IdNumberError::kNone;
    auto r = ParseIdNumber(c.text, kToday, &err);
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(err, c.error) << c.text << ": " << r.status().message();
  }
}

TEST(IdNumberTest, SexFromSeventeenthDigit) {
  CivilDate b = CivilDate::FromYmd(1990, 1, 1);
  EXPECT_TRUE(ParseIdNumber(MakeIdNumber("632521", b, 1), kToday)->male());
  EXPECT_FALSE(ParseIdNumber(MakeIdNumber("632521", b, 2), kToday)->male());
  EXPECT_TRUE(ParseIdNumber(MakeIdNumber("632521", b, 999), kToday)->male());
}

TEST(IdNumberTest, PackedIsUniquePerNumber) {
  auto a = ParseIdNumber("11010519491231002X", kToday);
  auto b = ParseIdNumber(MakeIdNumber("110105", CivilDate::FromYmd(1949, 12, 31), 3), kToday);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->Packed(), b->Packed());
  EXPECT_EQ(a->Packed() % 11, 10u);  // X
}

}  // namespace
}  // namespace xianjie

namespace xianjie {
namespace {

TEST(IdNumberTest, UnpackReversesPack) {
  for (int seq = 0; seq < 40; ++seq) {  // check characters 0..9 and X all occur
    const std::string text = MakeIdNumber("630102", CivilDate::FromYmd(2000, 2, 29), seq);
    ASSERT_TRUE(ParseIdNumber(text, CivilDate::FromYmd(2026, 1, 1)).ok()) << text;
    EXPECT_EQ(UnpackIdNumber(PackIdNumber(text)), text);
  }
}

}  // namespace
}  // namespace xianjie
