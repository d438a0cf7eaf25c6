// The helpers of the assistance service files (assist_common.h).
#include "service/internal/assist_common.h"

#include <utility>

#include "service/assist.h"
#include "service/common.h"

namespace xianjie::service::assist_internal {

Result<registry::HouseholdVersion> HouseholdInScope(store::Database& db,
                                                    const access::Principal& principal,
                                                    access::Operation op,
                                                    const std::string& household_id) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, op, ""));
  if (household_id.empty()) return InvalidArgument("a household id is required");
  const std::string ids[] = {household_id};
  XJ_ASSIGN_OR_RETURN(std::vector<registry::HouseholdVersion> current, db.GetCurrent(ids));
  if (current.empty()) {
    return NotFound("there is no household '" + household_id + "' in the registry");
  }
  XJ_RETURN_IF_ERROR(
      access::Authorize(principal, op, current.front().record.household.village_code.ToString()));
  return std::move(current.front());
}

Result<std::string> RegionFor(const access::Principal& principal, access::Operation op,
                              const std::string& region) {
  std::string out = principal.scope;
  if (!region.empty()) {
    XJ_RETURN_IF_ERROR(CheckRegionCode("region", region));
    out = region;
  }
  XJ_RETURN_IF_ERROR(access::Authorize(principal, op, out));
  return out;
}

Status CheckProvince(const std::string& province) {
  if (province.size() == 2 && province.find_first_not_of("0123456789") == std::string::npos) {
    return Status::Ok();
  }
  return InvalidArgument("province must be a 2-digit province code, e.g. 63; got '" + province +
                         "'");
}

std::optional<cases::Episode> OpenEpisode(const std::vector<cases::Episode>& episodes) {
  std::optional<cases::Episode> open;
  for (const cases::Episode& e : episodes) {
    if (!e.eliminated_on.has_value() && (!open || e.id > open->id)) open = e;
  }
  return open;
}

Result<std::optional<assist::ResponsiblePerson>> CurrentResponsible(
    store::Database& db, const access::Principal& principal, const std::string& household_id) {
  XJ_ASSIGN_OR_RETURN(std::vector<assist::ResponsiblePerson> history,
                      db.ResponsibleOf(household_id));
  if (history.empty() || history.back().to.has_value()) {
    return std::optional<assist::ResponsiblePerson>();
  }
  assist::ResponsiblePerson current = std::move(history.back());
  current.phone = ShownPhone(principal, current.phone);
  return std::optional<assist::ResponsiblePerson>(std::move(current));
}

}  // namespace xianjie::service::assist_internal
