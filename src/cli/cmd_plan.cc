// `xianjie plan show|list` and `xianjie catalog show|put` (docs/decisions/0008): assistance plans
// and the measures catalogue for scripting. Plans are personal data: every plan command names
// the user it reads as (--as), whose role and scope the service checks and whose reads it audits,
// exactly as the web application does. The catalogue is not: `catalog show` reads without a user,
// `catalog put` needs a province officer (--as). --json prints the API's JSON
// (service/assist_json.h).
#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <utility>

#include "cli/acting_user.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "service/assist.h"
#include "service/assist_json.h"
#include "service/workspace.h"

namespace xianjie::cli {
namespace {

using nlohmann::json;

struct PlanOptions {
  std::string db;
  std::string as;  // username
  bool json = false;
  std::string household;
  int64_t plan_id = 0;
  std::string region;
  std::string state;
  std::string province;
  std::string file;
  bool toml = false;
};

// Opens --db as the user of --as (OpenActingUser), the registry read so that answers name
// villages and heads.
Result<ActingUser> OpenAs(const PlanOptions& o) {
  return OpenActingUser(o.db, o.as, /*load_registry=*/true);
}

void PrintPlan(const service::PlanFile& f) {
  const assist::Plan& p = f.plan;
  std::printf("plan %lld  %s  household %s (%s, %s)\n", static_cast<long long>(p.id),
              std::string(assist::PlanStateCode(p.state)).c_str(), p.household_id.c_str(),
              f.head_name.c_str(), f.village_name.c_str());
  std::printf("episode %lld  %s  risks %s  identified %s\n", static_cast<long long>(f.episode.id),
              f.episode.type.c_str(), f.episode.risks.c_str(),
              f.episode.identified_on.ToString().c_str());
  std::printf("created by %s at %s", p.created_by.c_str(), p.created_at.c_str());
  if (!p.completed_by.empty()) {
    std::printf("; completed by %s at %s", p.completed_by.c_str(), p.completed_at.c_str());
  }
  std::printf("\n");
  if (!p.note.empty()) std::printf("note: %s\n", p.note.c_str());
  if (f.responsible) {
    std::printf("responsible: %s (%s, %s) since %s\n", f.responsible->name.c_str(),
                f.responsible->unit.c_str(), f.responsible->phone.c_str(),
                f.responsible->from.ToString().c_str());
  } else {
    std::printf("responsible: none assigned\n");
  }
  std::printf("measures: %zu\n", f.measures.size());
  for (const cases::Measure& m : f.measures) {
    std::printf("  %-6lld %-20s %-28s %-12s %s  %s\n", static_cast<long long>(m.id),
                std::string(cases::MeasureCategoryCode(m.category)).c_str(), m.item_code.c_str(),
                std::string(cases::MeasureStatusCode(m.status)).c_str(), m.start.ToString().c_str(),
                m.item.c_str());
  }
  std::printf("visits (latest %zu):\n", f.visits.size());
  for (const assist::Visit& v : f.visits) {
    std::printf("  %s  %s: %s\n", v.visited_on.ToString().c_str(), v.visitor.c_str(),
                v.found.c_str());
  }
}

int RunShow(const PlanOptions& o) {
  if ((o.plan_id == 0) == o.household.empty()) {
    return Fail(InvalidArgument("give either --household or --plan"));
  }
  auto user = OpenAs(o);
  if (!user.ok()) return Fail(user.status());
  auto file = o.plan_id != 0 ? service::GetPlan(*user->ws, user->principal, o.plan_id)
                             : service::PlanOfHousehold(*user->ws, user->principal, o.household);
  if (!file.ok()) return Fail(file.status());
  if (o.json) {
    std::printf("%s\n", service::PlanFileJson(*file).dump().c_str());
  } else {
    PrintPlan(*file);
  }
  return kExitOk;
}

int RunList(const PlanOptions& o) {
  auto user = OpenAs(o);
  if (!user.ok()) return Fail(user.status());
  json items = json::array();
  std::vector<service::PlanItem> rows;
  for (int64_t offset = 0;; offset += service::kMaxPageLimit) {
    auto page = service::ListPlans(*user->ws, user->principal, o.region, o.state, offset,
                                   service::kMaxPageLimit);
    if (!page.ok()) return Fail(page.status());
    for (service::PlanItem& item : page->items) rows.push_back(std::move(item));
    if (offset + service::kMaxPageLimit >= page->total) break;
  }
  if (o.json) {
    for (const service::PlanItem& item : rows) items.push_back(service::PlanItemJson(item));
    std::printf("%s\n", items.dump().c_str());
    return kExitOk;
  }
  std::printf("%-6s %-20s %-12s %-9s %-8s %s\n", "plan", "household", "village", "state",
              "measures", "head");
  for (const service::PlanItem& item : rows) {
    const assist::Plan& p = item.plan;
    std::printf("%-6lld %-20s %-12s %-9s %-8lld %s\n", static_cast<long long>(p.id),
                p.household_id.c_str(), p.village_code.c_str(),
                std::string(assist::PlanStateCode(p.state)).c_str(),
                static_cast<long long>(item.measures), item.head_name.c_str());
  }
  std::printf("%zu plans\n", rows.size());
  return kExitOk;
}

void PrintCatalog(const service::CatalogInForce& c) {
  if (c.version == 0) {
    std::printf("measures catalogue of province %s: built in (config/measures.toml)\n",
                c.province.c_str());
  } else {
    std::printf("measures catalogue of province %s: version %lld, put by %s at %s\n",
                c.province.c_str(), static_cast<long long>(c.version), c.created_by.c_str(),
                c.created_at.c_str());
  }
  for (const assist::CatalogCategory& cat : c.catalog.categories) {
    std::printf("%s %s%s\n", std::string(cases::MeasureCategoryCode(cat.category)).c_str(),
                cat.name_zh.c_str(), cat.development ? " (development)" : "");
    for (const assist::CatalogItem& i : cat.items) {
      std::printf("  %-32s %s  [%s]\n", i.code.c_str(), i.name_zh.c_str(), i.department.c_str());
    }
  }
}

int RunCatalogShow(const PlanOptions& o) {
  Result<service::CatalogInForce> catalog = InvalidArgument("unreachable");
  std::unique_ptr<store::Database> db;
  if (o.as.empty()) {
    auto opened = OpenDatabase(o.db);
    if (!opened.ok()) return Fail(opened.status());
    db = std::move(*opened);
    service::Workspace ws(*db);
    catalog = service::CatalogOf(ws, o.province);
  } else {
    auto user = OpenAs(o);
    if (!user.ok()) return Fail(user.status());
    catalog = service::ActiveCatalog(*user->ws, user->principal, o.province);
  }
  if (!catalog.ok()) return Fail(catalog.status());
  if (o.toml) {
    std::printf("%s", catalog->text.c_str());
  } else if (o.json) {
    std::printf("%s\n", service::CatalogJson(*catalog).dump().c_str());
  } else {
    PrintCatalog(*catalog);
  }
  return kExitOk;
}

int RunCatalogPut(const PlanOptions& o) {
  std::ifstream in(o.file, std::ios::binary);
  if (!in) return Fail(NotFound("cannot read '" + o.file + "'"));
  std::ostringstream text;
  text << in.rdbuf();
  auto user = OpenAs(o);
  if (!user.ok()) return Fail(user.status());
  auto put = service::PutCatalog(*user->ws, user->principal, o.province, text.str());
  if (!put.ok()) return Fail(put.status());
  if (o.json) {
    std::printf("%s\n", service::CatalogJson(*put).dump().c_str());
  } else {
    std::printf("measures catalogue of province %s: version %lld in force\n", put->province.c_str(),
                static_cast<long long>(put->version));
  }
  return kExitOk;
}

}  // namespace

void AddPlanCommand(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<PlanOptions>();
  CLI::App* cmd = app.add_subcommand("plan", "Assistance plans of monitoring objects: show, list");
  cmd->require_subcommand(1);

  CLI::App* show = cmd->add_subcommand("show", "Show a household's plan, or a plan by id");
  show->add_option("--db", o->db, "Registry database")->required();
  show->add_option("--as", o->as, "Read as this user (their scope; the read is audited)")
      ->required();
  show->add_option("--household", o->household, "Household id");
  show->add_option("--plan", o->plan_id, "Plan id");
  show->add_flag("--json", o->json, "Print JSON");
  show->callback([o, exit_code] { *exit_code = RunShow(*o); });

  CLI::App* list = cmd->add_subcommand("list", "List the plans of a region");
  list->add_option("--db", o->db, "Registry database")->required();
  list->add_option("--as", o->as, "List as this user (their scope; audited)")->required();
  list->add_option("--region", o->region, "Only plans of villages under this region code");
  list->add_option("--state", o->state,
                   "Only plans in this state (draft, active, complete, closed)");
  list->add_flag("--json", o->json, "Print a JSON array");
  list->callback([o, exit_code] { *exit_code = RunList(*o); });
}

void AddCatalogCommand(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<PlanOptions>();
  o->province = "63";
  CLI::App* cmd = app.add_subcommand("catalog", "The measures catalogue of a province: show, put");
  cmd->require_subcommand(1);

  CLI::App* show = cmd->add_subcommand("show", "Show the catalogue in force");
  show->add_option("--db", o->db, "Registry database")->required();
  show->add_option("--province", o->province, "Province code (default 63)");
  show->add_option("--as", o->as, "Read as this user");
  show->add_flag("--json", o->json, "Print JSON");
  show->add_flag("--toml", o->toml, "Print the catalogue's TOML");
  show->callback([o, exit_code] { *exit_code = RunCatalogShow(*o); });

  CLI::App* put =
      cmd->add_subcommand("put", "Put a new version of the catalogue, in force at once");
  put->add_option("--db", o->db, "Registry database")->required();
  put->add_option("--province", o->province, "Province code (default 63)");
  put->add_option("--as", o->as, "The province officer putting it")->required();
  put->add_option("file", o->file, "The catalogue (TOML, as config/measures.toml)")->required();
  put->add_flag("--json", o->json, "Print the catalogue in force as JSON");
  put->callback([o, exit_code] { *exit_code = RunCatalogPut(*o); });
}

}  // namespace xianjie::cli
