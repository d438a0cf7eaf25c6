// `xianjie standard load|check|list|show`: monitoring standards as data (docs/standards.md). A
// loaded standard of the same province, county and year replaces the built-in one; the latest
// load wins, and loading an earlier standard again puts it back (rules/standard_resolve.h).
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <tuple>

#include "base/clock.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/screening_common.h"
#include "cli/standard_text.h"
#include "rules/screening_run.h"
#include "rules/standard_resolve.h"
#include "rules/standard_toml.h"

namespace xianjie::cli {
namespace {

std::string Scope(const std::string& province, const std::string& county, int year) {
  return "province " + province + (county.empty() ? "" : ", county " + county) + ", year " +
         std::to_string(year);
}

// ---------------------------------------------------------------- load

struct LoadOptions {
  std::string file;
  std::string db;
};

Result<std::string> ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return NotFound("cannot read standard file '" + path + "': " + std::strerror(errno));
  }
  std::stringstream text;
  text << in.rdbuf();
  if (in.bad()) return IoError("cannot read standard file '" + path + "'");
  return text.str();
}

// "on T by U", or "by U" for a load whose time was not recorded (rows that `xianjie screen`
// stored before migration 0003 count as loads without a time).
std::string OnBy(const std::string& at, const std::string& user) {
  return (at.empty() ? "" : "on " + at + " ") + "by " + user;
}

// What was in force for the standard's scope before the load, for the message.
std::string Replaced(const std::optional<rules::StoredStandard>& before, const rules::Standard& s) {
  if (before) {
    return "replacing " + before->content_hash + " loaded from " + before->origin +
           (before->loaded_at.empty() ? "" : " on " + before->loaded_at);
  }
  if (const rules::Standard* builtin = rules::FindBuiltinStandard(s.province, s.county, s.year)) {
    if (builtin->content_hash == s.content_hash) return "the same content as the built-in one";
    return "replacing the built-in " + builtin->content_hash;
  }
  return "the first standard of its province, county and year";
}

// The latest load of `hash`, if it was ever loaded.
std::optional<rules::StandardLoad> LastLoadOf(const std::vector<rules::StandardLoad>& loads,
                                              const std::string& hash) {
  for (auto it = loads.rbegin(); it != loads.rend(); ++it) {
    if (it->content_hash == hash) return *it;
  }
  return std::nullopt;
}

// A standard file read, parsed and compiled against the facts the server compiles it with.
struct CheckedStandard {
  rules::Standard standard;
  std::shared_ptr<const rules::CompiledStandard> compiled;
};

Result<CheckedStandard> ReadStandardFile(const std::string& path) {
  XJ_ASSIGN_OR_RETURN(std::string text, ReadText(path));
  XJ_ASSIGN_OR_RETURN(rules::Standard standard, rules::ParseStandardToml(text, path));
  XJ_ASSIGN_OR_RETURN(std::shared_ptr<const rules::CompiledStandard> compiled,
                      CompileStandard(standard));
  return CheckedStandard{std::move(standard), std::move(compiled)};
}

// "  line 7500.00 yuan, 7 parameters, 9 rules, 4 types" and a line break.
void PrintOutline(const rules::Standard& s, const char* tail = "") {
  std::printf("  line %s yuan%s, %zu parameters, %zu rules, %zu types%s\n",
              s.line.ToYuanCentsString().c_str(),
              s.line_definition.placeholder ? " (placeholder)" : "", s.parameters.size(),
              s.rules.size(), s.types.size(), tail);
}

