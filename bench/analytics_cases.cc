// Cases, monitoring episodes, measures and eliminations at province scale for the analytics
// benchmark (bench/analytics_bench.sh; decision 0008): the demo stages a few dozen cases by
// hand, which says nothing about speed, so this program writes them through the store for a
// share of a generated registry's households, as the procedure would leave them:
//   - an identification case opened on a day of the last two years and approved by the county
//     3 to 40 days later, which opens a monitoring episode (type from the household's status,
//     one or two risks);
//   - 0 to 3 measures per object (categories and statuses spread, a few stopped);
//   - for about 40% of the objects identified at least 7 months before today, an elimination
//     case approved 7 to 14 months after identification, which closes the episode.
// Deterministic for a seed. Writes go through store::Database (one transaction per call, with
// the store's crash safety), so a million-household registry takes a few minutes.
//
//   analytics_cases DB [PER_MILLE] [SEED]     default 25 objects per thousand households, seed 7
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "cases/case.h"
#include "cases/case_store.h"
#include "store/open.h"

namespace {

using namespace xianjie;
using Clock = std::chrono::steady_clock;

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "analytics_cases: %s\n", message.c_str());
  std::exit(1);
}

template <typename T>
T Must(Result<T> r, const char* what) {
  if (!r.ok()) Die(std::string(what) + ": " + r.status().ToString());
  return std::move(*r);
}
void Must(const Status& s, const char* what) {
  if (!s.ok()) Die(std::string(what) + ": " + s.ToString());
}

std::string Utc(CivilDate d) { return d.ToString() + "T02:00:00Z"; }

struct Household {
  std::string id;
  std::string village;
  bool lifted = false;
};

struct Object {
  size_t household = 0;
  int64_t case_id = 0;
  int64_t episode_id = 0;
  CivilDate identified;
};

cases::NewCase NewCase(const Household& h, cases::CaseKind kind, CivilDate opened,
                       const std::string& source) {
  cases::NewCase c;
  cases::CaseRecord& r = c.record;
  r.kind = kind;
  r.household_id = h.id;
  r.village_code = h.village;
  r.state = kind == cases::CaseKind::kIdentification ? cases::CaseState::kLead
                                                     : cases::CaseState::kHomeVisit;
  r.channel = cases::Channel::kDepartmentWarning;
  r.opened_at = Utc(opened);
  r.opened_on = opened;
  r.state_since = opened;
  r.updated_at = r.opened_at;
  r.proposed_type = h.lifted ? "unstable_lifted" : "marginal";
  r.proposed_risks = "R01";
  c.opened.event = cases::EventType::kOpen;
  c.opened.from = r.state;
  c.opened.to = r.state;
  c.opened.actor = "system";
  c.opened.actor_role = "system";
  c.opened.at = r.opened_at;
  c.opened.on = opened;
  c.lead.household_id = h.id;
  c.lead.channel = cases::Channel::kDepartmentWarning;
  c.lead.source = source;
  c.lead.at = r.opened_at;
  c.lead.proposed_type = r.proposed_type;
  c.lead.proposed_risks = r.proposed_risks;
  return c;
}

