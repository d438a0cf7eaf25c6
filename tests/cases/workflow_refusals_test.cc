// Apply's refusals: each kind with the words the clerk needs (the state and the events it
// allows, the role and the roles allowed, the scope, the field, the guard), the order in which
// they are checked, and a table of bad fields for every event that takes any.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cases/workflow.h"
#include "cases/workflow_fixtures.h"

namespace xianjie::cases {
namespace {

using access::Role;
using testing::At;
using testing::CaseIn;
using testing::Contains;
using testing::kSince;
using testing::kToday;
using testing::Plus;
using testing::System;
using testing::User;
using testing::ValidInput;

Status Try(const CaseRecord& c, const EventInput& input, const Actor& actor,
           CivilDate today = kToday) {
  return Apply(c, input, actor, At(today), WorkflowLimits{}).status();
}

TEST(WorkflowRefusalTest, AClosedCaseTakesNoEvent) {
  for (CaseState state : kAllStates) {
    if (!IsTerminal(state)) continue;
    CaseRecord c = CaseIn(CaseKind::kIdentification, state, kSince);
    for (EventType event : kAllEvents) {
      const Status s = Try(c, ValidInput(event, c.kind, kToday), User(Role::kCounty));
      EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << EventCode(event);
      EXPECT_TRUE(
          Contains(s.message(), "case 42 is " + std::string(StateCode(state)) + " (closed)"))
          << s.message();
    }
  }
}

TEST(WorkflowRefusalTest, AnEventTheStateDoesNotListNamesTheStateAndWhatItAllows) {
  CaseRecord c = CaseIn(CaseKind::kIdentification, CaseState::kLead, kSince);
  const Status s =
      Try(c, ValidInput(EventType::kTownshipApprove, c.kind, kToday), User(Role::kTownship));
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(Contains(s.message(), "lead")) << s.message();
  EXPECT_TRUE(Contains(s.message(), "township_approve")) << s.message();
  EXPECT_TRUE(Contains(s.message(), "apply, dismiss, comment, join_lead, escalate")) << s.message();
}

TEST(WorkflowRefusalTest, OpenIsNeverAppliedThroughTheTable) {
  CaseRecord c = CaseIn(CaseKind::kIdentification, CaseState::kLead, kSince);
  EXPECT_EQ(Try(c, {EventType::kOpen, {}, "", {}}, System()).code(),
            StatusCode::kFailedPrecondition);
}

TEST(WorkflowRefusalTest, ARoleNotAllowedIsNamedWithTheRolesAllowed) {
  CaseRecord c = CaseIn(CaseKind::kIdentification, CaseState::kLead, kSince);
  const Status s = Try(c, ValidInput(EventType::kApply, c.kind, kToday), User(Role::kAuditor));
  EXPECT_EQ(s.code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(Contains(s.message(), "auditor")) << s.message();
  EXPECT_TRUE(Contains(s.message(), "township, village")) << s.message();
}

TEST(WorkflowRefusalTest, TheSystemMayNotActForAUser) {
  CaseRecord c = CaseIn(CaseKind::kIdentification, CaseState::kLead, kSince);
  const Status s = Try(c, ValidInput(EventType::kApply, c.kind, kToday), System());
  EXPECT_EQ(s.code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(Contains(s.message(), "system")) << s.message();
}

TEST(WorkflowRefusalTest, OnlyTheSystemEscalates) {
  CaseRecord c = CaseIn(CaseKind::kIdentification, CaseState::kLead, kSince);
  const Status s = Try(c, {EventType::kEscalate, {}, "", {}}, User(Role::kProvince));
  EXPECT_EQ(s.code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(Contains(s.message(), "the system only")) << s.message();
}

TEST(WorkflowRefusalTest, AHouseholdOutsideTheScopeIsRefusedNamingTheVillage) {
  CaseRecord c = CaseIn(CaseKind::kIdentification, CaseState::kLead, kSince);
  const Actor outsider = User(Role::kVillage, /*inside=*/false);
  const Status s = Try(c, ValidInput(EventType::kApply, c.kind, kToday), outsider);
  EXPECT_EQ(s.code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(Contains(s.message(), testing::kVillageCode)) << s.message();
  EXPECT_TRUE(Contains(s.message(), outsider.principal.scope)) << s.message();
}

TEST(WorkflowRefusalTest, AnEmptyScopeHoldsNothing) {
  CaseRecord c = CaseIn(CaseKind::kIdentification, CaseState::kLead, kSince);
  Actor actor = User(Role::kVillage);
  actor.principal.scope.clear();
  EXPECT_EQ(Try(c, ValidInput(EventType::kApply, c.kind, kToday), actor).code(),
            StatusCode::kPermissionDenied);
}

TEST(WorkflowRefusalTest, TheStateIsCheckedBeforeTheRole) {
  CaseRecord c = CaseIn(CaseKind::kIdentification, CaseState::kHomeVisit, kSince);
  EXPECT_EQ(Try(c, ValidInput(EventType::kApply, c.kind, kToday), User(Role::kAuditor)).code(),
            StatusCode::kFailedPrecondition);
}

TEST(WorkflowRefusalTest, TheRoleIsCheckedBeforeTheScope) {
  CaseRecord c = CaseIn(CaseKind::kIdentification, CaseState::kLead, kSince);
  const Status s =
      Try(c, ValidInput(EventType::kApply, c.kind, kToday), User(Role::kAuditor, false));
  EXPECT_EQ(s.code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(Contains(s.message(), "auditor")) << s.message();
}

TEST(WorkflowRefusalTest, TheScopeIsCheckedBeforeTheFields) {
  CaseRecord c = CaseIn(CaseKind::kIdentification, CaseState::kLead, kSince);
  EXPECT_EQ(Try(c, {EventType::kApply, {}, "", {}}, User(Role::kVillage, false)).code(),
            StatusCode::kPermissionDenied);
}

TEST(WorkflowRefusalTest, TheFieldsAreCheckedBeforeTheGuards) {
  CaseRecord c = CaseIn(CaseKind::kIdentification, CaseState::kCountyApproval, kSince);
  c.comparison_done = false;
  const Status missing = Try(c, {EventType::kCountyApprove, {}, "", {}}, User(Role::kCounty));
  EXPECT_EQ(missing.code(), StatusCode::kInvalidArgument);
  const Status guard =
      Try(c, ValidInput(EventType::kCountyApprove, c.kind, kToday), User(Role::kCounty));
  EXPECT_EQ(guard.code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(Contains(guard.message(), "comparison")) << guard.message();
}

TEST(WorkflowRefusalTest, NoObjectionToUpholdOrDismiss) {
  CaseRecord c = CaseIn(CaseKind::kIdentification, CaseState::kPublicNotice, kSince);
  for (EventType event : {EventType::kUpholdObjection, EventType::kDismissObjection}) {
    const Status s = Try(c, ValidInput(event, c.kind, kToday), User(Role::kVillage));
    EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << EventCode(event);
    EXPECT_TRUE(Contains(s.message(), "no open objection")) << s.message();
  }
}

TEST(WorkflowRefusalTest, TheNoticeClosesOnlyAfterItsEnd) {
  CaseRecord c = CaseIn(CaseKind::kElimination, CaseState::kPublicNotice, kSince);
  const EventInput close = ValidInput(EventType::kCloseNotice, c.kind, kToday);
  const Status early = Try(c, close, User(Role::kVillage), Plus(*c.notice_end, -1));
  EXPECT_EQ(early.code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(Contains(early.message(), c.notice_end->ToString())) << early.message();
  EXPECT_TRUE(Try(c, close, User(Role::kVillage), *c.notice_end).ok());
}

TEST(WorkflowRefusalTest, TheNoticeDoesNotCloseWithAnOpenObjection) {
  CaseRecord c = CaseIn(CaseKind::kIdentification, CaseState::kPublicNotice, kSince, true);
  const Status s = Try(c, ValidInput(EventType::kCloseNotice, c.kind, kToday),
                       User(Role::kTownship), Plus(kSince, 30));
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(Contains(s.message(), "objection")) << s.message();
}

TEST(WorkflowRefusalTest, AnAppraisalMayNotBeDatedInTheFuture) {
  CaseRecord c = CaseIn(CaseKind::kIdentification, CaseState::kVillageAppraisal, kSince);
  EventInput input = ValidInput(EventType::kRecordAppraisal, c.kind, kToday);
  input.fields["held_on"] = Plus(kToday, 1).ToString();
  const Status s = Try(c, input, User(Role::kVillage));
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Contains(s.message(), "held_on")) << s.message();
  input.fields["held_on"] = Plus(kToday, -3).ToString();
  EXPECT_TRUE(Try(c, input, User(Role::kVillage)).ok());
}

// A field change that makes an event's input bad, and the field the message must name.
struct BadField {
  CaseKind kind;
  CaseState state;
  EventType event;
  const char* name;   // the field to set or, with value nullptr, to remove
  const char* value;  // nullptr: remove
  const char* named;  // the field the message names
};

const BadField kBadFields[] = {
    // apply
    {CaseKind::kIdentification, CaseState::kLead, EventType::kApply, "authorization_signed",
     nullptr, "authorization_signed"},
    {CaseKind::kIdentification, CaseState::kLead, EventType::kApply, "authorization_signed", "0",
     "authorization_signed"},
    {CaseKind::kIdentification, CaseState::kLead, EventType::kApply, "authorization_signed", "否",
     "authorization_signed"},
    {CaseKind::kIdentification, CaseState::kLead, EventType::kApply, "authorization_signed", "yes",
     "authorization_signed"},
    {CaseKind::kIdentification, CaseState::kLead, EventType::kApply, "applicant", nullptr,
     "applicant"},
    {CaseKind::kIdentification, CaseState::kLead, EventType::kApply, "applicant", "  ",
     "applicant"},
    // dismiss, reject, objections
    {CaseKind::kIdentification, CaseState::kLead, EventType::kDismiss, "reason", nullptr, "reason"},
    {CaseKind::kIdentification, CaseState::kTownshipReview, EventType::kReject, "reason", "",
     "reason"},
    {CaseKind::kElimination, CaseState::kCountyApproval, EventType::kReject, "reason", nullptr,
     "reason"},
    {CaseKind::kIdentification, CaseState::kPublicNotice, EventType::kRaiseObjection, "objection",
     nullptr, "objection"},
    {CaseKind::kIdentification, CaseState::kPublicNotice, EventType::kUpholdObjection, "reason",
     nullptr, "reason"},
    {CaseKind::kElimination, CaseState::kPublicNotice, EventType::kDismissObjection, "reason",
     nullptr, "reason"},
    // record_home_visit
    {CaseKind::kIdentification, CaseState::kHomeVisit, EventType::kRecordHomeVisit, "wage_income",
     nullptr, "wage_income"},
    {CaseKind::kIdentification, CaseState::kHomeVisit, EventType::kRecordHomeVisit, "wage_income",
     "-1", "wage_income"},
    {CaseKind::kIdentification, CaseState::kHomeVisit, EventType::kRecordHomeVisit,
     "business_income", "1.234", "business_income"},
    {CaseKind::kIdentification, CaseState::kHomeVisit, EventType::kRecordHomeVisit,
     "property_income", "abc", "property_income"},
    {CaseKind::kIdentification, CaseState::kHomeVisit, EventType::kRecordHomeVisit,
     "transfer_income", nullptr, "transfer_income"},
    {CaseKind::kIdentification, CaseState::kHomeVisit, EventType::kRecordHomeVisit,
     "production_costs", "1,000", "production_costs"},
    {CaseKind::kElimination, CaseState::kHomeVisit, EventType::kRecordHomeVisit, "rigid_medical",
     nullptr, "rigid_medical"},
    {CaseKind::kElimination, CaseState::kHomeVisit, EventType::kRecordHomeVisit, "rigid_education",
     "¥5", "rigid_education"},
    {CaseKind::kElimination, CaseState::kHomeVisit, EventType::kRecordHomeVisit, "rigid_other",
     nullptr, "rigid_other"},
    {CaseKind::kElimination, CaseState::kHomeVisit, EventType::kRecordHomeVisit, "housing_safe",
     nullptr, "housing_safe"},
    {CaseKind::kElimination, CaseState::kHomeVisit, EventType::kRecordHomeVisit, "housing_safe",
     "yes", "housing_safe"},
    {CaseKind::kElimination, CaseState::kHomeVisit, EventType::kRecordHomeVisit, "water_safe", "2",
     "water_safe"},
    {CaseKind::kElimination, CaseState::kHomeVisit, EventType::kRecordHomeVisit, "findings", "",
     "findings"},
    // record_comparison
    {CaseKind::kIdentification, CaseState::kHomeVisit, EventType::kRecordComparison, "result",
     nullptr, "result"},
    {CaseKind::kIdentification, CaseState::kDataComparison, EventType::kRecordComparison, "result",
     "maybe", "result"},
    {CaseKind::kIdentification, CaseState::kDataComparison, EventType::kRecordComparison,
     "findings", nullptr, "findings"},
    // record_appraisal
    {CaseKind::kIdentification, CaseState::kVillageAppraisal, EventType::kRecordAppraisal,
     "held_on", nullptr, "held_on"},
    {CaseKind::kIdentification, CaseState::kVillageAppraisal, EventType::kRecordAppraisal,
     "held_on", "2026-02-30", "held_on"},
    {CaseKind::kIdentification, CaseState::kVillageAppraisal, EventType::kRecordAppraisal,
     "held_on", "7/12/2026", "held_on"},
    {CaseKind::kIdentification, CaseState::kVillageAppraisal, EventType::kRecordAppraisal,
     "attendance", nullptr, "attendance"},
    {CaseKind::kIdentification, CaseState::kVillageAppraisal, EventType::kRecordAppraisal,
     "attendance", "0", "attendance"},
    {CaseKind::kIdentification, CaseState::kVillageAppraisal, EventType::kRecordAppraisal,
     "attendance", "-3", "attendance"},
    {CaseKind::kIdentification, CaseState::kVillageAppraisal, EventType::kRecordAppraisal,
     "attendance", "12.5", "attendance"},
    {CaseKind::kIdentification, CaseState::kVillageAppraisal, EventType::kRecordAppraisal,
     "attendance", "99999999999", "attendance"},
    {CaseKind::kElimination, CaseState::kVillageAppraisal, EventType::kRecordAppraisal, "minutes",
     nullptr, "minutes"},
    {CaseKind::kElimination, CaseState::kVillageAppraisal, EventType::kRecordAppraisal, "result",
     nullptr, "result"},
    {CaseKind::kElimination, CaseState::kVillageAppraisal, EventType::kRecordAppraisal, "result",
     "ok", "result"},
    {CaseKind::kElimination, CaseState::kVillageAppraisal, EventType::kRecordAppraisal, "result",
     "not_agreed", "reason"},
    {CaseKind::kIdentification, CaseState::kVillageAppraisal, EventType::kRecordAppraisal,
     "notice_days", "4", "notice_days"},
    {CaseKind::kIdentification, CaseState::kVillageAppraisal, EventType::kRecordAppraisal,
     "notice_days", "five", "notice_days"},
    {CaseKind::kIdentification, CaseState::kVillageAppraisal, EventType::kRecordAppraisal,
     "notice_days", "366", "notice_days"},
    // county_approve
    {CaseKind::kIdentification, CaseState::kCountyApproval, EventType::kCountyApprove, "type",
     nullptr, "type"},
    {CaseKind::kIdentification, CaseState::kCountyApproval, EventType::kCountyApprove, "type",
     "poor", "type"},
    {CaseKind::kIdentification, CaseState::kCountyApproval, EventType::kCountyApprove, "risks",
     nullptr, "risks"},
    {CaseKind::kIdentification, CaseState::kCountyApproval, EventType::kCountyApprove, "risks", ";",
     "risks"},
    {CaseKind::kIdentification, CaseState::kCountyApproval, EventType::kCountyApprove, "risks",
     "R13", "risks"},
    {CaseKind::kIdentification, CaseState::kCountyApproval, EventType::kCountyApprove, "risks",
     "R1", "risks"},
    {CaseKind::kIdentification, CaseState::kCountyApproval, EventType::kCountyApprove, "risks",
     "R01;R01", "risks"},
    {CaseKind::kIdentification, CaseState::kCountyApproval, EventType::kCountyApprove, "risks",
     "R01;R02;R03;R04;R05;R06", "risks"},
    {CaseKind::kElimination, CaseState::kCountyApproval, EventType::kCountyApprove, "method",
     nullptr, "method"},
    {CaseKind::kElimination, CaseState::kCountyApproval, EventType::kCountyApprove, "method",
     "by_decree", "method"},
};

Role FirstAllowedRole(const Transition& row) {
  for (Role role : access::kAllRoles) {
    if ((row.roles & (1u << static_cast<int>(role))) != 0) return role;
  }
  return Role::kAdmin;
}

TEST(WorkflowRefusalTest, EveryBadFieldIsInvalidArgumentNamingTheField) {
  for (const BadField& bad : kBadFields) {
    const std::string label = std::string(EventCode(bad.event)) + " " + bad.name + "=" +
                              (bad.value ? bad.value : "(missing)");
    const Transition* row = FindTransition(bad.kind, bad.state, bad.event);
    ASSERT_NE(row, nullptr) << label;
    CaseRecord c = CaseIn(
        bad.kind, bad.state, kSince,
        bad.event == EventType::kUpholdObjection || bad.event == EventType::kDismissObjection);
    EventInput input = ValidInput(bad.event, bad.kind, kToday);
    // Sanity: the valid input passes, so the refusal below is due to the one change.
    const Role role = FirstAllowedRole(*row);
    const Status valid = Try(c, input, User(role));
    ASSERT_TRUE(valid.ok()) << label << ": " << valid.ToString();
    if (bad.value == nullptr) {
      input.fields.erase(bad.name);
    } else {
      input.fields[bad.name] = bad.value;
    }
    const Status s = Try(c, input, User(role));
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << label << ": " << s.ToString();
    EXPECT_TRUE(Contains(s.message(), bad.named)) << label << ": " << s.message();
  }
}

TEST(WorkflowRefusalTest, ACommentNeedsText) {
  CaseRecord c = CaseIn(CaseKind::kIdentification, CaseState::kLead, kSince);
  const Status s = Try(c, {EventType::kComment, {}, "   ", {}}, User(Role::kVillage));
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Contains(s.message(), "comment")) << s.message();
}

TEST(WorkflowRefusalTest, AuthorizationAcceptsOneTrueAndShi) {
  CaseRecord c = CaseIn(CaseKind::kIdentification, CaseState::kLead, kSince);
  for (const char* yes : {"1", "true", "是"}) {
    EventInput input = ValidInput(EventType::kApply, c.kind, kToday);
    input.fields["authorization_signed"] = yes;
    EXPECT_TRUE(Try(c, input, User(Role::kVillage)).ok()) << yes;
  }
}

TEST(ParseHomeVisitFormTest, NamesTheFirstMissingFieldInFormOrder) {
  Fields fields = testing::HomeVisitFields();
  fields.erase("findings");
  fields.erase("rigid_medical");
  const Result<HomeVisitForm> form = ParseHomeVisitForm(fields);
  EXPECT_EQ(form.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Contains(form.status().message(), "rigid_medical")) << form.status().message();
}

TEST(ParseHomeVisitFormTest, ReadsEveryComponent) {
  Fields fields = testing::HomeVisitFields();
  fields["property_income"] = "10.1";
  fields["production_costs"] = "0.99";
  fields["rigid_education"] = "2000";
  fields["housing_safe"] = "0";
  fields["water_safe"] = "false";
  const Result<HomeVisitForm> form = ParseHomeVisitForm(fields);
  ASSERT_TRUE(form.ok()) << form.status().ToString();
  EXPECT_EQ(form->property_income, Money::FromFen(1010));
  EXPECT_EQ(form->transfer_income, Money::FromYuan(2400));
  EXPECT_EQ(form->production_costs, Money::FromFen(99));
  EXPECT_EQ(form->rigid_education, Money::FromYuan(2000));
  EXPECT_FALSE(form->housing_safe);
  EXPECT_FALSE(form->water_safe);
}

}  // namespace
}  // namespace xianjie::cases
