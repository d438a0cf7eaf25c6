// Roles and scopes: names both ways, the scope lengths each role accepts, and InScope at the
// boundaries (the scope itself, inside, wider, a sibling).
#include "access/role.h"

#include <gtest/gtest.h>

#include <string>

namespace xianjie::access {
namespace {

TEST(RoleTest, EveryRoleNameParsesBack) {
  for (Role role : kAllRoles) {
    auto parsed = ParseRole(RoleName(role));
    ASSERT_TRUE(parsed.ok()) << RoleName(role);
    EXPECT_EQ(*parsed, role);
  }
}

TEST(RoleTest, RoleNamesAreTheIssuesNames) {
  std::string names;
  for (Role role : kAllRoles) names += std::string(RoleName(role)) + " ";
  EXPECT_EQ(names, "admin province prefecture county township village department auditor ");
}

TEST(RoleTest, AnUnknownRoleIsInvalidArgumentListingTheRoles) {
  auto parsed = ParseRole("mayor");
  EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(parsed.status().message().find("mayor"), std::string::npos);
  EXPECT_NE(parsed.status().message().find(
                "admin, province, prefecture, county, township, village, department, auditor"),
            std::string::npos)
      << parsed.status().message();
}

TEST(RoleTest, RoleNamesAreCaseSensitive) {
  EXPECT_EQ(ParseRole("County").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseRole("").status().code(), StatusCode::kInvalidArgument);
}

TEST(CheckScopeTest, RegionalRolesTakeExactlyTheirLevel) {
  struct Case {
    Role role;
    const char* fits;
  };
  const Case cases[] = {{Role::kProvince, "63"},
                        {Role::kPrefecture, "6301"},
                        {Role::kCounty, "630121"},
                        {Role::kTownship, "630121100"},
                        {Role::kVillage, "630121100201"}};
  const char* levels[] = {"63", "6301", "630121", "630121100", "630121100201"};
  for (const Case& c : cases) {
    for (const char* scope : levels) {
      Status s = CheckScope(c.role, scope);
      if (std::string(scope) == c.fits) {
        EXPECT_TRUE(s.ok()) << RoleName(c.role) << " " << scope << ": " << s.ToString();
      } else {
        EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << RoleName(c.role) << " " << scope;
      }
    }
  }
}

TEST(CheckScopeTest, AdminDepartmentAndAuditorTakeAnyLevel) {
  for (Role role : {Role::kAdmin, Role::kDepartment, Role::kAuditor}) {
    for (const char* scope : {"63", "6301", "630121", "630121100", "630121100201"}) {
      EXPECT_TRUE(CheckScope(role, scope).ok()) << RoleName(role) << " " << scope;
    }
  }
}

TEST(CheckScopeTest, LengthsBetweenLevelsAreRefusedForAnyRole) {
  for (Role role : kAllRoles) {
    for (const char* scope :
         {"6", "630", "63012", "6301211", "6301211002", "6301211002011", "6301211002012"}) {
      EXPECT_EQ(CheckScope(role, scope).code(), StatusCode::kInvalidArgument)
          << RoleName(role) << " " << scope;
    }
  }
}

TEST(CheckScopeTest, NonDigitsAndEmptyAreRefused) {
  EXPECT_EQ(CheckScope(Role::kAdmin, "").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckScope(Role::kProvince, "6a").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckScope(Role::kCounty, "63012 ").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckScope(Role::kCounty, "-63012").code(), StatusCode::kInvalidArgument);
}

TEST(CheckScopeTest, TheMessageSaysWhatToGive) {
  Status s = CheckScope(Role::kCounty, "6301");
  EXPECT_NE(s.message().find("6301"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("6-digit"), std::string::npos) << s.message();
}

TEST(InScopeTest, TheScopeItselfAndRegionsBelowItAreInside) {
  Principal p{"zhang", Role::kCounty, "630121"};
  EXPECT_TRUE(InScope(p, "630121"));
  EXPECT_TRUE(InScope(p, "630121100"));
  EXPECT_TRUE(InScope(p, "630121100201"));
}

TEST(InScopeTest, WiderAndSiblingRegionsAreOutside) {
  Principal p{"zhang", Role::kCounty, "630121"};
  EXPECT_FALSE(InScope(p, "63"));
  EXPECT_FALSE(InScope(p, "6301"));
  EXPECT_FALSE(InScope(p, "63012"));
  EXPECT_FALSE(InScope(p, "630122"));
  EXPECT_FALSE(InScope(p, "630122100201"));
  EXPECT_FALSE(InScope(p, ""));
}

TEST(InScopeTest, APrincipalWithoutAScopeSeesNothing) {
  Principal p{"nobody", Role::kAdmin, ""};
  EXPECT_FALSE(InScope(p, "63"));
}

}  // namespace
}  // namespace xianjie::access
