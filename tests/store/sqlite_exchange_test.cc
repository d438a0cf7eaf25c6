// What only the SQLite store promises about department data (migration 0010): uploads, rows,
// warnings, files and findings survive reopening, a database of schema 0009 is upgraded in place
// and keeps its data, the rows follow the schema's conventions and its CHECKs hold even against
// SQL, a writer elsewhere makes BeginUpload busy, and a damaged row is data loss naming it.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "store/exchange_builders.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_store.h"
#include "store/sqlite_test_support.h"
#include "store/store_contract_test.h"

namespace xianjie::store::testing {
namespace {

using exchange::DeptRow;
using exchange::DeptWarning;
using exchange::Finding;
using exchange::FindingState;
using exchange::UploadRecord;

constexpr char kMedical[] = "medical_insurance";

// The tables of migration 0010, dropped to take a database back to schema 0009 (after what
// 0014, 0013, 0012 and 0011 added: the change log with its triggers and the leads' index; the
// samples; the change stamp with its triggers, the assessment settings; 0011's tables and the
// measure's two columns).
constexpr char kDrop0010[] =
    "DROP INDEX lead_by_household; DROP TRIGGER case_data_stamp_dept_warning_insert; "
    "DROP TRIGGER case_data_stamp_dept_warning_update; "
    "DROP TRIGGER case_data_stamp_dept_warning_delete; "
    "DROP TRIGGER case_data_log_dept_warning_insert; DROP TRIGGER "
    "case_data_log_dept_warning_update; "
    "DROP TRIGGER case_data_log_dept_warning_delete; "
    "DROP TRIGGER case_data_log_case_record_insert; DROP TRIGGER case_data_log_case_record_update; "
    "DROP TRIGGER case_data_log_case_record_delete; DROP TRIGGER case_data_log_lead_insert; "
    "DROP TRIGGER case_data_log_lead_update; DROP TRIGGER case_data_log_lead_delete; "
    "DROP TRIGGER case_data_log_episode_insert; DROP TRIGGER case_data_log_episode_update; "
    "DROP TRIGGER case_data_log_episode_delete; DROP TRIGGER case_data_log_measure_insert; "
    "DROP TRIGGER case_data_log_measure_update; DROP TRIGGER case_data_log_measure_delete; "
    "DROP TABLE sample_result; DROP TABLE sample_unit; DROP TABLE sample_draw; "
    "DROP TABLE assessment_config; DROP TABLE change_stamp; "
    "DROP TRIGGER case_data_stamp_case_record_insert; "
    "DROP TRIGGER case_data_stamp_case_record_update; "
    "DROP TRIGGER case_data_stamp_case_record_delete; DROP TRIGGER case_data_stamp_lead_insert; "
    "DROP TRIGGER case_data_stamp_lead_update; DROP TRIGGER case_data_stamp_lead_delete; "
    "DROP TRIGGER case_data_stamp_episode_insert; DROP TRIGGER case_data_stamp_episode_update; "
    "DROP TRIGGER case_data_stamp_episode_delete; DROP TRIGGER case_data_stamp_measure_insert; "
    "DROP TRIGGER case_data_stamp_measure_update; DROP TRIGGER case_data_stamp_measure_delete; "
    "DROP TRIGGER case_data_stamp_workflow_limits_insert; "
    "DROP TRIGGER case_data_stamp_workflow_limits_update; "
    "DROP TRIGGER case_data_stamp_workflow_limits_delete; "
    "DROP TABLE measure_catalog; DROP TABLE visit; DROP TABLE responsible_person; "
    "DROP TABLE assist_plan; ALTER TABLE measure DROP COLUMN item_code; "
    "ALTER TABLE measure DROP COLUMN plan_id; "
    "DROP TABLE dept_warning; DROP TABLE dept_row; DROP TABLE upload; DROP TABLE source_file; "
    "DROP TABLE finding; DROP TABLE case_data_change; "
    "DELETE FROM schema_migrations WHERE version >= 10";

class SqliteExchangeTest : public ::testing::Test {
 protected:
  std::unique_ptr<SqlStore> Open(OpenMode mode = OpenMode::kCreate, int busy_timeout_ms = 5000) {
    auto store = SqliteStore::Open(db_, mode, {.busy_timeout_ms = busy_timeout_ms});
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(*store) : nullptr;
  }

