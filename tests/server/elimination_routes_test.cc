// The elimination routes over a real socket (api_elimination.cc; DOMAIN.md §8): households taken
// through the procedure months ago by the service (elimination_fixture.h) — E01 and E02 eligible,
// E04 whose income fell below the line last month, E03 of village B eliminated below the line —
// then the candidates as the service assesses them, a proposal and every refusal of one, measures
// recorded and listed (masked by role), and the quality checks, each with its errors.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "access/audit.h"
#include "base/id_number.h"
#include "cases/case.h"
#include "cases/elimination.h"
#include "server/elimination_fixture.h"
#include "server/server_harness.h"
#include "service/elimination.h"
#include "service/service_test_support.h"

namespace xianjie::server::testing {
namespace {

using access::Role;
using nlohmann::json;
using service::testing::kVillageB;  // village A's township

class EliminationRoutesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    harness_ = new ServerHarness();
    if (!harness_->ok()) return;
    service::Workspace& ws = harness_->workspace();
    const CivilDate today = Today();
    const std::string a = ServerHarness::kInVillage;
    auto e01 = AddEligibleHousehold(ws, "E01", a, today);
    auto e02 = AddEligibleHousehold(ws, "E02", a, today);
    auto e04 = AddEligibleHousehold(ws, "E04", a, today);
    auto e03 = AddEliminatedBelowLine(ws, "E03", kVillageB, today);
    Status fell = e04.ok() ? WriteHousehold(ws, "E04", a, cases::AddMonths(today, -1), 1000)
                           : e04.status();
    setup_ = e01.ok() && e02.ok() && e03.ok() && fell.ok();
    EXPECT_TRUE(setup_) << e01.status().ToString() << " " << e02.status().ToString() << " "
                        << e03.status().ToString() << " " << fell.ToString();
    if (setup_) {
      episode_of_["E01"] = *e01;
      episode_of_["E02"] = *e02;
      episode_of_["E04"] = *e04;
    }
  }
  static void TearDownTestSuite() {
    sessions_.clear();
    delete harness_;
    harness_ = nullptr;
  }
  void SetUp() override {
    ASSERT_TRUE(harness_->ok());
    ASSERT_TRUE(setup_) << "the households of the fixture could not be written";
  }

  static CivilDate Today() { return cases::ChinaDateOf(harness_->workspace().Now()); }
  static httplib::Headers HeadersOf(Role role) {
    auto it = sessions_.find(role);
    if (it == sessions_.end()) {
      it = sessions_.emplace(role, harness_->Login(harness_->User(role))).first;
    }
    return ServerHarness::Headers(it->second);
  }
  static httplib::Result Get(Role role, const std::string& path) {
    return harness_->Client().Get(path, HeadersOf(role));
  }
  static httplib::Result Post(Role role, const std::string& path, const json& body) {
    return harness_->Client().Post(path, HeadersOf(role), body.dump(), "application/json");
  }
  static httplib::Result PostText(Role role, const std::string& path, const std::string& body) {
    return harness_->Client().Post(path, HeadersOf(role), body, "application/json");
  }
  static std::string Message(const httplib::Result& res) {
    const json body = BodyJson(res);
    if (!body.is_object() || !body.contains("error")) return "";
    return body["error"].value("message", "");
  }
  static access::Principal PrincipalOf(Role role) {
    const TestUser& u = harness_->User(role);
    return {u.username, u.role, u.scope};
  }
  // The items of a list route, failing the test unless it answers 200.
  static json Items(Role role, const std::string& path) {
    auto res = Get(role, path);
    EXPECT_TRUE(res && res->status == 200) << path << ": " << (res ? res->body : "no response");
    const json body = BodyJson(res);
    return body.is_object() && body.contains("items") ? body["items"] : json::array();
  }
  static json CandidateOf(const json& items, const std::string& household) {
    for (const json& c : items) {
      if (c["household_id"] == household) return c;
    }
    return nullptr;
  }
  static std::multiset<std::string> AuditActions(const std::string& user) {
    std::multiset<std::string> out;
    for (const access::AuditEntry& e :
         harness_->AuditEntries([&](const access::AuditEntry& e) { return e.user == user; })) {
      out.insert(e.action);
    }
    return out;
  }
  static std::string MemberOf(const std::string& household) {
    const std::string ids[] = {household};
    auto current = harness_->database().GetCurrent(ids);
    EXPECT_TRUE(current.ok() && !current->empty());
    return current.ok() && !current->empty() ? current->front().record.members.back().id_number
                                             : "";
  }
  static void ExpectError(const httplib::Result& res, int status, const std::string& code,
                          const std::string& mentions, const std::string& what) {
    ASSERT_TRUE(res) << what;
    EXPECT_EQ(res->status, status) << what << ": " << res->body;
    EXPECT_EQ(ErrorCode(res), code) << what;
    EXPECT_NE(Message(res).find(mentions), std::string::npos)
        << what << ": the message should mention '" << mentions << "': " << Message(res);
  }

