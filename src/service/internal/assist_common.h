// What the assistance service files (assist.cc, assist_people.cc) share: the household or region
// a call is about, authorized; the open episode (also used by coordination.cc and
// elimination.cc); the current responsible person as shown. Private to service/.
#ifndef XIANJIE_SERVICE_INTERNAL_ASSIST_COMMON_H_
#define XIANJIE_SERVICE_INTERNAL_ASSIST_COMMON_H_

#include <optional>
#include <string>
#include <vector>

#include "access/authorize.h"
#include "assist/plan.h"
#include "base/status.h"
#include "cases/case.h"
#include "registry/store.h"
#include "store/database.h"

namespace xianjie::service::assist_internal {

// The household's current version, authorized for `op` (first the role, then the household's
// village): kNotFound for a household the registry does not hold, kPermissionDenied outside
// the scope.
Result<registry::HouseholdVersion> HouseholdInScope(store::Database& db,
                                                    const access::Principal& principal,
                                                    access::Operation op,
                                                    const std::string& household_id);

// The region asked for, or the principal's scope when "", authorized for `op`.
Result<std::string> RegionFor(const access::Principal& principal, access::Operation op,
                              const std::string& region);

// kInvalidArgument unless `province` is 2 digits.
Status CheckProvince(const std::string& province);

// The household's episode that is not eliminated (the latest, should there be more).
std::optional<cases::Episode> OpenEpisode(const std::vector<cases::Episode>& episodes);

// The household's current responsible person (the last assigned, while its `to` is unset),
// its phone as the principal may see it.
Result<std::optional<assist::ResponsiblePerson>> CurrentResponsible(
    store::Database& db, const access::Principal& principal, const std::string& household_id);

}  // namespace xianjie::service::assist_internal

#endif  // XIANJIE_SERVICE_INTERNAL_ASSIST_COMMON_H_
