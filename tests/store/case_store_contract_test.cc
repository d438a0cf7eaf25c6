// Storage contract of cases::CaseStore, run once per backend: cases opened all or none with
// their first event and lead, events stored by compare-and-set with the episodes they open or
// close and the leads that join, every field read back as written, the case list's filters and
// paging, leads, attachments, episodes and workflow limits.
#include <algorithm>
#include <atomic>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "cases/case_store.h"
#include "store/case_builders.h"
#include "store/store_contract_test.h"

namespace xianjie::store::testing {
namespace {

using cases::Attachment;
using cases::CaseFilter;
using cases::CaseKind;
using cases::CaseRecord;
using cases::CaseState;
using cases::Channel;
using cases::Episode;
using cases::EventRecord;
using cases::EventType;
using cases::EventWrite;
using cases::Lead;
using cases::NewCase;
using cases::WorkflowLimits;

// The episode to close, as an elimination case's approval gives it.
Episode Closing(int64_t id, std::optional<CivilDate> on, const std::string& method,
                int64_t elimination_case) {
  Episode e;
  e.id = id;
  e.eliminated_on = on;
  e.method = method;
  e.elimination_case = elimination_case;
  return e;
}

// Filters with one criterion set; Page sets offset and limit.
CaseFilter InRegion(const std::string& prefix) {
  CaseFilter f;
  f.region_prefix = prefix;
  return f;
}
CaseFilter OfKind(CaseKind kind) {
  CaseFilter f;
  f.kind = kind;
  return f;
}
CaseFilter InStates(std::vector<CaseState> states) {
  CaseFilter f;
  f.states = std::move(states);
  return f;
}
CaseFilter OpenOnly(CaseFilter f = {}) {
  f.open_only = true;
  return f;
}
CaseFilter OfHousehold(const std::string& household) {
  CaseFilter f;
  f.household_id = household;
  return f;
}
CaseFilter Page(int64_t offset, int64_t limit, CaseFilter f = {}) {
  f.offset = offset;
  f.limit = limit;
  return f;
}

class CaseStoreContractTest : public StoreContractTest {
 protected:
  std::vector<int64_t> Open(const std::vector<NewCase>& new_cases) {
    auto ids = store().OpenCases(new_cases);
    EXPECT_TRUE(ids.ok()) << ids.status().ToString();
    return ids.ok() ? *ids : std::vector<int64_t>{};
  }
  int64_t OpenOne(const std::string& household, const std::string& source = "run:1",
                  const std::string& village = "630102001001",
                  CaseKind kind = CaseKind::kIdentification) {
    std::vector<int64_t> ids = Open({MakeNewCase(household, source, village, kind)});
    return ids.size() == 1 ? ids[0] : 0;
  }

  std::optional<CaseRecord> Case(int64_t id) {
    auto c = store().GetCase(id);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? *c : std::nullopt;
  }
  std::vector<EventRecord> Events(int64_t id) {
    auto events = store().CaseEvents(id);
    EXPECT_TRUE(events.ok()) << events.status().ToString();
    return events.ok() ? *events : std::vector<EventRecord>{};
  }
  std::vector<Lead> Leads(const std::string& household) {
    auto leads = store().LeadsOf(household);
    EXPECT_TRUE(leads.ok()) << leads.status().ToString();
    return leads.ok() ? *leads : std::vector<Lead>{};
  }
  std::vector<Episode> Episodes(const std::string& household) {
    auto episodes = store().EpisodesOf(household);
    EXPECT_TRUE(episodes.ok()) << episodes.status().ToString();
    return episodes.ok() ? *episodes : std::vector<Episode>{};
  }
  std::vector<int64_t> EpisodeIds(const std::string& prefix, bool open_only) {
    auto episodes = store().ListEpisodes(prefix, open_only);
    EXPECT_TRUE(episodes.ok()) << episodes.status().ToString();
    std::vector<int64_t> ids;
    for (const Episode& e : episodes.ok() ? *episodes : std::vector<Episode>{}) ids.push_back(e.id);
    // The count agrees with the list.
    auto count = store().CountEpisodes(prefix, open_only);
    EXPECT_TRUE(count.ok()) << count.status().ToString();
    EXPECT_EQ(count.ok() ? *count : -1, static_cast<int64_t>(ids.size())) << prefix;
    return ids;
  }
  std::vector<int64_t> CaseIds(const CaseFilter& filter, int64_t* total = nullptr) {
    auto cases = store().ListCases(filter, total);
    EXPECT_TRUE(cases.ok()) << cases.status().ToString();
    std::vector<int64_t> ids;
    for (const CaseRecord& c : cases.ok() ? *cases : std::vector<CaseRecord>{}) ids.push_back(c.id);
    return ids;
  }

