// Deadlines (decision 0005): the default limits, their text form both ways and every error,
// the owner and due date of each state, pauses, the overall limit, overdue days and the levels
// an overdue case escalates to, up to the province and no further.
#include "cases/deadlines.h"

#include <gtest/gtest.h>

#include <string>

#include "cases/workflow_fixtures.h"

namespace xianjie::cases {
namespace {

using access::Role;
using testing::Contains;
using testing::Day;
using testing::Plus;

const CivilDate kOpened = Day(2026, 12, 1);

// An open case of `kind` in `state` since `since`, opened on kOpened.
CaseRecord Open(CaseKind kind, CaseState state, CivilDate since) {
  CaseRecord c;
  c.kind = kind;
  c.state = state;
  c.opened_on = kOpened;
  c.state_since = since;
  return c;
}

TEST(WorkflowLimitsTest, DefaultsAreQinghais) {
  const WorkflowLimits limits;
  EXPECT_EQ(limits.application_days, 2);
  EXPECT_EQ(limits.home_visit_days, 3);
  EXPECT_EQ(limits.comparison_days, 5);
  EXPECT_EQ(limits.appraisal_days, 2);
  EXPECT_EQ(limits.notice_min_days, 5);
  EXPECT_EQ(limits.notice_close_days, 1);
  EXPECT_EQ(limits.township_days, 2);
  EXPECT_EQ(limits.county_days, 2);
  EXPECT_EQ(limits.overall_days, 15);
  EXPECT_EQ(limits.escalate_every, 3);
  EXPECT_EQ(limits.elimination_min_months, 6);  // DOMAIN.md §8
  EXPECT_EQ(limits.stable_income_months, 6);
  EXPECT_EQ(limits.early_elimination_months, 2);
  EXPECT_TRUE(CheckLimits(limits).ok());
}

TEST(WorkflowLimitsTest, FormatWritesEveryLimitByItsFieldName) {
  EXPECT_EQ(FormatLimits(WorkflowLimits{}),
            "application_days=2;home_visit_days=3;comparison_days=5;appraisal_days=2;"
            "notice_min_days=5;notice_close_days=1;township_days=2;county_days=2;"
            "overall_days=15;escalate_every=3;elimination_min_months=6;stable_income_months=6;"
            "early_elimination_months=2");
}

TEST(WorkflowLimitsTest, ParseStartsFromTheDefaults) {
  Result<WorkflowLimits> empty = ParseLimits("");
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  EXPECT_EQ(*empty, WorkflowLimits{});
  Result<WorkflowLimits> some = ParseLimits(" overall_days = 20 ; notice_min_days=7;");
  ASSERT_TRUE(some.ok()) << some.status().ToString();
  WorkflowLimits expected;
  expected.overall_days = 20;
  expected.notice_min_days = 7;
  EXPECT_EQ(*some, expected);
}

TEST(WorkflowLimitsTest, FormatAndParseRoundTrip) {
  WorkflowLimits limits;
  int value = 5;
  // Every field a different value, so that a swapped name would show.
  for (int* field :
       {&limits.application_days, &limits.home_visit_days, &limits.comparison_days,
        &limits.appraisal_days, &limits.notice_min_days, &limits.notice_close_days,
        &limits.township_days, &limits.county_days, &limits.overall_days, &limits.escalate_every,
        &limits.elimination_min_months, &limits.stable_income_months,
        &limits.early_elimination_months}) {
    *field = value++;
  }
  Result<WorkflowLimits> parsed = ParseLimits(FormatLimits(limits));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(*parsed, limits);
}

TEST(WorkflowLimitsTest, ParseRefusesEveryKindOfBadText) {
  struct Bad {
    const char* text;
    const char* named;
  };
  const Bad cases[] = {
      {"overal_days=3", "overal_days"},              // unknown name
      {"overall_days", "overall_days"},              // no '='
      {"overall_days=", "overall_days"},             // no value
      {"overall_days=abc", "overall_days"},          // not a number
      {"overall_days=2.5", "overall_days"},          // not whole
      {"overall_days=+3", "overall_days"},           // a sign
      {"overall_days=99999999999", "overall_days"},  // overflow
      {"overall_days=0", "overall_days"},            // below 1
      {"township_days=-1", "township_days"},
      {"county_days=366", "county_days"},        // above a year
      {"notice_min_days=4", "notice_min_days"},  // below the law's 5
      {"escalate_every=0", "escalate_every"},
      {"county_days=3;county_days=4", "county_days"},  // twice
      {"elimination_min_months=0", "elimination_min_months"},
      {"stable_income_months=121", "stable_income_months"},  // above ten years
      {"early_elimination_months=x", "early_elimination_months"},
  };
  for (const Bad& bad : cases) {
    Result<WorkflowLimits> parsed = ParseLimits(bad.text);
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument) << bad.text;
    EXPECT_TRUE(Contains(parsed.status().message(), bad.named))
        << bad.text << ": " << parsed.status().message();
  }
}

TEST(WorkflowLimitsTest, AnUnknownNameListsTheNames) {
  Result<WorkflowLimits> parsed = ParseLimits("deadline=3");
  EXPECT_TRUE(Contains(parsed.status().message(), "application_days")) << parsed.status().message();
  EXPECT_TRUE(Contains(parsed.status().message(), "escalate_every")) << parsed.status().message();
}

TEST(WorkflowLimitsTest, CheckNamesEachLimitOutOfRange) {
  const std::pair<const char*, int WorkflowLimits::*> fields[] = {
      {"application_days", &WorkflowLimits::application_days},
      {"home_visit_days", &WorkflowLimits::home_visit_days},
      {"comparison_days", &WorkflowLimits::comparison_days},
      {"appraisal_days", &WorkflowLimits::appraisal_days},
      {"notice_min_days", &WorkflowLimits::notice_min_days},
      {"notice_close_days", &WorkflowLimits::notice_close_days},
      {"township_days", &WorkflowLimits::township_days},
      {"county_days", &WorkflowLimits::county_days},
      {"overall_days", &WorkflowLimits::overall_days},
      {"escalate_every", &WorkflowLimits::escalate_every},
  };
  for (const auto& [name, member] : fields) {
    for (int value : {0, -2, 366}) {
      WorkflowLimits limits;
      limits.*member = value;
      const Status s = CheckLimits(limits);
      EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << name << "=" << value;
      EXPECT_TRUE(Contains(s.message(), name)) << s.message();
    }
    WorkflowLimits limits;
    limits.*member = 365;
    EXPECT_TRUE(CheckLimits(limits).ok()) << name << "=365";
  }
}

TEST(WorkflowLimitsTest, CheckNamesEachMonthLimitOutOfRangeInMonths) {
  const std::pair<const char*, int WorkflowLimits::*> fields[] = {
      {"elimination_min_months", &WorkflowLimits::elimination_min_months},
      {"stable_income_months", &WorkflowLimits::stable_income_months},
      {"early_elimination_months", &WorkflowLimits::early_elimination_months},
  };
  for (const auto& [name, member] : fields) {
    for (int value : {0, -1, 121}) {
      WorkflowLimits limits;
      limits.*member = value;
      const Status s = CheckLimits(limits);
      EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << name << "=" << value;
      EXPECT_TRUE(Contains(s.message(), name)) << s.message();
      EXPECT_TRUE(Contains(s.message(), "months")) << s.message();
    }
    WorkflowLimits limits;
    limits.*member = 120;
    EXPECT_TRUE(CheckLimits(limits).ok()) << name << "=120";
    limits.*member = 1;
    EXPECT_TRUE(CheckLimits(limits).ok()) << name << "=1";
  }
}

TEST(WorkflowLimitsTest, AMonthLimitThatIsNotANumberSaysMonths) {
  Result<WorkflowLimits> parsed = ParseLimits("stable_income_months=half");
  EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Contains(parsed.status().message(), "whole number of months"))
      << parsed.status().message();
}

