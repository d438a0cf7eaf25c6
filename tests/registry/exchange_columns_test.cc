// The columns of the exchange format v1 stated literally as DOMAIN.md §13 lists them: the
// header lines, the column order, and names that agree with the enums.
#include "registry/exchange_columns.h"

#include <gtest/gtest.h>

namespace xianjie::registry {
namespace {

TEST(ExchangeColumnsTest, HouseholdHeaderListsTheColumnsOfSection13) {
  EXPECT_EQ(kHouseholdHeader,
            "household_id,village_code,status,wage_income,business_income,property_income,"
            "transfer_income,production_costs,prev_net_income,rigid_medical,rigid_education,"
            "rigid_other,housing_safe,water_safe");
}

TEST(ExchangeColumnsTest, MemberHeaderListsTheColumnsOfSection13) {
  EXPECT_EQ(kMemberHeader,
            "id_number,household_id,name,relation,sex,birth_date,labor,health,school_stage,"
            "enrolled,med_insured,pension_insured,shares_household");
}

TEST(ExchangeColumnsTest, HouseholdNamesFollowTheEnum) {
  ASSERT_EQ(kHouseholdColumnNames.size(), 14u);
  EXPECT_EQ(kHouseholdColumnNames[Index(HouseholdColumn::kHouseholdId)], "household_id");
  EXPECT_EQ(kHouseholdColumnNames[Index(HouseholdColumn::kPrevNetIncome)], "prev_net_income");
  EXPECT_EQ(kHouseholdColumnNames[Index(HouseholdColumn::kWaterSafe)], "water_safe");
}

TEST(ExchangeColumnsTest, MemberNamesFollowTheEnumAndEndWithTheOptionalColumn) {
  ASSERT_EQ(kMemberColumnNames.size(), 13u);
  EXPECT_EQ(kMemberColumnNames[Index(MemberColumn::kIdNumber)], "id_number");
  EXPECT_EQ(kMemberColumnNames[Index(MemberColumn::kHouseholdId)], "household_id");
  EXPECT_EQ(kMemberColumnNames[Index(MemberColumn::kSchoolStage)], "school_stage");
  EXPECT_EQ(kMemberColumnNames.back(), "shares_household");
}

}  // namespace
}  // namespace xianjie::registry
