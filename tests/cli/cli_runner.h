// Runs the real `xianjie` binary for end-to-end tests of the command line.
#ifndef XIANJIE_TESTS_CLI_CLI_RUNNER_H_
#define XIANJIE_TESTS_CLI_CLI_RUNNER_H_

#include <string>
#include <vector>

#include "support/temp_files.h"

namespace xianjie::testing {

struct CliResult {
  int exit_code = -1;  // -signal if killed
  std::string out;
  std::string err;
};

// Runs XIANJIE_BIN with `args`, waits, and captures stdout and stderr.
CliResult RunCli(const std::vector<std::string>& args);

// Starts XIANJIE_BIN with `args` (stdout and stderr to /dev/null) and returns its pid.
int StartCli(const std::vector<std::string>& args);

// The lines of a file (without terminators), the first (header) kept first and the rest sorted.
std::vector<std::string> SortedLines(const std::string& path);

}  // namespace xianjie::testing

#endif  // XIANJIE_TESTS_CLI_CLI_RUNNER_H_
