// The verification sample through the service (service/sample.h): a county's sample drawn from
// the registry with each household in its stratum (open object by type, serious illness or a
// recent R01 sign, a recent R04 sign, other), stored and read back with masked ID numbers, visit
// results recorded and estimated, the scorecard's sample KPIs fed by them, draws closed and
// redrawn, every refusal, and the audit.
#include "service/sample.h"

#include <gtest/gtest.h>

#include <set>

#include <nlohmann/json.hpp>

#include "service/assessment.h"
#include "service/service_test_support.h"
#include "store/case_builders.h"
#include "store/exchange_builders.h"

namespace xianjie::service {
namespace {

using access::Role;
using analytics::SampleResult;
using analytics::Stratum;
using cases::CaseKind;
using cases::CaseState;
using cases::EventType;
using testing::Eliminate;
using testing::Monitor;
using testing::Officer;

constexpr char kCounty[] = "630102";  // villages A and B: A01..A04, B01..B03

CivilDate D(int y, int m, int d) { return CivilDate::FromYmd(y, m, d); }


// A department warning of `household` naming `risks`, raised at `raised_at`.
void Warn(store::Database& db, const std::string& household, const std::vector<std::string>& risks,
          const std::string& raised_at) {
  const std::string source = "medical_insurance";
  const std::string content = "warning of " + household + raised_at;
  auto writer = db.BeginUpload(store::testing::UploadBatch(source),
                               store::testing::MakeUpload(source, content), content);
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  exchange::DeptWarning w = store::testing::MakeWarning(source, household + "-person", "2026-05");
  w.household_id = household;
  w.risks = risks;
  w.raised_at = raised_at;
  auto put = (*writer)->PutWarning(w);
  ASSERT_TRUE(put.ok() && *put) << (put.ok() ? "not written" : put.status().ToString());
  const Status s = (*writer)->Commit(store::testing::Final((*writer)->upload(), 0, 0, 0));
  ASSERT_TRUE(s.ok()) << s.ToString();
}

// The world of the service tests on 15 June 2026 (China), with county 630102's households in
// every stratum:
//   A01 marginal (open episode); A02 unstable_lifted (open episode, also seriously ill);
//   A03 illness (a counted member seriously ill); A04 disaster (an R04 episode eliminated in
//   February 2026); B01 other (an R01 episode eliminated in January 2025, over 365 days ago);
//   B02 disaster (a department warning naming R04 in May 2026); B03 other (its seriously ill
//   member is not counted).
struct Fixture {
  testing::World w = testing::MakeWorld();
  std::unique_ptr<Workspace> ws;
  Fixture() {
    std::vector<registry::HouseholdRecord> changed;
    for (registry::HouseholdRecord r : w.records) {
      for (registry::Member& m : r.members) m.health = registry::Health::kHealthy;
      const std::string& id = r.household.household_id;
      if (id == "A02" || id == "A03") r.members[0].health = registry::Health::kSerious;
      if (id == "B03") {
        EXPECT_GE(r.members.size(), 2u);
        r.members.back().health = registry::Health::kSerious;
        r.members.back().shares_household = false;
      }
      changed.push_back(std::move(r));
    }
    testing::Commit(*w.db, changed);
    Monitor(*w.db, "A01", testing::kVillageA, "2026-03-10T02:00:00Z", "marginal", "R07");
    Monitor(*w.db, "A02", testing::kVillageA, "2026-03-11T02:00:00Z", "unstable_lifted", "R01");
    const int64_t a04 =
        Monitor(*w.db, "A04", testing::kVillageA, "2025-08-01T02:00:00Z", "sudden_hardship", "R04");
    Eliminate(*w.db, "A04", testing::kVillageA, a04, D(2026, 2, 1));
    const int64_t b01 =
        Monitor(*w.db, "B01", testing::kVillageB, "2024-05-01T02:00:00Z", "marginal", "R01");
    Eliminate(*w.db, "B01", testing::kVillageB, b01, D(2025, 1, 10));
    Warn(*w.db, "B02", {"R04"}, "2026-05-01T02:00:00Z");
    WorkspaceOptions options;
    options.clock = [] { return std::string("2026-06-15T02:00:00Z"); };
    ws = std::make_unique<Workspace>(*w.db, options);
    EXPECT_TRUE(ws->Refresh().ok());
  }

