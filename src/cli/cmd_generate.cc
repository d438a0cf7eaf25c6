// `xianjie generate` and `xianjie demo`: synthetic Qinghai registries for trying and testing.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "demo/generator.h"
#include "cli/screening_common.h"
#include "ingest/importer.h"
#include "rules/screening_run.h"
#include "store/open.h"

namespace xianjie::cli {
namespace {

struct GenerateOptions {
  int64_t households = 0;
  uint64_t seed = 1;
  double corrupt_rate = 0.0;
  std::string out;
};

int RunGenerate(const GenerateOptions& o) {
  demo::GeneratorOptions g;
  g.households = o.households;
  g.seed = o.seed;
  g.corrupt_rate = o.corrupt_rate;
  auto stats = demo::GenerateToDirectory(g, registry::RegionTable::BuiltIn(), o.out);
  if (!stats.ok()) return Fail(stats.status());
  std::printf("wrote %s households and %s members to %s/households.csv and members.csv\n",
              WithThousands(stats->households).c_str(), WithThousands(stats->members).c_str(),
              o.out.c_str());
  int64_t corrupted = 0;
  for (const auto& [kind, n] : stats->corrupted) corrupted += n;
  if (corrupted > 0) {
    std::printf("corrupted %s rows on purpose:", WithThousands(corrupted).c_str());
    for (const auto& [kind, n] : stats->corrupted)
      std::printf(" %s %lld;", kind.c_str(), static_cast<long long>(n));
    std::printf("\n");
  }
  return kExitOk;
}

struct DemoOptions {
  std::string dir = "demo";
  int64_t households = 20000;
  uint64_t seed = 2024;
};

// A short picture of the registry: households and people per prefecture, income levels.
// Returns the first household id, for the hints that follow.
Result<std::string> PrintSummary(registry::Store& store, const registry::RegionTable& regions) {
  struct Row {
    int64_t households = 0, members = 0, lifted = 0;
  };
  std::map<RegionCode, Row> by_prefecture;
  std::vector<int64_t> per_capita_fen;
  std::string sample_household;
  XJ_RETURN_IF_ERROR(store.ScanCurrent([&](const registry::HouseholdVersion& v) -> Status {
    const auto& h = v.record.household;
    if (sample_household.empty()) sample_household = h.household_id;
    Row& row = by_prefecture[h.village_code.Ancestor(RegionLevel::kPrefecture)];
    ++row.households;
    row.members += static_cast<int64_t>(v.record.members.size());
    row.lifted += h.status == registry::HouseholdStatus::kLifted ? 1 : 0;
    int counted = registry::CountedMembers(v.record);
    if (counted > 0) per_capita_fen.push_back(registry::NetIncome(h).fen() / counted);
    return Status::Ok();
  }));
  std::printf("\n%s %10s %10s %8s\n", PadRight("prefecture", 34).c_str(), "households", "members",
              "lifted");
  Row total;
  for (const auto& [code, row] : by_prefecture) {
    const registry::Region* r = regions.Find(code);
    std::printf("%s %10s %10s %7.1f%%\n",
                PadRight(r != nullptr ? r->name : code.Prefix(), 34).c_str(),
                WithThousands(row.households).c_str(), WithThousands(row.members).c_str(),
                100.0 * static_cast<double>(row.lifted) / static_cast<double>(row.households));
    total.households += row.households;
    total.members += row.members;
    total.lifted += row.lifted;
  }
  std::printf("%s %10s %10s %7.1f%%\n", PadRight("青海省 total", 34).c_str(),
              WithThousands(total.households).c_str(), WithThousands(total.members).c_str(),
              total.households > 0 ? 100.0 * static_cast<double>(total.lifted) /
                                         static_cast<double>(total.households)
                                   : 0.0);
  if (!per_capita_fen.empty()) {
    std::sort(per_capita_fen.begin(), per_capita_fen.end());
    auto pct = [&](double p) {
      return Money::FromFen(per_capita_fen[static_cast<size_t>(
                                p * static_cast<double>(per_capita_fen.size() - 1))])
          .ToYuanString();
    };
    std::printf("per-capita net income (yuan): p10 %s, median %s, p90 %s\n", pct(0.1).c_str(),
                pct(0.5).c_str(), pct(0.9).c_str());
  }
  return sample_household;
}

// Step 4 of the demo: screens the registry under Qinghai's 2024 standard (the demo's facts are
// as of 2024-09-01) and stores the run, so that the warnings are there to look at. Returns a
// flagged household to explain.
Result<std::string> ScreenDemo(store::Database& database) {
  std::printf("\n4/4 screening under the 2024 standard\n");
  XJ_ASSIGN_OR_RETURN(rules::Standard standard, StandardInForce(&database, "63", "", 2024));
  XJ_ASSIGN_OR_RETURN(auto compiled, CompileStandard(standard));
  XJ_ASSIGN_OR_RETURN(int64_t batch, database.LastCommittedBatch());
  XJ_ASSIGN_OR_RETURN(auto snapshot, ReadRegistrySnapshot(database, "63"));
  rules::ScreeningRequest request;
  request.user = CurrentUser();
  XJ_ASSIGN_OR_RETURN(rules::ScreeningRunResult run,
                      rules::RunScreening(database, database, *snapshot, batch, *compiled, request));
  const rules::ScreeningTotals& t = run.totals;
  std::printf("run %lld: %s of %s households flagged (%.1f%%)\n",
              static_cast<long long>(run.run.run_id), WithThousands(t.flagged).c_str(),
              WithThousands(t.screened).c_str(),
              t.screened > 0 ? 100.0 * static_cast<double>(t.flagged) / static_cast<double>(t.screened)
                             : 0.0);
  for (size_t i = 0; i < standard.types.size(); ++i) {
    std::printf("  %s %s\n", PadRight(standard.types[i].code, 18).c_str(),
                WithThousands(t.types[i]).c_str());
  }
  return run.results.empty() ? std::string() : run.results.front().household_id;
}

int RunDemo(const DemoOptions& o) {
  namespace fs = std::filesystem;
  std::string data_dir = o.dir + "/data";
  std::string db = o.dir + "/xianjie.db";
  std::printf("1/4 generating %s households of a synthetic Qinghai registry in %s\n",
              WithThousands(o.households).c_str(), data_dir.c_str());
  demo::GeneratorOptions g;
  g.households = o.households;
  g.seed = o.seed;
  auto stats = demo::GenerateToDirectory(g, registry::RegionTable::BuiltIn(), data_dir);
  if (!stats.ok()) return Fail(stats.status());

  std::printf("2/4 creating the registry %s\n", db.c_str());
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db + suffix, ec);
  auto store = store::OpenStore(db, store::OpenMode::kCreate);
  if (!store.ok()) return Fail(store.status());
  const registry::RegionTable& regions = registry::RegionTable::BuiltIn();
  if (Status s = (*store)->ReplaceRegions(regions.all()); !s.ok()) return Fail(s);