int RunLoad(const LoadOptions& o) {
  // Every expression must compile before the standard is stored (the screening commands would
  // fail on it later, far from the file).
  auto checked = ReadStandardFile(o.file);
  if (!checked.ok()) return Fail(checked.status());
  const rules::Standard& s = checked->standard;
  auto db = OpenDatabase(o.db);
  if (!db.ok()) return Fail(db.status());
  rules::ScreeningStore& store = **db;
  auto before = store.LatestStandard(s.province, s.county, s.year);
  if (!before.ok()) return Fail(before.status());
  const std::string scope = Scope(s.province, s.county, s.year);
  if (*before && (*before)->content_hash == s.content_hash) {
    // A load would change nothing: no new load is recorded.
    const rules::StoredStandard& b = **before;
    std::printf("standard %s (%s) is already loaded, %s, and in force for %s; nothing changed\n",
                s.content_hash.c_str(), s.name.c_str(), OnBy(b.loaded_at, b.user).c_str(),
                scope.c_str());
    return kExitOk;
  }
  auto loads = store.ListLoads();
  if (!loads.ok()) return Fail(loads.status());
  const std::optional<rules::StandardLoad> earlier = LastLoadOf(*loads, s.content_hash);
  rules::StoredStandard stored;
  stored.content_hash = s.content_hash;
  stored.province = s.province;
  stored.county = s.county;
  stored.year = s.year;
  stored.name = s.name;
  stored.origin = o.file;
  stored.toml = s.toml;
  stored.loaded_at = UtcNowIso8601();
  stored.user = CurrentUser();
  if (auto load = store.LoadStandard(stored); !load.ok()) return Fail(load.status());
  std::printf("loaded %s from %s as standard %s\n", s.name.c_str(), o.file.c_str(),
              s.content_hash.c_str());
  PrintOutline(s);
  if (earlier) {
    std::printf("  back in force for %s, %s; it was loaded before, %s from %s\n", scope.c_str(),
                Replaced(*before, s).c_str(), OnBy(earlier->loaded_at, earlier->user).c_str(),
                earlier->origin.c_str());
  } else {
    std::printf("  in force for %s, %s\n", scope.c_str(), Replaced(*before, s).c_str());
  }
  return kExitOk;
}

// ---------------------------------------------------------------- check

struct CheckOptions {
  std::string file;
};

int RunCheck(const CheckOptions& o) {
  auto checked = ReadStandardFile(o.file);
  if (!checked.ok()) return Fail(checked.status());
  const rules::Standard& s = checked->standard;
  std::printf("%s: standard %s (%s) for %s compiles; nothing stored\n", o.file.c_str(),
              s.content_hash.c_str(), s.name.c_str(), Scope(s.province, s.county, s.year).c_str());
  PrintOutline(
      s, rules::NamesFacts(*checked->compiled) ? "; reads department facts (dept.<fact>)" : "");
  return kExitOk;
}

// ---------------------------------------------------------------- list

struct StandardListOptions {
  std::string db;
  bool json = false;
};

// One standard: a built-in one, or one loaded at least once (a standard that a screening run
// only recorded is not listed: it is in force nowhere; `show --hash` finds it).
struct ListRow {
  std::string province, county;
  int year = 0;
  int64_t order = 0;  // 0 built-in, else the id of its latest load: in force is the highest
  std::string hash, name;
  std::vector<rules::StandardLoad> loads;  // oldest first; none for a built-in row
  bool in_force = false;
};