  // The write that moves the stored case `id` by `event` to `to`, as Apply would compute it.
  EventWrite Move(int64_t id, EventType event, CaseState to) {
    CaseRecord c = Case(id).value_or(CaseRecord{});
    EventWrite write;
    write.expected_version = c.version;
    write.next = c;
    write.next.state = to;
    write.next.state_since = Day(30);
    write.next.updated_at = "2026-11-30T01:00:00Z";
    write.next.version = c.version + 1;
    if (cases::IsTerminal(to)) write.next.closed_at = "2026-11-30T01:00:00Z";
    write.record = MakeEvent(event, c.state, to, c.version + 1);
    write.record.case_id = id;
    write.record.actor = "li.si";
    write.record.actor_role = "village";
    return write;
  }
  // Takes the case to `to` in one event.
  void MoveTo(int64_t id, EventType event, CaseState to) {
    XJ_ASSERT_OK(store().AppendEvent(Move(id, event, to)));
    ASSERT_EQ(Case(id)->state, to);
  }
  // An identification case of `household` approved by the county: a monitoring episode opens.
  // Returns the episode's id.
  int64_t Monitored(const std::string& household, const std::string& village = "630102001001") {
    int64_t id = OpenOne(household, "run:1", village);
    EventWrite write = Move(id, EventType::kCountyApprove, CaseState::kMonitored);
    write.open_episode = MakeEpisode(household, village);
    Status s = store().AppendEvent(write);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return Case(id).value_or(CaseRecord{}).episode_id;
  }
};

// --- OpenCases

TEST_P(CaseStoreContractTest, OpenCasesNumbersCasesAndSetsVersionSeqAndLeadCase) {
  std::vector<NewCase> new_cases = {MakeNewCase("H1"), MakeNewCase("H2", "run:2"),
                                    MakeNewCase("H3")};
  new_cases[1].record.id = 77;
  new_cases[1].record.version = 9;
  new_cases[1].opened.case_id = 55;
  new_cases[1].opened.seq = 4;
  new_cases[1].lead.id = 66;
  new_cases[1].lead.case_id = 44;
  EXPECT_EQ(Open(new_cases), (std::vector<int64_t>{1, 2, 3}));

  CaseRecord expected = MakeCase("H2");
  expected.id = 2;
  expected.version = 1;
  EXPECT_EQ(Case(2), expected);
  EventRecord opened = new_cases[1].opened;
  opened.case_id = 2;
  opened.seq = 1;
  EXPECT_EQ(Events(2), std::vector<EventRecord>{opened});
  Lead lead = MakeLead("H2", "run:2");
  lead.id = 2;
  lead.case_id = 2;
  EXPECT_EQ(Leads("H2"), std::vector<Lead>{lead});
  EXPECT_EQ(Open({MakeNewCase("H4")}), std::vector<int64_t>{4});
}

TEST_P(CaseStoreContractTest, OpeningNoCasesDoesNothing) {
  EXPECT_EQ(Open({}), std::vector<int64_t>{});
  int64_t total = -1;
  EXPECT_EQ(CaseIds({}, &total), std::vector<int64_t>{});
  EXPECT_EQ(total, 0);
}

TEST_P(CaseStoreContractTest, EveryCaseFieldReadsBackAsWritten) {
  NewCase full =
      MakeNewCase("H-\"引号\"-1", "application:42", "632223100200", CaseKind::kElimination);
  CaseRecord& c = full.record;
  c.state = CaseState::kPublicNotice;
  c.channel = Channel::kSelfApplication;
  c.relapse = true;
  c.opened_at = "2026-11-02T23:59:59Z";
  c.opened_on = Day(3);
  c.state_since = Day(21);
  c.updated_at = "2026-11-22T08:00:00Z";
  c.paused_days = 4;
  c.step_paused_days = 2;
  c.paused_since = Day(24);
  c.open_objections = 3;
  c.home_visit_done = true;
  c.comparison_done = true;
  c.notice_start = Day(21);
  c.notice_end = Day(26);
  c.proposed_type = "unstable_lifted";
  c.proposed_risks = "R02;R11";
  c.decided_type = "边缘 'marginal'";
  c.decided_risks = "R04";
  c.method = "by_assistance";
  c.reason = "村民代表 \"意见\"\\不一致; 'DROP TABLE case_record;--";
  c.closed_at = "";
  c.escalation = 2;
  c.episode_id = 12;
  std::vector<int64_t> ids = Open({full});
  ASSERT_EQ(ids.size(), 1u);
  CaseRecord expected = c;
  expected.id = ids[0];
  expected.version = 1;
  EXPECT_EQ(Case(ids[0]), expected);
  EXPECT_EQ(store().OpenCaseOf(c.household_id).value(), expected);
}

TEST_P(CaseStoreContractTest, UnsetOptionalDatesReadBackUnset) {
  int64_t id = OpenOne("H1");
  std::optional<CaseRecord> c = Case(id);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->paused_since, std::nullopt);
  EXPECT_EQ(c->notice_start, std::nullopt);
  EXPECT_EQ(c->notice_end, std::nullopt);
}

TEST_P(CaseStoreContractTest, EveryStateKindAndChannelReadsBack) {
  for (size_t i = 0; i < cases::kAllStates.size(); ++i) {
    const std::string household = "H" + std::to_string(i);
    NewCase n = MakeNewCase(household, "run:" + std::to_string(i));
    n.record.state = cases::kAllStates[i];
    n.record.kind = i % 2 == 0 ? CaseKind::kIdentification : CaseKind::kElimination;
    n.record.channel = static_cast<Channel>(i % 3);
    n.lead.channel = static_cast<Channel>((i + 1) % 3);
    n.opened.event = cases::kAllEvents[i];
    n.opened.from = cases::kAllStates[(i + 3) % cases::kAllStates.size()];
    n.opened.to = cases::kAllStates[i];
    std::vector<int64_t> ids = Open({n});
    ASSERT_EQ(ids.size(), 1u);
    std::optional<CaseRecord> c = Case(ids[0]);
    ASSERT_TRUE(c.has_value());
    EXPECT_EQ(c->state, n.record.state);
    EXPECT_EQ(c->kind, n.record.kind);
    EXPECT_EQ(c->channel, n.record.channel);
    std::vector<EventRecord> events = Events(ids[0]);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].event, n.opened.event);
    EXPECT_EQ(events[0].from, n.opened.from);
    EXPECT_EQ(events[0].to, n.opened.to);
    EXPECT_EQ(Leads(household).at(0).channel, n.lead.channel);
  }
}

