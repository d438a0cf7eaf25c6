// MemoryStore: a whole Database (the registry, standards and screening runs, the audit log,
// users, cases, department data, assistance) held in process memory. For tests of domain logic and for `--db :memory:`; it
// keeps everything until it is destroyed.
#ifndef XIANJIE_STORE_MEMORY_MEMORY_STORE_H_
#define XIANJIE_STORE_MEMORY_MEMORY_STORE_H_

#include <cstdint>
#include <deque>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "access/audit.h"
#include "access/user_store.h"
#include "analytics/assessment_store.h"
#include "analytics/sample_store.h"
#include "assist/assist_store.h"
#include "cases/case_store.h"
#include "exchange/exchange_store.h"
#include "registry/store.h"
#include "rules/screening_store.h"
#include "store/database.h"

namespace xianjie::store {

class MemoryBatchWriter;
class MemoryUploadWriter;

// Thread-safe: one mutex guards the state, and no callback runs while it is held (calls collect
// what they need under the lock, then call back), so callbacks may call the store again. A
// BatchWriter stages its writes in itself and applies them all at once at Commit; reads never see
// them before. An UploadWriter stages its rows, warnings and file likewise and applies them with
// its batch, under the same lock. At most one writer (batch or upload) is open: a second
// BeginBatch or BeginUpload is kFailedPrecondition. Writers must be destroyed before the store.
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
  Result<std::vector<cases::Lead>> ListLeads(const std::string& source_prefix) override;
  Result<int64_t> PutAttachment(const cases::Attachment& meta, const std::string& content) override;
  Result<std::optional<cases::Attachment>> GetAttachment(int64_t id, std::string* content) override;
  Result<std::vector<cases::Episode>> EpisodesOf(const std::string& household_id) override;
  Result<std::vector<cases::Episode>> ListEpisodes(const std::string& region_prefix,
                                                   bool open_only) override;
  Result<int64_t> CountEpisodes(const std::string& region_prefix, bool open_only) override;
  Result<int64_t> PutMeasure(const cases::Measure& measure) override;
  Result<std::vector<cases::Measure>> MeasuresOf(const std::string& household_id) override;
  Result<std::vector<cases::Measure>> ListMeasures() override;
  // A counter of the writes it covers, and a log of their households, under a mutex of their
  // own taken last (NoteCaseData), so that the exchange's warnings can move them too.
  Result<int64_t> CaseDataStamp() override;
  Result<cases::CaseDataChanges> CaseDataChangesAfter(int64_t after) override;
  Result<cases::HouseholdCaseRows> CaseRowsOf(const std::vector<std::string>& households) override;
  Result<std::optional<cases::WorkflowLimits>> GetLimits(const std::string& province) override;
  Status PutLimits(const std::string& province, const cases::WorkflowLimits& limits) override;
  // Applications from the public page (memory_applications.cc).
  Result<int64_t> PutApplication(const cases::Application& application) override;
  Result<std::optional<cases::Application>> GetApplication(int64_t id) override;
  Result<std::vector<cases::Application>> ListApplications(
      const cases::ApplicationFilter& filter, int64_t* total = nullptr) override;
  Status UpdateApplication(const cases::Application& application,
                           cases::ApplicationStatus expected) override;

  // --- exchange::ExchangeStore: uploads, rows and warnings (memory_exchange.cc) under mu_, with
  // the registry; findings (memory_findings.cc) under a mutex of their own.
  Result<std::optional<exchange::UploadRecord>> FindUpload(std::string_view source,
                                                           std::string_view sha256) override;
  Result<std::unique_ptr<exchange::UploadWriter>> BeginUpload(registry::BatchInfo batch,
                                                              exchange::UploadRecord upload,
                                                              std::string_view content) override;
  Result<std::optional<exchange::UploadRecord>> GetUpload(int64_t upload_id) override;
  Status UpdateUploadReport(int64_t upload_id, std::string_view report_json) override;
  Result<std::vector<exchange::UploadRecord>> ListUploads(
      const exchange::UploadFilter& filter) override;
  Result<std::optional<std::string>> FileContent(std::string_view sha256) override;
  Result<std::vector<exchange::DeptRow>> UploadRows(int64_t upload_id,
                                                    bool unmatched_only) override;
  Status ForEachFact(std::string_view source, std::string_view min_period,
                     const std::function<void(const exchange::DeptRow&)>& fn) override;
  Result<std::vector<exchange::DeptRow>> FactsOfHouseholds(
      const std::vector<std::string>& household_ids) override;
  Result<std::vector<exchange::DeptWarning>> Warnings(int64_t upload_id) override;
  Result<std::vector<exchange::DeptWarning>> WarningsOf(const std::string& household_id) override;
  Result<std::vector<exchange::DeptWarning>> WarningsOfHouseholds(
      const std::vector<std::string>& household_ids) override;
  Result<int64_t> PutFindings(std::vector<exchange::Finding>& findings) override;
  Result<std::optional<exchange::Finding>> GetFinding(int64_t finding_id) override;
  Result<std::vector<exchange::Finding>> ListFindings(
      const exchange::FindingFilter& filter) override;
  Result<int64_t> CountFindings(const exchange::FindingFilter& filter) override;
  Status ResolveFinding(int64_t finding_id, exchange::FindingState state, std::string_view user,
                        std::string_view note, std::string_view at_utc) override;

