// Cross-check findings over a real socket (api_findings.cc, decision 0006): the checks, the
// region's findings with their counts (ID numbers masked for the roles that do not see them
// whole, scope), resolving one with a note (the refusals and the audit), and running the checks.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "access/audit.h"
#include "server/server_harness.h"

namespace xianjie::server::testing {
namespace {

using access::Role;
using nlohmann::json;

class FindingsRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    h_ = std::make_unique<ServerHarness>();
    ASSERT_TRUE(h_->ok());
    auto current = h_->database().GetCurrent(std::vector<std::string>{h_->in_household});
    ASSERT_TRUE(current.ok() && current->size() == 1u);
    id_number_ = current->front().record.members.front().id_number;
    in_ = Put(h_->in_household, ServerHarness::kInVillage, "upload:1:row:7");
    out_ = Put(h_->out_household, h_->out_village, "upload:1:row:8");
  }

  // An open Q05 finding on `household` whose detail names the first member of village A's
  // household by ID number.
  int64_t Put(const std::string& household, const std::string& village,
              const std::string& evidence) {
    exchange::Finding f;
    f.check = "Q05";
    f.household_id = household;
    f.village_code = village;
    f.evidence_key = evidence;
    f.detail = "成员 " + id_number_ + " 同时参加两种医保";
    f.source = "medical_insurance";
    f.upload_id = 1;
    f.row = 7;
    f.opened_at = "2026-03-01T08:00:00Z";
    std::vector<exchange::Finding> findings = {f};
    auto put = h_->database().PutFindings(findings);
    EXPECT_TRUE(put.ok() && *put == 1);
    return findings[0].id;
  }

  httplib::Headers HeadersOf(Role role) {
    auto it = sessions_.find(role);
    if (it == sessions_.end()) it = sessions_.emplace(role, h_->Login(h_->User(role))).first;
    return ServerHarness::Headers(it->second);
  }
  httplib::Result Get(Role role, const std::string& path) {
    return h_->Client().Get(path, HeadersOf(role));
  }
  httplib::Result Post(Role role, const std::string& path, const json& body) {
    return h_->Client().Post(path, HeadersOf(role), body.dump(), "application/json");
  }
  httplib::Result Resolve(Role role, int64_t id, const json& body) {
    return Post(role, "/api/v1/findings/" + std::to_string(id) + "/resolve", body);
  }
  std::vector<access::AuditEntry> Audit(const std::string& action) {
    return h_->AuditEntries(action);
  }

  std::unique_ptr<ServerHarness> h_;
  std::map<Role, Session> sessions_;
  std::string id_number_;
  int64_t in_ = 0, out_ = 0;
};

TEST_F(FindingsRoutesTest, ChecksListTheShippedChecksWithTheirTitles) {
  auto res = Get(Role::kVillage, "/api/v1/checks");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const json items = BodyJson(res)["items"];
  ASSERT_EQ(items.size(), 24u);  // Q01–Q13, then the plans' coordination checks C01–C11
  EXPECT_EQ(items[13]["id"], "C01");
  EXPECT_EQ(items[13]["kind"], "coordination");
  EXPECT_EQ(items[0]["id"], "Q01");
  EXPECT_EQ(items[0]["kind"], "builtin:deceased_listed");
  EXPECT_EQ(items[9]["id"], "Q10");
  EXPECT_EQ(items[9]["kind"], "rule");
  EXPECT_FALSE(items[9]["title_zh"].get<std::string>().empty());
  EXPECT_FALSE(items[9]["title_en"].get<std::string>().empty());
  EXPECT_EQ(Get(Role::kDepartment, "/api/v1/checks")->status, 403);
}

TEST_F(FindingsRoutesTest, TheVillageSeesItsOwnFindingWhole) {
  auto res = Get(Role::kVillage, "/api/v1/findings");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const json body = BodyJson(res);
  EXPECT_EQ(body["total"], 1);
  EXPECT_EQ(body["counts"], json({{"open", 1}, {"corrected", 0}, {"confirmed", 0}, {"justified", 0}}));
  ASSERT_EQ(body["items"].size(), 1u);
  const json& f = body["items"][0];
  EXPECT_EQ(f["id"], in_);
  EXPECT_EQ(f["check"], "Q05");
  EXPECT_EQ(f["household_id"], h_->in_household);
  EXPECT_FALSE(f["head_name"].get<std::string>().empty());
  EXPECT_EQ(f["village_code"], ServerHarness::kInVillage);
  EXPECT_EQ(f["source"], "medical_insurance");
  EXPECT_EQ(f["source_title"], "医保个人自付医疗费用");
  EXPECT_EQ(f["upload_id"], 1);
  EXPECT_EQ(f["row"], 7);
  EXPECT_EQ(f["state"], "open");
  EXPECT_TRUE(f["note"].is_null());
  EXPECT_NE(f["detail"].get<std::string>().find(id_number_), std::string::npos);
  EXPECT_FALSE(f["title_zh"].get<std::string>().empty());
}

TEST_F(FindingsRoutesTest, TheCountyAndAuditorSeeIdNumbersMasked) {
  for (Role role : {Role::kCounty, Role::kAuditor}) {
    auto res = Get(role, "/api/v1/findings");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    EXPECT_EQ(res->body.find(id_number_), std::string::npos) << res->body;
    const std::string masked = id_number_.substr(0, 6);
    EXPECT_NE(res->body.find(masked), std::string::npos);
  }
}

