// `xianjie regions`: look up region codes and names in a registry's region table.
#include <cstdio>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace xianjie::cli {
namespace {

struct RegionsOptions {
  std::string db;
  std::string within = "63";
  std::string level;
};

int RunRegions(const RegionsOptions& o) {
  auto scope = RegionCode::Parse(o.within);
  if (!scope.ok()) return Fail(InvalidArgument("--within: " + scope.status().message()));
  auto store = OpenDatabase(o.db);
  if (!store.ok()) return Fail(store.status());
  auto table = LoadRegionTable(**store);
  if (!table.ok()) return Fail(table.status());
  if (table->Find(*scope) == nullptr) {
    return Fail(NotFound("region " + o.within + " is not in the region table of " +
                         store::DisplayName(o.db)));
  }
  std::span<const registry::Region> regions;
  if (o.level.empty()) {
    regions = table->Children(*scope);
  } else {
    int l = 1;
    while (l <= 5 && RegionLevelName(static_cast<RegionLevel>(l)) != o.level) ++l;
    if (l > 5) {
      return Fail(
          InvalidArgument("--level must be province, prefecture, county, township or "
                          "village, not '" +
                          o.level + "'"));
    }
    regions = table->Within(*scope, static_cast<RegionLevel>(l));
  }
  std::printf("%s\n", table->FullName(*scope).c_str());
  for (const registry::Region& r : regions) {
    std::printf("  %s  %-10s  %s\n", r.code.Prefix().c_str(),
                std::string(RegionLevelName(r.level())).c_str(), r.name.c_str());
  }
  std::printf("%zu regions\n", regions.size());
  return kExitOk;
}

}  // namespace

void AddRegionsCommand(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<RegionsOptions>();
  CLI::App* cmd = app.add_subcommand(
      "regions", "List regions: the children of a region, or all of one level within it");
  cmd->add_option("--db", o->db, "Registry database")->required();
  cmd->add_option("--within", o->within, "Region code or prefix (default: 63, Qinghai)");
  cmd->add_option("--level", o->level,
                  "List every region of this level within --within (e.g. village)");
  cmd->callback([o, exit_code] { *exit_code = RunRegions(*o); });
}

}  // namespace xianjie::cli
