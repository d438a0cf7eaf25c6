// End-to-end tests of `xianjie standard load|list|show`: the built-in standards, loading (a
// loaded standard replaces the built-in one, the latest load wins), showing by scope and by
// hash, and the error paths with their exit codes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

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

TEST(StandardCliTest, ReloadingAnOlderStandardIsRefused) {
  Fixture f;
  std::string a = f.Write2024("a.toml", "7600.00");
  const std::string hash_a = HashIn(f.Load(a).out);
  const std::string hash_b = HashIn(f.Load(f.Write2024("b.toml", "7700.00")).out);
  CliResult r = f.Load(a);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, StartsWith("error: standard " + hash_a + " from " + a + " was loaded before"));
  EXPECT_THAT(r.err, HasSubstr("and " + hash_b + ", loaded later from " + f.dir / "b.toml" +
                               ", is in force for province 63, year 2024; loading the same "
                               "content again does not move it ahead"));
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
