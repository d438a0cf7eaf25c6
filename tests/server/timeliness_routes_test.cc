// GET /api/v1/cases/timeliness over a real socket (api_cases.cc, DOMAIN.md §10): identification
// cases taken through the procedure with the service at days before the server's today — one
// approved today after 15 days, one after 16, one after 17 with 3 of them paused by an
// objection, rejections inside and just outside the period, one in another county — then the
// figures in total and per area as JSON, the defaults of the period, and every refusal.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "cases/case.h"
#include "server/server_harness.h"
#include "service/cases.h"

namespace xianjie::server::testing {
namespace {

using access::Role;
using nlohmann::json;
using service::testing::kVillageB;  // the harness's village B, A's township
using service::testing::kVillageC;  // county 630121

constexpr char kTownship[] = "630102001";

class TimelinessRoutesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    harness_ = new ServerHarness();
    if (!harness_->ok()) return;
    today_ = cases::ChinaDateOf(harness_->workspace().Now());
    const std::string a = ServerHarness::kInVillage;
    // A01: opened 15 days ago, approved today (within the 15 days).
    Approve(ToNotice("A01", a, -15), a, -15, 0);
    // A02: 16 days, approved 4 days ago (late).
    Approve(ToNotice("A02", a, -20), a, -20, -4);
    // A03: 17 days with an objection open 3 of them, approved 3 days ago (within).
    const int64_t a03 = ToNotice("A03", a, -20);
    Act(Cadre(a), a03, "raise_objection", {{"objection", "邻居反映有车辆"}}, -16);
    Act(Cadre(a), a03, "dismiss_objection", {{"reason", "核实无误"}}, -13);
    Approve(a03, a, -20, -3);
    // B01: rejected by the township 10 days ago; B02: by the county 11 days ago.
    const int64_t b01 = ToNotice("B01", kVillageB, -20);
    Act(Cadre(kVillageB), b01, "close_notice", {}, -12);
    Act(Township(kVillageB), b01, "reject", {{"reason", "复核不符合条件"}}, -10);
    const int64_t b02 = ToNotice("B02", kVillageB, -20);
    Act(Cadre(kVillageB), b02, "close_notice", {}, -12);
    Act(Township(kVillageB), b02, "township_approve", {}, -12);
    Act(County(kVillageB), b02, "reject", {{"reason", "比对发现财产"}}, -11);
    // C01, in another county: 12 days, approved 8 days ago.
    Approve(ToNotice("C01", kVillageC, -20), kVillageC, -20, -8);
    setup_ok_ = !::testing::Test::HasFailure();
  }
  static void TearDownTestSuite() {
    sessions_.clear();
    delete harness_;
    harness_ = nullptr;
  }
  void SetUp() override {
    ASSERT_TRUE(harness_->ok());
    ASSERT_TRUE(setup_ok_) << "the cases of the test could not be taken through the procedure";
  }

  // ---- the procedure at the service, `day` days from today, at noon in China

  static std::string Date(int day) { return CivilDate::FromDays(today_.ToDays() + day).ToString(); }
  static access::Principal Cadre(const std::string& v) { return {"cadre", Role::kVillage, v}; }
  static access::Principal Township(const std::string& v) {
    return {"township", Role::kTownship, v.substr(0, 9)};
  }
  static access::Principal County(const std::string& v) {
    return {"county", Role::kCounty, v.substr(0, 6)};
  }
  static void Act(const access::Principal& who, int64_t id, const std::string& event,
                  cases::Fields fields, int day) {
    service::CaseAction action;
    action.event = event;
    action.fields = std::move(fields);
    auto after = service::ActOnCase(harness_->workspace(), who, id, action,
                                    Date(day) + "T04:00:00Z");
    EXPECT_TRUE(after.ok()) << "case " << id << " " << event << " on day " << day << ": "
                            << after.status().ToString();
  }
  // A self-application on day `opened`, then the application, the home visit, the comparison
  // and the appraisal on the four days from it (the notice ends on opened + 8).
  static int64_t ToNotice(const std::string& household, const std::string& village, int opened) {
    auto id = service::AddLead(harness_->workspace(), Cadre(village), household,
                               "self_application", "", "", Date(opened) + "T04:00:00Z");
    EXPECT_TRUE(id.ok()) << household << ": " << id.status().ToString();
    if (!id.ok()) return 0;
    Act(Cadre(village), *id, "apply", {{"authorization_signed", "1"}, {"applicant", "户主"}},
        opened);
    Act(Cadre(village), *id, "record_home_visit",
        {{"wage_income", "900"},    {"business_income", "0"}, {"property_income", "0"},
         {"transfer_income", "0"},  {"production_costs", "0"}, {"rigid_medical", "20000"},
         {"rigid_education", "0"},  {"rigid_other", "0"},      {"housing_safe", "1"},
         {"water_safe", "1"},       {"findings", "因病支出大"}},
        opened + 1);
    Act(County(village), *id, "record_comparison", {{"result", "consistent"}, {"findings", "无"}},
        opened + 2);
    Act(Cadre(village), *id, "record_appraisal",
        {{"held_on", Date(opened + 3)}, {"attendance", "18"}, {"minutes", "同意"},
         {"result", "agreed"}},
        opened + 3);
    return *id;
  }
  // The notice closed on its last day, the township's review the next, the county's approval on
  // `approved`.
  static void Approve(int64_t id, const std::string& village, int opened, int approved) {
    Act(Cadre(village), id, "close_notice", {}, opened + 8);
    Act(Township(village), id, "township_approve", {}, opened + 9);
    Act(County(village), id, "county_approve", {{"type", "marginal"}, {"risks", "R01"}}, approved);
  }