TEST_P(CaseStoreContractTest, AHouseholdWithAnOpenCaseIsRefusedAndNothingIsWritten) {
  OpenOne("H1");
  auto ids = store().OpenCases(
      {MakeNewCase("H2", "run:2"), MakeNewCase("H1", "run:2"), MakeNewCase("H3", "run:2")});
  ASSERT_FALSE(ids.ok());
  EXPECT_EQ(ids.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(ids.status().message().find("H1"), std::string::npos) << ids.status().message();
  int64_t total = -1;
  EXPECT_EQ(CaseIds({}, &total), std::vector<int64_t>{1});
  EXPECT_EQ(total, 1);
  EXPECT_EQ(Leads("H2"), std::vector<Lead>{});
  EXPECT_EQ(store().HouseholdsWithLead("run:2").value(), std::vector<std::string>{});
  EXPECT_EQ(Open({MakeNewCase("H2", "run:2")}), std::vector<int64_t>{2});  // ids not used up
  EXPECT_EQ(Leads("H2").at(0).id, 2);
}

TEST_P(CaseStoreContractTest, TwoCasesOfOneHouseholdInOneCallAreRefused) {
  auto ids = store().OpenCases({MakeNewCase("H1", "run:1"), MakeNewCase("H1", "application:1")});
  ASSERT_FALSE(ids.ok());
  EXPECT_EQ(ids.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(store().OpenCaseOf("H1").value(), std::nullopt);
  EXPECT_EQ(Leads("H1"), std::vector<Lead>{});
}

TEST_P(CaseStoreContractTest, ARecordedLeadSourceIsRefusedEvenWithoutAnOpenCase) {
  int64_t id = OpenOne("H1", "run:1");
  MoveTo(id, EventType::kDismiss, CaseState::kDismissed);
  XJ_ASSERT_OK(store().AddLead(MakeLead("H2", "run:1")));
  for (const char* household : {"H1", "H2"}) {
    auto again = store().OpenCases({MakeNewCase("H3", "run:1"), MakeNewCase(household, "run:1")});
    ASSERT_FALSE(again.ok()) << household;
    EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition);
    EXPECT_NE(again.status().message().find("run:1"), std::string::npos);
  }
  EXPECT_EQ(store().OpenCaseOf("H3").value(), std::nullopt);
  // A household whose case ended may have a new one, from another source.
  EXPECT_EQ(Open({MakeNewCase("H1", "run:2")}), std::vector<int64_t>{2});
  EXPECT_EQ(store().OpenCaseOf("H1").value()->id, 2);
}

TEST_P(CaseStoreContractTest, ALeadOfAnotherHouseholdOrWithoutSourceIsInvalid) {
  NewCase other = MakeNewCase("H1");
  other.lead.household_id = "H2";
  EXPECT_EQ(store().OpenCases({other}).status().code(), StatusCode::kInvalidArgument);
  NewCase no_source = MakeNewCase("H1", "");
  EXPECT_EQ(store().OpenCases({no_source}).status().code(), StatusCode::kInvalidArgument);
  NewCase no_household = MakeNewCase("");
  EXPECT_EQ(store().OpenCases({no_household}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Case(1), std::nullopt);
}

// --- AppendEvent

TEST_P(CaseStoreContractTest, AnEventStoresItsRecordAndTheCasesNewRow) {
  int64_t id = OpenOne("H1");
  EventWrite write = Move(id, EventType::kApply, CaseState::kHomeVisit);
  write.next.version = 42;  // the store sets it
  write.next.reason = "申请人 \"王五\" 签字";
  write.record.fields = {{"applicant", "王五 \"Wang\""},
                         {"authorization_signed", "true"},
                         {"minutes", "第一行\n第二行\t\\ {\"json\": [1]}"},
                         {"empty", ""}};
  write.record.attachments = {3, 1, 2};
  write.record.comment = "签名 'signed' \"yes\"";
  XJ_ASSERT_OK(store().AppendEvent(write));
  CaseRecord expected = write.next;
  expected.version = 2;
  EXPECT_EQ(Case(id), expected);
  std::vector<EventRecord> events = Events(id);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].seq, 1);
  EXPECT_EQ(events[1], write.record);
}