  SampleFile Draw(DrawRequest request = {}, Role role = Role::kProvince,
                  const std::string& scope = "63") {
    if (request.county.empty()) request.county = kCounty;
    auto file = DrawSample(*ws, Officer(role, scope, "drawer"), request);
    EXPECT_TRUE(file.ok()) << file.status().ToString();
    return file.ok() ? *file : SampleFile{};
  }
  Status Record(int64_t draw, const std::string& household, SampleResult r,
                Role role = Role::kCounty, const std::string& scope = kCounty) {
    if (r.visitor.empty()) r.visitor = "第三方评估组";
    if (r.visited_on == CivilDate()) r.visited_on = D(2026, 6, 15);
    return RecordSampleResult(*ws, Officer(role, scope, "recorder"), draw, household, r).status();
  }
  std::multiset<std::string> AuditActions(const std::string& user) {
    std::multiset<std::string> actions;
    EXPECT_TRUE(w.db->ForEach([&](const access::AuditEntry& e) {
                      if (e.user == user) actions.insert(e.action);
                      return Status::Ok();
                    }).ok());
    return actions;
  }
};

DrawRequest Request(const std::string& county, int year = 0) {
  DrawRequest r;
  r.county = county;
  r.year = year;
  return r;
}

SampleResult Answers(std::optional<bool> meets, std::optional<bool> included,
                     std::optional<bool> passed, std::optional<bool> satisfied) {
  SampleResult r;
  r.meets_criteria = meets;
  r.included = included;
  r.comparison_passed = passed;
  r.satisfied = satisfied;
  return r;
}

const SampleUnitItem* UnitOf(const SampleFile& f, const std::string& household) {
  for (const SampleUnitItem& u : f.units) {
    if (u.unit.household_id == household) return &u;
  }
  return nullptr;
}

template <typename T>
void ExpectRefused(const Result<T>& r, StatusCode code, const std::string& says) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), code) << r.status().ToString();
  EXPECT_NE(r.status().message().find(says), std::string::npos) << r.status().message();
}

TEST(SampleServiceTest, ACountysHouseholdsAreDrawnEachInItsStratum) {
  Fixture f;
  const SampleFile file = f.Draw();
  EXPECT_EQ(file.draw.county_code, kCounty);
  EXPECT_EQ(file.draw.year, 2026);  // the current year
  EXPECT_EQ(file.draw.seed, 6301022026u);
  EXPECT_EQ(file.draw.drawn_by, "drawer");
  EXPECT_EQ(file.draw.frame_households, 7);
  EXPECT_TRUE(file.draw.latest);
  EXPECT_FALSE(file.draw.closed());
  // 7 households in 2 villages: all taken, probabilities 1.
  ASSERT_EQ(file.units.size(), 7u);
  ASSERT_EQ(file.villages.size(), 2u);
  EXPECT_EQ(file.villages[0].village_code, testing::kVillageA);
  EXPECT_EQ(file.villages[0].households, 4);
  EXPECT_FALSE(file.villages[0].village_name.empty());
  const std::map<std::string, Stratum> expected = {
      {"A01", Stratum::kMarginal}, {"A02", Stratum::kUnstableLifted},
      {"A03", Stratum::kIllness},  {"A04", Stratum::kDisaster},
      {"B01", Stratum::kOther},    {"B02", Stratum::kDisaster},
      {"B03", Stratum::kOther}};
  for (const auto& [household, stratum] : expected) {
    const SampleUnitItem* u = UnitOf(file, household);
    ASSERT_NE(u, nullptr) << household;
    EXPECT_EQ(u->unit.stratum, stratum) << household;
    EXPECT_EQ(u->unit.weight, 1.0) << household;
    EXPECT_FALSE(u->head_name.empty()) << household;
    EXPECT_FALSE(u->result.has_value());
  }
  EXPECT_EQ(file.strata[static_cast<size_t>(Stratum::kDisaster)].sampled, 2);
  EXPECT_EQ(file.strata[static_cast<size_t>(Stratum::kDisaster)].frame, 2);
  EXPECT_EQ(file.strata[static_cast<size_t>(Stratum::kSuddenHardship)].sampled, 0);
  // A province officer sees the heads' ID numbers masked.
  const std::string& id = UnitOf(file, "A01")->head_id_number;
  EXPECT_EQ(id.size(), 18u);
  EXPECT_NE(id.find("********"), std::string::npos) << id;
  EXPECT_EQ(file.parameters.villages, 10);
  EXPECT_EQ(file.parameters.households, 300);
  EXPECT_EQ(f.AuditActions("drawer").count("sample.draw"), 1u);
  // Read back as stored.
  auto read = GetSample(*f.ws, Officer(Role::kAuditor, "63", "auditor"), file.draw.id);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->units.size(), 7u);
  EXPECT_EQ(UnitOf(*read, "A04")->unit.stratum, Stratum::kDisaster);
  EXPECT_EQ(f.AuditActions("auditor").count("sample.read"), 1u);
}

