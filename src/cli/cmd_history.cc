// `xianjie history`: the versions of a household and what changed between them.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "registry/history.h"

namespace xianjie::cli {
namespace {

struct HistoryOptions {
  std::string db;
  std::string household;
  bool json = false;
};

int RunHistory(const HistoryOptions& o) {
  auto store = OpenDatabase(o.db);
  if (!store.ok()) return Fail(store.status());
  auto versions = (*store)->History(o.household);
  if (!versions.ok()) return Fail(versions.status());
  if (versions->empty()) {
    return Fail(NotFound("household '" + o.household + "' is not in the registry " +
                         store::DisplayName(o.db)));
  }
  if (Status s = RecordAccess(**store, "household.history", o.household); !s.ok()) return Fail(s);
  nlohmann::json out = nlohmann::json::array();
  const registry::HouseholdRecord* previous = nullptr;
  for (const registry::HouseholdVersion& v : *versions) {
    auto batch = (*store)->GetBatch(v.batch_id);
    if (!batch.ok()) return Fail(batch.status());
    registry::BatchInfo b = batch->value_or(registry::BatchInfo{});
    std::vector<registry::FieldChange> changes;
    if (previous != nullptr) changes = registry::DiffRecords(*previous, v.record);
    if (o.json) {
      nlohmann::json jc = nlohmann::json::array();
      for (const auto& c : changes) {
        jc.push_back(
            {{"subject", c.subject}, {"field", c.field}, {"before", c.before}, {"after", c.after}});
      }
      out.push_back({{"version", v.version},
                     {"batch_id", v.batch_id},
                     {"source", b.source},
                     {"user", b.user},
                     {"time", b.started_at},
                     {"as_of", b.as_of.ToString()},
                     {"households_file", b.households_file},
                     {"members_file", b.members_file},
                     {"members", v.record.members.size()},
                     {"changes", jc}});
    } else {
      std::string files = b.households_file;
      if (!b.members_file.empty()) files += (files.empty() ? "" : " + ") + b.members_file;
      std::printf("version %d  batch %lld  %s  by %s  at %s  as of %s  (%s)\n", v.version,
                  static_cast<long long>(v.batch_id), b.source.c_str(), b.user.c_str(),
                  b.started_at.c_str(), b.as_of.ToString().c_str(), files.c_str());
      if (previous == nullptr) {
        std::printf("  created: village %s, %zu members\n",
                    v.record.household.village_code.ToString().c_str(), v.record.members.size());
      }
      for (const auto& c : changes) {
        std::string subject = c.subject == "household" ? "" : c.subject + ": ";
        if (c.field == "member") {
          std::printf("  %s%s\n", subject.c_str(), c.before.empty() ? "added" : "removed");
        } else {
          std::printf("  %s%s: %s -> %s\n", subject.c_str(), c.field.c_str(),
                      c.before.empty() ? "(unknown)" : c.before.c_str(),
                      c.after.empty() ? "(unknown)" : c.after.c_str());
        }
      }
    }
    previous = &v.record;
  }
  // Invalid UTF-8 (from a file that was not UTF-8) is replaced rather than thrown on.
  if (o.json) {
    std::printf("%s\n", out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
  }
  return kExitOk;
}

}  // namespace

void AddHistoryCommand(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<HistoryOptions>();
  CLI::App* cmd = app.add_subcommand(
      "history", "Show the versions of a household, their sources and what changed");
  cmd->add_option("--db", o->db, "Registry database")->required();
  cmd->add_option("--household", o->household, "household_id")->required();
  cmd->add_flag("--json", o->json, "Print the versions as JSON");
  cmd->callback([o, exit_code] { *exit_code = RunHistory(*o); });
}

}  // namespace xianjie::cli
