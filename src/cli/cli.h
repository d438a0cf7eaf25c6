// The `xianjie` command line: subcommands over the same services the server uses.
//
// Exit codes (ARCHITECTURE.md §6): 0 success (quarantined rows are not a failure), 1 a user
// error with a one-line reason on stderr, 2 bad usage.
#ifndef XIANJIE_CLI_CLI_H_
#define XIANJIE_CLI_CLI_H_

namespace xianjie::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitUserError = 1;
inline constexpr int kExitUsage = 2;

// Parses argv and runs the chosen subcommand. Never throws for user errors.
int Run(int argc, char** argv);

}  // namespace xianjie::cli

#endif  // XIANJIE_CLI_CLI_H_