TEST(WorkflowLimitsTest, TheNoticeLastsAtLeastTheLawsFiveDays) {
  WorkflowLimits limits;
  limits.notice_min_days = 4;
  EXPECT_EQ(CheckLimits(limits).code(), StatusCode::kInvalidArgument);
  limits.notice_min_days = 5;
  EXPECT_TRUE(CheckLimits(limits).ok());
}

TEST(StepOwnerTest, EachStepHasItsLevel) {
  EXPECT_EQ(StepOwner(CaseState::kLead), Role::kVillage);
  EXPECT_EQ(StepOwner(CaseState::kHomeVisit), Role::kVillage);
  EXPECT_EQ(StepOwner(CaseState::kDataComparison), Role::kCounty);
  EXPECT_EQ(StepOwner(CaseState::kVillageAppraisal), Role::kVillage);
  EXPECT_EQ(StepOwner(CaseState::kPublicNotice), Role::kVillage);
  EXPECT_EQ(StepOwner(CaseState::kTownshipReview), Role::kTownship);
  EXPECT_EQ(StepOwner(CaseState::kCountyApproval), Role::kCounty);
}

TEST(DueOfTest, EachStateIsDueAfterItsLimit) {
  WorkflowLimits limits;
  limits.overall_days = 365;  // so that only the step binds
  // Distinct limits, so that a state reading the wrong one shows.
  limits.application_days = 2;
  limits.home_visit_days = 3;
  limits.comparison_days = 5;
  limits.appraisal_days = 7;
  limits.township_days = 11;
  limits.county_days = 13;
  const CivilDate since = Plus(kOpened, 1);
  const std::pair<CaseState, int> steps[] = {{CaseState::kLead, 2},
                                             {CaseState::kHomeVisit, 3},
                                             {CaseState::kDataComparison, 5},
                                             {CaseState::kVillageAppraisal, 7},
                                             {CaseState::kTownshipReview, 11},
                                             {CaseState::kCountyApproval, 13}};
  for (const auto& [state, days] : steps) {
    const Due due = DueOf(Open(CaseKind::kIdentification, state, since), limits, since);
    EXPECT_TRUE(due.open);
    EXPECT_EQ(due.step_due, Plus(since, days)) << StateCode(state);
    EXPECT_EQ(due.due, due.step_due) << StateCode(state);
    EXPECT_EQ(due.owner, StepOwner(state));
    EXPECT_FALSE(due.paused);
    EXPECT_EQ(due.overdue_days, 0);
    EXPECT_EQ(due.escalated_to, due.owner);
    EXPECT_EQ(due.escalation_levels, 0);
  }
}