  // --- assist::AssistStore (memory_assist.cc), under a mutex of its own.
  Result<int64_t> CreatePlan(const assist::Plan& plan) override;
  Status UpdatePlan(const assist::Plan& plan, assist::PlanState expected) override;
  Result<std::optional<assist::Plan>> GetPlan(int64_t id) override;
  Result<std::optional<assist::Plan>> PlanOfEpisode(int64_t episode_id) override;
  Result<std::vector<assist::Plan>> ListPlans(const assist::PlanFilter& filter,
                                              int64_t* total = nullptr) override;
  Result<int64_t> AssignResponsible(const assist::ResponsiblePerson& next) override;
  Result<std::vector<assist::ResponsiblePerson>> ResponsibleOf(
      const std::string& household_id) override;
  Result<int64_t> AddVisit(const assist::Visit& visit) override;
  Result<std::vector<assist::Visit>> VisitsOf(const std::string& household_id) override;
  Result<std::vector<assist::Visit>> ListVisits(const assist::VisitFilter& filter,
                                                int64_t* total = nullptr) override;
  Result<int64_t> PutCatalogVersion(const assist::CatalogVersion& version) override;
  Result<std::optional<assist::CatalogVersion>> LatestCatalogVersion(
      const std::string& province) override;
  Result<std::vector<assist::CatalogVersion>> CatalogVersions(
      const std::string& province) override;

  // --- analytics::AssessmentStore (memory_assessment.cc), under a mutex of its own.
  Result<int64_t> PutAssessmentConfig(
      const analytics::AssessmentConfigVersion& version) override;
  Result<std::optional<analytics::AssessmentConfigVersion>> LatestAssessmentConfig(
      const std::string& province) override;

  // --- analytics::SampleStore (memory_sample.cc), under a mutex of its own.
  Result<int64_t> PutDraw(const analytics::SampleDraw& draw,
                          const std::vector<analytics::SampleUnit>& units, bool redraw) override;
  Result<std::optional<analytics::SampleDraw>> GetDraw(int64_t id) override;
  Result<std::vector<analytics::SampleDraw>> ListDraws(
      const analytics::SampleDrawFilter& filter) override;
  Result<std::vector<analytics::SampleUnit>> DrawUnits(int64_t draw_id) override;
  Status PutResult(const analytics::SampleResult& result) override;
  Result<std::vector<analytics::SampleResult>> DrawResults(int64_t draw_id) override;
  Status CloseDraw(int64_t draw_id, const std::string& by, const std::string& at) override;

 private:
  friend class MemoryBatchWriter;
  friend class MemoryUploadWriter;
  // Rows are immutable once committed and shared, like versions.
  using RowPtr = std::shared_ptr<const exchange::DeptRow>;
  // (source, person_key, period): what makes a department warning unique.
  using WarningKey = std::tuple<std::string, std::string, std::string>;
  // What an upload writer hands to the store at Commit.
  struct StagedUpload {
    exchange::UploadRecord record;
    std::optional<std::string> content;  // the file, unless it was stored before
    std::vector<RowPtr> rows;            // in row order
    std::vector<exchange::DeptWarning> warnings;
  };
  // Versions are immutable once committed and shared, so a read can copy pointers under the
  // lock and use them after releasing it.
  using VersionPtr = std::shared_ptr<const registry::HouseholdVersion>;

