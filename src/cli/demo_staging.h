// What the demo's staging steps share (demo_cases.cc, demo_assist.cc, demo_sample.cc): the time
// of an event on a past day, a workspace clock set to such times so that the service's
// operations that stamp with ws.Now() (plans, persons, visits, samples) are stamped in the past,
// and the officer who acts in a village.
#ifndef XIANJIE_CLI_DEMO_STAGING_H_
#define XIANJIE_CLI_DEMO_STAGING_H_

#include <memory>
#include <string>

#include "access/role.h"
#include "base/date.h"
#include "registry/snapshot.h"
#include "service/workspace.h"

namespace xianjie::cli {

// UTC ISO 8601 of `china_hour` o'clock (8..23) in China on `day`.
std::string UtcAt(CivilDate day, int china_hour);

// A clock for a staging workspace: while a time is set, ws.Now() is that time; otherwise the
// system's now. Copies share the time. Not thread-safe (the staging is one thread).
class DemoClock {
 public:
  // The options of a workspace that reads this clock.
  service::WorkspaceOptions Options() const;
  void Set(std::string at_utc) { *at_ = std::move(at_utc); }
  void Clear() { at_->clear(); }

 private:
  std::shared_ptr<std::string> at_ = std::make_shared<std::string>();
};

// The officer of `role` for `village` (12 digits): the demo user when the village is in that
// user's scope (around `demo_village`), else a colleague named after the region (an actor of the
// timeline, not a login): "cadre-<village>", "township-<township>", "county-<county>".
access::Principal DemoOfficer(access::Role role, const std::string& demo_village,
                              const std::string& village);

// Whether household row `h` of `snapshot` has a counted member able to work (the labour codes
// of assist::BuiltinCoordination, as C01 and the development coverage read them).
bool LabourCapable(const registry::Snapshot& snapshot, uint32_t h);

}  // namespace xianjie::cli

#endif  // XIANJIE_CLI_DEMO_STAGING_H_
