// Storage contract of what the analytics read (migration 0012), run once per backend: the change
// stamp of the case data (it grows with every write of a case, event, lead, episode, measure or
// workflow limits, and not with reads or refused writes), every measure and the leads of a source
// prefix at once, and the provinces' assessment settings (numbered per province, the latest in
// force, refusals changing nothing); the change log of the case data (migration 0014: the
// households of every write after a point, none for limits, reads or refused writes, and a
// point past its end not complete).
#include <optional>
#include <string>
#include <vector>

#include "analytics/assessment_store.h"
#include "cases/case_store.h"
#include "store/case_builders.h"
#include "store/store_contract_test.h"

namespace xianjie::store::testing {
namespace {

using analytics::AssessmentConfigVersion;
using cases::CaseState;
using cases::EventType;
using cases::EventWrite;

// A planned health measure of `household`.
cases::Measure HealthMeasure(const std::string& household) {
  cases::Measure m;
  m.household_id = household;
  m.category = cases::MeasureCategory::kHealth;
  m.item = "大病保险 \"补充\"";
  m.start = CivilDate::FromYmd(2026, 3, 15);
  m.status = cases::MeasureStatus::kPlanned;
  m.recorded_by = "li.si";
  m.recorded_at = "2026-03-15T02:00:00Z";
  return m;
}

class AnalyticsStoreContractTest : public StoreContractTest {
 protected:
  int64_t Stamp() {
    auto stamp = store().CaseDataStamp();
    EXPECT_TRUE(stamp.ok()) << stamp.status().ToString();
    return stamp.ok() ? *stamp : -1;
  }
  // Takes case `case_id` (a lead) to monitored, opening `household`'s episode.
  void Approve(int64_t case_id, const std::string& household) {
    auto c = store().GetCase(case_id);
    XJ_ASSERT_OK(c);
    ASSERT_TRUE(c->has_value());
    EventWrite write;
    write.expected_version = (*c)->version;
    write.next = **c;
    write.next.state = CaseState::kMonitored;
    write.next.closed_at = "2026-11-30T01:00:00Z";
    write.next.version = (*c)->version + 1;
    write.record = MakeEvent(EventType::kCountyApprove, CaseState::kLead, CaseState::kMonitored,
                             write.next.version);
    write.record.case_id = case_id;
    write.open_episode = MakeEpisode(household);
    XJ_ASSERT_OK(store().AppendEvent(write));
  }
  // Runs `write` and returns whether the stamp moved (and never went back).
  template <typename Write>
  bool Moves(Write&& write) {
    const int64_t before = Stamp();
    write();
    const int64_t after = Stamp();
    EXPECT_GE(after, before);
    return after != before;
  }
};

TEST_P(AnalyticsStoreContractTest, TheCaseDataStampMovesWithEveryWriteItCovers) {
  int64_t case_id = 0;
  EXPECT_TRUE(Moves([&] {
    auto ids = store().OpenCases({MakeNewCase("H1")});
    XJ_ASSERT_OK(ids);
    case_id = (*ids)[0];
  }));
  EXPECT_TRUE(Moves([&] { Approve(case_id, "H1"); }));
  EXPECT_TRUE(Moves([&] { XJ_ASSERT_OK(store().AddLead(MakeLead("H1", "dept:health:2026-11"))); }));
  int64_t measure_id = 0;
  EXPECT_TRUE(Moves([&] {
    auto id = store().PutMeasure(HealthMeasure("H1"));
    XJ_ASSERT_OK(id);
    measure_id = *id;
  }));
  EXPECT_TRUE(Moves([&] {
    cases::Measure m = HealthMeasure("H1");
    m.id = measure_id;
    m.status = cases::MeasureStatus::kStopped;
    XJ_ASSERT_OK(store().PutMeasure(m));
  }));
  EXPECT_TRUE(Moves([&] {
    cases::WorkflowLimits limits;
    limits.overall_days = 20;
    XJ_ASSERT_OK(store().PutLimits("63", limits));
  }));
}

TEST_P(AnalyticsStoreContractTest, TheCaseDataStampStaysWithReadsAndRefusedWrites) {
  XJ_ASSERT_OK(store().OpenCases({MakeNewCase("H1")}));
  XJ_ASSERT_OK(store().PutMeasure(HealthMeasure("H1")));
  EXPECT_FALSE(Moves([&] {
    XJ_EXPECT_OK(store().ListCases({}));
    XJ_EXPECT_OK(store().ListMeasures());
    XJ_EXPECT_OK(store().ListLeads(""));
    XJ_EXPECT_OK(store().ListEpisodes("", false));
  }));
  EXPECT_FALSE(Moves([&] {
    // The same lead source again, and a measure of another household under an existing id.
    EXPECT_FALSE(store().OpenCases({MakeNewCase("H1")}).ok());
    EXPECT_FALSE(store().AddLead(MakeLead("H1")).ok());
    cases::Measure other = HealthMeasure("H2");
    other.id = 1;
    EXPECT_FALSE(store().PutMeasure(other).ok());
  }));
  // Writes outside the case data: an audit entry.
  EXPECT_FALSE(Moves([&] { XJ_EXPECT_OK(store().Append("li.si", "case.read", "H1", "{}")); }));
}

// ---- the change log of the case data

TEST_P(AnalyticsStoreContractTest, TheChangeLogNamesTheHouseholdOfEveryWriteItCovers) {
  auto start = store().CaseDataChangesAfter(-1);
  XJ_ASSERT_OK(start);
  EXPECT_TRUE(start->households.empty());
  auto ids = store().OpenCases({MakeNewCase("H1")});
  XJ_ASSERT_OK(ids);
  auto after_open = store().CaseDataChangesAfter(-1);
  XJ_ASSERT_OK(after_open);
  EXPECT_GT(after_open->last, start->last);
  Approve((*ids)[0], "H1");
  XJ_ASSERT_OK(store().AddLead(MakeLead("H2", "dept:health:2026-11")));
  auto measure = store().PutMeasure(HealthMeasure("H3"));
  XJ_ASSERT_OK(measure);
  cases::Measure stopped = HealthMeasure("H3");
  stopped.id = *measure;
  stopped.status = cases::MeasureStatus::kStopped;
  XJ_ASSERT_OK(store().PutMeasure(stopped));

  auto all = store().CaseDataChangesAfter(start->last);
  XJ_ASSERT_OK(all);
  EXPECT_TRUE(all->complete);
  EXPECT_EQ(all->households, (std::vector<std::string>{"H1", "H2", "H3"}));
  auto since_open = store().CaseDataChangesAfter(after_open->last);
  XJ_ASSERT_OK(since_open);
  EXPECT_TRUE(since_open->complete);
  EXPECT_EQ(since_open->households, (std::vector<std::string>{"H1", "H2", "H3"}));  // H1: event
  auto latest = store().CaseDataChangesAfter(all->last);
  XJ_ASSERT_OK(latest);
  EXPECT_TRUE(latest->complete);
  EXPECT_EQ(latest->last, all->last);
  EXPECT_TRUE(latest->households.empty());
}

TEST_P(AnalyticsStoreContractTest, LimitsReadsAndRefusedWritesNameNoHousehold) {
  XJ_ASSERT_OK(store().OpenCases({MakeNewCase("H1")}));
  auto start = store().CaseDataChangesAfter(-1);
  XJ_ASSERT_OK(start);
  cases::WorkflowLimits limits;
  limits.overall_days = 20;
  EXPECT_TRUE(Moves([&] { XJ_ASSERT_OK(store().PutLimits("63", limits)); }));
  XJ_EXPECT_OK(store().ListCases({}));
  EXPECT_FALSE(store().OpenCases({MakeNewCase("H1")}).ok());
  EXPECT_FALSE(store().AddLead(MakeLead("H1")).ok());
  auto changes = store().CaseDataChangesAfter(start->last);
  XJ_ASSERT_OK(changes);
  EXPECT_TRUE(changes->complete);
  EXPECT_EQ(changes->last, start->last);
  EXPECT_TRUE(changes->households.empty());
}

// A point past the log's end is another database's (or a restored one's): not complete, so the
// reader reads everything again.
TEST_P(AnalyticsStoreContractTest, APointPastTheEndOfTheLogIsNotComplete) {
  auto empty = store().CaseDataChangesAfter(0);
  XJ_ASSERT_OK(empty);
  EXPECT_TRUE(empty->complete);
  EXPECT_EQ(empty->last, 0);
  XJ_ASSERT_OK(store().OpenCases({MakeNewCase("H1")}));
  auto log = store().CaseDataChangesAfter(-1);
  XJ_ASSERT_OK(log);
  auto past = store().CaseDataChangesAfter(log->last + 5);
  XJ_ASSERT_OK(past);
  EXPECT_FALSE(past->complete);
  EXPECT_TRUE(past->households.empty());
}

// The case rows of several households at once equal what the one-household reads give, each
// kind by household, then id; a household repeated counts once, an unknown one adds nothing.
TEST_P(AnalyticsStoreContractTest, TheCaseRowsOfHouseholdsAreWhatTheirOwnReadsGive) {
  auto ids = store().OpenCases({MakeNewCase("H2"), MakeNewCase("H1"), MakeNewCase("H3")});
  XJ_ASSERT_OK(ids);
  Approve((*ids)[1], "H1");
  XJ_ASSERT_OK(store().AddLead(MakeLead("H2", "dept:health:2026-11")));
  XJ_ASSERT_OK(store().PutMeasure(HealthMeasure("H2")));
  XJ_ASSERT_OK(store().PutMeasure(HealthMeasure("H1")));
  XJ_ASSERT_OK(store().PutMeasure(HealthMeasure("H2")));

  auto rows = store().CaseRowsOf({"H2", "H9", "H1", "H2"});
  XJ_ASSERT_OK(rows);
  cases::HouseholdCaseRows expected;
  for (const std::string h : {"H1", "H2"}) {
    auto episodes = store().EpisodesOf(h);
    XJ_ASSERT_OK(episodes);
    expected.episodes.insert(expected.episodes.end(), episodes->begin(), episodes->end());
    cases::CaseFilter filter;
    filter.household_id = h;
    auto cases = store().ListCases(filter);
    XJ_ASSERT_OK(cases);
    expected.cases.insert(expected.cases.end(), cases->begin(), cases->end());
    auto measures = store().MeasuresOf(h);
    XJ_ASSERT_OK(measures);
    expected.measures.insert(expected.measures.end(), measures->begin(), measures->end());
    auto leads = store().LeadsOf(h);
    XJ_ASSERT_OK(leads);
    expected.leads.insert(expected.leads.end(), leads->begin(), leads->end());
  }
  ASSERT_EQ(rows->episodes.size(), 1u);
  EXPECT_EQ(rows->episodes, expected.episodes);
  ASSERT_EQ(rows->cases.size(), 2u);  // H1's, then H2's: not the ids' order
  EXPECT_EQ(rows->cases, expected.cases);
  EXPECT_EQ(rows->cases[0].household_id, "H1");
  ASSERT_EQ(rows->measures.size(), 3u);
  EXPECT_EQ(rows->measures, expected.measures);
  EXPECT_EQ(rows->measures[0].household_id, "H1");
  EXPECT_EQ(rows->leads, expected.leads);
  EXPECT_FALSE(rows->leads.empty());
  auto none = store().CaseRowsOf({});
  XJ_ASSERT_OK(none);
  EXPECT_TRUE(none->episodes.empty() && none->cases.empty() && none->measures.empty() &&
              none->leads.empty());
}

TEST_P(AnalyticsStoreContractTest, EveryMeasureAndTheLeadsOfASourcePrefixAtOnce) {
  XJ_ASSERT_OK(store().PutMeasure(HealthMeasure("H2")));
  XJ_ASSERT_OK(store().PutMeasure(HealthMeasure("H1")));
  cases::Measure third = HealthMeasure("H2");
  third.item_code = "critical_illness_insurance";
  third.plan_id = 4;
  XJ_ASSERT_OK(store().PutMeasure(third));
  auto all = store().ListMeasures();
  XJ_ASSERT_OK(all);
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].id, 1);
  EXPECT_EQ((*all)[1].household_id, "H1");
  third.id = 3;
  EXPECT_EQ((*all)[2], third);

