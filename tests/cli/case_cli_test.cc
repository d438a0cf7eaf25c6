// End-to-end tests of `xianjie case`: after `screen`, every flagged household has exactly one open
// case in state lead; `case act` takes one event as a named user, and refuses (exit 1, the
// reason, nothing changed) an event the state or the user's role or scope does not allow.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "base/date.h"
#include "cli/cli_runner.h"

namespace xianjie::testing {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

struct Screened {
  TempDir dir;
  std::string db = dir / "x.db";
  std::string data = dir / "data";
  std::string flagged = dir / "flagged.csv";
  std::map<std::string, std::string> village_of;  // household → village

  Screened() {
    EXPECT_EQ(RunCli({"generate", "--households", "400", "--seed", "5", "--out", data}).exit_code,
              0);
    EXPECT_EQ(RunCli({"init", "--db", db}).exit_code, 0);
    CliResult imp = RunCli({"import", "--db", db, "--households", data + "/households.csv",
                            "--members", data + "/members.csv"});
    EXPECT_EQ(imp.exit_code, 0) << imp.err;
    CliResult screen = RunCli({"screen", "--db", db, "--province", "63", "--year", "2024",
                               "--out", flagged, "--json"});
    EXPECT_EQ(screen.exit_code, 0) << screen.err;
    std::ifstream in(data + "/households.csv");
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      const size_t a = line.find(',');
      const size_t b = line.find(',', a + 1);
      village_of[line.substr(0, a)] = line.substr(a + 1, b - a - 1);
    }
  }

  std::set<std::string> FlaggedHouseholds() const {
    std::ifstream in(flagged);
    std::string line;
    std::getline(in, line);
    std::set<std::string> out;
    while (std::getline(in, line)) out.insert(line.substr(0, line.find(',')));
    return out;
  }

