// Civil dates: parsing, the calendar, day arithmetic and completed years of age.
#include "base/date.h"

#include <gtest/gtest.h>

namespace xianjie {
namespace {

TEST(DateTest, ParsesRealDays) {
  auto d = ParseDate("2024-02-29");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->year(), 2024);
  EXPECT_EQ(d->month(), 2);
  EXPECT_EQ(d->day(), 29);
  EXPECT_EQ(d->ToString(), "2024-02-29");
  EXPECT_EQ(d->ToYmdNumber(), 20240229);
}

TEST(DateTest, RejectsImpossibleDays) {
  for (const char* t :
       {"2023-02-29", "1900-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "0000-01-01"}) {
    auto d = ParseDate(t);
    ASSERT_FALSE(d.ok()) << t;
    EXPECT_NE(d.status().message().find("not a real day"), std::string::npos) << t;
  }
  EXPECT_TRUE(ParseDate("2000-02-29").ok());
}

TEST(DateTest, RejectsOtherFormats) {
  for (const char* t :
       {"2024/09/01", "2024-9-1", "20240901", "", "2024-09-01 ", "２０２４-09-01"}) {
    auto d = ParseDate(t);
    ASSERT_FALSE(d.ok()) << t;
    EXPECT_NE(d.status().message().find("YYYY-MM-DD"), std::string::npos) << t;
  }
}

TEST(DateTest, DaysRoundTrip) {
  EXPECT_EQ(CivilDate::FromYmd(1970, 1, 1).ToDays(), 0);
  EXPECT_EQ(CivilDate::FromYmd(2000, 3, 1).ToDays(), 11017);
  EXPECT_EQ(CivilDate::FromYmd(1969, 12, 31).ToDays(), -1);
  for (int32_t d = -800000; d <= 800000; d += 997) {
    EXPECT_EQ(CivilDate::FromDays(d).ToDays(), d);
  }
}

TEST(DateTest, AgeInCompletedYears) {
  CivilDate ref = CivilDate::FromYmd(2024, 9, 1);
  EXPECT_EQ(AgeOn(CivilDate::FromYmd(2018, 9, 1), ref), 6);
  EXPECT_EQ(AgeOn(CivilDate::FromYmd(2018, 9, 2), ref), 5);
  EXPECT_EQ(AgeOn(CivilDate::FromYmd(2025, 1, 1), ref), 0);
  // Born on 29 February: a year completes on 1 March in common years.
  EXPECT_EQ(AgeOn(CivilDate::FromYmd(2020, 2, 29), CivilDate::FromYmd(2021, 2, 28)), 0);
  EXPECT_EQ(AgeOn(CivilDate::FromYmd(2020, 2, 29), CivilDate::FromYmd(2021, 3, 1)), 1);
}

}  // namespace
}  // namespace xianjie