// The rows of the built-in standards and, with a database, of every loaded one, ordered by
// scope then `order`, with the one in force in each scope marked.
Result<std::vector<ListRow>> ListRows(const std::string& db_spec) {
  std::vector<ListRow> rows;
  for (const rules::Standard& s : rules::BuiltinStandards()) {
    rows.push_back({s.province, s.county, s.year, 0, s.content_hash, s.name, {}});
  }
  if (!db_spec.empty()) {
    XJ_ASSIGN_OR_RETURN(auto db, OpenDatabase(db_spec));
    XJ_ASSIGN_OR_RETURN(auto stored, db->ListStandards());
    XJ_ASSIGN_OR_RETURN(auto loads, db->ListLoads());
    std::map<std::string, ListRow> loaded;  // by hash
    for (const rules::StandardLoad& l : loads) {
      ListRow& row = loaded[l.content_hash];
      row.province = l.province;
      row.county = l.county;
      row.year = l.year;
      row.order = l.load_id;
      row.hash = l.content_hash;
      row.loads.push_back(l);
    }
    for (const rules::StoredStandard& s : stored) {
      if (auto it = loaded.find(s.content_hash); it != loaded.end()) it->second.name = s.name;
    }
    for (auto& [hash, row] : loaded) rows.push_back(std::move(row));
  }
  std::sort(rows.begin(), rows.end(), [](const ListRow& a, const ListRow& b) {
    return std::tie(a.province, a.county, a.year, a.order) <
           std::tie(b.province, b.county, b.year, b.order);
  });
  // In force: the last row of each (province, county, year), the latest load or the built-in.
  for (size_t i = 0; i < rows.size(); ++i) {
    rows[i].in_force = i + 1 == rows.size() ||
                       std::tie(rows[i].province, rows[i].county, rows[i].year) !=
                           std::tie(rows[i + 1].province, rows[i + 1].county, rows[i + 1].year);
  }
  return rows;
}