TEST(SampleServiceTest, ASeedDrawsTheSameHouseholdsAgain) {
  Fixture f;
  DrawRequest r;
  r.seed = 12345;
  r.parameters.villages = 1;
  r.parameters.households = 3;
  const SampleFile first = f.Draw(r);
  EXPECT_EQ(first.draw.seed, 12345u);
  ASSERT_EQ(first.units.size(), 3u);
  EXPECT_EQ(first.villages.size(), 1u);
  r.redraw = true;
  const SampleFile again = f.Draw(r);
  EXPECT_NE(again.draw.id, first.draw.id);
  ASSERT_EQ(again.units.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(again.units[i].unit.household_id, first.units[i].unit.household_id);
    EXPECT_EQ(again.units[i].unit.weight, first.units[i].unit.weight);
  }
  // The weights are those of a sample of 1 village out of 2 and 3 households out of its 4 or 3.
  EXPECT_GT(first.units[0].unit.weight, 1.0);
  nlohmann::json params = nlohmann::json::parse(first.draw.parameters_json);
  EXPECT_EQ(params["villages"], 1);
  EXPECT_EQ(params["stratum_weights"]["other"], 1);
}

TEST(SampleServiceTest, ASecondDrawIsRefusedAndARedrawReplacesTheFirst) {
  Fixture f;
  const SampleFile first = f.Draw();
  auto again = DrawSample(*f.ws, Officer(Role::kProvince, "63"), Request(kCounty, 2026));
  ExpectRefused(again, StatusCode::kAlreadyExists, "ask for a redraw");
  DrawRequest redraw;
  redraw.redraw = true;
  const SampleFile second = f.Draw(redraw, Role::kPrefecture, "6301");
  EXPECT_TRUE(second.draw.latest);
  auto old = GetSample(*f.ws, Officer(Role::kProvince, "63"), first.draw.id);
  ASSERT_TRUE(old.ok());
  EXPECT_FALSE(old->draw.latest);
  Status replaced = f.Record(first.draw.id, "A01", Answers(true, true, true, true));
  EXPECT_EQ(replaced.code(), StatusCode::kFailedPrecondition) << replaced.ToString();
  EXPECT_NE(replaced.message().find("record the results in that one"), std::string::npos);
  // Another year is a sample of its own.
  DrawRequest last_year;
  last_year.year = 2025;
  EXPECT_EQ(f.Draw(last_year).draw.year, 2025);
}

