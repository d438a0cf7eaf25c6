// SqlStore: a whole Database (the registry and every other port) in a SQL database, over a
// driver: SQLite, the default system of record (store/sqlite/sqlite_store.h), or PostgreSQL, the
// server option (store/postgres/postgres_store.h). One write transaction per batch, any number of
// concurrent readers. The SQL is written once for both (decision 0011).
#ifndef XIANJIE_STORE_SQL_SQL_STORE_H_
#define XIANJIE_STORE_SQL_SQL_STORE_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
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
#include "store/open.h"

namespace xianjie::store {

namespace sql_internal {
class Connection;
class Driver;
class SqlBatchWriter;
}  // namespace sql_internal

// Thread-safe. Reads run on a small pool of read-only connections and see the last committed
// state (never an open batch's writes, even from the writer's own thread), so they never wait
// for a batch. At most one BatchWriter is open per store: a second BeginBatch is
// kFailedPrecondition; a writer in another process is waited for up to the driver's busy
// timeout, then kIoError "the database is busy with another import; try again when it has
// finished". Writers must be destroyed before the store. Standards and screening runs are
// written on a connection of their own, each PutRun in one transaction; while a batch is open
// (here or in another process) they wait the busy timeout for its write lock, then fail with
// kIoError.
//
// Speed on SQLite (Release, 2 cores, 1M households with 3.5M members in one batch): about 11 s to
// write them in household_id order, 16 s in random order; ScanCurrent streams them back in under 3
// s with flat memory when they were written in id order (about 8 s otherwise).
// One table of a database, for migrate-store: its rows, and the SHA-256 of their values in key
// order (the columns both backends have; see sql_copy.cc), or "" where not computed.
struct TableDigest {
  std::string table;
  int64_t rows = 0;
  std::string sha256;
};

class SqlStore final : public Database {
 public:
  // A store over `driver`, whose database has its schema (the driver's Open has migrated it);
  // `writer` is the driver's first writing connection, which the store keeps for batches.
  SqlStore(std::unique_ptr<sql_internal::Driver> driver,
           std::unique_ptr<sql_internal::Connection> writer);
  ~SqlStore() override;

  // The database (a file, or a server and database without the password), for messages.
  const std::string& database() const;

  // --- migrate-store (sql_copy.cc, decision 0012)
  // Every table of the schema, each after those it references.
  static std::span<const std::string_view> Tables();
  // Copies every table of `source` (one snapshot of it) into this store, whose tables must be
  // empty but for the rows its schema seeds, in one transaction: all of it or, on failure,
  // nothing. Between any two backends. Returns the rows copied per table (sha256 empty).
  // kFailedPrecondition if this store holds data or a batch is open.
  Result<std::vector<TableDigest>> CopyFrom(SqlStore& source);
  // The rows and SHA-256 of every table, from one snapshot: equal for two stores that hold the
  // same data, whatever their backends.
  Result<std::vector<TableDigest>> Digest();

  // Fails with kFailedPrecondition while a batch is open, kInvalidArgument on a region without
  // a code or a code given twice.
  Status ReplaceRegions(std::span<const registry::Region> regions) override;
  Result<std::vector<registry::Region>> LoadRegions() override;  // in code order

  // BEGIN IMMEDIATE and the batch row; the batch id is the next after the last committed one.
  Result<std::unique_ptr<registry::BatchWriter>> BeginBatch(registry::BatchInfo info) override;

  Status ForEachCurrentHash(
      const std::function<void(const std::string&, int32_t, uint64_t)>& fn) override;
  Status ForEachCurrentMember(
      const std::function<void(const std::string&, const std::string&)>& fn) override;
  // In the order asked.
  Result<std::vector<registry::HouseholdVersion>> GetCurrent(
      std::span<const std::string> household_ids) override;
  // Streams one query; memory stays flat whatever the registry's size.
  Status ScanCurrent(const std::function<Status(const registry::HouseholdVersion&)>& fn) override;
  // One query, streamed; the batches that count are looked up per household.
  Status ScanAsOf(const std::string& committed_at_or_before,
                  const std::function<Status(const registry::HouseholdVersion&)>& fn) override;
  Result<int64_t> LastCommittedBatch() override;
  // Reads only the versions written since the batch: a cost in proportion to the change.
  Status ForEachChangedSince(int64_t batch_id,
                             const std::function<void(const std::string&)>& fn) override;

  Result<std::vector<registry::HouseholdVersion>> History(const std::string& household_id) override;
  Result<std::optional<registry::BatchInfo>> GetBatch(int64_t batch_id) override;
  Result<std::vector<registry::BatchInfo>> ListBatches() override;  // by batch id
  Result<std::vector<registry::QuarantineEntry>> Quarantine(int64_t batch_id) override;
  Result<registry::RegistryCounts> Counts() override;