TEST_P(CaseStoreContractTest, TheEventIsStoredUnderTheCaseWhateverItsOwnCaseId) {
  int64_t id = OpenOne("H1");
  EventWrite write = Move(id, EventType::kComment, CaseState::kLead);
  write.record.case_id = 0;
  XJ_ASSERT_OK(store().AppendEvent(write));
  EXPECT_EQ(Events(id).at(1).case_id, id);
  write = Move(id, EventType::kComment, CaseState::kLead);
  write.record.case_id = id + 1;
  EXPECT_EQ(store().AppendEvent(write).code(), StatusCode::kInvalidArgument);
}

TEST_P(CaseStoreContractTest, AStaleVersionIsAbortedAndChangesNothing) {
  int64_t id = OpenOne("H1");
  EventWrite first = Move(id, EventType::kApply, CaseState::kHomeVisit);
  EventWrite second = Move(id, EventType::kDismiss, CaseState::kDismissed);  // read at version 1
  XJ_ASSERT_OK(store().AppendEvent(first));
  Status stale = store().AppendEvent(second);
  EXPECT_EQ(stale.code(), StatusCode::kAborted);
  EXPECT_EQ(stale.message(), "the case changed meanwhile; reload it and try again");
  EXPECT_EQ(Case(id)->state, CaseState::kHomeVisit);
  EXPECT_EQ(Case(id)->version, 2);
  EXPECT_EQ(Events(id).size(), 2u);
}

TEST_P(CaseStoreContractTest, ASeqOtherThanTheNextVersionIsInvalid) {
  int64_t id = OpenOne("H1");
  EventWrite write = Move(id, EventType::kApply, CaseState::kHomeVisit);
  write.record.seq = 3;
  EXPECT_EQ(store().AppendEvent(write).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Case(id)->version, 1);
  EXPECT_EQ(Events(id).size(), 1u);
}

TEST_P(CaseStoreContractTest, AnEventOfAnUnknownCaseIsNotFound) {
  int64_t id = OpenOne("H1");
  EventWrite write = Move(id, EventType::kApply, CaseState::kHomeVisit);
  write.next.id = id + 5;
  write.record.case_id = id + 5;
  Status s = store().AppendEvent(write);
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_NE(s.message().find(std::to_string(id + 5)), std::string::npos) << s.message();
  EXPECT_EQ(Events(id + 5), std::vector<EventRecord>{});
  EXPECT_EQ(Case(id)->version, 1);
}

TEST_P(CaseStoreContractTest, AnEventCannotGiveTheCaseToAnotherHousehold) {
  int64_t id = OpenOne("H1");
  EventWrite write = Move(id, EventType::kApply, CaseState::kHomeVisit);
  write.next.household_id = "H2";
  EXPECT_EQ(store().AppendEvent(write).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store().OpenCaseOf("H2").value(), std::nullopt);
}

TEST_P(CaseStoreContractTest, OfConcurrentEventsOnOneVersionExactlyOneIsStored) {
  int64_t id = OpenOne("H1");
  constexpr int kThreads = 4;
  std::vector<EventWrite> writes;
  for (int t = 0; t < kThreads; ++t) {
    writes.push_back(Move(id, EventType::kComment, CaseState::kLead));
    writes.back().record.comment = "comment " + std::to_string(t);
  }
  std::atomic<int> stored = 0, aborted = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Status s = store().AppendEvent(writes[t]);
      if (s.ok()) ++stored;
      if (s.code() == StatusCode::kAborted) ++aborted;
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(stored, 1);
  EXPECT_EQ(aborted, kThreads - 1);
  EXPECT_EQ(Events(id).size(), 2u);
}

TEST_P(CaseStoreContractTest, ATerminalStateEndsTheOpenCase) {
  int64_t id = OpenOne("H1");
  EXPECT_EQ(store().OpenCaseOf("H1").value()->id, id);
  MoveTo(id, EventType::kDismiss, CaseState::kDismissed);
  EXPECT_EQ(store().OpenCaseOf("H1").value(), std::nullopt);
  EXPECT_EQ(store().OpenCaseOf("H9").value(), std::nullopt);
  EXPECT_EQ(Case(id + 1), std::nullopt);
}