  static ServerHarness* harness_;
  static bool setup_;
  static std::map<std::string, int64_t> episode_of_;
  static std::map<Role, Session> sessions_;
};
ServerHarness* EliminationRoutesTest::harness_ = nullptr;
bool EliminationRoutesTest::setup_ = false;
std::map<std::string, int64_t> EliminationRoutesTest::episode_of_;
std::map<Role, Session> EliminationRoutesTest::sessions_;

const char kCandidates[] = "/api/v1/elimination/candidates";
const char kProposals[] = "/api/v1/elimination/proposals";
const char kQuality[] = "/api/v1/elimination/quality";
std::string MeasuresOf(const std::string& household) {
  return "/api/v1/households/" + household + "/measures";
}

json Training() {
  return {{"category", "employment"},    {"item", "劳务输出培训"}, {"department", "县人社局"},
          {"start", "2026-03-01"},       {"end", "2026-12-31"},    {"amount", "1200.5"},
          {"status", "done"},            {"risks", json::array({"R07", "R01"})}};
}

// ---- candidates

TEST_F(EliminationRoutesTest, CandidatesAreTheServicesAssessmentSerialized) {
  const json items = Items(Role::kTownship, kCandidates);
  auto assessed = service::ListEliminationCandidates(harness_->workspace(),
                                                     PrincipalOf(Role::kTownship), "", Today());
  ASSERT_TRUE(assessed.ok()) << assessed.status().ToString();
  ASSERT_EQ(items.size(), assessed->size());
  ASSERT_FALSE(assessed->empty());
  for (const service::EliminationCandidate& c : *assessed) {
    const json item = CandidateOf(items, c.episode.household_id);
    ASSERT_TRUE(item.is_object()) << c.episode.household_id << " is missing";
    EXPECT_EQ(item["village_code"], c.episode.village_code);
    EXPECT_EQ(item["village_name"], c.village_name);
    EXPECT_EQ(item["head_name"], c.head_name);
    EXPECT_EQ(item["episode"]["id"], c.episode.id);
    EXPECT_EQ(item["episode"]["identified_on"], c.episode.identified_on.ToString());
    EXPECT_EQ(item["episode"]["type"], c.episode.type);
    EXPECT_EQ(item["eligible"], c.check.eligible);
    EXPECT_EQ(item["method"], c.check.method);
    EXPECT_EQ(item["line_year"], c.line.year);
    EXPECT_EQ(item["line"], Money::FromFen(c.line.fen).ToYuanCentsString());
    ASSERT_EQ(item["conditions"].size(), c.check.conditions.size());
    for (size_t i = 0; i < c.check.conditions.size(); ++i) {
      EXPECT_EQ(item["conditions"][i]["code"], c.check.conditions[i].code);
      EXPECT_EQ(item["conditions"][i]["met"], c.check.conditions[i].met);
      EXPECT_EQ(item["conditions"][i]["why"], c.check.conditions[i].why);
    }
  }
}

