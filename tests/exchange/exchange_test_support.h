// Hand-built registries for the facts and checks tests: households whose members are set field
// by field, department rows written straight into an upload, and monitoring episodes opened as
// a county approval opens them. Everything in a memory store, with a Workspace whose clock is
// fixed (today = 2026-11-20 in China). And the facts catalogue the checks compile against.
#ifndef XIANJIE_TESTS_EXCHANGE_EXCHANGE_TEST_SUPPORT_H_
#define XIANJIE_TESTS_EXCHANGE_EXCHANGE_TEST_SUPPORT_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "access/audit.h"
#include "base/id_number.h"
#include "cases/case.h"
#include "cases/workflow.h"
#include "exchange/exchange_store.h"
#include "exchange/fact_table.h"
#include "ingest/source_contract.h"
#include "registry/household.h"
#include "registry/region.h"
#include "service/service_test_support.h"
#include "service/workspace.h"
#include "store/open.h"

namespace xianjie::exchange::testing {

inline constexpr char kNow[] = "2026-11-20T02:00:00Z";  // China: 2026-11-20
inline constexpr char kVillage[] = "630102001001";
inline constexpr char kOtherVillage[] = "630121100001";

inline CivilDate Today() { return CivilDate::FromYmd(2026, 11, 20); }

// The facts of the built-in contracts (FactCatalog of ingest::BuiltinContracts), made once.
inline const std::vector<rules::FactField>& Catalog() {
  static const auto* catalog =
      new std::vector<rules::FactField>(FactCatalog(ingest::BuiltinContracts()));
  return *catalog;
}

// A member born on `birth`, its ID number made from them (odd sequence: male).
inline registry::Member Person(int sequence, registry::Relation relation, registry::Sex sex,
                               CivilDate birth,
                               registry::Labor labor = registry::Labor::kOrdinary) {
  registry::Member m;
  const int seq = sequence * 2 + (sex == registry::Sex::kMale ? 1 : 0);
  m.id_number = MakeIdNumber("630102", birth, seq % 1000);
  m.name = "成员" + std::to_string(sequence);
  m.relation = relation;
  m.sex = sex;
  m.birth_date = birth;
  m.labor = labor;
  m.med_insured = true;
  return m;
}

// A household of a head (man, 1980) and his wife (1982), both ordinary labour, with 30,000 yuan
// of wages: nothing any check reports. `seed` keeps ID numbers apart between households.
inline registry::HouseholdRecord Family(const std::string& id, int seed,
                                        const std::string& village = kVillage) {
  registry::HouseholdRecord r;
  r.household.household_id = id;
  r.household.village_code = *RegionCode::Parse(village);
  r.household.wage_income = Money::FromYuan(30000);
  r.household.transfer_income = Money::FromYuan(1000);
  r.household.rigid_medical = Money::FromYuan(500);
  r.members.push_back(Person(seed * 10, registry::Relation::kHead, registry::Sex::kMale,
                             CivilDate::FromYmd(1980, 3, 1)));
  r.members.push_back(Person(seed * 10 + 1, registry::Relation::kSpouse, registry::Sex::kFemale,
                             CivilDate::FromYmd(1982, 5, 2)));
  return r;
}

// A store (memory, or the SQLite file `spec`) with the built-in regions and `records`, and a
// Workspace over it refreshed.
struct Registry {
  std::unique_ptr<store::Database> db;
  std::unique_ptr<service::Workspace> ws;
};

inline Registry MakeRegistry(std::vector<registry::HouseholdRecord> records,
                             const std::string& spec = ":memory:") {
  Registry r;
  auto db = store::OpenStore(spec, store::OpenMode::kCreate);
  EXPECT_TRUE(db.ok());
  r.db = std::move(*db);
  const auto regions = registry::RegionTable::BuiltIn().all();
  EXPECT_TRUE(
      r.db->ReplaceRegions(std::vector<registry::Region>(regions.begin(), regions.end())).ok());
  for (auto& record : records) registry::Canonicalize(record);
  std::sort(records.begin(), records.end(), [](const auto& a, const auto& b) {
    return a.household.household_id < b.household.household_id;
  });
  service::testing::Commit(*r.db, records);
  service::WorkspaceOptions options;
  options.clock = [] { return std::string(kNow); };
  r.ws = std::make_unique<service::Workspace>(*r.db, options);
  const Status refreshed = r.ws->Refresh();
  EXPECT_TRUE(refreshed.ok()) << refreshed.ToString();
  return r;
}

// A matched row of `source` about `person` of household `household`.
inline DeptRow Row(const std::string& source, const registry::Member& person,
                   const std::string& household, const std::string& event_date,
                   const std::string& values_json, const std::string& village = kVillage) {
  DeptRow r;
  r.source = source;
  r.key = person.id_number;
  r.id_number = person.id_number;
  r.household_id = household;
  r.village_code = village;
  r.event_date = event_date;
  r.period = event_date.substr(0, 7);
  r.values_json = values_json;
  return r;
}

// Commits `rows` (numbered 2, 3, ... when their row is 0) as one upload of `source`; returns the
// upload's id. `seed` makes the file's bytes unique.
inline int64_t PutRows(store::Database& db, const std::string& source, std::vector<DeptRow> rows,
                       int seed) {
  const std::string content = source + " upload " + std::to_string(seed);
  UploadRecord u;
  u.source = source;
  u.file_name = source + ".csv";
  u.sha256 = access::Sha256Hex(content);
  u.bytes = static_cast<int64_t>(content.size());
  u.format = "csv";
  u.encoding = "utf-8";
  u.user = "clerk";
  u.uploaded_at = kNow;
  registry::BatchInfo batch;
  batch.source = "dept:" + source;
  batch.user = "clerk";
  batch.started_at = kNow;
  batch.as_of = Today();
  auto writer = db.BeginUpload(batch, u, content);
  EXPECT_TRUE(writer.ok()) << writer.status().ToString();
  if (!writer.ok()) return 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].row == 0) rows[i].row = static_cast<int64_t>(i) + 2;
    const Status s = (*writer)->PutRow(rows[i]);
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
  UploadRecord final_record = (*writer)->upload();
  final_record.accepted = static_cast<int64_t>(rows.size());
  final_record.read = final_record.accepted;
  const Status committed = (*writer)->Commit(final_record);
  EXPECT_TRUE(committed.ok()) << committed.ToString();
  return final_record.id;
}