  // The committed current version of a household, 0 if unknown.
  int32_t CurrentVersion(const std::string& household_id);
  // Applies a writer's staged batch atomically, with `also_locked` run under the same lock
  // (an upload's rows), and closes it.
  void Apply(registry::BatchInfo batch, std::vector<VersionPtr> versions,
             std::vector<registry::QuarantineEntry> quarantine,
             const std::function<void()>& also_locked);
  // Records an upload's staged writes; requires mu_ held (called through Apply).
  void ApplyUploadLocked(StagedUpload staged);
  // Whether a warning with this key is committed.
  bool WarningRecorded(const WarningKey& key);
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

  // Department data, under mu_ with the registry, so that an upload and its batch appear in one
  // step. Committed uploads: upload_id = index + 1, their rows (same index) in row order.
  std::vector<exchange::UploadRecord> uploads_;                            // guarded by mu_
  std::vector<std::vector<RowPtr>> upload_rows_;                           // guarded by mu_
  std::map<std::pair<std::string, std::string>, int64_t> upload_of_file_;  // guarded by mu_
  std::map<std::string, std::string, std::less<>> files_;  // guarded by mu_; by sha256
  // The matched rows of each household, in commit order.
  std::map<std::string, std::vector<RowPtr>> facts_of_household_;  // guarded by mu_
  std::vector<exchange::DeptWarning> warnings_;  // guarded by mu_; warning id = index + 1
  std::set<WarningKey> warning_keys_;            // guarded by mu_

  // Findings, under a mutex of their own: finding id = index + 1.
  std::mutex findings_mu_;
  std::vector<exchange::Finding> findings_;  // guarded by findings_mu_
  // (check, household_id, evidence_key) → finding id.
  std::map<std::tuple<std::string, std::string, std::string>, int64_t>
      finding_of_key_;  // guarded by findings_mu_

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

  // The case data's stamp and change log: one more per write, and the households it wrote
  // (CaseDataChangesAfter); taken while holding cases_mu_ or mu_, never the other way round.
  void NoteCaseData(std::initializer_list<std::string_view> households);
  std::mutex case_log_mu_;
  int64_t case_data_stamp_ = 0;  // guarded by case_log_mu_
  int64_t case_log_last_ = 0;    // guarded by case_log_mu_
  // (sequence number, household), ascending; the latest kCaseDataLogKept.
  std::deque<std::pair<int64_t, std::string>> case_log_;  // guarded by case_log_mu_

  // Assistance: plans, responsible persons and visits (id = index + 1 each), catalogue versions
  // per province (version = index + 1).
  std::mutex assist_mu_;
  std::vector<assist::Plan> plans_;                          // guarded by assist_mu_
  std::map<int64_t, int64_t> plan_of_episode_;               // guarded by assist_mu_
  std::vector<assist::ResponsiblePerson> responsible_;       // guarded by assist_mu_
  std::vector<assist::Visit> visits_;                        // guarded by assist_mu_
  std::map<std::string, std::vector<assist::CatalogVersion>>
      catalog_versions_;  // guarded by assist_mu_; by province

  // Assessment settings per province (version = index + 1).
  std::mutex assessment_mu_;
  std::map<std::string, std::vector<analytics::AssessmentConfigVersion>>
      assessment_configs_;  // guarded by assessment_mu_; by province

  // Verification samples: draws (id = index + 1; `latest` and `recorded` set when read), their
  // units and results (same index), and the latest draw of each (county, year).
  // The draw of `id` as a read returns it; requires sample_mu_ held.
  analytics::SampleDraw DrawAsRead(int64_t id) const;
  std::mutex sample_mu_;
  std::vector<analytics::SampleDraw> sample_draws_;  // guarded by sample_mu_
  // By (village code, household ID).
  std::vector<std::vector<analytics::SampleUnit>> sample_units_;  // guarded by sample_mu_
  // By household ID.
  std::vector<std::map<std::string, analytics::SampleResult>>
      sample_results_;  // guarded by sample_mu_
  std::map<std::pair<std::string, int>, int64_t> latest_draw_;  // guarded by sample_mu_
};

}  // namespace xianjie::store

#endif  // XIANJIE_STORE_MEMORY_MEMORY_STORE_H_
