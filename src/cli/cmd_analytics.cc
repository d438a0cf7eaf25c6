// `xianjie analytics`: figures of the registry for the county and province (decision 0008).
// `analytics poverty`: FGT P0, P1, P2 and the Gini of a region's persons under the line of the
// monitoring standard in force (issue 7's interface: --json prints one object with persons, p0,
// p1, p2 and gini as fractions).
#include <cstdio>
#include <memory>
#include <string>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/screening_common.h"
#include "service/analytics.h"

namespace xianjie::cli {
namespace {

struct PovertyOptions {
  std::string db;
  std::string province;
  int year = 0;
  std::string region;  // "" = the province
  bool json = false;
};

bool AllDigits(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

// --region: a region code inside --province; the province itself when not given.
Result<std::string> RegionOf(const PovertyOptions& o) {
  if (o.region.empty()) return o.province;
  const size_t n = o.region.size();
  if (!AllDigits(o.region) || !(n == 2 || n == 4 || n == 6 || n == 9 || n == 12)) {
    return InvalidArgument("--region must be a region code of 2, 4, 6, 9 or 12 digits, e.g. " +
                           o.province + "0121 for a county; got '" + o.region + "'");
  }
  if (o.region.compare(0, 2, o.province) != 0) {
    return InvalidArgument("--region " + o.region + " is not in province " + o.province +
                           ": give a region whose code starts with " + o.province +
                           " (list them with: xianjie regions --db DB --within " + o.province +
                           ")");
  }
  return o.region;
}

void PrintReport(const service::PovertyReport& r) {
  const analytics::PovertyMeasures& m = r.measures;
  std::printf("poverty measures of %s %s, %d, under %s (standard %s)\n", r.region.c_str(),
              r.region_name.c_str(), r.year, r.standard_name.c_str(), r.standard_hash.c_str());
  std::printf("  line                %s yuan per person per year\n",
              Money::FromFen(m.line_fen).ToYuanCentsString().c_str());
  std::printf("  households          %s", WithThousands(m.households).c_str());
  if (m.excluded_households > 0) {
    std::printf(" (%s without counted members left out)",
                WithThousands(m.excluded_households).c_str());
  }
  std::printf("\n  persons             %s\n", WithThousands(m.persons).c_str());
  std::printf("  mean income         %s yuan per person\n",
              Money::FromFen(m.mean_income_fen).ToYuanCentsString().c_str());
  std::printf("  below the line      %s persons in %s households; gap %s yuan\n",
              WithThousands(m.poor_persons).c_str(), WithThousands(m.poor_households).c_str(),
              Money::FromFen(m.total_gap_fen).ToYuanCentsString().c_str());
  std::printf("  P0 headcount        %.4f (%.2f%%)\n", m.p0, 100 * m.p0);
  std::printf("  P1 poverty gap      %.4f\n", m.p1);
  std::printf("  P2 severity         %.4f\n", m.p2);
  std::printf("  Gini                %.4f\n", m.gini);
}

int RunPoverty(const PovertyOptions& o) {
  if (Status s = CheckScope(o.province, "", o.year); !s.ok()) return Fail(s);
  auto region = RegionOf(o);
  if (!region.ok()) return Fail(region.status());
  auto db = OpenDatabase(o.db);
  if (!db.ok()) return Fail(db.status());
  store::Database& database = **db;
  auto table = LoadRegionTable(database);
  if (!table.ok()) return Fail(table.status());
  const registry::Region* known = table->Find(*region);
  if (known == nullptr) {
    return Fail(NotFound("region " + *region + " is not in the region table of " + o.db +
                         "; list the regions with: xianjie regions --db " + o.db + " --within " +
                         o.province));
  }
  // The county's own standard when the region lies in a county that has one (DOMAIN.md §4).
  const std::string county = region->size() >= 6 ? region->substr(0, 6) : "";
  auto standard = StandardInForce(&database, o.province, county, o.year);
  if (!standard.ok()) return Fail(standard.status());
  auto snapshot = ReadRegistrySnapshot(database, o.province);
  if (!snapshot.ok()) return Fail(snapshot.status());
  auto report = service::PovertyOfSnapshot(**snapshot, *standard, *region, known->name);
  if (!report.ok()) return Fail(report.status());
  if (o.json) {
    std::printf("%s\n", service::PovertyJson(*report).c_str());
  } else {
    PrintReport(*report);
  }
  return kExitOk;
}

}  // namespace

void AddAnalyticsCommand(CLI::App& app, int* exit_code) {
  CLI::App* cmd = app.add_subcommand(
      "analytics", "Figures of the registry for the county and province: poverty");
  cmd->require_subcommand(1);

  auto o = std::make_shared<PovertyOptions>();
  CLI::App* poverty = cmd->add_subcommand(
      "poverty",
      "FGT P0 (headcount), P1 (gap), P2 (severity) and the Gini of a region's persons, each with "
      "the household's per-capita net income, under the line of the standard in force");
  poverty->add_option("--db", o->db, "Registry database")->required();
  poverty->add_option("--province", o->province, "Province code, e.g. 63")->required();
  poverty->add_option("--year", o->year, "The standard's year, e.g. 2024")->required();
  poverty->add_option("--region", o->region,
                      "A region inside the province: prefecture, county, township or village "
                      "code (default: the province)");
  poverty->add_flag("--json", o->json,
                    "Print one JSON object: persons, p0, p1, p2, gini (fractions), line_fen, "
                    "mean_income_fen ... (money in fen)");
  poverty->callback([o, exit_code] { *exit_code = RunPoverty(*o); });
}

}  // namespace xianjie::cli
