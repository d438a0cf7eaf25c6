// End-to-end tests of `xianjie user`: add, a taken username, a bad role (exit 1 listing the
// roles), a scope that does not fit the role, passwd, disable and enable, list (text and JSON),
// bad usage (exit 2), and the audit entries under the operating-system user.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_runner.h"

namespace xianjie::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using Json = nlohmann::json;

struct Db {
  TempDir dir;
  std::string path = dir / "x.db";

  Db() {
    ::setenv("USER", "管理员", 1);  // cli::CurrentUser() of the commands run
    CliResult r = RunCli({"init", "--db", path});
    EXPECT_EQ(r.exit_code, 0) << r.err;
  }

  CliResult Add(const std::string& user, const std::string& role, const std::string& scope,
                const std::string& password = "password-1") {
    return RunCli({"user", "add", "--db", path, "--username", user, "--password", password,
                   "--role", role, "--scope", scope, "--name", "张三"});
  }

  Json List() {
    CliResult r = RunCli({"user", "list", "--db", path, "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Json::parse(r.out);
  }

  Json Audit() {
    CliResult r = RunCli({"audit", "list", "--db", path, "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Json::parse(r.out);
  }
};

TEST(UserCliTest, AddCreatesTheUser) {
  Db db;
  CliResult r = db.Add("zhang", "village", "630121100201");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Json users = db.List();
  ASSERT_EQ(users.size(), 1u);
  EXPECT_EQ(users[0]["username"], "zhang");
  EXPECT_EQ(users[0]["role"], "village");
  EXPECT_EQ(users[0]["scope"], "630121100201");
  EXPECT_EQ(users[0]["display_name"], "张三");
  EXPECT_EQ(users[0]["disabled"], false);
  EXPECT_EQ(users[0]["created_at"].get<std::string>().size(), 20u);
  EXPECT_FALSE(users[0].contains("password_hash"));
}

TEST(UserCliTest, AddIsAuditedUnderTheOsUser) {
  Db db;
  ASSERT_EQ(db.Add("zhang", "county", "630121").exit_code, 0);
  Json audit = db.Audit();
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0]["user"], "管理员");
  EXPECT_EQ(audit[0]["action"], "user.add");
  EXPECT_EQ(audit[0]["subject"], "zhang");
}

TEST(UserCliTest, ADuplicateAddExits1) {
  Db db;
  ASSERT_EQ(db.Add("zhang", "county", "630121").exit_code, 0);
  CliResult r = db.Add("zhang", "province", "63");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("already exists"));
  EXPECT_EQ(db.List()[0]["role"], "county");
}

TEST(UserCliTest, ABadRoleExits1ListingTheRoles) {
  Db db;
  CliResult r = db.Add("zhang", "mayor", "630121");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, StartsWith("error: "));
  EXPECT_THAT(r.err, HasSubstr("admin, province, prefecture, county, township, village, "
                               "department, auditor"));
  EXPECT_TRUE(db.List().empty());
}

TEST(UserCliTest, AScopeThatDoesNotFitTheRoleExits1) {
  Db db;
  CliResult r = db.Add("zhang", "village", "630121");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("630121"));
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_TRUE(db.List().empty());
}

TEST(UserCliTest, AShortPasswordExits1) {
  Db db;
  CliResult r = db.Add("zhang", "county", "630121", "short");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("at least 8"));
}

TEST(UserCliTest, AMissingOptionIsBadUsage) {
  Db db;
  CliResult r = RunCli({"user", "add", "--db", db.path, "--username", "zhang"});
  EXPECT_EQ(r.exit_code, 2);
}

TEST(UserCliTest, PasswdChangesThePasswordAndIsAudited) {
  Db db;
  ASSERT_EQ(db.Add("zhang", "county", "630121").exit_code, 0);
  CliResult r = RunCli(
      {"user", "passwd", "--db", db.path, "--username", "zhang", "--password", "new-pass-2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Json audit = db.Audit();
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[1]["action"], "user.password");
  EXPECT_EQ(audit[1]["subject"], "zhang");
}

TEST(UserCliTest, PasswdOfAnUnknownUserExits1) {
  Db db;
  CliResult r = RunCli(
      {"user", "passwd", "--db", db.path, "--username", "nobody", "--password", "new-pass-2"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("nobody"));
}

TEST(UserCliTest, DisableAndEnable) {
  Db db;
  ASSERT_EQ(db.Add("zhang", "county", "630121").exit_code, 0);
  CliResult off = RunCli({"user", "disable", "--db", db.path, "--username", "zhang"});
  ASSERT_EQ(off.exit_code, 0) << off.err;
  EXPECT_EQ(db.List()[0]["disabled"], true);
  CliResult on = RunCli({"user", "disable", "--db", db.path, "--username", "zhang", "--enable"});
  ASSERT_EQ(on.exit_code, 0) << on.err;
  EXPECT_EQ(db.List()[0]["disabled"], false);
  Json audit = db.Audit();
  ASSERT_EQ(audit.size(), 3u);
  EXPECT_EQ(audit[1]["action"], "user.disable");
  EXPECT_EQ(audit[2]["action"], "user.enable");
}

TEST(UserCliTest, ListPrintsOneUserPerLineUsernameFirst) {
  Db db;
  ASSERT_EQ(db.Add("zhang", "village", "630121100201").exit_code, 0);
  ASSERT_EQ(db.Add("li", "auditor", "63").exit_code, 0);
  ASSERT_EQ(RunCli({"user", "disable", "--db", db.path, "--username", "li"}).exit_code, 0);
  CliResult r = RunCli({"user", "list", "--db", db.path});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string first, second, extra;
  std::getline(lines, first);
  std::getline(lines, second);
  EXPECT_FALSE(std::getline(lines, extra));
  std::istringstream a(first), b(second);
  std::vector<std::string> fa{std::istream_iterator<std::string>(a), {}};
  std::vector<std::string> fb{std::istream_iterator<std::string>(b), {}};
  EXPECT_EQ(fa, (std::vector<std::string>{"li", "auditor", "63", "disabled", "张三"}));
  EXPECT_EQ(fb, (std::vector<std::string>{"zhang", "village", "630121100201", "active", "张三"}));
}

TEST(UserCliTest, ListOfAMissingDatabaseExits1) {
  TempDir dir;
  CliResult r = RunCli({"user", "list", "--db", dir / "none.db"});
  EXPECT_EQ(r.exit_code, 1);
}

}  // namespace
}  // namespace xianjie::testing
