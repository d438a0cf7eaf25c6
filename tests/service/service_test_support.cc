// The service tests' small registry.
#include "service/service_test_support.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <utility>

#include "base/id_number.h"
#include "ingest/xlsx_reader.h"
#include "registry/region.h"
#include "store/case_builders.h"
#include "store/open.h"
#include "store/store_test_support.h"

namespace xianjie::service::testing {

registry::HouseholdRecord MakeHousehold(const std::string& id, const std::string& village,
                                        int members, bool poor, int seed) {
  registry::HouseholdRecord r = store::testing::MakeRecord(id, members, seed);
  r.household.village_code = *RegionCode::Parse(village);
  if (poor) {
    r.household.wage_income = Money::FromYuan(100);
    r.household.business_income = Money();
    r.household.property_income = Money();
    r.household.transfer_income = Money();
    r.household.production_costs = Money();
  }
  for (size_t i = 0; i < r.members.size(); ++i) {
    registry::Member& m = r.members[i];
    m.name = id + "成员" + std::to_string(i);
    // Birth date and sex as the ID number says, so that the record is valid exchange data.
    auto parsed = ParseIdNumber(m.id_number);
    EXPECT_TRUE(parsed.ok()) << m.id_number;
    if (parsed.ok()) {
      m.birth_date = parsed->birth_date();
      m.sex = parsed->male() ? registry::Sex::kMale : registry::Sex::kFemale;
    }
  }
  return r;
}

int64_t Commit(store::Database& db, const std::vector<registry::HouseholdRecord>& records) {
  std::vector<registry::HouseholdVersion> versions;
  for (const auto& r : records) {
    const std::string ids[] = {r.household.household_id};
    auto current = db.GetCurrent(ids);
    EXPECT_TRUE(current.ok());
    const int32_t next = current.ok() && !current->empty() ? current->front().version + 1 : 1;
    versions.push_back(store::testing::MakeVersion(r, next));
  }
  auto batch = store::testing::CommitBatch(db, versions);
  EXPECT_TRUE(batch.ok()) << batch.status().ToString();
  return batch.ok() ? *batch : 0;
}

World MakeWorld() {
  World w;
  w.dir = std::make_unique<xianjie::testing::TempDir>();
  std::string spec = ":memory:";
  const char* backend = std::getenv("XJ_TEST_STORE");
  if (backend != nullptr && std::string(backend) == "sqlite") {
    spec = *w.dir / "world.db";
  } else if (backend != nullptr && std::string(backend) == "postgres") {
    auto url = store::testing::TestPostgresUrl(*w.dir);
    EXPECT_TRUE(url.ok()) << url.status().ToString();
    if (url.ok()) spec = *url;
  } else if (backend != nullptr && *backend != '\0' && std::string(backend) != "memory") {
    ADD_FAILURE() << "XJ_TEST_STORE is '" << backend << "', not memory, sqlite or postgres";
  }
  auto db = store::OpenStore(spec, store::OpenMode::kCreate);
  if (!db.ok()) {
    // Every test of the world needs its store: stop here rather than at a null pointer.
    std::fprintf(stderr, "the test world's store: %s\n", db.status().ToString().c_str());
    std::abort();
  }
  w.db = std::move(*db);
  const auto regions = registry::RegionTable::BuiltIn().all();
  EXPECT_TRUE(w.db->ReplaceRegions(std::vector<registry::Region>(regions.begin(), regions.end()))
                  .ok());
  int seed = 1;
  auto add = [&](const std::string& prefix, const char* village, int count) {
    for (int i = 1; i <= count; ++i, ++seed) {
      const std::string id = prefix + "0" + std::to_string(i);
      w.records.push_back(MakeHousehold(id, village, seed % 3 + 1, seed % 2 == 0, seed));
    }
  };
  add("A", kVillageA, 4);
  add("B", kVillageB, 3);
  add("C", kVillageC, 2);
  Commit(*w.db, w.records);
  w.ws = std::make_unique<Workspace>(*w.db);
  const Status refreshed = w.ws->Refresh();
  EXPECT_TRUE(refreshed.ok()) << refreshed.ToString();
  return w;
}

access::Principal Officer(access::Role role, const std::string& scope,
                          const std::string& username) {
  return access::Principal{username, role, scope};
}

int64_t Monitor(store::Database& db, const std::string& household, const std::string& village,
                CivilDate opened, const std::string& approved_at, const std::string& type,
                const std::string& risks) {
  cases::NewCase c = store::testing::MakeNewCase(household, "run:" + household, village);
  c.record.opened_on = opened;
  auto ids = db.OpenCases({c});
  EXPECT_TRUE(ids.ok()) << ids.status().ToString();
  if (!ids.ok()) return 0;
  auto stored = db.GetCase((*ids)[0]);
  EXPECT_TRUE(stored.ok() && stored->has_value());
  if (!stored.ok() || !stored->has_value()) return 0;
  cases::EventWrite w;
  w.expected_version = (*stored)->version;
  w.next = **stored;
  w.next.state = cases::CaseState::kMonitored;
  w.next.closed_at = approved_at;
  w.next.version = w.expected_version + 1;
  w.record = store::testing::MakeEvent(cases::EventType::kCountyApprove,
                                       cases::CaseState::kCountyApproval,
                                       cases::CaseState::kMonitored, w.next.version);
  w.record.case_id = w.next.id;
  cases::Episode e;
  e.household_id = household;
  e.village_code = village;
  e.identified_on = cases::ChinaDateOf(approved_at);
  e.type = type;
  e.risks = risks;
  w.open_episode = e;
  const Status s = db.AppendEvent(w);
  EXPECT_TRUE(s.ok()) << s.ToString();
  auto after = db.GetCase(w.next.id);
  return after.ok() && after->has_value() ? (*after)->episode_id : 0;
}

int64_t Monitor(store::Database& db, const std::string& household, const std::string& village,
                const std::string& approved_at, const std::string& type,
                const std::string& risks) {
  return Monitor(db, household, village, cases::ChinaDateOf(approved_at), approved_at, type,
                 risks);
}

void Eliminate(store::Database& db, const std::string& household, const std::string& village,
               int64_t episode, CivilDate on) {
  auto ids = db.OpenCases({store::testing::MakeNewCase(household, "elim:" + household, village,
                                                       cases::CaseKind::kElimination)});
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  auto stored = db.GetCase((*ids)[0]);
  ASSERT_TRUE(stored.ok() && stored->has_value());
  cases::EventWrite w;
  w.expected_version = (*stored)->version;
  w.next = **stored;
  w.next.state = cases::CaseState::kEliminated;
  w.next.closed_at = on.ToString() + "T02:00:00Z";
  w.next.version = w.expected_version + 1;
  w.next.method = "by_assistance";
  w.record = store::testing::MakeEvent(cases::EventType::kCountyApprove,
                                       cases::CaseState::kCountyApproval,
                                       cases::CaseState::kEliminated, w.next.version);
  w.record.case_id = w.next.id;
  cases::Episode close;
  close.id = episode;
  close.eliminated_on = on;
  close.method = "by_assistance";
  close.elimination_case = w.next.id;
  w.close_episode = close;
  const Status s = db.AppendEvent(w);
  ASSERT_TRUE(s.ok()) << s.ToString();
}

std::string Noon(int day) {
  const CivilDate d = CivilDate::FromDays(CivilDate::FromYmd(2026, 12, 1).ToDays() + day);
  return d.ToString() + "T04:00:00Z";
}

std::unique_ptr<Workspace> At(store::Database& db, const std::string& now) {
  WorkspaceOptions options;
  options.clock = [now] { return now; };
  auto ws = std::make_unique<Workspace>(db, options);
  const Status refreshed = ws->Refresh();
  EXPECT_TRUE(refreshed.ok()) << refreshed.ToString();
  return ws;
}

CaseAction Event(const std::string& event, cases::Fields fields, const std::string& comment) {
  CaseAction a;
  a.event = event;
  a.fields = std::move(fields);
  a.comment = comment;
  return a;
}

std::vector<access::AuditEntry> Audit(store::Database& db) {
  std::vector<access::AuditEntry> out;
  EXPECT_TRUE(db.ForEach([&](const access::AuditEntry& e) {
                  out.push_back(e);
                  return Status::Ok();
                }).ok());
  return out;
}

std::vector<std::vector<std::string>> SheetRows(const std::string& bytes, const std::string& sheet) {
  std::vector<std::vector<std::string>> rows;
  auto reader = ingest::XlsxReader::Open(bytes);
  if (!reader.ok()) {
    ADD_FAILURE() << reader.status().ToString();
    return rows;
  }
  if (Status s = (*reader)->OpenSheet(sheet); !s.ok()) {
    ADD_FAILURE() << s.ToString();
    return rows;
  }
  ingest::XlsxRow row;
  for (;;) {
    auto more = (*reader)->Next(row);
    if (!more.ok()) ADD_FAILURE() << more.status().ToString();
    if (!more.ok() || !*more) return rows;
    std::vector<std::string> cells;
    for (const ingest::XlsxCell& c : row.cells) cells.push_back(c.text);
    rows.push_back(std::move(cells));
  }
}

}  // namespace xianjie::service::testing