TEST_P(CaseStoreContractTest, ApprovalOpensAnEpisodeForTheCase) {
  int64_t first = Monitored("H0");  // another household's, so that ids differ
  ASSERT_EQ(first, 1);
  int64_t id = OpenOne("H1", "run:1", "630102001002");
  EventWrite write = Move(id, EventType::kCountyApprove, CaseState::kMonitored);
  write.next.decided_type = "marginal";
  write.next.decided_risks = "R01";
  write.open_episode = MakeEpisode("H1", "630102001002");
  write.open_episode->id = 99;
  write.open_episode->identification_case = 98;
  XJ_ASSERT_OK(store().AppendEvent(write));

  Episode expected = MakeEpisode("H1", "630102001002");
  expected.id = 2;
  expected.identification_case = id;
  EXPECT_EQ(Episodes("H1"), std::vector<Episode>{expected});
  CaseRecord c = Case(id).value();
  EXPECT_EQ(c.episode_id, 2);
  EXPECT_EQ(c.decided_risks, "R01");
  EXPECT_EQ(store().OpenCaseOf("H1").value(), std::nullopt);
}

TEST_P(CaseStoreContractTest, EliminationClosesTheEpisode) {
  int64_t episode = Monitored("H1");
  int64_t id = OpenOne("H1", "proposal:1", "630102001001", CaseKind::kElimination);
  EventWrite write = Move(id, EventType::kCountyApprove, CaseState::kEliminated);
  write.close_episode = Closing(episode, Day(30), "natural", id);
  XJ_ASSERT_OK(store().AppendEvent(write));
  Episode expected = MakeEpisode("H1");
  expected.id = episode;
  expected.identification_case = 1;
  expected.eliminated_on = Day(30);
  expected.method = "natural";
  expected.elimination_case = id;
  EXPECT_EQ(Episodes("H1"), std::vector<Episode>{expected});
  EXPECT_EQ(Case(id)->state, CaseState::kEliminated);
}

TEST_P(CaseStoreContractTest, ClosingAnUnknownEpisodeIsNotFoundAndChangesNothing) {
  int64_t id = OpenOne("H1", "proposal:1", "630102001001", CaseKind::kElimination);
  EventWrite write = Move(id, EventType::kCountyApprove, CaseState::kEliminated);
  write.close_episode = Closing(7, Day(30), "natural", id);
  EXPECT_EQ(store().AppendEvent(write).code(), StatusCode::kNotFound);
  EXPECT_EQ(Case(id)->state, CaseState::kHomeVisit);
  EXPECT_EQ(Events(id).size(), 1u);
}

TEST_P(CaseStoreContractTest, ClosingAClosedEpisodeIsRefusedAndChangesNothing) {
  int64_t episode = Monitored("H1");
  int64_t id = OpenOne("H1", "proposal:1", "630102001001", CaseKind::kElimination);
  EventWrite close = Move(id, EventType::kCountyApprove, CaseState::kEliminated);
  close.close_episode = Closing(episode, Day(30), "natural", id);
  XJ_ASSERT_OK(store().AppendEvent(close));

  int64_t again = OpenOne("H1", "proposal:2", "630102001001", CaseKind::kElimination);
  EventWrite twice = Move(again, EventType::kCountyApprove, CaseState::kEliminated);
  twice.close_episode = Closing(episode, Day(29), "by_assistance", again);
  EXPECT_EQ(store().AppendEvent(twice).code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Case(again)->version, 1);
  EXPECT_EQ(Events(again).size(), 1u);
  Episode closed = Episodes("H1").at(0);
  EXPECT_EQ(closed.method, "natural");
  EXPECT_EQ(closed.eliminated_on, Day(30));
  EXPECT_EQ(closed.elimination_case, id);
}

TEST_P(CaseStoreContractTest, ClosingWithoutAnEliminationDateIsInvalid) {
  int64_t episode = Monitored("H1");
  int64_t id = OpenOne("H1", "proposal:1", "630102001001", CaseKind::kElimination);
  EventWrite write = Move(id, EventType::kCountyApprove, CaseState::kEliminated);
  write.close_episode = Closing(episode, std::nullopt, "natural", id);
  EXPECT_EQ(store().AppendEvent(write).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Episodes("H1").at(0).eliminated_on, std::nullopt);
}

TEST_P(CaseStoreContractTest, AJoiningLeadIsStoredWithTheCase) {
  int64_t id = OpenOne("H1", "run:1");
  EventWrite write = Move(id, EventType::kJoinLead, CaseState::kLead);
  Lead joining = MakeLead("H1", "visit:li.si:2026-11-30");
  joining.channel = Channel::kCadreVisit;
  joining.note = "家中有人\"重病\"";
  joining.visit_reason = "serious_illness";
  write.lead = joining;
  XJ_ASSERT_OK(store().AppendEvent(write));
  Lead expected = joining;
  expected.id = 2;
  expected.case_id = id;
  std::vector<Lead> leads = Leads("H1");
  ASSERT_EQ(leads.size(), 2u);
  EXPECT_EQ(leads[1], expected);
  EXPECT_EQ(store().HouseholdsWithLead("visit:li.si:2026-11-30").value(),
            std::vector<std::string>{"H1"});
}

