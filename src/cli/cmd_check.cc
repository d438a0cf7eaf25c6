// `xianjie check run|list` and `xianjie finding list|resolve`: the cross-checks of
// config/checks.toml (DOMAIN.md §9.2, decision 0006) over the registry and its department facts,
// and the findings (疑点) they leave for the villages. For the operator of the database: reading
// findings and resolving one are recorded in the audit log.
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "exchange/checks.h"
#include "service/common.h"
#include "service/findings.h"
#include "service/workspace.h"

namespace xianjie::cli {
namespace {

using nlohmann::json;

struct RunOptions {
  std::string db;
  std::string region;
  bool json = false;
};

struct ListChecksOptions {
  std::string db;
  bool json = false;
};

struct ListFindingsOptions {
  std::string db;
  std::string region;
  std::string state;
  std::string check;
  int64_t limit = 200;
  bool json = false;
};

struct ResolveOptions {
  std::string db;
  int64_t id = 0;
  std::string state;
  std::string note;
  std::string user;
};

Status CheckRegion(const std::string& region) {
  return region.empty() ? Status::Ok() : service::CheckRegionCode("--region", region);
}

int RunChecksCommand(const RunOptions& o) {
  if (Status s = CheckRegion(o.region); !s.ok()) return Fail(s);
  auto store = OpenDatabase(o.db);
  if (!store.ok()) return Fail(store.status());
  service::Workspace ws(**store);
  if (Status s = ws.Refresh(); !s.ok()) return Fail(s);
  auto report = service::RunWorkspaceChecks(ws, o.region);
  if (!report.ok()) return Fail(report.status());
  auto coordination = service::SweepCoordination(ws, o.region);
  if (!coordination.ok()) return Fail(coordination.status());
  json out = json::parse(report->ToJson());
  out["coordination"] = {{"households", coordination->households},
                         {"opened", coordination->opened},
                         {"closed", coordination->closed}};
  if (Status s = RecordAccess(**store, "check.run", "region:" + o.region, out.dump()); !s.ok()) {
    return Fail(s);
  }
  if (o.json) {
    std::printf("%s\n", out.dump().c_str());
    return kExitOk;
  }
  std::printf("checks over %s households%s in %.1f s: %s found, %s new findings\n",
              WithThousands(report->households).c_str(),
              o.region.empty() ? "" : (" of " + o.region).c_str(), report->seconds,
              WithThousands(report->found).c_str(), WithThousands(report->opened).c_str());
  const exchange::CheckSet& checks = exchange::BuiltinChecks();
  for (const exchange::CheckCount& c : report->checks) {
    const exchange::CheckDefinition* d = checks.Find(c.check);
    std::printf("  %s found %7s  new %7s  %s\n", PadRight(c.check, 4).c_str(),
                WithThousands(c.found).c_str(), WithThousands(c.opened).c_str(),
                d == nullptr ? "" : d->title_zh.c_str());
  }
  std::printf(
      "coordination checks C01–C11 over %s monitored households: %s new findings, %s "
      "closed (the plan was fixed)\n",
      WithThousands(coordination->households).c_str(), WithThousands(coordination->opened).c_str(),
      WithThousands(coordination->closed).c_str());
  return kExitOk;
}

int ListChecksCommand(const ListChecksOptions& o) {
  auto store = OpenDatabase(o.db);
  if (!store.ok()) return Fail(store.status());
  const exchange::CheckSet& checks = exchange::BuiltinChecks();
  if (o.json) {
    json list = json::array();
    for (const exchange::CheckDefinition& c : checks.checks) {
      json item = {{"id", c.id},       {"title_zh", c.title_zh}, {"title_en", c.title_en},
                   {"kind", c.Kind()}, {"enabled", c.enabled},   {"monitored", c.monitored},
                   {"risk", c.risk},   {"when", c.when}};
      list.push_back(item);
    }
    std::printf("%s\n", list.dump().c_str());
    return kExitOk;
  }
  for (const exchange::CheckDefinition& c : checks.checks) {
    std::string kind = c.Kind();
    if (c.monitored) kind += c.risk.empty() ? ", monitored" : ", monitored " + c.risk;
    std::printf("%s %s%s%s  %s\n", PadRight(c.id, 4).c_str(), PadRight(kind, 32).c_str(),
                PadRight(c.enabled ? "enabled" : "disabled", 10).c_str(),
                PadRight(c.title_zh, 46).c_str(), c.title_en.c_str());
  }
  return kExitOk;
}

json FindingJson(const exchange::Finding& f) {
  return {{"id", f.id},
          {"check", f.check},
          {"household_id", f.household_id},
          {"village_code", f.village_code},
          {"evidence_key", f.evidence_key},
          {"detail", f.detail},
          {"source", f.source},
          {"upload_id", f.upload_id},
          {"row", f.row},
          {"opened_at", f.opened_at},
          {"state", exchange::FindingStateName(f.state)},
          {"resolved_by", f.resolved_by},
          {"resolved_at", f.resolved_at},
          {"note", f.note}};
}

int ListFindingsCommand(const ListFindingsOptions& o) {
  if (Status s = CheckRegion(o.region); !s.ok()) return Fail(s);
  exchange::FindingFilter filter;
  filter.region_prefix = o.region;
  filter.check = o.check;
  if (!o.state.empty()) {
    filter.state = exchange::ParseFindingState(o.state);
    if (!filter.state) {
      return Fail(InvalidArgument("--state must be open, corrected, confirmed or justified; got '" +
                                  o.state + "'"));
    }
  }
  if (o.limit < 0) return Fail(InvalidArgument("--limit must be 0 (all) or more"));
  filter.limit = o.limit;
  auto store = OpenDatabase(o.db);
  if (!store.ok()) return Fail(store.status());
  exchange::FindingFilter unpaged = filter;
  unpaged.limit = 0;
  auto total = (*store)->CountFindings(unpaged);
  if (!total.ok()) return Fail(total.status());
  // The details name people (and Q02's and Q05's their ID numbers): the read is recorded.
  if (Status s = RecordAccess(**store, "finding.list", "region:" + o.region,
                              json{{"state", o.state}, {"check", o.check}}.dump());
      !s.ok()) {
    return Fail(s);
  }
  auto findings = (*store)->ListFindings(filter);
  if (!findings.ok()) return Fail(findings.status());
  if (o.json) {
    json list = json::array();
    for (const exchange::Finding& f : *findings) list.push_back(FindingJson(f));
    std::printf("%s\n", json{{"total", *total}, {"items", list}}.dump().c_str());
    return kExitOk;
  }
  for (const exchange::Finding& f : *findings) {
    std::printf("%s %s %s %s %s  %s\n", PadRight(std::to_string(f.id), 6).c_str(),
                PadRight(f.check, 4).c_str(),
                PadRight(std::string(exchange::FindingStateName(f.state)), 9).c_str(),
                PadRight(f.household_id, 12).c_str(), f.village_code.c_str(), f.detail.c_str());
  }
  std::printf("%s of %s findings\n", WithThousands(static_cast<int64_t>(findings->size())).c_str(),
              WithThousands(*total).c_str());
  return kExitOk;
}

int ResolveCommand(const ResolveOptions& o) {
  auto store = OpenDatabase(o.db);
  if (!store.ok()) return Fail(store.status());
  service::Workspace ws(**store);
  auto item =
      service::ResolveFindingAs(ws, o.user.empty() ? CurrentUser() : o.user, o.id, o.state, o.note);
  if (!item.ok()) return Fail(item.status());
  const exchange::Finding& f = item->finding;
  std::printf("finding %lld (%s, household %s) resolved as %s by %s\n",
              static_cast<long long>(f.id), f.check.c_str(), f.household_id.c_str(),
              std::string(exchange::FindingStateName(f.state)).c_str(), f.resolved_by.c_str());
  return kExitOk;
}

}  // namespace

void AddCheckCommand(CLI::App& app, int* exit_code) {
  CLI::App* cmd =
      app.add_subcommand("check", "Cross-checks of the registry and department data (疑点)");
  cmd->require_subcommand(1);

  auto run = std::make_shared<RunOptions>();
  CLI::App* r = cmd->add_subcommand(
      "run", "Run every enabled check over the registry and store what they find as findings");
  r->add_option("--db", run->db, "Registry database")->required();
  r->add_option("--region", run->region, "Only the households of this region code prefix");
  r->add_flag("--json", run->json, "Print the counts as one JSON object");
  r->callback([run, exit_code] { *exit_code = RunChecksCommand(*run); });

  auto list = std::make_shared<ListChecksOptions>();
  CLI::App* l = cmd->add_subcommand("list", "The checks: id, kind, enabled, titles");
  l->add_option("--db", list->db, "Registry database")->required();
  l->add_flag("--json", list->json, "Print the checks as a JSON array");
  l->callback([list, exit_code] { *exit_code = ListChecksCommand(*list); });
}

void AddFindingCommand(CLI::App& app, int* exit_code) {
  CLI::App* cmd = app.add_subcommand("finding", "Findings of the cross-checks (疑点)");
  cmd->require_subcommand(1);

  auto list = std::make_shared<ListFindingsOptions>();
  CLI::App* l = cmd->add_subcommand("list", "Findings, open ones first");
  l->add_option("--db", list->db, "Registry database")->required();
  l->add_option("--region", list->region, "Only the findings of this region code prefix");
  l->add_option("--state", list->state, "open, corrected or confirmed (default: any)");
  l->add_option("--check", list->check, "Only this check's findings (Q01 ...)");
  l->add_option("--limit", list->limit, "At most this many (default 200; 0 = all)");
  l->add_flag("--json", list->json, "Print {\"total\", \"items\"} as JSON");
  l->callback([list, exit_code] { *exit_code = ListFindingsCommand(*list); });

  auto resolve = std::make_shared<ResolveOptions>();
  CLI::App* r = cmd->add_subcommand("resolve", "Resolve an open finding with a note");
  r->add_option("--db", resolve->db, "Registry database")->required();
  r->add_option("ID", resolve->id, "The finding's id (finding list)")->required();
  r->add_option("--state", resolve->state,
                "corrected (the data was wrong and has been corrected) or confirmed (it is real)")
      ->required();
  r->add_option("--note", resolve->note, "What was checked and done")->required();
  r->add_option("--user", resolve->user, "Who resolves it (default: the system user)");
  r->callback([resolve, exit_code] { *exit_code = ResolveCommand(*resolve); });
}

}  // namespace xianjie::cli
