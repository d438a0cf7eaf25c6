// service/coordination.h: the coordination checks kept in step with a household's plan — opened,
// closed by the system when the plan is fixed, opened anew when the problem comes back, justified
// by the county — the completion gate, the sweep, and how the findings' list and resolution treat
// them (service/findings.h).
#include "service/coordination.h"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "access/role.h"
#include "assist/plan.h"
#include "service/findings.h"
#include "service/service_test_support.h"

namespace xianjie::service::coordination_test {
namespace {

using access::Role;
using exchange::Finding;
using exchange::FindingState;
using testing::kVillageA;
using testing::MakeWorld;
using testing::Officer;

constexpr char kHousehold[] = "A01";

class CoordinationTest : public ::testing::Test {
 protected:
  CoordinationTest() {
    WorkspaceOptions options;
    options.clock = [this] { return now_; };
    ws_ = std::make_unique<Workspace>(*w_.db, options);
    const Status refreshed = ws_->Refresh();
    EXPECT_TRUE(refreshed.ok()) << refreshed.ToString();
    // Approved on 20 November 2026 for illness.
    episode_ = testing::Monitor(*w_.db, kHousehold, kVillageA, "2026-11-20T02:00:00Z",
                                "marginal", "R01");
    assist::Plan plan;
    plan.household_id = kHousehold;
    plan.episode_id = episode_;
    plan.village_code = kVillageA;
    plan.created_by = plan.updated_at = "li.si";
    plan.created_at = plan.updated_at = "2026-11-20T02:00:00Z";
    auto id = w_.db->CreatePlan(plan);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    plan_ = id.ok() ? *id : 0;
  }

  // A measure of `category` for the whole household in `plan` (this plan by default).
  int64_t Measure(cases::MeasureCategory category, int64_t id = 0, int64_t plan = -1,
                  cases::MeasureStatus status = cases::MeasureStatus::kInProgress) {
    cases::Measure m;
    m.id = id;
    m.household_id = kHousehold;
    m.category = category;
    m.item = "帮扶";
    m.start = CivilDate::FromYmd(2026, 11, 21);
    m.status = status;
    m.recorded_by = "li.si";
    m.recorded_at = "2026-11-21T02:00:00Z";
    m.plan_id = plan < 0 ? plan_ : plan;
    auto stored = w_.db->PutMeasure(m);
    EXPECT_TRUE(stored.ok()) << stored.status().ToString();
    return stored.ok() ? *stored : 0;
  }

  CoordinationSync Sync() {
    auto sync = SyncCoordination(*ws_, kHousehold);
    EXPECT_TRUE(sync.ok()) << sync.status().ToString();
    return sync.ok() ? *sync : CoordinationSync{};
  }
  // The household's findings of `check`, by id.
  std::vector<Finding> Findings(const std::string& check) {
    exchange::FindingFilter filter;
    filter.household_id = kHousehold;
    filter.check = check;
    auto list = w_.db->ListFindings(filter);
    EXPECT_TRUE(list.ok());
    std::vector<Finding> out = list.ok() ? *list : std::vector<Finding>{};
    std::sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) { return a.id < b.id; });
    return out;
  }
  static bool Has(const std::vector<Finding>& open, const std::string& check) {
    return std::any_of(open.begin(), open.end(), [&](const Finding& f) { return f.check == check; });
  }

  testing::World w_ = MakeWorld();
  std::string now_ = "2026-11-25T04:00:00Z";  // 25 November in China
  std::unique_ptr<Workspace> ws_;
  int64_t episode_ = 0;
  int64_t plan_ = 0;
};