TEST_F(FindingsRoutesTest, ScopeAndFilters) {
  // The province sees both; a county sees its own only; a region outside is 403.
  EXPECT_EQ(BodyJson(Get(Role::kProvince, "/api/v1/findings"))["total"], 2);
  EXPECT_EQ(BodyJson(Get(Role::kCounty, "/api/v1/findings"))["total"], 1);
  auto outside = Get(Role::kCounty, "/api/v1/findings?region=" + h_->out_village);
  EXPECT_EQ(outside->status, 403);
  EXPECT_EQ(BodyJson(Get(Role::kProvince, "/api/v1/findings?check=Q01"))["total"], 0);
  EXPECT_EQ(BodyJson(Get(Role::kProvince, "/api/v1/findings?state=corrected"))["total"], 0);
  EXPECT_EQ(BodyJson(Get(Role::kProvince,
                         "/api/v1/findings?household=" + h_->out_household))["total"],
            1);
  auto bad_state = Get(Role::kProvince, "/api/v1/findings?state=closed");
  EXPECT_EQ(bad_state->status, 400);
  EXPECT_NE(bad_state->body.find("closed"), std::string::npos);
  EXPECT_EQ(Get(Role::kProvince, "/api/v1/findings?region=63x")->status, 400);
  EXPECT_EQ(Get(Role::kProvince, "/api/v1/findings?limit=0")->status, 400);
  EXPECT_EQ(Get(Role::kDepartment, "/api/v1/findings")->status, 403);
}

TEST_F(FindingsRoutesTest, TheVillageResolvesWithANoteOnce) {
  auto empty_note = Resolve(Role::kVillage, in_, {{"state", "corrected"}, {"note", ""}});
  EXPECT_EQ(empty_note->status, 400) << empty_note->body;
  auto no_note = Resolve(Role::kVillage, in_, {{"state", "corrected"}});
  EXPECT_EQ(no_note->status, 400);
  EXPECT_NE(no_note->body.find("note"), std::string::npos);
  auto bad_state = Resolve(Role::kVillage, in_, {{"state", "open"}, {"note", "x"}});
  EXPECT_EQ(bad_state->status, 400);
  EXPECT_NE(bad_state->body.find("corrected"), std::string::npos);
  EXPECT_EQ(Resolve(Role::kVillage, 9999, {{"state", "corrected"}, {"note", "x"}})->status, 404);
  EXPECT_EQ(Resolve(Role::kVillage, out_, {{"state", "corrected"}, {"note", "x"}})->status, 403);
  EXPECT_EQ(Resolve(Role::kCounty, in_, {{"state", "corrected"}, {"note", "x"}})->status, 403);
  EXPECT_EQ(h_->Client()
                .Post("/api/v1/findings/abc/resolve", HeadersOf(Role::kVillage), "{}",
                      "application/json")
                ->status,
            400);

  auto ok = Resolve(Role::kVillage, in_, {{"state", "confirmed"}, {"note", "入户核实属实"}});
  ASSERT_TRUE(ok);
  ASSERT_EQ(ok->status, 200) << ok->body;
  const json f = BodyJson(ok);
  EXPECT_EQ(f["state"], "confirmed");
  EXPECT_EQ(f["note"], "入户核实属实");
  EXPECT_EQ(f["resolved_by"], "village");
  EXPECT_FALSE(f["resolved_at"].is_null());
  const json after = BodyJson(Get(Role::kVillage, "/api/v1/findings"));
  EXPECT_EQ(after["counts"], json({{"open", 0}, {"corrected", 0}, {"confirmed", 1}, {"justified", 0}}));

  auto again = Resolve(Role::kTownship, in_, {{"state", "corrected"}, {"note", "y"}});
  EXPECT_EQ(again->status, 409);
  EXPECT_NE(again->body.find("village"), std::string::npos) << again->body;
  const auto audit = Audit("finding.resolve");
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].user, "village");
}

TEST_F(FindingsRoutesTest, TheCountyRunsTheChecksOverItsScope) {
  auto res = Post(Role::kCounty, "/api/v1/checks/run", json::object());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const json body = BodyJson(res);
  EXPECT_GT(body["households"].get<int64_t>(), 0);
  ASSERT_EQ(body["checks"].size(), 13u);
  EXPECT_EQ(body["checks"][0]["check"], "Q01");
  int64_t opened = 0;
  for (const json& c : body["checks"]) opened += c["opened"].get<int64_t>();
  EXPECT_EQ(body["opened"], opened);
  EXPECT_EQ(Audit("check.run").size(), 1u);

  EXPECT_EQ(Post(Role::kCounty, "/api/v1/checks/run", {{"region", h_->out_village}})->status,
            403);
  EXPECT_EQ(Post(Role::kCounty, "/api/v1/checks/run", {{"region", "6301x"}})->status, 400);
  EXPECT_EQ(Post(Role::kCounty, "/api/v1/checks/run", {{"region", 12}})->status, 400);
  EXPECT_EQ(Post(Role::kVillage, "/api/v1/checks/run", json::object())->status, 403);
}

}  // namespace
}  // namespace xianjie::server::testing
