// What both backends check and say about assistance (assist::AssistStore) before and while they
// write, so that the memory and SQLite stores refuse the same calls with the same codes and
// messages.
#ifndef XIANJIE_STORE_INTERNAL_ASSIST_CHECKS_H_
#define XIANJIE_STORE_INTERNAL_ASSIST_CHECKS_H_

#include <cstdint>
#include <string>

#include "assist/assist_store.h"
#include "base/status.h"

namespace xianjie::store::internal {

// Checks the calls' arguments alone, before the store is looked at.
//   kInvalidArgument: a negative offset or limit.
Status CheckPlanFilter(const assist::PlanFilter& filter);
//   kInvalidArgument: a negative offset or limit; `to` before `from`.
Status CheckVisitFilter(const assist::VisitFilter& filter);
//   kInvalidArgument: as assist::CheckResponsiblePerson, or a `to` given (a new assignment is
//     current until the next one ends it).
Status CheckAssignment(const assist::ResponsiblePerson& next);

// The refusals that depend on what is stored.
Status PlanExists(int64_t episode_id, int64_t plan_id);  // kAlreadyExists
Status NoSuchPlan(int64_t plan_id);                      // kNotFound
Status PlanChanged(int64_t plan_id, assist::PlanState stored);  // kAborted
// kInvalidArgument: the next person does not start after the current one.
Status AssignmentOverlaps(const assist::ResponsiblePerson& current,
                          const assist::ResponsiblePerson& next);

}  // namespace xianjie::store::internal

#endif  // XIANJIE_STORE_INTERNAL_ASSIST_CHECKS_H_