TEST_F(CoordinationTest, AProblemOpensOneFindingWhateverTheNumberOfRuns) {
  CoordinationSync first = Sync();
  EXPECT_TRUE(Has(first.open, "C02"));  // R01 without health, social or safety net
  EXPECT_FALSE(Has(first.open, "C09"));  // five days after approval
  EXPECT_EQ(first.opened, static_cast<int64_t>(first.open.size()));
  const std::vector<Finding> c02 = Findings("C02");
  ASSERT_EQ(c02.size(), 1u);
  EXPECT_EQ(c02[0].evidence_key, "episode:" + std::to_string(episode_) + ":risk:R01");
  EXPECT_EQ(c02[0].village_code, kVillageA);
  EXPECT_EQ(c02[0].opened_at, now_);
  CoordinationSync second = Sync();
  EXPECT_EQ(second.opened, 0);
  EXPECT_EQ(second.closed, 0);
  EXPECT_EQ(Findings("C02").size(), 1u);
}

TEST_F(CoordinationTest, FixingThePlanClosesTheFindingAndBreakingItAgainOpensANewOne) {
  Sync();
  const int64_t health = Measure(cases::MeasureCategory::kHealth);
  CoordinationSync fixed = Sync();
  EXPECT_FALSE(Has(fixed.open, "C02"));
  EXPECT_GE(fixed.closed, 1);
  std::vector<Finding> c02 = Findings("C02");
  ASSERT_EQ(c02.size(), 1u);
  EXPECT_EQ(c02[0].state, FindingState::kCorrected);
  EXPECT_EQ(c02[0].resolved_by, "system");
  EXPECT_NE(c02[0].note.find("自动关闭"), std::string::npos);

  // The measure stops: the plan fails C02 again, a new finding with a numbered key.
  Measure(cases::MeasureCategory::kHealth, health, -1, cases::MeasureStatus::kStopped);
  CoordinationSync broken = Sync();
  EXPECT_TRUE(Has(broken.open, "C02"));
  c02 = Findings("C02");
  ASSERT_EQ(c02.size(), 2u);
  EXPECT_EQ(c02[1].state, FindingState::kOpen);
  EXPECT_EQ(c02[1].evidence_key, c02[0].evidence_key + "#2");
}

TEST_F(CoordinationTest, OnlyThePlansMeasuresAndThoseWithoutAPlanCount) {
  Measure(cases::MeasureCategory::kHealth, 0, /*plan=*/plan_ + 100);  // another plan's
  EXPECT_TRUE(Has(Sync().open, "C02"));
  Measure(cases::MeasureCategory::kHealth, 0, /*plan=*/0);  // recorded without a plan
  EXPECT_FALSE(Has(Sync().open, "C02"));
}

