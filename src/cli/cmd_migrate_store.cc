// `xianjie migrate-store --from DB --to DB`: moves a whole database between backends (a SQLite
// file, a PostgreSQL URL, either way) and verifies the copy table by table (decision 0012).
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "store/open.h"
#include "store/sql/sql_store.h"

namespace xianjie::cli {
namespace {

struct MigrateOptions {
  std::string from;
  std::string to;
  bool json = false;
};

std::string Grouped(int64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

int RunMigrate(const MigrateOptions& o) {
  if (o.from == o.to) {
    return Fail(InvalidArgument("--from and --to name the same database; copy into a new one"));
  }
  const auto start = std::chrono::steady_clock::now();
  auto from = store::OpenSqlStore(o.from, store::OpenMode::kExisting);
  if (!from.ok()) return Fail(from.status());
  auto to = store::OpenSqlStore(o.to, store::OpenMode::kCreate);
  if (!to.ok()) return Fail(to.status());
  auto copied = (*to)->CopyFrom(**from);
  if (!copied.ok()) return Fail(copied.status());
  const double copy_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  // The verification reads both databases again, each from one snapshot.
  auto source = (*from)->Digest();
  if (!source.ok()) return Fail(source.status());
  auto copy = (*to)->Digest();
  if (!copy.ok()) return Fail(copy.status());
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  int64_t rows = 0;
  std::vector<std::string> differ;
  nlohmann::json tables = nlohmann::json::array();
  for (size_t i = 0; i < source->size(); ++i) {
    const store::TableDigest& a = (*source)[i];
    const store::TableDigest& b = (*copy)[i];
    const bool same = a.table == b.table && a.rows == b.rows && a.sha256 == b.sha256 &&
                      (*copied)[i].rows == a.rows;
    if (!same) differ.push_back(a.table);
    rows += a.rows;
    tables.push_back({{"table", a.table},
                      {"rows", a.rows},
                      {"copied_rows", (*copied)[i].rows},
                      {"sha256", a.sha256},
                      {"copy_rows", b.rows},
                      {"copy_sha256", b.sha256},
                      {"same", same}});
  }
  const std::string from_name = store::DisplayName(o.from), to_name = store::DisplayName(o.to);
  if (o.json) {
    std::printf("%s\n", nlohmann::json({{"from", from_name},
                                        {"to", to_name},
                                        {"tables", tables},
                                        {"rows", rows},
                                        {"verified", differ.empty()},
                                        {"copy_seconds", copy_seconds},
                                        {"seconds", seconds}})
                            .dump(2)
                            .c_str());
  } else {
    std::printf("copied %s to %s in %.1f s\n\n", from_name.c_str(), to_name.c_str(), copy_seconds);
    std::printf("%-20s %12s  %-16s  %s\n", "table", "rows", "sha-256", "copy");
    for (const auto& t : tables) {
      const std::string verdict =
          t["same"].get<bool>() ? "same"
                                : "DIFFERS: " + Grouped(t["copy_rows"].get<int64_t>()) + " rows, " +
                                      t["copy_sha256"].get<std::string>().substr(0, 16);
      std::printf("%-20s %12s  %.16s  %s\n", t["table"].get<std::string>().c_str(),
                  Grouped(t["rows"].get<int64_t>()).c_str(), t["sha256"].get<std::string>().c_str(),
                  verdict.c_str());
    }
    std::printf("\n");
  }
  if (!differ.empty()) {
    std::string list;
    for (const std::string& t : differ) list += (list.empty() ? "" : ", ") + t;
    return Fail(DataLoss("the copy in " + to_name + " differs from " + from_name + " in " +
                         std::to_string(differ.size()) + " tables (" + list +
                         "); do not use it: drop it, and report this with both databases"));
  }
  if (!o.json) {
    std::printf("verified in %.1f s: %zu tables, %s rows, the same rows and SHA-256 in both\n",
                seconds, tables.size(), Grouped(rows).c_str());
  }
  return kExitOk;
}

}  // namespace

void AddMigrateStoreCommand(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<MigrateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "migrate-store",
      "Copy a whole database to another backend (SQLite file <-> postgresql:// URL) and verify "
      "the copy table by table");
  cmd->add_option("--from", o->from, "The database to copy: a SQLite file or a postgresql:// URL")
      ->required();
  cmd->add_option("--to", o->to,
                  "The new database: a SQLite file or a postgresql:// URL, created if missing; it "
                  "must hold no data")
      ->required();
  cmd->add_flag("--json", o->json, "Print the figures of every table as JSON");
  cmd->callback([o, exit_code] { *exit_code = RunMigrate(*o); });
}

}  // namespace xianjie::cli
