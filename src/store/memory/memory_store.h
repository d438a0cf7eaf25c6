// MemoryStore: a whole Database (the registry, standards and screening runs, the audit log,
// users, cases) held in process memory. For tests of domain logic and for `--db :memory:`; it
// keeps everything until it is destroyed.
#ifndef XIANJIE_STORE_MEMORY_MEMORY_STORE_H_
#define XIANJIE_STORE_MEMORY_MEMORY_STORE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "access/audit.h"
#include "access/user_store.h"
#include "cases/case_store.h"
#include "registry/store.h"
#include "rules/screening_store.h"
#include "store/database.h"

namespace xianjie::store {

class MemoryBatchWriter;

// Thread-safe: one mutex guards the state, and no callback runs while it is held (calls collect
// what they need under the lock, then call back), so callbacks may call the store again. A
// BatchWriter stages its writes in itself and applies them all at once at Commit; reads never see
// them before. At most one writer is open: a second BeginBatch is kFailedPrecondition. Writers
// must be destroyed before the store.
class MemoryStore final : public Database {
 public:
  MemoryStore() = default;
  ~MemoryStore() override = default;
  MemoryStore(const MemoryStore&) = delete;
  MemoryStore& operator=(const MemoryStore&) = delete;

  // Fails with kFailedPrecondition while a batch is open, kInvalidArgument on a region without
  // a code or a code given twice.
  Status ReplaceRegions(std::span<const registry::Region> regions) override;
  Result<std::vector<registry::Region>> LoadRegions() override;  // in code order

  // The batch id is the next after the last committed batch.
  Result<std::unique_ptr<registry::BatchWriter>> BeginBatch(registry::BatchInfo info) override;

  Status ForEachCurrentHash(
      const std::function<void(const std::string&, int32_t, uint64_t)>& fn) override;
  Status ForEachCurrentMember(
      const std::function<void(const std::string&, const std::string&)>& fn) override;
  // In the order asked.
  Result<std::vector<registry::HouseholdVersion>> GetCurrent(
      std::span<const std::string> household_ids) override;
  Status ScanCurrent(const std::function<Status(const registry::HouseholdVersion&)>& fn) override;
  Status ScanAsOf(const std::string& committed_at_or_before,
                  const std::function<Status(const registry::HouseholdVersion&)>& fn) override;
  Result<int64_t> LastCommittedBatch() override;
  Status ForEachChangedSince(int64_t batch_id,
                             const std::function<void(const std::string&)>& fn) override;

  Result<std::vector<registry::HouseholdVersion>> History(const std::string& household_id) override;
  Result<std::optional<registry::BatchInfo>> GetBatch(int64_t batch_id) override;
  Result<std::vector<registry::BatchInfo>> ListBatches() override;  // by batch id
  Result<std::vector<registry::QuarantineEntry>> Quarantine(int64_t batch_id) override;
  Result<registry::RegistryCounts> Counts() override;

  // --- rules::ScreeningStore (memory_screening.cc)
  Status PutStandard(const rules::StoredStandard& standard) override;
  Result<int64_t> LoadStandard(const rules::StoredStandard& standard) override;
  Result<std::optional<rules::StoredStandard>> GetStandard(
      const std::string& content_hash) override;
  Result<std::optional<rules::StoredStandard>> LatestStandard(const std::string& province,
                                                              const std::string& county,
                                                              int year) override;
  Result<std::vector<rules::StoredStandard>> ListStandards() override;
  Result<std::vector<rules::StandardLoad>> ListLoads() override;
  Result<int64_t> PutRun(const rules::ScreeningRun& run,
                         std::span<const rules::HouseholdResult> results) override;
  Result<std::optional<rules::ScreeningRun>> GetRun(int64_t run_id) override;
  Result<std::optional<rules::ScreeningRun>> LatestRun(const std::string& province,
                                                       const std::string& county,
                                                       int year) override;
  Result<std::vector<rules::ScreeningRun>> ListRuns() override;
  Result<std::vector<rules::HouseholdResult>> RunResults(int64_t run_id) override;
  Result<std::vector<rules::HouseholdResult>> HouseholdResults(
      const std::string& household_id) override;

  // --- access::AuditStore (memory_audit.cc)
  Result<access::AuditEntry> Append(const std::string& user, const std::string& action,
                                    const std::string& subject, const std::string& detail) override;
  Status ForEach(const std::function<Status(const access::AuditEntry&)>& fn) override;
  Result<int64_t> Count() override;

  // --- access::UserStore (memory_users.cc)
  Status AddUser(const access::User& user) override;
  Result<std::optional<access::User>> GetUser(const std::string& username) override;
  Status UpdateUser(const access::User& user) override;
  Result<std::vector<access::User>> ListUsers() override;
  Status PutSession(const access::Session& session) override;
  Result<std::optional<access::Session>> GetSession(const std::string& token_hash) override;
  Status TouchSession(const std::string& token_hash, const std::string& last_seen_at) override;
  Status DeleteSession(const std::string& token_hash) override;
  Result<int64_t> DeleteSessionsOf(const std::string& username) override;
  Result<int64_t> DeleteExpiredSessions(const std::string& created_before,
                                        const std::string& seen_before) override;

