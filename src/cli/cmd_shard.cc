// `xianjie shard add|list`: the national layout, where a PostgreSQL coordinator keeps each
// province's registry rows on the province's own PostgreSQL server (docs/scale.md).
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "store/open.h"
#include "store/postgres/postgres_store.h"

namespace xianjie::cli {
namespace {

struct ShardOptions {
  std::string db;
  int province = 0;
  std::string shard;
  bool json = false;
};

Status CheckCoordinator(const std::string& db) {
  if (store::PostgresStore::IsUrl(db)) return Status::Ok();
  return InvalidArgument(
      "shards need a PostgreSQL coordinator: --db must be a postgresql:// URL, "
      "not '" +
      db + "'");
}

int RunAdd(const ShardOptions& o) {
  if (Status s = CheckCoordinator(o.db); !s.ok()) return Fail(s);
  if (Status s = store::PostgresStore::AddShard(o.db, o.province, o.shard); !s.ok()) return Fail(s);
  std::printf("province %d's households, versions and members are now kept on %s\n", o.province,
              store::DisplayName(o.shard).c_str());
  return kExitOk;
}

int RunList(const ShardOptions& o) {
  if (Status s = CheckCoordinator(o.db); !s.ok()) return Fail(s);
  auto shards = store::PostgresStore::ListShards(o.db);
  if (!shards.ok()) return Fail(shards.status());
  int unreachable = 0;
  nlohmann::json list = nlohmann::json::array();
  for (const store::ShardInfo& s : *shards) {
    if (!s.error.empty()) ++unreachable;
    list.push_back(
        {{"province", s.province},
         {"server", s.server},
         {"location", s.location},
         {"households", s.error.empty() ? nlohmann::json(s.households) : nullptr},
         {"error", s.error.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.error)}});
  }
  if (o.json) {
    std::printf("%s\n", list.dump(2).c_str());
  } else if (shards->empty()) {
    std::printf("%s keeps its registry itself: it has no shards\n",
                store::DisplayName(o.db).c_str());
  } else {
    std::printf("%-8s %-20s %12s  %s\n", "province", "server", "households", "location");
    for (const store::ShardInfo& s : *shards) {
      std::printf("%-8d %-20s %12s  %s\n", s.province, s.server.c_str(),
                  s.error.empty() ? WithThousands(s.households).c_str() : "UNREACHABLE",
                  s.location.c_str());
      if (!s.error.empty()) std::printf("         %s\n", s.error.c_str());
    }
  }
  if (unreachable > 0) {
    return Fail(IoError(std::to_string(unreachable) + " of " + std::to_string(shards->size()) +
                        " shards cannot be reached; start them or fix their servers"));
  }
  return kExitOk;
}

}  // namespace

void AddShardCommand(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<ShardOptions>();
  CLI::App* cmd = app.add_subcommand(
      "shard", "National layout: keep each province's registry on its own PostgreSQL server");
  cmd->require_subcommand(1);

  CLI::App* add = cmd->add_subcommand(
      "add",
      "Keep a province's households, versions and members on another PostgreSQL database (the "
      "registry becomes a coordinator; add shards before the first import)");
  add->add_option("--db", o->db, "The coordinator: a postgresql:// URL")->required();
  add->add_option("--province", o->province, "The province's 2-digit code, e.g. 63")
      ->required()
      ->check(CLI::Range(11, 99));
  add->add_option("--shard", o->shard, "The province's database: a postgresql:// URL")->required();
  add->callback([o, exit_code] { *exit_code = RunAdd(*o); });

  CLI::App* list =
      cmd->add_subcommand("list", "List the coordinator's shards and their households");
  list->add_option("--db", o->db, "The coordinator: a postgresql:// URL")->required();
  list->add_flag("--json", o->json, "Print the list as JSON");
  list->callback([o, exit_code] { *exit_code = RunList(*o); });
}

}  // namespace xianjie::cli
