// store_bench: times the registry store at province scale, run by hand in a Release build:
//   store_bench [--households N] [--dir DIR] [--db PATH|:memory:] [--shuffle]
//               [--write-only | --read-only] [--cache-mib N]
// Writes N households (3.5 members each on average) in one batch, scans them back, runs the
// importer's current-state reads and a second batch changing a tenth of them, reads the changes
// and the registry as of the first batch, and stores two screening runs flagging 13% of the
// households; prints seconds, peak RSS per phase and the database's size.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "base/id_number.h"
#include "registry/household.h"
#include "store/open.h"
#include "store/sqlite/sqlite_store.h"

namespace xianjie::store {
namespace {

using registry::HouseholdRecord;
using registry::HouseholdVersion;

struct Options {
  int64_t households = 1'000'000;
  std::string dir = ".";
  std::string db;  // default: DIR/store_bench.db
  bool shuffle = false;
  bool write_only = false;  // stop after the first batch
  bool read_only = false;   // only read back the database a previous run left
  int64_t cache_mib = -1;   // the SQLite batch cache, if not the default
};

// Household i of the synthetic province: 250 households per village, 1 to 6 members.
void MakeHousehold(int64_t i, int salt, HouseholdRecord& r) {
  static const char* kSurnames[] = {"马", "韩", "李", "王", "才让", "张", "冶", "赵"};
  static const char* kGiven[] = {"国庆", "秀英", "卓玛", "文明", "海燕", "德吉", "建军", "梅"};
  uint64_t x = static_cast<uint64_t>(i) * 0x9E3779B97F4A7C15ULL + static_cast<uint64_t>(salt);
  auto next = [&x] {
    x ^= x >> 31;
    x *= 0xBF58476D1CE4E5B9ULL;
    x ^= x >> 27;
    return x;
  };
  int64_t village = i / 250;
  char id[40];
  std::snprintf(id, sizeof id, "63%02d%02d%03d%03d-%04d", 1 + int(village / 20000 % 8),
                1 + int(village / 1000 % 20), 1 + int(village / 50 % 20), 1 + int(village % 50),
                int(i % 250) + 1);
  registry::Household& h = r.household;
  h.household_id = id;
  h.village_code = *RegionCode::Parse(std::string_view(id, 12));
  h.status =
      next() % 3 == 0 ? registry::HouseholdStatus::kLifted : registry::HouseholdStatus::kOrdinary;
  h.wage_income = Money::FromFen(static_cast<int64_t>(next() % 8'000'000));
  h.business_income = Money::FromFen(static_cast<int64_t>(next() % 3'000'000));
  h.property_income = Money::FromFen(static_cast<int64_t>(next() % 50'000));
  h.transfer_income = Money::FromFen(static_cast<int64_t>(next() % 1'000'000));
  h.production_costs = Money::FromFen(static_cast<int64_t>(next() % 1'000'000));
  if (next() % 4 != 0)
    h.prev_net_income = Money::FromFen(static_cast<int64_t>(next() % 9'000'000));
  else
    h.prev_net_income.reset();
  h.rigid_medical = Money::FromFen(static_cast<int64_t>(next() % 200'000));
  h.housing_safe = next() % 20 != 0;
  h.water_safe = next() % 30 != 0;
  static const int kSizes[] = {1, 2, 3, 3, 4, 4, 5, 6};  // mean 3.5
  int n = kSizes[next() % 8];
  r.members.resize(static_cast<size_t>(n));
  for (int k = 0; k < n; ++k) {
    registry::Member& m = r.members[static_cast<size_t>(k)];
    m.birth_date =
        CivilDate::FromYmd(1940 + int(next() % 80), 1 + int(next() % 12), 1 + int(next() % 28));
    m.id_number = MakeIdNumber(std::string_view(id, 6), m.birth_date, int((i * 7 + k) % 1000));
    m.name = std::string(kSurnames[next() % 8]) + kGiven[next() % 8];
    m.relation =
        k == 0 ? registry::Relation::kHead : static_cast<registry::Relation>(1 + next() % 8);
    m.sex = static_cast<registry::Sex>(next() % 2);
    m.labor = static_cast<registry::Labor>(next() % 5);
    m.health = static_cast<registry::Health>(next() % 4);
    m.school_stage = static_cast<registry::SchoolStage>(next() % 7);
    m.enrolled = m.school_stage != registry::SchoolStage::kNone;
    m.med_insured = next() % 50 != 0;
    m.pension_insured = next() % 2 == 0;
    m.shares_household = next() % 40 != 0;
  }
  registry::Canonicalize(r);
}

// Peak resident set since the last ResetPeak, in MiB (VmHWM).
double PeakRssMib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return 0;
}
void ResetPeak() { std::ofstream("/proc/self/clear_refs") << "5"; }

// Processor time (user + system) of this process so far, in seconds: unlike wall time it
// hardly grows when other work shares the machine.
double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto s = [](timeval t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return s(usage.ru_utime) + s(usage.ru_stime);
}

// One measured phase: wall and processor time from construction, peak RSS within it.
class Phase {
 public:
  Phase() { ResetPeak(); }
  double Wall() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_).count();
  }
  void Report(const char* name, const std::string& detail) const {
    std::printf("%-26s %7.2f s wall %7.2f s cpu  peak RSS %7.1f MiB  %s\n", name, Wall(),
                CpuSeconds() - cpu_, PeakRssMib(), detail.c_str());
    std::fflush(stdout);
  }

 private:
  std::chrono::steady_clock::time_point wall_ = std::chrono::steady_clock::now();
  double cpu_ = CpuSeconds();
};

// Writes one batch: version `version` of every `every`-th household, content varied by `salt`.
Status WriteBatch(registry::Store& store, const std::vector<int64_t>& order, const char* name,
                  int salt, int32_t version, int64_t every) {
  Phase phase;
  registry::BatchInfo info;
  info.source = "bench";
  info.user = "bench";
  info.started_at = "2026-11-29T00:00:00Z";
  XJ_ASSIGN_OR_RETURN(auto writer, store.BeginBatch(std::move(info)));
  HouseholdVersion v;
  v.version = version;
  int64_t n = 0;
  for (int64_t i : order) {
    if (i % every != 0) continue;
    MakeHousehold(i, salt, v.record);
    v.content_hash = registry::ContentHash(v.record);
    XJ_RETURN_IF_ERROR(writer->PutVersion(v));
    ++n;
  }
  double put = phase.Wall();
  XJ_RETURN_IF_ERROR(writer->Commit("{}"));
  char detail[160];
  std::snprintf(detail, sizeof detail, "%lld households (PutVersion %.2f s, Commit %.2f s)",
                static_cast<long long>(n), put, phase.Wall() - put);
  phase.Report(name, detail);
  return Status::Ok();
}

Status ReadBack(registry::Store& store) {
  {
    Phase phase;
    int64_t households = 0, members = 0;
    XJ_RETURN_IF_ERROR(store.ScanCurrent([&](const HouseholdVersion& v) {
      ++households;
      members += static_cast<int64_t>(v.record.members.size());
      return Status::Ok();
    }));
    phase.Report("ScanCurrent", std::to_string(households) + " households, " +
                                    std::to_string(members) + " members");
  }
  {
    Phase phase;
    int64_t n = 0;
    XJ_RETURN_IF_ERROR(
        store.ForEachCurrentHash([&](const std::string&, int32_t, uint64_t) { ++n; }));
    phase.Report("ForEachCurrentHash", std::to_string(n) + " households");
  }
  {
    Phase phase;
    int64_t n = 0;
    XJ_RETURN_IF_ERROR(
        store.ForEachCurrentMember([&](const std::string&, const std::string&) { ++n; }));
    phase.Report("ForEachCurrentMember", std::to_string(n) + " members");
  }
  return Status::Ok();
}

// The incremental-screening and as-of reads after batch 2 (which changed a tenth).
Status ReadChanges(registry::Store& store) {
  {
    Phase phase;
    int64_t n = 0;
    XJ_ASSIGN_OR_RETURN(int64_t last, store.LastCommittedBatch());
    XJ_RETURN_IF_ERROR(store.ForEachChangedSince(last - 1, [&](const std::string&) { ++n; }));
    phase.Report("ForEachChangedSince(1)", std::to_string(n) + " households");
  }
  {
    Phase phase;
    int64_t n = 0;
    XJ_ASSIGN_OR_RETURN(auto first, store.GetBatch(1));
    if (!first.has_value()) return Internal("batch 1 is missing");
    XJ_RETURN_IF_ERROR(store.ScanAsOf(first->finished_at, [&](const HouseholdVersion& v) {
      n += v.version == 1 ? 1 : 0;
      return Status::Ok();
    }));
    phase.Report("ScanAsOf(batch 1)", std::to_string(n) + " households at version 1");
  }
  return Status::Ok();
}

// Two screening runs flagging about 13% of the households, and their reads.
Status StoreRuns(Database& db, const std::vector<int64_t>& order) {
  std::vector<int64_t> flagged;
  for (int64_t i : order) {
    if (i % 15 < 2) flagged.push_back(i);
  }
  std::vector<rules::HouseholdResult> results;
  HouseholdRecord record;
  for (int64_t i : flagged) {
    MakeHousehold(i, 0, record);
    results.push_back({.household_id = record.household.household_id,
                       .rules = "income_below_line;medical_burden",
                       .proposed_type = "C",
                       .risks = "R01;R09",
                       .per_capita_fen = 500'000 + i % 1000,
                       .new_warning = i % 3 == 0});
  }
  std::sort(results.begin(), results.end(),
            [](const auto& a, const auto& b) { return a.household_id < b.household_id; });
  rules::ScreeningRun run;
  run.standard_hash = "bench";
  run.province = "630000";
  run.year = 2024;
  run.started_at = "2026-11-29T00:00:00Z";
  run.counts_json = "{}";
  run.user = "bench";
  for (const char* name : {"PutRun 1", "PutRun 2"}) {
    Phase phase;
    XJ_ASSIGN_OR_RETURN(int64_t id, db.PutRun(run, results));
    phase.Report(name, std::to_string(results.size()) + " results, run " + std::to_string(id));
  }
  {
    Phase phase;
    XJ_ASSIGN_OR_RETURN(auto read, db.RunResults(2));
    phase.Report("RunResults", std::to_string(read.size()) + " results");
  }
  {
    Phase phase;
    XJ_ASSIGN_OR_RETURN(auto read, db.HouseholdResults(results[results.size() / 2].household_id));
    phase.Report("HouseholdResults", std::to_string(read.size()) + " results");
  }
  return Status::Ok();
}

Status Run(const Options& o) {
  std::string db = o.db.empty() ? (std::filesystem::path(o.dir) / "store_bench.db").string() : o.db;
  if (o.read_only) {
    XJ_ASSIGN_OR_RETURN(auto store, OpenStore(db, OpenMode::kExisting));
    return ReadBack(*store);
  }
  if (db != ":memory:") {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
  }
  std::vector<int64_t> order(static_cast<size_t>(o.households));
  std::iota(order.begin(), order.end(), 0);
  if (o.shuffle) std::shuffle(order.begin(), order.end(), std::mt19937_64(42));
  {
    Phase phase;
    HouseholdRecord record;
    int64_t members = 0;
    for (int64_t i : order) {
      MakeHousehold(i, 0, record);
      members += static_cast<int64_t>(record.members.size());
    }
    phase.Report("generate only", std::to_string(members) + " members");
  }
  std::unique_ptr<Database> store;
  if (o.cache_mib >= 0 && db != ":memory:") {
    XJ_ASSIGN_OR_RETURN(
        store, SqliteStore::Open(db, OpenMode::kCreate, {.batch_cache_kib = o.cache_mib * 1024}));
  } else {
    XJ_ASSIGN_OR_RETURN(store, OpenStore(db, OpenMode::kCreate));
  }
  XJ_RETURN_IF_ERROR(WriteBatch(*store, order, "batch 1: all new", 0, 1, 1));
  if (o.write_only) return Status::Ok();
  XJ_RETURN_IF_ERROR(ReadBack(*store));
  XJ_RETURN_IF_ERROR(WriteBatch(*store, order, "batch 2: a tenth changed", 1, 2, 10));
  XJ_RETURN_IF_ERROR(ReadChanges(*store));
  XJ_RETURN_IF_ERROR(StoreRuns(*store, order));
  {
    Phase phase;
    XJ_ASSIGN_OR_RETURN(auto counts, store->Counts());
    phase.Report("Counts", std::to_string(counts.households) + " households, " +
                               std::to_string(counts.members) + " members, " +
                               std::to_string(counts.versions) + " versions");
  }
  if (db != ":memory:") {
    std::error_code ec;
    auto size = [&](const std::string& f) {
      return std::filesystem::exists(f, ec) ? std::filesystem::file_size(f, ec) : 0;
    };
    std::printf("database %s: %.1f MiB (+ WAL %.1f MiB)\n", db.c_str(), size(db) / 1048576.0,
                size(db + "-wal") / 1048576.0);
  }
  return Status::Ok();
}

}  // namespace
}  // namespace xianjie::store

int main(int argc, char** argv) {
  xianjie::store::Options o;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--households" && i + 1 < argc) {
      o.households = std::stoll(argv[++i]);
    } else if (arg == "--dir" && i + 1 < argc) {
      o.dir = argv[++i];
    } else if (arg == "--db" && i + 1 < argc) {
      o.db = argv[++i];
    } else if (arg == "--shuffle") {
      o.shuffle = true;
    } else if (arg == "--write-only") {
      o.write_only = true;
    } else if (arg == "--read-only") {
      o.read_only = true;
    } else if (arg == "--cache-mib" && i + 1 < argc) {
      o.cache_mib = std::stoll(argv[++i]);
    } else {
      std::fprintf(stderr,
                   "usage: store_bench [--households N] [--dir DIR] [--db PATH|:memory:] "
                   "[--shuffle] [--write-only | --read-only] [--cache-mib N]\n");
      return 2;
    }
  }
  xianjie::Status status = xianjie::store::Run(o);
  if (!status.ok()) {
    std::fprintf(stderr, "store_bench: %s\n", status.ToString().c_str());
    return 1;
  }
  return 0;
}
