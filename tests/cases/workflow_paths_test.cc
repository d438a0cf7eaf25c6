// Every path of decision 0005 through Apply, event by event from OpenCase: approval (the
// comparison after and before the home visit), rejection at the appraisal, the township and the
// county, objections upheld and dismissed with their pause days, a dismissed lead, elimination
// to eliminated and to rejected; and what each event writes on the case and its record.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cases/workflow.h"
#include "cases/workflow_fixtures.h"

namespace xianjie::cases {
namespace {

using access::Role;
using testing::At;
using testing::Day;
using testing::Plus;
using testing::System;
using testing::User;
using testing::ValidInput;

// A case walked through the workflow, one accepted event at a time, with the days moving on.
class Journey {
 public:
  Journey(CaseKind kind, CivilDate start, Fields open_fields = {}) : today_(start) {
    Applied opened = OpenCase(kind, "H0001", testing::kVillageCode, Channel::kCadreVisit,
                              User(Role::kVillage), At(start), open_fields);
    c_ = opened.next;
    c_.id = 7;
    records_.push_back(opened.record);
  }

  // Applies `event` with valid fields (changed by `extra`) `days` after the previous event;
  // fails the test when it is refused.
  Applied Do(EventType event, Role role, int days = 0, const Fields& extra = {}) {
    today_ = Plus(today_, days);
    EventInput input = ValidInput(event, c_.kind, today_);
    for (const auto& [name, value] : extra) input.fields[name] = value;
    return DoInput(input, User(role));
  }

  Applied DoInput(const EventInput& input, const Actor& actor) {
    Result<Applied> applied = Apply(c_, input, actor, At(today_), limits_);
    EXPECT_TRUE(applied.ok()) << EventCode(input.event) << " in " << StateCode(c_.state) << ": "
                              << applied.status().ToString();
    if (!applied.ok()) return Applied{c_, {}, {}, false, false};
    c_ = applied->next;
    records_.push_back(applied->record);
    return *applied;
  }

  // Applies and expects a refusal with `code`; returns the message.
  std::string Refused(EventType event, Role role, StatusCode code, int days = 0,
                      const Fields& extra = {}) {
    today_ = Plus(today_, days);
    EventInput input = ValidInput(event, c_.kind, today_);
    for (const auto& [name, value] : extra) input.fields[name] = value;
    Result<Applied> applied = Apply(c_, input, User(role), At(today_), limits_);
    EXPECT_EQ(applied.status().code(), code) << applied.status().ToString();
    return applied.status().message();
  }

  const CaseRecord& c() const { return c_; }
  CivilDate today() const { return today_; }
  const std::vector<EventRecord>& records() const { return records_; }
  std::vector<CaseState> States() const {
    std::vector<CaseState> states;
    for (const EventRecord& r : records_) states.push_back(r.to);
    return states;
  }

