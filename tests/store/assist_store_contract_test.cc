// Storage contract of assist::AssistStore (migration 0011), run once per backend: plans (one per
// episode, a compare-and-set on their state, lists by region and state, paged), responsible
// persons (the current one ended by the next, history kept, overlaps refused), visits (newest
// first per household; by region and period), catalogue versions (numbered per province, the
// latest in force), and every refusal changing nothing.
#include <optional>
#include <string>
#include <vector>

#include "assist/assist_store.h"
#include "assist/plan.h"
#include "store/store_contract_test.h"

namespace xianjie::store::testing {
namespace {

using assist::CatalogVersion;
using assist::Plan;
using assist::PlanFilter;
using assist::PlanState;
using assist::ResponsiblePerson;
using assist::Visit;
using assist::VisitFilter;

constexpr char kVillageC[] = "630122100201";  // another county than kVillageA's and B's

// Text with quotes, backslashes and Chinese, so that a column mixed up or mangled shows.
Plan MakePlan(const std::string& household, int64_t episode, const std::string& village) {
  Plan p;
  p.household_id = household;
  p.episode_id = episode;
  p.village_code = village;
  p.state = PlanState::kDraft;
  p.created_by = "li.si";
  p.created_at = "2026-03-15T02:00:00Z";
  p.updated_at = "2026-03-15T02:00:00Z";
  p.note = "先治病 \"再就业\" \\ 'A'";
  return p;
}

ResponsiblePerson MakePerson(const std::string& household, const std::string& name,
                             CivilDate from) {
  ResponsiblePerson r;
  r.household_id = household;
  r.name = name;
  r.unit = "县农业农村局 \"驻村\"";
  r.phone = "13812345678";
  r.from = from;
  r.assigned_by = "wang.wu";
  r.assigned_at = "2026-03-01T00:00:00Z";
  return r;
}

Visit MakeVisit(const std::string& household, const std::string& village, CivilDate on) {
  Visit v;
  v.household_id = household;
  v.village_code = village;
  v.visited_on = on;
  v.visitor = "张三";
  v.recorded_by = "li.si";
  v.recorded_at = "2026-04-02T08:00:00Z";
  v.found = "病情稳定，\"仍需\"用药 \\";
  v.risks_seen = "R01;R09";
  v.lead_id = 7;
  return v;
}

CivilDate Day(int y, int m, int d) { return CivilDate::FromYmd(y, m, d); }

PlanFilter Plans(std::string region, std::vector<PlanState> states = {}, std::string household = "",
                 int64_t offset = 0, int64_t limit = 0) {
  PlanFilter f;
  f.region_prefix = std::move(region);
  f.states = std::move(states);
  f.household_id = std::move(household);
  f.offset = offset;
  f.limit = limit;
  return f;
}

VisitFilter Visits(std::string region, std::optional<CivilDate> from = std::nullopt,
                   std::optional<CivilDate> to = std::nullopt, int64_t offset = 0,
                   int64_t limit = 0) {
  VisitFilter f;
  f.region_prefix = std::move(region);
  f.from = from;
  f.to = to;
  f.offset = offset;
  f.limit = limit;
  return f;
}

class AssistStoreContractTest : public StoreContractTest {
 protected:
  int64_t Create(const Plan& p) {
    auto id = store().CreatePlan(p);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }
  std::optional<Plan> Get(int64_t id) {
    auto p = store().GetPlan(id);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return p.ok() ? *p : std::nullopt;
  }
  std::vector<int64_t> PlanIds(const PlanFilter& filter, int64_t* total = nullptr) {
    auto plans = store().ListPlans(filter, total);
    EXPECT_TRUE(plans.ok()) << plans.status().ToString();
    std::vector<int64_t> ids;
    if (plans.ok()) {
      for (const Plan& p : *plans) ids.push_back(p.id);
    }
    return ids;
  }
  int64_t Assign(const ResponsiblePerson& r) {
    auto id = store().AssignResponsible(r);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }
  std::vector<ResponsiblePerson> History(const std::string& household) {
    auto history = store().ResponsibleOf(household);
    EXPECT_TRUE(history.ok()) << history.status().ToString();
    return history.ok() ? *history : std::vector<ResponsiblePerson>{};
  }
  int64_t AddVisit(const Visit& v) {
    auto id = store().AddVisit(v);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }
  std::vector<int64_t> VisitIds(const VisitFilter& filter, int64_t* total = nullptr) {
    auto visits = store().ListVisits(filter, total);
    EXPECT_TRUE(visits.ok()) << visits.status().ToString();
    std::vector<int64_t> ids;
    if (visits.ok()) {
      for (const Visit& v : *visits) ids.push_back(v.id);
    }
    return ids;
  }
};

// --- plans

TEST_P(AssistStoreContractTest, ANewPlanIsNumberedAndReadsBackWhole) {
  Plan p = MakePlan("H1", 11, kVillageA);
  EXPECT_EQ(Create(p), 1);
  p.id = 1;
  EXPECT_EQ(Get(1), p);
  EXPECT_EQ(Create(MakePlan("H2", 12, kVillageA)), 2);
  EXPECT_EQ(Get(3), std::nullopt);
}

TEST_P(AssistStoreContractTest, ThePlanOfAnEpisode) {
  Create(MakePlan("H1", 11, kVillageA));
  Plan p = MakePlan("H2", 12, kVillageB);
  p.id = Create(p);
  auto of = store().PlanOfEpisode(12);
  XJ_ASSERT_OK(of);
  EXPECT_EQ(*of, p);
  auto none = store().PlanOfEpisode(13);
  XJ_ASSERT_OK(none);
  EXPECT_EQ(*none, std::nullopt);
}

TEST_P(AssistStoreContractTest, ASecondPlanForTheSameEpisodeAlreadyExists) {
  Plan first = MakePlan("H1", 11, kVillageA);
  first.id = Create(first);
  Plan second = MakePlan("H1", 11, kVillageA);
  second.note = "again";
  auto created = store().CreatePlan(second);
  EXPECT_EQ(created.status().code(), StatusCode::kAlreadyExists);
  EXPECT_NE(created.status().message().find("plan 1"), std::string::npos)
      << created.status().message();
  EXPECT_EQ(PlanIds({}), std::vector<int64_t>{1});
  EXPECT_EQ(Get(1), first);
}

TEST_P(AssistStoreContractTest, AnInvalidPlanIsRefusedNamingTheField) {
  Plan p = MakePlan("H1", 0, kVillageA);
  auto created = store().CreatePlan(p);
  EXPECT_EQ(created.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(created.status().message().find("episode_id"), std::string::npos);
  p = MakePlan("H1", 11, "6301");
  created = store().CreatePlan(p);
  EXPECT_EQ(created.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(created.status().message().find("village_code"), std::string::npos);
  p = MakePlan("H1", 11, kVillageA);
  p.completed_by = "li.si";  // without completed_at, and on a draft
  EXPECT_EQ(store().CreatePlan(p).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(PlanIds({}), std::vector<int64_t>{});
}

TEST_P(AssistStoreContractTest, UpdatingAPlanChangesItsStateAndNoteOnly) {
  Plan p = MakePlan("H1", 11, kVillageA);
  p.id = Create(p);
  Plan changed = p;
  changed.state = PlanState::kActive;
  changed.updated_at = "2026-03-20T00:00:00Z";
  changed.note = "已启动";
  changed.household_id = "H9";  // never changes
  changed.episode_id = 99;
  changed.created_by = "someone";
  XJ_ASSERT_OK(store().UpdatePlan(changed, PlanState::kDraft));
  Plan expected = p;
  expected.state = PlanState::kActive;
  expected.updated_at = "2026-03-20T00:00:00Z";
  expected.note = "已启动";
  EXPECT_EQ(Get(p.id), expected);

  Plan complete = expected;
  complete.state = PlanState::kComplete;
  complete.completed_by = "zhao.liu";
  complete.completed_at = "2026-09-01T00:00:00Z";
  XJ_ASSERT_OK(store().UpdatePlan(complete, PlanState::kActive));
  EXPECT_EQ(Get(p.id), complete);
}

TEST_P(AssistStoreContractTest, UpdatingAPlanWhoseStateMovedIsAborted) {
  Plan p = MakePlan("H1", 11, kVillageA);
  p.id = Create(p);
  Plan changed = p;
  changed.state = PlanState::kComplete;
  changed.completed_by = "li.si";
  changed.completed_at = "2026-09-01T00:00:00Z";
  const Status s = store().UpdatePlan(changed, PlanState::kActive);  // it is a draft
  EXPECT_EQ(s.code(), StatusCode::kAborted);
  EXPECT_NE(s.message().find("draft"), std::string::npos) << s.message();
  EXPECT_EQ(Get(p.id), p);
}

TEST_P(AssistStoreContractTest, UpdatingAnUnknownOrInvalidPlanChangesNothing) {
  Plan p = MakePlan("H1", 11, kVillageA);
  p.id = Create(p);
  Plan unknown = p;
  unknown.id = 5;
  EXPECT_EQ(store().UpdatePlan(unknown, PlanState::kDraft).code(), StatusCode::kNotFound);
  Plan bad = p;
  bad.state = PlanState::kActive;
  bad.completed_by = "li.si";  // an active plan was not completed
  bad.completed_at = "2026-09-01T00:00:00Z";
  EXPECT_EQ(store().UpdatePlan(bad, PlanState::kDraft).code(), StatusCode::kInvalidArgument);
  bad = p;
  bad.updated_at = "";
  EXPECT_EQ(store().UpdatePlan(bad, PlanState::kDraft).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Get(p.id), p);
}

TEST_P(AssistStoreContractTest, EveryPlanStateReadsBack) {
  int64_t episode = 1;
  for (PlanState state : assist::kAllPlanStates) {
    Plan p = MakePlan("H1", episode++, kVillageA);
    p.state = state;
    if (state == PlanState::kComplete || state == PlanState::kClosed) {
      p.completed_by = "li.si";
      p.completed_at = "2026-09-01T00:00:00Z";
    }
    p.id = Create(p);
    EXPECT_EQ(Get(p.id), p) << assist::PlanStateCode(state);
  }
}

TEST_P(AssistStoreContractTest, PlansAreListedByRegionStateAndHouseholdById) {
  Create(MakePlan("H1", 1, kVillageA));  // 1 draft
  Create(MakePlan("H2", 2, kVillageB));  // 2 draft
  Create(MakePlan("H3", 3, kVillageC));  // 3 draft
  Plan active = MakePlan("H4", 4, kVillageA);
  active.state = PlanState::kActive;
  Create(active);  // 4 active
  Plan h1_again = MakePlan("H1", 5, kVillageA);
  h1_again.state = PlanState::kActive;
  Create(h1_again);  // 5 active: the household's next episode

  EXPECT_EQ(PlanIds({}), (std::vector<int64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(PlanIds(Plans("630121100")), (std::vector<int64_t>{1, 2, 4, 5}));
  EXPECT_EQ(PlanIds(Plans(kVillageA)), (std::vector<int64_t>{1, 4, 5}));
  EXPECT_EQ(PlanIds(Plans("630122")), (std::vector<int64_t>{3}));
  EXPECT_EQ(PlanIds(Plans("64")), (std::vector<int64_t>{}));
  EXPECT_EQ(PlanIds(Plans("", {PlanState::kActive})), (std::vector<int64_t>{4, 5}));
  EXPECT_EQ(PlanIds(Plans("6301", {PlanState::kDraft, PlanState::kClosed})),
            (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(PlanIds(Plans("", {}, "H1")), (std::vector<int64_t>{1, 5}));
}

TEST_P(AssistStoreContractTest, PlansArePagedWithTheirTotal) {
  for (int64_t e = 1; e <= 5; ++e) Create(MakePlan("H" + std::to_string(e), e, kVillageA));
  int64_t total = -1;
  EXPECT_EQ(PlanIds(Plans("", {}, "", 1, 2), &total), (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(total, 5);
  EXPECT_EQ(PlanIds(Plans("", {}, "", 4, 2), &total), (std::vector<int64_t>{5}));
  EXPECT_EQ(PlanIds(Plans("", {}, "", 9), &total), (std::vector<int64_t>{}));
  EXPECT_EQ(total, 5);
  EXPECT_EQ(store().ListPlans(Plans("", {}, "", -1)).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store().ListPlans(Plans("", {}, "", 0, -1)).status().code(),
            StatusCode::kInvalidArgument);
}

// --- responsible persons

TEST_P(AssistStoreContractTest, TheFirstResponsiblePersonIsCurrentAndReadsBackWhole) {
  ResponsiblePerson r = MakePerson("H1", "王\"五\"", Day(2026, 3, 1));
  r.id = Assign(r);
  EXPECT_EQ(r.id, 1);
  EXPECT_EQ(History("H1"), std::vector<ResponsiblePerson>{r});
  EXPECT_EQ(History("H2"), std::vector<ResponsiblePerson>{});
}

TEST_P(AssistStoreContractTest, AssigningTheNextEndsTheCurrentTheDayBefore) {
  ResponsiblePerson first = MakePerson("H1", "王五", Day(2026, 3, 1));
  first.id = Assign(first);
  ResponsiblePerson other = MakePerson("H2", "赵六", Day(2026, 3, 1));
  other.id = Assign(other);
  ResponsiblePerson second = MakePerson("H1", "李四", Day(2026, 7, 1));
  second.phone = "0971-1234567";
  second.id = Assign(second);
  first.to = Day(2026, 6, 30);
  EXPECT_EQ(History("H1"), (std::vector<ResponsiblePerson>{first, second}));
  EXPECT_EQ(History("H2"), std::vector<ResponsiblePerson>{other});  // untouched
  // A third, the day after the second started: the second lasted one day.
  ResponsiblePerson third = MakePerson("H1", "孙七", Day(2026, 7, 2));
  third.id = Assign(third);
  second.to = Day(2026, 7, 1);
  EXPECT_EQ(History("H1"), (std::vector<ResponsiblePerson>{first, second, third}));
}

TEST_P(AssistStoreContractTest, ANextPersonNotStartingAfterTheCurrentIsRefused) {
  ResponsiblePerson first = MakePerson("H1", "王五", Day(2026, 3, 1));
  first.id = Assign(first);
  for (CivilDate from : {Day(2026, 3, 1), Day(2026, 2, 1)}) {
    auto assigned = store().AssignResponsible(MakePerson("H1", "李四", from));
    EXPECT_EQ(assigned.status().code(), StatusCode::kInvalidArgument) << from.ToString();
    EXPECT_NE(assigned.status().message().find("2026-03-01"), std::string::npos)
        << assigned.status().message();
  }
  EXPECT_EQ(History("H1"), std::vector<ResponsiblePerson>{first});
}

TEST_P(AssistStoreContractTest, AnInvalidAssignmentIsRefusedNamingTheField) {
  ResponsiblePerson r = MakePerson("H1", "王五", Day(2026, 3, 1));
  r.to = Day(2026, 12, 31);
  auto assigned = store().AssignResponsible(r);
  EXPECT_EQ(assigned.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(assigned.status().message().find("field to"), std::string::npos);
  r = MakePerson("H1", "王五", Day(2026, 3, 1));
  r.phone = "call me";
  assigned = store().AssignResponsible(r);
  EXPECT_EQ(assigned.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(assigned.status().message().find("phone"), std::string::npos);
  r = MakePerson("H1", " ", Day(2026, 3, 1));
  assigned = store().AssignResponsible(r);
  EXPECT_EQ(assigned.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(assigned.status().message().find("name"), std::string::npos);
  EXPECT_EQ(History("H1"), std::vector<ResponsiblePerson>{});
}

// --- visits

TEST_P(AssistStoreContractTest, AVisitReadsBackWholeAndAHouseholdsVisitsAreNewestFirst) {
  Visit first = MakeVisit("H1", kVillageA, Day(2026, 4, 1));
  first.id = AddVisit(first);
  Visit other = MakeVisit("H2", kVillageA, Day(2026, 4, 5));
  other.id = AddVisit(other);
  Visit later = MakeVisit("H1", kVillageA, Day(2026, 5, 1));
  later.risks_seen = "";
  later.lead_id = 0;
  later.id = AddVisit(later);
  Visit same_day = MakeVisit("H1", kVillageA, Day(2026, 5, 1));
  same_day.id = AddVisit(same_day);
  Visit earliest = MakeVisit("H1", kVillageA, Day(2026, 3, 1));  // recorded late
  earliest.id = AddVisit(earliest);
  auto of = store().VisitsOf("H1");
  XJ_ASSERT_OK(of);
  EXPECT_EQ(*of, (std::vector<Visit>{same_day, later, first, earliest}));
  of = store().VisitsOf("H3");
  XJ_ASSERT_OK(of);
  EXPECT_TRUE(of->empty());
}

TEST_P(AssistStoreContractTest, VisitsAreListedByRegionAndPeriodByDate) {
  AddVisit(MakeVisit("H1", kVillageA, Day(2026, 4, 10)));  // 1
  AddVisit(MakeVisit("H2", kVillageB, Day(2026, 4, 1)));   // 2
  AddVisit(MakeVisit("H3", kVillageC, Day(2026, 4, 5)));   // 3
  AddVisit(MakeVisit("H1", kVillageA, Day(2026, 5, 1)));   // 4
  AddVisit(MakeVisit("H2", kVillageB, Day(2026, 4, 10)));  // 5
  EXPECT_EQ(VisitIds({}), (std::vector<int64_t>{2, 3, 1, 5, 4}));
  EXPECT_EQ(VisitIds(Visits("630121")), (std::vector<int64_t>{2, 1, 5, 4}));
  EXPECT_EQ(VisitIds(Visits(kVillageA)), (std::vector<int64_t>{1, 4}));
  // Both bounds are included.
  EXPECT_EQ(VisitIds(Visits("63", Day(2026, 4, 5), Day(2026, 4, 10))),
            (std::vector<int64_t>{3, 1, 5}));
  EXPECT_EQ(VisitIds(Visits("", Day(2026, 4, 11))), (std::vector<int64_t>{4}));
  EXPECT_EQ(VisitIds(Visits("", std::nullopt, Day(2026, 4, 1))), (std::vector<int64_t>{2}));
  int64_t total = -1;
  EXPECT_EQ(VisitIds(Visits("630121", std::nullopt, std::nullopt, 1, 2), &total),
            (std::vector<int64_t>{1, 5}));
  EXPECT_EQ(total, 4);
}

TEST_P(AssistStoreContractTest, ABadVisitOrVisitListIsRefused) {
  Visit v = MakeVisit("H1", kVillageA, Day(2026, 4, 1));
  v.risks_seen = "R09;R01";  // not in the stored form
  auto added = store().AddVisit(v);
  EXPECT_EQ(added.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(added.status().message().find("R01;R09"), std::string::npos);
  v = MakeVisit("H1", kVillageA, Day(2026, 4, 1));
  v.found = "";
  added = store().AddVisit(v);
  EXPECT_EQ(added.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(added.status().message().find("found"), std::string::npos);
  EXPECT_EQ(VisitIds({}), std::vector<int64_t>{});
  auto listed = store().ListVisits(Visits("", Day(2026, 5, 1), Day(2026, 4, 1)));
  EXPECT_EQ(listed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(listed.status().message().find("before"), std::string::npos);
  EXPECT_EQ(store().ListVisits(Visits("", std::nullopt, std::nullopt, -1)).status().code(),
            StatusCode::kInvalidArgument);
}

// --- catalogue versions

TEST_P(AssistStoreContractTest, CatalogueVersionsAreNumberedPerProvinceAndTheLatestIsInForce) {
  auto none = store().LatestCatalogVersion("63");
  XJ_ASSERT_OK(none);
  EXPECT_EQ(*none, std::nullopt);
  CatalogVersion v1{"63", 0, "[[category]]\ncode = \"industry\" # 一\n", "prov",
                    "2026-01-01T00:00:00Z"};
  CatalogVersion other{"62", 0, "other", "prov62", "2026-01-02T00:00:00Z"};
  CatalogVersion v2{"63", 0, "second \"text\" \\", "prov", "2026-02-01T00:00:00Z"};
  auto n = store().PutCatalogVersion(v1);
  XJ_ASSERT_OK(n);
  EXPECT_EQ(*n, 1);
  n = store().PutCatalogVersion(other);
  XJ_ASSERT_OK(n);
  EXPECT_EQ(*n, 1);
  n = store().PutCatalogVersion(v2);
  XJ_ASSERT_OK(n);
  EXPECT_EQ(*n, 2);
  v1.version = 1;
  v2.version = 2;
  other.version = 1;
  auto latest = store().LatestCatalogVersion("63");
  XJ_ASSERT_OK(latest);
  EXPECT_EQ(*latest, v2);
  latest = store().LatestCatalogVersion("62");
  XJ_ASSERT_OK(latest);
  EXPECT_EQ(*latest, other);
  auto all = store().CatalogVersions("63");
  XJ_ASSERT_OK(all);
  EXPECT_EQ(*all, (std::vector<CatalogVersion>{v1, v2}));
}

TEST_P(AssistStoreContractTest, ABadCatalogueVersionIsRefused) {
  for (CatalogVersion v :
       {CatalogVersion{"6", 0, "x", "p", "t"}, CatalogVersion{"63", 0, " ", "p", "t"},
        CatalogVersion{"63", 0, "x", "", "t"}}) {
    EXPECT_EQ(store().PutCatalogVersion(v).status().code(), StatusCode::kInvalidArgument)
        << v.province << "/" << v.text << "/" << v.created_by;
  }
  auto all = store().CatalogVersions("63");
  XJ_ASSERT_OK(all);
  EXPECT_TRUE(all->empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, AssistStoreContractTest, ::testing::ValuesIn(AllBackends()),
                         [](const ::testing::TestParamInfo<StoreBackend>& param) {
                           return param.param.name;
                         });

}  // namespace
}  // namespace xianjie::store::testing
