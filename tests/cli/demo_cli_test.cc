// End-to-end test of `xianjie demo`: it builds a screened registry and one user per role whose
// printed passwords open a session, each scoped to the demo household's region.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "access/accounts.h"
#include "cli/cli_runner.h"
#include "store/open.h"

namespace xianjie::testing {
namespace {

using ::testing::HasSubstr;

struct DemoUser {
  std::string password, role, scope;
};

std::map<std::string, DemoUser> ReadUsers(const std::string& path) {
  std::map<std::string, DemoUser> users;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string name;
    DemoUser u;
    fields >> name >> u.password >> u.role >> u.scope;
    users[name] = u;
  }
  return users;
}

TEST(DemoCliTest, CreatesAScreenedRegistryAndOneWorkingUserPerRole) {
  TempDir dir;
  CliResult r = RunCli({"demo", "--dir", dir / "demo", "--households", "300"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("5/5 creating one demo user per role"));

  const std::string users_file = dir / "demo/users.txt";
  EXPECT_EQ(std::filesystem::status(users_file).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  std::map<std::string, DemoUser> users = ReadUsers(users_file);
  ASSERT_EQ(users.size(), 8u);
  const std::string village = users.at("village").scope;
  ASSERT_EQ(village.size(), 12u);
  EXPECT_EQ(users.at("township").scope, village.substr(0, 9));
  EXPECT_EQ(users.at("county").scope, village.substr(0, 6));
  EXPECT_EQ(users.at("prefecture").scope, village.substr(0, 4));
  EXPECT_EQ(users.at("province").scope, "63");

  auto db = store::OpenStore(dir / "demo/xianjie.db", store::OpenMode::kExisting);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  ASSERT_TRUE((*db)->LatestRun("63", "", 2024).value().has_value());
  access::Accounts accounts(**db, **db);
  for (const auto& [name, u] : users) {
    EXPECT_THAT(r.out, HasSubstr(u.password)) << name;  // printed at start
    auto login = accounts.Login(name, u.password, "127.0.0.1", "test");
    ASSERT_TRUE(login.ok()) << name << ": " << login.status().ToString();
    EXPECT_EQ(access::RoleName(login->principal.role), u.role);
    EXPECT_EQ(login->principal.scope, u.scope);
  }
}

}  // namespace
}  // namespace xianjie::testing