TEST(SampleServiceTest, DrawingIsRefusedWithWhatToDo) {
  Fixture f;
  auto draw = [&](DrawRequest r, Role role = Role::kProvince, const std::string& scope = "63") {
    return DrawSample(*f.ws, Officer(role, scope), r);
  };
  ExpectRefused(draw(Request(kCounty), Role::kCounty, kCounty), StatusCode::kPermissionDenied,
                "may not sample.draw");
  ExpectRefused(draw(Request(kCounty), Role::kPrefecture, "6302"), StatusCode::kPermissionDenied,
                "outside the user's scope");
  ExpectRefused(draw(Request("6301")), StatusCode::kInvalidArgument, "county code of 6 digits");
  ExpectRefused(draw(Request("639999")), StatusCode::kNotFound, "not in the region table");
  ExpectRefused(draw(Request("632221")), StatusCode::kFailedPrecondition,
                "has no household in the registry");
  ExpectRefused(draw(Request(kCounty, 2027)), StatusCode::kInvalidArgument,
                "year must be from 2000 to 2026");
  ExpectRefused(draw(Request(kCounty, 1999)), StatusCode::kInvalidArgument, "got 1999");
  DrawRequest r = Request(kCounty);
  r.seed = kMaxSampleSeed + 1;
  ExpectRefused(draw(r), StatusCode::kInvalidArgument, "seed must be a whole number");
  r = Request(kCounty);
  r.parameters.households = 0;
  ExpectRefused(draw(r), StatusCode::kInvalidArgument, "households");
  r = Request(kCounty);
  r.parameters.stratum_weights[0] = 1001;
  ExpectRefused(draw(r), StatusCode::kInvalidArgument, "1001");
  auto list = ListSamples(*f.ws, Officer(Role::kProvince, "63"), "", 0, false);
  ASSERT_TRUE(list.ok());
  EXPECT_TRUE(list->empty());
}

// The frame a draw would sample, for choosing a seed before drawing: every household of the
// county in its stratum, the seed's draw over it equals DrawSample's, and the same refusals.
TEST(SampleServiceTest, TheFrameIsWhatADrawSamples) {
  Fixture f;
  auto frame = SampleFrame(*f.ws, Officer(Role::kPrefecture, "6301", "drawer"), kCounty);
  ASSERT_TRUE(frame.ok()) << frame.status().ToString();
  ASSERT_EQ(frame->size(), 7u);
  std::map<std::string, Stratum> strata;
  for (const analytics::FrameHousehold& h : *frame) strata[h.household_id] = h.stratum;
  EXPECT_EQ(strata["A02"], Stratum::kUnstableLifted);
  EXPECT_EQ(strata["B02"], Stratum::kDisaster);
  EXPECT_EQ(f.AuditActions("drawer").count("sample.frame"), 1u);
  analytics::SampleParameters p;
  p.villages = 1;
  p.households = 3;
  p.seed = 99;
  auto sample = analytics::DrawCountySample(kCounty, *frame, p);
  ASSERT_TRUE(sample.ok()) << sample.status().ToString();
  DrawRequest r;
  r.seed = 99;
  r.parameters = p;
  const SampleFile file = f.Draw(r);
  ASSERT_EQ(file.units.size(), sample->households.size());
  for (size_t i = 0; i < file.units.size(); ++i) {
    EXPECT_EQ(file.units[i].unit.household_id, sample->households[i].household_id);
  }
  ExpectRefused(SampleFrame(*f.ws, Officer(Role::kCounty, kCounty), kCounty),
                StatusCode::kPermissionDenied, "may not sample.draw");
  ExpectRefused(SampleFrame(*f.ws, Officer(Role::kPrefecture, "6302"), kCounty),
                StatusCode::kPermissionDenied, "outside the user's scope");
  ExpectRefused(SampleFrame(*f.ws, Officer(Role::kProvince, "63"), "63"),
                StatusCode::kInvalidArgument, "county code of 6 digits");
  ExpectRefused(SampleFrame(*f.ws, Officer(Role::kProvince, "63"), "639999"),
                StatusCode::kNotFound, "not in the region table");
  ExpectRefused(SampleFrame(*f.ws, Officer(Role::kProvince, "63"), "632221"),
                StatusCode::kFailedPrecondition, "has no household in the registry");
}