TEST(DueOfTest, TheNoticeIsDueTheCloseDaysAfterItsEnd) {
  WorkflowLimits limits;
  limits.notice_close_days = 2;
  CaseRecord c = Open(CaseKind::kElimination, CaseState::kPublicNotice, Plus(kOpened, 3));
  c.notice_start = Plus(kOpened, 3);
  c.notice_end = Plus(kOpened, 10);
  const Due due = DueOf(c, limits, Plus(kOpened, 4));
  EXPECT_EQ(due.step_due, Plus(kOpened, 12));
  EXPECT_EQ(due.due, Plus(kOpened, 12));
  c.step_paused_days = 3;
  EXPECT_EQ(DueOf(c, limits, Plus(kOpened, 4)).step_due, Plus(kOpened, 15));
}

TEST(DueOfTest, DaysPausedInTheStepMoveTheStepDue) {
  CaseRecord c = Open(CaseKind::kElimination, CaseState::kTownshipReview, Plus(kOpened, 2));
  c.step_paused_days = 4;
  c.paused_days = 6;
  EXPECT_EQ(DueOf(c, WorkflowLimits{}, kOpened).step_due, Plus(kOpened, 2 + 2 + 4));
}

TEST(DueOfTest, AnIdentificationCaseIsDueWithinTheOverallLimitPlusItsPauses) {
  const WorkflowLimits limits;
  CaseRecord c = Open(CaseKind::kIdentification, CaseState::kCountyApproval, Plus(kOpened, 14));
  Due due = DueOf(c, limits, Plus(kOpened, 14));
  ASSERT_TRUE(due.overall_due.has_value());
  EXPECT_EQ(*due.overall_due, Plus(kOpened, 15));
  EXPECT_EQ(due.step_due, Plus(kOpened, 16));
  EXPECT_EQ(due.due, Plus(kOpened, 15)) << "the earlier of the two";
  c.paused_days = 3;
  due = DueOf(c, limits, Plus(kOpened, 14));
  EXPECT_EQ(*due.overall_due, Plus(kOpened, 18));
  EXPECT_EQ(due.due, Plus(kOpened, 16));
}

TEST(DueOfTest, AnEliminationCaseHasNoOverallLimit) {
  const CaseRecord c = Open(CaseKind::kElimination, CaseState::kCountyApproval, Plus(kOpened, 40));
  const Due due = DueOf(c, WorkflowLimits{}, Plus(kOpened, 40));
  EXPECT_FALSE(due.overall_due.has_value());
  EXPECT_EQ(due.due, Plus(kOpened, 42));
  EXPECT_EQ(due.overdue_days, 0);
}

TEST(DueOfTest, AClosedCaseIsNotOpen) {
  for (CaseState state : {CaseState::kMonitored, CaseState::kEliminated, CaseState::kRejected,
                          CaseState::kDismissed}) {
    EXPECT_FALSE(
        DueOf(Open(CaseKind::kIdentification, state, kOpened), WorkflowLimits{}, Plus(kOpened, 100))
            .open)
        << StateCode(state);
  }
}

TEST(DueOfTest, WhilePausedTheClockStandsStill) {
  CaseRecord c = Open(CaseKind::kIdentification, CaseState::kPublicNotice, Plus(kOpened, 9));
  c.notice_start = Plus(kOpened, 9);
  c.notice_end = Plus(kOpened, 14);  // step due kOpened + 15, overall due kOpened + 15
  c.open_objections = 1;
  c.paused_since = Plus(kOpened, 17);  // two days overdue when the objection came
  const Due at_start = DueOf(c, WorkflowLimits{}, Plus(kOpened, 17));
  const Due later = DueOf(c, WorkflowLimits{}, Plus(kOpened, 27));
  EXPECT_TRUE(at_start.paused);
  EXPECT_TRUE(later.paused);
  EXPECT_EQ(at_start.overdue_days, 2);
  EXPECT_EQ(later.overdue_days, 2) << "ten paused days add nothing overdue";
  EXPECT_EQ(later.step_due, Plus(at_start.step_due, 10)) << "the due date moves with the pause";
  EXPECT_EQ(*later.overall_due, Plus(*at_start.overall_due, 10));
  EXPECT_EQ(later.escalated_to, at_start.escalated_to);
}