 private:
  CaseRecord c_;
  CivilDate today_;
  WorkflowLimits limits_;
  std::vector<EventRecord> records_;
};

const CivilDate kStart = Day(2026, 12, 1);

TEST(WorkflowPathTest, IdentificationWithTheComparisonAfterTheHomeVisitReachesMonitored) {
  Journey j(CaseKind::kIdentification, kStart);
  j.Do(EventType::kApply, Role::kVillage, 1);
  Applied visit = j.Do(EventType::kRecordHomeVisit, Role::kVillage, 2);
  ASSERT_TRUE(visit.home_visit.has_value());
  EXPECT_EQ(j.c().state, CaseState::kDataComparison);
  j.Do(EventType::kRecordComparison, Role::kDepartment, 3);
  EXPECT_EQ(j.c().state, CaseState::kVillageAppraisal);
  j.Do(EventType::kRecordAppraisal, Role::kVillage, 1);
  EXPECT_EQ(j.c().state, CaseState::kPublicNotice);
  j.Do(EventType::kCloseNotice, Role::kVillage, 5);
  j.Do(EventType::kTownshipApprove, Role::kTownship, 1);
  Applied approved = j.Do(EventType::kCountyApprove, Role::kCounty, 1);

  const std::vector<CaseState> expected = {CaseState::kLead,           CaseState::kHomeVisit,
                                           CaseState::kDataComparison, CaseState::kVillageAppraisal,
                                           CaseState::kPublicNotice,   CaseState::kTownshipReview,
                                           CaseState::kCountyApproval, CaseState::kMonitored};
  EXPECT_EQ(j.States(), expected);
  EXPECT_TRUE(approved.open_episode);
  EXPECT_FALSE(approved.close_episode);
  EXPECT_EQ(j.c().decided_type, "sudden_hardship");
  EXPECT_EQ(j.c().decided_risks, "R01;R09");  // given as R09;R01: stored sorted
  EXPECT_EQ(j.c().closed_at, At(j.today()));
  EXPECT_EQ(j.c().version, 8);
  EXPECT_EQ(j.c().state_since, j.today());
  EXPECT_EQ(j.c().opened_on, kStart);
}

TEST(WorkflowPathTest, EveryRecordChainsFromTheStateBeforeIt) {
  Journey j(CaseKind::kIdentification, kStart);
  j.Do(EventType::kApply, Role::kTownship, 1);
  j.Do(EventType::kRecordHomeVisit, Role::kTownship, 1);
  j.Do(EventType::kComment, Role::kCounty, 1);
  j.Do(EventType::kRecordComparison, Role::kCounty, 1);
  for (size_t i = 1; i < j.records().size(); ++i) {
    const EventRecord& r = j.records()[i];
    EXPECT_EQ(r.seq, static_cast<int64_t>(i + 1));
    EXPECT_EQ(r.case_id, 7);
    EXPECT_EQ(r.from, j.records()[i - 1].to) << "record " << r.seq;
  }
  EXPECT_EQ(j.c().version, static_cast<int64_t>(j.records().size()));
}

TEST(WorkflowPathTest, TheComparisonBeforeTheHomeVisitLeadsStraightToTheAppraisal) {
  Journey j(CaseKind::kIdentification, kStart);
  j.Do(EventType::kApply, Role::kVillage, 1);
  const CivilDate applied_on = j.today();
  j.Do(EventType::kRecordComparison, Role::kCounty, 1);
  EXPECT_EQ(j.c().state, CaseState::kHomeVisit);
  EXPECT_EQ(j.c().state_since, applied_on) << "staying in a state keeps its clock";
  EXPECT_TRUE(j.c().comparison_done);
  EXPECT_FALSE(j.c().home_visit_done);
  j.Do(EventType::kRecordHomeVisit, Role::kVillage, 1);
  EXPECT_EQ(j.c().state, CaseState::kVillageAppraisal);
  EXPECT_TRUE(j.c().home_visit_done);
  j.Do(EventType::kRecordAppraisal, Role::kVillage);
  j.Do(EventType::kCloseNotice, Role::kTownship, 5);
  j.Do(EventType::kTownshipApprove, Role::kTownship);
  j.Do(EventType::kCountyApprove, Role::kCounty);
  EXPECT_EQ(j.c().state, CaseState::kMonitored);
}

TEST(WorkflowPathTest, TheAppraisalMayReject) {
  Journey j(CaseKind::kIdentification, kStart);
  j.Do(EventType::kApply, Role::kVillage);
  j.Do(EventType::kRecordComparison, Role::kCounty);
  j.Do(EventType::kRecordHomeVisit, Role::kVillage);
  j.Do(EventType::kRecordAppraisal, Role::kVillage, 1,
       {{"result", "not_agreed"}, {"reason", "收入高于标准"}});
  EXPECT_EQ(j.c().state, CaseState::kRejected);
  EXPECT_EQ(j.c().reason, "收入高于标准");
  EXPECT_FALSE(j.c().notice_start.has_value());
  EXPECT_FALSE(j.c().notice_end.has_value());
  EXPECT_EQ(j.c().closed_at, At(j.today()));
}

// A case of `kind` walked to township_review with valid events.
Journey ToTownshipReview(CaseKind kind) {
  Journey j(kind, kStart);
  if (kind == CaseKind::kIdentification) {
    j.Do(EventType::kApply, Role::kVillage);
    j.Do(EventType::kRecordComparison, Role::kCounty);
  }
  j.Do(EventType::kRecordHomeVisit, Role::kVillage);
  j.Do(EventType::kRecordAppraisal, Role::kVillage);
  j.Do(EventType::kCloseNotice, Role::kVillage, 5);
  EXPECT_EQ(j.c().state, CaseState::kTownshipReview);
  return j;
}

TEST(WorkflowPathTest, TheTownshipMayReject) {
  Journey j = ToTownshipReview(CaseKind::kIdentification);
  j.Do(EventType::kReject, Role::kTownship, 1, {{"reason", "复核有车辆"}});
  EXPECT_EQ(j.c().state, CaseState::kRejected);
  EXPECT_EQ(j.c().reason, "复核有车辆");
  EXPECT_FALSE(j.c().closed_at.empty());
}

TEST(WorkflowPathTest, TheCountyMayReject) {
  Journey j = ToTownshipReview(CaseKind::kIdentification);
  j.Do(EventType::kTownshipApprove, Role::kTownship, 1);
  Applied rejected = j.Do(EventType::kReject, Role::kCounty, 1, {{"reason", "比对有工商登记"}});
  EXPECT_EQ(j.c().state, CaseState::kRejected);
  EXPECT_EQ(j.c().reason, "比对有工商登记");
  EXPECT_FALSE(rejected.open_episode);
}

TEST(WorkflowPathTest, TheAppraisalStartsANoticeOfTheDaysItNames) {
  Journey j(CaseKind::kIdentification, kStart);
  j.Do(EventType::kApply, Role::kVillage);
  j.Do(EventType::kRecordComparison, Role::kCounty);
  j.Do(EventType::kRecordHomeVisit, Role::kVillage);
  j.Do(EventType::kRecordAppraisal, Role::kVillage, 2,
       {{"notice_days", "7"}, {"held_on", Plus(kStart, 1).ToString()}});
  ASSERT_TRUE(j.c().notice_start.has_value());
  EXPECT_EQ(*j.c().notice_start, j.today()) << "the notice starts on the event's day";
  EXPECT_EQ(*j.c().notice_end, Plus(j.today(), 7));
  j.Refused(EventType::kCloseNotice, Role::kVillage, StatusCode::kFailedPrecondition, 6);
  j.Do(EventType::kCloseNotice, Role::kVillage, 1);
}

TEST(WorkflowPathTest, TheDefaultNoticeLastsTheMinimumDays) {
  Journey j(CaseKind::kElimination, kStart);
  j.Do(EventType::kRecordHomeVisit, Role::kVillage);
  j.Do(EventType::kRecordAppraisal, Role::kVillage);
  EXPECT_EQ(*j.c().notice_end, Plus(j.today(), WorkflowLimits{}.notice_min_days));
  const std::string message =
      j.Refused(EventType::kCloseNotice, Role::kVillage, StatusCode::kFailedPrecondition, 4);
  EXPECT_NE(message.find(j.c().notice_end->ToString()), std::string::npos) << message;
}

// A case of `kind` walked to public_notice on `kStart` + 1.
Journey ToNotice(CaseKind kind) {
  Journey j(kind, kStart);
  if (kind == CaseKind::kIdentification) {
    j.Do(EventType::kApply, Role::kVillage);
    j.Do(EventType::kRecordComparison, Role::kCounty);
  }
  j.Do(EventType::kRecordHomeVisit, Role::kVillage);
  j.Do(EventType::kRecordAppraisal, Role::kVillage, 1);
  EXPECT_EQ(j.c().state, CaseState::kPublicNotice);
  return j;
}

TEST(WorkflowPathTest, AnUpheldObjectionSendsTheCaseBackToTheAppraisal) {
  Journey j = ToNotice(CaseKind::kIdentification);
  const CivilDate notice_on = j.today();
  j.Do(EventType::kRaiseObjection, Role::kVillage, 1);
  EXPECT_EQ(j.c().open_objections, 1);
  EXPECT_EQ(j.c().paused_since, Plus(notice_on, 1));
  j.Do(EventType::kRaiseObjection, Role::kTownship, 1);
  EXPECT_EQ(j.c().open_objections, 2);
  EXPECT_EQ(j.c().paused_since, Plus(notice_on, 1)) << "the pause began with the first";
  j.Do(EventType::kUpholdObjection, Role::kTownship, 2);
  EXPECT_EQ(j.c().state, CaseState::kVillageAppraisal);
  EXPECT_EQ(j.c().open_objections, 0);
  EXPECT_FALSE(j.c().paused_since.has_value());
  EXPECT_EQ(j.c().paused_days, 3) << "paused from day 1 to day 4 of the notice";
  EXPECT_EQ(j.c().step_paused_days, 0) << "a new step starts with no pause";
  EXPECT_EQ(j.c().state_since, j.today());
  EXPECT_FALSE(j.c().notice_start.has_value());
  EXPECT_FALSE(j.c().notice_end.has_value());

  // The appraisal again, a new notice, and on to approval.
  j.Do(EventType::kRecordAppraisal, Role::kVillage, 1);
  EXPECT_EQ(*j.c().notice_start, j.today());
  j.Do(EventType::kCloseNotice, Role::kVillage, 5);
  j.Do(EventType::kTownshipApprove, Role::kTownship);
  j.Do(EventType::kCountyApprove, Role::kCounty);
  EXPECT_EQ(j.c().state, CaseState::kMonitored);
  EXPECT_EQ(j.c().paused_days, 3);
}

TEST(WorkflowPathTest, ADismissedObjectionEndsThePauseAndCountsItsDays) {
  Journey j = ToNotice(CaseKind::kIdentification);
  j.Do(EventType::kRaiseObjection, Role::kVillage, 1);
  j.Do(EventType::kRaiseObjection, Role::kVillage, 1);
  j.Do(EventType::kDismissObjection, Role::kTownship, 1);
  EXPECT_EQ(j.c().open_objections, 1);
  ASSERT_TRUE(j.c().paused_since.has_value()) << "one objection is still open";
  EXPECT_EQ(j.c().paused_days, 0);
  j.Refused(EventType::kCloseNotice, Role::kVillage, StatusCode::kFailedPrecondition, 3);
  j.Do(EventType::kDismissObjection, Role::kVillage);
  EXPECT_EQ(j.c().state, CaseState::kPublicNotice);
  EXPECT_EQ(j.c().open_objections, 0);
  EXPECT_FALSE(j.c().paused_since.has_value());
  EXPECT_EQ(j.c().paused_days, 5);
  EXPECT_EQ(j.c().step_paused_days, 5);
  j.Do(EventType::kCloseNotice, Role::kVillage);
  EXPECT_EQ(j.c().state, CaseState::kTownshipReview);
  EXPECT_EQ(j.c().step_paused_days, 0);
  EXPECT_EQ(j.c().paused_days, 5) << "the overall pause stays";
}

TEST(WorkflowPathTest, ALeadMayBeDismissed) {
  Journey j(CaseKind::kIdentification, kStart);
  j.Do(EventType::kDismiss, Role::kCounty, 1, {{"reason", "重复线索"}});
  EXPECT_EQ(j.c().state, CaseState::kDismissed);
  EXPECT_EQ(j.c().reason, "重复线索");
  EXPECT_EQ(j.c().closed_at, At(j.today()));
}

TEST(WorkflowPathTest, EliminationGoesFromTheHomeVisitToTheAppraisalAndEndsEliminated) {
  Journey j(CaseKind::kElimination, kStart, {{"episode_id", "31"}});
  EXPECT_EQ(j.c().state, CaseState::kHomeVisit);
  EXPECT_EQ(j.c().episode_id, 31);
  j.Do(EventType::kRecordHomeVisit, Role::kTownship, 1);
  EXPECT_EQ(j.c().state, CaseState::kVillageAppraisal) << "no data comparison in elimination";
  j.Do(EventType::kRecordAppraisal, Role::kVillage, 1);
  j.Do(EventType::kCloseNotice, Role::kVillage, 5);
  j.Do(EventType::kTownshipApprove, Role::kTownship, 1);
  Applied done = j.Do(EventType::kCountyApprove, Role::kCounty, 1, {{"method", "natural"}});
  EXPECT_EQ(j.c().state, CaseState::kEliminated);
  EXPECT_EQ(j.c().method, "natural");
  EXPECT_TRUE(done.close_episode);
  EXPECT_FALSE(done.open_episode);
  EXPECT_TRUE(j.c().decided_type.empty());
}

TEST(WorkflowPathTest, EliminationMayBeRejected) {
  Journey j = ToTownshipReview(CaseKind::kElimination);
  j.Do(EventType::kTownshipApprove, Role::kTownship);
  j.Do(EventType::kReject, Role::kCounty, 1, {{"reason", "收入不稳定"}});
  EXPECT_EQ(j.c().state, CaseState::kRejected);
  EXPECT_EQ(j.c().reason, "收入不稳定");
}

TEST(WorkflowPathTest, EliminationKnowsNoLeadEvents) {
  Journey j(CaseKind::kElimination, kStart);
  for (EventType event : {EventType::kApply, EventType::kDismiss, EventType::kRecordComparison}) {
    const std::string message = j.Refused(event, Role::kCounty, StatusCode::kFailedPrecondition);
    EXPECT_NE(message.find(EventCode(event)), std::string::npos) << message;
  }
}

TEST(WorkflowPathTest, CommentJoinLeadAndEscalateLeaveTheStateAndItsClock) {
  Journey j(CaseKind::kIdentification, kStart);
  j.Do(EventType::kApply, Role::kVillage);
  const CaseRecord before = j.c();
  EventInput comment = ValidInput(EventType::kComment, CaseKind::kIdentification, j.today());
  comment.attachments = {5, 6};
  Applied commented = j.DoInput(comment, User(Role::kDepartment));
  EXPECT_EQ(commented.record.comment, "已电话联系");
  EXPECT_EQ(commented.record.attachments, (std::vector<int64_t>{5, 6}));
  Applied joined = j.DoInput({EventType::kJoinLead, {{"source", "run:17"}}, "", {}}, System());
  EXPECT_EQ(joined.record.actor, "system");
  EXPECT_EQ(joined.record.actor_role, "system");
  EXPECT_EQ(joined.record.fields.at("source"), "run:17");
  j.DoInput({EventType::kEscalate, {}, "", {}}, System());
  j.DoInput({EventType::kEscalate, {}, "", {}}, System());
  EXPECT_EQ(j.c().state, before.state);
  EXPECT_EQ(j.c().state_since, before.state_since);
  EXPECT_EQ(j.c().escalation, 2);
  EXPECT_EQ(j.c().version, before.version + 4);
  // The next step has its own deadline: it escalates afresh.
  j.Do(EventType::kRecordHomeVisit, Role::kVillage);
  EXPECT_EQ(j.c().escalation, 0);
}

TEST(WorkflowPathTest, ACommentMayComeAsAField) {
  Journey j(CaseKind::kIdentification, kStart);
  Applied a =
      j.DoInput({EventType::kComment, {{"comment", "走访未遇"}}, "", {}}, User(Role::kVillage));
  EXPECT_EQ(a.record.comment, "走访未遇");
}

TEST(WorkflowPathTest, TheRecordCarriesTheActorTheTimeAndTheFieldsAsGiven) {
  Journey j(CaseKind::kIdentification, kStart);
  EventInput input = ValidInput(EventType::kApply, CaseKind::kIdentification, kStart);
  input.fields["authorization_signed"] = "是";
  input.fields["extra"] = "kept";
  input.attachments = {9};
  const Actor actor = User(Role::kTownship);
  // 17:30 UTC is the next morning in China.
  Result<Applied> a = Apply(j.c(), input, actor, "2026-12-01T17:30:00Z", WorkflowLimits{});
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->record.actor, actor.principal.username);
  EXPECT_EQ(a->record.actor_role, "township");
  EXPECT_EQ(a->record.at, "2026-12-01T17:30:00Z");
  EXPECT_EQ(a->record.on, Day(2026, 12, 2));
  EXPECT_EQ(a->record.fields, input.fields);
  EXPECT_EQ(a->record.attachments, input.attachments);
  EXPECT_EQ(a->record.event, EventType::kApply);
  EXPECT_EQ(a->next.state_since, Day(2026, 12, 2));
  EXPECT_EQ(a->next.updated_at, "2026-12-01T17:30:00Z");
  EXPECT_TRUE(a->next.closed_at.empty());
}

TEST(WorkflowPathTest, TheHomeVisitFormIsParsedForTheRegistry) {
  Journey j(CaseKind::kElimination, kStart);
  Applied a = j.Do(EventType::kRecordHomeVisit, Role::kVillage, 0,
                   {{"housing_safe", "否"}, {"water_safe", "true"}, {"rigid_other", "0.07"}});
  ASSERT_TRUE(a.home_visit.has_value());
  EXPECT_EQ(a.home_visit->wage_income, Money::FromYuan(12000));
  EXPECT_EQ(a.home_visit->business_income, Money::FromFen(300050));
  EXPECT_EQ(a.home_visit->rigid_medical, Money::FromYuan(8000));
  EXPECT_EQ(a.home_visit->rigid_other, Money::FromFen(7));
  EXPECT_FALSE(a.home_visit->housing_safe);
  EXPECT_TRUE(a.home_visit->water_safe);
  EXPECT_EQ(a.home_visit->findings, "治病支出大");
}

TEST(WorkflowPathTest, RisksAreNormalisedSortedAndSemicolonJoined) {
  Journey j = ToTownshipReview(CaseKind::kIdentification);
  j.Do(EventType::kTownshipApprove, Role::kTownship);
  j.Do(EventType::kCountyApprove, Role::kCounty, 0,
       {{"type", "marginal"}, {"risks", " R99, R12;R01 ,R03;R02"}});
  EXPECT_EQ(j.c().decided_type, "marginal");
  EXPECT_EQ(j.c().decided_risks, "R01;R02;R03;R12;R99");
}

TEST(OpenCaseTest, AnIdentificationCaseOpensInLeadWithItsOpenEvent) {
  const Fields fields = {
      {"proposed_type", "marginal"}, {"proposed_risks", "R01;R07"}, {"relapse", "1"}};
  Applied a = OpenCase(CaseKind::kIdentification, "H9", "630121100201", Channel::kSelfApplication,
                       System(), "2026-12-01T16:00:00Z", fields);
  EXPECT_EQ(a.next.id, 0);
  EXPECT_EQ(a.next.state, CaseState::kLead);
  EXPECT_EQ(a.next.household_id, "H9");
  EXPECT_EQ(a.next.village_code, "630121100201");
  EXPECT_EQ(a.next.channel, Channel::kSelfApplication);
  EXPECT_TRUE(a.next.relapse);
  EXPECT_EQ(a.next.proposed_type, "marginal");
  EXPECT_EQ(a.next.proposed_risks, "R01;R07");
  EXPECT_EQ(a.next.opened_on, Day(2026, 12, 2));
  EXPECT_EQ(a.next.state_since, Day(2026, 12, 2));
  EXPECT_EQ(a.next.opened_at, "2026-12-01T16:00:00Z");
  EXPECT_EQ(a.next.version, 1);
  EXPECT_EQ(a.record.seq, 1);
  EXPECT_EQ(a.record.event, EventType::kOpen);
  EXPECT_EQ(a.record.from, CaseState::kLead);
  EXPECT_EQ(a.record.to, CaseState::kLead);
  EXPECT_EQ(a.record.actor, "system");
  EXPECT_EQ(a.record.fields, fields);
  EXPECT_EQ(a.record.on, Day(2026, 12, 2));
}

TEST(OpenCaseTest, AnEliminationCaseOpensInHomeVisitForItsEpisode) {
  Applied a = OpenCase(CaseKind::kElimination, "H9", "630121100201", Channel::kDepartmentWarning,
                       User(Role::kCounty), "2026-12-01T01:00:00Z", {{"episode_id", "12"}});
  EXPECT_EQ(a.next.state, CaseState::kHomeVisit);
  EXPECT_EQ(a.next.episode_id, 12);
  EXPECT_FALSE(a.next.relapse);
  EXPECT_EQ(a.record.actor_role, "county");
  EXPECT_EQ(a.record.from, CaseState::kHomeVisit);
}

}  // namespace
}  // namespace xianjie::cases