  // --- rules::ScreeningStore (sql_screening.cc)
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

  // --- access::AuditStore (sql_audit.cc)
  Result<access::AuditEntry> Append(const std::string& user, const std::string& action,
                                    const std::string& subject, const std::string& detail) override;
  Status ForEach(const std::function<Status(const access::AuditEntry&)>& fn) override;
  Result<int64_t> Count() override;

  // --- access::UserStore (sql_users.cc)
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

  // --- cases::CaseStore (sql_cases.cc: writes, each one write transaction on the
  // screening writer's connection; sql_case_reads.cc: reads)
  // One transaction with its statements compiled once: a province's first screening opens
  // 150,000 cases in about 2 s (Release, 2 shared cores; tests/store/case_store_bench.cc).
  Result<std::vector<int64_t>> OpenCases(const std::vector<cases::NewCase>& new_cases) override;
  Status AppendEvent(const cases::EventWrite& write) override;
  Result<std::optional<cases::CaseRecord>> GetCase(int64_t id) override;
  Result<std::optional<cases::CaseRecord>> OpenCaseOf(const std::string& household_id) override;
  // One snapshot for the page and its total.
  Result<std::vector<cases::CaseRecord>> ListCases(const cases::CaseFilter& filter,
                                                   int64_t* total = nullptr) override;
  Result<std::vector<cases::EventRecord>> CaseEvents(int64_t case_id) override;
  Result<int64_t> AddLead(const cases::Lead& lead) override;
  Result<std::vector<cases::Lead>> LeadsOf(const std::string& household_id) override;
  Result<std::vector<std::string>> HouseholdsWithLead(const std::string& source) override;
  // A range of the lead_by_source index.
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
  // The change_stamp row 'case_data' (migration 0012), which triggers on case_record, lead,
  // episode, measure and workflow_limits move in the writing transaction, whatever process
  // writes.
  Result<int64_t> CaseDataStamp() override;
  Result<cases::CaseDataChanges> CaseDataChangesAfter(int64_t after) override;
  Result<cases::HouseholdCaseRows> CaseRowsOf(const std::vector<std::string>& households) override;
  Result<std::optional<cases::WorkflowLimits>> GetLimits(const std::string& province) override;
  Status PutLimits(const std::string& province, const cases::WorkflowLimits& limits) override;
  // Applications from the public page (sql_applications.cc): writes on the screening
  // writer's connection, reads on the pool.
  Result<int64_t> PutApplication(const cases::Application& application) override;
  Result<std::optional<cases::Application>> GetApplication(int64_t id) override;
  // One snapshot for the page and its total.
  Result<std::vector<cases::Application>> ListApplications(const cases::ApplicationFilter& filter,
                                                           int64_t* total = nullptr) override;
  Status UpdateApplication(const cases::Application& application,
                           cases::ApplicationStatus expected) override;

  // --- exchange::ExchangeStore (migration 0010)
  // Uploads, rows and warnings (sql_exchange.cc): BeginUpload opens the batch as BeginBatch
  // does (one writer; another process's write lock waited for busy_timeout_ms, then kIoError)
  // and the UploadWriter writes in the batch's transaction with statements compiled once:
  // 200,000 rows and their commit take 3.6 s in the ASan Debug build
  // (tests/store/exchange_store_bench.cc). Reads on the pool.
  Result<std::optional<exchange::UploadRecord>> FindUpload(std::string_view source,
                                                           std::string_view sha256) override;
  Result<std::unique_ptr<exchange::UploadWriter>> BeginUpload(registry::BatchInfo batch,
                                                              exchange::UploadRecord upload,
                                                              std::string_view content) override;
  Result<std::optional<exchange::UploadRecord>> GetUpload(int64_t upload_id) override;
  // One write transaction on the screening writer's connection (the upload's row and
  // its batch's), like the cases' writes.
  Status UpdateUploadReport(int64_t upload_id, std::string_view report_json) override;
  Result<std::vector<exchange::UploadRecord>> ListUploads(
      const exchange::UploadFilter& filter) override;
  Result<std::optional<std::string>> FileContent(std::string_view sha256) override;
  Result<std::vector<exchange::DeptRow>> UploadRows(int64_t upload_id,
                                                    bool unmatched_only) override;
  // Streams one query over an index in the order returned; fn runs while it is open.
  Status ForEachFact(std::string_view source, std::string_view min_period,
                     const std::function<void(const exchange::DeptRow&)>& fn) override;
  // One snapshot for all the households.
  Result<std::vector<exchange::DeptRow>> FactsOfHouseholds(
      const std::vector<std::string>& household_ids) override;
  Result<std::vector<exchange::DeptWarning>> Warnings(int64_t upload_id) override;
  Result<std::vector<exchange::DeptWarning>> WarningsOf(const std::string& household_id) override;
  Result<std::vector<exchange::DeptWarning>> WarningsOfHouseholds(
      const std::vector<std::string>& household_ids) override;
  // Findings (sql_findings.cc): each write one write transaction on the screening
  // writer's connection.
  Result<int64_t> PutFindings(std::vector<exchange::Finding>& findings) override;
  Result<std::optional<exchange::Finding>> GetFinding(int64_t finding_id) override;
  Result<std::vector<exchange::Finding>> ListFindings(
      const exchange::FindingFilter& filter) override;
  Result<int64_t> CountFindings(const exchange::FindingFilter& filter) override;
  Status ResolveFinding(int64_t finding_id, exchange::FindingState state, std::string_view user,
                        std::string_view note, std::string_view at_utc) override;