TEST_F(CoordinationTest, TheGateRefusesWhileACheckFailsAndPassesOnceJustified) {
  Measure(cases::MeasureCategory::kIndustry);  // the household's other checks are met or not:
  CoordinationSync sync = Sync();              // C02 is open at least
  ASSERT_TRUE(Has(sync.open, "C02"));
  Status gate = CoordinationGate(*ws_, kHousehold);
  EXPECT_EQ(gate.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(gate.message().find("C02 (finding "), std::string::npos) << gate.message();
  EXPECT_NE(gate.message().find("ask the county to justify"), std::string::npos);

  const access::Principal county = Officer(Role::kCounty, "630102", "county.officer");
  for (const Finding& f : sync.open) {
    auto justified = JustifyFinding(*ws_, county, f.id, "该户由民政部门兜底，已会商");
    ASSERT_TRUE(justified.ok()) << justified.status().ToString();
    EXPECT_EQ(justified->finding.state, FindingState::kJustified);
    EXPECT_EQ(justified->finding.resolved_by, "county.officer");
  }
  gate = CoordinationGate(*ws_, kHousehold);
  EXPECT_TRUE(gate.ok()) << gate.ToString();
  EXPECT_EQ(Sync().opened, 0);  // a justified problem is not opened again
}

TEST_F(CoordinationTest, OnlyTheCountyJustifiesAndOnlyCoordinationFindings) {
  const int64_t c02 = Sync().open.front().id;
  auto village = JustifyFinding(*ws_, Officer(Role::kVillage, kVillageA), c02, "理由");
  EXPECT_EQ(village.status().code(), StatusCode::kPermissionDenied);
  auto other_county = JustifyFinding(*ws_, Officer(Role::kCounty, "630121"), c02, "理由");
  EXPECT_EQ(other_county.status().code(), StatusCode::kPermissionDenied);
  auto no_note = JustifyFinding(*ws_, Officer(Role::kCounty, "630102"), c02, "  ");
  EXPECT_EQ(no_note.status().code(), StatusCode::kInvalidArgument);

  // The village cannot resolve it as corrected: it closes when the plan is fixed.
  auto resolved = ResolveFinding(*ws_, Officer(Role::kVillage, kVillageA), c02, "corrected", "已补");
  EXPECT_EQ(resolved.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(resolved.status().message().find("closes by itself when the plan is fixed"),
            std::string::npos);
  // Nor is justified a state the village may choose.
  auto as_justified =
      ResolveFinding(*ws_, Officer(Role::kVillage, kVillageA), c02, "justified", "理由");
  EXPECT_EQ(as_justified.status().code(), StatusCode::kInvalidArgument);

  // A data finding is not justified.
  std::vector<Finding> data = {Finding{}};
  data[0].check = "Q05";
  data[0].household_id = kHousehold;
  data[0].village_code = kVillageA;
  data[0].evidence_key = "member:x";
  data[0].detail = "重复参保";
  data[0].opened_at = now_;
  auto put = w_.db->PutFindings(data);
  ASSERT_TRUE(put.ok() && *put == 1);
  auto q05 = JustifyFinding(*ws_, Officer(Role::kCounty, "630102"), data[0].id, "理由");
  EXPECT_EQ(q05.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(q05.status().message().find("only the coordination checks C01–C11 are justified"),
            std::string::npos);
}

TEST_F(CoordinationTest, TheListFiltersByKindAndTitlesCoordinationFindings) {
  Sync();
  const access::Principal village = Officer(Role::kVillage, kVillageA);
  FindingQuery query;
  query.kind = "coordination";
  auto coordination = ListFindings(*ws_, village, query);
  ASSERT_TRUE(coordination.ok()) << coordination.status().ToString();
  ASSERT_FALSE(coordination->items.empty());
  for (const FindingItem& item : coordination->items) {
    EXPECT_EQ(item.finding.check[0], 'C');
    EXPECT_FALSE(item.title_zh.empty()) << item.finding.check;
    EXPECT_FALSE(item.title_en.empty()) << item.finding.check;
  }
  query.kind = "data";
  auto data = ListFindings(*ws_, village, query);
  ASSERT_TRUE(data.ok());
  EXPECT_EQ(data->total, 0);
  query.kind = "plans";
  auto bad = ListFindings(*ws_, village, query);
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("kind must be data"), std::string::npos);
}

TEST_F(CoordinationTest, TheSweepFindsWhatTimeAloneMakesLate) {
  Measure(cases::MeasureCategory::kHealth, 0, plan_, cases::MeasureStatus::kStopped);
  auto early = SweepCoordination(*ws_, "630102");
  ASSERT_TRUE(early.ok()) << early.status().ToString();
  EXPECT_EQ(early->households, 1);
  EXPECT_TRUE(Findings("C09").empty());
  now_ = "2026-12-20T04:00:00Z";  // the approval day one month on: not yet late
  ASSERT_TRUE(SweepCoordination(*ws_, "630102").ok());
  EXPECT_TRUE(Findings("C09").empty());
  now_ = "2026-12-21T04:00:00Z";
  auto late = SweepCoordination(*ws_, "630102");
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(late->opened, 1);
  ASSERT_EQ(Findings("C09").size(), 1u);
  auto elsewhere = SweepCoordination(*ws_, "630121");
  ASSERT_TRUE(elsewhere.ok());
  EXPECT_EQ(elsewhere->households, 0);
}

}  // namespace
}  // namespace xianjie::service::coordination_test
