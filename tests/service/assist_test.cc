// Assistance through the service (service/assist.h): plans of monitoring objects and their
// measures against the catalogue in force, the plan's states and completion gate, the plan
// closed when the episode is eliminated, responsible persons (phones masked above the
// township), visits and the leads they record, the region's responsibility list, catalogue
// versions; every refusal, scope and audit.
#include "service/assist.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "cases/workflow.h"
#include "service/cases.h"
#include "service/elimination.h"
#include "service/service_test_support.h"
#include "store/case_builders.h"

namespace xianjie::service {
namespace {

using access::Role;
using assist::PlanState;
using testing::kVillageA;
using testing::kVillageB;
using testing::kVillageC;
using testing::MakeWorld;
using testing::Officer;
using testing::World;

const access::Principal kCadre = Officer(Role::kVillage, kVillageA, "cadre");
const access::Principal kTownship = Officer(Role::kTownship, "630102001", "township");
const access::Principal kCounty = Officer(Role::kCounty, "630102", "county");
const access::Principal kProvince = Officer(Role::kProvince, "63", "province");
const access::Principal kOutsider = Officer(Role::kVillage, kVillageC, "outsider");

bool Contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

class AssistTest : public ::testing::Test {
 protected:
  void SetUp() override { w_ = MakeWorld(); }

  // Makes the household of `village` a monitoring object: an identification case awaiting the
  // county's approval, approved with type marginal and risks R01;R09. Returns the episode id.
  int64_t Identify(const std::string& household, const std::string& village = kVillageA) {
    cases::NewCase c = store::testing::MakeNewCase(household, "run:" + household, village);
    c.record.state = cases::CaseState::kCountyApproval;
    c.record.comparison_done = true;
    c.record.home_visit_done = true;
    c.opened.from = c.opened.to = cases::CaseState::kCountyApproval;
    auto ids = w_.db->OpenCases({c});
    EXPECT_TRUE(ids.ok()) << ids.status().ToString();
    if (!ids.ok()) return 0;
    CaseAction approve;
    approve.event = "county_approve";
    approve.fields = {{"type", "marginal"}, {"risks", "R01;R09"}};
    const access::Principal county = Officer(Role::kCounty, village.substr(0, 6), "county");
    auto approved = ActOnCase(*w_.ws, county, ids->front(), approve, w_.ws->Now());
    EXPECT_TRUE(approved.ok()) << approved.status().ToString();
    return approved.ok() ? approved->episode_id : 0;
  }

  // Eliminates the episode by assistance: an elimination case awaiting the county's approval,
  // approved.
  void Eliminate(const std::string& household, int64_t episode) {
    cases::NewCase c = store::testing::MakeNewCase(household, "elimination:" + household,
                                                   kVillageA, cases::CaseKind::kElimination);
    c.record.state = cases::CaseState::kCountyApproval;
    c.record.episode_id = episode;
    c.opened.from = c.opened.to = cases::CaseState::kCountyApproval;
    auto ids = w_.db->OpenCases({c});
    ASSERT_TRUE(ids.ok()) << ids.status().ToString();
    CaseAction approve;
    approve.event = "county_approve";
    approve.fields = {{"method", "by_assistance"}};
    auto approved = ActOnCase(*w_.ws, kCounty, ids->front(), approve, w_.ws->Now());
    ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  }

  PlanFile Create(const std::string& household, const access::Principal& who = kCadre) {
    auto file = CreatePlan(*w_.ws, who, household, "先治病");
    EXPECT_TRUE(file.ok()) << file.status().ToString();
    return file.ok() ? *file : PlanFile{};
  }

  static cases::Measure Measure(const std::string& item_code,
                                cases::MeasureCategory category = cases::MeasureCategory::kHealth) {
    cases::Measure m;
    m.category = category;
    m.item_code = item_code;
    m.start = CivilDate::FromYmd(2026, 3, 1);
    m.status = cases::MeasureStatus::kInProgress;
    m.risks = "R01";
    return m;
  }

  // Records the measures that answer the episode's risks of Identify (R01 and R09), so that the
  // coordination checks let the plan be completed.
  void AnswerTheRisks(int64_t plan_id) {
    for (const cases::Measure& m :
         {Measure("medical_assistance"),
          Measure("dilapidated_house_renovation", cases::MeasureCategory::kHousing)}) {
      auto stored = RecordPlanMeasure(*w_.ws, kCadre, plan_id, m);
      ASSERT_TRUE(stored.ok()) << stored.status().ToString();
    }
  }

  assist::ResponsiblePerson Person(const std::string& name, CivilDate from) {
    assist::ResponsiblePerson r;
    r.name = name;
    r.unit = "驻村工作队";
    r.phone = "13812345678";
    r.from = from;
    return r;
  }

  assist::Visit VisitOn(CivilDate on) {
    assist::Visit v;
    v.visited_on = on;
    v.visitor = "张三";
    v.found = "病情稳定，仍需用药";
    v.risks_seen = "R09, R01";
    return v;
  }

