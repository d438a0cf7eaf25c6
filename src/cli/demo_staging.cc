// The demo staging's shared pieces (demo_staging.h).
#include "cli/demo_staging.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "assist/coordination.h"
#include "base/clock.h"

namespace xianjie::cli {

std::string UtcAt(CivilDate day, int china_hour) {
  char text[32];
  std::snprintf(text, sizeof text, "%sT%02d:00:00Z", day.ToString().c_str(), china_hour - 8);
  return text;
}

service::WorkspaceOptions DemoClock::Options() const {
  service::WorkspaceOptions options;
  options.clock = [at = at_] { return at->empty() ? UtcNowIso8601() : *at; };
  return options;
}

access::Principal DemoOfficer(access::Role role, const std::string& demo_village,
                              const std::string& village) {
  using access::Role;
  const size_t len = role == Role::kVillage ? 12 : role == Role::kTownship ? 9 : 6;
  const std::string scope = village.substr(0, len);
  const std::string name(access::RoleName(role));
  if (scope == demo_village.substr(0, len)) return access::Principal{name, role, scope};
  return access::Principal{(role == Role::kVillage ? std::string("cadre") : name) + "-" + scope,
                           role, scope};
}

bool LabourCapable(const registry::Snapshot& snapshot, uint32_t h) {
  const std::vector<registry::Labor>& able = assist::BuiltinCoordination().labour_capacity;
  for (uint32_t m = snapshot.member_begin()[h]; m < snapshot.member_begin()[h + 1]; ++m) {
    const auto labor = static_cast<registry::Labor>(snapshot.member_labor()[m]);
    if (snapshot.member_shares_household()[m] != 0 &&
        std::find(able.begin(), able.end(), labor) != able.end()) {
      return true;
    }
  }
  return false;
}

}  // namespace xianjie::cli