TEST(SampleServiceTest, ResultsGiveTheEstimates) {
  Fixture f;
  const int64_t id = f.Draw().draw.id;
  // Omission: A01 included, A03 and B01 not, of those meeting the criteria: 2 of 3.
  // Wrong inclusion: A01 failed the comparison, A02 passed: 1 of 2.
  // Approval: 3 of 4 satisfied.
  ASSERT_TRUE(f.Record(id, "A01", Answers(true, true, false, true)).ok());
  ASSERT_TRUE(f.Record(id, "A02", Answers(std::nullopt, true, true, false)).ok());
  ASSERT_TRUE(f.Record(id, "A03", Answers(true, false, std::nullopt, true)).ok());
  ASSERT_TRUE(f.Record(id, "B01", Answers(true, false, std::nullopt, true)).ok());
  auto file = GetSample(*f.ws, Officer(Role::kCounty, kCounty), id);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->draw.recorded, 4);
  ASSERT_TRUE(file->estimates.omission);
  EXPECT_DOUBLE_EQ(file->estimates.omission->estimate, 2.0 / 3);
  EXPECT_EQ(file->estimates.omission->households, 3);
  EXPECT_EQ(file->estimates.omission->villages, 2);
  EXPECT_LE(file->estimates.omission->lower, 2.0 / 3);
  EXPECT_GE(file->estimates.omission->upper, 2.0 / 3);
  ASSERT_TRUE(file->estimates.wrong_inclusion);
  EXPECT_DOUBLE_EQ(file->estimates.wrong_inclusion->estimate, 0.5);
  EXPECT_EQ(file->estimates.wrong_inclusion->households, 2);
  ASSERT_TRUE(file->estimates.approval);
  EXPECT_DOUBLE_EQ(file->estimates.approval->estimate, 0.75);
  const SampleUnitItem* a03 = UnitOf(*file, "A03");
  ASSERT_TRUE(a03->result);
  EXPECT_EQ(a03->result->recorded_by, "recorder");
  EXPECT_EQ(a03->result->comparison_passed, std::nullopt);
  EXPECT_EQ(f.AuditActions("recorder").count("sample.record"), 4u);
  // A result replaced changes the estimate: A03 is now included.
  ASSERT_TRUE(f.Record(id, "A03", Answers(true, true, true, true)).ok());
  file = GetSample(*f.ws, Officer(Role::kCounty, kCounty), id);
  ASSERT_TRUE(file.ok());
  EXPECT_DOUBLE_EQ(file->estimates.omission->estimate, 1.0 / 3);
  EXPECT_EQ(file->draw.recorded, 4);
}

TEST(SampleServiceTest, TheScorecardAssessesTheSampleKpisOnceResultsAreRecorded) {
  Fixture f;
  auto card = [&]() -> analytics::Scorecard {
    auto set = Scorecards(*f.ws, Officer(Role::kProvince, "63"), "6301", 2026);
    EXPECT_TRUE(set.ok()) << set.status().ToString();
    if (!set.ok()) return {};
    for (const analytics::Scorecard& c : set->cards) {
      if (c.region == kCounty) return c;
    }
    ADD_FAILURE() << "no card of " << kCounty;
    return {};
  };
  auto kpi = [](const analytics::Scorecard& c, analytics::Kpi k) {
    return c.kpis[static_cast<size_t>(k)];
  };
  const analytics::Scorecard before = card();
  EXPECT_EQ(kpi(before, analytics::Kpi::kOmission).reason, analytics::NotAssessed::kNoSample);
  const int64_t id = f.Draw().draw.id;
  // A draw without results is no estimate yet.
  EXPECT_EQ(kpi(card(), analytics::Kpi::kOmission).reason, analytics::NotAssessed::kNoSample);
  ASSERT_TRUE(f.Record(id, "A01", Answers(true, true, true, true)).ok());
  ASSERT_TRUE(f.Record(id, "A03", Answers(true, false, std::nullopt, false)).ok());
  const analytics::Scorecard after = card();
  const analytics::KpiResult omission = kpi(after, analytics::Kpi::kOmission);
  ASSERT_TRUE(omission.assessed());
  EXPECT_DOUBLE_EQ(omission.achieved, 0.5);
  ASSERT_TRUE(omission.estimate);
  EXPECT_EQ(omission.estimate->households, 2);
  EXPECT_TRUE(kpi(after, analytics::Kpi::kWrongInclusion).assessed());
  EXPECT_DOUBLE_EQ(kpi(after, analytics::Kpi::kApproval).achieved, 0.5);
  EXPECT_GT(after.assessed_weight, before.assessed_weight);
  ASSERT_TRUE(before.total && after.total);
  EXPECT_NE(*before.total, *after.total);
  // Another county's card has no sample.
  auto set = Scorecards(*f.ws, Officer(Role::kProvince, "63"), "6301", 2026);
  ASSERT_TRUE(set.ok());
  for (const analytics::Scorecard& c : set->cards) {
    if (c.region == "630121") {
      EXPECT_EQ(kpi(c, analytics::Kpi::kOmission).reason, analytics::NotAssessed::kNoSample);
    }
  }
}

