// `xianjie user add|passwd|disable|list`: accounts of the web application (access/accounts.h),
// managed from the command line by whoever holds the database file. Each change goes to the
// audit log under the operating-system user running the command.
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "access/accounts.h"
#include "access/role.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace xianjie::cli {
namespace {

struct UserOptions {
  std::string db;
  std::string username;
  std::string password;
  std::string role;
  std::string scope;
  std::string display_name;
  bool enable = false;
  bool json = false;
};

int RunAdd(const UserOptions& o) {
  auto role = access::ParseRole(o.role);
  if (!role.ok()) return Fail(role.status());
  auto db = OpenDatabase(o.db);
  if (!db.ok()) return Fail(db.status());
  access::Accounts accounts(**db, **db);
  Status s =
      accounts.AddUser(CurrentUser(), o.username, o.password, *role, o.scope, o.display_name);
  if (!s.ok()) return Fail(s);
  std::printf("added user %s (%s %s)\n", o.username.c_str(), o.role.c_str(), o.scope.c_str());
  return kExitOk;
}

int RunPasswd(const UserOptions& o) {
  auto db = OpenDatabase(o.db);
  if (!db.ok()) return Fail(db.status());
  access::Accounts accounts(**db, **db);
  Status s = accounts.SetPassword(CurrentUser(), o.username, o.password);
  if (!s.ok()) return Fail(s);
  std::printf("password of %s changed; their sessions are ended\n", o.username.c_str());
  return kExitOk;
}

int RunDisable(const UserOptions& o) {
  auto db = OpenDatabase(o.db);
  if (!db.ok()) return Fail(db.status());
  access::Accounts accounts(**db, **db);
  Status s = accounts.SetDisabled(CurrentUser(), o.username, !o.enable);
  if (!s.ok()) return Fail(s);
  if (o.enable) {
    std::printf("user %s enabled\n", o.username.c_str());
  } else {
    std::printf("user %s disabled; their sessions are ended\n", o.username.c_str());
  }
  return kExitOk;
}

int RunList(const UserOptions& o) {
  auto db = OpenDatabase(o.db);
  if (!db.ok()) return Fail(db.status());
  access::Accounts accounts(**db, **db);
  auto users = accounts.ListUsers();
  if (!users.ok()) return Fail(users.status());
  if (o.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const access::UserSummary& u : *users) {
      out.push_back({{"username", u.username},
                     {"display_name", u.display_name},
                     {"role", access::RoleName(u.role)},
                     {"scope", u.scope},
                     {"disabled", u.disabled},
                     {"created_at", u.created_at},
                     {"password_changed_at", u.password_changed_at}});
    }
    std::printf("%s\n", out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    return kExitOk;
  }
  for (const access::UserSummary& u : *users) {
    std::printf("%s  %s  %s  %s  %s\n", PadRight(u.username, 16).c_str(),
                PadRight(std::string(access::RoleName(u.role)), 10).c_str(),
                PadRight(u.scope, 12).c_str(), u.disabled ? "disabled" : "active  ",
                u.display_name.c_str());
  }
  return kExitOk;
}

// The options every subcommand naming one user has.
void AddUserOptions(CLI::App* cmd, UserOptions& o) {
  cmd->add_option("--db", o.db, "Registry database")->required();
  cmd->add_option("--username", o.username, "Login name: 1 to 64 of A-Z a-z 0-9 . _ -")->required();
}

}  // namespace

void AddUserCommand(CLI::App& app, int* exit_code) {
  CLI::App* cmd = app.add_subcommand("user", "Manage the accounts of the web application");
  cmd->require_subcommand(1);

  auto a = std::make_shared<UserOptions>();
  CLI::App* add = cmd->add_subcommand("add", "Add a user with a role and a region scope");
  AddUserOptions(add, *a);
  add->add_option("--password", a->password, "Initial password (at least 8 characters)")
      ->required();
  add->add_option("--role", a->role,
                  "admin, province, prefecture, county, township, village, department, auditor")
      ->required();
  add->add_option("--scope", a->scope,
                  "Region code the user may see: 2 digits province ... 12 digits village")
      ->required();
  add->add_option("--name", a->display_name, "Display name (may be Chinese)");
  add->callback([a, exit_code] { *exit_code = RunAdd(*a); });

  auto p = std::make_shared<UserOptions>();
  CLI::App* passwd = cmd->add_subcommand("passwd", "Set a user's password and end their sessions");
  AddUserOptions(passwd, *p);
  passwd->add_option("--password", p->password, "New password (at least 8 characters)")->required();
  passwd->callback([p, exit_code] { *exit_code = RunPasswd(*p); });

  auto d = std::make_shared<UserOptions>();
  CLI::App* disable =
      cmd->add_subcommand("disable", "Disable a user (ending their sessions), or enable again");
  AddUserOptions(disable, *d);
  disable->add_flag("--enable", d->enable, "Enable the user instead");
  disable->callback([d, exit_code] { *exit_code = RunDisable(*d); });

  auto l = std::make_shared<UserOptions>();
  CLI::App* list = cmd->add_subcommand(
      "list", "List users: username, role, scope, disabled or active, display name");
  list->add_option("--db", l->db, "Registry database")->required();
  list->add_flag("--json", l->json, "Print the users as JSON");
  list->callback([l, exit_code] { *exit_code = RunList(*l); });
}

}  // namespace xianjie::cli