  std::printf("3/4 importing\n");
  ingest::ImportRequest req;
  req.households_path = data_dir + "/households.csv";
  req.members_path = data_dir + "/members.csv";
  req.source = "demo";
  req.user = CurrentUser();
  req.as_of = CivilDate::FromYmd(2024, 9, 1);
  auto report = ingest::ImportExchangeFiles(**store, regions, req);
  if (!report.ok()) return Fail(report.status());
  std::printf("imported batch %lld in %.1f s: %s households, %s members, %s quarantined rows\n",
              static_cast<long long>(report->batch_id), report->seconds,
              WithThousands(report->households.accepted).c_str(),
              WithThousands(report->members.accepted).c_str(),
              WithThousands(report->households.quarantined + report->members.quarantined).c_str());
  auto sample = PrintSummary(**store, regions);
  if (!sample.ok()) return Fail(sample.status());
  auto flagged = ScreenDemo(**store);
  if (!flagged.ok()) return Fail(flagged.status());
  const std::string& explained = flagged->empty() ? *sample : *flagged;
  // The hints name this very binary, as a path the user can paste.
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  std::string program = ec ? "xianjie" : fs::relative(self, fs::current_path(), ec).string();
  if (ec || program.empty()) program = self.string();
  std::printf(
      "\nThe demo registry is %s. Try:\n"
      "  %s history --db %s --household %s\n"
      "  %s regions --db %s --within 630102\n"
      "  %s export --db %s --out %s/export\n"
      "  %s explain --db %s --household %s --province 63 --year 2024\n"
      "  %s whatif --db %s --standard 63-2024 --vs 63-2025\n",
      db.c_str(), program.c_str(), db.c_str(), sample->c_str(), program.c_str(), db.c_str(),
      program.c_str(), db.c_str(), o.dir.c_str(), program.c_str(), db.c_str(), explained.c_str(),
      program.c_str(), db.c_str());
  return kExitOk;
}

}  // namespace

void AddGenerateCommand(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<GenerateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "generate", "Generate a synthetic Qinghai registry in the exchange format (deterministic)");
  cmd->add_option("--households", o->households, "Number of households")
      ->required()
      ->check(CLI::Range(int64_t{1}, int64_t{100'000'000}));
  cmd->add_option("--seed", o->seed, "Random seed (same seed, same files)");
  cmd->add_option("--corrupt-rate", o->corrupt_rate,
                  "Share of rows to corrupt with realistic errors, for testing (0..1)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--out", o->out, "Output directory")->required();
  cmd->callback([o, exit_code] { *exit_code = RunGenerate(*o); });
}

void AddDemoCommand(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<DemoOptions>();
  CLI::App* cmd = app.add_subcommand(
      "demo", "Create a demo province: generate households, create a registry, import, summarize");
  cmd->add_option("--dir", o->dir, "Directory for the data and the registry (default: demo)");
  cmd->add_option("--households", o->households, "Number of households (default: 20000)")
      ->check(CLI::Range(int64_t{1}, int64_t{10'000'000}));
  cmd->add_option("--seed", o->seed, "Random seed");
  cmd->callback([o, exit_code] { *exit_code = RunDemo(*o); });
}

}  // namespace xianjie::cli
