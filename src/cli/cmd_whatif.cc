// `xianjie whatif`: who would enter or leave monitoring under standard B instead of A, per county
// and per proposed type, on the registry now or as it was on a date (department facts as of
// that day).
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/screening_common.h"
#include "rules/whatif.h"
#include "store/database.h"

namespace xianjie::cli {
namespace {

struct WhatIfOptions {
  std::string db;
  std::string a;
  std::string b;
  std::string as_of;
  std::string out;
  int threads = 2;
  bool json = false;
};

std::string Signed(int64_t n) { return (n > 0 ? "+" : "") + WithThousands(n); }

int RunWhatIf(const WhatIfOptions& o) {
  std::string as_of_utc;
  std::optional<CivilDate> as_of_day;
  if (!o.as_of.empty()) {
    auto day = ParseDate(o.as_of);
    if (!day.ok()) return Fail(InvalidArgument("--as-of: " + day.status().message()));
    as_of_utc = EndOfChinaDayUtc(*day);
    as_of_day = *day;
  }
  auto db = OpenDatabase(o.db);
  if (!db.ok()) return Fail(db.status());
  store::Database& database = **db;
  auto a = StandardFromSpec(&database, o.a);
  if (!a.ok()) return Fail(InvalidArgument("--standard: " + a.status().message()));
  auto b = StandardFromSpec(&database, o.b);
  if (!b.ok()) return Fail(InvalidArgument("--vs: " + b.status().message()));
  if (a->province != b->province) {
    return Fail(InvalidArgument("the two standards are for different provinces (" + a->province +
                                " and " + b->province + "): compare standards of one province"));
  }
  auto ca = CompileStandard(*a);
  if (!ca.ok()) return Fail(ca.status());
  auto cb = CompileStandard(*b);
  if (!cb.ok()) return Fail(cb.status());
  // Both standards see the same households: the narrower scope of the two.
  std::string scope = a->province;
  if (!a->county.empty()) scope = a->county;
  if (!b->county.empty()) scope = b->county;
  auto snapshot = ReadRegistrySnapshot(database, scope, as_of_utc);
  if (!snapshot.ok()) return Fail(snapshot.status());
  // Both read the same department facts: as of --as-of's day, else today.
  auto facts = DepartmentFacts(database, *snapshot, as_of_day.value_or(ChinaToday()),
                               {ca->get(), cb->get()}, o.threads);
  if (!facts.ok()) return Fail(facts.status());
  const rules::WhatIfReport report =
      rules::CompareStandards(**snapshot, **ca, **cb, o.threads, &*facts);

  if (!o.out.empty()) {
    std::ofstream out(o.out, std::ios::binary | std::ios::trunc);
    rules::WriteWhatIfCsv(report, out);
    out.flush();
    if (!out) return Fail(IoError("cannot write '" + o.out + "'"));
  }
  auto regions = LoadRegionTable(database);
  auto county_name = [&](uint32_t code) -> std::string {
    if (!regions.ok()) return "";
    const registry::Region* r = regions->Find(std::to_string(code));
    return r == nullptr ? "" : r->name;
  };
  if (o.json) {
    auto counts = [](const rules::WhatIfCounts& c) {
      return nlohmann::ordered_json{{"screened", c.screened},   {"flagged_a", c.flagged_a},
                                    {"flagged_b", c.flagged_b}, {"entering", c.entering},
                                    {"leaving", c.leaving},     {"type_changed", c.type_changed}};
    };
    nlohmann::ordered_json j;
    j["a"] = {{"hash", a->content_hash}, {"name", a->name}, {"year", a->year}};
    j["b"] = {{"hash", b->content_hash}, {"name", b->name}, {"year", b->year}};
    j["as_of"] = o.as_of;
    j["total"] = counts(report.total);
    auto counties = nlohmann::ordered_json::array();
    for (const auto& [code, c] : report.by_county) {
      auto row = counts(c);
      row["county_code"] = std::to_string(code);
      row["county_name"] = county_name(code);
      counties.push_back(std::move(row));
    }
    j["counties"] = std::move(counties);
    auto types = nlohmann::ordered_json::object();
    for (const auto& [code, n] : report.by_type) {
      types[code] = {{"entering", n.first}, {"leaving", n.second}};
    }
    j["types"] = std::move(types);
    std::printf("%s\n", j.dump().c_str());
    return kExitOk;
  }
  std::printf("A: %s (%s)\nB: %s (%s)\n", a->name.c_str(), a->content_hash.c_str(), b->name.c_str(),
              b->content_hash.c_str());
  if (!o.as_of.empty()) std::printf("registry as of %s\n", o.as_of.c_str());
  std::printf("%s %10s %10s %10s %10s %10s\n", PadRight("county", 24).c_str(), "flagged A",
              "flagged B", "enter", "leave", "net");
  for (const auto& [code, c] : report.by_county) {
    std::printf("%s %10s %10s %10s %10s %10s\n",
                PadRight(std::to_string(code) + " " + county_name(code), 24).c_str(),
                WithThousands(c.flagged_a).c_str(), WithThousands(c.flagged_b).c_str(),
                WithThousands(c.entering).c_str(), WithThousands(c.leaving).c_str(),
                Signed(c.entering - c.leaving).c_str());
  }
  const rules::WhatIfCounts& t = report.total;
  std::printf("%s %10s %10s %10s %10s %10s\n", PadRight("total", 24).c_str(),
              WithThousands(t.flagged_a).c_str(), WithThousands(t.flagged_b).c_str(),
              WithThousands(t.entering).c_str(), WithThousands(t.leaving).c_str(),
              Signed(t.entering - t.leaving).c_str());
  std::printf("by proposed type (entering under B, leaving under A):\n");
  for (const auto& [code, n] : report.by_type) {
    std::printf("  %s enter %s, leave %s\n", PadRight(code.empty() ? "(none)" : code, 18).c_str(),
                WithThousands(n.first).c_str(), WithThousands(n.second).c_str());
  }
  if (t.type_changed > 0) {
    std::printf("  %s households stay flagged with another type\n",
                WithThousands(t.type_changed).c_str());
  }
  if (!o.out.empty()) std::printf("household list written to %s\n", o.out.c_str());
  return kExitOk;
}

}  // namespace

void AddWhatIfCommand(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<WhatIfOptions>();
  CLI::App* cmd = app.add_subcommand(
      "whatif", "Compare two standards on the registry: who enters and who leaves monitoring");
  cmd->add_option("--db", o->db, "Registry database")->required();
  cmd->add_option("--standard", o->a,
                  "Standard A: TOML file, stored hash, or PROVINCE-YEAR such as 63-2024")
      ->required();
  cmd->add_option("--vs", o->b, "Standard B, named the same ways")->required();
  cmd->add_option("--as-of", o->as_of,
                  "Use the registry as it was at the end of this day, and the department facts "
                  "(dept.<fact>) as of this day (default: today)");
  cmd->add_option("--out", o->out, "Write the households that change to this CSV file");
  cmd->add_option("--threads", o->threads, "Threads to use (default 2)")->check(CLI::Range(1, 64));
  cmd->add_flag("--json", o->json, "Print the comparison as one JSON object");
  cmd->callback([o, exit_code] { *exit_code = RunWhatIf(*o); });
}

}  // namespace xianjie::cli
