// case_store_bench: times the cases port of the SQLite store at province scale, run by hand in a
// Release build:
//   case_store_bench [--cases N] [--dir DIR]
// Opens N identification cases (a province's first screening: about 130,000) in one OpenCases
// call on a new database, then reads a county's open cases, one household's open case, a run's
// households and appends 1,000 events; prints seconds per phase.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "cases/case_store.h"
#include "store/sqlite/sqlite_store.h"

namespace xianjie::store {
namespace {

using cases::CaseRecord;
using cases::EventRecord;
using cases::NewCase;

// Household i of a synthetic province: 50 flagged households per village, 8 prefectures.
NewCase MakeCase(int64_t i) {
  char village[16];
  const int64_t v = i / 50;
  std::snprintf(village, sizeof village, "63%02d%02d%03d%03d", 1 + int(v / 2000 % 8),
                1 + int(v / 100 % 20), 1 + int(v / 5 % 20), 1 + int(v % 5));
  NewCase n;
  CaseRecord& c = n.record;
  c.household_id = std::string(village) + "-" + std::to_string(1000 + i % 50);
  c.village_code = village;
  c.opened_at = "2026-11-29T02:00:00Z";
  c.opened_on = CivilDate::FromYmd(2026, 11, 29);
  c.state_since = c.opened_on;
  c.updated_at = c.opened_at;
  c.proposed_type = "marginal";
  c.proposed_risks = "R01;R09";
  EventRecord& e = n.opened;
  e.actor = "system";
  e.actor_role = "system";
  e.at = c.opened_at;
  e.on = c.opened_on;
  e.fields = {{"proposed_type", "marginal"}, {"proposed_risks", "R01;R09"}};
  n.lead.household_id = c.household_id;
  n.lead.source = "run:1";
  n.lead.at = c.opened_at;
  n.lead.proposed_type = "marginal";
  n.lead.proposed_risks = "R01;R09";
  return n;
}

class Timer {
 public:
  explicit Timer(const char* what) : what_(what) {}
  ~Timer() {
    std::chrono::duration<double> s = std::chrono::steady_clock::now() - start_;
    std::printf("%-44s %8.3f s\n", what_, s.count());
  }

 private:
  const char* what_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

int Run(int64_t n, const std::string& dir) {
  const std::string path = dir + "/case_store_bench.db";
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  auto store = SqliteStore::Open(path, OpenMode::kCreate);
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 1;
  }
  std::vector<NewCase> new_cases;
  {
    Timer t("building the cases in memory");
    new_cases.reserve(n);
    for (int64_t i = 0; i < n; ++i) new_cases.push_back(MakeCase(i));
  }
  {
    Timer t("OpenCases (one call, one transaction)");
    auto ids = (*store)->OpenCases(new_cases);
    if (!ids.ok() || static_cast<int64_t>(ids->size()) != n) {
      std::fprintf(stderr, "%s\n", ids.status().ToString().c_str());
      return 1;
    }
  }
  {
    Timer t("ListCases: a county's open cases, page 1");
    cases::CaseFilter filter;
    filter.region_prefix = "630101";
    filter.open_only = true;
    filter.limit = 50;
    int64_t total = 0;
    auto page = (*store)->ListCases(filter, &total);
    std::printf("  (%lld of %lld)\n", static_cast<long long>(page.ok() ? page->size() : 0),
                static_cast<long long>(total));
  }
  {
    Timer t("OpenCaseOf x 1000");
    for (int64_t i = 0; i < 1000; ++i) {
      (void)(*store)->OpenCaseOf(new_cases[i * 97 % n].record.household_id);
    }
  }
  {
    Timer t("HouseholdsWithLead(run:1)");
    auto households = (*store)->HouseholdsWithLead("run:1");
    std::printf("  (%lld households)\n",
                static_cast<long long>(households.ok() ? households->size() : 0));
  }
  {
    Timer t("AppendEvent x 1000 (one transaction each)");
    for (int64_t id = 1; id <= 1000; ++id) {
      cases::EventWrite w;
      w.next = (*store)->GetCase(id).value().value();
      w.expected_version = w.next.version;
      w.record.event = cases::EventType::kComment;
      w.record.seq = w.next.version + 1;
      w.record.comment = "bench";
      if (Status s = (*store)->AppendEvent(w); !s.ok()) {
        std::fprintf(stderr, "%s\n", s.ToString().c_str());
        return 1;
      }
    }
  }
  std::printf("database: %.1f MiB\n",
              static_cast<double>(std::filesystem::file_size(path)) / (1 << 20));
  return 0;
}

}  // namespace
}  // namespace xianjie::store

int main(int argc, char** argv) {
  int64_t n = 150'000;
  std::string dir = ".";
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--cases" && i + 1 < argc) {
      n = std::stoll(argv[++i]);
    } else if (arg == "--dir" && i + 1 < argc) {
      dir = argv[++i];
    } else {
      std::fprintf(stderr, "usage: case_store_bench [--cases N] [--dir DIR]\n");
      return 2;
    }
  }
  return xianjie::store::Run(n, dir);
}
