// End-to-end tests of `xianjie case`: after `screen`, every flagged household has exactly one open
// case in state lead; `case act` takes one event as a named user, and refuses (exit 1, the
// reason, nothing changed) an event the state or the user's role or scope does not allow.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

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

}  // namespace
}  // namespace xianjie::testing