  // --- assist::AssistStore (migration 0011; sql_assist.cc): each write one BEGIN IMMEDIATE
  // transaction on the screening writer's connection that reads what it could be refused for
  // first; reads on the pool.
  Result<int64_t> CreatePlan(const assist::Plan& plan) override;
  Status UpdatePlan(const assist::Plan& plan, assist::PlanState expected) override;
  Result<std::optional<assist::Plan>> GetPlan(int64_t id) override;
  Result<std::optional<assist::Plan>> PlanOfEpisode(int64_t episode_id) override;
  // One snapshot for the page and its total.
  Result<std::vector<assist::Plan>> ListPlans(const assist::PlanFilter& filter,
                                              int64_t* total = nullptr) override;
  Result<int64_t> AssignResponsible(const assist::ResponsiblePerson& next) override;
  Result<std::vector<assist::ResponsiblePerson>> ResponsibleOf(
      const std::string& household_id) override;
  Result<int64_t> AddVisit(const assist::Visit& visit) override;
  Result<std::vector<assist::Visit>> VisitsOf(const std::string& household_id) override;
  // One snapshot for the page and its total.
  Result<std::vector<assist::Visit>> ListVisits(const assist::VisitFilter& filter,
                                                int64_t* total = nullptr) override;
  Result<int64_t> PutCatalogVersion(const assist::CatalogVersion& version) override;
  Result<std::optional<assist::CatalogVersion>> LatestCatalogVersion(
      const std::string& province) override;
  Result<std::vector<assist::CatalogVersion>> CatalogVersions(const std::string& province) override;

  // --- analytics::AssessmentStore (migration 0012; sql_assessment.cc): a write is one write
  // transaction on the screening writer's connection; reads on the pool.
  Result<int64_t> PutAssessmentConfig(const analytics::AssessmentConfigVersion& version) override;
  Result<std::optional<analytics::AssessmentConfigVersion>> LatestAssessmentConfig(
      const std::string& province) override;

  // --- analytics::SampleStore (migration 0013; sql_sample.cc): each write one write
  // transaction on the screening writer's connection that reads what it could be
  // refused for first (a draw and its units in one); reads on the pool.
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
  // A read connection borrowed from the pool for one call; returned when it goes out of scope.
  class Reader;

  Result<Reader> AcquireReader();
  // BeginBatch's work: the one-writer rule, then the batch writer on the writing connection.
  Result<std::unique_ptr<sql_internal::SqlBatchWriter>> OpenBatchWriter(registry::BatchInfo info);
  void ReturnReader(std::unique_ptr<sql_internal::Connection> connection);

  const std::unique_ptr<sql_internal::Driver> driver_;

  std::mutex write_mu_;
  // The writing connection. Guarded by write_mu_ while no batch is open; while one is, it
  // belongs to that batch's writer.
  std::unique_ptr<sql_internal::Connection> writer_connection_;
  bool batch_open_ = false;         // guarded by write_mu_
  registry::BatchInfo open_batch_;  // guarded by write_mu_; valid while batch_open_

  std::mutex pool_mu_;
  std::vector<std::unique_ptr<sql_internal::Connection>> idle_readers_;  // guarded by pool_mu_

  // Standards, screening runs, audit entries, users and cases are written on a connection of
  // their own, opened on first use, so that storing a run never needs the batch's connection.
  // The database still admits one write transaction at a time: while a batch is open, such a
  // write waits for the driver's busy timeout.
  Result<sql_internal::Connection*> ScreeningWriter();  // requires screening_mu_ held
  std::mutex screening_mu_;
  std::unique_ptr<sql_internal::Connection> screening_writer_;  // guarded by screening_mu_
};

}  // namespace xianjie::store

#endif  // XIANJIE_STORE_SQL_SQL_STORE_H_
