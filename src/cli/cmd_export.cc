// `xianjie export`, `xianjie quarantine` and `xianjie batches`: getting data back out.
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "ingest/exporter.h"
#include "ingest/quarantine_csv.h"

namespace xianjie::cli {
namespace {

struct ExportOptions {
  std::string db;
  std::string out;
  std::string region;
  bool full_ids = false;  // ID numbers whole (re-importable); masked by default
};

int RunExport(const ExportOptions& o) {
  ingest::ExportOptions options;
  options.mask_ids = !o.full_ids;
  if (!o.region.empty()) {
    auto code = RegionCode::Parse(o.region);
    if (!code.ok()) return Fail(InvalidArgument("--region: " + code.status().message()));
    options.scope = *code;
  }
  auto store = OpenDatabase(o.db);
  if (!store.ok()) return Fail(store.status());
  const nlohmann::json detail = {{"region", o.region}, {"mask_ids", !o.full_ids}};
  if (Status s = RecordAccess(**store, "export", o.out, detail.dump()); !s.ok()) return Fail(s);
  auto counts = ingest::ExportExchangeToDirectory(**store, options, o.out);
  if (!counts.ok()) return Fail(counts.status());
  std::printf("exported %s households and %s members to %s/households.csv and members.csv\n",
              WithThousands(counts->households).c_str(), WithThousands(counts->members).c_str(),
              o.out.c_str());
  return kExitOk;
}

struct QuarantineOptions {
  std::string db;
  int64_t batch = 0;
  std::string out;
};

int RunQuarantine(const QuarantineOptions& o) {
  auto store = OpenDatabase(o.db);
  if (!store.ok()) return Fail(store.status());
  auto batch = (*store)->GetBatch(o.batch);
  if (!batch.ok()) return Fail(batch.status());
  if (!batch->has_value()) {
    return Fail(NotFound("batch " + std::to_string(o.batch) +
                         " does not exist; list them with: "
                         "xianjie batches --db " +
                         store::DisplayName(o.db)));
  }
  auto entries = (*store)->Quarantine(o.batch);
  if (!entries.ok()) return Fail(entries.status());
  if (o.out.empty() || o.out == "-") {
    ingest::WriteQuarantineCsv(*entries, std::cout);
    return kExitOk;
  }
  if (Status s = ingest::WriteQuarantineCsv(*entries, o.out); !s.ok()) return Fail(s);
  std::printf("wrote %zu quarantined rows of batch %lld to %s\n", entries->size(),
              static_cast<long long>(o.batch), o.out.c_str());
  return kExitOk;
}

int RunBatches(const std::string& db) {
  auto store = OpenDatabase(db);
  if (!store.ok()) return Fail(store.status());
  auto batches = (*store)->ListBatches();
  if (!batches.ok()) return Fail(batches.status());
  std::printf("%-6s %-20s %-22s %-12s %-10s %s\n", "batch", "source", "time (UTC)", "as of", "user",
              "files");
  for (const auto& b : *batches) {
    std::printf("%-6lld %-20s %-22s %-12s %-10s %s %s\n", static_cast<long long>(b.batch_id),
                b.source.c_str(), b.started_at.c_str(), b.as_of.ToString().c_str(), b.user.c_str(),
                b.households_file.c_str(), b.members_file.c_str());
  }
  return kExitOk;
}

}  // namespace

void AddExportCommand(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<ExportOptions>();
  CLI::App* cmd = app.add_subcommand(
      "export", "Write the registry's current households and members in the exchange format");
  cmd->add_option("--db", o->db, "Registry database")->required();
  cmd->add_option("--out", o->out, "Directory for households.csv and members.csv")->required();
  cmd->add_option("--region", o->region, "Only this region (code or prefix, e.g. 630102)");
  CLI::Option* full = cmd->add_flag(
      "--full-ids", o->full_ids,
      "Write ID numbers whole, so that the files can be imported again (recorded in the audit "
      "log); by default they are masked: first 6 and last 4 characters shown");
  // Masking was opt-in before it became the default; the flag stays accepted for old scripts.
  cmd->add_flag("--mask-ids")->description("Mask ID numbers (the default)")->excludes(full);
  cmd->callback([o, exit_code] { *exit_code = RunExport(*o); });
}

void AddQuarantineCommand(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<QuarantineOptions>();
  CLI::App* cmd = app.add_subcommand(
      "quarantine", "Write the quarantined rows of a batch as CSV, to fix and import again");
  cmd->add_option("--db", o->db, "Registry database")->required();
  cmd->add_option("--batch", o->batch, "Batch number (see xianjie batches)")->required();
  cmd->add_option("--out", o->out, "Output CSV file (default: standard output)");
  cmd->callback([o, exit_code] { *exit_code = RunQuarantine(*o); });
}

void AddBatchesCommand(CLI::App& app, int* exit_code) {
  auto db = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("batches", "List the import batches of a registry");
  cmd->add_option("--db", *db, "Registry database")->required();
  cmd->callback([db, exit_code] { *exit_code = RunBatches(*db); });
}

}  // namespace xianjie::cli