TEST_F(EliminationRoutesTest, AnEligibleHouseholdMeetsEveryConditionAndAFallenOneNot) {
  const json items = Items(Role::kCounty, kCandidates);
  const json e01 = CandidateOf(items, "E01");
  ASSERT_TRUE(e01.is_object()) << items.dump();
  EXPECT_EQ(e01["eligible"], true);
  EXPECT_EQ(e01["method"], "by_assistance");
  EXPECT_EQ(e01["episode"]["id"], episode_of_["E01"]);
  EXPECT_EQ(e01["episode"]["type"], "marginal");
  EXPECT_EQ(e01["episode"]["risks"], json::array({"R01", "R07"}));
  EXPECT_GT(e01["episode"]["identification_case"].get<int64_t>(), 0);
  EXPECT_EQ(e01["village_code"], ServerHarness::kInVillage);
  EXPECT_FALSE(e01["head_name"].get<std::string>().empty());
  ASSERT_EQ(e01["conditions"].size(), 6u);
  for (const json& c : e01["conditions"]) {
    EXPECT_EQ(c["met"], true) << c.dump();
    EXPECT_FALSE(c["why"].get<std::string>().empty()) << c.dump();
  }
  const json e04 = CandidateOf(items, "E04");
  ASSERT_TRUE(e04.is_object()) << items.dump();
  EXPECT_EQ(e04["eligible"], false);
  // 1,000 yuan per person since last month: below the line, and so is what is left after the
  // (nil) rigid spending.
  std::set<std::string> unmet;
  for (const json& c : e04["conditions"]) {
    if (c["met"] == true) continue;
    unmet.insert(c["code"].get<std::string>());
    if (c["code"] == "income_stable_above_line") {
      EXPECT_NE(c["why"].get<std::string>().find("1000.00"), std::string::npos) << c.dump();
    }
  }
  EXPECT_EQ(unmet, (std::set<std::string>{"income_stable_above_line", "rigid_spending_resolved"}));
  // E03 is no longer monitored: eliminated, it is no candidate.
  EXPECT_FALSE(CandidateOf(items, "E03").is_object());
}

TEST_F(EliminationRoutesTest, CandidatesKeepToTheScopeAndAreAudited) {
  const size_t before = AuditActions("village").count("case.elimination_candidates");
  for (const json& c : Items(Role::kVillage, kCandidates)) {
    EXPECT_EQ(c["village_code"], ServerHarness::kInVillage) << c.dump();
  }
  EXPECT_EQ(AuditActions("village").count("case.elimination_candidates"), before + 1);
  EXPECT_TRUE(Items(Role::kTownship, std::string(kCandidates) + "?region=" + kVillageB).empty());
  ExpectError(Get(Role::kTownship, std::string(kCandidates) + "?region=" + harness_->out_village),
              403, "PERMISSION_DENIED", "", "a region outside the township");
  ExpectError(Get(Role::kCounty, std::string(kCandidates) + "?region=63a"), 400,
              "INVALID_ARGUMENT", "region", "a bad region code");
  ExpectError(Get(Role::kAdmin, kCandidates), 403, "PERMISSION_DENIED", "", "the administrator");
}

// ---- proposals

TEST_F(EliminationRoutesTest, ATownshipProposesAnEligibleHouseholdAndTheCaseOpens) {
  auto res = Post(Role::kTownship, kProposals, {{"household_id", "E02"}});
  ASSERT_TRUE(res && res->status == 201) << (res ? res->body : "no response");
  const int64_t id = BodyJson(res)["case_id"].get<int64_t>();
  ASSERT_GT(id, 0);
  auto file = Get(Role::kTownship, "/api/v1/cases/" + std::to_string(id));
  ASSERT_TRUE(file && file->status == 200) << (file ? file->body : "");
  const json c = BodyJson(file)["case"];
  EXPECT_EQ(c["kind"], "elimination");
  EXPECT_EQ(c["state"], "home_visit");
  EXPECT_EQ(c["household_id"], "E02");
  EXPECT_EQ(c["episode_id"], episode_of_["E02"]);
  EXPECT_EQ(BodyJson(file)["events"][0]["fields"]["proposed_method"], "by_assistance");
  // The open case takes E02 off the candidates, and a second proposal is refused.
  EXPECT_FALSE(CandidateOf(Items(Role::kTownship, kCandidates), "E02").is_object());
  ExpectError(Post(Role::kCounty, kProposals, {{"household_id", "E02"}}), 409,
              "FAILED_PRECONDITION", "open case", "a second proposal");
}

