// The composition root of the `xianjie` binary: runs the command line, and turns an escaped
// exception (always a bug) into a clear message and exit code instead of a crash.
#include <cstdio>
#include <exception>

#include "cli/cli.h"

int main(int argc, char** argv) {
  try {
    return xianjie::cli::Run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "internal error (a bug; please report it): %s\n", e.what());
    return 70;
  }
}