  // Upload 1 of content_: a version of H1, a quarantine entry, a matched and an unmatched row,
  // one warning; findings 1 (resolved) and 2.
  void WriteExchange(SqlStore& store) {
    auto writer =
        store.BeginUpload(UploadBatch(kMedical), MakeUpload(kMedical, content_), content_);
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    XJ_ASSERT_OK((*writer)->batch().PutVersion(MakeVersion(MakeRecord("H1", 2), 1)));
    XJ_ASSERT_OK((*writer)->batch().PutQuarantine({0, "f.csv", 3, "金额", "money", "x", "m", "r"}));
    for (const DeptRow& r : rows_) XJ_ASSERT_OK((*writer)->PutRow(r));
    ASSERT_TRUE((*writer)->PutWarning(warning_).value());
    XJ_ASSERT_OK((*writer)->Commit(Final((*writer)->upload(), 1, 1, 1)));
    std::vector<Finding> findings = {MakeFinding("Q01", "H1", "upload:1:row:2"),
                                     MakeFinding("Q05", "H1", "member:P1")};
    ASSERT_EQ(store.PutFindings(findings).value(), 2);
    XJ_ASSERT_OK(store.ResolveFinding(1, FindingState::kCorrected, "li.si", "已注销",
                                      "2026-12-01T00:00:00Z"));
  }

  TempDir dir_;
  std::string db_ = dir_ / "registry.db";
  std::string content_ = DepartmentFile(7);
  std::vector<DeptRow> rows_ = {MakeRow(2, kMedical, "H1", "2026-03"),
                                MakeRow(3, kMedical, "", "2026-03")};
  DeptWarning warning_ = MakeWarning(kMedical, "P1", "2026-03");
};

TEST_F(SqliteExchangeTest, UploadsRowsWarningsFilesAndFindingsSurviveReopening) {
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    WriteExchange(*store);
  }
  auto store = Open(OpenMode::kExisting);
  ASSERT_NE(store, nullptr);
  std::optional<UploadRecord> upload = store->GetUpload(1).value();
  ASSERT_TRUE(upload.has_value());
  EXPECT_EQ(upload->read, 3);
  EXPECT_EQ(upload->batch_id, 1);
  EXPECT_EQ(store->FindUpload(kMedical, access::Sha256Hex(content_)).value(), upload);
  EXPECT_EQ(store->FileContent(access::Sha256Hex(content_)).value(), content_);
  std::vector<DeptRow> rows = rows_;
  for (DeptRow& r : rows) r.upload_id = 1;
  EXPECT_EQ(store->UploadRows(1, false).value(), rows);
  EXPECT_EQ(store->FactsOfHouseholds({"H1"}).value(), std::vector<DeptRow>{rows[0]});
  DeptWarning warning = warning_;
  warning.id = 1;
  warning.upload_id = 1;
  EXPECT_EQ(store->Warnings(0).value(), std::vector<DeptWarning>{warning});
  EXPECT_EQ(store->Quarantine(1).value().size(), 1u);
  EXPECT_EQ(store->GetFinding(1).value().value_or(Finding{}).state, FindingState::kCorrected);
  exchange::FindingFilter open;
  open.state = FindingState::kOpen;
  EXPECT_EQ(store->CountFindings(open).value(), 1);
  // The next upload and finding are numbered on.
  const std::string next = DepartmentFile(8);
  auto writer = store->BeginUpload(UploadBatch(kMedical), MakeUpload(kMedical, next), next);
  XJ_ASSERT_OK(writer);
  EXPECT_EQ((*writer)->upload().id, 2);
  EXPECT_FALSE((*writer)->PutWarning(warning_).value());
}

TEST_F(SqliteExchangeTest, A0009DatabaseGetsTheExchangeTablesAndKeepsItsBatches) {
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    ASSERT_EQ(CommitBatch(*store, {MakeVersion(MakeRecord("H1", 2), 1)}).value(), 1);
  }
  {
    RawDb raw(db_);
    ASSERT_EQ(raw.Exec(kDrop0010), "");
    ASSERT_EQ(raw.Int("SELECT max(version) FROM schema_migrations"), 9);
    ASSERT_EQ(raw.Int("SELECT count(*) FROM sqlite_schema WHERE name = 'upload'"), 0);
  }
  {
    auto store = Open(OpenMode::kExisting);
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(ScannedIds(*store), std::vector<std::string>{"H1"});
    auto writer =
        store->BeginUpload(UploadBatch(kMedical), MakeUpload(kMedical, content_), content_);
    XJ_ASSERT_OK(writer);
    EXPECT_EQ((*writer)->upload().batch_id, 2);
    XJ_ASSERT_OK((*writer)->PutRow(rows_[0]));
    XJ_ASSERT_OK((*writer)->Commit(Final((*writer)->upload(), 1, 0, 0)));
  }
  RawDb raw(db_);
  EXPECT_EQ(raw.Text("SELECT name FROM schema_migrations WHERE version = 10"), "0010_exchange");
  EXPECT_EQ(raw.Int("SELECT count(*) FROM schema_migrations"), LatestSchemaVersion());
  EXPECT_EQ(raw.Int("SELECT count(*) FROM batch"), 2);
  EXPECT_EQ(raw.Text("PRAGMA integrity_check"), "ok");
  EXPECT_EQ(raw.Text("PRAGMA foreign_key_check"), "<none>");
}

