// The subcommands of `xianjie`, one registration function per command (each in its own file).
// Each adds its CLI11 subcommand to `app` and, when chosen, stores its exit code in `*exit_code`.
#ifndef XIANJIE_CLI_COMMANDS_H_
#define XIANJIE_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>

namespace xianjie::cli {

void AddInitCommand(CLI::App& app, int* exit_code);
void AddImportCommand(CLI::App& app, int* exit_code);
void AddHistoryCommand(CLI::App& app, int* exit_code);
void AddExportCommand(CLI::App& app, int* exit_code);
void AddQuarantineCommand(CLI::App& app, int* exit_code);
void AddBatchesCommand(CLI::App& app, int* exit_code);
void AddRegionsCommand(CLI::App& app, int* exit_code);
void AddGenerateCommand(CLI::App& app, int* exit_code);
void AddDemoCommand(CLI::App& app, int* exit_code);
void AddScreenCommand(CLI::App& app, int* exit_code);
void AddExplainCommand(CLI::App& app, int* exit_code);
void AddWhatIfCommand(CLI::App& app, int* exit_code);
void AddStandardCommand(CLI::App& app, int* exit_code);
void AddAuditCommand(CLI::App& app, int* exit_code);
void AddServeCommand(CLI::App& app, int* exit_code);
void AddUserCommand(CLI::App& app, int* exit_code);
void AddCaseCommand(CLI::App& app, int* exit_code);
void AddSourceCommand(CLI::App& app, int* exit_code);
void AddCheckCommand(CLI::App& app, int* exit_code);
void AddFindingCommand(CLI::App& app, int* exit_code);
void AddUploadCommand(CLI::App& app, int* exit_code);
void AddPlanCommand(CLI::App& app, int* exit_code);     // cmd_plan.cc
void AddCatalogCommand(CLI::App& app, int* exit_code);  // cmd_plan.cc
void AddAnalyticsCommand(CLI::App& app, int* exit_code);
void AddAssessmentCommand(CLI::App& app, int* exit_code);  // cmd_assessment.cc
void AddSampleCommand(CLI::App& app, int* exit_code);      // cmd_sample.cc
void AddMigrateStoreCommand(CLI::App& app, int* exit_code);  // cmd_migrate_store.cc
void AddShardCommand(CLI::App& app, int* exit_code);         // cmd_shard.cc

}  // namespace xianjie::cli

#endif  // XIANJIE_CLI_COMMANDS_H_
