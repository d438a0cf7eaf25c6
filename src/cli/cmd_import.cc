// `xianjie import`: imports exchange-format files as one batch and prints the report.
#include <cstdio>
#include <fstream>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "ingest/importer.h"
#include "ingest/quarantine_csv.h"

namespace xianjie::cli {
namespace {

struct ImportOptions {
  std::string db;
  std::string households;
  std::string members;
  std::string source = "registry_import";
  std::string as_of;
  std::string quarantine_out;
  std::string user;
  std::vector<std::string> ignored;
  bool json = false;
};

void DrawProgress(const ingest::ImportProgress& p) {
  constexpr int kWidth = 30;
  int filled = p.total > 0 ? static_cast<int>(kWidth * p.done / p.total) : 0;
  std::string bar(static_cast<size_t>(filled), '#');
  bar.resize(kWidth, '.');
  std::printf("\r\033[K[%s] %s", bar.c_str(), std::string(p.phase).c_str());
  if (p.total > 0)
    std::printf(" %s/%s", WithThousands(p.done).c_str(), WithThousands(p.total).c_str());
  std::fflush(stdout);
}

void PrintReport(const ingest::ImportReport& r) {
  auto line = [](const char* what, const std::string& file, const ingest::FileCounts& c) {
    if (file.empty()) return;
    std::printf("  %-10s %-28s read %s, accepted %s, quarantined %s\n", what, file.c_str(),
                WithThousands(c.read).c_str(), WithThousands(c.accepted).c_str(),
                WithThousands(c.quarantined).c_str());
  };
  std::printf("batch %lld imported in %.1f s\n", static_cast<long long>(r.batch_id), r.seconds);
  line("households", r.households_file, r.households);
  line("members", r.members_file, r.members);
  std::printf("  households: %s new, %s changed, %s unchanged\n",
              WithThousands(r.new_households).c_str(), WithThousands(r.changed_households).c_str(),
              WithThousands(r.unchanged_households).c_str());
  if (r.households_without_counted_members > 0) {
    std::printf(
        "  warning: %s households have no member who shares the household "
        "(shares_household = 0 for all); they cannot be screened, e.g. %s\n",
        WithThousands(r.households_without_counted_members).c_str(),
        r.households_without_counted_members_sample.front().c_str());
  }
  if (!r.quarantined_by_rule.empty()) {
    std::printf("  quarantined rows by rule:\n");
    for (const auto& [rule, n] : r.quarantined_by_rule) {
      std::printf("    %-32s %s\n", rule.c_str(), WithThousands(n).c_str());
    }
  }
}

int RunImport(const ImportOptions& o) {
  ingest::ImportRequest req;
  req.households_path = o.households;
  req.members_path = o.members;
  req.source = o.source;
  req.user = o.user.empty() ? CurrentUser() : o.user;
  if (!o.as_of.empty()) {
    auto d = ParseDate(o.as_of);
    if (!d.ok()) return Fail(InvalidArgument("--as-of: " + d.status().message()));
    req.as_of = *d;
  }
  req.parse.ignored_columns.insert(o.ignored.begin(), o.ignored.end());
  bool progress = !o.json && StdoutIsTerminal();
  if (progress) req.progress = DrawProgress;

  auto store = OpenDatabase(o.db);
  if (!store.ok()) return Fail(store.status());
  auto regions = LoadRegionTable(**store);
  if (!regions.ok()) return Fail(regions.status());
  auto report = ingest::ImportExchangeFiles(**store, *regions, req);
  if (progress) std::printf("\r\033[K");
  if (!report.ok()) return Fail(report.status());

  if (!o.quarantine_out.empty()) {
    auto entries = (*store)->Quarantine(report->batch_id);
    if (!entries.ok()) return Fail(entries.status());
    if (Status s = ingest::WriteQuarantineCsv(*entries, o.quarantine_out); !s.ok()) return Fail(s);
  }
  if (o.json) {
    std::printf("%s\n", report->ToJson().c_str());
  } else {
    PrintReport(*report);
    if (!o.quarantine_out.empty()) {
      std::printf("  quarantined rows written to %s\n", o.quarantine_out.c_str());
    } else if (report->households.quarantined + report->members.quarantined > 0) {
      std::printf("  see them with: xianjie quarantine --db %s --batch %lld --out FILE\n",
                  store::DisplayName(o.db).c_str(), static_cast<long long>(report->batch_id));
    }
  }
  return kExitOk;
}

}  // namespace

void AddImportCommand(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<ImportOptions>();
  CLI::App* cmd = app.add_subcommand(
      "import", "Import households.csv and members.csv (exchange format v1) as one batch");
  cmd->add_option("--db", o->db, "Registry database")->required();
  cmd->add_option("--households", o->households, "households.csv");
  cmd->add_option("--members", o->members, "members.csv");
  cmd->add_option("--source", o->source, "Name of the data source recorded with the batch");
  cmd->add_option("--as-of", o->as_of, "Date the facts refer to, YYYY-MM-DD (default: today)");
  cmd->add_option("--quarantine-out", o->quarantine_out,
                  "Write the quarantined rows of this batch to this CSV file");
  cmd->add_option("--ignore-column", o->ignored, "A column to ignore (repeatable)");
  cmd->add_option("--user", o->user, "Who runs the import (default: the system user)");
  cmd->add_flag("--json", o->json, "Print the report as one JSON object");
  cmd->callback([o, exit_code, cmd] {
    if (o->households.empty() && o->members.empty()) {
      std::fprintf(stderr, "error: give --households, --members or both (see %s --help)\n",
                   cmd->get_name().c_str());
      *exit_code = kExitUsage;
      return;
    }
    *exit_code = RunImport(*o);
  });
}

}  // namespace xianjie::cli
