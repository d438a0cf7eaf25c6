// The transition table against decision 0005, written out here a second time from the
// decision's text, and walked row by row: every role the row does not allow is refused, every
// allowed role in scope is accepted with valid fields, and out of scope refused; every event a
// state does not list is refused; AvailableEvents agrees with Apply.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "cases/workflow.h"
#include "cases/workflow_fixtures.h"

namespace xianjie::cases {
namespace {

using access::Role;
using testing::At;
using testing::CaseIn;
using testing::kSince;
using testing::kToday;
using testing::System;
using testing::User;
using testing::ValidInput;

using K = CaseKind;
using S = CaseState;
using E = EventType;

// The decision's event table, by (kind, from, event): roles, the system, the states it leads to.
struct Expected {
  K kind;
  S from;
  E event;
  std::vector<Role> roles;
  bool system;
  std::set<S> to;
};

std::vector<Expected> DecisionTable() {
  const std::vector<Role> village_township = {Role::kVillage, Role::kTownship};
  std::vector<Expected> rows = {
      {K::kIdentification, S::kLead, E::kApply, village_township, false, {S::kHomeVisit}},
      {K::kIdentification,
       S::kLead,
       E::kDismiss,
       {Role::kVillage, Role::kTownship, Role::kCounty},
       false,
       {S::kDismissed}},
      {K::kIdentification,
       S::kHomeVisit,
       E::kRecordHomeVisit,
       village_township,
       false,
       {S::kDataComparison, S::kVillageAppraisal}},
      {K::kElimination,
       S::kHomeVisit,
       E::kRecordHomeVisit,
       village_township,
       false,
       {S::kVillageAppraisal}},
      {K::kIdentification,
       S::kHomeVisit,
       E::kRecordComparison,
       {Role::kCounty, Role::kDepartment},
       false,
       {S::kHomeVisit}},
      {K::kIdentification,
       S::kDataComparison,
       E::kRecordComparison,
       {Role::kCounty, Role::kDepartment},
       false,
       {S::kVillageAppraisal}},
  };
  for (K kind : {K::kIdentification, K::kElimination}) {
    const std::vector<Expected> both = {
        {kind,
         S::kVillageAppraisal,
         E::kRecordAppraisal,
         {Role::kVillage},
         false,
         {S::kPublicNotice, S::kRejected}},
        {kind, S::kPublicNotice, E::kRaiseObjection, village_township, false, {S::kPublicNotice}},
        {kind,
         S::kPublicNotice,
         E::kUpholdObjection,
         village_township,
         false,
         {S::kVillageAppraisal}},
        {kind, S::kPublicNotice, E::kDismissObjection, village_township, false, {S::kPublicNotice}},
        {kind, S::kPublicNotice, E::kCloseNotice, village_township, false, {S::kTownshipReview}},
        {kind,
         S::kTownshipReview,
         E::kTownshipApprove,
         {Role::kTownship},
         false,
         {S::kCountyApproval}},
        {kind,
         S::kCountyApproval,
         E::kCountyApprove,
         {Role::kCounty},
         false,
         {kind == K::kIdentification ? S::kMonitored : S::kEliminated}},
        {kind, S::kTownshipReview, E::kReject, {Role::kTownship}, false, {S::kRejected}},
        {kind, S::kCountyApproval, E::kReject, {Role::kCounty}, false, {S::kRejected}},
    };
    rows.insert(rows.end(), both.begin(), both.end());
    std::vector<S> open = {S::kHomeVisit, S::kVillageAppraisal, S::kPublicNotice,
                           S::kTownshipReview, S::kCountyApproval};
    if (kind == K::kIdentification) {
      open.push_back(S::kLead);
      open.push_back(S::kDataComparison);
    }
    for (S state : open) {
      rows.push_back({kind,
                      state,
                      E::kComment,
                      {Role::kVillage, Role::kTownship, Role::kCounty, Role::kDepartment},
                      false,
                      {state}});
      rows.push_back({kind, state, E::kJoinLead, village_township, true, {state}});
      rows.push_back({kind, state, E::kEscalate, {}, true, {state}});
    }
  }
  return rows;
}

bool Allows(const Transition& row, Role role) {
  return (row.roles & (1u << static_cast<int>(role))) != 0;
}

std::string Label(const Transition& row) {
  return std::string(KindCode(row.kind)) + " " + std::string(StateCode(row.from)) + " " +
         std::string(EventCode(row.event));
}

// A case in the row's state whose guards pass for the row's event on kToday.
CaseRecord ReadyCase(const Transition& row) {
  const bool objection = row.event == E::kUpholdObjection || row.event == E::kDismissObjection;
  return CaseIn(row.kind, row.from, kSince, objection);
}

TEST(TransitionTableTest, IsTheDecisionsTable) {
  const std::vector<Expected> expected = DecisionTable();
  EXPECT_EQ(TransitionTable().size(), expected.size());
  for (const Expected& e : expected) {
    const Transition* row = FindTransition(e.kind, e.from, e.event);
    ASSERT_NE(row, nullptr) << KindCode(e.kind) << " " << StateCode(e.from) << " "
                            << EventCode(e.event);
    for (Role role : access::kAllRoles) {
      const bool listed = std::find(e.roles.begin(), e.roles.end(), role) != e.roles.end();
      EXPECT_EQ(Allows(*row, role), listed) << Label(*row) << " " << access::RoleName(role);
    }
    EXPECT_EQ(row->system, e.system) << Label(*row);
    ASSERT_GE(row->to_count, 1) << Label(*row);
    ASSERT_LE(row->to_count, 2) << Label(*row);
    const std::set<S> to(row->to.begin(), row->to.begin() + row->to_count);
    EXPECT_EQ(to, e.to) << Label(*row);
  }
}

TEST(TransitionTableTest, HasOneRowPerKindStateAndEventAndNoneFromAClosedState) {
  std::set<std::tuple<K, S, E>> seen;
  for (const Transition& row : TransitionTable()) {
    EXPECT_TRUE(seen.insert({row.kind, row.from, row.event}).second) << Label(row);
    EXPECT_FALSE(IsTerminal(row.from)) << Label(row);
    EXPECT_NE(row.event, E::kOpen) << Label(row);
    EXPECT_EQ(FindTransition(row.kind, row.from, row.event), &row);
  }
}

TEST(TransitionTableTest, EveryRowAcceptsEveryAllowedRoleInScopeAndRefusesTheRest) {
  for (const Transition& row : TransitionTable()) {
    const CaseRecord c = ReadyCase(row);
    const EventInput input = ValidInput(row.event, row.kind, kToday);
    for (Role role : access::kAllRoles) {
      const std::string label = Label(row) + " by " + std::string(access::RoleName(role));
      Result<Applied> inside = Apply(c, input, User(role, true), At(kToday), WorkflowLimits{});
      Result<Applied> outside = Apply(c, input, User(role, false), At(kToday), WorkflowLimits{});
      EXPECT_EQ(outside.status().code(), StatusCode::kPermissionDenied) << label;
      if (!Allows(row, role)) {
        EXPECT_EQ(inside.status().code(), StatusCode::kPermissionDenied) << label;
        EXPECT_NE(inside.status().message().find(access::RoleName(role)), std::string::npos)
            << label << ": " << inside.status().message();
        continue;
      }
      ASSERT_TRUE(inside.ok()) << label << ": " << inside.status().ToString();
      const S to = inside->next.state;
      EXPECT_TRUE(std::find(row.to.begin(), row.to.begin() + row.to_count, to) !=
                  row.to.begin() + row.to_count)
          << label << " went to " << StateCode(to);
      EXPECT_EQ(inside->record.actor_role, access::RoleName(role)) << label;
      EXPECT_EQ(inside->next.version, c.version + 1) << label;
    }
  }
}

TEST(TransitionTableTest, EveryRowAdmitsTheSystemExactlyWhenItSaysSo) {
  for (const Transition& row : TransitionTable()) {
    const CaseRecord c = ReadyCase(row);
    Result<Applied> a =
        Apply(c, ValidInput(row.event, row.kind, kToday), System(), At(kToday), WorkflowLimits{});
    if (row.system) {
      EXPECT_TRUE(a.ok()) << Label(row) << ": " << a.status().ToString();
    } else {
      EXPECT_EQ(a.status().code(), StatusCode::kPermissionDenied) << Label(row);
    }
  }
}

TEST(TransitionTableTest, EveryEventAStateDoesNotListIsRefusedForEveryone) {
  std::vector<Actor> actors = {System()};
  for (Role role : access::kAllRoles) actors.push_back(User(role));
  for (K kind : {K::kIdentification, K::kElimination}) {
    for (S state : kAllStates) {
      if (IsTerminal(state)) continue;
      const CaseRecord c = CaseIn(kind, state, kSince);
      for (E event : kAllEvents) {
        if (FindTransition(kind, state, event) != nullptr) continue;
        for (const Actor& actor : actors) {
          Result<Applied> a =
              Apply(c, ValidInput(event, kind, kToday), actor, At(kToday), WorkflowLimits{});
          EXPECT_EQ(a.status().code(), StatusCode::kFailedPrecondition)
              << KindCode(kind) << " " << StateCode(state) << " " << EventCode(event);
        }
      }
    }
  }
}

TEST(AvailableEventsTest, AreTheEventsApplyWouldLetTheActorTry) {
  std::vector<Actor> actors = {System()};
  for (Role role : access::kAllRoles) {
    actors.push_back(User(role, true));
    actors.push_back(User(role, false));
  }
  for (K kind : {K::kIdentification, K::kElimination}) {
    for (S state : kAllStates) {
      const CaseRecord c = CaseIn(kind, state, kSince);
      for (const Actor& actor : actors) {
        const std::vector<E> available = AvailableEvents(c, actor);
        for (E event : kAllEvents) {
          const bool listed =
              std::find(available.begin(), available.end(), event) != available.end();
          // Apply refuses with a permission or state error exactly when the event is not
          // available; field and guard errors do not count (AvailableEvents does not check them).
          const Status s =
              Apply(c, ValidInput(event, kind, kToday), actor, At(kToday), WorkflowLimits{})
                  .status();
          const bool may = s.code() != StatusCode::kPermissionDenied &&
                           s.code() != StatusCode::kFailedPrecondition;
          if (event == E::kEscalate || event == E::kOpen) {
            EXPECT_FALSE(listed);
          } else if (event == E::kCloseNotice || event == E::kUpholdObjection ||
                     event == E::kDismissObjection || event == E::kCountyApprove) {
            // Guards may refuse these with kFailedPrecondition; only the permission counts.
            if (listed) {
              EXPECT_NE(s.code(), StatusCode::kPermissionDenied);
            }
          } else {
            EXPECT_EQ(listed, may)
                << KindCode(kind) << " " << StateCode(state) << " " << EventCode(event) << " by "
                << actor.principal.username << ": " << s.ToString();
          }
        }
      }
    }
  }
}

TEST(AvailableEventsTest, AVillageUserInALeadMayApplyDismissCommentAndJoin) {
  const CaseRecord c = CaseIn(K::kIdentification, S::kLead, kSince);
  EXPECT_EQ(AvailableEvents(c, User(Role::kVillage)),
            (std::vector<E>{E::kApply, E::kDismiss, E::kComment, E::kJoinLead}));
  EXPECT_EQ(AvailableEvents(c, User(Role::kCounty)), (std::vector<E>{E::kDismiss, E::kComment}));
  EXPECT_EQ(AvailableEvents(c, System()), (std::vector<E>{E::kJoinLead}));
  EXPECT_TRUE(AvailableEvents(c, User(Role::kAuditor)).empty());
  EXPECT_TRUE(AvailableEvents(c, User(Role::kVillage, false)).empty());
}

TEST(AvailableEventsTest, AClosedCaseOffersNothing) {
  for (S state : {S::kMonitored, S::kEliminated, S::kRejected, S::kDismissed}) {
    EXPECT_TRUE(
        AvailableEvents(CaseIn(K::kIdentification, state, kSince), User(Role::kCounty)).empty())
        << StateCode(state);
  }
}

TEST(TransitionTableTest, EveryRowSaysWhatItNeedsWhenItTakesFields) {
  for (const Transition& row : TransitionTable()) {
    if (ValidInput(row.event, row.kind, kToday).fields.empty()) continue;
    EXPECT_FALSE(row.needs.empty()) << Label(row);
  }
}

}  // namespace
}  // namespace xianjie::cases