  XJ_ASSERT_OK(store().OpenCases({MakeNewCase("H1", "dept:medical_insurance:2026-10")}));
  XJ_ASSERT_OK(store().AddLead(MakeLead("H2", "run:7")));
  XJ_ASSERT_OK(store().AddLead(MakeLead("H3", "dept:health:2026-11")));
  XJ_ASSERT_OK(store().AddLead(MakeLead("H4", "depth:1")));  // not "dept:"
  auto dept = store().ListLeads("dept:");
  XJ_ASSERT_OK(dept);
  ASSERT_EQ(dept->size(), 2u);
  EXPECT_EQ((*dept)[0].household_id, "H1");
  EXPECT_EQ((*dept)[0].case_id, 1);
  EXPECT_EQ((*dept)[1].source, "dept:health:2026-11");
  EXPECT_EQ((*dept)[1].note, MakeLead("H3").note);
  auto every = store().ListLeads("");
  XJ_ASSERT_OK(every);
  EXPECT_EQ(every->size(), 4u);
  auto none = store().ListLeads("visit:");
  XJ_ASSERT_OK(none);
  EXPECT_TRUE(none->empty());
}

TEST_P(AnalyticsStoreContractTest, AssessmentSettingsAreNumberedPerProvinceAndTheLatestIsInForce) {
  auto none = store().LatestAssessmentConfig("63");
  XJ_ASSERT_OK(none);
  EXPECT_FALSE(none->has_value());
  AssessmentConfigVersion v1{"63", 0, "[[kpi]]\nid = \"timeliness\" # 及时\n", "prov",
                             "2026-01-01T00:00:00Z"};
  AssessmentConfigVersion other{"62", 0, "other", "prov62", "2026-01-02T00:00:00Z"};
  AssessmentConfigVersion v2{"63", 0, "second \"text\" \\", "prov", "2026-02-01T00:00:00Z"};
  auto n = store().PutAssessmentConfig(v1);
  XJ_ASSERT_OK(n);
  EXPECT_EQ(*n, 1);
  n = store().PutAssessmentConfig(other);
  XJ_ASSERT_OK(n);
  EXPECT_EQ(*n, 1);
  n = store().PutAssessmentConfig(v2);
  XJ_ASSERT_OK(n);
  EXPECT_EQ(*n, 2);
  auto latest = store().LatestAssessmentConfig("63");
  XJ_ASSERT_OK(latest);
  ASSERT_TRUE(latest->has_value());
  v2.version = 2;
  EXPECT_EQ(**latest, v2);
  latest = store().LatestAssessmentConfig("62");
  XJ_ASSERT_OK(latest);
  EXPECT_EQ((*latest)->text, "other");
}

