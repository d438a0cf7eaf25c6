// Import of registry exchange files (DOMAIN.md §13) into the registry as one atomic batch.
//
// The pipeline: read both files → validate each row (exchange_format.h) → attach members to
// households from the files or the registry → household-level rules (exactly one head, at least
// one accepted member, a person in one household only) → a new version for every household whose
// content changed → quarantine for everything rejected → commit. Nothing is dropped:
// read = accepted + quarantined for each file, always.
#ifndef XIANJIE_INGEST_IMPORTER_H_
#define XIANJIE_INGEST_IMPORTER_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "ingest/exchange_format.h"
#include "registry/region.h"
#include "registry/store.h"

namespace xianjie::ingest {

struct ImportProgress {
  std::string_view phase;  // "reading households", "reading members", "checking", "writing"
  int64_t done = 0;
  int64_t total = 0;  // 0 when unknown
};

struct ImportRequest {
  std::string households_path;  // empty: members only (their households must be registered)
  std::string members_path;     // empty: household facts only (members carried over)
  std::string source = "registry_import";
  std::string user;
  CivilDate as_of = CivilDate::Today();
  ParseOptions parse;
  std::function<void(const ImportProgress&)> progress;  // optional
};

struct FileCounts {
  int64_t read = 0;
  int64_t accepted = 0;
  int64_t quarantined = 0;
};

struct ImportReport {
  int64_t batch_id = 0;
  std::string households_file;
  std::string members_file;
  FileCounts households;
  FileCounts members;
  int64_t new_households = 0;        // first version written
  int64_t changed_households = 0;    // a new version written
  int64_t unchanged_households = 0;  // same content as the registry: nothing written
  // Households whose listed members all have shares_household = 0: stored, but screening
  // cannot assess them (DOMAIN.md §4.1). Up to 20 ids as a sample.
  int64_t households_without_counted_members = 0;
  std::vector<std::string> households_without_counted_members_sample;
  std::map<std::string, int64_t> quarantined_by_rule;
  double seconds = 0;

  // {"batch_id":..,"households":{"read":..,"accepted":..,"quarantined":..},"members":{...},
  //  "new_households":..,"changed_households":..,"unchanged_households":..,
  //  "households_without_counted_members":..,"quarantined_by_rule":{..},"seconds":..}
  std::string ToJson() const;
};

// Imports one batch. Fails (and writes nothing) on a file-level problem: a file that cannot be
// read, a bad header, a database error. Rows that break a rule are never a failure: they are
// quarantined in the batch and counted in the report.
Result<ImportReport> ImportExchangeFiles(registry::Store& store,
                                         const registry::RegionTable& regions,
                                         const ImportRequest& request);

}  // namespace xianjie::ingest

#endif  // XIANJIE_INGEST_IMPORTER_H_
