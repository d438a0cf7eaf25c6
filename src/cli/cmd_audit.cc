// `xianjie audit verify` and `xianjie audit list`: checking the audit log's hash chain and reading
// who looked at or exported what (access/audit.h).
#include <cstdio>
#include <nlohmann/json.hpp>

#include "access/audit.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace xianjie::cli {
namespace {

struct AuditOptions {
  std::string db;
  std::string user;
  int64_t limit = 0;  // 0 = all
  bool json = false;
};

void PrintJson(const nlohmann::json& j) {
  std::printf("%s\n", j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
}

int RunVerify(const AuditOptions& o) {
  auto db = OpenDatabase(o.db);
  if (!db.ok()) return Fail(db.status());
  auto v = access::VerifyAuditChain(**db);
  if (!v.ok()) return Fail(v.status());
  const bool intact = v->first_bad_seq == 0;
  if (o.json) {
    PrintJson({{"intact", intact},
               {"entries", v->entries},
               {"first_bad_seq", v->first_bad_seq},
               {"reason", v->reason}});
  } else if (intact) {
    std::printf("audit log intact: %lld entries\n", static_cast<long long>(v->entries));
  } else {
    std::fprintf(stderr,
                 "error: audit log of %s is broken at entry %lld: %s; entries from %lld on cannot "
                 "be trusted (%lld entries read)\n",
                 store::DisplayName(o.db).c_str(), static_cast<long long>(v->first_bad_seq),
                 v->reason.c_str(), static_cast<long long>(v->first_bad_seq),
                 static_cast<long long>(v->entries));
  }
  return intact ? kExitOk : kExitUserError;
}

int RunList(const AuditOptions& o) {
  if (o.limit < 0) return Fail(InvalidArgument("--limit must be 0 (all) or more"));
  auto db = OpenDatabase(o.db);
  if (!db.ok()) return Fail(db.status());
  // The latest `limit` entries of the user, in seq order: keep a window while walking.
  std::vector<access::AuditEntry> shown;
  Status s = (*db)->ForEach([&](const access::AuditEntry& e) {
    if (!o.user.empty() && e.user != o.user) return Status::Ok();
    shown.push_back(e);
    if (o.limit > 0 && static_cast<int64_t>(shown.size()) > 2 * o.limit) {
      shown.erase(shown.begin(), shown.end() - o.limit);
    }
    return Status::Ok();
  });
  if (!s.ok()) return Fail(s);
  if (o.limit > 0 && static_cast<int64_t>(shown.size()) > o.limit) {
    shown.erase(shown.begin(), shown.end() - o.limit);
  }
  if (o.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const access::AuditEntry& e : shown) {
      out.push_back({{"seq", e.seq},
                     {"time", e.time},
                     {"user", e.user},
                     {"action", e.action},
                     {"subject", e.subject},
                     {"detail", e.detail},
                     {"prev_hash", e.prev_hash},
                     {"hash", e.hash}});
    }
    PrintJson(out);
    return kExitOk;
  }
  for (const access::AuditEntry& e : shown) {
    std::printf("%lld  %s  %s  %s  %s%s%s\n", static_cast<long long>(e.seq), e.time.c_str(),
                e.user.c_str(), e.action.c_str(), e.subject.c_str(), e.detail.empty() ? "" : "  ",
                e.detail.c_str());
  }
  return kExitOk;
}

}  // namespace

void AddAuditCommand(CLI::App& app, int* exit_code) {
  CLI::App* cmd = app.add_subcommand("audit", "Check and read the audit log of data access");
  cmd->require_subcommand(1);

  auto v = std::make_shared<AuditOptions>();
  CLI::App* verify = cmd->add_subcommand(
      "verify",
      "Check the audit log's hash chain; exit 1 naming the first changed or missing entry");
  verify->add_option("--db", v->db, "Registry database")->required();
  verify->add_flag("--json", v->json, "Print the result as JSON");
  verify->callback([v, exit_code] { *exit_code = RunVerify(*v); });

  auto l = std::make_shared<AuditOptions>();
  CLI::App* list = cmd->add_subcommand("list", "Show audit log entries in order");
  list->add_option("--db", l->db, "Registry database")->required();
  list->add_option("--user", l->user, "Only this user's entries");
  list->add_option("--limit", l->limit, "Only the latest N entries (0: all)");
  list->add_flag("--json", l->json, "Print the entries as JSON");
  list->callback([l, exit_code] { *exit_code = RunList(*l); });
}

}  // namespace xianjie::cli
