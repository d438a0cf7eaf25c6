// Random walks through Apply over many seeds: random events (mostly ones the state lists),
// actors (roles, the system, in and out of scope), valid and spoiled fields, days moving on.
// After every accepted event the invariants of decision 0005 hold; every refusal has the code
// the check order predicts and leaves the case as it was; and a case reaches monitored or
// eliminated only through every step of the procedure, in order (replayed from its records).
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <map>
#include <random>
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

constexpr int kSeeds = 1500;
constexpr int kMaxSteps = 70;

class Walk {
 public:
  explicit Walk(uint64_t seed) : rng_(seed) {}

  int Uniform(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[static_cast<size_t>(Uniform(static_cast<int>(items.size())))];
  }

  EventType PickEvent(const CaseRecord& c) {
    std::vector<EventType> listed;
    for (const Transition& row : TransitionTable()) {
      if (row.kind == c.kind && row.from == c.state) listed.push_back(row.event);
    }
    if (listed.empty() || Chance(0.15)) {
      return kAllEvents[static_cast<size_t>(Uniform(static_cast<int>(kAllEvents.size())))];
    }
    EventType event = Pick(listed);
    // Dismissals and rejections end a walk early: let most of them pass by.
    if ((event == EventType::kDismiss || event == EventType::kReject) && Chance(0.8)) {
      event = Pick(listed);
    }
    return event;
  }

  Actor PickActor(const CaseRecord& c, EventType event) {
    if (Chance(0.08)) return System();
    const Transition* row = FindTransition(c.kind, c.state, event);
    std::vector<Role> allowed;
    if (row != nullptr) {
      for (Role role : access::kAllRoles) {
        if ((row->roles & (1u << static_cast<int>(role))) != 0) allowed.push_back(role);
      }
    }
    std::vector<Role> all(access::kAllRoles.begin(), access::kAllRoles.end());
    const Role role = !allowed.empty() && Chance(0.8) ? Pick(allowed) : Pick(all);
    return User(role, /*inside=*/Chance(0.9));
  }

  EventInput PickInput(const CaseRecord& c, EventType event, CivilDate today) {
    EventInput input = ValidInput(event, c.kind, today);
    if (event == EventType::kRecordAppraisal) {
      if (Chance(0.08)) {
        input.fields["result"] = "not_agreed";
        input.fields["reason"] = "不同意";
      }
      const std::vector<std::string> days = {"", "", "5", "6", "7", "9"};
      const std::string& d = Pick(days);
      if (!d.empty()) input.fields["notice_days"] = d;
      input.fields["held_on"] = Plus(today, -Uniform(3)).ToString();
    }
    if (event == EventType::kCountyApprove && c.kind == CaseKind::kIdentification) {
      const std::vector<std::string> risks = {"R01", "R09;R01", "R02,R03,R04,R05,R99", "R11"};
      input.fields["risks"] = Pick(risks);
    }
    if (Chance(0.12)) Spoil(input);
    return input;
  }

  // Removes a field or gives it a value no field accepts.
  void Spoil(EventInput& input) {
    input.comment.clear();
    if (input.fields.empty()) return;
    auto it = input.fields.begin();
    std::advance(it, Uniform(static_cast<int>(input.fields.size())));
    const std::vector<std::string> junk = {"", "  ", "-1", "x?", "99999999999"};
    if (Chance(0.5)) {
      input.fields.erase(it);
    } else {
      it->second = Pick(junk);
    }
  }

 private:
  std::mt19937_64 rng_;
};

bool ActorAllowed(const Transition& row, const Actor& actor) {
  return actor.system ? row.system
                      : (row.roles & (1u << static_cast<int>(actor.principal.role))) != 0;
}

// The code Apply must refuse with, from the check order alone; kOk when only the fields or a
// guard may refuse (kInvalidArgument or kFailedPrecondition).
StatusCode PredictedRefusal(const CaseRecord& c, EventType event, const Actor& actor) {
  if (IsTerminal(c.state)) return StatusCode::kFailedPrecondition;
  const Transition* row = FindTransition(c.kind, c.state, event);
  if (row == nullptr) return StatusCode::kFailedPrecondition;
  if (!ActorAllowed(*row, actor)) return StatusCode::kPermissionDenied;
  if (!actor.system && !access::InScope(actor.principal, c.village_code)) {
    return StatusCode::kPermissionDenied;
  }
  return StatusCode::kOk;
}

