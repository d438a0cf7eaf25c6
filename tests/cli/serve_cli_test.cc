// `xianjie serve` end to end: the real binary on port 0 prints its URL, answers over HTTP, and
// on SIGTERM or SIGINT stops accepting, finishes and exits 0.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <regex>
#include <string>
#include <vector>

#include "cli/cli_runner.h"
#include "support/temp_files.h"

namespace xianjie::testing {
namespace {

// A running `xianjie serve` in the directory `cwd` (where it looks for web/dist), its stdout
// read until it says where it listens.
class ServeProcess {
 public:
  ServeProcess(std::vector<std::string> args, const std::string& cwd) {
    int out[2];
    if (::pipe(out) != 0) return;
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      int null = ::open("/dev/null", O_WRONLY);
      ::dup2(null, STDERR_FILENO);
      ::close(out[0]);
      ::close(out[1]);
      if (::chdir(cwd.c_str()) != 0) ::_exit(126);
      std::vector<char*> argv;
      argv.push_back(const_cast<char*>(XIANJIE_BIN));
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(XIANJIE_BIN, argv.data());
      ::_exit(127);
    }
    ::close(out[1]);
    fd_ = out[0];
    ReadUntilListening();
  }
  ~ServeProcess() {
    if (pid_ > 0 && !reaped_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (fd_ >= 0) ::close(fd_);
  }

  int port() const { return port_; }
  const std::string& output() const { return output_; }

  // Sends `sig` and waits up to `seconds` for the exit; the exit code, -signal, or -1000 when
  // it did not exit in time.
  int SignalAndWait(int sig, int seconds) {
    ::kill(pid_, sig);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        reaped_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return -1000;
  }

 private:
  void ReadUntilListening() {
    const std::regex listening(R"(listening on http://127\.0\.0\.1:(\d+)\n)");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    std::smatch m;
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 200) <= 0) continue;
      char buf[4096];
      ssize_t n = ::read(fd_, buf, sizeof buf);
      if (n <= 0) return;  // exited
      output_.append(buf, static_cast<size_t>(n));
      if (std::regex_search(output_, m, listening)) {
        port_ = std::stoi(m[1].str());
        return;
      }
    }
  }

  int pid_ = -1;
  int fd_ = -1;
  bool reaped_ = false;
  int port_ = 0;
  std::string output_;
};

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
