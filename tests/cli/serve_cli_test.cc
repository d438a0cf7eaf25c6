// `xianjie serve` end to end: the real binary on port 0 prints its URL, answers over HTTP, and
// on SIGTERM or SIGINT stops accepting, finishes and exits 0.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>

#include <string>
#include <vector>

#include "cli/cli_runner.h"
#include "cli/serve_process.h"
#include "support/temp_files.h"

namespace xianjie::testing {
namespace {

class ServeCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_ / "x.db";
    ASSERT_EQ(RunCli({"init", "--db", db_}).exit_code, 0);
    CliResult added = RunCli({"user", "add", "--db", db_, "--username", "zhang", "--password",
                              "zhang-password", "--role", "county", "--scope", "630102"});
    ASSERT_EQ(added.exit_code, 0) << added.err;
  }
  TempDir dir_;
  std::string db_;
};

TEST_F(ServeCliTest, PrintsTheUrlAnswersAndExitsZeroOnSigterm) {
  ServeProcess serve({"serve", "--db", db_, "--listen", "127.0.0.1:0", "--access-log", ""},
                     dir_.path());
  ASSERT_GT(serve.port(), 0) << serve.output();
  EXPECT_NE(serve.output().find("loaded 0 households"), std::string::npos) << serve.output();
  httplib::Client client("127.0.0.1", serve.port());
  auto health = client.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  auto login = client.Post("/api/v1/login",
                           R"({"username":"zhang","password":"zhang-password"})",
                           "application/json");
  ASSERT_TRUE(login);
  EXPECT_EQ(login->status, 200) << login->body;
  EXPECT_EQ(serve.SignalAndWait(SIGTERM, 30), 0);
}

TEST_F(ServeCliTest, ExitsZeroOnSigint) {
  ServeProcess serve({"serve", "--db", db_, "--listen", "127.0.0.1:0", "--access-log", ""},
                     dir_.path());
  ASSERT_GT(serve.port(), 0) << serve.output();
  EXPECT_EQ(serve.SignalAndWait(SIGINT, 30), 0);
}

TEST_F(ServeCliTest, WithoutAWebDirectoryRootSaysHowToBuildTheUi) {
  ServeProcess serve({"serve", "--db", db_, "--listen", "127.0.0.1:0", "--access-log", ""},
                     dir_.path());
  ASSERT_GT(serve.port(), 0) << serve.output();
  auto res = httplib::Client("127.0.0.1", serve.port()).Get("/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("npm run build"), std::string::npos);
}

TEST_F(ServeCliTest, ServesTheWebDirectoryGiven) {
  WriteFile(dir_ / "index.html", "<!doctype html><title>built</title>");
  ServeProcess serve({"serve", "--db", db_, "--listen", "127.0.0.1:0", "--access-log", "",
                      "--web", dir_.path()},
                     dir_.path());
  ASSERT_GT(serve.port(), 0) << serve.output();
  auto res = httplib::Client("127.0.0.1", serve.port()).Get("/villages");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body, "<!doctype html><title>built</title>");
}

TEST_F(ServeCliTest, BadListenAddressIsAUserError) {
  CliResult r = RunCli({"serve", "--db", db_, "--listen", "8080"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("HOST:PORT"), std::string::npos) << r.err;
}

TEST_F(ServeCliTest, MaxActiveOutOfRangeIsAUsageError) {
  for (const char* value : {"-1", "257", "many"}) {
    CliResult r = RunCli({"serve", "--db", db_, "--max-active", value});
    EXPECT_EQ(r.exit_code, 2) << value;
    EXPECT_NE(r.err.find("--max-active"), std::string::npos) << r.err;
  }
}

TEST_F(ServeCliTest, AShiftedClockIsAnnounced) {
  ServeProcess serve({"serve", "--db", db_, "--listen", "127.0.0.1:0", "--access-log", "",
                      "--now-offset-days", "6"},
                     dir_.path());
  ASSERT_GT(serve.port(), 0) << serve.output();
  EXPECT_NE(serve.output().find("6 days ahead"), std::string::npos) << serve.output();
  EXPECT_EQ(serve.SignalAndWait(SIGTERM, 30), 0);
  CliResult r = RunCli({"serve", "--db", db_, "--now-offset-days", "5000"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--now-offset-days"), std::string::npos) << r.err;
}

TEST_F(ServeCliTest, MissingDatabaseIsAUserError) {
  CliResult r = RunCli({"serve", "--db", dir_ / "missing.db", "--listen", "127.0.0.1:0"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("xianjie init"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace xianjie::testing
