// `xianjie screen`: screens the registry (--db, storing a run and marking new warnings; rules
// read the department facts as of today) or exchange-format files straight from disk
// (--households/--members, nothing stored, no department facts) under the standard in force,
// and writes flagged.csv and counties.csv (issue #3's interface).
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "cases/leads.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/screening_common.h"
#include "ingest/quarantine_csv.h"
#include "ingest/snapshot_reader.h"
#include "rules/screening.h"
#include "rules/screening_run.h"
#include "service/cases.h"
#include "store/database.h"

namespace xianjie::cli {
namespace {

struct ScreenOptions {
  std::string db;
  std::string households;
  std::string members;
  std::string province;
  std::string county;
  int year = 0;
  std::string standard_file;
  std::string out;
  std::string counties;
  std::string quarantine_out;
  int threads = 2;
  bool full = false;
  bool dry_run = false;
  bool json = false;
};

struct Summary {
  std::string mode;
  const rules::Standard* standard = nullptr;
  const rules::CompiledStandard* compiled = nullptr;
  rules::ScreeningTotals totals;
  int64_t run_id = 0;
  bool incremental = false;
  int64_t evaluated = 0;
  int64_t new_warnings = -1;  // -1: not applicable (file mode)
  int64_t quarantined = 0;
  double seconds = 0;
  const cases::LeadsTaken* leads = nullptr;  // db mode, stored runs
};

void PrintSummary(const Summary& s, const ScreenOptions& o) {
  const rules::Standard& st = *s.standard;
  std::printf("screened %s of %s households under %s (%s%s, %d, standard %s)\n",
              WithThousands(s.totals.screened).c_str(), WithThousands(s.totals.households).c_str(),
              st.name.c_str(), st.province.c_str(),
              st.county.empty() ? "" : ("/" + st.county).c_str(), st.year, st.content_hash.c_str());
  if (s.mode == "db") {
    std::printf("  %s, %s: %s households evaluated\n",
                s.run_id > 0 ? ("run " + std::to_string(s.run_id)).c_str() : "dry run, not stored",
                s.incremental ? "incremental" : "full", WithThousands(s.evaluated).c_str());
  }
  const double share = s.totals.screened > 0 ? 100.0 * s.totals.flagged / s.totals.screened : 0;
  std::printf("  flagged %s (%.2f%%)", WithThousands(s.totals.flagged).c_str(), share);
  if (s.new_warnings >= 0) std::printf(", new warnings %s", WithThousands(s.new_warnings).c_str());
  std::printf("\n");
  if (s.leads != nullptr) {
    std::printf(
        "  leads: %s cases opened (%s relapses), %s joined open cases, %s on monitored "
        "households\n",
        WithThousands(s.leads->opened).c_str(), WithThousands(s.leads->relapses).c_str(),
        WithThousands(s.leads->joined).c_str(), WithThousands(s.leads->on_episode).c_str());
  }
  for (size_t r = 0; r < st.rules.size(); ++r) {
    std::printf("    %s %s\n", PadRight(st.rules[r].id, 22).c_str(),
                WithThousands(s.totals.rules[r]).c_str());
  }
  for (size_t t = 0; t < st.types.size(); ++t) {
    std::printf("    %s %s\n", PadRight("type " + st.types[t].code, 22).c_str(),
                WithThousands(s.totals.types[t]).c_str());
  }
  if (s.quarantined > 0) {
    std::printf("  %s rows quarantined (not screened)%s\n", WithThousands(s.quarantined).c_str(),
                o.quarantine_out.empty() ? "; write them with --quarantine-out FILE" : "");
  }
  if (!o.out.empty()) std::printf("  wrote %s\n", o.out.c_str());
  if (!o.counties.empty()) std::printf("  wrote %s\n", o.counties.c_str());
}

std::string SummaryJson(const Summary& s) {
  const rules::Standard& st = *s.standard;
  nlohmann::ordered_json j;
  j["mode"] = s.mode;
  j["standard"] = {{"hash", st.content_hash}, {"province", st.province}, {"county", st.county},
                   {"year", st.year},         {"name", st.name},         {"origin", st.origin}};
  if (s.mode == "db") {
    j["run_id"] = s.run_id;  // 0 with --dry-run: nothing stored
    j["incremental"] = s.incremental;
    j["evaluated"] = s.evaluated;
    j["new_warnings"] = s.new_warnings;
    if (s.leads != nullptr) {
      j["leads"] = {{"opened", s.leads->opened},
                    {"relapses", s.leads->relapses},
                    {"joined", s.leads->joined},
                    {"on_episode", s.leads->on_episode}};
    }
  }
  j["households"] = s.totals.households;
  j["screened"] = s.totals.screened;
  j["flagged"] = s.totals.flagged;
  j["quarantined"] = s.quarantined;
  j["counts"] = nlohmann::ordered_json::parse(rules::TotalsJson(*s.compiled, s.totals));
  j["seconds"] = s.seconds;
  return j.dump();
}

Status WriteOutputs(const ScreenOptions& o, const registry::Snapshot& snapshot,
                    const rules::CompiledStandard& compiled, const rules::FullOutcome& outcome,
                    std::span<const rules::HouseholdResult> results) {
  if (!o.out.empty()) XJ_RETURN_IF_ERROR(rules::WriteFlaggedCsv(results, o.out));
  if (!o.counties.empty()) {
    XJ_RETURN_IF_ERROR(rules::WriteCountiesCsv(
        compiled, rules::CountByCounty(snapshot, compiled, outcome), o.counties));
  }
  return Status::Ok();
}

Result<rules::Standard> ChooseStandard(const ScreenOptions& o, rules::ScreeningStore* store) {
  if (!o.standard_file.empty()) return StandardFromSpec(store, o.standard_file);
  return StandardInForce(store, o.province, o.county, o.year);
}

int RunFileMode(const ScreenOptions& o) {
  const auto start = std::chrono::steady_clock::now();
  auto standard = ChooseStandard(o, nullptr);
  if (!standard.ok()) return Fail(standard.status());
  auto compiled = CompileStandard(*standard);
  if (!compiled.ok()) return Fail(compiled.status());
  ingest::SnapshotReadOptions read_options;
  read_options.threads = o.threads;
  auto read = ingest::ReadSnapshotFromExchangeFiles(o.households, o.members,
                                                    registry::RegionTable::BuiltIn(), read_options);
  if (!read.ok()) return Fail(read.status());
  const registry::Snapshot& snapshot = *read->snapshot;
  // Files carry no department data: every person is without every fact (dept.<fact> reads 0,
  // false, no code, a missing date).
  rules::FullOutcome outcome =
      rules::ToFullOutcome(rules::ScreenAll(snapshot, **compiled, o.threads));
  std::vector<rules::HouseholdResult> results =
      rules::FlaggedResults(snapshot, **compiled, outcome);
  if (Status s = WriteOutputs(o, snapshot, **compiled, outcome, results); !s.ok()) return Fail(s);
  if (!o.quarantine_out.empty()) {
    if (Status s = ingest::WriteQuarantineCsv(read->quarantine, o.quarantine_out); !s.ok()) {
      return Fail(s);
    }
  }
  Summary s;
  s.mode = "file";
  s.standard = &*standard;
  s.compiled = compiled->get();
  s.totals = rules::Totals(snapshot, **compiled, outcome);
  s.quarantined = static_cast<int64_t>(read->quarantine.size());
  s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (o.json) {
    std::printf("%s\n", SummaryJson(s).c_str());
  } else {
    PrintSummary(s, o);
  }
  return kExitOk;
}

int RunDbMode(const ScreenOptions& o) {
  const auto start = std::chrono::steady_clock::now();
  auto db = OpenDatabase(o.db);
  if (!db.ok()) return Fail(db.status());
  store::Database& database = **db;
  auto standard = ChooseStandard(o, &database);
  if (!standard.ok()) return Fail(standard.status());
  auto compiled = CompileStandard(*standard);
  if (!compiled.ok()) return Fail(compiled.status());
  // The batch is read before the snapshot: a batch committed in between is then re-evaluated by
  // the next incremental run, never missed.
  auto batch = database.LastCommittedBatch();
  if (!batch.ok()) return Fail(batch.status());
  const std::string scope = standard->county.empty() ? standard->province : standard->county;
  auto snapshot = ReadRegistrySnapshot(database, scope);
  if (!snapshot.ok()) return Fail(snapshot.status());
  // dept.<fact> reads the department data uploaded so far, as of today.
  auto facts = DepartmentFacts(database, *snapshot, ChinaToday(), {compiled->get()}, o.threads);
  if (!facts.ok()) return Fail(facts.status());
  rules::ScreeningRequest request;
  request.user = CurrentUser();
  request.allow_incremental = !o.full;
  request.store_run = !o.dry_run;
  request.threads = o.threads;
  request.facts = &*facts;
  auto run = rules::RunScreening(database, database, **snapshot, *batch, **compiled, request);
  if (!run.ok()) return Fail(run.status());
  // A stored run's new warnings become leads: cases in state `lead` (decision 0005).
  cases::LeadsTaken leads;
  if (!o.dry_run) {
    auto taken =
        service::TakeRunLeads(database, **snapshot, run->run.run_id, run->results, UtcNowIso8601());
    if (!taken.ok()) return Fail(taken.status());
    leads = *taken;
  }
  if (Status s = WriteOutputs(o, **snapshot, **compiled, run->outcome, run->results); !s.ok()) {
    return Fail(s);
  }
  Summary s;
  s.mode = "db";
  s.standard = &*standard;
  s.compiled = compiled->get();
  s.totals = run->totals;
  s.run_id = run->run.run_id;
  s.incremental = run->run.incremental;
  s.evaluated = run->run.evaluated;
  s.new_warnings = run->run.new_warnings;
  if (!o.dry_run) s.leads = &leads;
  s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (o.json) {
    std::printf("%s\n", SummaryJson(s).c_str());
  } else {
    PrintSummary(s, o);
  }
  return kExitOk;
}

}  // namespace

void AddScreenCommand(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<ScreenOptions>();
  CLI::App* cmd = app.add_subcommand(
      "screen",
      "Screen households under a monitoring standard: the registry (--db), its department "
      "data as of today read as dept.<fact>, or exchange-format files (--households and "
      "--members), which carry no department data (every dept.<fact> reads as a person without "
      "the fact)");
  cmd->add_option("--db", o->db, "Registry database: the run and its results are stored");
  cmd->add_option("--households", o->households, "households.csv (file mode, no registry)");
  cmd->add_option("--members", o->members, "members.csv (file mode, no registry)");
  cmd->add_option("--province", o->province, "Province code, e.g. 63")->required();
  cmd->add_option("--year", o->year, "Year of the standard, e.g. 2024")->required();
  cmd->add_option("--county", o->county, "County code, for a county's own standard and scope");
  cmd->add_option("--standard", o->standard_file,
                  "Screen with this standard (TOML file, or stored hash with --db) instead of "
                  "the one in force");
  cmd->add_option("--out", o->out, "Write the flagged households to this CSV file");
  cmd->add_option("--counties", o->counties, "Write the per-county counts to this CSV file");
  cmd->add_option("--quarantine-out", o->quarantine_out,
                  "File mode: write the rejected rows to this CSV file");
  cmd->add_option("--threads", o->threads, "Threads to use (default 2)")->check(CLI::Range(1, 64));
  cmd->add_flag("--full", o->full, "Evaluate every household even if an incremental run would do");
  cmd->add_flag("--dry-run", o->dry_run, "Do not store the run (DB mode)");
  cmd->add_flag("--json", o->json, "Print the summary as one JSON object");
  cmd->callback([o, exit_code] {
    const bool file_mode = !o->households.empty() || !o->members.empty();
    auto usage = [&](const char* message) {
      std::fprintf(stderr, "error: %s (see xianjie screen --help)\n", message);
      *exit_code = kExitUsage;
    };
    if (file_mode == !o->db.empty()) {
      return usage("give either --db, or --households and --members");
    }
    if (file_mode && (o->households.empty() || o->members.empty())) {
      return usage("file mode needs both --households and --members");
    }
    if (file_mode && o->out.empty() && o->counties.empty()) {
      return usage("file mode stores nothing: give --out and/or --counties");
    }
    if (Status s = CheckScope(o->province, o->county, o->year); !s.ok()) {
      *exit_code = Fail(s);
      return;
    }
    *exit_code = file_mode ? RunFileMode(*o) : RunDbMode(*o);
  });
}

}  // namespace xianjie::cli