  // ---- HTTP

  static httplib::Result Get(Role role, const std::string& query) {
    auto it = sessions_.find(role);
    if (it == sessions_.end()) {
      it = sessions_.emplace(role, harness_->Login(harness_->User(role))).first;
    }
    return harness_->Client().Get("/api/v1/cases/timeliness" + query,
                                  ServerHarness::Headers(it->second));
  }
  static json Ok(Role role, const std::string& query) {
    auto res = Get(role, query);
    EXPECT_TRUE(res && res->status == 200) << query << ": " << (res ? res->body : "no response");
    return BodyJson(res);
  }
  static std::string Message(const httplib::Result& res) {
    const json body = BodyJson(res);
    if (!body.is_object() || !body.contains("error")) return "";
    return body["error"].value("message", "");
  }
  // ?from=<today + from>&to=<today + to>
  static std::string Period(int from, int to) { return "?from=" + Date(from) + "&to=" + Date(to); }

  static ServerHarness* harness_;
  static bool setup_ok_;
  static CivilDate today_;
  static std::map<Role, Session> sessions_;
};
ServerHarness* TimelinessRoutesTest::harness_ = nullptr;
bool TimelinessRoutesTest::setup_ok_ = false;
CivilDate TimelinessRoutesTest::today_;
std::map<Role, Session> TimelinessRoutesTest::sessions_;

// Expects the figures of `f` (JSON); share and mean null when nothing was approved.
void ExpectFigures(const json& f, int64_t approved, int64_t within, int64_t total_days,
                   int64_t max_days, int64_t rejected, const std::string& where) {
  ASSERT_TRUE(f.is_object()) << where;
  EXPECT_EQ(f["approved"], approved) << where;
  EXPECT_EQ(f["within_limit"], within) << where;
  EXPECT_EQ(f["total_days"], total_days) << where;
  EXPECT_EQ(f["max_days"], max_days) << where;
  EXPECT_EQ(f["rejected"], rejected) << where;
  if (approved == 0) {
    EXPECT_TRUE(f["share_within_limit"].is_null()) << where << ": " << f.dump();
    EXPECT_TRUE(f["mean_days"].is_null()) << where << ": " << f.dump();
  } else {
    EXPECT_DOUBLE_EQ(f["share_within_limit"].get<double>(),
                     static_cast<double>(within) / static_cast<double>(approved))
        << where;
    EXPECT_DOUBLE_EQ(f["mean_days"].get<double>(),
                     static_cast<double>(total_days) / static_cast<double>(approved))
        << where;
  }
}

const json& Area(const json& answer, const std::string& code) {
  for (const json& a : answer["by_area"]) {
    if (a["code"] == code) return a;
  }
  ADD_FAILURE() << "no area " << code << " in " << answer.dump();
  static const json kNone;
  return kNone;
}