TEST_F(SqliteExchangeTest, TheRowsFollowTheSchemaConventions) {
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    WriteExchange(*store);
  }
  RawDb raw(db_);
  EXPECT_EQ(raw.Text("SELECT risks FROM dept_warning"), R"(["R01","R07"])");
  EXPECT_EQ(raw.Text("SELECT household_id || '|' || village_code FROM dept_row WHERE row = 3"),
            "|");
  EXPECT_EQ(raw.Text("SELECT state FROM finding WHERE finding_id = 1"), "corrected");
  EXPECT_EQ(raw.Text("SELECT state || '|' || resolved_by FROM finding WHERE finding_id = 2"),
            "open|");
  EXPECT_EQ(raw.Int("SELECT bytes FROM source_file"), static_cast<int64_t>(content_.size()));
  EXPECT_EQ(raw.Text("SELECT typeof(content) FROM source_file"), "blob");
  EXPECT_EQ(raw.Text("SELECT source FROM batch WHERE batch_id = 1"), kMedical);
  EXPECT_EQ(raw.Text("PRAGMA foreign_key_check"), "<none>");
}

TEST_F(SqliteExchangeTest, TheSchemaRefusesCountsThatDoNotAddUpAndResolutionsWithoutANote) {
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    WriteExchange(*store);
  }
  RawDb raw(db_);
  EXPECT_NE(raw.Exec("UPDATE upload SET read = read + 1"), "");
  EXPECT_NE(raw.Exec("UPDATE upload SET unmatched = -1, read = read - 2"), "");
  EXPECT_NE(raw.Exec("UPDATE finding SET state = 'confirmed', note = '' WHERE finding_id = 2"), "");
  EXPECT_NE(raw.Exec("INSERT INTO dept_warning SELECT NULL, source, person_key, household_id, "
                     "village_code, period, upload_id, row + 1, warning_index, object_type, risks, "
                     "message, raised_at FROM dept_warning"),
            "");
  EXPECT_NE(raw.Exec("UPDATE source_file SET bytes = bytes + 1"), "");
  EXPECT_EQ(raw.Int("SELECT read FROM upload"), 3);
}

TEST_F(SqliteExchangeTest, AWriterElsewhereMakesBeginUploadBusyAndLeavesNothingOpen) {
  auto store = Open(OpenMode::kCreate, /*busy_timeout_ms=*/50);
  ASSERT_NE(store, nullptr);
  RawDb other(db_);  // as another process's import would
  ASSERT_EQ(other.Exec("BEGIN IMMEDIATE"), "");
  auto writer = store->BeginUpload(UploadBatch(kMedical), MakeUpload(kMedical, content_), content_);
  ASSERT_FALSE(writer.ok());
  EXPECT_EQ(writer.status().code(), StatusCode::kIoError);
  EXPECT_NE(writer.status().message().find("the database is busy with another import"),
            std::string::npos)
      << writer.status().message();
  EXPECT_EQ(store->GetUpload(1).value(), std::nullopt);  // reads do not wait

  ASSERT_EQ(other.Exec("COMMIT"), "");
  auto next = store->BeginUpload(UploadBatch(kMedical), MakeUpload(kMedical, content_), content_);
  XJ_ASSERT_OK(next);
  EXPECT_EQ((*next)->upload().id, 1);
}

TEST_F(SqliteExchangeTest, DamagedRisksOrStateAreDataLossNamingTheRow) {
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    WriteExchange(*store);
  }
  {
    RawDb raw(db_);
    ASSERT_EQ(raw.Exec("UPDATE dept_warning SET risks = 'R01;R07'"), "");
    ASSERT_EQ(raw.Exec("UPDATE finding SET state = 'reopened' WHERE finding_id = 1"), "");
  }
  auto store = Open(OpenMode::kExisting);
  ASSERT_NE(store, nullptr);
  auto warnings = store->Warnings(1);
  ASSERT_FALSE(warnings.ok());
  EXPECT_EQ(warnings.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(warnings.status().message().find("dept_warning row 1"), std::string::npos)
      << warnings.status().message();
  auto finding = store->GetFinding(1);
  ASSERT_FALSE(finding.ok());
  EXPECT_EQ(finding.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(finding.status().message().find("finding row 1"), std::string::npos)
      << finding.status().message();
  EXPECT_EQ(
      store->ResolveFinding(1, FindingState::kConfirmed, "u", "n", "2026-12-01T00:00:00Z").code(),
      StatusCode::kDataLoss);
}

}  // namespace
}  // namespace xianjie::store::testing