  // --- cases::CaseStore (memory_cases.cc)
  Result<std::vector<int64_t>> OpenCases(const std::vector<cases::NewCase>& new_cases) override;
  Status AppendEvent(const cases::EventWrite& write) override;
  Result<std::optional<cases::CaseRecord>> GetCase(int64_t id) override;
  Result<std::optional<cases::CaseRecord>> OpenCaseOf(const std::string& household_id) override;
  Result<std::vector<cases::CaseRecord>> ListCases(const cases::CaseFilter& filter,
                                                   int64_t* total = nullptr) override;
  Result<std::vector<cases::EventRecord>> CaseEvents(int64_t case_id) override;
  Result<int64_t> AddLead(const cases::Lead& lead) override;
  Result<std::vector<cases::Lead>> LeadsOf(const std::string& household_id) override;
  Result<std::vector<std::string>> HouseholdsWithLead(const std::string& source) override;
  Result<int64_t> PutAttachment(const cases::Attachment& meta, const std::string& content) override;
  Result<std::optional<cases::Attachment>> GetAttachment(int64_t id, std::string* content) override;
  Result<std::vector<cases::Episode>> EpisodesOf(const std::string& household_id) override;
  Result<std::vector<cases::Episode>> ListEpisodes(const std::string& region_prefix,
                                                   bool open_only) override;
  Result<int64_t> CountEpisodes(const std::string& region_prefix, bool open_only) override;
  Result<int64_t> PutMeasure(const cases::Measure& measure) override;
  Result<std::vector<cases::Measure>> MeasuresOf(const std::string& household_id) override;
  Result<std::optional<cases::WorkflowLimits>> GetLimits(const std::string& province) override;
  Status PutLimits(const std::string& province, const cases::WorkflowLimits& limits) override;
  // Applications from the public page (memory_applications.cc).
  Result<int64_t> PutApplication(const cases::Application& application) override;
  Result<std::optional<cases::Application>> GetApplication(int64_t id) override;
  Result<std::vector<cases::Application>> ListApplications(
      const cases::ApplicationFilter& filter, int64_t* total = nullptr) override;
  Status UpdateApplication(const cases::Application& application,
                           cases::ApplicationStatus expected) override;

 private:
  friend class MemoryBatchWriter;
  // Versions are immutable once committed and shared, so a read can copy pointers under the
  // lock and use them after releasing it.
  using VersionPtr = std::shared_ptr<const registry::HouseholdVersion>;

  // The committed current version of a household, 0 if unknown.
  int32_t CurrentVersion(const std::string& household_id);
  // Applies a writer's staged batch atomically and closes it.
  void Apply(registry::BatchInfo batch, std::vector<VersionPtr> versions,
             std::vector<registry::QuarantineEntry> quarantine);
  // Closes a batch that was not committed.
  void CloseWriter();
  std::vector<VersionPtr> CurrentVersions();

  std::mutex mu_;
  std::vector<registry::Region> regions_;  // guarded by mu_; in code order
  // By household_id (std::string orders bytes as unsigned, i.e. byte order); oldest first.
  std::map<std::string, std::vector<VersionPtr>> households_;  // guarded by mu_
  std::vector<registry::BatchInfo> batches_;  // guarded by mu_; committed, batch_id = index + 1
  // Per batch, in (file, line) order.
  std::map<int64_t, std::vector<registry::QuarantineEntry>> quarantine_;  // guarded by mu_
  int64_t quarantined_ = 0;                                               // guarded by mu_
  bool batch_open_ = false;                                               // guarded by mu_
  registry::BatchInfo open_batch_;  // guarded by mu_; valid while batch_open_

  // Screening state has its own mutex: a run may be stored while a batch is open.
  std::mutex screening_mu_;
  // Stores `standard` unless its content is already stored; requires screening_mu_ held.
  void StoreContent(const rules::StoredStandard& standard);
  // In the order first stored.
  std::vector<rules::StoredStandard> standards_;  // guarded by screening_mu_
  std::vector<rules::StandardLoad> loads_;  // guarded by screening_mu_; load_id = index + 1
  std::vector<rules::ScreeningRun> runs_;         // guarded by screening_mu_; run_id = index + 1
  // Per run (same index), its results in household_id order.
  std::vector<std::vector<rules::HouseholdResult>> run_results_;  // guarded by screening_mu_

  // The audit log; an append reads the last entry and adds the next under one lock.
  std::mutex audit_mu_;
  std::vector<access::AuditEntry> audit_;  // guarded by audit_mu_; seq = index + 1

  // Users and sessions, under a mutex of their own.
  std::mutex users_mu_;
  std::map<std::string, access::User> users_;        // guarded by users_mu_; by username
  std::map<std::string, access::Session> sessions_;  // guarded by users_mu_; by token_hash

  // Cases, their events, leads, attachments, episodes, measures and limits, under a mutex of
  // their own; ids are 1, 2, ... per kind of row (index + 1), as SQLite numbers them.
  std::mutex cases_mu_;
  std::vector<cases::CaseRecord> cases_;  // guarded by cases_mu_
  // Per case (same index), its events by seq.
  std::vector<std::vector<cases::EventRecord>> case_events_;  // guarded by cases_mu_
  std::map<std::string, int64_t> open_case_of_;  // guarded by cases_mu_; household → open case
  std::vector<cases::Lead> leads_;               // guarded by cases_mu_
  std::set<std::pair<std::string, std::string>> lead_sources_;  // guarded by cases_mu_
  std::vector<std::pair<cases::Attachment, std::string>> attachments_;  // guarded by cases_mu_
  std::vector<cases::Episode> episodes_;                                 // guarded by cases_mu_
  std::vector<cases::Measure> measures_;                                 // guarded by cases_mu_
  std::map<std::string, cases::WorkflowLimits> limits_;  // guarded by cases_mu_; by province
  std::vector<cases::Application> applications_;          // guarded by cases_mu_; id = index + 1
};

}  // namespace xianjie::store

#endif  // XIANJIE_STORE_MEMORY_MEMORY_STORE_H_