TEST_F(EliminationRoutesTest, AProposalIsRefusedWithTheReason) {
  ExpectError(Post(Role::kTownship, kProposals, json::object()), 400, "INVALID_ARGUMENT",
              "household_id", "no household");
  ExpectError(Post(Role::kTownship, kProposals, {{"household_id", 7}}), 400, "INVALID_ARGUMENT",
              "household_id", "a number for a household");
  ExpectError(PostText(Role::kTownship, kProposals, "{household"), 400, "INVALID_ARGUMENT",
              "JSON", "a body that is not JSON");
  ExpectError(Post(Role::kVillage, kProposals, {{"household_id", "E01"}}), 403,
              "PERMISSION_DENIED", "township or county", "the village");
  ExpectError(Post(Role::kDepartment, kProposals, {{"household_id", "E01"}}), 403,
              "PERMISSION_DENIED", "township or county", "a department");
  ExpectError(Post(Role::kProvince, kProposals, {{"household_id", "E01"}}), 403,
              "PERMISSION_DENIED", "", "the province");
  ExpectError(Post(Role::kCounty, kProposals, {{"household_id", harness_->out_household}}), 403,
              "PERMISSION_DENIED", "", "a household outside the county");
  ExpectError(Post(Role::kCounty, kProposals, {{"household_id", "Z99"}}), 404, "NOT_FOUND",
              "Z99", "an unknown household");
  ExpectError(Post(Role::kCounty, kProposals, {{"household_id", harness_->in_household}}), 409,
              "FAILED_PRECONDITION", "not a monitoring object", "a household not monitored");
  // Not eligible: the message lists the unmet condition and why.
  auto fallen = Post(Role::kCounty, kProposals, {{"household_id", "E04"}});
  ExpectError(fallen, 409, "FAILED_PRECONDITION", "income_stable_above_line", "E04");
  EXPECT_NE(Message(fallen).find("1000.00"), std::string::npos) << Message(fallen);
  EXPECT_EQ(Message(fallen).find("measure_implemented"), std::string::npos) << Message(fallen);
  // Refusals open nothing.
  for (const char* household : {"E01", "E04"}) {
    auto open = harness_->database().OpenCaseOf(household);
    ASSERT_TRUE(open.ok());
    EXPECT_FALSE(open->has_value()) << household;
  }
}

// ---- measures

