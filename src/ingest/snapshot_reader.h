// File mode: households.csv and members.csv of the exchange format v1 (DOMAIN.md §13) read
// straight into a columnar snapshot (registry/snapshot.h), without the registry. Every rule of
// the import applies, with the same rule ids, messages and lines: the row rules of
// exchange_format.h, first row wins on a repeated household_id or ID number, a member's
// household must be in the households file, exactly one head and at least one accepted member
// per household. The households that pass are exactly those an import of the same files into an
// empty registry would store, and the quarantine entries are the import's.
#ifndef XIANJIE_INGEST_SNAPSHOT_READER_H_
#define XIANJIE_INGEST_SNAPSHOT_READER_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ingest/exchange_format.h"
#include "ingest/importer.h"
#include "registry/region.h"
#include "registry/snapshot.h"
#include "registry/store.h"

namespace xianjie::ingest {

struct SnapshotReadOptions {
  ParseOptions parse;
  // Threads that read the files (the caller's included); each file is cut into four chunks
  // per thread (and at least one per GiB), which the threads take in turn.
  int threads = 2;
  // No chunk is smaller than this: small files are read by one thread. Tests lower it to cut
  // tiny files.
  size_t min_chunk_bytes = size_t{1} << 20;
  // If > 0, the number of chunks per file (still bounded by min_chunk_bytes); for tests.
  int chunks = 0;
};

// Seconds spent in each step, for benchmarks.
struct SnapshotReadTimings {
  double open = 0;        // mapping the files
  double households = 0;  // reading and checking households.csv, sorting by id
  double members = 0;     // reading and checking members.csv
  double rules = 0;       // repeated ID numbers, household rules, quarantine entries
  double build = 0;       // the snapshot's columns
};

struct SnapshotRead {
  std::shared_ptr<const registry::Snapshot> snapshot;
  std::string households_file;  // file names (without directories), as in the entries
  std::string members_file;
  FileCounts households;  // read == accepted + quarantined, as in an import
  FileCounts members;
  // One entry per rejected row, in (file, line) order, batch_id 0.
  std::vector<registry::QuarantineEntry> quarantine;
  std::map<std::string, int64_t> quarantined_by_rule;
  // Accepted households without a counted member (not screened); the first 20 ids by id.
  int64_t households_without_counted_members = 0;
  std::vector<std::string> households_without_counted_members_sample;
  SnapshotReadTimings timings;
};

// Reads both files. Fails like ImportExchangeFiles on a file-level problem (a file that cannot
// be read: kNotFound / kIoError; a bad header: kInvalidArgument); both paths are required.
// Rows that break a rule are never a failure. Thread-safe (uses its own threads).
Result<SnapshotRead> ReadSnapshotFromExchangeFiles(const std::string& households_path,
                                                   const std::string& members_path,
                                                   const registry::RegionTable& regions,
                                                   const SnapshotReadOptions& options = {});

// The same over file contents held by the caller, named `households_file` and `members_file`
// in messages and entries. The data must outlive the call only.
Result<SnapshotRead> ReadSnapshotFromExchangeData(std::string_view households,
                                                  std::string_view members,
                                                  const std::string& households_file,
                                                  const std::string& members_file,
                                                  const registry::RegionTable& regions,
                                                  const SnapshotReadOptions& options = {});

}  // namespace xianjie::ingest

#endif  // XIANJIE_INGEST_SNAPSHOT_READER_H_
