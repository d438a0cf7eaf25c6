// The authorization table walked cell by cell against a copy of docs/decisions/0004 ("Roles")
// written out here, then the scope check: in scope, outside, wider, malformed, no region.
#include "access/authorize.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace xianjie::access {
namespace {

// The table of 0004, one string per operation, one character per role in the order admin,
// province, prefecture, county, township, village, department, auditor: 'x' allowed, '.' not.
const std::map<std::string, std::string> kDecision0004 = {
    {"dashboard.read", "xxxxxxxx"}, {"household.list", ".xxxxx.x"},
    {"household.read", ".xxxxx.x"}, {"warning.list", ".xxxxx.x"},
    {"run.list", "xxxxxxxx"},       {"standard.read", "xxxxxxxx"},
    {"screening.run", ".xxx...."},  {"standard.whatif", ".xxx...."},
    {"standard.load", ".x......"},  {"registry.import", ".xxx...."},
    {"import.read", ".xxx...."},    {"export", ".xxx...."},
    {"audit.read", "x......x"},     {"user.admin", "x......."},
    {"case.read", ".xxxxxxx"},      {"case.act", "...xxxx."},
    {"workflow.limits", ".x......"},
    // Decision 0006: department sources, uploads and their quality.
    {"source.read", ".xxxx.xx"},    {"source.upload", ".xxx..x."},
    {"quality.read", ".xxx..xx"},
    // Decision 0006: cross-check findings, read by the officers of the scope, resolved by the
    // village and township, the checks run from the county up.
    {"finding.read", ".xxxxx.x"},   {"finding.resolve", "....xx.."},
    {"check.run", ".xxx...."},
    // Decision 0008: plans (written by the levels that assist, justified by the county), the
    // measures catalogue and the assessment's configuration (province), the scorecards (county
    // and the levels and auditors above it), the verification sample (drawn from the prefecture
    // up, its visits recorded from the county up).
    {"plan.write", "...xxx.."},     {"plan.justify", "...x...."},
    {"measure.catalog", ".x......"}, {"assessment.read", ".xxx...x"},
    {"assessment.config", ".x......"}, {"sample.draw", ".xx....."},
    {"sample.record", ".xxx...."},
};

const Role kColumns[] = {Role::kAdmin,    Role::kProvince, Role::kPrefecture, Role::kCounty,
                         Role::kTownship, Role::kVillage,  Role::kDepartment, Role::kAuditor};

// A scope of the role's own level that contains village 630121100201.
std::string ScopeFor(Role role) {
  switch (role) {
    case Role::kPrefecture:
      return "6301";
    case Role::kCounty:
      return "630121";
    case Role::kTownship:
      return "630121100";
    case Role::kVillage:
      return "630121100201";
    default:
      return "63";
  }
}

TEST(AuthorizeTableTest, EveryOperationIsInTheTable) {
  EXPECT_EQ(kAllOperations.size(), kDecision0004.size());
  for (Operation op : kAllOperations) {
    EXPECT_EQ(kDecision0004.count(std::string(OperationName(op))), 1u) << OperationName(op);
  }
}

TEST(AuthorizeTableTest, RoleMayMatchesDecision0004InEveryCell) {
  for (Operation op : kAllOperations) {
    const std::string& row = kDecision0004.at(std::string(OperationName(op)));
    for (size_t i = 0; i < std::size(kColumns); ++i) {
      EXPECT_EQ(RoleMay(kColumns[i], op), row[i] == 'x')
          << OperationName(op) << " × " << RoleName(kColumns[i]);
    }
  }
}

TEST(AuthorizeTableTest, AuthorizeInScopeFollowsTheTableInEveryCell) {
  for (Operation op : kAllOperations) {
    const std::string& row = kDecision0004.at(std::string(OperationName(op)));
    for (size_t i = 0; i < std::size(kColumns); ++i) {
      Principal p{"u", kColumns[i], ScopeFor(kColumns[i])};
      for (const char* region : {"", "630121100201"}) {
        Status s = Authorize(p, op, region);
        if (row[i] == 'x') {
          EXPECT_TRUE(s.ok()) << OperationName(op) << " × " << RoleName(kColumns[i]) << " '"
                              << region << "': " << s.ToString();
        } else {
          EXPECT_EQ(s.code(), StatusCode::kPermissionDenied)
              << OperationName(op) << " × " << RoleName(kColumns[i]) << " '" << region << "'";
        }
      }
    }
  }
}

TEST(AuthorizeTableTest, OutOfScopeIsDeniedForEveryRoleAndOperation) {
  for (Operation op : kAllOperations) {
    for (Role role : kColumns) {
      Principal p{"u", role, ScopeFor(role)};
      EXPECT_EQ(Authorize(p, op, "640121100201").code(), StatusCode::kPermissionDenied)
          << OperationName(op) << " × " << RoleName(role);
    }
  }
}

TEST(AuthorizeTest, TheMessageNamesUserOperationAndScopeReason) {
  Principal p{"zhang", Role::kVillage, "630121100201"};
  Status s = Authorize(p, Operation::kHouseholdRead, "630122");
  EXPECT_EQ(s.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(s.message(),
            "user zhang (village 630121100201) may not household.read region 630122: outside the "
            "user's scope");
}

TEST(AuthorizeTest, TheMessageNamesTheRoleWhenTheRoleMayNot) {
  Principal p{"admin1", Role::kAdmin, "63"};
  Status s = Authorize(p, Operation::kHouseholdRead, "630121100201");
  EXPECT_EQ(s.code(), StatusCode::kPermissionDenied);
  EXPECT_NE(s.message().find("user admin1 (admin 63) may not household.read"), std::string::npos)
      << s.message();
  EXPECT_NE(s.message().find("admin role"), std::string::npos) << s.message();
}

TEST(AuthorizeTest, ARegionWiderThanTheScopeIsDenied) {
  Principal p{"li", Role::kCounty, "630121"};
  EXPECT_EQ(Authorize(p, Operation::kHouseholdList, "6301").code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(Authorize(p, Operation::kHouseholdList, "63").code(), StatusCode::kPermissionDenied);
}

TEST(AuthorizeTest, TheScopeItselfAndBelowAreAllowed) {
  Principal p{"li", Role::kCounty, "630121"};
  EXPECT_TRUE(Authorize(p, Operation::kHouseholdList, "630121").ok());
  EXPECT_TRUE(Authorize(p, Operation::kHouseholdList, "630121100").ok());
  EXPECT_TRUE(Authorize(p, Operation::kHouseholdList, "630121100201").ok());
}

TEST(AuthorizeTest, ASiblingRegionIsDenied) {
  Principal p{"li", Role::kTownship, "630121100"};
  EXPECT_EQ(Authorize(p, Operation::kHouseholdList, "630121101201").code(),
            StatusCode::kPermissionDenied);
}

TEST(AuthorizeTest, AMalformedRegionCodeIsInvalidArgument) {
  Principal p{"li", Role::kCounty, "630121"};
  EXPECT_EQ(Authorize(p, Operation::kHouseholdList, "630121abc").code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(Authorize(p, Operation::kHouseholdList, "6").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Authorize(p, Operation::kHouseholdList, "6301211002011").code(),
            StatusCode::kInvalidArgument);
}

TEST(SeesFullIdNumbersTest, OnlyVillageAndTownship) {
  for (Role role : kAllRoles) {
    EXPECT_EQ(SeesFullIdNumbers(role), role == Role::kVillage || role == Role::kTownship)
        << RoleName(role);
  }
}

}  // namespace
}  // namespace xianjie::access
