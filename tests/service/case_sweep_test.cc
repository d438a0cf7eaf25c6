// The escalation sweep (service/case_sweep.h): overdue cases get one `escalate` event per level
// and step, written by the system; sweeping again writes nothing new; a new step starts afresh.
#include "service/case_sweep.h"

#include <gtest/gtest.h>

#include "service/cases.h"
#include "service/screening.h"
#include "service/service_test_support.h"

namespace xianjie::service {
namespace {

using access::Role;
using testing::Officer;

std::string NoonOf(CivilDate d) { return d.ToString() + "T04:00:00Z"; }

int64_t EscalateEvents(store::Database& db, int64_t case_id) {
  auto events = db.CaseEvents(case_id);
  EXPECT_TRUE(events.ok());
  int64_t n = 0;
  for (const auto& e : *events) {
    if (e.event == cases::EventType::kEscalate) {
      ++n;
      EXPECT_EQ(e.actor, "system");
      EXPECT_FALSE(e.fields.at("escalated_to").empty());
    }
  }
  return n;
}

TEST(CaseSweep, EscalatesOncePerLevelAndStep) {
  testing::World w = testing::MakeWorld();
  ASSERT_TRUE(StartRun(*w.ws, Officer(Role::kProvince, "63"), "63", "", 2024).ok());
  cases::CaseFilter open;
  open.open_only = true;
  auto cases = w.db->ListCases(open);
  ASSERT_TRUE(cases.ok());
  ASSERT_FALSE(cases->empty());
  const int64_t n = static_cast<int64_t>(cases->size());
  const cases::CaseRecord first = cases->front();
  const CivilDate opened = first.opened_on;
  auto day = [&](int d) { return NoonOf(CivilDate::FromDays(opened.ToDays() + d)); };

  // Within the two days of the application step: nothing is overdue.
  auto on_time = SweepEscalations(*w.ws, day(2));
  ASSERT_TRUE(on_time.ok()) << on_time.status().ToString();
  EXPECT_EQ(on_time->open, n);
  EXPECT_EQ(on_time->overdue, 0);
  EXPECT_EQ(on_time->escalated, 0);
  // A day late: one level up (the township), once; sweeping again the same day adds nothing.
  auto late = SweepEscalations(*w.ws, day(3));
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(late->overdue, n);
  EXPECT_EQ(late->escalated, n);
  EXPECT_EQ(SweepEscalations(*w.ws, day(3))->escalated, 0);
  EXPECT_EQ(EscalateEvents(*w.db, first.id), 1);
  // Four days late: the county, one more event each.
  EXPECT_EQ(SweepEscalations(*w.ws, day(6))->escalated, n);
  EXPECT_EQ(EscalateEvents(*w.db, first.id), 2);
  auto reread = w.db->GetCase(first.id);
  ASSERT_TRUE(reread.ok() && reread->has_value());
  EXPECT_EQ((*reread)->escalation, 2);

  // The application, late as it is, starts the home-visit step: its clock and escalation anew.
  const access::Principal cadre = Officer(Role::kVillage, first.village_code, "cadre");
  CaseAction apply;
  apply.event = "apply";
  apply.fields = {{"authorization_signed", "1"}, {"applicant", "户主"}};
  auto applied = ActOnCase(*w.ws, cadre, first.id, apply, day(6));
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  EXPECT_EQ(applied->escalation, 0);
  EXPECT_EQ(SweepEscalations(*w.ws, day(7))->escalated, 0);  // the other leads were escalated
  EXPECT_EQ(EscalateEvents(*w.db, first.id), 2);
}

}  // namespace
}  // namespace xianjie::service