// The index of the last record of `event` before `end` (all records when end < 0), or -1.
int LastIndex(const std::vector<EventRecord>& records, EventType event, int end = -1) {
  if (end < 0) end = static_cast<int>(records.size());
  for (int i = end - 1; i >= 0; --i) {
    if (records[static_cast<size_t>(i)].event == event) return i;
  }
  return -1;
}

// Monitored or eliminated: the records show the procedure in order, ending in county_approve.
void ExpectFullProcedure(const std::vector<EventRecord>& records, CaseKind kind,
                         const WorkflowLimits& limits, uint64_t seed) {
  SCOPED_TRACE("seed " + std::to_string(seed));
  const int n = static_cast<int>(records.size());
  const int county = n - 1;
  ASSERT_EQ(records.back().event, EventType::kCountyApprove);
  const int township = LastIndex(records, EventType::kTownshipApprove, county);
  const int close = LastIndex(records, EventType::kCloseNotice, township);
  ASSERT_GE(township, 0);
  ASSERT_GE(close, 0);
  // The appraisal that opened the notice which closed: the last one before the close, agreed,
  // with no objection upheld between them.
  const int appraisal = LastIndex(records, EventType::kRecordAppraisal, close);
  ASSERT_GE(appraisal, 0);
  const EventRecord& a = records[static_cast<size_t>(appraisal)];
  EXPECT_EQ(a.fields.at("result"), "agreed");
  EXPECT_EQ(a.to, CaseState::kPublicNotice);
  EXPECT_LT(LastIndex(records, EventType::kUpholdObjection, close), appraisal);
  const EventRecord& closed = records[static_cast<size_t>(close)];
  EXPECT_GE(closed.on.ToDays() - a.on.ToDays(), limits.notice_min_days)
      << "the notice ran from " << a.on.ToString() << " to " << closed.on.ToString();
  const int visit = LastIndex(records, EventType::kRecordHomeVisit, appraisal);
  ASSERT_GE(visit, 0);
  if (kind == CaseKind::kIdentification) {
    const int comparison = LastIndex(records, EventType::kRecordComparison, appraisal);
    const int apply = LastIndex(records, EventType::kApply, std::min(visit, comparison));
    ASSERT_GE(comparison, 0);
    ASSERT_GE(apply, 0) << "the application comes before the visit and the comparison";
    EXPECT_EQ(records.back().to, CaseState::kMonitored);
  } else {
    EXPECT_EQ(LastIndex(records, EventType::kApply), -1);
    EXPECT_EQ(records.back().to, CaseState::kEliminated);
  }
}

struct Tally {
  std::map<CaseState, int> ended;
  std::map<StatusCode, int> refused;
  int accepted = 0;
};

void CheckAccepted(const CaseRecord& c, const EventInput& input, const Actor& actor,
                   CivilDate today, const Applied& a, uint64_t seed, int step) {
  SCOPED_TRACE("seed " + std::to_string(seed) + " step " + std::to_string(step) + ": " +
               std::string(EventCode(input.event)) + " in " + std::string(StateCode(c.state)));
  const Transition* row = FindTransition(c.kind, c.state, input.event);
  ASSERT_NE(row, nullptr);
  EXPECT_TRUE(ActorAllowed(*row, actor));
  if (!actor.system) {
    EXPECT_TRUE(access::InScope(actor.principal, c.village_code));
  }
  const CaseRecord& next = a.next;
  EXPECT_NE(std::find(row->to.begin(), row->to.begin() + row->to_count, next.state),
            row->to.begin() + row->to_count)
      << "went to " << StateCode(next.state);
  EXPECT_EQ(next.version, c.version + 1);
  EXPECT_EQ(a.record.seq, next.version);
  EXPECT_EQ(a.record.from, c.state);
  EXPECT_EQ(a.record.to, next.state);
  EXPECT_EQ(a.record.event, input.event);
  EXPECT_EQ(a.record.fields, input.fields);
  EXPECT_EQ(a.record.on, today);
  EXPECT_EQ(next.id, c.id);
  EXPECT_EQ(next.kind, c.kind);
  EXPECT_EQ(next.village_code, c.village_code);
  EXPECT_EQ(next.opened_on, c.opened_on);
  EXPECT_GE(next.open_objections, 0);
  EXPECT_EQ(next.paused_since.has_value(), next.open_objections > 0);
  EXPECT_GE(next.step_paused_days, 0);
  EXPECT_LE(next.step_paused_days, next.paused_days);
  EXPECT_GE(next.paused_days, c.paused_days);
  if (next.state != c.state) {
    EXPECT_EQ(next.state_since, today);
    EXPECT_EQ(next.step_paused_days, 0);
  } else {
    EXPECT_EQ(next.state_since, c.state_since);
  }
  EXPECT_EQ(next.closed_at.empty(), !IsTerminal(next.state));
  // Escalation counts within a step: a new step starts at 0.
  EXPECT_EQ(next.escalation, next.state != c.state
                                 ? 0
                                 : c.escalation + (input.event == EventType::kEscalate ? 1 : 0));
  if (next.state == CaseState::kPublicNotice) {
    ASSERT_TRUE(next.notice_start.has_value() && next.notice_end.has_value());
    EXPECT_GE(next.notice_end->ToDays() - next.notice_start->ToDays(),
              WorkflowLimits{}.notice_min_days);
  }
  EXPECT_EQ(a.open_episode, next.state == CaseState::kMonitored);
  EXPECT_EQ(a.close_episode, next.state == CaseState::kEliminated);
}

