// A running `xianjie serve` started by a test: the real binary, its stdout read until it says
// where it listens.
#ifndef XIANJIE_TESTS_CLI_SERVE_PROCESS_H_
#define XIANJIE_TESTS_CLI_SERVE_PROCESS_H_

#include <string>
#include <vector>

namespace xianjie::testing {

class ServeProcess {
 public:
  // Starts XIANJIE_BIN with `args` in the directory `cwd` (where it looks for web/dist), stderr
  // to /dev/null, and waits up to two minutes for "listening on http://127.0.0.1:PORT".
  ServeProcess(std::vector<std::string> args, const std::string& cwd);
  // Kills it (SIGKILL) if it still runs.
  ~ServeProcess();
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  // 0 if it never said where it listens (see output()).
  int port() const { return port_; }
  const std::string& output() const { return output_; }

  // Sends `sig` and waits up to `seconds` for the exit; the exit code, -signal, or -1000 when
  // it did not exit in time.
  int SignalAndWait(int sig, int seconds);

 private:
  void ReadUntilListening();

  int pid_ = -1;
  int fd_ = -1;
  bool reaped_ = false;
  int port_ = 0;
  std::string output_;
};

}  // namespace xianjie::testing

#endif  // XIANJIE_TESTS_CLI_SERVE_PROCESS_H_