void PrintListJson(const std::vector<ListRow>& rows) {
  nlohmann::ordered_json standards = nlohmann::ordered_json::array();
  int loaded = 0;
  for (const ListRow& r : rows) {
    loaded += r.order > 0 ? 1 : 0;
    nlohmann::ordered_json loads = nlohmann::ordered_json::array();
    for (const rules::StandardLoad& l : r.loads) {
      loads.push_back({{"load_id", l.load_id},
                       {"loaded_at", l.loaded_at},
                       {"user", l.user},
                       {"origin", l.origin}});
    }
    standards.push_back({{"province", r.province},
                         {"county", r.county},
                         {"year", r.year},
                         {"content_hash", r.hash},
                         {"name", r.name},
                         {"builtin", r.order == 0},
                         {"in_force", r.in_force},
                         {"loads", loads}});
  }
  nlohmann::ordered_json out = {{"standards", standards},
                                {"builtin", static_cast<int>(rows.size()) - loaded},
                                {"loaded", loaded}};
  // Invalid UTF-8 (a file name that is not UTF-8) is replaced rather than thrown on.
  std::printf("%s\n", out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
}

int RunList(const StandardListOptions& o) {
  auto listed = ListRows(o.db);
  if (!listed.ok()) return Fail(listed.status());
  const std::vector<ListRow>& rows = *listed;
  if (o.json) {
    PrintListJson(rows);
    return kExitOk;
  }
  // A loaded row shows its latest load.
  auto origin = [](const ListRow& r) {
    return r.loads.empty() ? "built-in" : r.loads.back().origin;
  };
  size_t origin_width = 8;
  for (const ListRow& r : rows) origin_width = std::max(origin_width, origin(r).size());
  const int ow = static_cast<int>(origin_width);
  std::printf("   %s %s %s %s %s %s %s\n", PadRight("region", 7).c_str(),
              PadRight("year", 5).c_str(), PadRight("standard", 16).c_str(),
              PadRight("origin", ow).c_str(), PadRight("loaded", 20).c_str(),
              PadRight("by", 10).c_str(), "name");
  int loaded = 0;
  for (const ListRow& r : rows) {
    loaded += r.order > 0 ? 1 : 0;
    const std::string at = r.loads.empty() ? "" : r.loads.back().loaded_at;
    const std::string by = r.loads.empty() ? "" : r.loads.back().user;
    std::printf("%s  %s %s %s %s %s %s %s\n", r.in_force ? "*" : " ",
                PadRight(r.county.empty() ? r.province : r.county, 7).c_str(),
                PadRight(std::to_string(r.year), 5).c_str(), r.hash.c_str(),
                PadRight(origin(r), ow).c_str(), PadRight(at.empty() ? "-" : at, 20).c_str(),
                PadRight(by.empty() ? "-" : by, 10).c_str(), r.name.c_str());
  }
  std::printf(
      "%zu standards (%zu built-in, %d loaded); * in force: that of the latest load of a "
      "province (or county) and year, else the built-in one\n",
      rows.size(), rows.size() - static_cast<size_t>(loaded), loaded);
  return kExitOk;
}

// ---------------------------------------------------------------- show

struct StandardShowOptions {
  std::string province;
  std::string county;
  int year = 0;
  std::string hash;
  std::string db;
  bool toml = false;
};

struct Shown {
  rules::Standard standard;
  std::string how;  // "built-in" or "loaded from X on T by U"
  std::string note;
};

Result<Shown> FindByHash(rules::ScreeningStore* store, std::string hash) {
  for (char& c : hash) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (hash.size() != 16 || hash.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return InvalidArgument(
        "--hash must be the 16 hex digits of a standard (see xianjie standard "
        "list); got '" +
        hash + "'");
  }
  for (const rules::Standard& s : rules::BuiltinStandards()) {
    if (s.content_hash == hash) return Shown{s, "built-in", ""};
  }
  if (store != nullptr) {
    XJ_ASSIGN_OR_RETURN(auto stored, store->GetStandard(hash));
    if (stored) {
      XJ_ASSIGN_OR_RETURN(rules::Standard s, rules::ParseStoredStandard(*stored));
      XJ_ASSIGN_OR_RETURN(auto loads, store->ListLoads());
      if (auto last = LastLoadOf(loads, hash)) {
        return Shown{std::move(s),
                     "loaded from " + last->origin + " " + OnBy(last->loaded_at, last->user), ""};
      }
      return Shown{std::move(s),
                   "used by a screening run (from " + stored->origin + "), never loaded", ""};
    }
  }
  return NotFound("no standard has hash " + hash +
                  (store == nullptr ? " among the built-in ones (give --db for loaded ones)"
                                    : " (built-in or loaded)") +
                  "; list them with: xianjie standard list --db DB");
}

// How the standard in force was chosen, for the header.
Result<std::string> HowInForce(rules::ScreeningStore* store, const rules::Standard& s) {
  if (store != nullptr) {
    XJ_ASSIGN_OR_RETURN(auto latest, store->LatestStandard(s.province, s.county, s.year));
    if (latest && latest->content_hash == s.content_hash) {
      return "loaded from " + latest->origin + " " + OnBy(latest->loaded_at, latest->user);
    }
  }
  return std::string("built-in");
}

Result<Shown> FindInForce(rules::ScreeningStore* store, const StandardShowOptions& o) {
  if (o.province.size() != 2 || o.province.find_first_not_of("0123456789") != std::string::npos) {
    return InvalidArgument(
        "--province must be the 2-digit province code, e.g. 63 for Qinghai; "
        "got '" +
        o.province + "'");
  }
  if (!o.county.empty() && (o.county.size() != 6 || !o.county.starts_with(o.province) ||
                            o.county.find_first_not_of("0123456789") != std::string::npos)) {
    return InvalidArgument("--county must be a 6-digit county code inside province " + o.province +
                           "; got '" + o.county + "'");
  }
  std::string note;
  auto s = rules::ResolveStandard(store, o.province, o.county, o.year);
  if (!s.ok() && s.status().code() == StatusCode::kNotFound && !o.county.empty()) {
    // A county without a standard of its own uses its province's (DOMAIN.md §4).
    s = rules::ResolveStandard(store, o.province, "", o.year);
    note = "county " + o.county + " has no standard of its own: its province's applies";
  }
  if (!s.ok()) return s.status();
  XJ_ASSIGN_OR_RETURN(std::string how, HowInForce(store, *s));
  return Shown{std::move(s).value(), how + ", in force", note};
}

int RunShow(const StandardShowOptions& o) {
  std::unique_ptr<store::Database> db;
  if (!o.db.empty()) {
    auto opened = OpenDatabase(o.db);
    if (!opened.ok()) return Fail(opened.status());
    db = std::move(opened).value();
  }
  auto shown = o.hash.empty() ? FindInForce(db.get(), o) : FindByHash(db.get(), o.hash);
  if (!shown.ok()) return Fail(shown.status());
  if (!o.hash.empty()) {
    const rules::Standard& s = shown->standard;
    auto in_force = rules::ResolveStandard(db.get(), s.province, s.county, s.year);
    if (!in_force.ok()) return Fail(in_force.status());
    shown->how += in_force->content_hash == s.content_hash
                      ? ", in force"
                      : ", not in force (" + in_force->content_hash + " is)";
  }
  if (!shown->note.empty()) std::fprintf(stderr, "note: %s\n", shown->note.c_str());
  if (o.toml) {
    const rules::Standard& s = shown->standard;
    std::fputs(s.toml.empty() ? rules::FormatStandardToml(s).c_str() : s.toml.c_str(), stdout);
    return kExitOk;
  }
  std::fputs(DescribeStandard(shown->standard, shown->how).c_str(), stdout);
  return kExitOk;
}

}  // namespace