TEST_P(CaseStoreContractTest, AJoiningLeadAlreadyRecordedIsRefusedAndChangesNothing) {
  int64_t id = OpenOne("H1", "run:1");
  EventWrite write = Move(id, EventType::kJoinLead, CaseState::kLead);
  write.lead = MakeLead("H1", "run:1");
  EXPECT_EQ(store().AppendEvent(write).code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Case(id)->version, 1);
  EXPECT_EQ(Events(id).size(), 1u);
  EXPECT_EQ(Leads("H1").size(), 1u);
}

TEST_P(CaseStoreContractTest, AJoiningLeadOfAnotherHouseholdIsInvalid) {
  int64_t id = OpenOne("H1", "run:1");
  EventWrite write = Move(id, EventType::kJoinLead, CaseState::kLead);
  write.lead = MakeLead("H2", "run:2");
  EXPECT_EQ(store().AppendEvent(write).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Leads("H2"), std::vector<Lead>{});
}

// --- ListCases

// Nine cases: H1..H9 in villages of two counties (6301 02, 6301 03) and one prefecture 6302;
// ids in the order below.
class CaseListTest : public CaseStoreContractTest {
 protected:
  void SetUp() override {
    CaseStoreContractTest::SetUp();
    if (store_ == nullptr) return;
    const char* villages[] = {"630102001001", "630102001002", "630103001001",
                              "630102002001", "630200001001", "630102001001",
                              "630103002001", "630102001002", "630110001001"};
    std::vector<NewCase> new_cases;
    for (int i = 0; i < 9; ++i) {
      new_cases.push_back(
          MakeNewCase("H" + std::to_string(i + 1), "run:1", villages[i],
                      i % 3 == 2 ? CaseKind::kElimination : CaseKind::kIdentification));
    }
    ASSERT_EQ(Open(new_cases).size(), 9u);
    // States: 1 lead, 2 home_visit, 3 home_visit (elimination), 4 dismissed, 5 lead,
    // 6 village_appraisal (elimination), 7 lead, 8 monitored, 9 rejected (elimination).
    MoveTo(2, EventType::kApply, CaseState::kHomeVisit);
    MoveTo(4, EventType::kDismiss, CaseState::kDismissed);
    MoveTo(6, EventType::kRecordHomeVisit, CaseState::kVillageAppraisal);
    MoveTo(8, EventType::kCountyApprove, CaseState::kMonitored);
    MoveTo(9, EventType::kReject, CaseState::kRejected);
  }
};

TEST_P(CaseListTest, NoFilterListsEveryCaseById) {
  int64_t total = 0;
  EXPECT_EQ(CaseIds({}, &total), (std::vector<int64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9}));
  EXPECT_EQ(total, 9);
}

TEST_P(CaseListTest, ARegionIsAPrefixOfTheVillageCode) {
  EXPECT_EQ(CaseIds(InRegion("630102")), (std::vector<int64_t>{1, 2, 4, 6, 8}));
  EXPECT_EQ(CaseIds(InRegion("630102001")), (std::vector<int64_t>{1, 2, 6, 8}));
  EXPECT_EQ(CaseIds(InRegion("630102001002")), (std::vector<int64_t>{2, 8}));
  EXPECT_EQ(CaseIds(InRegion("630102001001")), (std::vector<int64_t>{1, 6}));  // not ...002
  EXPECT_EQ(CaseIds(InRegion("63010")), (std::vector<int64_t>{1, 2, 3, 4, 6, 7, 8}));
  EXPECT_EQ(CaseIds(InRegion("6301")), (std::vector<int64_t>{1, 2, 3, 4, 6, 7, 8, 9}));
  EXPECT_EQ(CaseIds(InRegion("6302")), (std::vector<int64_t>{5}));
  EXPECT_EQ(CaseIds(InRegion("64")), (std::vector<int64_t>{}));
}

