// `xianjie analytics`: figures of the registry for the county and province (decision 0008).
// `analytics poverty`: FGT P0, P1, P2 and the Gini of a region's persons under the line of the
// monitoring standard in force (issue 7's interface: --json prints one object with persons, p0,
// p1, p2 and gini as fractions). `analytics overview`: a region's figures from the village table
// (monitoring objects, new and eliminated, coverage, timeliness, relapses, warnings, guarantees)
// with a row per child area, read as a province officer of --province (service/analytics.h).
#include <array>
#include <cstdio>
#include <memory>
#include <string>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/screening_common.h"
#include "service/analytics.h"
#include "service/workspace.h"

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
    return Fail(NotFound("region " + *region + " is not in the region table of " +
                         store::DisplayName(o.db) +
                         "; list the regions with: xianjie regions --db " +
                         store::DisplayName(o.db) + " --within " + o.province));
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

// --- overview

std::string Percent(int64_t numerator, int64_t denominator) {
  if (denominator == 0) return "-";
  char text[16];
  std::snprintf(text, sizeof text, "%.1f%%",
                100.0 * static_cast<double>(numerator) / static_cast<double>(denominator));
  return text;
}

int64_t YearSum(const std::array<int64_t, analytics::kMonthCount>& months) {
  int64_t sum = 0;
  for (int64_t n : months) sum += n;
  return sum;
}

void PrintOverviewRow(const std::string& code, const std::string& name,
                      const analytics::VillageFigures& f) {
  std::printf(
      "%-13s %s %9lld %8lld %6lld %6lld %9s %8lld %9s %8lld %8s\n", code.c_str(),
      PadRight(name, 20).c_str(), static_cast<long long>(f.households),
      static_cast<long long>(f.objects), static_cast<long long>(YearSum(f.identified_by_month)),
      static_cast<long long>(YearSum(f.eliminated_by_month)),
      Percent(f.objects_with_measure, f.objects).c_str(), static_cast<long long>(f.approved),
      Percent(f.approved_within_limit, f.approved).c_str(), static_cast<long long>(f.relapses),
      Percent(f.warnings_answered, f.warnings).c_str());
}

void PrintOverview(const service::Overview& o) {
  const analytics::VillageFigures& f = o.figures;
  std::printf("Overview of %s %s (%s), %d as of %s\n", o.region.c_str(), o.region_name.c_str(),
              o.region_level.c_str(), o.year, o.as_of.ToString().c_str());
  std::printf(
      "  monitoring objects  %s households, %s persons (unstable lifted %s, marginal %s, "
      "sudden hardship %s)\n",
      WithThousands(f.objects).c_str(), WithThousands(f.object_persons).c_str(),
      WithThousands(f.objects_by_type[0]).c_str(), WithThousands(f.objects_by_type[1]).c_str(),
      WithThousands(f.objects_by_type[2]).c_str());
  std::printf("  ever monitored      %s households, of them eliminated %s (%s)\n",
              WithThousands(f.cumulative_objects).c_str(),
              WithThousands(f.eliminated_objects).c_str(),
              Percent(f.eliminated_objects, f.cumulative_objects).c_str());
  std::printf("  days lead→approval ");
  for (size_t b = 0; b < analytics::kDayBucketCount; ++b) {
    std::printf(" %s: %lld", std::string(analytics::DayBucketLabel(b)).c_str(),
                static_cast<long long>(f.approval_days[b]));
  }
  std::printf(
      "\n  guarantees          dropouts %s, uninsured %s, unsafe houses %s, unsafe water %s\n",
      WithThousands(f.dropouts).c_str(), WithThousands(f.uninsured).c_str(),
      WithThousands(f.unsafe_houses).c_str(), WithThousands(f.unsafe_water).c_str());
  std::printf("%-13s %s %9s %8s %6s %6s %9s %8s %9s %8s %8s\n", "area",
              PadRight("name", 20).c_str(), "households", "objects", "new", "elim.", "covered",
              "approved", "in time", "relapses", "warnings");
  for (const service::OverviewArea& a : o.areas) PrintOverviewRow(a.code, a.name, a.figures);
  PrintOverviewRow("total", "", f);
  std::printf(
      "new, elim.: identified and eliminated in the year; covered: open objects with a "
      "counted measure;\nin time: approved within the overall limit; warnings: "
      "department warnings answered in time\n");
}

int RunOverview(const PovertyOptions& o) {
  if (Status s = CheckScope(o.province, "", o.year); !s.ok()) return Fail(s);
  auto region = RegionOf(o);
  if (!region.ok()) return Fail(region.status());
  auto db = OpenDatabase(o.db);
  if (!db.ok()) return Fail(db.status());
  service::Workspace ws(**db);
  if (Status s = ws.Refresh(); !s.ok()) return Fail(s);
  const access::Principal principal{CurrentUser(), access::Role::kProvince, o.province};
  auto overview = service::AnalyticsOverview(ws, principal, *region, o.year);
  if (!overview.ok()) return Fail(overview.status());
  if (o.json) {
    std::printf("%s\n", service::OverviewJson(*overview).c_str());
  } else {
    PrintOverview(*overview);
  }
  return kExitOk;
}

}  // namespace

void AddAnalyticsCommand(CLI::App& app, int* exit_code) {
  CLI::App* cmd = app.add_subcommand(
      "analytics", "Figures of the registry for the county and province: poverty, overview");
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

  auto ov = std::make_shared<PovertyOptions>();
  CLI::App* overview = cmd->add_subcommand(
      "overview",
      "A region's monitoring objects by type and risk, new and eliminated per month, measures and "
      "coverage, days from lead to approval, relapses, warnings and guarantee gaps, with a row "
      "per child area (the current year as of today, an earlier one as of its last day)");
  overview->add_option("--db", ov->db, "Registry database")->required();
  overview->add_option("--province", ov->province, "Province code, e.g. 63")->required();
  overview->add_option("--year", ov->year, "The year, e.g. 2026")->required();
  overview->add_option("--region", ov->region,
                       "A region inside the province: prefecture, county, township or village "
                       "code (default: the province)");
  overview->add_flag("--json", ov->json, "Print one JSON object, as the API answers");
  overview->callback([ov, exit_code] { *exit_code = RunOverview(*ov); });
}

}  // namespace xianjie::cli
