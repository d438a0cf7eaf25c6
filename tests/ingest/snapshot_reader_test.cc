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
#include "ingest/case_input.h"
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
  return e.file + ":" + std::to_string(e.line) + " [" + e.column + "] " + e.rule + " '" + e.value +
         "' " + e.message + " | " + e.record;
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
  o.threads = 3;
  ExpectSameAsImport(g.households, g.members, o);
}

// ---- the rule cases of cases/*.test, each paired with a file that lets its rows through

struct RuleCase {
  std::string source;
  bool members = false;  // the case's file is members.csv
  std::set<std::string> ignored;
  CivilDate today = CivilDate::FromYmd(2025, 6, 30);
  std::string input;
};

std::vector<RuleCase> LoadRuleCases() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(XJ_INGEST_CASES_DIR)) {
    if (entry.path().extension() == ".test") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<RuleCase> cases;
  for (const auto& path : files) {
    std::ifstream in(path);
    std::string line;
    bool input = false;
    for (int n = 1; std::getline(in, line); ++n) {
      if (line.rfind("=== ", 0) == 0) {
        cases.emplace_back().source = path.filename().string() + ":" + std::to_string(n);
        input = false;
      } else if (cases.empty()) {
        continue;
      } else if (input) {
        if (line == "expect:") {
          input = false;
        } else {
          cases.back().input += ExpandInputLine(line);
        }
      } else if (line == "input:") {
        input = true;
      } else if (line == "file: members.csv") {
        cases.back().members = true;
      } else if (line.rfind("ignore: ", 0) == 0) {
        cases.back().ignored.insert(line.substr(8));
      } else if (line.rfind("today: ", 0) == 0) {
        cases.back().today = *ParseDate(line.substr(7));
      }
    }
  }
  return cases;
}