TEST(SampleServiceTest, RecordingIsRefusedWithWhatToDo) {
  Fixture f;
  const int64_t id = f.Draw().draw.id;
  auto refused = [&](Status s, StatusCode code, const std::string& says) {
    EXPECT_EQ(s.code(), code) << s.ToString();
    EXPECT_NE(s.message().find(says), std::string::npos) << s.message();
  };
  refused(f.Record(id, "A01", Answers(true, true, true, true), Role::kTownship, "630102001"),
          StatusCode::kPermissionDenied, "may not sample.record");
  refused(f.Record(id, "A01", Answers(true, true, true, true), Role::kCounty, "630121"),
          StatusCode::kPermissionDenied, "outside the user's scope");
  refused(f.Record(99, "A01", Answers(true, true, true, true)), StatusCode::kNotFound,
          "there is no sample draw 99");
  refused(f.Record(id, "C01", Answers(true, true, true, true)), StatusCode::kNotFound,
          "household C01 was not drawn");
  SampleResult future = Answers(true, true, true, true);
  future.visited_on = D(2026, 6, 16);
  refused(f.Record(id, "A01", future), StatusCode::kInvalidArgument, "is in the future");
  SampleResult early = Answers(true, true, true, true);
  early.visited_on = D(2026, 6, 14);
  refused(f.Record(id, "A01", early), StatusCode::kInvalidArgument,
          "before the sample was drawn (2026-06-15)");
  SampleResult nobody = Answers(true, true, true, true);
  nobody.visitor = " ";
  refused(f.Record(id, "A01", nobody), StatusCode::kInvalidArgument, "visitor is missing");
  // Closed by the prefecture (the county may not close it): results are final.
  ExpectRefused(CloseSample(*f.ws, Officer(Role::kCounty, kCounty), id),
                StatusCode::kPermissionDenied, "may not sample.draw");
  auto closed = CloseSample(*f.ws, Officer(Role::kPrefecture, "6301", "closer"), id);
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  EXPECT_TRUE(closed->draw.closed());
  EXPECT_EQ(closed->draw.closed_by, "closer");
  EXPECT_EQ(f.AuditActions("closer").count("sample.close"), 1u);
  refused(f.Record(id, "A01", Answers(true, true, true, true)), StatusCode::kFailedPrecondition,
          "can no longer change");
  ExpectRefused(CloseSample(*f.ws, Officer(Role::kPrefecture, "6301"), id),
                StatusCode::kFailedPrecondition, "was closed by closer");
  DrawRequest redraw;
  redraw.redraw = true;
  ExpectRefused(DrawSample(*f.ws, Officer(Role::kProvince, "63"), redraw),
                StatusCode::kInvalidArgument, "county code");
  redraw.county = kCounty;
  ExpectRefused(DrawSample(*f.ws, Officer(Role::kProvince, "63"), redraw),
                StatusCode::kFailedPrecondition, "cannot be replaced by a redraw");
}

