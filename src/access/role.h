// Roles and region scopes (ARCHITECTURE.md §1): who a user is for the system. Every user has one
// role and one scope, a prefix of the 12-digit region code (NBS): "63" a province, "6301" a
// prefecture, "630121" a county, "630121100" a township, "630121100201" a village.
#ifndef XIANJIE_ACCESS_ROLE_H_
#define XIANJIE_ACCESS_ROLE_H_

#include <array>
#include <string>
#include <string_view>

#include "base/status.h"

namespace xianjie::access {

enum class Role : uint8_t {
  kAdmin,       // user administration; aggregates only, no household data
  kProvince,    // 省级: standards, what-if, indicators
  kPrefecture,  // 市州
  kCounty,      // 县级: approval, imports, exports
  kTownship,    // 乡镇: review, deadlines
  kVillage,     // 村: worklist, home visits, household files
  kDepartment,  // 行业部门: department uploads and their quality reports
  kAuditor,     // 纪检监督: read-only, the audit trail
};

inline constexpr std::array<Role, 8> kAllRoles = {
    Role::kAdmin,    Role::kProvince, Role::kPrefecture, Role::kCounty,
    Role::kTownship, Role::kVillage,  Role::kDepartment, Role::kAuditor};

// "admin", "province", "prefecture", "county", "township", "village", "department", "auditor".
std::string_view RoleName(Role role);
// The inverse of RoleName; kInvalidArgument naming the valid roles otherwise.
Result<Role> ParseRole(std::string_view name);

// The number of digits of a scope that fits the role: 2 province, 4 prefecture, 6 county,
// 9 township, 12 village; admin, department and auditor may hold any of 2, 4, 6, 9 or 12.
// kInvalidArgument (what is wrong, what to give) when `scope` is not all digits or its length
// does not fit the role.
Status CheckScope(Role role, std::string_view scope);

// Who is asking: the authenticated user of a request or of a CLI command.
struct Principal {
  std::string username;
  Role role = Role::kVillage;
  std::string scope;  // region code prefix; CheckScope holds
  bool operator==(const Principal&) const = default;
};

// True when `region_code` (any length, 2..12 digits) lies inside the principal's scope: it
// starts with the scope. A region wider than the scope ("63" for a county user) is outside.
bool InScope(const Principal& principal, std::string_view region_code);

}  // namespace xianjie::access

#endif  // XIANJIE_ACCESS_ROLE_H_
