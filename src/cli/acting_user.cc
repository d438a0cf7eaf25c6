// Acting as the user of --as (acting_user.h).
#include "cli/acting_user.h"

#include <optional>
#include <utility>

#include "access/user_store.h"
#include "cli/common.h"

namespace xianjie::cli {

Result<access::Principal> PrincipalOf(store::Database& db, const std::string& username) {
  XJ_ASSIGN_OR_RETURN(std::optional<access::User> user, db.GetUser(username));
  if (!user) {
    return NotFound("there is no user '" + username + "' (xianjie user list shows them)");
  }
  if (user->disabled) return PermissionDenied("user '" + username + "' is disabled");
  return access::Principal{user->username, user->role, user->scope};
}

Result<ActingUser> OpenActingUser(const std::string& db, const std::string& username,
                                  bool load_registry) {
  XJ_ASSIGN_OR_RETURN(std::unique_ptr<store::Database> database, OpenDatabase(db));
  XJ_ASSIGN_OR_RETURN(access::Principal principal, PrincipalOf(*database, username));
  auto ws = std::make_unique<service::Workspace>(*database);
  if (load_registry) XJ_RETURN_IF_ERROR(ws->Refresh());
  return ActingUser{std::move(database), std::move(principal), std::move(ws)};
}

}  // namespace xianjie::cli