TEST_F(EliminationRoutesTest, AMeasureIsRecordedAndListedAsTheRoleMaySeeIt) {
  const std::string member = MemberOf("E01");
  json body = Training();
  body["member_id_number"] = member;
  auto res = Post(Role::kVillage, MeasuresOf("E01"), body);
  ASSERT_TRUE(res && res->status == 201) << (res ? res->body : "no response");
  const json m = BodyJson(res);
  EXPECT_GT(m["id"].get<int64_t>(), 0);
  EXPECT_EQ(m["household_id"], "E01");
  EXPECT_EQ(m["member_id_number"], member);  // a village officer sees whole numbers
  EXPECT_EQ(m["category"], "employment");
  EXPECT_EQ(m["item"], "劳务输出培训");
  EXPECT_EQ(m["department"], "县人社局");
  EXPECT_EQ(m["start"], "2026-03-01");
  EXPECT_EQ(m["end"], "2026-12-31");
  EXPECT_EQ(m["amount"], "1200.50");
  EXPECT_EQ(m["status"], "done");
  EXPECT_EQ(m["risks"], json::array({"R01", "R07"}));
  EXPECT_EQ(m["recorded_by"], "village");
  EXPECT_FALSE(m["recorded_at"].get<std::string>().empty());

  // Listed by id after the fixture's measure, exactly as answered.
  const size_t reads = AuditActions("village").count("measure.list");
  const json listed = Items(Role::kVillage, MeasuresOf("E01"));
  EXPECT_EQ(AuditActions("village").count("measure.list"), reads + 1);
  EXPECT_GE(AuditActions("village").count("measure.record"), 1u);
  ASSERT_GE(listed.size(), 2u) << listed.dump();
  EXPECT_EQ(listed[0]["category"], "public_post");
  EXPECT_EQ(listed[0]["end"], nullptr);
  EXPECT_EQ(listed[0]["member_id_number"], "");
  auto by_id = [](const json& items, const json& id) {
    for (const json& item : items) {
      if (item["id"] == id) return item;
    }
    return json(nullptr);
  };
  EXPECT_EQ(by_id(listed, m["id"]), m);
  // The county sees the member's ID number masked.
  const json shown = by_id(Items(Role::kCounty, MeasuresOf("E01")), m["id"]);
  ASSERT_TRUE(shown.is_object());
  EXPECT_EQ(shown["member_id_number"], MaskIdNumber(member));
  EXPECT_NE(shown["member_id_number"], member);

  // Minimal: the status defaults to planned, no end, no amount.
  auto minimal = Post(Role::kCounty, MeasuresOf("E01"),
                      {{"category", "health"}, {"item", "家庭医生签约"}, {"start", "2026-04-01"}});
  ASSERT_TRUE(minimal && minimal->status == 201) << (minimal ? minimal->body : "");
  EXPECT_EQ(BodyJson(minimal)["status"], "planned");
  EXPECT_EQ(BodyJson(minimal)["end"], nullptr);
  EXPECT_EQ(BodyJson(minimal)["amount"], "0.00");
  EXPECT_EQ(BodyJson(minimal)["risks"], json::array());
}

TEST_F(EliminationRoutesTest, TheMeasuresOfAHouseholdAreNotItsFile) {
  // "/households/:id" must not take "/households/A01/measures".
  auto res = Get(Role::kVillage, MeasuresOf(harness_->in_household));
  ASSERT_TRUE(res && res->status == 200) << (res ? res->body : "");
  const json body = BodyJson(res);
  EXPECT_EQ(body, json({{"items", json::array()}}));
}

TEST_F(EliminationRoutesTest, ABadMeasureIsRefusedNamingTheField) {
  struct Bad {
    const char* field;
    json value;  // null: the field removed
    const char* mentions;
  };
  const Bad bad[] = {
      {"category", "charity", "category"},
      {"category", nullptr, "category"},
      {"status", "finished", "status"},
      {"item", nullptr, "item"},
      {"item", "", "item"},
      {"start", nullptr, "start"},
      {"start", "2026-02-30", "start"},
      {"end", "2026-01-31", "end"},  // before the start
      {"amount", "-5", "amount"},
      {"amount", "12.345", "amount"},
      {"amount", 100, "amount"},
      {"risks", json::array({"R50"}), "risks"},
      {"risks", json::array({"R01", "R01"}), "risks"},
      {"risks", 3, "risks"},
      {"member_id_number", "11010519491231002X", "member_id_number"},  // not of E01
      {"member_id_number", "12345", "member_id_number"},
  };
  const size_t before = harness_->database().MeasuresOf("E01")->size();
  for (const Bad& b : bad) {
    json body = Training();
    if (b.value.is_null()) {
      body.erase(b.field);
    } else {
      body[b.field] = b.value;
    }
    ExpectError(Post(Role::kTownship, MeasuresOf("E01"), body), 400, "INVALID_ARGUMENT",
                b.mentions, std::string(b.field) + " = " + b.value.dump());
  }
  ExpectError(PostText(Role::kTownship, MeasuresOf("E01"), "[1]"), 400, "INVALID_ARGUMENT",
              "object", "an array for a body");
  EXPECT_EQ(harness_->database().MeasuresOf("E01")->size(), before) << "refusals store nothing";
}

