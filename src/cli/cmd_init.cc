// `xianjie init`: creates (or upgrades) a registry and loads the region table.
#include <cstdio>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "store/open.h"

namespace xianjie::cli {
namespace {

struct InitOptions {
  std::string db;
  std::string regions_file;
};

int RunInit(const InitOptions& o) {
  auto table = ReadRegionFile(o.regions_file);
  if (!table.ok()) return Fail(table.status());
  if (table->size() == 0) return Fail(InvalidArgument("the region table is empty"));
  auto store = store::OpenStore(o.db, store::OpenMode::kCreate);
  if (!store.ok()) return Fail(store.status());
  if (Status s = (*store)->ReplaceRegions(table->all()); !s.ok()) return Fail(s);
  std::printf("initialized %s with %zu regions:", store::DisplayName(o.db).c_str(), table->size());
  const char* sep = " ";
  for (int l = 1; l <= 5; ++l) {
    auto level = static_cast<RegionLevel>(l);
    size_t n = 0;
    for (const auto& r : table->all()) n += r.level() == level ? 1 : 0;
    std::printf("%s%zu %s", sep, n, std::string(RegionLevelName(level)).c_str());
    sep = ", ";
  }
  std::printf("\n");
  return kExitOk;
}

}  // namespace

void AddInitCommand(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<InitOptions>();
  CLI::App* cmd = app.add_subcommand(
      "init", "Create a registry database (or upgrade an existing one) and load the regions");
  cmd->add_option("--db", o->db, "SQLite database file to create")->required();
  cmd->add_option("--regions", o->regions_file,
                  "Region table CSV (code,name,level,parent_code); default: the built-in "
                  "Qinghai table (NBS 2023 codes)");
  cmd->callback([o, exit_code] { *exit_code = RunInit(*o); });
}

}  // namespace xianjie::cli