TEST_F(TimelinessRoutesTest, FiguresInTotalAndPerArea) {
  const json t = Ok(Role::kTownship, Period(-10, 0));
  EXPECT_EQ(t["region_code"], kTownship);
  EXPECT_EQ(t["region_level"], "township");
  EXPECT_FALSE(t["region_name"].get<std::string>().empty());
  EXPECT_EQ(t["from"], Date(-10));
  EXPECT_EQ(t["to"], Date(0));
  // A01 (15 days), A02 (16, late), A03 (17, 3 paused); B01 rejected on the first day; B02's
  // rejection the day before is outside, C01 is another county's.
  ExpectFigures(t["total"], 3, 2, 48, 17, 1, "total");
  ExpectFigures(Area(t, ServerHarness::kInVillage), 3, 2, 48, 17, 0, "village A");
  ExpectFigures(Area(t, kVillageB), 0, 0, 0, 0, 1, "village B");
  ASSERT_GT(t["by_area"].size(), 2u);
  for (const json& a : t["by_area"]) {
    EXPECT_FALSE(a["name"].get<std::string>().empty()) << a.dump();
    if (a["code"] == ServerHarness::kInVillage || a["code"] == kVillageB) continue;
    ExpectFigures(a, 0, 0, 0, 0, 0, a["code"].get<std::string>());
  }
  // The prefecture counts C01 in its county.
  const json p = Ok(Role::kPrefecture, Period(-10, 0));
  EXPECT_EQ(p["region_level"], "prefecture");
  ExpectFigures(p["total"], 4, 3, 60, 17, 1, "prefecture");
  ExpectFigures(Area(p, "630121"), 1, 1, 12, 12, 0, "county 630121");
  ExpectFigures(Area(p, "630102"), 3, 2, 48, 17, 1, "county 630102");
  // A village has no child areas.
  const json v = Ok(Role::kVillage, Period(-10, 0));
  EXPECT_EQ(v["region_level"], "village");
  EXPECT_TRUE(v["by_area"].empty());
  ExpectFigures(v["total"], 3, 2, 48, 17, 0, "village A alone");
}

TEST_F(TimelinessRoutesTest, ThePeriodsEndsAreIncluded) {
  // Without today: A01 is not counted.
  ExpectFigures(Ok(Role::kCounty, Period(-10, -1))["total"], 2, 1, 33, 17, 1, "to yesterday");
  // From the day before: B02's rejection by the county is.
  ExpectFigures(Ok(Role::kCounty, Period(-11, 0))["total"], 3, 2, 48, 17, 2, "from day -11");
  // Today alone: A01.
  ExpectFigures(Ok(Role::kCounty, Period(0, 0))["total"], 1, 1, 15, 15, 0, "today");
}

TEST_F(TimelinessRoutesTest, ThePeriodDefaultsToThisYearUntilToday) {
  const std::string jan1 = std::to_string(today_.year()) + "-01-01";
  const json t = Ok(Role::kCounty, "");
  EXPECT_EQ(t["region_code"], "630102");
  EXPECT_EQ(t["from"], jan1);
  EXPECT_EQ(t["to"], today_.ToString());
  // The same as asking for it, and A01, approved today, is in it.
  EXPECT_EQ(t, Ok(Role::kCounty, "?from=" + jan1 + "&to=" + today_.ToString()));
  EXPECT_GE(t["total"]["approved"].get<int64_t>(), 1);
  // Only `to`: from 1 January of its year.
  const json last_year = Ok(Role::kCounty, "?to=2025-06-30");
  EXPECT_EQ(last_year["from"], "2025-01-01");
  EXPECT_EQ(last_year["to"], "2025-06-30");
  // Only `from`: until today.
  const json since = Ok(Role::kCounty, "?from=" + Date(-10));
  EXPECT_EQ(since["from"], Date(-10));
  EXPECT_EQ(since["to"], today_.ToString());
  ExpectFigures(since["total"], 3, 2, 48, 17, 1, "since day -10");
}

TEST_F(TimelinessRoutesTest, RefusalsNameWhatIsWrong) {
  struct Bad {
    Role role;
    std::string query;
    int status;
    std::string code;
    std::string says;
  };
  const Bad bad[] = {
      {Role::kTownship, "?region=630121", 403, "PERMISSION_DENIED", "630121"},
      {Role::kVillage, std::string("?region=") + kTownship, 403, "PERMISSION_DENIED", kTownship},
      {Role::kAdmin, "?region=63", 403, "PERMISSION_DENIED", "case.read"},
      {Role::kProvince, "?region=63x", 400, "INVALID_ARGUMENT", "region"},
      {Role::kProvince, "?region=639999", 404, "NOT_FOUND", "639999"},
      {Role::kCounty, "?from=2026-13-01", 400, "INVALID_ARGUMENT", "'from'"},
      {Role::kCounty, "?to=2026/06/30", 400, "INVALID_ARGUMENT", "'to'"},
      {Role::kCounty, "?from=2026-02-30", 400, "INVALID_ARGUMENT", "not a real day"},
      {Role::kCounty, "?from=2026-06-30&to=2026-06-01", 400, "INVALID_ARGUMENT", "before it begins"},
  };
  for (const Bad& b : bad) {
    auto res = Get(b.role, b.query);
    ASSERT_TRUE(res) << b.query;
    EXPECT_EQ(res->status, b.status) << b.query << ": " << res->body;
    EXPECT_EQ(ErrorCode(res), b.code) << b.query;
    EXPECT_NE(Message(res).find(b.says), std::string::npos) << b.query << ": " << Message(res);
  }
  auto anonymous = harness_->Client().Get("/api/v1/cases/timeliness");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
}

}  // namespace
}  // namespace xianjie::server::testing