TEST(SampleServiceTest, ReadingIsScopedAndListsAreByRegionAndYear) {
  Fixture f;
  const int64_t id = f.Draw().draw.id;
  DrawRequest other = Request("630121");
  f.Draw(other);
  ExpectRefused(GetSample(*f.ws, Officer(Role::kCounty, "630121"), id),
                StatusCode::kPermissionDenied, "outside the user's scope");
  ExpectRefused(GetSample(*f.ws, Officer(Role::kTownship, "630102001"), id),
                StatusCode::kPermissionDenied, "may not assessment.read");
  ExpectRefused(GetSample(*f.ws, Officer(Role::kProvince, "63"), 77), StatusCode::kNotFound,
                "there is no sample draw 77");
  auto all = ListSamples(*f.ws, Officer(Role::kAuditor, "63"), "", 0, false);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_FALSE((*all)[0].county_name.empty());
  auto county = ListSamples(*f.ws, Officer(Role::kCounty, kCounty), "", 2026, true);
  ASSERT_TRUE(county.ok()) << county.status().ToString();
  ASSERT_EQ(county->size(), 1u);
  EXPECT_EQ((*county)[0].draw.id, id);
  auto none = ListSamples(*f.ws, Officer(Role::kProvince, "63"), "6301", 2025, false);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  ExpectRefused(ListSamples(*f.ws, Officer(Role::kProvince, "63"), "630102001", 0, false),
                StatusCode::kInvalidArgument, "samples are drawn per county");
  ExpectRefused(ListSamples(*f.ws, Officer(Role::kCounty, kCounty), "630121", 0, false),
                StatusCode::kPermissionDenied, "outside the user's scope");
  // The latest of a county and year.
  auto latest = LatestSample(*f.ws, Officer(Role::kCounty, kCounty, "reader"), kCounty, 0);
  ASSERT_TRUE(latest.ok()) << latest.status().ToString();
  EXPECT_EQ(latest->draw.id, id);
  EXPECT_EQ(f.AuditActions("reader").count("sample.read"), 1u);
  ExpectRefused(LatestSample(*f.ws, Officer(Role::kCounty, kCounty), kCounty, 2024),
                StatusCode::kNotFound, "has no sample for 2024");
}

TEST(SampleServiceTest, TheJsonAndTheWorkbook) {
  Fixture f;
  const int64_t id = f.Draw().draw.id;
  ASSERT_TRUE(f.Record(id, "A01", Answers(true, true, std::nullopt, true)).ok());
  auto file = GetSample(*f.ws, Officer(Role::kProvince, "63"), id);
  ASSERT_TRUE(file.ok());
  const nlohmann::json j = nlohmann::json::parse(SampleFileJson(*file));
  EXPECT_EQ(j["id"], id);
  EXPECT_EQ(j["county"], kCounty);
  EXPECT_EQ(j["seed"], 6301022026u);
  EXPECT_EQ(j["parameters"]["stratum_weights"]["marginal"], 3);
  EXPECT_EQ(j["households"], 7);
  EXPECT_EQ(j["recorded"], 1);
  EXPECT_EQ(j["closed"], false);
  ASSERT_EQ(j["units"].size(), 7u);
  const nlohmann::json& a01 = j["units"][0];
  EXPECT_EQ(a01["household_id"], "A01");
  EXPECT_EQ(a01["stratum"], "marginal");
  EXPECT_EQ(a01["result"]["comparison_passed"], nullptr);
  EXPECT_EQ(a01["result"]["satisfied"], true);
  EXPECT_EQ(j["units"][1]["result"], nullptr);
  EXPECT_EQ(j["estimates"]["wrong_inclusion"], nullptr);  // no comparison answered
  EXPECT_EQ(j["estimates"]["approval"]["estimate"], 1.0);
  EXPECT_EQ(j["estimates"]["approval"]["method"], "wilson");
  EXPECT_EQ(j["strata"].size(), analytics::kStratumCount);
  EXPECT_EQ(j["sampled_villages"].size(), 2u);
  auto workbook = SampleXlsx(*file);
  ASSERT_TRUE(workbook.ok()) << workbook.status().ToString();
  // Read back: a row per household with the ID number as the province officer sees it.
  EXPECT_EQ(testing::SheetRows(*workbook, "估计").empty(), false);
  const auto rows = testing::SheetRows(*workbook, "样本");
  ASSERT_EQ(rows.size(), 8u);  // the header and 7 households
  EXPECT_EQ(rows[0][5], "户主身份证号");
  EXPECT_EQ(rows[1][3], "A01");
  EXPECT_EQ(rows[1][5], UnitOf(*file, "A01")->head_id_number);
  EXPECT_NE(rows[1][5], f.w.records[0].members[0].id_number);
  EXPECT_EQ(rows[1][6], "边缘易致贫户");
  EXPECT_EQ(rows[1][12], "是");  // meets the criteria
  EXPECT_EQ(rows[1][14], "");    // comparison not answered
  const nlohmann::json list =
      nlohmann::json::parse(SampleListJson({{file->draw, file->county_name}}));
  EXPECT_EQ(list["items"][0]["id"], id);
}

}  // namespace
}  // namespace xianjie::service