// The household_id values of a case's file (by its header), each once.
std::vector<std::string> HouseholdIds(const std::string& input) {
  CsvReader reader(input);
  CsvRecord rec;
  std::vector<std::string> ids;
  if (!reader.Next(rec)) return ids;
  auto column = std::find(rec.fields.begin(), rec.fields.end(), "household_id");
  if (column == rec.fields.end()) return ids;
  const size_t field = static_cast<size_t>(column - rec.fields.begin());
  while (reader.Next(rec)) {
    if (field >= rec.fields.size() || rec.fields[field].empty()) continue;
    std::string id(rec.fields[field]);
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  return ids;
}

// A households file with one valid household per id, or a members file with one head each.
std::string Partner(const RuleCase& c) {
  std::string out = c.members ? kHHeader : kMHeader;
  int n = 0;
  for (const std::string& id : HouseholdIds(c.input)) {
    ++n;
    if (c.members) {
      AppendCsvField(out, id);
      out += ",630102001001,ordinary,12000,0,0,0,0,,0,0,0,1,1\n";
    } else {
      CivilDate birth = CivilDate::FromYmd(1970, 1 + n % 12, 1 + n % 28);
      out += MakeIdNumber("630121", birth, 2 * n + 1) + ",";
      AppendCsvField(out, id);
      out += ",户主" + std::to_string(n) + ",head,M," + birth.ToString() +
             ",ordinary,healthy,none,0,1,1,1\n";
    }
  }
  return out;
}

TEST(SnapshotReaderCasesTest, EveryRuleCaseAsTheImport) {
  const std::vector<RuleCase> cases = LoadRuleCases();
  ASSERT_GT(cases.size(), 30u);
  for (const RuleCase& c : cases) {
    SCOPED_TRACE(c.source);
    const std::string partner = Partner(c);
    for (int chunks : {1, 3}) {
      SnapshotReadOptions o = Cut(chunks);
      o.parse.ignored_columns = c.ignored;
      const std::string& households = c.members ? partner : c.input;
      const std::string& members = c.members ? c.input : partner;
      // The import checks the birth dates of ID numbers against the parse date: use the case's.
      const Expected want = [&] {
        ParseOptions p = o.parse;
        p.today = c.today;
        return Import(households, members, p);
      }();
      o.parse.today = c.today;
      auto got = ReadSnapshotFromExchangeData(households, members, "households.csv", "members.csv",
                                              RegionTable::BuiltIn(), o);
      if (!want.status.ok()) {
        ASSERT_FALSE(got.ok());
        EXPECT_EQ(got.status(), want.status);
        continue;
      }
      ASSERT_TRUE(got.ok()) << got.status().ToString();
      EXPECT_TRUE(*got->snapshot == *want.snapshot);
      std::vector<std::string> got_q, want_q;
      for (const auto& e : got->quarantine) got_q.push_back(Describe(e));
      for (const auto& e : want.quarantine) want_q.push_back(Describe(e));
      EXPECT_EQ(got_q, want_q);
    }
  }
}

// ---- cutting files into chunks

// A record as a CsvReader returns it.
struct SeenRecord {
  int64_t line;
  std::string raw;
  std::vector<std::string> fields;
  CsvError error;
  int error_field;
  bool operator==(const SeenRecord&) const = default;
};

SeenRecord See(const CsvRecord& rec, int64_t line_offset = 0) {
  return {rec.line + line_offset, std::string(rec.raw),
          std::vector<std::string>(rec.fields.begin(), rec.fields.end()), rec.error,
          rec.error_field};
}

std::vector<SeenRecord> ReadWhole(std::string_view data) {
  CsvReader reader(data);
  CsvRecord rec;
  std::vector<SeenRecord> out;
  while (reader.Next(rec)) out.push_back(See(rec));
  return out;
}

// The records of the chained chunks of `data` cut at `starts`, with the file's line numbers.
std::vector<SeenRecord> ReadChunked(std::string_view data, const std::vector<size_t>& starts,
                                    int threads) {
  std::vector<std::vector<SeenRecord>> per_chunk(starts.size());
  auto chain =
      internal::ReadChunks(data, starts, threads, [&](size_t i, internal::ChunkReader& reader) {
        CsvRecord rec;
        while (reader.Next(rec)) per_chunk[i].push_back(See(rec));
      });
  std::vector<SeenRecord> out;
  for (const internal::ChunkLink& link : chain) {
    for (SeenRecord r : per_chunk[link.index]) {
      r.line += link.line_offset;
      out.push_back(std::move(r));
    }
  }
  return out;
}

// Every place a cut may fall (just after a line feed, not at a byte order mark).
std::vector<size_t> CutPlaces(std::string_view data) {
  std::vector<size_t> places;
  for (size_t i = 0; i + 1 < data.size(); ++i) {
    if (data[i] == '\n' && !data.substr(i + 1).starts_with("\xEF\xBB\xBF")) {
      places.push_back(i + 1);
    }
  }
  return places;
}

const char* const kAwkwardCsv[] = {
    "a,b\n1,2\n3,4\n",
    "a,b\n\"x\ny\",2\n\"p\n\nq\n\",3\n4,5\n",     // quoted line breaks, one blank
    "a,b\r\n1,2\r\n\r\n\r\n\"x\r\ny\",3\r\n5,6",  // CRLF, blank lines, no final EOL
    "\xEF\xBB\xBFh\n1\n\xEF\xBB\xBF"
    "2\n3\n",                                      // a BOM at the start of a line
    "a\n\"never closed\n1\n2\n3\n",                // an unterminated quote
    "a,b\n\"\"\"\n\",1\n\"a\"\"b\",\"\n\"\n\n\n",  // escaped quotes around line breaks
    "\n\n\na\n\n1\n",                              // blank lines first
    "a,b\n1,\"x\"y\n\"z\n\",2\n",                  // text after a closing quote
};

TEST(CsvChunksTest, EveryCutGivesTheRecordsOfTheWholeFile) {
  for (std::string_view data : kAwkwardCsv) {
    SCOPED_TRACE(std::string(data));
    const std::vector<SeenRecord> whole = ReadWhole(data);
    const std::vector<size_t> places = CutPlaces(data);
    for (size_t a = 0; a < places.size(); ++a) {
      EXPECT_EQ(ReadChunked(data, {0, places[a]}, 2), whole) << "cut at " << places[a];
      for (size_t b = a + 1; b < places.size(); ++b) {
        EXPECT_EQ(ReadChunked(data, {0, places[a], places[b]}, 2), whole)
            << "cuts at " << places[a] << ", " << places[b];
      }
    }
    EXPECT_EQ(ReadChunked(
                  data,
                  [&] {
                    std::vector<size_t> all = {0};
                    all.insert(all.end(), places.begin(), places.end());
                    return all;
                  }(),
                  3),
              whole)
        << "a cut at every line";
  }
}

TEST(CsvChunksTest, PlanCutsAfterLineFeedsOnly) {
  const std::string data =
      "h\n\xEF\xBB\xBFx\n" + std::string(100, 'y') + "\n" + std::string(50, 'z') + "\n1\n";
  for (size_t chunks = 1; chunks < 20; ++chunks) {
    std::vector<size_t> starts = internal::PlanChunks(data, chunks);
    ASSERT_FALSE(starts.empty());
    EXPECT_EQ(starts[0], 0u);
    EXPECT_LE(starts.size(), chunks);
    for (size_t i = 1; i < starts.size(); ++i) {
      EXPECT_GT(starts[i], starts[i - 1]);
      EXPECT_LT(starts[i], data.size());
      EXPECT_EQ(data[starts[i] - 1], '\n');
      EXPECT_FALSE(data.substr(starts[i]).starts_with("\xEF\xBB\xBF"));
    }
  }
  EXPECT_EQ(internal::PlanChunks("", 4), std::vector<size_t>{0});
  EXPECT_EQ(internal::PlanChunks("no line feed", 4), std::vector<size_t>{0});
}

// A members file whose rows hold names with quoted line breaks: wherever the files are cut,
// and however many threads read them, the result is the import's. With `child_first`, some
// households list a child before the head (not canonical order).
void QuotedLineBreaksAtEveryCut(bool child_first) {
  std::string households = kHHeader, members = kMHeader;
  for (int i = 0; i < 12; ++i) {
    const std::string id = "H" + std::to_string(i);
    households +=
        id + ",630102001001,ordinary," + std::to_string(1000 * i) + ",0,0,0,0,,0,0,0,1,1\n";
    CivilDate birth = CivilDate::FromYmd(1960 + i, 1 + i % 12, 1 + i);
    std::string head = MakeIdNumber("630102", birth, 2 * i + 1) + "," + id + ",\"王\n" +
                       std::to_string(i) + "\",head,M," + birth.ToString() +
                       ",ordinary,healthy,none,0,1,1,1\n";
    std::string child;
    if (i % 3 == 0) {  // a second member, its name with a quote and a CRLF
      CivilDate b2 = CivilDate::FromYmd(1990, 2, 1 + i);
      child = MakeIdNumber("630102", b2, 2 * i) + "," + id + ",\"李\"\"\r\n" + std::to_string(i) +
              "\",child,F," + b2.ToString() + ",ordinary,healthy,none,0,1,1,1\n";
    }
    members += child_first ? child + head : head + child;
  }
  const size_t lines = static_cast<size_t>(std::count(members.begin(), members.end(), '\n'));
  for (size_t chunks = 2; chunks <= lines + 1; ++chunks) {
    SCOPED_TRACE("chunks " + std::to_string(chunks));
    ExpectSameAsImport(households, members, Cut(static_cast<int>(chunks)));
  }
}

TEST(SnapshotReaderSplitTest, QuotedLineBreaksAtEveryCut) { QuotedLineBreaksAtEveryCut(false); }

TEST(SnapshotReaderSplitTest, NonCanonicalMembersAtEveryCut) { QuotedLineBreaksAtEveryCut(true); }

TEST(SnapshotReaderSplitTest, TinyFiles) {
  const std::string h = kHHeader + "H1,630102001001,ordinary,1,0,0,0,0,,0,0,0,1,1\n";
  const std::string m = kMHeader + MakeIdNumber("630102", CivilDate::FromYmd(1980, 1, 1), 1) +
                        ",H1,甲,head,M,1980-01-01,ordinary,healthy,none,0,1,1,1";  // no EOL
  for (int chunks : {1, 2, 5, 50}) {
    SCOPED_TRACE("chunks " + std::to_string(chunks));
    ExpectSameAsImport(h, m, Cut(chunks));
  }
}

// The names as written in the file, unquoted: plain, quoted with a comma, with a doubled quote,
// and of a child listed before its head; on one chunk and on several.
TEST(SnapshotReaderNamesTest, NamesAsInTheFile) {
  const std::string h = kHHeader + "H1,630102001001,ordinary,1,0,0,0,0,,0,0,0,1,1\n" +
                        "H2,630102001001,ordinary,1,0,0,0,0,,0,0,0,1,1\n";
  const CivilDate b1 = CivilDate::FromYmd(1980, 1, 1), b2 = CivilDate::FromYmd(2010, 5, 6);
  const std::string head1 = MakeIdNumber("630102", b1, 1), child1 = MakeIdNumber("630102", b2, 2);
  const std::string head2 = MakeIdNumber("630102", b1, 3);
  const std::string tail = ",ordinary,healthy,none,0,1,1,1\n";
  const std::string m = kMHeader +                                                      //
                        child1 + ",H1,\"卓玛,小\",child,F," + b2.ToString() + tail +  //
                        head1 + ",H1,扎西多吉,head,M," + b1.ToString() + tail +          //
                        head2 + ",H2,\"O\"\"Neil\",head,M," + b1.ToString() + tail;
  for (int chunks : {1, 3}) {
    SCOPED_TRACE("chunks " + std::to_string(chunks));
    SnapshotReadOptions o = Cut(chunks);
    o.parse.today = kToday;
    auto read = ReadSnapshotFromExchangeData(h, m, "households.csv", "members.csv",
                                             RegionTable::BuiltIn(), o);
    ASSERT_TRUE(read.ok()) << read.status().ToString();
    const registry::Snapshot& s = *read->snapshot;
    ASSERT_EQ(s.members(), 3u);
    EXPECT_EQ(s.member_name(0), "扎西多吉");  // the head first
    EXPECT_EQ(s.member_name(1), "卓玛,小");
    EXPECT_EQ(s.member_name(2), "O\"Neil");
    EXPECT_EQ(s.Record(1).members[0].name, "O\"Neil");
  }
}

TEST(SnapshotReaderSplitTest, HeaderOnly) {
  const std::string h = kHHeader + "H1,630102001001,ordinary,1,0,0,0,0,,0,0,0,1,1\n";
  for (int chunks : {1, 2, 4}) {
    ExpectSameAsImport(kHHeader, kMHeader, Cut(chunks));
    ExpectSameAsImport(h, kMHeader, Cut(chunks));  // the household has no member
    ExpectSameAsImport(kHHeader,
                       kMHeader + MakeIdNumber("630102", CivilDate::FromYmd(1980, 1, 1), 1) +
                           ",H1,甲,head,M,1980-01-01,ordinary,healthy,none,0,1,1,1\n",
                       Cut(chunks));  // an unknown household
  }
}

TEST(SnapshotReaderSplitTest, EmptyFilesFailAsTheImport) {
  for (int chunks : {1, 2}) {
    ExpectSameAsImport("", kMHeader, Cut(chunks));
    ExpectSameAsImport(kHHeader, "", Cut(chunks));
    ExpectSameAsImport("\n\n", "\n", Cut(chunks));
  }
}

TEST(SnapshotReaderFilesTest, MissingFileIsNotFound) {
  xianjie::testing::TempDir dir;
  xianjie::testing::WriteFile(dir / "m.csv", kMHeader);
  auto read =
      ReadSnapshotFromExchangeFiles(dir / "none.csv", dir / "m.csv", RegionTable::BuiltIn());
  EXPECT_EQ(read.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(
      ReadSnapshotFromExchangeFiles("", dir / "m.csv", RegionTable::BuiltIn()).status().code(),
      StatusCode::kInvalidArgument);
}

TEST(SnapshotReaderFilesTest, EntriesNameTheFilesWithoutTheirDirectory) {
  xianjie::testing::TempDir dir;
  xianjie::testing::WriteFile(dir / "hh.csv",
                              kHHeader + "H1,630102001001,ordinary,1,0,0,0,0,,0,0,0,1,1\n");
  xianjie::testing::WriteFile(dir / "mm.csv", kMHeader);
  auto read = ReadSnapshotFromExchangeFiles(dir / "hh.csv", dir / "mm.csv", RegionTable::BuiltIn());
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->households_file, "hh.csv");
  ASSERT_EQ(read->quarantine.size(), 1u);
  EXPECT_EQ(read->quarantine[0].file, "hh.csv");
  EXPECT_EQ(read->quarantine[0].rule, "household.no_accepted_member");
  EXPECT_THAT(read->quarantine[0].message, ::testing::HasSubstr("mm.csv"));
}

}  // namespace
}  // namespace xianjie::ingest