TEST_P(CaseListTest, KindStatesOpenAndHouseholdNarrowTheList) {
  EXPECT_EQ(CaseIds(OfKind(CaseKind::kElimination)), (std::vector<int64_t>{3, 6, 9}));
  EXPECT_EQ(CaseIds(InStates({CaseState::kLead})), (std::vector<int64_t>{1, 5, 7}));
  EXPECT_EQ(
      CaseIds(InStates({CaseState::kMonitored, CaseState::kHomeVisit, CaseState::kMonitored})),
      (std::vector<int64_t>{2, 3, 8}));
  EXPECT_EQ(CaseIds(OpenOnly()), (std::vector<int64_t>{1, 2, 3, 5, 6, 7}));
  EXPECT_EQ(CaseIds(OfHousehold("H6")), (std::vector<int64_t>{6}));
  EXPECT_EQ(CaseIds(OfHousehold("H10")), (std::vector<int64_t>{}));
  CaseFilter all = OpenOnly(InRegion("630102"));
  all.kind = CaseKind::kIdentification;
  all.states = {CaseState::kLead, CaseState::kHomeVisit, CaseState::kDismissed};
  EXPECT_EQ(CaseIds(all), (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(CaseIds(OpenOnly(InStates({CaseState::kDismissed}))), (std::vector<int64_t>{}));
}

TEST_P(CaseListTest, PagesCountTheMatchesBeforeOffsetAndLimit) {
  int64_t total = 0;
  CaseFilter open = Page(2, 3, OpenOnly());
  EXPECT_EQ(CaseIds(open, &total), (std::vector<int64_t>{3, 5, 6}));
  EXPECT_EQ(total, 6);
  open.offset = 5;
  EXPECT_EQ(CaseIds(open, &total), (std::vector<int64_t>{7}));
  EXPECT_EQ(total, 6);
  open.offset = 9;
  EXPECT_EQ(CaseIds(open, &total), (std::vector<int64_t>{}));
  EXPECT_EQ(total, 6);
  EXPECT_EQ(CaseIds(Page(7, 0)), (std::vector<int64_t>{8, 9}));
  EXPECT_EQ(CaseIds(Page(0, 2)), (std::vector<int64_t>{1, 2}));
}

TEST_P(CaseListTest, ANegativeOffsetOrLimitIsInvalid) {
  EXPECT_EQ(store().ListCases(Page(-1, 0)).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store().ListCases(Page(0, -1)).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(CaseListTest, ListedRowsAreWhole) {
  auto cases = store().ListCases(OfHousehold("H2"));
  XJ_ASSERT_OK(cases);
  ASSERT_EQ(cases->size(), 1u);
  EXPECT_EQ(cases->at(0), Case(2));
}

// --- Leads

TEST_P(CaseStoreContractTest, ALeadOnAnEpisodeIsRecordedWithoutACase) {
  OpenOne("H0");
  Lead lead = MakeLead("H1", "run:3");
  lead.episode_id = 4;
  lead.channel = Channel::kSelfApplication;
  lead.note = "申请书 \"手写\" 'scan'";
  auto id = store().AddLead(lead);
  XJ_ASSERT_OK(id);
  EXPECT_EQ(*id, 2);  // after the lead that opened case 1
  lead.id = 2;
  EXPECT_EQ(Leads("H1"), std::vector<Lead>{lead});
  auto again = store().AddLead(MakeLead("H1", "run:3"));
  EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(store().AddLead(MakeLead("H1", "")).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Leads("H1").size(), 1u);
}

TEST_P(CaseStoreContractTest, LeadsOfAHouseholdAreById) {
  XJ_ASSERT_OK(store().AddLead(MakeLead("H1", "run:9")));
  OpenOne("H2", "run:9");
  XJ_ASSERT_OK(store().AddLead(MakeLead("H1", "application:1")));
  XJ_ASSERT_OK(store().AddLead(MakeLead("H1", "run:10")));
  std::vector<std::string> sources;
  std::vector<int64_t> ids;
  for (const Lead& l : Leads("H1")) {
    sources.push_back(l.source);
    ids.push_back(l.id);
  }
  EXPECT_EQ(sources, (std::vector<std::string>{"run:9", "application:1", "run:10"}));
  EXPECT_EQ(ids, (std::vector<int64_t>{1, 3, 4}));
  EXPECT_EQ(Leads("H3"), std::vector<Lead>{});
}

TEST_P(CaseStoreContractTest, HouseholdsWithALeadOfASourceAreSorted) {
  Open({MakeNewCase("H30", "run:7"), MakeNewCase("H10", "run:7"), MakeNewCase("H4", "run:8")});
  XJ_ASSERT_OK(store().AddLead(MakeLead("H2", "run:7")));
  XJ_ASSERT_OK(store().AddLead(MakeLead("H4", "run:7")));
  EXPECT_EQ(store().HouseholdsWithLead("run:7").value(),
            (std::vector<std::string>{"H10", "H2", "H30", "H4"}));
  EXPECT_EQ(store().HouseholdsWithLead("run:8").value(), std::vector<std::string>{"H4"});
  EXPECT_EQ(store().HouseholdsWithLead("run:9").value(), std::vector<std::string>{});
}

// --- Attachments

TEST_P(CaseStoreContractTest, AnAttachmentReadsBackWithItsContent) {
  Attachment meta{.case_id = 3,
                  .filename = "授权书 \"签字\" 'scan'.pdf",
                  .content_type = "application/pdf",
                  .sha256 = std::string(64, 'a'),
                  .bytes = 7,
                  .uploaded_by = "li.si",
                  .uploaded_at = "2026-11-29T03:00:00Z"};
  const std::string content("%PDF\0\xff\x80", 7);
  auto first = store().PutAttachment(meta, content);
  XJ_ASSERT_OK(first);
  EXPECT_EQ(*first, 1);
  auto second = store().PutAttachment(meta, "");
  XJ_ASSERT_OK(second);
  EXPECT_EQ(*second, 2);

  Attachment expected = meta;
  expected.id = 1;
  std::string read = "stale";
  EXPECT_EQ(store().GetAttachment(1, &read).value(), expected);
  EXPECT_EQ(read, content);
  EXPECT_EQ(store().GetAttachment(1, nullptr).value(), expected);
  expected.id = 2;
  EXPECT_EQ(store().GetAttachment(2, &read).value(), expected);
  EXPECT_EQ(read, "");
  read = "stale";
  EXPECT_EQ(store().GetAttachment(3, &read).value(), std::nullopt);
  EXPECT_EQ(read, "");
}

// --- Episodes

TEST_P(CaseStoreContractTest, EpisodesListByRegionAndOpenness) {
  int64_t a = Monitored("H1", "630102001001");
  int64_t b = Monitored("H2", "630103001001");
  int64_t c = Monitored("H3", "630102002001");
  int64_t id = OpenOne("H3", "proposal:1", "630102002001", CaseKind::kElimination);
  EventWrite close = Move(id, EventType::kCountyApprove, CaseState::kEliminated);
  close.close_episode = Closing(c, Day(30), "natural", id);
  XJ_ASSERT_OK(store().AppendEvent(close));
  EXPECT_EQ((std::vector<int64_t>{a, b, c}), (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(EpisodeIds("", false), (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(EpisodeIds("", true), (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(EpisodeIds("630102", false), (std::vector<int64_t>{1, 3}));
  EXPECT_EQ(EpisodeIds("630102", true), (std::vector<int64_t>{1}));
  EXPECT_EQ(EpisodeIds("630103001001", false), (std::vector<int64_t>{2}));
  EXPECT_EQ(EpisodeIds("6302", false), (std::vector<int64_t>{}));
  EXPECT_EQ(Episodes("H2").size(), 1u);
  EXPECT_EQ(Episodes("H9"), std::vector<Episode>{});
}

TEST_P(CaseStoreContractTest, AHouseholdsEpisodesAreById) {
  int64_t first = Monitored("H1");
  int64_t id = OpenOne("H1", "proposal:1", "630102001001", CaseKind::kElimination);
  EventWrite close = Move(id, EventType::kCountyApprove, CaseState::kEliminated);
  close.close_episode = Closing(first, Day(30), "natural", id);
  XJ_ASSERT_OK(store().AppendEvent(close));
  Monitored("H2");
  int64_t relapse = OpenOne("H1", "run:2");
  EventWrite approve = Move(relapse, EventType::kCountyApprove, CaseState::kMonitored);
  approve.open_episode = MakeEpisode("H1");
  XJ_ASSERT_OK(store().AppendEvent(approve));
  std::vector<int64_t> ids;
  for (const Episode& e : Episodes("H1")) ids.push_back(e.id);
  EXPECT_EQ(ids, (std::vector<int64_t>{1, 3}));
  EXPECT_EQ(Episodes("H1").at(1).identification_case, relapse);
}

// --- Workflow limits

TEST_P(CaseStoreContractTest, LimitsAreUnsetUntilPutAndAPutReplacesThem) {
  EXPECT_EQ(store().GetLimits("630000").value(), std::nullopt);
  WorkflowLimits limits{.application_days = 3,
                        .home_visit_days = 4,
                        .comparison_days = 6,
                        .appraisal_days = 7,
                        .notice_min_days = 8,
                        .notice_close_days = 9,
                        .township_days = 10,
                        .county_days = 11,
                        .overall_days = 30,
                        .escalate_every = 5,
                        .elimination_min_months = 12,
                        .stable_income_months = 9,
                        .early_elimination_months = 3};
  XJ_ASSERT_OK(store().PutLimits("630000", limits));
  EXPECT_EQ(store().GetLimits("630000").value(), limits);
  EXPECT_EQ(store().GetLimits("620000").value(), std::nullopt);
  WorkflowLimits changed = limits;
  changed.overall_days = 20;
  changed.escalate_every = 1;
  changed.stable_income_months = 4;
  XJ_ASSERT_OK(store().PutLimits("630000", changed));
  EXPECT_EQ(store().GetLimits("630000").value(), changed);
  EXPECT_EQ(store().PutLimits("", changed).code(), StatusCode::kInvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(Backends, CaseStoreContractTest, ::testing::ValuesIn(AllBackends()),
                         [](const ::testing::TestParamInfo<StoreBackend>& param) {
                           return param.param.name;
                         });
INSTANTIATE_TEST_SUITE_P(Backends, CaseListTest, ::testing::ValuesIn(AllBackends()),
                         [](const ::testing::TestParamInfo<StoreBackend>& param) {
                           return param.param.name;
                         });

}  // namespace
}  // namespace xianjie::store::testing