// An identification case approved by the county on `identified`: an open monitoring episode of
// `household` with `risks` ("R01;R07"). Returns the episode's id.
inline int64_t OpenEpisode(store::Database& db, const std::string& household,
                           const std::string& village, const std::string& risks,
                           CivilDate identified = CivilDate::FromYmd(2026, 6, 1)) {
  cases::Actor county;
  county.principal = access::Principal{"county", access::Role::kCounty, village.substr(0, 6)};
  const std::string at = identified.ToString() + "T04:00:00Z";
  cases::Applied opened = cases::OpenCase(cases::CaseKind::kIdentification, household, village,
                                          cases::Channel::kCadreVisit, county, at, {});
  cases::Lead lead;
  lead.household_id = household;
  lead.channel = cases::Channel::kCadreVisit;
  lead.source = "visit:" + household;
  auto ids = db.OpenCases({cases::NewCase{opened.next, opened.record, lead}});
  EXPECT_TRUE(ids.ok()) << ids.status().ToString();
  if (!ids.ok()) return 0;
  auto c = db.GetCase(ids->front());
  EXPECT_TRUE(c.ok() && c->has_value());
  cases::EventWrite write;
  write.expected_version = (*c)->version;
  write.next = **c;
  write.next.state = cases::CaseState::kMonitored;
  write.next.closed_at = at;
  write.record.seq = (*c)->version + 1;
  write.record.event = cases::EventType::kCountyApprove;
  write.record.from = (*c)->state;
  write.record.to = cases::CaseState::kMonitored;
  write.record.actor = "county";
  write.record.actor_role = "county";
  write.record.at = at;
  write.record.on = identified;
  cases::Episode episode;
  episode.household_id = household;
  episode.village_code = village;
  episode.identified_on = identified;
  episode.type = "marginal";
  episode.risks = risks;
  write.open_episode = episode;
  const Status appended = db.AppendEvent(write);
  EXPECT_TRUE(appended.ok()) << appended.ToString();
  auto episodes = db.EpisodesOf(household);
  EXPECT_TRUE(episodes.ok() && !episodes->empty());
  return episodes.ok() && !episodes->empty() ? episodes->back().id : 0;
}

}  // namespace xianjie::exchange::testing

#endif  // XIANJIE_TESTS_EXCHANGE_EXCHANGE_TEST_SUPPORT_H_
