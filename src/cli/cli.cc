// Top-level parsing and dispatch of `xianjie`.
#include "cli/cli.h"

#include <CLI/CLI.hpp>

#include "cli/commands.h"

namespace xianjie::cli {

int Run(int argc, char** argv) {
  CLI::App app{
      "xianjie (衔接): dynamic monitoring and assistance to prevent rural households from "
      "falling into poverty"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "xianjie 0.1.0");
  int exit_code = kExitOk;
  AddInitCommand(app, &exit_code);
  AddImportCommand(app, &exit_code);
  AddHistoryCommand(app, &exit_code);
  AddExportCommand(app, &exit_code);
  AddQuarantineCommand(app, &exit_code);
  AddBatchesCommand(app, &exit_code);
  AddRegionsCommand(app, &exit_code);
  AddStandardCommand(app, &exit_code);
  AddGenerateCommand(app, &exit_code);
  AddDemoCommand(app, &exit_code);
  AddScreenCommand(app, &exit_code);
  AddExplainCommand(app, &exit_code);
  AddWhatIfCommand(app, &exit_code);
  AddAuditCommand(app, &exit_code);
  AddServeCommand(app, &exit_code);
  AddUserCommand(app, &exit_code);
  AddCaseCommand(app, &exit_code);
  AddSourceCommand(app, &exit_code);
  AddCheckCommand(app, &exit_code);
  AddFindingCommand(app, &exit_code);
  AddUploadCommand(app, &exit_code);
  AddPlanCommand(app, &exit_code);
  AddCatalogCommand(app, &exit_code);
  AddAnalyticsCommand(app, &exit_code);
  AddAssessmentCommand(app, &exit_code);
  AddSampleCommand(app, &exit_code);
  AddMigrateStoreCommand(app, &exit_code);
  AddShardCommand(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);  // prints help, the version or the usage error
    return rc == 0 ? kExitOk : kExitUsage;
  }
  return exit_code;
}

}  // namespace xianjie::cli
