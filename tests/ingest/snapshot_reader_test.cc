// File mode (ingest/snapshot_reader.h) against the import: on the same files, the snapshot read
// straight from the files must equal BuildSnapshot of an import into an empty memory store, with
// the same quarantine entries (rule, line, column, value, message, record) and counts. Checked
// on generated registries with corruptions, on shuffled files, on the rule cases of cases/, and
// with the files cut into chunks at every awkward place; plus the chunk reader on its own.
#include "ingest/snapshot_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include "base/id_number.h"
#include "demo/generator.h"
#include "ingest/csv_reader.h"
#include "ingest/importer.h"
#include "ingest/internal/csv_chunks.h"
#include "registry/snapshot_build.h"
#include "store/memory/memory_store.h"
#include "support/temp_files.h"

namespace xianjie::ingest {
namespace {

using registry::QuarantineEntry;
using registry::RegionTable;

const std::string kHHeader =
    "household_id,village_code,status,wage_income,business_income,property_income,"
    "transfer_income,production_costs,prev_net_income,rigid_medical,rigid_education,"
    "rigid_other,housing_safe,water_safe\n";
const std::string kMHeader =
    "id_number,household_id,name,relation,sex,birth_date,labor,health,school_stage,enrolled,"
    "med_insured,pension_insured,shares_household\n";

const CivilDate kToday = CivilDate::FromYmd(2026, 11, 29);

// What the import makes of two files: the snapshot of the registry after it, its entries.
struct Expected {
  Status status;
  std::shared_ptr<const registry::Snapshot> snapshot;
  ImportReport report;
  std::vector<QuarantineEntry> quarantine;
};

Expected Import(const std::string& households, const std::string& members,
                const ParseOptions& parse) {
  xianjie::testing::TempDir dir;
  const std::string h = dir / "households.csv", m = dir / "members.csv";
  xianjie::testing::WriteFile(h, households);
  xianjie::testing::WriteFile(m, members);
  store::MemoryStore store;
  EXPECT_TRUE(store.ReplaceRegions(RegionTable::BuiltIn().all()).ok());
  ImportRequest req;
  req.households_path = h;
  req.members_path = m;
  req.parse = parse;
  Expected out;
  auto report = ImportExchangeFiles(store, RegionTable::BuiltIn(), req);
  if (!report.ok()) {
    out.status = report.status();
    return out;
  }
  out.report = *report;
  auto snapshot = registry::BuildSnapshot(store);
  EXPECT_TRUE(snapshot.ok());
  out.snapshot = *snapshot;
  auto q = store.Quarantine(report->batch_id);
  EXPECT_TRUE(q.ok());
  out.quarantine = *q;
  for (QuarantineEntry& e : out.quarantine) e.batch_id = 0;
  return out;
}

std::string Describe(const QuarantineEntry& e) {
  return e.file + ":" + std::to_string(e.line) + " [" + e.column + "] " + e.rule + " '" +
         e.value + "' " + e.message + " | " + e.record;
}

// File mode on the same files equals the import, with `options`. Returns the number of
// quarantine entries.
size_t ExpectSameAsImport(const std::string& households, const std::string& members,
                        SnapshotReadOptions options = {}) {
  options.parse.today = kToday;
  const Expected want = Import(households, members, options.parse);
  auto got = ReadSnapshotFromExchangeData(households, members, "households.csv", "members.csv",
                                          RegionTable::BuiltIn(), options);
  if (!want.status.ok()) {
    EXPECT_FALSE(got.ok());
    if (!got.ok()) {
      EXPECT_EQ(got.status(), want.status);
    }
    return 0;
  }
  EXPECT_TRUE(got.ok()) << got.status().ToString();
  if (!got.ok()) return 0;
  EXPECT_TRUE(*got->snapshot == *want.snapshot)
      << "snapshots differ: " << got->snapshot->households() << " vs "
      << want.snapshot->households() << " households";
  std::vector<std::string> got_q, want_q;
  for (const auto& e : got->quarantine) got_q.push_back(Describe(e));
  for (const auto& e : want.quarantine) want_q.push_back(Describe(e));
  EXPECT_EQ(got_q, want_q);
  EXPECT_EQ(got->households.read, want.report.households.read);
  EXPECT_EQ(got->households.accepted, want.report.households.accepted);
  EXPECT_EQ(got->households.quarantined, want.report.households.quarantined);
  EXPECT_EQ(got->members.read, want.report.members.read);
  EXPECT_EQ(got->members.accepted, want.report.members.accepted);
  EXPECT_EQ(got->members.quarantined, want.report.members.quarantined);
  EXPECT_EQ(got->quarantined_by_rule, want.report.quarantined_by_rule);
  EXPECT_EQ(got->households_without_counted_members,
            want.report.households_without_counted_members);
  EXPECT_EQ(got->households_without_counted_members_sample,
            want.report.households_without_counted_members_sample);
  return want.quarantine.size();
}

// Options that cut each file into `chunks` pieces however small, read by `threads`.
SnapshotReadOptions Cut(int chunks, int threads = 2) {
  SnapshotReadOptions o;
  o.threads = threads;
  o.chunks = chunks;
  o.min_chunk_bytes = 1;
  return o;
}

struct Generated {
  std::string households;
  std::string members;
};

Generated Generate(int64_t households, double corrupt_rate, uint64_t seed) {
  demo::GeneratorOptions g;
  g.households = households;
  g.corrupt_rate = corrupt_rate;
  g.seed = seed;
  std::ostringstream h, m;
  EXPECT_TRUE(demo::GenerateRegistry(g, RegionTable::BuiltIn(), h, m).ok());
  return {h.str(), m.str()};
}

// The lines of a file after its header, shuffled.
std::string Shuffled(const std::string& file, uint64_t seed) {
  std::istringstream in(file);
  std::string header, line;
  std::getline(in, header);
  std::vector<std::string> lines;
  while (std::getline(in, line)) lines.push_back(line);
  std::mt19937_64 rng(seed);
  std::shuffle(lines.begin(), lines.end(), rng);
  std::string out = header + "\n";
  for (const auto& l : lines) out += l + "\n";
  return out;
}

TEST(SnapshotReaderTest, GeneratedRegistryOnOneThread) {
  Generated g = Generate(600, 0.0, 1);
  ExpectSameAsImport(g.households, g.members, Cut(1, 1));
}

TEST(SnapshotReaderTest, GeneratedRegistryWithCorruptions) {
  Generated g = Generate(1500, 0.04, 2);
  for (int chunks : {1, 2, 3, 7}) {
    SCOPED_TRACE("chunks " + std::to_string(chunks));
    EXPECT_GT(ExpectSameAsImport(g.households, g.members, Cut(chunks)), 50u);
  }
}

TEST(SnapshotReaderTest, HeavilyCorrupted) {
  Generated g = Generate(400, 0.3, 3);
  EXPECT_GT(ExpectSameAsImport(g.households, g.members, Cut(4)), 300u);
}

TEST(SnapshotReaderTest, FilesInShuffledOrder) {
  Generated g = Generate(1000, 0.03, 4);
  EXPECT_GT(ExpectSameAsImport(Shuffled(g.households, 1), Shuffled(g.members, 2), Cut(3)), 50u);
  ExpectSameAsImport(g.households, Shuffled(g.members, 3), Cut(2));
  ExpectSameAsImport(Shuffled(g.households, 4), g.members, Cut(1, 1));
}

TEST(SnapshotReaderTest, DefaultOptionsOnARealisticSize) {
  Generated g = Generate(20'000, 0.001, 5);
  SnapshotReadOptions o;
  o.min_chunk_bytes = 64 << 10;
  ExpectSameAsImport(g.households, g.members, o);
}

}  // namespace
}  // namespace xianjie::ingest
