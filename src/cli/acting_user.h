// What the commands that act as a user (--as) share: that user as a principal, and the
// database and workspace a command works with as that user (case, plan, catalog).
#ifndef XIANJIE_CLI_ACTING_USER_H_
#define XIANJIE_CLI_ACTING_USER_H_

#include <memory>
#include <string>

#include "access/role.h"
#include "base/status.h"
#include "service/workspace.h"
#include "store/database.h"

namespace xianjie::cli {

// The user `username` as a principal: kNotFound for an unknown user, kPermissionDenied for a
// disabled one.
Result<access::Principal> PrincipalOf(store::Database& db, const std::string& username);

// What a subcommand acting as the user of --as works with: the database of --db, that user as a
// principal, and a workspace over the database (declared last: destroyed before the database).
struct ActingUser {
  std::unique_ptr<store::Database> db;
  access::Principal principal;
  std::unique_ptr<service::Workspace> ws;
};

// Opens the database `db` and takes the user `username` (errors as OpenDatabase, then
// PrincipalOf); with `load_registry`, reads the registry into the workspace, for answers that
// name villages and heads of household.
Result<ActingUser> OpenActingUser(const std::string& db, const std::string& username,
                                  bool load_registry);

}  // namespace xianjie::cli

#endif  // XIANJIE_CLI_ACTING_USER_H_
