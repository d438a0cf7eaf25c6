// The storage port of the registry: what the registry needs from a database, as an abstract
// interface. Implementations live in src/store/ (memory, sqlite); the domain never sees SQL.
//
// Model. Every change to a household is a new *version*: the full record (household + members)
// with the batch that brought it. Versions are numbered 1, 2, ... per household and never change
// once written. The current version of a household is its highest. A *batch* is one import (or,
// later, one form or department upload): who, when, from which files, and the rows it
// quarantined. A batch is atomic: all its versions and quarantine entries become visible
// together at Commit, or none do.
//
// Threads. A Store may be used from several threads; an implementation serializes what it must.
// At most one BatchWriter is open at a time (BeginBatch waits for, or fails on, another writer).
#ifndef XIANJIE_REGISTRY_STORE_H_
#define XIANJIE_REGISTRY_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "registry/household.h"
#include "registry/region.h"

namespace xianjie::registry {

// Where a batch came from.
struct BatchInfo {
  int64_t batch_id = 0;         // assigned by BeginBatch; 1, 2, ...
  std::string source;           // "registry_import", a department code, "home_visit" ...
  std::string user;             // who ran it
  std::string households_file;  // file names as given (may be empty)
  std::string members_file;
  std::string started_at;   // UTC, ISO 8601 "2026-11-29T02:08:06Z"
  CivilDate as_of;          // the date the facts refer to
  std::string report_json;  // the import report, set at Commit (empty before)
  std::string finished_at;  // set at Commit

  bool operator==(const BatchInfo&) const = default;
};

struct HouseholdVersion {
  int32_t version = 0;  // 1, 2, ... per household
  int64_t batch_id = 0;
  uint64_t content_hash = 0;  // ContentHash(record)
  HouseholdRecord record;     // canonical member order

  bool operator==(const HouseholdVersion&) const = default;
};

// One rejected input row, with everything a clerk needs to find and fix it.
struct QuarantineEntry {
  int64_t batch_id = 0;
  std::string file;     // file name as given on the command line
  int64_t line = 0;     // 1-based physical line where the record starts
  std::string column;   // the column at fault ("" for a row-level rule)
  std::string rule;     // machine-readable rule id, e.g. "id_number.check", "household.no_head"
  std::string value;    // the raw value at fault (may be empty)
  std::string message;  // what is wrong and what to do, for people
  std::string record;   // the raw record as read (fields joined as CSV), to fix and re-submit

  bool operator==(const QuarantineEntry&) const = default;
};

struct RegistryCounts {
  int64_t households = 0;   // households with at least one version
  int64_t members = 0;      // members of current versions
  int64_t versions = 0;     // all household versions
  int64_t batches = 0;      // committed batches
  int64_t quarantined = 0;  // all quarantine entries
  int64_t regions = 0;
};

// Collects the writes of one batch. Destroying it without Commit discards everything.
class BatchWriter {
 public:
  virtual ~BatchWriter() = default;
  const BatchInfo& info() const { return info_; }

  // Adds a version. `version.version` must be the household's current version + 1 (1 for a new
  // household); kFailedPrecondition otherwise. The record must be canonical.
  virtual Status PutVersion(const HouseholdVersion& version) = 0;
  virtual Status PutQuarantine(const QuarantineEntry& entry) = 0;
  // Makes the whole batch visible at once, with its report. After Commit the writer is spent.
  virtual Status Commit(std::string report_json) = 0;

 protected:
  explicit BatchWriter(BatchInfo info) : info_(std::move(info)) {}
  BatchInfo info_;
};

class Store {
 public:
  virtual ~Store() = default;

  // --- regions
  // Replaces the region table (kept in one transaction).
  virtual Status ReplaceRegions(std::span<const Region> regions) = 0;
  virtual Result<std::vector<Region>> LoadRegions() = 0;

  // --- writing
  // Starts a batch; assigns info.batch_id. Reads through this Store made by the same thread
  // before the first write see the state before the batch.
  virtual Result<std::unique_ptr<BatchWriter>> BeginBatch(BatchInfo info) = 0;

  // --- reading current state
  // Calls fn(household_id, current version, content hash) for every household, in any order.
  virtual Status ForEachCurrentHash(
      const std::function<void(const std::string& household_id, int32_t version, uint64_t hash)>&
          fn) = 0;
  // Calls fn(id_number, household_id) for every member of every current version.
  virtual Status ForEachCurrentMember(
      const std::function<void(const std::string& id_number, const std::string& household_id)>&
          fn) = 0;
  // The current versions of the given households; unknown ids are skipped.
  virtual Result<std::vector<HouseholdVersion>> GetCurrent(
      std::span<const std::string> household_ids) = 0;
  // Calls fn for the current version of every household, in household_id (byte) order. Stops
  // and returns the Status if fn returns a non-OK Status.
  virtual Status ScanCurrent(const std::function<Status(const HouseholdVersion&)>& fn) = 0;

  // --- reading the registry as it was, and what changed
  // Like ScanCurrent, for the registry as it was at a UTC instant: calls fn, in household_id
  // order, with each household's highest version whose batch's finished_at is <= the instant
  // (string comparison); households with no such version are skipped. kInvalidArgument unless
  // the instant has the form "YYYY-MM-DDTHH:MM:SSZ". Stops and returns the Status if fn returns
  // a non-OK Status.
  virtual Status ScanAsOf(const std::string& committed_at_or_before,
                          const std::function<Status(const HouseholdVersion&)>& fn) = 0;
  // The id of the last committed batch; 0 when none has been committed.
  virtual Result<int64_t> LastCommittedBatch() = 0;
  // Calls fn once for each household with a version written by a committed batch whose id is
  // greater than `batch_id`, in household_id order (all households when batch_id < 1). For
  // incremental screening: the households to re-evaluate since the run that saw `batch_id`.
  virtual Status ForEachChangedSince(
      int64_t batch_id, const std::function<void(const std::string& household_id)>& fn) = 0;

  // --- history and batches
  // All versions of a household, oldest first; empty if unknown.
  virtual Result<std::vector<HouseholdVersion>> History(const std::string& household_id) = 0;
  virtual Result<std::optional<BatchInfo>> GetBatch(int64_t batch_id) = 0;
  virtual Result<std::vector<BatchInfo>> ListBatches() = 0;
  // Quarantine entries of a batch, in (file, line) order.
  virtual Result<std::vector<QuarantineEntry>> Quarantine(int64_t batch_id) = 0;

  virtual Result<RegistryCounts> Counts() = 0;
};

}  // namespace xianjie::registry

#endif  // XIANJIE_REGISTRY_STORE_H_