// The county's approval of the stored case `id` on `on`: monitored (with `open`) or eliminated
// (closing `close`).
cases::EventWrite Approve(const cases::CaseRecord& stored, CivilDate on,
                          std::optional<cases::Episode> open, std::optional<cases::Episode> close) {
  cases::EventWrite w;
  w.expected_version = stored.version;
  w.next = stored;
  w.next.state = open ? cases::CaseState::kMonitored : cases::CaseState::kEliminated;
  w.next.state_since = on;
  w.next.updated_at = Utc(on);
  w.next.closed_at = Utc(on);
  w.next.version = stored.version + 1;
  if (open) {
    w.next.decided_type = open->type;
    w.next.decided_risks = open->risks;
  } else {
    w.next.method = "by_assistance";
  }
  w.record.case_id = stored.id;
  w.record.seq = w.next.version;
  w.record.event = cases::EventType::kCountyApprove;
  w.record.from = stored.state;
  w.record.to = w.next.state;
  w.record.actor = "bench";
  w.record.actor_role = "county";
  w.record.at = Utc(on);
  w.record.on = on;
  w.open_episode = std::move(open);
  w.close_episode = std::move(close);
  return w;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) Die("usage: analytics_cases DB [PER_MILLE] [SEED]");
  const int per_mille = argc > 2 ? std::atoi(argv[2]) : 25;
  const unsigned seed = argc > 3 ? static_cast<unsigned>(std::atoi(argv[3])) : 7;
  auto db = Must(store::OpenStore(argv[1], store::OpenMode::kExisting), "opening the database");
  if (Must(db->CaseDataStamp(), "reading the stamp") > 0) {
    Die("the database has cases already; run this once, on a fresh registry");
  }
  const auto started = Clock::now();
  const CivilDate today = cases::ChinaDateOf(
      [] {
        char text[32];
        const std::time_t now = std::time(nullptr);
        std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
        return std::string(text);
      }());

  std::vector<Household> households;
  Must(db->ScanCurrent([&](const registry::HouseholdVersion& v) {
         households.push_back({v.record.household.household_id,
                               v.record.household.village_code.ToString(),
                               v.record.household.status == registry::HouseholdStatus::kLifted});
         return Status::Ok();
       }),
       "reading the registry");
  std::mt19937 rng(seed);
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  std::vector<Object> objects;
  for (size_t h = 0; h < households.size(); ++h) {
    if (uniform(0, 999) < per_mille) objects.push_back({h, 0, 0, {}});
  }
  std::printf("%zu households, %zu monitoring objects to write\n", households.size(),
              objects.size());

  // Identification: cases opened in batches, then approved one by one.
  const char* risks[] = {"R01", "R01;R08", "R02", "R03", "R04", "R05;R07", "R07", "R09",
                         "R01;R12", "R11"};
  constexpr size_t kBatch = 2000;
  for (size_t first = 0; first < objects.size(); first += kBatch) {
    const size_t last = std::min(objects.size(), first + kBatch);
    std::vector<cases::NewCase> batch;
    std::vector<CivilDate> opened;
    for (size_t i = first; i < last; ++i) {
      opened.push_back(CivilDate::FromDays(today.ToDays() - uniform(45, 730)));
      batch.push_back(NewCase(households[objects[i].household], cases::CaseKind::kIdentification,
                              opened.back(), "bench:identify"));
    }
    const std::vector<int64_t> ids = Must(db->OpenCases(batch), "opening cases");
    for (size_t i = first; i < last; ++i) {
      Object& o = objects[i];
      const Household& h = households[o.household];
      o.case_id = ids[i - first];
      const cases::CaseRecord stored = *Must(db->GetCase(o.case_id), "reading a case");
      o.identified = CivilDate::FromDays(opened[i - first].ToDays() + uniform(3, 40));
      cases::Episode e;
      e.household_id = h.id;
      e.village_code = h.village;
      e.identified_on = o.identified;
      e.type = h.lifted ? "unstable_lifted" : (uniform(0, 3) == 0 ? "sudden_hardship" : "marginal");
      e.risks = risks[uniform(0, 9)];
      Must(db->AppendEvent(Approve(stored, o.identified, e, std::nullopt)), "approving a case");
      o.episode_id = Must(db->GetCase(o.case_id), "reading a case")->episode_id;
    }
  }
  std::printf("identification cases and episodes written: %.0f s\n",
              std::chrono::duration<double>(Clock::now() - started).count());

  // Measures.
  size_t measures = 0;
  for (const Object& o : objects) {
    const int count = uniform(0, 9) == 0 ? 0 : uniform(1, 3);
    for (int k = 0; k < count; ++k) {
      cases::Measure m;
      m.household_id = households[o.household].id;
      m.category = cases::kAllMeasureCategories[static_cast<size_t>(uniform(0, 13))];
      m.item = "bench";
      m.start = CivilDate::FromDays(o.identified.ToDays() + uniform(1, 40));
      const int status = uniform(0, 19);
      m.status = status == 0   ? cases::MeasureStatus::kStopped
                 : status < 6  ? cases::MeasureStatus::kPlanned
                 : status < 14 ? cases::MeasureStatus::kInProgress
                               : cases::MeasureStatus::kDone;
      m.recorded_by = "bench";
      m.recorded_at = Utc(m.start);
      Must(db->PutMeasure(m), "writing a measure");
      ++measures;
    }
  }
  std::printf("%zu measures written: %.0f s\n", measures,
              std::chrono::duration<double>(Clock::now() - started).count());

  // Eliminations of objects identified at least 7 months ago.
  std::vector<std::pair<const Object*, CivilDate>> eliminated;
  for (const Object& o : objects) {
    const CivilDate on = CivilDate::FromDays(o.identified.ToDays() + uniform(212, 425));
    if (on < today && uniform(0, 9) < 4) eliminated.push_back({&o, on});
  }
  for (size_t first = 0; first < eliminated.size(); first += kBatch) {
    const size_t last = std::min(eliminated.size(), first + kBatch);
    std::vector<cases::NewCase> batch;
    for (size_t i = first; i < last; ++i) {
      const Object& o = *eliminated[i].first;
      batch.push_back(NewCase(households[o.household], cases::CaseKind::kElimination,
                              CivilDate::FromDays(eliminated[i].second.ToDays() - 20),
                              "bench:eliminate"));
    }
    const std::vector<int64_t> ids = Must(db->OpenCases(batch), "opening elimination cases");
    for (size_t i = first; i < last; ++i) {
      const Object& o = *eliminated[i].first;
      cases::CaseRecord stored = *Must(db->GetCase(ids[i - first]), "reading a case");
      cases::Episode close;
      close.id = o.episode_id;
      close.eliminated_on = eliminated[i].second;
      close.method = "by_assistance";
      close.elimination_case = stored.id;
      Must(db->AppendEvent(Approve(stored, eliminated[i].second, std::nullopt, close)),
           "approving an elimination");
    }
  }
  std::printf("%zu eliminations written: %.0f s in all\n", eliminated.size(),
              std::chrono::duration<double>(Clock::now() - started).count());
  return 0;
}
