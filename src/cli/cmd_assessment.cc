// `xianjie assessment scorecards`: the scorecards of a province's or prefecture's counties, or of
// a county's townships, for a year (DOMAIN.md §10; decision 0008, service/assessment.h), read
// over the registry as a province officer of the region's province: total out of 100, ranks and
// trend per unit as a table, or --json as the API answers.
#include <cstdio>
#include <memory>
#include <string>

#include "cases/case.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "service/assessment.h"
#include "service/workspace.h"

namespace xianjie::cli {
namespace {

struct ScorecardOptions {
  std::string db;
  int year = 0;
  std::string region;  // "" = the registry's one province
  bool json = false;
};

// --region, else the one province of the region table.
Result<std::string> RegionOf(store::Database& db, const std::string& region) {
  if (!region.empty()) return region;
  XJ_ASSIGN_OR_RETURN(registry::RegionTable table, LoadRegionTable(db));
  std::string province;
  for (const registry::Region& r : table.all()) {
    if (r.level() != RegionLevel::kProvince) continue;
    if (!province.empty()) {
      return InvalidArgument("the registry holds more than one province; name one with --region");
    }
    province = r.code.Prefix();
  }
  if (province.empty()) return FailedPrecondition("the registry's region table has no province");
  return province;
}

std::string Total(const std::optional<double>& total) {
  if (!total) return "-";
  char text[16];
  std::snprintf(text, sizeof text, "%.1f", *total);
  return text;
}

std::string RankText(const analytics::Rank& r) {
  return r.rank == 0 ? "-" : std::to_string(r.rank) + "/" + std::to_string(r.of);
}

void PrintScorecards(const service::ScorecardSet& set) {
  const std::string settings =
      set.settings_version == 0 ? "built in" : "version " + std::to_string(set.settings_version);
  std::printf("Scorecards of the %ss of %s %s, %d (as of %s; settings %s)\n",
              set.unit_level.c_str(), set.region.c_str(), set.region_name.c_str(), set.year,
              set.as_of.ToString().c_str(), settings.c_str());
  if (set.region_card) {
    const analytics::Scorecard& c = *set.region_card;
    std::printf("The county itself: total %s, rank %s in the prefecture and %s in the province\n",
                Total(c.total).c_str(), RankText(c.rank_parent).c_str(),
                RankText(c.rank_province).c_str());
  }
  std::printf("%-10s %s %7s %9s %9s", "code", PadRight("name", 20).c_str(), "total",
              set.unit_level == "county" ? "in pref." : "in county", "in prov.");
  for (int y = set.year - 2; y <= set.year; ++y) std::printf(" %7d", y);
  std::printf("\n");
  for (size_t i = 0; i < set.cards.size(); ++i) {
    const analytics::Scorecard& c = set.cards[i];
    std::printf("%-10s %s %7s %9s %9s", c.region.c_str(), PadRight(set.names[i], 20).c_str(),
                Total(c.total).c_str(), RankText(c.rank_parent).c_str(),
                RankText(c.rank_province).c_str());
    for (int y = set.year - 2; y <= set.year; ++y) {
      std::optional<double> total;
      for (const analytics::TrendPoint& p : c.trend) {
        if (p.year == y) total = p.total;
      }
      std::printf(" %7s", Total(total).c_str());
    }
    std::printf("\n");
  }
  std::printf(
      "total: out of 100, the weights of KPIs not assessed (nothing to measure, no "
      "verification sample)\nshared out over the assessed ones; ranks among the units "
      "with a total; --json for every KPI\n");
}

int RunScorecards(const ScorecardOptions& o) {
  auto db = OpenDatabase(o.db);
  if (!db.ok()) return Fail(db.status());
  auto region = RegionOf(**db, o.region);
  if (!region.ok()) return Fail(region.status());
  service::Workspace ws(**db);
  if (Status s = ws.Refresh(); !s.ok()) return Fail(s);
  const access::Principal principal{CurrentUser(), access::Role::kProvince, region->substr(0, 2)};
  auto set = service::Scorecards(ws, principal, *region, o.year);
  if (!set.ok()) return Fail(set.status());
  if (o.json) {
    std::printf("%s\n", service::ScorecardsJson(*set).c_str());
  } else {
    PrintScorecards(*set);
  }
  return kExitOk;
}

}  // namespace

void AddAssessmentCommand(CLI::App& app, int* exit_code) {
  CLI::App* cmd = app.add_subcommand(
      "assessment", "The yearly assessment of counties and townships (DOMAIN.md §10): scorecards");
  cmd->require_subcommand(1);
  auto o = std::make_shared<ScorecardOptions>();
  CLI::App* scorecards = cmd->add_subcommand(
      "scorecards",
      "The KPIs, scores, total out of 100, ranks and trend of each county of a province or "
      "prefecture, or of each township of a county, with the province's weights and targets");
  scorecards->add_option("--db", o->db, "Registry database")->required();
  scorecards->add_option("--year", o->year, "The year assessed, e.g. 2026")->required();
  scorecards->add_option("--region", o->region,
                         "A province, prefecture or county code (default: the province); a "
                         "township or village gives its township's card");
  scorecards->add_flag("--json", o->json, "Print one JSON object, as the API answers");
  scorecards->callback([o, exit_code] { *exit_code = RunScorecards(*o); });
}

}  // namespace xianjie::cli