void AddStandardCommand(CLI::App& app, int* exit_code) {
  CLI::App* cmd = app.add_subcommand(
      "standard", "Monitoring standards (line, parameters, rules, types): load, check, list, show");
  cmd->require_subcommand(1);

  auto load = std::make_shared<LoadOptions>();
  CLI::App* l = cmd->add_subcommand(
      "load",
      "Check a standard (TOML, docs/standards.md; rules may name department facts, "
      "dept.<fact>) and store it; it is then in force for its province, county and year");
  l->add_option("FILE", load->file, "The standard's TOML file")->required();
  l->add_option("--db", load->db, "Database")->required();
  l->callback([load, exit_code] { *exit_code = RunLoad(*load); });

  auto check = std::make_shared<CheckOptions>();
  CLI::App* c = cmd->add_subcommand(
      "check",
      "Check a standard (TOML, docs/standards.md) without storing it: it parses and every "
      "expression compiles, department facts (dept.<fact>) of the built-in sources included");
  c->add_option("FILE", check->file, "The standard's TOML file")->required();
  c->callback([check, exit_code] { *exit_code = RunCheck(*check); });

  auto list = std::make_shared<StandardListOptions>();
  CLI::App* ls = cmd->add_subcommand(
      "list",
      "The built-in and loaded standards, and which one is in force for each province "
      "(or county) and year");
  ls->add_option("--db", list->db, "Database (without it: the built-in standards only)");
  ls->add_flag("--json", list->json,
               "Print the standards as one JSON object, each with all its loads");
  ls->callback([list, exit_code] { *exit_code = RunList(*list); });

  auto show = std::make_shared<StandardShowOptions>();
  CLI::App* sh = cmd->add_subcommand(
      "show",
      "One standard: the one in force for --province and --year (and --county), or the "
      "one with --hash");
  CLI::Option* province = sh->add_option("--province", show->province, "Province code, e.g. 63");
  CLI::Option* year = sh->add_option("--year", show->year, "Year, e.g. 2024");
  CLI::Option* county = sh->add_option("--county", show->county, "County code (6 digits)");
  CLI::Option* hash = sh->add_option("--hash", show->hash, "Content hash (16 hex digits)");
  province->needs(year);
  year->needs(province);
  county->needs(province);
  hash->excludes(province)->excludes(year)->excludes(county);
  sh->add_option("--db", show->db, "Database, for loaded standards");
  sh->add_flag("--toml", show->toml, "Print the standard's TOML text (to edit and load)");
  sh->callback([show, hash, province, exit_code] {
    if (hash->count() == 0 && province->count() == 0) {
      std::fprintf(stderr,
                   "error: give --province and --year (and --county), or --hash (see xianjie "
                   "standard show --help)\n");
      *exit_code = kExitUsage;
      return;
    }
    *exit_code = RunShow(*show);
  });
}

}  // namespace xianjie::cli