TEST_F(EliminationRoutesTest, MeasuresKeepToTheRolesAndTheScope) {
  ExpectError(Post(Role::kDepartment, MeasuresOf("E01"), Training()), 403, "PERMISSION_DENIED",
              "village, township or county", "a department records");
  ExpectError(Post(Role::kProvince, MeasuresOf("E01"), Training()), 403, "PERMISSION_DENIED",
              "", "the province records");
  ExpectError(Post(Role::kVillage, MeasuresOf(harness_->out_household), Training()), 403,
              "PERMISSION_DENIED", "", "a household of another village");
  ExpectError(Post(Role::kVillage, MeasuresOf("Z99"), Training()), 404, "NOT_FOUND", "Z99",
              "an unknown household");
  ExpectError(Get(Role::kVillage, MeasuresOf(harness_->out_household)), 403, "PERMISSION_DENIED",
              "", "reading another village's measures");
  ExpectError(Get(Role::kCounty, MeasuresOf("Z99")), 404, "NOT_FOUND", "Z99",
              "reading an unknown household's measures");
  ExpectError(Get(Role::kAdmin, MeasuresOf("E01")), 403, "PERMISSION_DENIED", "",
              "the administrator reads measures");
  // The auditor reads them.
  EXPECT_FALSE(Items(Role::kAuditor, MeasuresOf("E01")).empty());
}

// ---- quality checks

TEST_F(EliminationRoutesTest, QualityProblemsAreTheServicesSerialized) {
  const json items = Items(Role::kCounty, kQuality);
  auto found = service::EliminationQuality(harness_->workspace(), PrincipalOf(Role::kCounty), "");
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_EQ(items.size(), found->size());
  for (size_t i = 0; i < found->size(); ++i) {
    const service::QualityItem& q = (*found)[i];
    EXPECT_EQ(items[i]["episode_id"], q.problem.episode_id);
    EXPECT_EQ(items[i]["household_id"], q.problem.household_id);
    EXPECT_EQ(items[i]["village_code"], q.village_code);
    EXPECT_EQ(items[i]["village_name"], q.village_name);
    EXPECT_EQ(items[i]["code"], q.problem.code);
    EXPECT_EQ(items[i]["message"], q.problem.message);
  }
  // E03, eliminated with a home visit of 1,000 yuan per person, is the one problem.
  ASSERT_EQ(items.size(), 1u) << items.dump();
  EXPECT_EQ(items[0]["household_id"], "E03");
  EXPECT_EQ(items[0]["code"], "eliminated_below_line");
  EXPECT_EQ(items[0]["village_code"], kVillageB);
  EXPECT_FALSE(items[0]["village_name"].get<std::string>().empty());
  EXPECT_NE(items[0]["message"].get<std::string>().find("1000.00"), std::string::npos)
      << items[0].dump();
}

TEST_F(EliminationRoutesTest, QualityKeepsToTheRegionAndTheScope) {
  EXPECT_TRUE(Items(Role::kCounty, std::string(kQuality) + "?region=" +
                                       ServerHarness::kInVillage)
                  .empty());
  EXPECT_EQ(Items(Role::kAuditor, std::string(kQuality) + "?region=" + kVillageB).size(), 1u);
  EXPECT_TRUE(Items(Role::kVillage, kQuality).empty());  // village A's own: none
  const size_t before = AuditActions("county").count("case.elimination_quality");
  Items(Role::kCounty, kQuality);
  EXPECT_EQ(AuditActions("county").count("case.elimination_quality"), before + 1);
  ExpectError(Get(Role::kVillage, std::string(kQuality) + "?region=" + kVillageB), 403,
              "PERMISSION_DENIED", "", "another village's checks");
  ExpectError(Get(Role::kCounty, std::string(kQuality) + "?region=6301x"), 400,
              "INVALID_ARGUMENT", "region", "a bad region code");
  ExpectError(Get(Role::kAdmin, kQuality), 403, "PERMISSION_DENIED", "", "the administrator");
}

}  // namespace
}  // namespace xianjie::server::testing
