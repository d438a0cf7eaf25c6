// `xianjie source list|show`: the department sources (decision 0006) with their last upload, and
// their contracts as the program understood them.
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "exchange/exchange_store.h"
#include "ingest/source_contract.h"
#include "service/sources.h"

namespace xianjie::cli {
namespace {

using nlohmann::json;

struct SourceListOptions {
  std::string db;
};

struct SourceShowOptions {
  std::string db;
  std::string name;
  bool json = false;
};

int RunList(const SourceListOptions& o) {
  auto store = OpenDatabase(o.db);
  if (!store.ok()) return Fail(store.status());
  for (const ingest::SourceContract& c : ingest::BuiltinContracts()) {
    exchange::UploadFilter filter;
    filter.source = c.name;
    filter.limit = 1;
    auto last = (*store)->ListUploads(filter);
    if (!last.ok()) return Fail(last.status());
    std::string upload = "never uploaded";
    if (!last->empty()) {
      const exchange::UploadRecord& u = last->front();
      upload = "last " + u.uploaded_at + " (" + WithThousands(u.read) + " rows, " +
               WithThousands(u.accepted) + " accepted)";
    }
    std::printf("%s%s%s%s%s\n", PadRight(c.name, 19).c_str(), PadRight(c.title, 28).c_str(),
                PadRight(c.department, 26).c_str(),
                PadRight(std::string(ingest::SourceFrequencyName(c.frequency)), 11).c_str(),
                upload.c_str());
  }
  return kExitOk;
}

std::string Joined(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const std::string& s : items) {
    if (!out.empty()) out += separator;
    out += s;
  }
  return out;
}

std::string ContractText(const ingest::SourceContract& c) {
  std::string out = "source " + c.name + " — " + c.title + "\n";
  out += "  department  " + c.department + "\n";
  out += "  frequency   " + std::string(ingest::SourceFrequencyName(c.frequency)) + "\n";
  out += "  key         " + std::string(ingest::SourceKeyName(c.key)) + " (column " +
         c.KeyColumn().name + ")\n";
  out += "  period      " + c.period + "\n";
  out += "  event date  " + (c.event_date.empty() ? std::string("-") : c.event_date) + "\n";
  out += "  from        " + c.origin + " (built in)\n";
  out += "columns (" + std::to_string(c.columns.size()) + ")\n";
  for (const ingest::ContractColumn& col : c.columns) {
    out += "  " + PadRight(col.name, 18) +
           PadRight(std::string(ingest::ColumnTypeName(col.type)), 14) +
           PadRight(col.required ? "required" : "optional", 10) + col.header;
    if (!col.aliases.empty()) out += "  (also: " + Joined(col.aliases, ", ") + ")";
    out += "\n";
    if (!col.values.empty()) {
      std::vector<std::string> values;
      for (const ingest::EnumValue& v : col.values) values.push_back(v.label + " = " + v.value);
      out += "  " + std::string(18, ' ') + "values: " + Joined(values, ", ") + "\n";
    }
  }
  out += "facts (" + std::to_string(c.facts.size()) + ")\n";
  for (const ingest::ContractFact& f : c.facts) {
    out += "  " + PadRight("dept." + f.name, 32) + f.aggregate + "\n";
  }
  out += "warnings (" + std::to_string(c.warnings.size()) + ")\n";
  for (const ingest::ContractWarning& w : c.warnings) {
    out += "  when " + w.when + "\n";
    out += "       type " + w.type +
           (w.risks.empty() ? std::string() : ", risks " + Joined(w.risks, ", ")) + "\n";
    out += "       message " + w.message + "\n";
  }
  out += "updates (" + std::to_string(c.updates.size()) + ")\n";
  for (const ingest::ContractUpdate& u : c.updates) {
    out += "  " + u.field + " = " +
           (u.column.empty() ? "\"" + u.value + "\"" : "the column " + u.column) + "\n";
  }
  return out;
}

int RunShow(const SourceShowOptions& o) {
  auto store = OpenDatabase(o.db);
  if (!store.ok()) return Fail(store.status());
  const ingest::SourceContract* c = ingest::FindBuiltinContract(o.name);
  if (c == nullptr) {
    return Fail(NotFound("unknown source '" + o.name + "'; the sources are " +
                         ingest::BuiltinContractNames()));
  }
  if (o.json) {
    std::printf("%s\n", nlohmann::json::parse(service::SourceContractJson(*c)).dump(2).c_str());
  } else {
    std::fputs(ContractText(*c).c_str(), stdout);
  }
  return kExitOk;
}

}  // namespace

void AddSourceCommand(CLI::App& app, int* exit_code) {
  CLI::App* cmd = app.add_subcommand(
      "source",
      "Department data sources and their contracts (columns, facts, warnings): list, show");
  cmd->require_subcommand(1);

  auto list = std::make_shared<SourceListOptions>();
  CLI::App* ls = cmd->add_subcommand(
      "list", "The sources, one a line: name, title, department, how often it should arrive");
  ls->add_option("--db", list->db, "Database")->required();
  ls->callback([list, exit_code] { *exit_code = RunList(*list); });

  auto show = std::make_shared<SourceShowOptions>();
  CLI::App* sh = cmd->add_subcommand(
      "show",
      "One source's contract as understood: columns with headers and aliases, types, facts, "
      "warnings, updates");
  sh->add_option("NAME", show->name, "The source, e.g. medical_insurance")->required();
  sh->add_option("--db", show->db, "Database")->required();
  sh->add_flag("--json", show->json, "Print the contract as one JSON object");
  sh->callback([show, exit_code] { *exit_code = RunShow(*show); });
}

}  // namespace xianjie::cli
