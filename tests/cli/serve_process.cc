#include "cli/serve_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <regex>
#include <thread>

namespace xianjie::testing {

ServeProcess::ServeProcess(std::vector<std::string> args, const std::string& cwd) {
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

ServeProcess::~ServeProcess() {
  if (pid_ > 0 && !reaped_) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  if (fd_ >= 0) ::close(fd_);
}

int ServeProcess::SignalAndWait(int sig, int seconds) {
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

void ServeProcess::ReadUntilListening() {
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

}  // namespace xianjie::testing
