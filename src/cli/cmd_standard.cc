// `xianjie standard load|list|show`: monitoring standards as data (docs/standards.md). A loaded
// standard of the same province, county and year replaces the built-in one; the latest load
// wins (rules/standard_resolve.h).
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include "base/clock.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/standard_text.h"
#include "rules/compile.h"
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

// What was in force for the standard's scope before the load, for the message.
std::string Replaced(const std::optional<rules::StoredStandard>& before, const rules::Standard& s) {
  if (before) {
    return "replacing " + before->content_hash + " loaded from " + before->origin + " on " +
           before->loaded_at;
  }
  if (const rules::Standard* builtin = rules::FindBuiltinStandard(s.province, s.county, s.year)) {
    if (builtin->content_hash == s.content_hash) return "the same content as the built-in one";
    return "replacing the built-in " + builtin->content_hash;
  }
  return "the first standard of its province, county and year";
}

int RunLoad(const LoadOptions& o) {
  auto text = ReadText(o.file);
  if (!text.ok()) return Fail(text.status());
  auto standard = rules::ParseStandardToml(*text, o.file);
  if (!standard.ok()) return Fail(standard.status());
  const rules::Standard& s = *standard;
  // Every expression must compile before the standard is stored (the screening commands would
  // fail on it later, far from the file).
  if (auto compiled = rules::Compile(s); !compiled.ok()) return Fail(compiled.status());
  auto db = OpenDatabase(o.db);
  if (!db.ok()) return Fail(db.status());
  rules::ScreeningStore& store = **db;
  auto before = store.LatestStandard(s.province, s.county, s.year);
  if (!before.ok()) return Fail(before.status());
  auto existing = store.GetStandard(s.content_hash);
  if (!existing.ok()) return Fail(existing.status());
  const std::string scope = Scope(s.province, s.county, s.year);
  if (*existing) {
    const rules::StoredStandard& e = **existing;
    if (*before && (*before)->content_hash == s.content_hash) {
      std::printf(
          "standard %s (%s) is already loaded, on %s by %s, and in force for %s; "
          "nothing changed\n",
          s.content_hash.c_str(), s.name.c_str(), e.loaded_at.c_str(), e.user.c_str(),
          scope.c_str());
      return kExitOk;
    }
    return Fail(FailedPrecondition(
        "standard " + s.content_hash + " from " + o.file + " was loaded before (on " + e.loaded_at +
        " by " + e.user + "), and " + (*before)->content_hash + ", loaded later from " +
        (*before)->origin + ", is in force for " + scope +
        "; loading the same content again does not move it ahead: change the standard (its name, "
        "for example) and load it"));
  }
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
  std::printf("  line %s yuan%s, %zu parameters, %zu rules, %zu types\n", YuanText(s.line).c_str(),
              s.line_definition.placeholder ? " (placeholder)" : "", s.parameters.size(),
              s.rules.size(), s.types.size());
  std::printf("  in force for %s, %s\n", scope.c_str(), Replaced(*before, s).c_str());
  return kExitOk;
}

// ---------------------------------------------------------------- list

struct ListOptions {
  std::string db;
};

struct ListRow {
  std::string province, county;
  int year = 0;
  int order = 0;  // 0 built-in, then 1, 2, ... in load order
  std::string hash, origin, loaded_at, user, name;
  bool in_force = false;
};

int RunList(const ListOptions& o) {
  std::vector<ListRow> rows;
  for (const rules::Standard& s : rules::BuiltinStandards()) {
    rows.push_back({s.province, s.county, s.year, 0, s.content_hash, "built-in", "", "", s.name});
  }
  if (!o.db.empty()) {
    auto db = OpenDatabase(o.db);
    if (!db.ok()) return Fail(db.status());
    auto stored = (*db)->ListStandards();
    if (!stored.ok()) return Fail(stored.status());
    int order = 0;
    for (const rules::StoredStandard& s : *stored) {
      rows.push_back({s.province, s.county, s.year, ++order, s.content_hash, s.origin, s.loaded_at,
                      s.user, s.name});
    }
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
  size_t origin_width = 8;
  for (const ListRow& r : rows) origin_width = std::max(origin_width, r.origin.size());
  const int ow = static_cast<int>(origin_width);
  std::printf("   %s %s %s %s %s %s %s\n", PadRight("region", 7).c_str(),
              PadRight("year", 5).c_str(), PadRight("standard", 16).c_str(),
              PadRight("origin", ow).c_str(), PadRight("loaded", 20).c_str(),
              PadRight("by", 10).c_str(), "name");
  int loaded = 0;
  for (const ListRow& r : rows) {
    loaded += r.order > 0 ? 1 : 0;
    std::printf("%s  %s %s %s %s %s %s %s\n", r.in_force ? "*" : " ",
                PadRight(r.county.empty() ? r.province : r.county, 7).c_str(),
                PadRight(std::to_string(r.year), 5).c_str(), r.hash.c_str(),
                PadRight(r.origin, ow).c_str(),
                PadRight(r.loaded_at.empty() ? "-" : r.loaded_at, 20).c_str(),
                PadRight(r.user.empty() ? "-" : r.user, 10).c_str(), r.name.c_str());
  }
  std::printf(
      "%zu standards (%zu built-in, %d loaded); * in force: the latest loaded standard of "
      "a province (or county) and year, else the built-in one\n",
      rows.size(), rows.size() - static_cast<size_t>(loaded), loaded);
  return kExitOk;
}

// ---------------------------------------------------------------- show

struct ShowOptions {
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
      return Shown{
          std::move(s),
          "loaded from " + stored->origin + " on " + stored->loaded_at + " by " + stored->user, ""};
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
      return "loaded from " + latest->origin + " on " + latest->loaded_at + " by " + latest->user;
    }
  }
  return std::string("built-in");
}

Result<Shown> FindInForce(rules::ScreeningStore* store, const ShowOptions& o) {
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

int RunShow(const ShowOptions& o) {
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
      "standard", "Monitoring standards (line, parameters, rules, types): load, list, show");
  cmd->require_subcommand(1);

  auto load = std::make_shared<LoadOptions>();
  CLI::App* l = cmd->add_subcommand(
      "load",
      "Check a standard (TOML, docs/standards.md) and store it; it is then in force for "
      "its province, county and year");
  l->add_option("FILE", load->file, "The standard's TOML file")->required();
  l->add_option("--db", load->db, "Database")->required();
  l->callback([load, exit_code] { *exit_code = RunLoad(*load); });

  auto list = std::make_shared<ListOptions>();
  CLI::App* ls = cmd->add_subcommand(
      "list",
      "The built-in and loaded standards, and which one is in force for each province "
      "(or county) and year");
  ls->add_option("--db", list->db, "Database (without it: the built-in standards only)");
  ls->callback([list, exit_code] { *exit_code = RunList(*list); });

  auto show = std::make_shared<ShowOptions>();
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
