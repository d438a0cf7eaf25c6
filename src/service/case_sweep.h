// Escalation of overdue cases (DOMAIN.md §5.2: "overdue steps escalate to the next level up";
// docs/decisions/0005, "Deadlines"). Worklists already show an overdue case to the levels above
// as soon as it is late; the sweep writes the escalation into the case's timeline, once per level
// and step, as an `escalate` event of the system, so that the record shows who was told when.
#ifndef XIANJIE_SERVICE_CASE_SWEEP_H_
#define XIANJIE_SERVICE_CASE_SWEEP_H_

#include <cstdint>
#include <string_view>

#include "base/status.h"
#include "service/workspace.h"

namespace xianjie::service {

struct SweepResult {
  int64_t open = 0;       // open cases weighed
  int64_t overdue = 0;    // of them, overdue
  int64_t escalated = 0;  // escalate events written
  int64_t raced = 0;      // cases changed by someone while the sweep ran (left for the next)
};

// Weighs every open case on China's date of `now_utc` and records the escalations not yet
// recorded. Idempotent; run by the server every hour and by `xianjie case sweep`.
Result<SweepResult> SweepEscalations(Workspace& ws, std::string_view now_utc);

}  // namespace xianjie::service

#endif  // XIANJIE_SERVICE_CASE_SWEEP_H_
