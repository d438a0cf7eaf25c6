// Role names and the scope lengths that fit each role.
#include "access/role.h"

#include <string>

namespace xianjie::access {
namespace {

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The one scope length of a regional role, 0 for the roles that may hold any level.
size_t ScopeDigits(Role role) {
  switch (role) {
    case Role::kProvince:
      return 2;
    case Role::kPrefecture:
      return 4;
    case Role::kCounty:
      return 6;
    case Role::kTownship:
      return 9;
    case Role::kVillage:
      return 12;
    case Role::kAdmin:
    case Role::kDepartment:
    case Role::kAuditor:
      return 0;
  }
  return 0;
}

}  // namespace

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kAdmin:
      return "admin";
    case Role::kProvince:
      return "province";
    case Role::kPrefecture:
      return "prefecture";
    case Role::kCounty:
      return "county";
    case Role::kTownship:
      return "township";
    case Role::kVillage:
      return "village";
    case Role::kDepartment:
      return "department";
    case Role::kAuditor:
      return "auditor";
  }
  return "?";
}

Result<Role> ParseRole(std::string_view name) {
  std::string valid;
  for (Role role : kAllRoles) {
    if (RoleName(role) == name) return role;
    if (!valid.empty()) valid += ", ";
    valid += RoleName(role);
  }
  return InvalidArgument("unknown role '" + std::string(name) + "'; give one of " + valid);
}

Status CheckScope(Role role, std::string_view scope) {
  const std::string what =
      "scope '" + std::string(scope) + "' for role " + std::string(RoleName(role));
  if (scope.empty() || !AllDigits(scope)) {
    return InvalidArgument(what + " is not a region code; give the digits of a region code");
  }
  const size_t digits = ScopeDigits(role);
  if (digits != 0 && scope.size() != digits) {
    return InvalidArgument(what + " has " + std::to_string(scope.size()) + " digits; a " +
                           std::string(RoleName(role)) + " officer's scope is a " +
                           std::to_string(digits) + "-digit " + std::string(RoleName(role)) +
                           " code");
  }
  const size_t n = scope.size();
  if (digits == 0 && n != 2 && n != 4 && n != 6 && n != 9 && n != 12) {
    return InvalidArgument(what + " has " + std::to_string(n) +
                           " digits; give a region code of 2, 4, 6, 9 or 12 digits");
  }
  return Status::Ok();
}

bool InScope(const Principal& principal, std::string_view region_code) {
  return !principal.scope.empty() && region_code.size() >= principal.scope.size() &&
         region_code.starts_with(principal.scope);
}

}  // namespace xianjie::access
