// The refusals both stores give for assistance (assist_checks.h).
#include "store/internal/assist_checks.h"

#include <string>

namespace xianjie::store::internal {

Status CheckPlanFilter(const assist::PlanFilter& filter) {
  if (filter.offset < 0 || filter.limit < 0) {
    return InvalidArgument("a plan list's offset and limit cannot be negative (offset " +
                           std::to_string(filter.offset) + ", limit " +
                           std::to_string(filter.limit) + ")");
  }
  return Status::Ok();
}

Status CheckVisitFilter(const assist::VisitFilter& filter) {
  if (filter.offset < 0 || filter.limit < 0) {
    return InvalidArgument("a visit list's offset and limit cannot be negative (offset " +
                           std::to_string(filter.offset) + ", limit " +
                           std::to_string(filter.limit) + ")");
  }
  if (filter.from && filter.to && *filter.to < *filter.from) {
    return InvalidArgument("a visit list's 'to' (" + filter.to->ToString() +
                           ") is before its 'from' (" + filter.from->ToString() +
                           "); give the earlier date first");
  }
  return Status::Ok();
}

Status CheckAssignment(const assist::ResponsiblePerson& next) {
  XJ_RETURN_IF_ERROR(assist::CheckResponsiblePerson(next));
  if (next.to.has_value()) {
    return InvalidArgument("responsible person field to must be empty when a person is "
                           "assigned: the assignment lasts until the next one ends it");
  }
  return Status::Ok();
}

Status PlanExists(int64_t episode_id, int64_t plan_id) {
  return AlreadyExists("monitoring episode " + std::to_string(episode_id) +
                       " already has a plan (plan " + std::to_string(plan_id) +
                       "); an episode has one plan: open that one");
}

Status NoSuchPlan(int64_t plan_id) {
  return NotFound("there is no plan " + std::to_string(plan_id));
}

Status PlanChanged(int64_t plan_id, assist::PlanState stored) {
  return Aborted("plan " + std::to_string(plan_id) + " is " +
                 std::string(assist::PlanStateCode(stored)) +
                 " now: it changed meanwhile; reload it and try again");
}

Status AssignmentOverlaps(const assist::ResponsiblePerson& current,
                          const assist::ResponsiblePerson& next) {
  return InvalidArgument("the new responsible person must start after the current one (" +
                         current.name + ", from " + current.from.ToString() + "), not on " +
                         next.from.ToString() + ": the current one's responsibility ends the "
                         "day before the new one's starts");
}

}  // namespace xianjie::store::internal
