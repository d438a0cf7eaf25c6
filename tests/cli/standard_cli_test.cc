// End-to-end tests of `xianjie standard load|list|show`: the built-in standards, loading (a
// loaded standard replaces the built-in one, the latest load wins, an earlier one loaded again
// comes back, a screening run's standard is not loaded), listing as text and JSON, showing by
// scope and by hash, and the error paths with their exit codes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/cli_runner.h"

namespace xianjie::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

std::string Shipped(int year) {
  return ReadFile(std::string(XJ_SOURCE_DIR) + "/config/standards/63-" + std::to_string(year) +
                  ".toml");
}

// The first occurrence of `from` in `text` replaced by `to`.
std::string Replaced(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// The 16 hex digits after "standard " in the output of load or show.
std::string HashIn(const std::string& out) {
  size_t at = out.find("standard ");
  return at == std::string::npos ? "" : out.substr(at + 9, 16);
}

// The lines of `out` that mention `needle`.
std::vector<std::string> LinesWith(const std::string& out, const std::string& needle) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < out.size()) {
    size_t end = out.find('\n', start);
    if (end == std::string::npos) end = out.size();
    std::string line = out.substr(start, end - start);
    if (line.find(needle) != std::string::npos) lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

// A fresh database and a standard file to load.
struct Fixture {
  TempDir dir;
  std::string db = dir / "x.db";

  Fixture() { EXPECT_EQ(RunCli({"init", "--db", db}).exit_code, 0); }

  // Writes the shipped 2024 standard with its line changed to `yuan` and returns the path.
  std::string Write2024(const std::string& name, const std::string& yuan) {
    std::string path = dir / name;
    WriteFile(path, Replaced(Shipped(2024), "amount = \"7500.00\"", "amount = \"" + yuan + "\""));
    return path;
  }
  CliResult Load(const std::string& path) { return RunCli({"standard", "load", path, "--db", db}); }
};

TEST(StandardCliTest, Help) {
  CliResult r = RunCli({"standard", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* sub : {"load", "list", "show"}) {
    EXPECT_THAT(r.out, HasSubstr(sub));
    EXPECT_EQ(RunCli({"standard", sub, "--help"}).exit_code, 0) << sub;
  }
  EXPECT_EQ(RunCli({"standard"}).exit_code, 2);
  EXPECT_EQ(RunCli({"standard", "frobnicate"}).exit_code, 2);
}

TEST(StandardCliTest, ListWithoutDatabaseShowsTheBuiltInStandards) {
  CliResult r = RunCli({"standard", "list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(LinesWith(r.out, "built-in -").size(), 5u);
  EXPECT_EQ(LinesWith(r.out, "*  63").size(), 5u);  // each is in force
  for (int year = 2021; year <= 2025; ++year) {
    EXPECT_THAT(r.out, HasSubstr("青海省" + std::to_string(year) + "年防止返贫监测标准"));
  }
  EXPECT_THAT(r.out, HasSubstr("5 standards (5 built-in, 0 loaded)"));
}

TEST(StandardCliTest, ShowTheBuiltInStandard) {
  CliResult r = RunCli({"standard", "show", "--province", "63", "--year", "2024"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("青海省2024年防止返贫监测标准\n"));
  EXPECT_THAT(r.out, HasSubstr(", built-in, in force\n"));
  EXPECT_THAT(r.out, HasSubstr("line     7500.00 yuan per person per year (placeholder)"));
  EXPECT_THAT(r.out, HasSubstr("rural_income_prev_year         money    15300.00 yuan  "
                               "(placeholder)"));
  EXPECT_THAT(r.out, HasSubstr("school_reference_date          date     2024-09-01"));
  for (const char* id : {"income_below_line", "rigid_hardship", "income_drop", "medical_burden",
                         "dropout", "uninsured", "housing_unsafe", "water_unsafe", "no_labour"}) {
    EXPECT_THAT(r.out, HasSubstr(std::string(". ") + id + "  ")) << id;
  }
  EXPECT_THAT(r.out, HasSubstr("risks  R01 因病 if rigid_medical >= rigid_education and "
                               "rigid_medical >= rigid_other; R02 因学 if rigid_education >= "
                               "rigid_other; else R99 其他"));
  EXPECT_THAT(r.out, HasSubstr("  4. guarantee_gap  三保障/饮水问题\n"));
}

TEST(StandardCliTest, ShowTomlPrintsTheShippedFile) {
  for (int year = 2021; year <= 2025; ++year) {
    CliResult r =
        RunCli({"standard", "show", "--province", "63", "--year", std::to_string(year), "--toml"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, Shipped(year)) << year;
  }
}

TEST(StandardCliTest, ALoadedStandardReplacesTheBuiltInAndTheLatestLoadWins) {
  Fixture f;
  const std::string builtin =
      HashIn(RunCli({"standard", "show", "--province", "63", "--year", "2024"}).out);
  CliResult a = f.Load(f.Write2024("a.toml", "7600.00"));
  ASSERT_EQ(a.exit_code, 0) << a.err;
  const std::string hash_a = HashIn(a.out);
  EXPECT_THAT(a.out, HasSubstr("loaded 青海省2024年防止返贫监测标准 from " + f.dir / "a.toml" +
                               " as standard " + hash_a));
  EXPECT_THAT(a.out, HasSubstr("line 7600.00 yuan (placeholder), 7 parameters, 9 rules, 4 types"));
  EXPECT_THAT(a.out,
              HasSubstr("in force for province 63, year 2024, replacing the built-in " + builtin));

  CliResult show = RunCli({"standard", "show", "--province", "63", "--year", "2024", "--db", f.db});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_THAT(show.out, HasSubstr("standard " + hash_a + ", loaded from " + f.dir / "a.toml"));
  EXPECT_THAT(show.out, HasSubstr("line     7600.00 yuan"));

  CliResult b = f.Load(f.Write2024("b.toml", "7700.00"));
  ASSERT_EQ(b.exit_code, 0) << b.err;
  const std::string hash_b = HashIn(b.out);
  EXPECT_THAT(b.out, HasSubstr("replacing " + hash_a + " loaded from " + f.dir / "a.toml"));

  CliResult list = RunCli({"standard", "list", "--db", f.db});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_THAT(list.out, HasSubstr("7 standards (5 built-in, 2 loaded)"));
  ASSERT_EQ(LinesWith(list.out, "  2024  ").size(), 3u);
  EXPECT_THAT(LinesWith(list.out, builtin)[0], StartsWith("   63"));
  EXPECT_THAT(LinesWith(list.out, hash_a)[0], StartsWith("   63"));
  EXPECT_THAT(LinesWith(list.out, hash_b)[0], StartsWith("*  63"));
  EXPECT_THAT(LinesWith(list.out, "  2023  ")[0], StartsWith("*  63"));  // others untouched

  // The replaced standards are still there, by hash.
  CliResult old = RunCli({"standard", "show", "--hash", hash_a, "--db", f.db});
  ASSERT_EQ(old.exit_code, 0) << old.err;
  EXPECT_THAT(old.out, HasSubstr(", not in force (" + hash_b + " is)"));
  CliResult old_builtin = RunCli({"standard", "show", "--hash", builtin, "--db", f.db});
  EXPECT_THAT(old_builtin.out, HasSubstr("built-in, not in force (" + hash_b + " is)"));
}

TEST(StandardCliTest, LoadingTheSameContentAgainChangesNothing) {
  Fixture f;
  ASSERT_EQ(f.Load(f.Write2024("a.toml", "7600.00")).exit_code, 0);
  // Comments and layout are not content.
  std::string same = f.dir / "same.toml";
  WriteFile(same, "# a new comment\n" + ReadFile(f.dir / "a.toml") + "\n\n");
  CliResult r = f.Load(same);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("is already loaded"));
  EXPECT_THAT(r.out, HasSubstr("and in force for province 63, year 2024; nothing changed"));
  EXPECT_THAT(RunCli({"standard", "list", "--db", f.db}).out, HasSubstr("(5 built-in, 1 loaded)"));
  // No new load was recorded: the one in force still shows the first file.
  nlohmann::json j =
      nlohmann::json::parse(RunCli({"standard", "list", "--db", f.db, "--json"}).out);
  const nlohmann::json& loaded = j["standards"][4];  // after the built-in one of 2024
  ASSERT_EQ(loaded["builtin"], false);
  ASSERT_EQ(loaded["loads"].size(), 1u);
  EXPECT_EQ(loaded["loads"][0]["origin"], f.dir / "a.toml");
}

TEST(StandardCliTest, LoadingAnUnchangedCopyOfTheShippedFile) {
  Fixture f;
  std::string path = f.dir / "63-2023.toml";
  WriteFile(path, Shipped(2023));
  CliResult r = f.Load(path);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("in force for province 63, year 2023, the same content as the "
                               "built-in one"));
}

TEST(StandardCliTest, LoadingAnEarlierStandardAgainPutsItBackInForce) {
  Fixture f;
  std::string a = f.Write2024("a.toml", "7600.00");
  const std::string hash_a = HashIn(f.Load(a).out);
  const std::string hash_b = HashIn(f.Load(f.Write2024("b.toml", "7700.00")).out);
  // The same content from another file: the load's origin is that file.
  std::string again = f.dir / "again.toml";
  WriteFile(again, "# back to 7600\n" + ReadFile(a));
  CliResult r = f.Load(again);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(HashIn(r.out), hash_a);
  EXPECT_THAT(r.out, HasSubstr("loaded 青海省2024年防止返贫监测标准 from " + again +
                               " as standard " + hash_a));
  EXPECT_THAT(r.out, HasSubstr("back in force for province 63, year 2024, replacing " + hash_b +
                               " loaded from " + f.dir / "b.toml" + " on "));
  EXPECT_THAT(r.out, HasSubstr("; it was loaded before, on "));
  EXPECT_THAT(r.out, HasSubstr(" from " + a + "\n"));

  CliResult show = RunCli({"standard", "show", "--province", "63", "--year", "2024", "--db", f.db});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_THAT(show.out, HasSubstr("standard " + hash_a + ", loaded from " + again + " on "));
  EXPECT_THAT(show.out, HasSubstr("line     7600.00 yuan"));
  CliResult list = RunCli({"standard", "list", "--db", f.db});
  EXPECT_THAT(list.out, HasSubstr("7 standards (5 built-in, 2 loaded)"));
  EXPECT_THAT(LinesWith(list.out, hash_a)[0], StartsWith("*  63"));
  EXPECT_THAT(LinesWith(list.out, hash_a)[0], HasSubstr(again));
  EXPECT_THAT(LinesWith(list.out, hash_b)[0], StartsWith("   63"));

  // And once more the other way: loads alternate as often as wanted.
  CliResult b = f.Load(f.dir / "b.toml");
  ASSERT_EQ(b.exit_code, 0) << b.err;
  EXPECT_THAT(b.out, HasSubstr("back in force for province 63, year 2024, replacing " + hash_a));
  EXPECT_THAT(LinesWith(RunCli({"standard", "list", "--db", f.db}).out, hash_b)[0],
              StartsWith("*  63"));
}

TEST(StandardCliTest, AStandardAScreeningRunUsedIsNotPutInForce) {
  Fixture f;
  const std::string hash_a = HashIn(f.Load(f.Write2024("a.toml", "7600.00")).out);
  std::string c = f.Write2024("c.toml", "7800.00");
  CliResult screen =
      RunCli({"screen", "--db", f.db, "--province", "63", "--year", "2024", "--standard", c});
  ASSERT_EQ(screen.exit_code, 0) << screen.err;
  const std::string hash_c = HashIn(screen.out);
  ASSERT_NE(hash_c, hash_a);
  CliResult show = RunCli({"standard", "show", "--province", "63", "--year", "2024", "--db", f.db});
  EXPECT_THAT(show.out, HasSubstr("standard " + hash_a + ", loaded from "));
  CliResult list = RunCli({"standard", "list", "--db", f.db});
  EXPECT_THAT(list.out, HasSubstr("6 standards (5 built-in, 1 loaded)"));
  EXPECT_THAT(list.out, Not(HasSubstr(hash_c)));
  // The run's standard is kept, by hash.
  CliResult used = RunCli({"standard", "show", "--hash", hash_c, "--db", f.db});
  ASSERT_EQ(used.exit_code, 0) << used.err;
  EXPECT_THAT(used.out, HasSubstr("standard " + hash_c + ", used by a screening run (from " + c +
                                  "), never loaded, not in force (" + hash_a + " is)"));
  // Loading it afterwards puts it in force as any load does.
  CliResult load = f.Load(c);
  ASSERT_EQ(load.exit_code, 0) << load.err;
  EXPECT_THAT(load.out, HasSubstr("  in force for province 63, year 2024, replacing " + hash_a));
}

TEST(StandardCliTest, ListJson) {
  CliResult builtin = RunCli({"standard", "list", "--json"});
  ASSERT_EQ(builtin.exit_code, 0) << builtin.err;
  nlohmann::json b = nlohmann::json::parse(builtin.out);
  EXPECT_EQ(b["builtin"], 5);
  EXPECT_EQ(b["loaded"], 0);
  ASSERT_EQ(b["standards"].size(), 5u);
  EXPECT_EQ(b["standards"][0],
            nlohmann::json::parse(
                R"({"province": "63", "county": "", "year": 2021,
                "content_hash": ")" +
                HashIn(RunCli({"standard", "show", "--province", "63", "--year", "2021"}).out) +
                R"(", "name": "青海省2021年防止返贫监测标准", "builtin": true,
                "in_force": true, "loads": []})"));

  Fixture f;
  std::string a = f.Write2024("a.toml", "7600.00");
  const std::string hash_a = HashIn(f.Load(a).out);
  const std::string hash_b = HashIn(f.Load(f.Write2024("b.toml", "7700.00")).out);
  ASSERT_EQ(f.Load(a).exit_code, 0);
  CliResult r = RunCli({"standard", "list", "--db", f.db, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["builtin"], 5);
  EXPECT_EQ(j["loaded"], 2);
  std::vector<nlohmann::json> of_2024;
  for (const nlohmann::json& s : j["standards"]) {
    if (s["year"] == 2024) of_2024.push_back(s);
  }
  // Built-in first, then by latest load: the one in force last.
  ASSERT_EQ(of_2024.size(), 3u);
  EXPECT_EQ(of_2024[0]["builtin"], true);
  EXPECT_EQ(of_2024[0]["in_force"], false);
  EXPECT_EQ(of_2024[1]["content_hash"], hash_b);
  EXPECT_EQ(of_2024[1]["in_force"], false);
  EXPECT_EQ(of_2024[2]["content_hash"], hash_a);
  EXPECT_EQ(of_2024[2]["in_force"], true);
  EXPECT_EQ(of_2024[2]["builtin"], false);
  const nlohmann::json& loads = of_2024[2]["loads"];
  ASSERT_EQ(loads.size(), 2u);
  EXPECT_EQ(loads[0]["load_id"], 1);
  EXPECT_EQ(loads[1]["load_id"], 3);
  EXPECT_EQ(loads[1]["origin"], a);
  EXPECT_EQ(loads[1]["loaded_at"].get<std::string>().size(), 20u);
  EXPECT_FALSE(loads[1]["user"].get<std::string>().empty());
  EXPECT_EQ(of_2024[1]["loads"].size(), 1u);
}

TEST(StandardCliTest, CountyStandard) {
  Fixture f;
  std::string path = f.dir / "630121-2024.toml";
  WriteFile(path, Replaced(Shipped(2024), "year = 2024", "county = \"630121\"\nyear = 2024"));
  CliResult load = f.Load(path);
  ASSERT_EQ(load.exit_code, 0) << load.err;
  EXPECT_THAT(load.out, HasSubstr("in force for province 63, county 630121, year 2024, the first "
                                  "standard of its province, county and year"));
  CliResult own = RunCli({"standard", "show", "--province", "63", "--county", "630121", "--year",
                          "2024", "--db", f.db});
  ASSERT_EQ(own.exit_code, 0) << own.err;
  EXPECT_THAT(own.out, HasSubstr("province 63, county 630121, year 2024"));
  EXPECT_EQ(own.err, "");
  CliResult other = RunCli({"standard", "show", "--province", "63", "--county", "630122", "--year",
                            "2024", "--db", f.db});
  ASSERT_EQ(other.exit_code, 0) << other.err;
  EXPECT_THAT(other.out, HasSubstr("province 63 (whole province), year 2024"));
  EXPECT_EQ(other.err, "note: county 630122 has no standard of its own: its province's applies\n");
  EXPECT_THAT(RunCli({"standard", "list", "--db", f.db}).out, HasSubstr("*  630121  2024  "));
}

TEST(StandardCliTest, ShowByHash) {
  const std::string builtin =
      HashIn(RunCli({"standard", "show", "--province", "63", "--year", "2022"}).out);
  CliResult r = RunCli({"standard", "show", "--hash", builtin});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("青海省2022年防止返贫监测标准\n"));
  EXPECT_THAT(r.out, HasSubstr("built-in, in force"));

  CliResult unknown = RunCli({"standard", "show", "--hash", "0123456789abcdef"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_EQ(unknown.err,
            "error: no standard has hash 0123456789abcdef among the built-in ones (give --db for "
            "loaded ones); list them with: xianjie standard list --db DB\n");
  CliResult bad = RunCli({"standard", "show", "--hash", "12ab"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_EQ(bad.err,
            "error: --hash must be the 16 hex digits of a standard (see xianjie standard list); "
            "got '12ab'\n");
}

TEST(StandardCliTest, ShowUsageErrors) {
  CliResult none = RunCli({"standard", "show"});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_THAT(none.err, HasSubstr("give --province and --year (and --county), or --hash"));
  EXPECT_EQ(RunCli({"standard", "show", "--province", "63"}).exit_code, 2);
  EXPECT_EQ(RunCli({"standard", "show", "--year", "2024"}).exit_code, 2);
  EXPECT_EQ(RunCli({"standard", "show", "--county", "630121"}).exit_code, 2);
  EXPECT_EQ(RunCli({"standard", "show", "--province", "63", "--year", "2024", "--hash",
                    "0123456789abcdef"})
                .exit_code,
            2);
  EXPECT_EQ(RunCli({"standard", "show", "--province", "63", "--year", "x"}).exit_code, 2);
}

TEST(StandardCliTest, ShowUserErrors) {
  CliResult missing = RunCli({"standard", "show", "--province", "63", "--year", "2030"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(missing.err,
            "error: no monitoring standard for province 63, year 2030 (there are: 63 2021 "
            "(built-in), 63 2022 (built-in), 63 2023 (built-in), 63 2024 (built-in), 63 2025 "
            "(built-in)); load one with: xianjie standard load FILE --db DB\n");
  CliResult province = RunCli({"standard", "show", "--province", "630", "--year", "2024"});
  EXPECT_EQ(province.exit_code, 1);
  EXPECT_EQ(province.err,
            "error: --province must be the 2-digit province code, e.g. 63 for Qinghai; got "
            "'630'\n");
  CliResult county =
      RunCli({"standard", "show", "--province", "63", "--county", "640121", "--year", "2024"});
  EXPECT_EQ(county.exit_code, 1);
  EXPECT_EQ(county.err,
            "error: --county must be a 6-digit county code inside province 63; got '640121'\n");
}

TEST(StandardCliTest, LoadRejectsABadFileWithItsPosition) {
  Fixture f;
  std::string path = f.dir / "bad.toml";
  WriteFile(path, Replaced(Shipped(2024), "amount = \"7500.00\"", "amount = 7500.0"));
  CliResult r = f.Load(path);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "error: " + path +
                       ":14:10: 'amount' in [line] must be a string, not a floating-point number; "
                       "write amount = \"7500.00\"\n");
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(RunCli({"standard", "list", "--db", f.db}).out, HasSubstr("(5 built-in, 0 loaded)"));
}

TEST(StandardCliTest, LoadRejectsAStandardThatDoesNotCompile) {
  Fixture f;
  std::string path = f.dir / "typo.toml";
  WriteFile(path, Replaced(Shipped(2024), "when = \"prev_net_income > 0 and",
                           "when = \"prev_net_incme > 0 and"));
  CliResult r = f.Load(path);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, StartsWith("error: " + path + ":"));
  EXPECT_THAT(r.err, HasSubstr("income_drop"));
  EXPECT_THAT(r.err, HasSubstr("prev_net_incme"));
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(RunCli({"standard", "list", "--db", f.db}).out, HasSubstr("(5 built-in, 0 loaded)"));
}

TEST(StandardCliTest, LoadErrors) {
  Fixture f;
  CliResult missing = f.Load(f.dir / "nope.toml");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(missing.err, "error: cannot read standard file '" + f.dir / "nope.toml" +
                             "': No such file or directory\n");
  std::string good = f.Write2024("a.toml", "7600.00");
  CliResult no_db = RunCli({"standard", "load", good, "--db", f.dir / "none.db"});
  EXPECT_EQ(no_db.exit_code, 1);
  EXPECT_THAT(no_db.err, HasSubstr("create it with: xianjie init --db"));
  EXPECT_EQ(RunCli({"standard", "load", good}).exit_code, 2);          // --db missing
  EXPECT_EQ(RunCli({"standard", "load", "--db", f.db}).exit_code, 2);  // FILE missing
  CliResult list = RunCli({"standard", "list", "--db", f.dir / "none.db"});
  EXPECT_EQ(list.exit_code, 1);
  EXPECT_THAT(list.err, Not(HasSubstr("built-in")));
}

}  // namespace
}  // namespace xianjie::testing