TEST_P(AnalyticsStoreContractTest, ABadAssessmentSettingsVersionIsRefusedAndNothingStored) {
  auto refused = [&](AssessmentConfigVersion v) {
    auto n = store().PutAssessmentConfig(v);
    EXPECT_FALSE(n.ok());
    EXPECT_EQ(n.status().code(), StatusCode::kInvalidArgument);
    return n.status().message();
  };
  const AssessmentConfigVersion good{"63", 0, "text", "prov", "2026-01-01T00:00:00Z"};
  AssessmentConfigVersion v = good;
  v.province = "630";
  EXPECT_NE(refused(v).find("'630' is not a province code"), std::string::npos);
  v = good;
  v.text = " \n";
  EXPECT_NE(refused(v).find("text is missing"), std::string::npos);
  v = good;
  v.created_by = "";
  EXPECT_NE(refused(v).find("created_by is missing"), std::string::npos);
  v = good;
  v.created_at = "";
  EXPECT_NE(refused(v).find("created_at is missing"), std::string::npos);
  auto latest = store().LatestAssessmentConfig("63");
  XJ_ASSERT_OK(latest);
  EXPECT_FALSE(latest->has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, AnalyticsStoreContractTest, ::testing::ValuesIn(AllBackends()),
                         [](const ::testing::TestParamInfo<StoreBackend>& param) {
                           return param.param.name;
                         });

}  // namespace
}  // namespace xianjie::store::testing