  Json List(std::vector<std::string> extra = {}) const {
    std::vector<std::string> args = {"case", "list", "--db", db, "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    CliResult r = RunCli(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Json::parse(r.out);
  }

  void AddUser(const std::string& name, const std::string& role, const std::string& scope) const {
    CliResult r = RunCli({"user", "add", "--db", db, "--username", name, "--password",
                          "long-enough-password", "--role", role, "--scope", scope});
    EXPECT_EQ(r.exit_code, 0) << r.err;
  }
};

TEST(CaseCliTest, EveryFlaggedHouseholdHasExactlyOneOpenLeadCase) {
  Screened s;
  const std::set<std::string> flagged = s.FlaggedHouseholds();
  ASSERT_FALSE(flagged.empty());
  const Json cases = s.List();
  ASSERT_TRUE(cases.is_array());
  std::multiset<std::string> households;
  for (const Json& c : cases) {
    households.insert(c["household_id"].get<std::string>());
    EXPECT_EQ(c["state"], "lead");
    EXPECT_TRUE(c["id"].is_number_integer());
    EXPECT_EQ(c["village_code"], s.village_of.at(c["household_id"].get<std::string>()));
  }
  EXPECT_EQ(households.size(), flagged.size());
  EXPECT_EQ(std::set<std::string>(households.begin(), households.end()), flagged);
}

TEST(CaseCliTest, ActTakesAnEventAndRefusesWhatIsNotAllowed) {
  Screened s;
  const Json cases = s.List();
  ASSERT_FALSE(cases.empty());
  const std::string id = std::to_string(cases[0]["id"].get<int64_t>());
  const std::string village = cases[0]["village_code"];
  s.AddUser("cadre", "village", village);
  s.AddUser("stranger", "village", village.substr(0, 9) == "630102001" ? "630121100001"
                                                                         : "630102001001");
  s.AddUser("boss", "county", village.substr(0, 6));

  auto state_of = [&] { return s.List({"--all", "--household", cases[0]["household_id"]})[0]["state"]; };

  // Not allowed in this state: the comparison comes after the application.
  CliResult early = RunCli({"case", "act", "--db", s.db, "--case", id, "--event", "county_approve",
                            "--as", "boss", "--field", "type=marginal", "--field", "risks=R01"});
  EXPECT_EQ(early.exit_code, 1);
  EXPECT_THAT(early.err, HasSubstr("lead"));
  // Not this role: the county does not record the application.
  CliResult role = RunCli({"case", "act", "--db", s.db, "--case", id, "--event", "apply", "--as",
                           "boss", "--field", "authorization_signed=1", "--field", "applicant=x"});
  EXPECT_EQ(role.exit_code, 1);
  EXPECT_THAT(role.err, HasSubstr("county"));
  // Not this scope: a cadre of another village.
  CliResult scope = RunCli({"case", "act", "--db", s.db, "--case", id, "--event", "apply", "--as",
                            "stranger", "--field", "authorization_signed=1", "--field",
                            "applicant=x"});
  EXPECT_EQ(scope.exit_code, 1);
  EXPECT_THAT(scope.err, HasSubstr("scope"));
  // A missing field.
  CliResult field = RunCli({"case", "act", "--db", s.db, "--case", id, "--event", "apply", "--as",
                            "cadre", "--field", "applicant=户主"});
  EXPECT_EQ(field.exit_code, 1);
  EXPECT_THAT(field.err, HasSubstr("authorization_signed"));
  // An unknown user, a malformed field.
  EXPECT_EQ(RunCli({"case", "act", "--db", s.db, "--case", id, "--event", "apply", "--as",
                    "nobody"}).exit_code, 1);
  CliResult malformed = RunCli({"case", "act", "--db", s.db, "--case", id, "--event", "apply",
                                "--as", "cadre", "--field", "applicant"});
  EXPECT_EQ(malformed.exit_code, 1);
  EXPECT_THAT(malformed.err, HasSubstr("NAME=VALUE"));
  EXPECT_EQ(state_of(), "lead");  // nothing changed

  const std::string signed_form = s.dir / "authorization.pdf";
  std::ofstream(signed_form) << "%PDF-1.4 signed";
  CliResult ok = RunCli({"case", "act", "--db", s.db, "--case", id, "--event", "apply", "--as",
                         "cadre", "--field", "authorization_signed=1", "--field", "applicant=户主",
                         "--attach", signed_form, "--json"});
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(Json::parse(ok.out)["state"], "home_visit");
  EXPECT_EQ(state_of(), "home_visit");

  CliResult show = RunCli({"case", "show", "--db", s.db, "--case", id, "--as", "cadre", "--json"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  const Json file = Json::parse(show.out);
  ASSERT_EQ(file["events"].size(), 2u);
  EXPECT_EQ(file["events"][1]["event"], "apply");
  EXPECT_EQ(file["events"][1]["actor"], "cadre");
  EXPECT_EQ(file["events"][1]["attachments"].size(), 1u);
  EXPECT_EQ(file["events"][1]["fields"]["applicant"], "户主");
  EXPECT_THAT(file["available"].dump(), HasSubstr("record_home_visit"));
}

TEST(CaseCliTest, UnknownCaseAndBadOptions) {
  Screened s;
  s.AddUser("cadre", "village", "630102001001");
  CliResult unknown = RunCli({"case", "show", "--db", s.db, "--case", "999999"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_THAT(unknown.err, HasSubstr("999999"));
  CliResult state = RunCli({"case", "list", "--db", s.db, "--state", "pending"});
  EXPECT_EQ(state.exit_code, 1);
  EXPECT_THAT(state.err, HasSubstr("pending"));
  CliResult worklist = RunCli({"case", "list", "--db", s.db, "--worklist"});
  EXPECT_EQ(worklist.exit_code, 1);
  EXPECT_THAT(worklist.err, HasSubstr("--as"));
  EXPECT_EQ(RunCli({"case", "act", "--db", s.db, "--case", "1", "--event", "apply"}).exit_code, 2);
  CliResult limits = RunCli({"case", "limits", "--db", s.db, "--province", "63", "--set",
                             "overall_days=12"});
  EXPECT_EQ(limits.exit_code, 1);
  EXPECT_THAT(limits.err, HasSubstr("--as"));
}

// ---- risk elimination (DOMAIN.md §8): candidates, measure, propose, checks -------------------

// A valid resident ID number of 630102 born on `birth` (YYYYMMDD), sequence `seq` (3 digits).
std::string IdNumber(const std::string& birth, const std::string& seq) {
  const std::string first17 = "630102" + birth + seq;
  static const int kWeights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return first17 + "10X98765432"[sum % 11];
}

// "2025-12" and day 5 → "2025-12-05T04:00:00Z" (noon in China).
std::string Noon(const std::string& month, int day) {
  return month + "-" + (day < 10 ? "0" : "") + std::to_string(day) + "T04:00:00Z";
}

// One household H1 of three adults in village 630102001001, written as exchange files whose
// income and water the test chooses and imported as of a date; the officers of its village,
// township and county, and a county officer elsewhere.
struct Household {
  TempDir dir;
  std::string db = dir / "x.db";
  std::string households = dir / "households.csv";
  std::string members = dir / "members.csv";

  Household() {
    CliResult init = RunCli({"init", "--db", db});
    EXPECT_EQ(init.exit_code, 0) << init.err;
    std::ofstream m(members);
    m << "id_number,household_id,name,relation,sex,birth_date,labor,health,school_stage,enrolled,"
         "med_insured,pension_insured,shares_household\n"
      << IdNumber("19750215", "941")
      << ",H1,刘生华,head,M,1975-02-15,ordinary,healthy,none,0,1,1,1\n"
      << IdNumber("19771204", "352")
      << ",H1,唐香艳,spouse,F,1977-12-04,ordinary,healthy,none,0,1,1,1\n"
      << IdNumber("20030501", "113")
      << ",H1,刘明,child,M,2003-05-01,skilled,healthy,none,0,1,1,1\n";
  }

  // H1 with `wage` yuan of wage income and nothing else, water safe or not, as of `as_of`.
  void Import(const std::string& wage, const std::string& as_of, bool water_safe = true) {
    {
      std::ofstream h(households);
      h << "household_id,village_code,status,wage_income,business_income,property_income,"
           "transfer_income,production_costs,prev_net_income,rigid_medical,rigid_education,"
           "rigid_other,housing_safe,water_safe\n"
        << "H1,630102001001,ordinary," << wage << ",0,0,0,0,,0,0,0,1," << (water_safe ? 1 : 0)
        << "\n";
    }
    CliResult r = RunCli(
        {"import", "--db", db, "--households", households, "--members", members, "--as-of", as_of});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  void Screen() {
    CliResult r = RunCli({"screen", "--db", db, "--province", "63", "--year", "2024"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  void AddUser(const std::string& name, const std::string& role, const std::string& scope) {
    CliResult r = RunCli({"user", "add", "--db", db, "--username", name, "--password",
                          "long-enough-password", "--role", role, "--scope", scope});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  CliResult Act(const std::string& id, const std::string& user, const std::string& event,
                const std::string& at, std::vector<std::string> fields = {}) {
    std::vector<std::string> args = {"case",    "act", "--db", db,   "--case", id,
                                     "--event", event, "--as", user, "--at",   at};
    for (const std::string& f : fields) {
      args.push_back("--field");
      args.push_back(f);
    }
    CliResult r = RunCli(args);
    EXPECT_EQ(r.exit_code, 0) << event << ": " << r.err;
    return r;
  }

  // The home visit form with `wage` yuan of wage income.
  static std::vector<std::string> Visit(const std::string& wage) {
    return {"wage_income=" + wage, "business_income=0", "property_income=0", "transfer_income=0",
            "production_costs=0",  "rigid_medical=0",   "rigid_education=0", "rigid_other=0",
            "housing_safe=1",      "water_safe=1",      "findings=入户核实"};
  }

  // After a home visit on `day` of `month`: the appraisal the next day, the notice closed five
  // days later, the township's and the county's approval (with `approval` fields) after it.
  void Approve(const std::string& id, const std::string& month, int day,
               const std::vector<std::string>& approval) {
    const std::string held = Noon(month, day + 1).substr(0, 10);
    Act(id, "cadre", "record_appraisal", Noon(month, day + 1),
        {"held_on=" + held, "attendance=15", "minutes=同意", "result=agreed"});
    Act(id, "cadre", "close_notice", Noon(month, day + 6));
    Act(id, "township", "township_approve", Noon(month, day + 7));
    Act(id, "county", "county_approve", Noon(month, day + 8), approval);
  }

  CliResult Measure(const std::string& user, std::vector<std::string> extra) {
    std::vector<std::string> args = {"case", "measure", "--db",        db,
                                     "--as", user,      "--household", "H1"};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunCli(args);
  }

  Json Candidates(const std::string& today) {
    CliResult r =
        RunCli({"case", "candidates", "--db", db, "--as", "county", "--today", today, "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.exit_code == 0 ? Json::parse(r.out) : Json::array();
  }

  Json Checks() {
    CliResult r = RunCli({"case", "checks", "--db", db, "--as", "county", "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.exit_code == 0 ? Json::parse(r.out) : Json::array();
  }
};

// H1 as a monitoring object: 2,000 yuan per person as of 29 November 2025, flagged by a run
// (today: the lead case opens on the real date), identified through the procedure dated
// December 2025 with risks R07 and R11, then 10,000 per person as of 20 December 2025. The
// story is dated in the past so that the runs the test makes today come after it.
struct MonitoredHousehold : Household {
  std::string identification;
  MonitoredHousehold() {
    Import("6000", "2025-11-29");
    AddUser("cadre", "village", "630102001001");
    AddUser("township", "township", "630102001");
    AddUser("county", "county", "630102");
    AddUser("stranger", "county", "630121");
    Screen();
    CliResult list = RunCli({"case", "list", "--db", db, "--json"});
    EXPECT_EQ(list.exit_code, 0) << list.err;
    const Json cases = list.exit_code == 0 ? Json::parse(list.out) : Json::array();
    EXPECT_EQ(cases.size(), 1u);
    if (cases.size() != 1) return;
    identification = std::to_string(cases[0]["id"].get<int64_t>());
    Act(identification, "cadre", "apply", Noon("2025-12", 1),
        {"authorization_signed=1", "applicant=刘生华"});
    Act(identification, "cadre", "record_home_visit", Noon("2025-12", 2), Visit("6000"));
    Act(identification, "county", "record_comparison", Noon("2025-12", 2),
        {"result=consistent", "findings=无"});
    Approve(identification, "2025-12", 2, {"type=marginal", "risks=R07;R11"});
    Import("30000", "2025-12-20");
  }

  std::vector<std::string> PublicPost() const {
    return {"--category", "public_post", "--item",       "生态护林员", "--start",
            "2026-01-10", "--status",    "in_progress",  "--amount",   "10000",
            "--risks",    "R07",         "--department", "县林草局"};
  }
};

const Json& Condition(const Json& candidate, const std::string& code) {
  for (const Json& c : candidate["conditions"]) {
    if (c["code"] == code) return c;
  }
  static const Json kNone;
  ADD_FAILURE() << "no condition " << code;
  return kNone;
}

TEST(CaseCliEliminationTest, CandidatesShowEachConditionAndAMeasureMakesTheHouseholdEligible) {
  MonitoredHousehold h;
  Json list = h.Candidates("2026-07-01");
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["household_id"], "H1");
  // Named from the registry and the region table, as the web page names them.
  EXPECT_NE(list[0]["village_name"], "") << list[0].dump();
  EXPECT_NE(list[0]["head_name"], "") << list[0].dump();
  EXPECT_EQ(list[0]["identified_on"], "2025-12-10");
  EXPECT_EQ(list[0]["risks"], "R07;R11");
  EXPECT_EQ(list[0]["eligible"], false);
  EXPECT_EQ(list[0]["method"], "natural");
  EXPECT_EQ(list[0]["conditions"].size(), 6u);
  for (const Json& c : list[0]["conditions"]) {
    EXPECT_EQ(c["met"], c["code"] != "measure_implemented") << c.dump();
  }
  // Identified on 10 December 2025: six months are reached on 10 June 2026, not the day before.
  EXPECT_EQ(Condition(h.Candidates("2026-06-09")[0], "monitored_long_enough")["met"], false);
  EXPECT_EQ(Condition(h.Candidates("2026-06-10")[0], "monitored_long_enough")["met"], true);
  CliResult text =
      RunCli({"case", "candidates", "--db", h.db, "--as", "county", "--today", "2026-07-01"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("not met: measure_implemented"));
  EXPECT_THAT(text.out, HasSubstr("1 monitored households, 0 eligible"));

  CliResult recorded = h.Measure("cadre", h.PublicPost());
  ASSERT_EQ(recorded.exit_code, 0) << recorded.err;
  EXPECT_THAT(recorded.out, HasSubstr("measure 1 recorded for household H1"));
  list = h.Candidates("2026-07-01");
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["eligible"], true);
  EXPECT_EQ(list[0]["method"], "by_assistance");
  EXPECT_THAT(Condition(list[0], "measure_implemented")["why"].get<std::string>(),
              HasSubstr("生态护林员"));
}

TEST(CaseCliEliminationTest, CandidatesNeedAUserInScopeAndADate) {
  MonitoredHousehold h;
  CliResult stranger = RunCli(
      {"case", "candidates", "--db", h.db, "--as", "stranger", "--today", "2026-07-01", "--json"});
  ASSERT_EQ(stranger.exit_code, 0) << stranger.err;
  EXPECT_EQ(Json::parse(stranger.out).size(), 0u);  // another county's: none of its own
  CliResult outside =
      RunCli({"case", "candidates", "--db", h.db, "--as", "cadre", "--region", "630121"});
  EXPECT_EQ(outside.exit_code, 1);
  EXPECT_THAT(outside.err, HasSubstr("scope"));
  CliResult date =
      RunCli({"case", "candidates", "--db", h.db, "--as", "county", "--today", "2026-13-01"});
  EXPECT_EQ(date.exit_code, 1);
  EXPECT_THAT(date.err, HasSubstr("--today"));
  EXPECT_EQ(RunCli({"case", "candidates", "--db", h.db}).exit_code, 2);  // --as is required
  CliResult nobody = RunCli({"case", "candidates", "--db", h.db, "--as", "nobody"});
  EXPECT_EQ(nobody.exit_code, 1);
  EXPECT_THAT(nobody.err, HasSubstr("nobody"));
}

TEST(CaseCliEliminationTest, MeasureRefusesBadOptionsAndOthersScope) {
  MonitoredHousehold h;
  std::vector<std::string> base = h.PublicPost();
  auto with = [&](const std::string& option, const std::string& value) {
    std::vector<std::string> args = base;
    auto it = std::find(args.begin(), args.end(), option);
    if (it == args.end()) {
      args.push_back(option);
      args.push_back(value);
    } else {
      *(it + 1) = value;
    }
    return args;
  };
  struct Bad {
    std::string option, value, named;
  };
  const Bad cases[] = {
      {"--category", "charity", "--category"},
      {"--status", "finished", "--status"},
      {"--start", "2026-02-30", "--start"},
      {"--end", "2026-01-09", "end"},
      {"--amount", "12.345", "--amount"},
      {"--risks", "R07;R77", "R77"},
      {"--member", "630102197502159410", "member_id_number"},
      {"--item", " ", "item"},
  };
  for (const Bad& bad : cases) {
    CliResult r = h.Measure("cadre", with(bad.option, bad.value));
    EXPECT_EQ(r.exit_code, 1) << bad.option << " " << bad.value;
    EXPECT_THAT(r.err, HasSubstr(bad.named)) << bad.option << " " << bad.value;
  }
  CliResult stranger = h.Measure("stranger", base);
  EXPECT_EQ(stranger.exit_code, 1);
  EXPECT_THAT(stranger.err, HasSubstr("scope"));
  EXPECT_EQ(RunCli({"case", "measure", "--db", h.db, "--as", "cadre", "--household", "H1",
                    "--category", "health", "--start", "2026-01-01"})
                .exit_code,
            2);  // --item is required
  // Nothing was recorded: the household is still not eligible.
  EXPECT_EQ(h.Candidates("2026-07-01")[0]["eligible"], false);
  // A measure for a member of the household is accepted.
  CliResult member = h.Measure("cadre", with("--member", IdNumber("20030501", "113")));
  EXPECT_EQ(member.exit_code, 0) << member.err;
}

TEST(CaseCliEliminationTest, ProposeIsRefusedUntilEligibleThenOpensTheEliminationCase) {
  MonitoredHousehold h;
  const std::string at = "2026-07-01T04:00:00Z";
  CliResult early = RunCli(
      {"case", "propose", "--db", h.db, "--as", "township", "--household", "H1", "--at", at});
  EXPECT_EQ(early.exit_code, 1);
  EXPECT_THAT(early.err, HasSubstr("measure_implemented"));
  ASSERT_EQ(h.Measure("cadre", h.PublicPost()).exit_code, 0);
  CliResult village =
      RunCli({"case", "propose", "--db", h.db, "--as", "cadre", "--household", "H1", "--at", at});
  EXPECT_EQ(village.exit_code, 1);
  EXPECT_THAT(village.err, HasSubstr("township or county"));
  CliResult stranger = RunCli(
      {"case", "propose", "--db", h.db, "--as", "stranger", "--household", "H1", "--at", at});
  EXPECT_EQ(stranger.exit_code, 1);
  EXPECT_THAT(stranger.err, HasSubstr("scope"));
  CliResult unknown =
      RunCli({"case", "propose", "--db", h.db, "--as", "county", "--household", "H9", "--at", at});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_THAT(unknown.err, HasSubstr("H9"));
  EXPECT_EQ(RunCli({"case", "propose", "--db", h.db, "--as", "county"}).exit_code, 2);

  CliResult proposed = RunCli({"case", "propose", "--db", h.db, "--as", "township", "--household",
                               "H1", "--at", at, "--json"});
  ASSERT_EQ(proposed.exit_code, 0) << proposed.err;
  const Json c = Json::parse(proposed.out);
  EXPECT_EQ(c["kind"], "elimination");
  EXPECT_EQ(c["state"], "home_visit");
  EXPECT_EQ(c["household_id"], "H1");
  EXPECT_GT(c["episode_id"].get<int64_t>(), 0);
  CliResult again =
      RunCli({"case", "propose", "--db", h.db, "--as", "county", "--household", "H1", "--at", at});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_THAT(again.err, HasSubstr("open case"));
}

TEST(CaseCliEliminationTest, EliminatedThenRelapsingWithTheSameRiskShowsInTheChecks) {
  MonitoredHousehold h;
  ASSERT_EQ(h.Measure("cadre", h.PublicPost()).exit_code, 0);
  CliResult proposed = RunCli({"case", "propose", "--db", h.db, "--as", "county", "--household",
                               "H1", "--at", "2026-07-01T04:00:00Z", "--json"});
  ASSERT_EQ(proposed.exit_code, 0) << proposed.err;
  const std::string id = std::to_string(Json::parse(proposed.out)["id"].get<int64_t>());
  h.Act(id, "cadre", "record_home_visit", Noon("2026-07", 2), Household::Visit("30000"));
  h.Approve(id, "2026-07", 2, {"method=by_assistance"});
  CliResult show = RunCli({"case", "show", "--db", h.db, "--case", id, "--json"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_EQ(Json::parse(show.out)["state"], "eliminated");
  EXPECT_TRUE(h.Candidates("2026-08-01").empty());
  EXPECT_TRUE(h.Checks().empty());
  CliResult none = RunCli({"case", "checks", "--db", h.db, "--as", "county"});
  ASSERT_EQ(none.exit_code, 0) << none.err;
  EXPECT_THAT(none.out, HasSubstr("0 problems"));

  // A run that no longer flags H1, then unsafe water (R11 again) and a run that flags it: the
  // new warning opens a relapse case.
  h.Screen();
  h.Import("30000", "2026-09-01", /*water_safe=*/false);
  h.Screen();
  const Json checks = h.Checks();
  ASSERT_EQ(checks.size(), 1u) << checks.dump();
  EXPECT_EQ(checks[0]["code"], "relapse_same_risk");
  EXPECT_EQ(checks[0]["household_id"], "H1");
  EXPECT_THAT(checks[0]["message"].get<std::string>(), HasSubstr("R11"));
  CliResult text = RunCli({"case", "checks", "--db", h.db, "--as", "county"});
  ASSERT_EQ(text.exit_code, 0);
  EXPECT_THAT(text.out, HasSubstr("relapse_same_risk"));
  EXPECT_THAT(text.out, HasSubstr("1 problems"));
  CliResult outside = RunCli({"case", "checks", "--db", h.db, "--as", "stranger", "--json"});
  ASSERT_EQ(outside.exit_code, 0) << outside.err;
  EXPECT_EQ(Json::parse(outside.out).size(), 0u);
  CliResult region = RunCli({"case", "checks", "--db", h.db, "--as", "cadre", "--region", "63"});
  EXPECT_EQ(region.exit_code, 1);
  EXPECT_THAT(region.err, HasSubstr("scope"));
}

// ---- timeliness (DOMAIN.md §10) -------------------------------------------------------------

// China's date (UTC+8) of a UTC ISO 8601 time ("2026-11-29T17:00:00Z" → 2026-11-30).
CivilDate ChinaDate(const std::string& utc) {
  auto date = ParseDate(utc.substr(0, 10));
  EXPECT_TRUE(date.ok() && utc.size() >= 13) << utc;
  if (!date.ok() || utc.size() < 13) return CivilDate();
  const int hour = std::stoi(utc.substr(11, 2));
  return CivilDate::FromDays(date->ToDays() + (hour >= 16 ? 1 : 0));
}

// H1 flagged by a run today (its lead case opens now) and approved by the county on the 15th
// day after: the procedure dated after the opening, on China's calendar.
struct ApprovedHousehold : Household {
  std::string id;
  CivilDate opened;
  ApprovedHousehold() {
    Import("6000", "2025-11-29");
    AddUser("cadre", "village", "630102001001");
    AddUser("township", "township", "630102001");
    AddUser("county", "county", "630102");
    AddUser("stranger", "county", "630121");
    Screen();
    CliResult list = RunCli({"case", "list", "--db", db, "--json"});
    EXPECT_EQ(list.exit_code, 0) << list.err;
    const Json cases = list.exit_code == 0 ? Json::parse(list.out) : Json::array();
    EXPECT_EQ(cases.size(), 1u);
    if (cases.size() != 1) return;
    id = std::to_string(cases[0]["id"].get<int64_t>());
    opened = ChinaDate(cases[0]["opened_at"].get<std::string>());
    Act(id, "cadre", "apply", On(1), {"authorization_signed=1", "applicant=刘生华"});
    Act(id, "cadre", "record_home_visit", On(1), Visit("6000"));
    Act(id, "county", "record_comparison", On(2), {"result=consistent", "findings=无"});
    Act(id, "cadre", "record_appraisal", On(3),
        {"held_on=" + Day(3), "attendance=15", "minutes=同意", "result=agreed"});
    Act(id, "cadre", "close_notice", On(8));
    Act(id, "township", "township_approve", On(9));
    Act(id, "county", "county_approve", On(15), {"type=marginal", "risks=R07"});
  }
  // The date `n` days after the opening, and noon in China on it.
  std::string Day(int n) const { return CivilDate::FromDays(opened.ToDays() + n).ToString(); }
  std::string On(int n) const { return Day(n) + "T04:00:00Z"; }

  CliResult Timeliness(std::vector<std::string> extra) const {
    std::vector<std::string> args = {"case", "timeliness", "--db", db};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunCli(args);
  }
  Json TimelinessJson(std::vector<std::string> extra) const {
    extra.push_back("--json");
    CliResult r = Timeliness(extra);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.exit_code == 0 ? Json::parse(r.out) : Json::object();
  }
};

TEST(CaseCliTimelinessTest, JsonGivesTheFiguresInTotalAndPerArea) {
  ApprovedHousehold h;
  ASSERT_FALSE(h.id.empty());
  const Json t = h.TimelinessJson({"--as", "county", "--from", h.Day(15), "--to", h.Day(15)});
  EXPECT_EQ(t["region_code"], "630102");
  EXPECT_EQ(t["region_level"], "county");
  EXPECT_EQ(t["from"], h.Day(15));
  EXPECT_EQ(t["to"], h.Day(15));
  const Json& total = t["total"];
  EXPECT_EQ(total["approved"], 1);
  EXPECT_EQ(total["within_limit"], 1);  // 15 days: the limit itself
  EXPECT_EQ(total["share_within_limit"], 1.0);
  EXPECT_EQ(total["total_days"], 15);
  EXPECT_EQ(total["mean_days"], 15.0);
  EXPECT_EQ(total["max_days"], 15);
  EXPECT_EQ(total["rejected"], 0);
  int64_t approved = 0;
  for (const Json& area : t["by_area"]) {
    EXPECT_EQ(area["code"].get<std::string>().size(), 9u);
    approved += area["approved"].get<int64_t>();
    if (area["code"] == "630102001") {
      EXPECT_EQ(area["approved"], 1);
      EXPECT_EQ(area["max_days"], 15);
    } else {
      EXPECT_EQ(area["approved"], 0);
      EXPECT_TRUE(area["share_within_limit"].is_null()) << area.dump();
      EXPECT_TRUE(area["mean_days"].is_null()) << area.dump();
    }
  }
  EXPECT_EQ(approved, 1);
  // The day before the approval: nothing decided.
  const Json before = h.TimelinessJson({"--as", "county", "--from", h.Day(0), "--to", h.Day(14)});
  EXPECT_EQ(before["total"]["approved"], 0);
  EXPECT_TRUE(before["total"]["share_within_limit"].is_null());
  // Without --as: the database's owner, over the province.
  const Json owner = h.TimelinessJson({"--from", h.Day(15), "--to", h.Day(15)});
  EXPECT_EQ(owner["region_code"], "63");
  EXPECT_EQ(owner["region_level"], "province");
  EXPECT_EQ(owner["total"], total);
  const Json county = h.TimelinessJson({"--region", "630102", "--from", h.Day(15), "--to",
                                        h.Day(15)});
  EXPECT_EQ(county["region_code"], "630102");
  EXPECT_EQ(county["total"], total);
}

TEST(CaseCliTimelinessTest, TheTextIsATablePerAreaWithTheTotal) {
  ApprovedHousehold h;
  ASSERT_FALSE(h.id.empty());
  CliResult r = h.Timeliness({"--as", "township", "--from", h.Day(10), "--to", h.Day(20)});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("from " + h.Day(10) + " to " + h.Day(20)));
  EXPECT_THAT(r.out, HasSubstr("township 630102001"));
  EXPECT_THAT(r.out, HasSubstr("approved"));
  // The rows by their first word: the village's and the total's say 1 approved, 1 within
  // (100.0%), 15.0 days, longest 15, none rejected.
  std::map<std::string, std::string> rows;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) rows[line.substr(0, line.find(' '))] = line;
  for (const char* row : {"630102001001", "total"}) {
    EXPECT_THAT(rows[row], ::testing::ContainsRegex("1 +1 +100\\.0% +15\\.0 +15 +0$")) << r.out;
  }
  // Another village of the township: nothing, with dashes for the share, mean and longest.
  EXPECT_THAT(rows["630102001004"], ::testing::ContainsRegex(" 0 +0 +- +- +- +0$")) << r.out;
}

TEST(CaseCliTimelinessTest, ThePeriodDefaultsToThisYearUntilToday) {
  ApprovedHousehold h;
  ASSERT_FALSE(h.id.empty());
  const CivilDate today = CivilDate::Today();  // China's
  const Json t = h.TimelinessJson({"--as", "county"});
  EXPECT_EQ(t["from"], std::to_string(today.year()) + "-01-01");
  EXPECT_EQ(t["to"], today.ToString());
  EXPECT_EQ(t["total"]["approved"], 0);  // the approval is dated 15 days after today
  const Json only_to = h.TimelinessJson({"--as", "county", "--to", "2025-06-30"});
  EXPECT_EQ(only_to["from"], "2025-01-01");
}

TEST(CaseCliTimelinessTest, RefusalsSayWhatIsWrong) {
  ApprovedHousehold h;
  ASSERT_FALSE(h.id.empty());
  struct Bad {
    std::vector<std::string> args;
    std::string says;
  };
  const Bad bad[] = {
      {{"--as", "stranger", "--region", "630102"}, "scope"},
      {{"--as", "township", "--region", "630121"}, "scope"},
      {{"--as", "county", "--from", "2026-13-01"}, "--from"},
      {{"--as", "county", "--to", "2026/06/30"}, "--to"},
      {{"--as", "county", "--from", "2026-06-30", "--to", "2026-06-01"}, "before it begins"},
      {{"--as", "county", "--region", "630102x"}, "region"},
      {{"--region", "639999"}, "639999"},
      {{"--as", "nobody"}, "nobody"},
  };
  for (const Bad& b : bad) {
    CliResult r = h.Timeliness(b.args);
    EXPECT_EQ(r.exit_code, 1) << ::testing::PrintToString(b.args);
    EXPECT_THAT(r.err, HasSubstr(b.says)) << ::testing::PrintToString(b.args);
  }
  EXPECT_EQ(RunCli({"case", "timeliness", "--as", "county"}).exit_code, 2);  // --db is required
}

}  // namespace
}  // namespace xianjie::testing
