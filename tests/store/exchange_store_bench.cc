// exchange_store_bench: times an upload of department rows into the SQLite store, run by hand in
// a Release build:
//   exchange_store_bench [--rows N] [--dir DIR]
// Begins an upload, writes N rows (90% matched, 1 warning in 50) with PutRow and PutWarning in
// its batch's transaction, commits it, then reads the facts back with ForEachFact and one
// household's with FactsOfHouseholds; prints seconds per phase.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "store/exchange_builders.h"
#include "store/sqlite/sqlite_store.h"

namespace xianjie::store {
namespace {

using exchange::DeptRow;
using testing::MakeRow;

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

int Fail(const Status& status) {
  std::fprintf(stderr, "%s\n", status.ToString().c_str());
  return 1;
}

// Row i of a monthly medical file: one in ten from another province (unmatched).
DeptRow Row(int64_t i) {
  const std::string household = i % 10 == 9 ? "" : "H" + std::to_string(100000 + i / 3);
  return MakeRow(i + 2, "medical_insurance", household, "2026-0" + std::to_string(1 + i % 9));
}

int Run(int64_t n, const std::string& dir) {
  const std::string path = dir + "/exchange_store_bench.db";
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  auto store = SqliteStore::Open(path, OpenMode::kCreate);
  if (!store.ok()) return Fail(store.status());
  std::vector<DeptRow> rows;
  rows.reserve(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) rows.push_back(Row(i));
  const std::string content = testing::DepartmentFile(1);
  {
    Timer t("BeginUpload + PutRow x N + Commit");
    auto writer = (*store)->BeginUpload(testing::UploadBatch("medical_insurance"),
                                        testing::MakeUpload("medical_insurance", content), content);
    if (!writer.ok()) return Fail(writer.status());
    int64_t matched = 0;
    for (int64_t i = 0; i < n; ++i) {
      if (Status s = (*writer)->PutRow(rows[static_cast<size_t>(i)]); !s.ok()) return Fail(s);
      if (rows[static_cast<size_t>(i)].matched()) ++matched;
      if (i % 50 == 0) {
        auto w = (*writer)->PutWarning(testing::MakeWarning(
            "medical_insurance", rows[static_cast<size_t>(i)].key, "2026-03", i + 2));
        if (!w.ok()) return Fail(w.status());
      }
    }
    Status s = (*writer)->Commit(testing::Final((*writer)->upload(), matched, 0, n - matched));
    if (!s.ok()) return Fail(s);
  }
  {
    Timer t("ForEachFact(medical_insurance, 2026-05)");
    int64_t facts = 0;
    Status s =
        (*store)->ForEachFact("medical_insurance", "2026-05", [&](const DeptRow&) { ++facts; });
    if (!s.ok()) return Fail(s);
    std::printf("  (%lld facts)\n", static_cast<long long>(facts));
  }
  {
    Timer t("FactsOfHouseholds x 1000");
    for (int64_t i = 0; i < 1000; ++i) {
      auto facts = (*store)->FactsOfHouseholds({"H" + std::to_string(100000 + i * 37 % (n / 3))});
      if (!facts.ok()) return Fail(facts.status());
    }
  }
  std::printf("database: %.1f MiB, WAL %.1f MiB\n",
              static_cast<double>(std::filesystem::file_size(path)) / (1 << 20),
              static_cast<double>(std::filesystem::file_size(path + "-wal")) / (1 << 20));
  return 0;
}

}  // namespace
}  // namespace xianjie::store

int main(int argc, char** argv) {
  int64_t n = 200'000;
  std::string dir = ".";
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--rows" && i + 1 < argc) {
      n = std::stoll(argv[++i]);
    } else if (arg == "--dir" && i + 1 < argc) {
      dir = argv[++i];
    } else {
      std::fprintf(stderr, "usage: exchange_store_bench [--rows N] [--dir DIR]\n");
      return 2;
    }
  }
  return xianjie::store::Run(n, dir);
}