TEST(WorkflowPropertyTest, RandomWalksKeepTheInvariants) {
  Tally tally;
  const WorkflowLimits limits;
  for (uint64_t seed = 1; seed <= kSeeds; ++seed) {
    Walk walk(seed);
    const CaseKind kind = walk.Chance(0.6) ? CaseKind::kIdentification : CaseKind::kElimination;
    CivilDate today = Plus(Day(2026, 1, 1), walk.Uniform(365));
    CaseRecord c = OpenCase(kind, "H" + std::to_string(seed), testing::kVillageCode,
                            Channel::kDepartmentWarning, System(), At(today), {})
                       .next;
    c.id = static_cast<int64_t>(seed);
    std::vector<EventRecord> records;
    for (int step = 0; step < kMaxSteps && !IsTerminal(c.state); ++step) {
      if (walk.Chance(0.5)) today = Plus(today, 1 + walk.Uniform(2));
      const EventType event = walk.PickEvent(c);
      const Actor actor = walk.PickActor(c, event);
      const EventInput input = walk.PickInput(c, event, today);
      const CaseRecord before = c;
      Result<Applied> a = Apply(c, input, actor, At(today), limits);
      ASSERT_EQ(c, before) << "Apply changed its input (seed " << seed << ")";
      const StatusCode predicted = PredictedRefusal(c, event, actor);
      if (!a.ok()) {
        ++tally.refused[a.status().code()];
        if (predicted != StatusCode::kOk) {
          EXPECT_EQ(a.status().code(), predicted)
              << "seed " << seed << ": " << a.status().ToString();
        } else {
          EXPECT_TRUE(a.status().code() == StatusCode::kInvalidArgument ||
                      a.status().code() == StatusCode::kFailedPrecondition)
              << "seed " << seed << ": " << a.status().ToString();
        }
        continue;
      }
      ASSERT_EQ(predicted, StatusCode::kOk)
          << "seed " << seed << " accepted " << EventCode(event) << " in " << StateCode(c.state);
      CheckAccepted(c, input, actor, today, *a, seed, step);
      ++tally.accepted;
      records.push_back(a->record);
      c = a->next;
    }
    if (IsTerminal(c.state)) ++tally.ended[c.state];
    if (c.state == CaseState::kMonitored || c.state == CaseState::kEliminated) {
      ExpectFullProcedure(records, kind, limits, seed);
    }
    if (::testing::Test::HasFatalFailure()) return;
  }
  // The walks must reach every end and meet every refusal, or they prove little.
  for (CaseState end : {CaseState::kMonitored, CaseState::kEliminated, CaseState::kRejected,
                        CaseState::kDismissed}) {
    EXPECT_GE(tally.ended[end], 20) << StateCode(end);
  }
  for (StatusCode code : {StatusCode::kFailedPrecondition, StatusCode::kPermissionDenied,
                          StatusCode::kInvalidArgument}) {
    EXPECT_GE(tally.refused[code], 100) << StatusCodeName(code);
  }
}

}  // namespace
}  // namespace xianjie::cases