  std::multiset<std::string> AuditActions(const std::string& user) {
    std::multiset<std::string> actions;
    EXPECT_TRUE(w_.db->ForEach([&](const access::AuditEntry& e) {
                  if (e.user == user) actions.insert(e.action);
                  return Status::Ok();
                })
                    .ok());
    return actions;
  }

  World w_;
};

// --- creating and reading plans

TEST_F(AssistTest, APlanIsCreatedAsADraftForTheOpenEpisode) {
  const int64_t episode = Identify("A01");
  const PlanFile file = Create("A01");
  EXPECT_EQ(file.plan.id, 1);
  EXPECT_EQ(file.plan.episode_id, episode);
  EXPECT_EQ(file.plan.state, PlanState::kDraft);
  EXPECT_EQ(file.plan.village_code, kVillageA);
  EXPECT_EQ(file.plan.created_by, "cadre");
  EXPECT_EQ(file.plan.note, "先治病");
  EXPECT_EQ(file.episode.risks, "R01;R09");
  EXPECT_TRUE(file.measures.empty());
  EXPECT_FALSE(file.responsible.has_value());
  EXPECT_FALSE(file.village_name.empty());
  EXPECT_EQ(AuditActions("cadre").count("plan.create"), 1u);
}

TEST_F(AssistTest, APlanNeedsAMonitoringObject) {
  auto file = CreatePlan(*w_.ws, kCadre, "A01", "");
  EXPECT_EQ(file.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(Contains(file.status().message(), "not a monitoring object"))
      << file.status().message();
  EXPECT_TRUE(Contains(file.status().message(), "identify it first")) << file.status().message();
}

TEST_F(AssistTest, ASecondPlanForTheEpisodeIsRefusedNamingTheFirst) {
  Identify("A01");
  Create("A01");
  auto again = CreatePlan(*w_.ws, kTownship, "A01", "");
  EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(Contains(again.status().message(), "plan 1")) << again.status().message();
}

TEST_F(AssistTest, CreatingAPlanIsRefusedOutsideTheScopeToOtherRolesAndForUnknownHouseholds) {
  Identify("A01");
  EXPECT_EQ(CreatePlan(*w_.ws, kOutsider, "A01", "").status().code(),
            StatusCode::kPermissionDenied);
  for (Role role : {Role::kProvince, Role::kPrefecture, Role::kDepartment, Role::kAuditor,
                    Role::kAdmin}) {
    auto refused = CreatePlan(*w_.ws, Officer(role, "63"), "A01", "");
    EXPECT_EQ(refused.status().code(), StatusCode::kPermissionDenied) << access::RoleName(role);
    EXPECT_TRUE(Contains(refused.status().message(), "plan.write")) << refused.status().message();
  }
  EXPECT_EQ(CreatePlan(*w_.ws, kCadre, "Z99", "").status().code(), StatusCode::kNotFound);
  auto plans = w_.db->ListPlans({});
  ASSERT_TRUE(plans.ok());
  EXPECT_TRUE(plans->empty());
}

TEST_F(AssistTest, ThePlanOfAHouseholdAndByIdWithItsAudit) {
  Identify("A01");
  const PlanFile created = Create("A01");
  auto by_household = PlanOfHousehold(*w_.ws, kCounty, "A01");
  ASSERT_TRUE(by_household.ok()) << by_household.status().ToString();
  EXPECT_EQ(by_household->plan, created.plan);
  auto by_id = GetPlan(*w_.ws, Officer(Role::kAuditor, "63", "auditor"), created.plan.id);
  ASSERT_TRUE(by_id.ok()) << by_id.status().ToString();
  EXPECT_EQ(by_id->plan, created.plan);
  EXPECT_EQ(AuditActions("county").count("plan.read"), 1u);
  EXPECT_EQ(AuditActions("auditor").count("plan.read"), 1u);
}

TEST_F(AssistTest, ReadingAPlanThatDoesNotExistSaysWhatToDo) {
  auto none = PlanOfHousehold(*w_.ws, kCadre, "A01");
  EXPECT_EQ(none.status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(Contains(none.status().message(), "never been a monitoring object"));
  const int64_t episode = Identify("A01");
  none = PlanOfHousehold(*w_.ws, kCadre, "A01");
  EXPECT_EQ(none.status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(Contains(none.status().message(),
                       "create one for its monitoring episode " + std::to_string(episode)))
      << none.status().message();
  EXPECT_EQ(GetPlan(*w_.ws, kCadre, 7).status().code(), StatusCode::kNotFound);
  Create("A01");
  EXPECT_EQ(GetPlan(*w_.ws, kOutsider, 1).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(PlanOfHousehold(*w_.ws, kOutsider, "A01").status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(GetPlan(*w_.ws, Officer(Role::kAdmin, "63"), 1).status().code(),
            StatusCode::kPermissionDenied);
}

TEST_F(AssistTest, PlansAreListedByRegionAndStatePaged) {
  Identify("A01");
  Identify("A02");
  Identify("B01", kVillageB);
  Create("A01");
  Create("A02");
  Create("B01", kTownship);
  ASSERT_TRUE(ActivatePlan(*w_.ws, kCadre, 2).ok());
  auto all = ListPlans(*w_.ws, kCounty, "", "", 0, 10);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(all->total, 3);
  auto village = ListPlans(*w_.ws, kCounty, kVillageA, "", 0, 10);
  ASSERT_TRUE(village.ok());
  EXPECT_EQ(village->total, 2);
  auto drafts = ListPlans(*w_.ws, kCounty, "630102001", "draft", 0, 1);
  ASSERT_TRUE(drafts.ok());
  EXPECT_EQ(drafts->total, 2);
  ASSERT_EQ(drafts->items.size(), 1u);
  EXPECT_EQ(drafts->items[0].plan.household_id, "A01");
  EXPECT_FALSE(drafts->items[0].head_name.empty());
  auto active = ListPlans(*w_.ws, kCadre, "", "active", 0, 10);  // the cadre's village
  ASSERT_TRUE(active.ok());
  ASSERT_EQ(active->items.size(), 1u);
  EXPECT_EQ(active->items[0].plan.household_id, "A02");
  EXPECT_EQ(AuditActions("county").count("plan.list"), 3u);
}

TEST_F(AssistTest, AListOfPlansIsRefusedForABadStateRegionOrPage) {
  auto bad_state = ListPlans(*w_.ws, kCounty, "", "finished", 0, 10);
  EXPECT_EQ(bad_state.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Contains(bad_state.status().message(), "draft, active, complete or closed"));
  EXPECT_EQ(ListPlans(*w_.ws, kCounty, "6301x", "", 0, 10).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(ListPlans(*w_.ws, kCounty, "", "", 0, 0).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(ListPlans(*w_.ws, kCounty, "630121", "", 0, 10).status().code(),
            StatusCode::kPermissionDenied);
}

// --- the plan's measures and the catalogue

TEST_F(AssistTest, APlanMeasureNamesACatalogueItemWhoseNameAndDepartmentFillTheBlanks) {
  Identify("A01");
  const PlanFile file = Create("A01");
  cases::Measure m = Measure("serious_illness_treatment");
  m.member_id_number = w_.records[0].members[0].id_number;
  auto stored = RecordPlanMeasure(*w_.ws, kCounty, file.plan.id, m);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  const assist::CatalogItem* item =
      assist::BuiltinMeasureCatalog().FindItem("serious_illness_treatment");
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(stored->plan_id, file.plan.id);
  EXPECT_EQ(stored->item_code, "serious_illness_treatment");
  EXPECT_EQ(stored->item, item->name_zh);
  EXPECT_EQ(stored->department, item->department);
  EXPECT_EQ(stored->recorded_by, "county");
  EXPECT_NE(stored->member_id_number, m.member_id_number);  // masked for the county
  // An item given in words is kept.
  cases::Measure named = Measure("medical_assistance");
  named.item = "医疗救助（二次报销）";
  stored = RecordPlanMeasure(*w_.ws, kCadre, file.plan.id, named);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(stored->item, "医疗救助（二次报销）");
  auto read = GetPlan(*w_.ws, kCadre, file.plan.id);
  ASSERT_TRUE(read.ok());
  ASSERT_EQ(read->measures.size(), 2u);
  EXPECT_EQ(read->measures[0].member_id_number, m.member_id_number);  // whole for the village
}

TEST_F(AssistTest, AnUnknownItemCodeNamesTheClosestAndWhatToDo) {
  Identify("A01");
  const PlanFile file = Create("A01");
  auto refused = RecordPlanMeasure(*w_.ws, kCadre, file.plan.id,
                                   Measure("serious_ilness_treatment"));
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Contains(refused.status().message(), "did you mean 'serious_illness_treatment'"))
      << refused.status().message();
  EXPECT_TRUE(Contains(refused.status().message(), "the built-in measures catalogue"))
      << refused.status().message();
  EXPECT_TRUE(Contains(refused.status().message(), "GET /api/v1/measure-catalog"));
  refused = RecordPlanMeasure(*w_.ws, kCadre, file.plan.id, Measure("spaceship"));
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(Contains(refused.status().message(), "did you mean")) << refused.status().message();
  EXPECT_TRUE(w_.db->MeasuresOf("A01").value().empty());
}

TEST_F(AssistTest, AnItemOfAnotherCategoryIsRefused) {
  Identify("A01");
  const PlanFile file = Create("A01");
  auto refused = RecordPlanMeasure(*w_.ws, kCadre, file.plan.id,
                                   Measure("ecological_ranger", cases::MeasureCategory::kHealth));
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Contains(refused.status().message(), "is of category public_post, not health"))
      << refused.status().message();
  EXPECT_TRUE(Contains(refused.status().message(), "give category public_post"));
}

TEST_F(AssistTest, APlanMeasureNeedsAnItemCodeAndAPlanThatTakesMeasures) {
  Identify("A01");
  const PlanFile file = Create("A01");
  auto refused = RecordPlanMeasure(*w_.ws, kCadre, file.plan.id, Measure(""));
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Contains(refused.status().message(), "item_code is missing"));
  AnswerTheRisks(file.plan.id);
  ASSERT_TRUE(ActivatePlan(*w_.ws, kCadre, file.plan.id).ok());
  ASSERT_TRUE(CompletePlan(*w_.ws, kCadre, file.plan.id).ok());
  refused = RecordPlanMeasure(*w_.ws, kCadre, file.plan.id, Measure("medical_assistance"));
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(Contains(refused.status().message(), "is complete")) << refused.status().message();
  EXPECT_EQ(RecordPlanMeasure(*w_.ws, kCadre, 9, Measure("medical_assistance")).status().code(),
            StatusCode::kNotFound);
}

TEST_F(AssistTest, EditingAPlanMeasureKeepsItInThePlanAndRefusesAnotherPlansMeasure) {
  Identify("A01");
  Identify("A02");
  const PlanFile a01 = Create("A01");
  const PlanFile a02 = Create("A02");
  auto stored = RecordPlanMeasure(*w_.ws, kCadre, a01.plan.id, Measure("medical_assistance"));
  ASSERT_TRUE(stored.ok());
  cases::Measure done = *stored;
  done.member_id_number = "";
  done.status = cases::MeasureStatus::kDone;
  auto edited = RecordPlanMeasure(*w_.ws, kCadre, a01.plan.id, done);
  ASSERT_TRUE(edited.ok()) << edited.status().ToString();
  EXPECT_EQ(edited->id, stored->id);
  EXPECT_EQ(edited->status, cases::MeasureStatus::kDone);
  auto refused = RecordPlanMeasure(*w_.ws, kCadre, a02.plan.id, done);
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Contains(refused.status().message(), "is not a measure of plan 2"))
      << refused.status().message();
}

TEST_F(AssistTest, ThePlanMeasuresAreWrittenOnlyByTheLevelsThatAssistInScope) {
  Identify("A01");
  const PlanFile file = Create("A01");
  EXPECT_EQ(RecordPlanMeasure(*w_.ws, kOutsider, file.plan.id, Measure("medical_assistance"))
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(RecordPlanMeasure(*w_.ws, kProvince, file.plan.id, Measure("medical_assistance"))
                .status()
                .code(),
            StatusCode::kPermissionDenied);
}

TEST_F(AssistTest, AMeasureRecordedForTheHouseholdJoinsItsCurrentPlan) {
  cases::Measure before = Measure("");
  before.item = "临时救助";
  auto outside = RecordMeasureItem(*w_.ws, kCadre, [&] {
    cases::Measure m = before;
    m.household_id = "A01";
    return m;
  }());
  ASSERT_TRUE(outside.ok()) << outside.status().ToString();
  EXPECT_EQ(outside->plan_id, 0);  // no episode, no plan
  Identify("A01");
  const PlanFile file = Create("A01");
  cases::Measure m = Measure("medical_assistance");
  m.household_id = "A01";
  auto joined = RecordMeasureItem(*w_.ws, kCadre, m);
  ASSERT_TRUE(joined.ok()) << joined.status().ToString();
  EXPECT_EQ(joined->plan_id, file.plan.id);
  // Replaced without a plan, it keeps the one it had; the earlier measure keeps none.
  cases::Measure replaced = *joined;
  replaced.plan_id = 0;
  replaced.member_id_number = "";
  replaced.status = cases::MeasureStatus::kDone;
  auto kept = RecordMeasureItem(*w_.ws, kCadre, replaced);
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  EXPECT_EQ(kept->plan_id, file.plan.id);
  cases::Measure old = *outside;
  old.member_id_number = "";
  old.status = cases::MeasureStatus::kDone;
  auto still_none = RecordMeasureItem(*w_.ws, kCadre, old);
  ASSERT_TRUE(still_none.ok());
  EXPECT_EQ(still_none->plan_id, 0);
}

TEST_F(AssistTest, AMeasureRecordedForTheHouseholdChecksItsItemCodeAndPlan) {
  Identify("A01");
  Identify("A02");
  Create("A01");
  const PlanFile a02 = Create("A02");
  cases::Measure m = Measure("medical_asistance");
  m.household_id = "A01";
  auto refused = RecordMeasureItem(*w_.ws, kCadre, m);
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Contains(refused.status().message(), "did you mean 'medical_assistance'"));
  m.item_code = "medical_assistance";
  m.plan_id = a02.plan.id;  // another household's plan
  refused = RecordMeasureItem(*w_.ws, kCadre, m);
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Contains(refused.status().message(), "no plan 2 of household A01"))
      << refused.status().message();
}

TEST_F(AssistTest, AMeasureDoesNotJoinACompletePlan) {
  Identify("A01");
  const PlanFile file = Create("A01");
  AnswerTheRisks(file.plan.id);
  ASSERT_TRUE(ActivatePlan(*w_.ws, kCadre, file.plan.id).ok());
  ASSERT_TRUE(CompletePlan(*w_.ws, kCadre, file.plan.id).ok());
  cases::Measure m = Measure("medical_assistance");
  m.household_id = "A01";
  auto later = RecordMeasureItem(*w_.ws, kCadre, m);
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->plan_id, 0);
}

// --- states

TEST_F(AssistTest, APlanIsActivatedThenCompletedWhenItHasAMeasure) {
  Identify("A01");
  const PlanFile file = Create("A01");
  auto early = CompletePlan(*w_.ws, kCadre, file.plan.id);
  EXPECT_EQ(early.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(Contains(early.status().message(), "is draft, not active"))
      << early.status().message();
  auto active = ActivatePlan(*w_.ws, kTownship, file.plan.id);
  ASSERT_TRUE(active.ok()) << active.status().ToString();
  EXPECT_EQ(active->plan.state, PlanState::kActive);
  auto again = ActivatePlan(*w_.ws, kTownship, file.plan.id);
  EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(Contains(again.status().message(), "is active, not draft"));
  auto gated = CompletePlan(*w_.ws, kCadre, file.plan.id);
  EXPECT_EQ(gated.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(Contains(gated.status().message(), "has no measure")) << gated.status().message();
  // A measure for the illness alone: the unsafe house (R09) still fails C05.
  ASSERT_TRUE(RecordPlanMeasure(*w_.ws, kCadre, file.plan.id, Measure("medical_assistance")).ok());
  auto c05 = CompletePlan(*w_.ws, kCounty, file.plan.id);
  EXPECT_EQ(c05.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(Contains(c05.status().message(), "C05 (finding ")) << c05.status().message();
  auto shown = GetPlan(*w_.ws, kCounty, file.plan.id);
  ASSERT_TRUE(shown.ok());
  ASSERT_FALSE(shown->checks.empty());
  EXPECT_TRUE(std::any_of(shown->checks.begin(), shown->checks.end(),
                          [](const FindingItem& c) { return c.finding.check == "C05"; }));
  ASSERT_TRUE(RecordPlanMeasure(*w_.ws, kCadre, file.plan.id,
                                Measure("dilapidated_house_renovation",
                                        cases::MeasureCategory::kHousing))
                  .ok());
  auto complete = CompletePlan(*w_.ws, kCounty, file.plan.id);
  ASSERT_TRUE(complete.ok()) << complete.status().ToString();
  EXPECT_EQ(complete->plan.state, PlanState::kComplete);
  EXPECT_EQ(complete->plan.completed_by, "county");
  EXPECT_FALSE(complete->plan.completed_at.empty());
  EXPECT_EQ(AuditActions("township").count("plan.activate"), 1u);
  EXPECT_EQ(AuditActions("county").count("plan.complete"), 1u);
}

TEST_F(AssistTest, TheCompletionGateDoesNotCountStoppedMeasuresNorOtherPlans) {
  assist::Plan plan;
  plan.id = 3;
  cases::Measure stopped = Measure("medical_assistance");
  stopped.plan_id = 3;
  stopped.status = cases::MeasureStatus::kStopped;
  cases::Measure other = Measure("medical_assistance");
  other.plan_id = 4;
  EXPECT_EQ(CompletionGate(plan, {stopped, other}).code(), StatusCode::kFailedPrecondition);
  cases::Measure planned = stopped;
  planned.status = cases::MeasureStatus::kPlanned;
  EXPECT_TRUE(CompletionGate(plan, {stopped, planned}).ok());
}

TEST_F(AssistTest, StatesAreChangedOnlyByTheLevelsThatAssistInScope) {
  Identify("A01");
  const PlanFile file = Create("A01");
  EXPECT_EQ(ActivatePlan(*w_.ws, kOutsider, file.plan.id).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(ActivatePlan(*w_.ws, Officer(Role::kAuditor, "63"), file.plan.id).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(CompletePlan(*w_.ws, kProvince, file.plan.id).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(ActivatePlan(*w_.ws, kCadre, 42).status().code(), StatusCode::kNotFound);
}

TEST_F(AssistTest, ThePlanIsClosedWhenItsEpisodeIsEliminated) {
  const int64_t episode = Identify("A01");
  const PlanFile file = Create("A01");
  ASSERT_TRUE(ActivatePlan(*w_.ws, kCadre, file.plan.id).ok());
  Eliminate("A01", episode);
  auto plan = w_.db->GetPlan(file.plan.id);
  ASSERT_TRUE(plan.ok() && plan->has_value());
  EXPECT_EQ((*plan)->state, PlanState::kClosed);
  // The household's plan is still shown (its latest episode's), and takes no more measures.
  auto shown = PlanOfHousehold(*w_.ws, kCadre, "A01");
  ASSERT_TRUE(shown.ok()) << shown.status().ToString();
  EXPECT_EQ(shown->plan.state, PlanState::kClosed);
  EXPECT_EQ(RecordPlanMeasure(*w_.ws, kCadre, file.plan.id, Measure("medical_assistance"))
                .status()
                .code(),
            StatusCode::kFailedPrecondition);
  // No plan at all: elimination goes through as before.
  const int64_t other = Identify("A02");
  Eliminate("A02", other);
}

// --- responsible persons

TEST_F(AssistTest, AResponsiblePersonIsAssignedAndShownWithThePhoneMaskedAboveTheTownship) {
  Identify("A01");
  Create("A01");
  auto assigned = AssignResponsible(*w_.ws, kCadre, "A01", Person("王五", CivilDate::FromYmd(2026, 3, 1)));
  ASSERT_TRUE(assigned.ok()) << assigned.status().ToString();
  EXPECT_EQ(assigned->phone, "13812345678");
  EXPECT_EQ(assigned->assigned_by, "cadre");
  auto county = AssignResponsible(*w_.ws, kCounty, "A01", Person("李四", CivilDate::FromYmd(2026, 7, 1)));
  ASSERT_TRUE(county.ok()) << county.status().ToString();
  EXPECT_EQ(county->phone, "138****5678");
  auto history = ResponsibleHistory(*w_.ws, kProvince, "A01");
  ASSERT_TRUE(history.ok()) << history.status().ToString();
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].to, CivilDate::FromYmd(2026, 6, 30));
  EXPECT_EQ((*history)[0].phone, "138****5678");
  EXPECT_EQ((*history)[1].name, "李四");
  auto township = PlanOfHousehold(*w_.ws, kTownship, "A01");
  ASSERT_TRUE(township.ok());
  ASSERT_TRUE(township->responsible.has_value());
  EXPECT_EQ(township->responsible->name, "李四");
  EXPECT_EQ(township->responsible->phone, "13812345678");
  auto county_view = PlanOfHousehold(*w_.ws, kCounty, "A01");
  ASSERT_TRUE(county_view.ok());
  EXPECT_EQ(county_view->responsible->phone, "138****5678");
  EXPECT_EQ(AuditActions("province").count("responsible.read"), 1u);
  EXPECT_EQ(AuditActions("cadre").count("responsible.assign"), 1u);
}

TEST_F(AssistTest, AnAssignmentIsRefusedForABadFieldAStartNotAfterTheCurrentOrOutsideTheScope) {
  ASSERT_TRUE(AssignResponsible(*w_.ws, kCadre, "A01", Person("王五", CivilDate::FromYmd(2026, 3, 1))).ok());
  auto overlap = AssignResponsible(*w_.ws, kCadre, "A01", Person("李四", CivilDate::FromYmd(2026, 3, 1)));
  EXPECT_EQ(overlap.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Contains(overlap.status().message(), "must start after the current one"))
      << overlap.status().message();
  assist::ResponsiblePerson bad = Person("李四", CivilDate::FromYmd(2026, 5, 1));
  bad.phone = "12ab";
  auto phone = AssignResponsible(*w_.ws, kCadre, "A01", bad);
  EXPECT_EQ(phone.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Contains(phone.status().message(), "phone"));
  EXPECT_EQ(AssignResponsible(*w_.ws, kOutsider, "A01", Person("李四", CivilDate::FromYmd(2026, 5, 1)))
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(AssignResponsible(*w_.ws, kProvince, "A01", Person("李四", CivilDate::FromYmd(2026, 5, 1)))
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(AssignResponsible(*w_.ws, kCadre, "Z99", Person("李四", CivilDate::FromYmd(2026, 5, 1)))
                .status()
                .code(),
            StatusCode::kNotFound);
  EXPECT_EQ(ResponsibleHistory(*w_.ws, kOutsider, "A01").status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(w_.db->ResponsibleOf("A01").value().size(), 1u);
}

TEST_F(AssistTest, PhonesAreMaskedLikeIdNumbers) {
  EXPECT_EQ(MaskPhone("13812345678"), "138****5678");
  EXPECT_EQ(MaskPhone("0971-1234567"), "097*****4567");
  EXPECT_EQ(MaskPhone("1234567"), "*****67");
  EXPECT_EQ(ShownPhone(kTownship, "13812345678"), "13812345678");
  EXPECT_EQ(ShownPhone(Officer(Role::kAuditor, "63"), "13812345678"), "138****5678");
}

// --- visits

TEST_F(AssistTest, AVisitIsRecordedWithItsRisksNormalizedAndListedNewestFirst) {
  auto first = RecordVisit(*w_.ws, kCadre, "A01", VisitOn(CivilDate::FromYmd(2026, 4, 1)));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->risks_seen, "R01;R09");
  EXPECT_EQ(first->village_code, kVillageA);
  EXPECT_EQ(first->recorded_by, "cadre");
  EXPECT_EQ(first->lead_id, 0);
  auto second = RecordVisit(*w_.ws, kTownship, "A01", VisitOn(CivilDate::FromYmd(2026, 5, 1)));
  ASSERT_TRUE(second.ok());
  auto visits = VisitsOf(*w_.ws, kCounty, "A01");
  ASSERT_TRUE(visits.ok());
  ASSERT_EQ(visits->size(), 2u);
  EXPECT_EQ((*visits)[0].id, second->id);
  EXPECT_EQ(AuditActions("cadre").count("visit.record"), 1u);
  EXPECT_EQ(AuditActions("county").count("visit.list"), 1u);
}

TEST_F(AssistTest, AVisitMayRecordACadreVisitLeadOnTheEpisode) {
  const int64_t episode = Identify("A01");
  auto visit = RecordVisit(*w_.ws, kCadre, "A01", VisitOn(CivilDate::FromYmd(2026, 4, 1)),
                           "serious_illness");
  ASSERT_TRUE(visit.ok()) << visit.status().ToString();
  ASSERT_NE(visit->lead_id, 0);
  auto leads = w_.db->LeadsOf("A01");
  ASSERT_TRUE(leads.ok());
  const cases::Lead* lead = nullptr;
  for (const cases::Lead& l : *leads) {
    if (l.id == visit->lead_id) lead = &l;
  }
  ASSERT_NE(lead, nullptr);
  EXPECT_EQ(lead->channel, cases::Channel::kCadreVisit);
  EXPECT_EQ(lead->visit_reason, "serious_illness");
  EXPECT_EQ(lead->note, "病情稳定，仍需用药");
  EXPECT_EQ(lead->episode_id, episode);
}

TEST_F(AssistTest, AVisitIsRefusedInTheFutureWithBadRisksABadLeadReasonOrOutsideTheScope) {
  auto future = RecordVisit(*w_.ws, kCadre, "A01", VisitOn(CivilDate::FromYmd(2099, 1, 1)));
  EXPECT_EQ(future.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Contains(future.status().message(), "after today")) << future.status().message();
  assist::Visit bad = VisitOn(CivilDate::FromYmd(2026, 4, 1));
  bad.risks_seen = "R77";
  auto risks = RecordVisit(*w_.ws, kCadre, "A01", bad);
  EXPECT_EQ(risks.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Contains(risks.status().message(), "visit field risks_seen: \"R77\" is not a risk"))
      << risks.status().message();
  bad = VisitOn(CivilDate::FromYmd(2026, 4, 1));
  bad.found = "";
  EXPECT_EQ(RecordVisit(*w_.ws, kCadre, "A01", bad).status().code(),
            StatusCode::kInvalidArgument);
  auto reason = RecordVisit(*w_.ws, kCadre, "A01", VisitOn(CivilDate::FromYmd(2026, 4, 1)),
                            "curiosity");
  EXPECT_EQ(reason.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Contains(reason.status().message(), "visit_reason")) << reason.status().message();
  EXPECT_EQ(RecordVisit(*w_.ws, kOutsider, "A01", VisitOn(CivilDate::FromYmd(2026, 4, 1)))
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(RecordVisit(*w_.ws, Officer(Role::kDepartment, "63"), "A01",
                        VisitOn(CivilDate::FromYmd(2026, 4, 1)))
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  EXPECT_TRUE(w_.db->VisitsOf("A01").value().empty());
  EXPECT_TRUE(w_.db->LeadsOf("A01").value().empty());
}

TEST_F(AssistTest, VisitsAreListedByRegionAndPeriod) {
  ASSERT_TRUE(RecordVisit(*w_.ws, kCadre, "A01", VisitOn(CivilDate::FromYmd(2026, 4, 1))).ok());
  ASSERT_TRUE(RecordVisit(*w_.ws, kTownship, "B01", VisitOn(CivilDate::FromYmd(2026, 4, 5))).ok());
  ASSERT_TRUE(RecordVisit(*w_.ws, kCadre, "A02", VisitOn(CivilDate::FromYmd(2026, 5, 1))).ok());
  auto township = ListVisits(*w_.ws, kCounty, "630102001", CivilDate::FromYmd(2026, 4, 1),
                             CivilDate::FromYmd(2026, 4, 30), 0, 10);
  ASSERT_TRUE(township.ok()) << township.status().ToString();
  EXPECT_EQ(township->total, 2);
  ASSERT_EQ(township->items.size(), 2u);
  EXPECT_EQ(township->items[0].visit.household_id, "A01");
  EXPECT_EQ(township->items[1].visit.household_id, "B01");
  EXPECT_FALSE(township->items[0].head_name.empty());
  auto mine = ListVisits(*w_.ws, kCadre, "", std::nullopt, std::nullopt, 0, 10);
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->total, 2);  // village A only
  auto backwards = ListVisits(*w_.ws, kCounty, "", CivilDate::FromYmd(2026, 5, 1),
                              CivilDate::FromYmd(2026, 4, 1), 0, 10);
  EXPECT_EQ(backwards.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Contains(backwards.status().message(), "before its 'from'"));
  EXPECT_EQ(ListVisits(*w_.ws, kCadre, "630102", std::nullopt, std::nullopt, 0, 10)
                .status()
                .code(),
            StatusCode::kPermissionDenied);
}

// --- the responsibility list

TEST_F(AssistTest, TheResponsibilityListShowsEachMonitoringObjectWithItsPersonVisitAndPlan) {
  Identify("B01", kVillageB);
  Identify("A02");
  Identify("A01");
  Create("A02");
  ASSERT_TRUE(AssignResponsible(*w_.ws, kCadre, "A01", Person("王五", CivilDate::FromYmd(2026, 3, 1))).ok());
  ASSERT_TRUE(RecordVisit(*w_.ws, kCadre, "A01", VisitOn(CivilDate::FromYmd(2026, 4, 1))).ok());
  ASSERT_TRUE(RecordVisit(*w_.ws, kCadre, "A01", VisitOn(CivilDate::FromYmd(2026, 3, 1))).ok());
  auto page = ResponsibilityList(*w_.ws, kCounty, "630102001", 0, 2);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->total, 3);
  ASSERT_EQ(page->items.size(), 2u);
  const ResponsibilityItem& a01 = page->items[0];
  EXPECT_EQ(a01.episode.household_id, "A01");
  ASSERT_TRUE(a01.responsible.has_value());
  EXPECT_EQ(a01.responsible->phone, "138****5678");
  EXPECT_EQ(a01.last_visit, CivilDate::FromYmd(2026, 4, 1));
  EXPECT_EQ(a01.plan_id, 0);
  const ResponsibilityItem& a02 = page->items[1];
  EXPECT_EQ(a02.episode.household_id, "A02");
  EXPECT_FALSE(a02.responsible.has_value());
  EXPECT_FALSE(a02.last_visit.has_value());
  EXPECT_EQ(a02.plan_id, 1);
  EXPECT_EQ(a02.plan_state, PlanState::kDraft);
  auto rest = ResponsibilityList(*w_.ws, kCounty, "630102001", 2, 2);
  ASSERT_TRUE(rest.ok());
  ASSERT_EQ(rest->items.size(), 1u);
  EXPECT_EQ(rest->items[0].episode.household_id, "B01");
  EXPECT_EQ(AuditActions("county").count("responsibility.list"), 2u);
  EXPECT_EQ(ResponsibilityList(*w_.ws, kOutsider, kVillageA, 0, 10).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(ResponsibilityList(*w_.ws, kCounty, "", 0, 501).status().code(),
            StatusCode::kInvalidArgument);
}

// --- the catalogue

TEST_F(AssistTest, TheBuiltInCatalogueIsInForceUntilTheProvincePutsOne) {
  auto builtin = ActiveCatalog(*w_.ws, kCadre, "63");
  ASSERT_TRUE(builtin.ok()) << builtin.status().ToString();
  EXPECT_EQ(builtin->version, 0);
  EXPECT_EQ(builtin->text, assist::BuiltinMeasureCatalogText());
  EXPECT_EQ(builtin->catalog.categories.size(), cases::kAllMeasureCategories.size());

  std::string text(assist::BuiltinMeasureCatalogText());
  const size_t at = text.find("\"medical_assistance\"");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 20, "\"medical_relief\"");
  auto put = PutCatalog(*w_.ws, kProvince, "63", text);
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  EXPECT_EQ(put->version, 1);
  EXPECT_EQ(put->created_by, "province");
  EXPECT_EQ(ActiveCatalog(*w_.ws, kCounty, "63")->version, 1);
  EXPECT_EQ(AuditActions("province").count("measure.catalog"), 1u);

  // Measures are checked against the version in force.
  Identify("A01");
  const PlanFile file = Create("A01");
  auto gone = RecordPlanMeasure(*w_.ws, kCadre, file.plan.id, Measure("medical_assistance"));
  EXPECT_EQ(gone.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Contains(gone.status().message(), "province 63 (version 1)"))
      << gone.status().message();
  EXPECT_TRUE(RecordPlanMeasure(*w_.ws, kCadre, file.plan.id, Measure("medical_relief")).ok());
}

TEST_F(AssistTest, ABadCatalogueIsRefusedWithTheParsersMessage) {
  const std::string text = "[[category]]\ncode = \"industri\"\n";
  auto expected = assist::ParseMeasureCatalog(text, "measure catalogue");
  ASSERT_FALSE(expected.ok());
  auto put = PutCatalog(*w_.ws, kProvince, "63", text);
  EXPECT_EQ(put.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(put.status().message(), expected.status().message());
  EXPECT_TRUE(w_.db->CatalogVersions("63").value().empty());
}

TEST_F(AssistTest, OnlyTheProvincePutsItsOwnCatalogue) {
  const std::string text(assist::BuiltinMeasureCatalogText());
  for (const access::Principal& who : {kCounty, kCadre, Officer(Role::kPrefecture, "6301"),
                                       Officer(Role::kAdmin, "63")}) {
    EXPECT_EQ(PutCatalog(*w_.ws, who, "63", text).status().code(), StatusCode::kPermissionDenied)
        << who.username << " " << access::RoleName(who.role);
  }
  EXPECT_EQ(PutCatalog(*w_.ws, kProvince, "62", text).status().code(),
            StatusCode::kPermissionDenied);
  auto bad = PutCatalog(*w_.ws, kProvince, "630", text);
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Contains(bad.status().message(), "2-digit province code"));
  EXPECT_EQ(ActiveCatalog(*w_.ws, Officer(Role::kAdmin, "63"), "63").status().code(),
            StatusCode::kPermissionDenied);
  auto other = ActiveCatalog(*w_.ws, kCadre, "62");
  EXPECT_EQ(other.status().code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(Contains(other.status().message(), "province 62")) << other.status().message();
  EXPECT_TRUE(w_.db->CatalogVersions("63").value().empty());
}

}  // namespace
}  // namespace xianjie::service
