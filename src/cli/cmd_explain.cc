// `xianjie explain`: every rule of the standard in force for one household, whether it fired,
// and the values that decided it (department facts, dept.<fact>, as of today).
#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/screening_common.h"
#include "rules/explain.h"
#include "store/database.h"

namespace xianjie::cli {
namespace {

struct ExplainOptions {
  std::string db;
  std::string household;
  std::string province;
  std::string county;
  int year = 0;
  std::string standard;
  bool json = false;
};

const char* TruthText(rules::Truth t) {
  switch (t) {
    case rules::Truth::kTrue:
      return "fired";
    case rules::Truth::kFalse:
      return "no";
    case rules::Truth::kUnknown:
      return "unknown";
  }
  return "?";
}

nlohmann::ordered_json TermJson(const rules::ExplainedTerm& t) {
  nlohmann::ordered_json j{{"source", t.source}, {"value", t.value}};
  if (!t.children.empty()) {
    auto children = nlohmann::ordered_json::array();
    for (const auto& c : t.children) children.push_back(TermJson(c));
    j["children"] = std::move(children);
  }
  return j;
}

int RunExplain(const ExplainOptions& o) {
  auto db = OpenDatabase(o.db);
  if (!db.ok()) return Fail(db.status());
  store::Database& database = **db;
  auto standard = o.standard.empty() ? StandardInForce(&database, o.province, o.county, o.year)
                                     : StandardFromSpec(&database, o.standard);
  if (!standard.ok()) return Fail(standard.status());
  auto compiled = CompileStandard(*standard);
  if (!compiled.ok()) return Fail(compiled.status());
  const std::string ids[] = {o.household};
  auto current = database.GetCurrent(ids);
  if (!current.ok()) return Fail(current.status());
  if (current->empty()) {
    return Fail(NotFound("household '" + o.household + "' is not in the registry " +
                         store::DisplayName(o.db)));
  }
  if (Status s = RecordAccess(database, "household.explain", o.household); !s.ok()) return Fail(s);
  registry::SnapshotBuilder builder;
  if (Status s = builder.Add(current->front().record); !s.ok()) return Fail(s);
  const std::shared_ptr<const registry::Snapshot> snapshot = builder.Finish();
  // dept.<fact> reads the department data uploaded so far, as of today (as `screen` does).
  auto facts = DepartmentFacts(database, snapshot, ChinaToday(), {compiled->get()});
  if (!facts.ok()) return Fail(facts.status());
  const rules::HouseholdExplanation e = rules::Explain(*snapshot, 0, **compiled, &*facts);

  if (o.json) {
    nlohmann::ordered_json j;
    j["household_id"] = e.household_id;
    j["standard"] = {{"hash", standard->content_hash},
                     {"province", standard->province},
                     {"county", standard->county},
                     {"year", standard->year},
                     {"name", standard->name}};
    j["screened"] = e.screened;
    auto rules = nlohmann::ordered_json::array();
    for (const auto& r : e.rules) {
      rules.push_back({{"rule", r.rule_id},
                       {"label_zh", r.label_zh},
                       {"label_en", r.label_en},
                       {"when", r.when},
                       {"result", r.result == rules::Truth::kTrue    ? "true"
                                  : r.result == rules::Truth::kFalse ? "false"
                                                                     : "unknown"},
                       {"because", r.because},
                       {"suggested_risk", r.suggested_risk},
                       {"tree", TermJson(r.tree)}});
    }
    j["rules"] = std::move(rules);
    j["proposed_type"] = e.proposed_type;
    j["type_because"] = e.type_because;
    std::printf("%s\n", j.dump().c_str());
    return kExitOk;
  }
  std::printf("household %s under %s (%s, standard %s)\n", e.household_id.c_str(),
              standard->name.c_str(), std::to_string(standard->year).c_str(),
              standard->content_hash.c_str());
  if (!e.screened) {
    std::printf("  not screened: no listed member shares the household (DOMAIN.md §4.1)\n");
    return kExitOk;
  }
  for (const auto& r : e.rules) {
    std::printf("  %s %s %s", PadRight(r.rule_id, 20).c_str(),
                PadRight(TruthText(r.result), 8).c_str(), r.because.c_str());
    if (!r.suggested_risk.empty()) std::printf("  [risk %s]", r.suggested_risk.c_str());
    std::printf("\n");
  }
  const bool flagged = std::any_of(e.rules.begin(), e.rules.end(),
                                   [](const auto& r) { return r.result == rules::Truth::kTrue; });
  if (!flagged) {
    std::printf("  no rule fired: not flagged\n");
  } else if (e.proposed_type.empty()) {
    std::printf("  flagged, but no type's condition holds: no proposed type\n");
  } else {
    std::printf("  proposed type: %s  (%s)\n", e.proposed_type.c_str(), e.type_because.c_str());
  }
  return kExitOk;
}

}  // namespace

void AddExplainCommand(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<ExplainOptions>();
  CLI::App* cmd = app.add_subcommand(
      "explain",
      "Explain one household's screening: every rule, and the values that decided it, "
      "department facts (dept.<fact>) as of today among them");
  cmd->add_option("--db", o->db, "Registry database")->required();
  cmd->add_option("--household", o->household, "Household id")->required();
  cmd->add_option("--province", o->province, "Province code, e.g. 63")->required();
  cmd->add_option("--year", o->year, "Year of the standard, e.g. 2024")->required();
  cmd->add_option("--county", o->county, "County code, for a county's own standard");
  cmd->add_option("--standard", o->standard,
                  "Explain under this standard (TOML file or stored hash) instead");
  cmd->add_flag("--json", o->json, "Print the explanation as one JSON object");
  cmd->callback([o, exit_code] {
    if (Status s = CheckScope(o->province, o->county, o->year); !s.ok()) {
      *exit_code = Fail(s);
      return;
    }
    *exit_code = RunExplain(*o);
  });
}

}  // namespace xianjie::cli