TEST(DueOfTest, APauseBeforeTheDueDateKeepsTheCaseOnTime) {
  CaseRecord c = Open(CaseKind::kElimination, CaseState::kPublicNotice, kOpened);
  c.notice_end = Plus(kOpened, 5);
  c.open_objections = 2;
  c.paused_since = Plus(kOpened, 2);
  const Due due = DueOf(c, WorkflowLimits{}, Plus(kOpened, 40));
  EXPECT_EQ(due.overdue_days, 0);
  EXPECT_EQ(due.escalation_levels, 0);
  EXPECT_EQ(due.step_due, Plus(kOpened, 5 + 1 + 38));
}

TEST(DueOfTest, TheDueDateItselfIsNotOverdue) {
  const CaseRecord c = Open(CaseKind::kElimination, CaseState::kVillageAppraisal, kOpened);
  EXPECT_EQ(DueOf(c, WorkflowLimits{}, Plus(kOpened, 2)).overdue_days, 0);
  EXPECT_EQ(DueOf(c, WorkflowLimits{}, Plus(kOpened, 3)).overdue_days, 1);
}

// The level and number of levels a case of `state` escalates to when `overdue` days late.
std::pair<Role, int> EscalatedAfter(CaseState state, int overdue, int every = 3) {
  WorkflowLimits limits;
  limits.escalate_every = every;
  const CaseRecord c = Open(CaseKind::kElimination, state, kOpened);
  const Due on_time = DueOf(c, limits, kOpened);
  const Due due = DueOf(c, limits, Plus(on_time.due, overdue));
  EXPECT_EQ(due.overdue_days, overdue);
  return {due.escalated_to, due.escalation_levels};
}

TEST(DueOfTest, AnOverdueVillageStepClimbsOneLevelPerEscalationPeriod) {
  const CaseState village = CaseState::kHomeVisit;
  EXPECT_EQ(EscalatedAfter(village, 0), std::make_pair(Role::kVillage, 0));
  EXPECT_EQ(EscalatedAfter(village, 1), std::make_pair(Role::kTownship, 1));
  EXPECT_EQ(EscalatedAfter(village, 3), std::make_pair(Role::kTownship, 1));
  EXPECT_EQ(EscalatedAfter(village, 4), std::make_pair(Role::kCounty, 2));
  EXPECT_EQ(EscalatedAfter(village, 6), std::make_pair(Role::kCounty, 2));
  EXPECT_EQ(EscalatedAfter(village, 7), std::make_pair(Role::kPrefecture, 3));
  EXPECT_EQ(EscalatedAfter(village, 10), std::make_pair(Role::kProvince, 4));
}

TEST(DueOfTest, EscalationStopsAtTheProvince) {
  EXPECT_EQ(EscalatedAfter(CaseState::kLead, 13), std::make_pair(Role::kProvince, 4));
  EXPECT_EQ(EscalatedAfter(CaseState::kLead, 300), std::make_pair(Role::kProvince, 4));
  EXPECT_EQ(EscalatedAfter(CaseState::kCountyApproval, 4), std::make_pair(Role::kProvince, 2));
  EXPECT_EQ(EscalatedAfter(CaseState::kCountyApproval, 100), std::make_pair(Role::kProvince, 2));
}

TEST(DueOfTest, EscalationStartsAboveTheStepsOwner) {
  EXPECT_EQ(EscalatedAfter(CaseState::kTownshipReview, 1), std::make_pair(Role::kCounty, 1));
  EXPECT_EQ(EscalatedAfter(CaseState::kDataComparison, 1), std::make_pair(Role::kPrefecture, 1));
  EXPECT_EQ(EscalatedAfter(CaseState::kCountyApproval, 3), std::make_pair(Role::kPrefecture, 1));
}

TEST(DueOfTest, EscalationFollowsTheConfiguredPeriod) {
  EXPECT_EQ(EscalatedAfter(CaseState::kLead, 2, 1), std::make_pair(Role::kCounty, 2));
  EXPECT_EQ(EscalatedAfter(CaseState::kLead, 5, 5), std::make_pair(Role::kTownship, 1));
  EXPECT_EQ(EscalatedAfter(CaseState::kLead, 6, 5), std::make_pair(Role::kCounty, 2));
}

}  // namespace
}  // namespace xianjie::cases
