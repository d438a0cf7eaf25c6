// Storage contract of exchange::ExchangeStore, run once per backend: an upload and its registry
// batch committed together or not at all, the idempotence key, every read of uploads, rows, facts
// and warnings, warnings deduplicated within and across uploads, and findings inserted once,
// listed, counted and resolved.
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "exchange/exchange_store.h"
#include "store/exchange_builders.h"
#include "store/store_contract_test.h"

namespace xianjie::store::testing {
namespace {

using exchange::DeptRow;
using exchange::DeptWarning;
using exchange::Finding;
using exchange::FindingFilter;
using exchange::FindingState;
using exchange::UploadFilter;
using exchange::UploadRecord;
using exchange::UploadWriter;

constexpr char kMedical[] = "medical_insurance";
constexpr char kCivil[] = "civil_affairs";

// A fact as ForEachFact and FactsOfHouseholds order them, with its household.
using FactKey = std::tuple<std::string, std::string, int64_t, int64_t, std::string>;
FactKey KeyOf(const DeptRow& r) { return {r.source, r.period, r.upload_id, r.row, r.household_id}; }

// Filters by the criteria given; "" or nullopt is any.
UploadFilter Uploads(const std::string& source, const std::string& region = "", int64_t offset = 0,
                     int64_t limit = 0) {
  UploadFilter f;
  f.source = source;
  f.region_prefix = region;
  f.offset = offset;
  f.limit = limit;
  return f;
}
FindingFilter Findings(const std::string& region, const std::string& check = "",
                       std::optional<FindingState> state = std::nullopt,
                       const std::string& household = "", int64_t offset = 0, int64_t limit = 0) {
  FindingFilter f;
  f.region_prefix = region;
  f.check = check;
  f.state = state;
  f.household_id = household;
  f.offset = offset;
  f.limit = limit;
  return f;
}

class ExchangeStoreContractTest : public StoreContractTest {
 protected:
  std::unique_ptr<UploadWriter> Begin(const std::string& source, const std::string& content,
                                      const std::string& region = "630102") {
    auto writer =
        store().BeginUpload(UploadBatch(source), MakeUpload(source, content, region), content);
    EXPECT_TRUE(writer.ok()) << writer.status().ToString();
    return writer.ok() ? std::move(*writer) : nullptr;
  }

  // Commits an upload of `rows` and `warnings`; returns its id (0 on failure).
  int64_t CommitUpload(const std::string& source, const std::string& content,
                       const std::vector<DeptRow>& rows,
                       const std::vector<DeptWarning>& warnings = {},
                       const std::string& region = "630102") {
    auto writer = Begin(source, content, region);
    if (writer == nullptr) return 0;
    int64_t matched = 0;
    for (const DeptRow& r : rows) {
      Status s = writer->PutRow(r);
      EXPECT_TRUE(s.ok()) << s.ToString();
      if (r.matched()) ++matched;
    }
    for (const DeptWarning& w : warnings) {
      auto written = writer->PutWarning(w);
      EXPECT_TRUE(written.ok()) << written.status().ToString();
    }
    const int64_t unmatched = static_cast<int64_t>(rows.size()) - matched;
    Status s = writer->Commit(Final(writer->upload(), matched, 0, unmatched));
    EXPECT_TRUE(s.ok()) << s.ToString();
    return s.ok() ? writer->upload().id : 0;
  }

  std::optional<UploadRecord> Upload(int64_t id) {
    auto upload = store().GetUpload(id);
    EXPECT_TRUE(upload.ok()) << upload.status().ToString();
    return upload.ok() ? *upload : std::nullopt;
  }
  std::vector<DeptRow> Rows(int64_t upload_id, bool unmatched_only = false) {
    auto rows = store().UploadRows(upload_id, unmatched_only);
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    return rows.ok() ? *rows : std::vector<DeptRow>{};
  }
  std::vector<DeptWarning> Warnings(int64_t upload_id) {
    auto warnings = store().Warnings(upload_id);
    EXPECT_TRUE(warnings.ok()) << warnings.status().ToString();
    return warnings.ok() ? *warnings : std::vector<DeptWarning>{};
  }
  std::optional<std::string> File(const std::string& content) {
    auto file = store().FileContent(access::Sha256Hex(content));
    EXPECT_TRUE(file.ok()) << file.status().ToString();
    return file.ok() ? *file : std::nullopt;
  }
  std::vector<FactKey> Facts(const std::string& source, const std::string& min_period) {
    std::vector<FactKey> facts;
    XJ_EXPECT_OK(store().ForEachFact(source, min_period,
                                     [&](const DeptRow& r) { facts.push_back(KeyOf(r)); }));
    return facts;
  }
  std::vector<FactKey> FactsOf(const std::vector<std::string>& households) {
    auto rows = store().FactsOfHouseholds(households);
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    std::vector<FactKey> facts;
    for (const DeptRow& r : rows.ok() ? *rows : std::vector<DeptRow>{}) facts.push_back(KeyOf(r));
    return facts;
  }
  std::vector<int64_t> UploadIds(const UploadFilter& filter) {
    auto uploads = store().ListUploads(filter);
    EXPECT_TRUE(uploads.ok()) << uploads.status().ToString();
    std::vector<int64_t> ids;
    for (const UploadRecord& u : uploads.ok() ? *uploads : std::vector<UploadRecord>{}) {
      ids.push_back(u.id);
    }
    return ids;
  }

  int64_t PutFindings(std::vector<Finding>& findings) {
    auto added = store().PutFindings(findings);
    EXPECT_TRUE(added.ok()) << added.status().ToString();
    return added.ok() ? *added : -1;
  }
  std::optional<Finding> GetFinding(int64_t id) {
    auto finding = store().GetFinding(id);
    EXPECT_TRUE(finding.ok()) << finding.status().ToString();
    return finding.ok() ? *finding : std::nullopt;
  }
  // The ids listed, checking that the count agrees (without offset and limit).
  std::vector<int64_t> FindingIds(const FindingFilter& filter) {
    auto findings = store().ListFindings(filter);
    EXPECT_TRUE(findings.ok()) << findings.status().ToString();
    std::vector<int64_t> ids;
    for (const Finding& f : findings.ok() ? *findings : std::vector<Finding>{}) ids.push_back(f.id);
    if (filter.offset == 0 && filter.limit == 0) {
      auto count = store().CountFindings(filter);
      EXPECT_TRUE(count.ok()) << count.status().ToString();
      EXPECT_EQ(count.ok() ? *count : -1, static_cast<int64_t>(ids.size()));
    }
    return ids;
  }
};

// --- uploads

TEST_P(ExchangeStoreContractTest, BeginUploadNumbersTheUploadAndItsBatch) {
  ASSERT_EQ(CommitBatch(store(), {MakeVersion(MakeRecord("H9", 1), 1)}).value(), 1);
  auto writer = Begin(kMedical, DepartmentFile(1));
  ASSERT_NE(writer, nullptr);
  EXPECT_EQ(writer->upload().id, 1);
  EXPECT_EQ(writer->upload().batch_id, 2);
  EXPECT_EQ(writer->batch().info().batch_id, 2);
  EXPECT_EQ(writer->batch().info().source, kMedical);
  XJ_ASSERT_OK(writer->Commit(Final(writer->upload(), 0, 0, 0)));
  auto next = Begin(kMedical, DepartmentFile(2));
  ASSERT_NE(next, nullptr);
  EXPECT_EQ(next->upload().id, 2);
  EXPECT_EQ(next->upload().batch_id, 3);
}

TEST_P(ExchangeStoreContractTest, ACommittedUploadReadsBackWithItsBatchRowsAndWarnings) {
  const std::string content = DepartmentFile(1);
  auto writer = Begin(kMedical, content);
  ASSERT_NE(writer, nullptr);
  registry::HouseholdVersion version = MakeVersion(MakeRecord("H1", 2), 1);
  XJ_ASSERT_OK(writer->batch().PutVersion(version));
  registry::QuarantineEntry entry{0,
                                  "医保结算.csv",
                                  4,
                                  "个人自付金额（元）",
                                  "money.format",
                                  "12,3x",
                                  "不是金额 \"12,3x\"",
                                  "630102...,12,3x"};
  XJ_ASSERT_OK(writer->batch().PutQuarantine(entry));
  std::vector<DeptRow> rows = {MakeRow(2, kMedical, "H1", "2026-03"),
                               MakeRow(3, kMedical, "", "2026-03"),
                               MakeRow(5, kMedical, "H2", "2026-04", "630102001002")};
  for (const DeptRow& r : rows) XJ_ASSERT_OK(writer->PutRow(r));
  DeptWarning warning = MakeWarning(kMedical, rows[0].key, "2026-03");
  EXPECT_TRUE(writer->PutWarning(warning).value());
  UploadRecord final_record = Final(writer->upload(), 2, 1, 1);

  // Nothing is visible before Commit.
  EXPECT_EQ(Upload(1), std::nullopt);
  EXPECT_EQ(File(content), std::nullopt);
  EXPECT_EQ(Rows(1), std::vector<DeptRow>{});
  EXPECT_EQ(Counts().households, 0);

  XJ_ASSERT_OK(writer->Commit(final_record));
  UploadRecord expected = MakeUpload(kMedical, content);
  expected.id = 1;
  expected.batch_id = 1;
  expected.read = 4;
  expected.accepted = 2;
  expected.quarantined = 1;
  expected.unmatched = 1;
  expected.warnings = 1;
  expected.updated_households = 2;
  expected.report_json = final_record.report_json;
  EXPECT_EQ(writer->upload(), expected);
  EXPECT_EQ(Upload(1), expected);
  EXPECT_EQ(store().FindUpload(kMedical, expected.sha256).value(), expected);
  EXPECT_EQ(File(content), content);

  auto batch = store().GetBatch(1).value();
  ASSERT_TRUE(batch.has_value());
  EXPECT_EQ(batch->source, kMedical);
  EXPECT_EQ(batch->report_json, final_record.report_json);
  EXPECT_FALSE(batch->finished_at.empty());
  version.batch_id = 1;
  EXPECT_EQ(Current("H1"), version);
  entry.batch_id = 1;
  EXPECT_EQ(store().Quarantine(1).value(), std::vector<registry::QuarantineEntry>{entry});

  for (DeptRow& r : rows) r.upload_id = 1;
  EXPECT_EQ(Rows(1), rows);
  warning.id = 1;
  warning.upload_id = 1;
  EXPECT_EQ(Warnings(1), std::vector<DeptWarning>{warning});
  EXPECT_EQ(Warnings(0), std::vector<DeptWarning>{warning});
  EXPECT_EQ(Warnings(2), std::vector<DeptWarning>{});
}

TEST_P(ExchangeStoreContractTest, UpdateUploadReportReplacesOnlyTheReportOfTheUploadAndBatch) {
  const std::string content = DepartmentFile(1);
  const int64_t id = CommitUpload(kMedical, content, {MakeRow(2, kMedical, "H1", "2026-03")});
  ASSERT_EQ(id, 1);
  ASSERT_EQ(CommitUpload(kMedical, DepartmentFile(2), {MakeRow(2, kMedical, "H2", "2026-03")}), 2);
  const std::optional<UploadRecord> before = Upload(id);
  ASSERT_TRUE(before.has_value());
  const std::optional<UploadRecord> other = Upload(2);
  const std::string report = R"({"leads":{"opened":1},"findings":2,"note":"含\"引号\"\\"})";

  XJ_ASSERT_OK(store().UpdateUploadReport(id, report));
  UploadRecord expected = *before;
  expected.report_json = report;
  EXPECT_EQ(Upload(id), expected);
  EXPECT_EQ(store().FindUpload(kMedical, expected.sha256).value(), expected);
  EXPECT_EQ(store().ListUploads(Uploads(kMedical)).value().back(), expected);
  auto batch = store().GetBatch(expected.batch_id).value();
  ASSERT_TRUE(batch.has_value());
  EXPECT_EQ(batch->report_json, report);
  EXPECT_EQ(Upload(2), other);  // the other upload keeps its report
  EXPECT_EQ(Rows(id).size(), 1u);

  // Again: the last report stands.
  XJ_ASSERT_OK(store().UpdateUploadReport(id, "{}"));
  EXPECT_EQ(Upload(id).value_or(UploadRecord{}).report_json, "{}");
}

TEST_P(ExchangeStoreContractTest, UpdateUploadReportRefusesAnUnknownUploadAndAnEmptyReport) {
  EXPECT_EQ(store().UpdateUploadReport(1, "{}").code(), StatusCode::kNotFound);
  const int64_t id = CommitUpload(kMedical, DepartmentFile(1), {});
  ASSERT_EQ(id, 1);
  const std::optional<UploadRecord> before = Upload(id);
  const Status empty = store().UpdateUploadReport(id, "");
  EXPECT_EQ(empty.code(), StatusCode::kInvalidArgument) << empty.ToString();
  const Status unknown = store().UpdateUploadReport(2, "{}");
  EXPECT_EQ(unknown.code(), StatusCode::kNotFound) << unknown.ToString();
  EXPECT_NE(unknown.message().find("upload 2"), std::string::npos) << unknown.message();
  EXPECT_EQ(store().UpdateUploadReport(0, "{}").code(), StatusCode::kNotFound);
  EXPECT_EQ(store().UpdateUploadReport(-1, "{}").code(), StatusCode::kNotFound);
  EXPECT_EQ(Upload(id), before);
}

TEST_P(ExchangeStoreContractTest, FindUploadIsKeyedBySourceAndContent) {
  const std::string content = DepartmentFile(1);
  const std::string sha256 = access::Sha256Hex(content);
  auto writer = Begin(kMedical, content);
  ASSERT_NE(writer, nullptr);
  EXPECT_EQ(store().FindUpload(kMedical, sha256).value(), std::nullopt);  // not committed yet
  XJ_ASSERT_OK(writer->Commit(Final(writer->upload(), 0, 0, 0)));

  EXPECT_EQ(store().FindUpload(kMedical, sha256).value().value_or(UploadRecord{}).id, 1);
  EXPECT_EQ(store().FindUpload(kCivil, sha256).value(), std::nullopt);
  EXPECT_EQ(store().FindUpload(kMedical, access::Sha256Hex(DepartmentFile(2))).value(),
            std::nullopt);
}

TEST_P(ExchangeStoreContractTest, TheSameFileAgainForTheSourceIsAlreadyExistsAndOpensNothing) {
  const std::string content = DepartmentFile(1);
  ASSERT_EQ(CommitUpload(kMedical, content, {MakeRow(2, kMedical, "H1", "2026-03")}), 1);
  auto again = store().BeginUpload(UploadBatch(kMedical), MakeUpload(kMedical, content), content);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists) << again.status().ToString();
  EXPECT_NE(again.status().message().find("upload 1"), std::string::npos)
      << again.status().message();

  // No batch was left open or committed.
  auto batch = store().BeginBatch(MakeBatchInfo());
  XJ_ASSERT_OK(batch);
  EXPECT_EQ((*batch)->info().batch_id, 2);
  batch->reset();
  EXPECT_EQ(store().LastCommittedBatch().value(), 1);
  EXPECT_EQ(UploadIds({}), std::vector<int64_t>{1});
}

TEST_P(ExchangeStoreContractTest, TheSameBytesForAnotherSourceAreAnotherUploadOfOneFile) {
  const std::string content = DepartmentFile(1);
  ASSERT_EQ(CommitUpload(kMedical, content, {}), 1);
  ASSERT_EQ(CommitUpload(kCivil, content, {}), 2);
  EXPECT_EQ(File(content), content);
  EXPECT_EQ(Upload(2).value_or(UploadRecord{}).sha256, access::Sha256Hex(content));
}

TEST_P(ExchangeStoreContractTest, BeginUploadRefusesAContentThatIsNotTheDeclaredFile) {
  const std::string content = DepartmentFile(1);
  UploadRecord wrong_hash = MakeUpload(kMedical, content);
  wrong_hash.sha256 = access::Sha256Hex(DepartmentFile(2));
  UploadRecord wrong_size = MakeUpload(kMedical, content);
  wrong_size.bytes += 1;
  UploadRecord no_source = MakeUpload("", content);
  for (const UploadRecord& u : {wrong_hash, wrong_size, no_source}) {
    auto writer = store().BeginUpload(UploadBatch(kMedical), u, content);
    ASSERT_FALSE(writer.ok());
    EXPECT_EQ(writer.status().code(), StatusCode::kInvalidArgument) << writer.status().ToString();
  }
  EXPECT_NE(Begin(kMedical, content), nullptr);  // nothing was left open
}

TEST_P(ExchangeStoreContractTest, AnUploadDestroyedWithoutCommitLeavesNothing) {
  const std::string content = DepartmentFile(1);
  {
    auto writer = Begin(kMedical, content);
    ASSERT_NE(writer, nullptr);
    XJ_ASSERT_OK(writer->batch().PutVersion(MakeVersion(MakeRecord("H1", 2), 1)));
    XJ_ASSERT_OK(writer->batch().PutQuarantine({0, "f.csv", 3, "", "rule", "", "msg", "rec"}));
    XJ_ASSERT_OK(writer->PutRow(MakeRow(2, kMedical, "H1", "2026-03")));
    XJ_ASSERT_OK(writer->PutRow(MakeRow(3, kMedical, "", "2026-03")));
    EXPECT_TRUE(writer->PutWarning(MakeWarning(kMedical, "P1", "2026-03")).value());
  }
  EXPECT_EQ(store().ListBatches().value(), std::vector<registry::BatchInfo>{});
  EXPECT_EQ(store().Quarantine(1).value(), std::vector<registry::QuarantineEntry>{});
  EXPECT_EQ(Counts().households, 0);
  EXPECT_EQ(Upload(1), std::nullopt);
  EXPECT_EQ(store().FindUpload(kMedical, access::Sha256Hex(content)).value(), std::nullopt);
  EXPECT_EQ(UploadIds({}), std::vector<int64_t>{});
  EXPECT_EQ(Rows(1), std::vector<DeptRow>{});
  EXPECT_EQ(Facts("", ""), std::vector<FactKey>{});
  EXPECT_EQ(Warnings(0), std::vector<DeptWarning>{});
  EXPECT_EQ(File(content), std::nullopt);

  // The same file begins again with the same numbers, and its warning is new again.
  auto writer = Begin(kMedical, content);
  ASSERT_NE(writer, nullptr);
  EXPECT_EQ(writer->upload().id, 1);
  EXPECT_EQ(writer->upload().batch_id, 1);
  EXPECT_TRUE(writer->PutWarning(MakeWarning(kMedical, "P1", "2026-03")).value());
}

TEST_P(ExchangeStoreContractTest, AnOpenUploadIsTheOneWriter) {
  auto writer = Begin(kMedical, DepartmentFile(1));
  ASSERT_NE(writer, nullptr);
  auto batch = store().BeginBatch(MakeBatchInfo());
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.status().code(), StatusCode::kFailedPrecondition);
  const std::string other = DepartmentFile(2);
  auto upload = store().BeginUpload(UploadBatch(kCivil), MakeUpload(kCivil, other), other);
  ASSERT_FALSE(upload.ok());
  EXPECT_EQ(upload.status().code(), StatusCode::kFailedPrecondition);

  XJ_ASSERT_OK(writer->Commit(Final(writer->upload(), 0, 0, 0)));
  XJ_EXPECT_OK(store().BeginBatch(MakeBatchInfo()));
}

TEST_P(ExchangeStoreContractTest, TheBatchOfAnUploadIsCommittedOnlyWithTheUpload) {
  auto writer = Begin(kMedical, DepartmentFile(1));
  ASSERT_NE(writer, nullptr);
  XJ_ASSERT_OK(writer->batch().PutVersion(MakeVersion(MakeRecord("H1", 2), 1)));
  Status direct = writer->batch().Commit("{}");
  EXPECT_EQ(direct.code(), StatusCode::kFailedPrecondition) << direct.ToString();
  EXPECT_EQ(store().LastCommittedBatch().value(), 0);
  EXPECT_EQ(Counts().households, 0);

  XJ_ASSERT_OK(writer->Commit(Final(writer->upload(), 1, 0, 0)));
  EXPECT_EQ(store().LastCommittedBatch().value(), 1);
  EXPECT_EQ(Counts().households, 1);
}

TEST_P(ExchangeStoreContractTest, CommitRefusesCountsThatDoNotAddUpAndStaysUsable) {
  const std::string content = DepartmentFile(1);
  auto writer = Begin(kMedical, content);
  ASSERT_NE(writer, nullptr);
  XJ_ASSERT_OK(writer->PutRow(MakeRow(2, kMedical, "H1", "2026-03")));
  UploadRecord wrong = Final(writer->upload(), 1, 0, 0);
  wrong.read = 2;
  Status refused = writer->Commit(wrong);
  EXPECT_EQ(refused.code(), StatusCode::kInvalidArgument) << refused.ToString();
  UploadRecord negative = Final(writer->upload(), 1, 0, 0);
  negative.warnings = -1;
  EXPECT_EQ(writer->Commit(negative).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Upload(1), std::nullopt);
  EXPECT_EQ(store().LastCommittedBatch().value(), 0);
  EXPECT_EQ(File(content), std::nullopt);

  XJ_ASSERT_OK(writer->Commit(Final(writer->upload(), 1, 0, 0)));
  EXPECT_EQ(Upload(1).value_or(UploadRecord{}).read, 1);
  EXPECT_EQ(Rows(1).size(), 1u);
}

TEST_P(ExchangeStoreContractTest, ACommittedUploadWriterIsSpent) {
  auto writer = Begin(kMedical, DepartmentFile(1));
  ASSERT_NE(writer, nullptr);
  XJ_ASSERT_OK(writer->Commit(Final(writer->upload(), 0, 0, 0)));
  EXPECT_EQ(writer->Commit(Final(writer->upload(), 0, 0, 0)).code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(writer->PutRow(MakeRow(2, kMedical, "H1", "2026-03")).code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(writer->PutWarning(MakeWarning(kMedical, "P1", "2026-03")).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(Rows(1), std::vector<DeptRow>{});
}

// --- rows

TEST_P(ExchangeStoreContractTest, PutRowRefusesARepeatedRowAnotherSourceAndRowZero) {
  auto writer = Begin(kMedical, DepartmentFile(1));
  ASSERT_NE(writer, nullptr);
  XJ_ASSERT_OK(writer->PutRow(MakeRow(2, kMedical, "H1", "2026-03")));
  EXPECT_EQ(writer->PutRow(MakeRow(2, kMedical, "H2", "2026-04")).code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(writer->PutRow(MakeRow(3, kCivil, "H1", "2026-03")).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(writer->PutRow(MakeRow(0, kMedical, "H1", "2026-03")).code(),
            StatusCode::kInvalidArgument);
  // The writer stays usable.
  XJ_ASSERT_OK(writer->PutRow(MakeRow(3, kMedical, "H1", "2026-03")));
  XJ_ASSERT_OK(writer->Commit(Final(writer->upload(), 2, 0, 0)));
  std::vector<DeptRow> rows = Rows(1);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].household_id, "H1");
  EXPECT_EQ(rows[0].period, "2026-03");
}

TEST_P(ExchangeStoreContractTest, UploadRowsAreInRowOrderAndCanKeepTheUnmatched) {
  std::vector<DeptRow> rows = {
      MakeRow(9, kMedical, "H1", "2026-03"), MakeRow(2, kMedical, "", "2026-03"),
      MakeRow(5, kMedical, "H2", "2026-01"), MakeRow(7, kMedical, "", "2026-02")};
  ASSERT_EQ(CommitUpload(kMedical, DepartmentFile(1), rows), 1);
  for (DeptRow& r : rows) r.upload_id = 1;
  EXPECT_EQ(Rows(1), (std::vector<DeptRow>{rows[1], rows[2], rows[3], rows[0]}));
  EXPECT_EQ(Rows(1, /*unmatched_only=*/true), (std::vector<DeptRow>{rows[1], rows[3]}));
  EXPECT_EQ(Rows(2), std::vector<DeptRow>{});
}

TEST_P(ExchangeStoreContractTest, ForEachFactIsInSourcePeriodUploadRowOrderWithoutUnmatched) {
  ASSERT_EQ(
      CommitUpload(kMedical, DepartmentFile(1),
                   {MakeRow(4, kMedical, "H2", "2026-03"), MakeRow(2, kMedical, "H1", "2026-04"),
                    MakeRow(3, kMedical, "", "2026-01"), MakeRow(5, kMedical, "H1", "2026-03")}),
      1);
  ASSERT_EQ(CommitUpload(kCivil, DepartmentFile(2),
                         {MakeRow(2, kCivil, "H3", "2026-02"), MakeRow(3, kCivil, "", "2026-02")}),
            2);
  ASSERT_EQ(
      CommitUpload(kMedical, DepartmentFile(3),
                   {MakeRow(2, kMedical, "H1", "2026-03"), MakeRow(3, kMedical, "H3", "2025-12")}),
      3);
  const std::vector<FactKey> all = {
      {kCivil, "2026-02", 2, 2, "H3"},   {kMedical, "2025-12", 3, 3, "H3"},
      {kMedical, "2026-03", 1, 4, "H2"}, {kMedical, "2026-03", 1, 5, "H1"},
      {kMedical, "2026-03", 3, 2, "H1"}, {kMedical, "2026-04", 1, 2, "H1"}};
  EXPECT_EQ(Facts("", ""), all);
  EXPECT_EQ(Facts(kMedical, ""), std::vector<FactKey>(all.begin() + 1, all.end()));
  EXPECT_EQ(Facts(kMedical, "2026-03"), std::vector<FactKey>(all.begin() + 2, all.end()));
  EXPECT_EQ(Facts("", "2026-03-15"), std::vector<FactKey>{all.back()});
  EXPECT_EQ(Facts(kCivil, "2026-03"), std::vector<FactKey>{});
  EXPECT_EQ(Facts("unknown_source", ""), std::vector<FactKey>{});
}

TEST_P(ExchangeStoreContractTest, ForEachFactGivesEveryFieldOfTheRow) {
  DeptRow row = MakeRow(2, kMedical, "H1", "2026-03");
  ASSERT_EQ(CommitUpload(kMedical, DepartmentFile(1), {row}), 1);
  row.upload_id = 1;
  std::vector<DeptRow> seen;
  XJ_ASSERT_OK(store().ForEachFact(kMedical, "", [&](const DeptRow& r) { seen.push_back(r); }));
  EXPECT_EQ(seen, std::vector<DeptRow>{row});
}

TEST_P(ExchangeStoreContractTest, FactsOfHouseholdsAreMatchedRowsInHouseholdSourcePeriodOrder) {
  ASSERT_EQ(
      CommitUpload(kMedical, DepartmentFile(1),
                   {MakeRow(2, kMedical, "H2", "2026-03"), MakeRow(3, kMedical, "H1", "2026-04"),
                    MakeRow(4, kMedical, "", "2026-01"), MakeRow(5, kMedical, "H1", "2026-02")}),
      1);
  ASSERT_EQ(CommitUpload(kCivil, DepartmentFile(2), {MakeRow(2, kCivil, "H1", "2026-09")}), 2);
  EXPECT_EQ(FactsOf({"H2", "H1", "H404", "H1", ""}),
            (std::vector<FactKey>{{kCivil, "2026-09", 2, 2, "H1"},
                                  {kMedical, "2026-02", 1, 5, "H1"},
                                  {kMedical, "2026-04", 1, 3, "H1"},
                                  {kMedical, "2026-03", 1, 2, "H2"}}));
  EXPECT_EQ(FactsOf({}), std::vector<FactKey>{});
}

// --- uploads listed, files

TEST_P(ExchangeStoreContractTest, ListUploadsFiltersBySourceAndRegionNewestFirst) {
  ASSERT_EQ(CommitUpload(kMedical, DepartmentFile(1), {}, {}, "630102"), 1);
  ASSERT_EQ(CommitUpload(kCivil, DepartmentFile(2), {}, {}, "630103"), 2);
  ASSERT_EQ(CommitUpload(kMedical, DepartmentFile(3), {}, {}, ""), 3);
  ASSERT_EQ(CommitUpload(kMedical, DepartmentFile(4), {}, {}, "630102001"), 4);

  EXPECT_EQ(UploadIds({}), (std::vector<int64_t>{4, 3, 2, 1}));
  EXPECT_EQ(UploadIds(Uploads(kMedical)), (std::vector<int64_t>{4, 3, 1}));
  EXPECT_EQ(UploadIds(Uploads("", "630102")), (std::vector<int64_t>{4, 1}));
  EXPECT_EQ(UploadIds(Uploads("", "6301")), (std::vector<int64_t>{4, 2, 1}));
  EXPECT_EQ(UploadIds(Uploads(kCivil, "630102")), std::vector<int64_t>{});
  EXPECT_EQ(UploadIds(Uploads("", "", 1, 2)), (std::vector<int64_t>{3, 2}));
  EXPECT_EQ(UploadIds(Uploads(kMedical, "", 2)), std::vector<int64_t>{1});
  EXPECT_EQ(UploadIds(Uploads("", "", 9)), std::vector<int64_t>{});

  auto negative = store().ListUploads(Uploads("", "", -1));
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.status().code(), StatusCode::kInvalidArgument);
}

TEST_P(ExchangeStoreContractTest, FileContentKeepsEveryByteAndKnowsOnlyStoredFiles) {
  const std::string content = DepartmentFile(1) + std::string("\xff\xfe\x00\x01", 4);
  ASSERT_EQ(CommitUpload(kMedical, content, {}), 1);
  EXPECT_EQ(File(content), content);
  EXPECT_EQ(File(DepartmentFile(2)), std::nullopt);
  ASSERT_EQ(CommitUpload(kCivil, "", {}), 2);  // an empty file is a file too
  EXPECT_EQ(File(""), std::string());
}

// --- warnings

TEST_P(ExchangeStoreContractTest, PutWarningIsFalseForAKeyAlreadyWrittenInTheUpload) {
  auto writer = Begin(kMedical, DepartmentFile(1));
  ASSERT_NE(writer, nullptr);
  EXPECT_TRUE(writer->PutWarning(MakeWarning(kMedical, "P1", "2026-03", 2)).value());
  EXPECT_FALSE(writer->PutWarning(MakeWarning(kMedical, "P1", "2026-03", 7)).value());
  EXPECT_TRUE(writer->PutWarning(MakeWarning(kMedical, "P1", "2026-04", 8)).value());
  EXPECT_TRUE(writer->PutWarning(MakeWarning(kMedical, "P2", "2026-03", 9)).value());
  XJ_ASSERT_OK(writer->Commit(Final(writer->upload(), 0, 0, 0)));
  std::vector<int64_t> rows;
  for (const DeptWarning& w : Warnings(1)) rows.push_back(w.row);
  EXPECT_EQ(rows, (std::vector<int64_t>{2, 8, 9}));
}

TEST_P(ExchangeStoreContractTest, PutWarningIsFalseForAKeyCommittedByAnEarlierUpload) {
  ASSERT_EQ(CommitUpload(kMedical, DepartmentFile(1), {}, {MakeWarning(kMedical, "P1", "2026-03")}),
            1);
  auto writer = Begin(kMedical, DepartmentFile(2));
  ASSERT_NE(writer, nullptr);
  EXPECT_FALSE(writer->PutWarning(MakeWarning(kMedical, "P1", "2026-03", 5)).value());
  EXPECT_TRUE(writer->PutWarning(MakeWarning(kMedical, "P2", "2026-03", 6)).value());
  XJ_ASSERT_OK(writer->Commit(Final(writer->upload(), 0, 0, 0)));
  std::vector<DeptWarning> second = Warnings(2);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].id, 2);
  EXPECT_EQ(second[0].person_key, "P2");
  EXPECT_EQ(Warnings(0).size(), 2u);
}

TEST_P(ExchangeStoreContractTest, AWarningWithoutItsTimeTakesTheUploadsAndOthersAreRefused) {
  auto writer = Begin(kMedical, DepartmentFile(1));
  ASSERT_NE(writer, nullptr);
  DeptWarning untimed = MakeWarning(kMedical, "P1", "2026-03");
  untimed.raised_at.clear();
  untimed.risks.clear();
  EXPECT_TRUE(writer->PutWarning(untimed).value());
  EXPECT_EQ(writer->PutWarning(MakeWarning(kCivil, "P2", "2026-03")).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(writer->PutWarning(MakeWarning(kMedical, "", "2026-03")).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(writer->PutWarning(MakeWarning(kMedical, "P3", "")).status().code(),
            StatusCode::kInvalidArgument);
  XJ_ASSERT_OK(writer->Commit(Final(writer->upload(), 0, 0, 0)));
  std::vector<DeptWarning> warnings = Warnings(1);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].raised_at, "2026-11-30T03:04:05Z");
  EXPECT_EQ(warnings[0].risks, std::vector<std::string>{});
}

TEST_P(ExchangeStoreContractTest, WarningsOfAHouseholdInIdOrder) {
  DeptWarning other = MakeWarning(kMedical, "P2", "2026-03", 3);
  other.household_id = "H2";
  ASSERT_EQ(CommitUpload(kMedical, DepartmentFile(1), {},
                         {MakeWarning(kMedical, "P1", "2026-03"), other,
                          MakeWarning(kMedical, "P1", "2026-04", 4)}),
            1);
  auto h1 = store().WarningsOf("H1");
  XJ_ASSERT_OK(h1);
  ASSERT_EQ(h1->size(), 2u);
  EXPECT_EQ((*h1)[0].id, 1);
  EXPECT_EQ((*h1)[1].id, 3);
  EXPECT_EQ((*h1)[1], Warnings(1)[2]);
  auto none = store().WarningsOf("H9");
  XJ_ASSERT_OK(none);
  EXPECT_TRUE(none->empty());
}

// Several households' warnings at once: by household, then id, each as WarningsOf gives it; a
// household repeated counts once, an unknown one gives nothing.
TEST_P(ExchangeStoreContractTest, WarningsOfHouseholdsAreEachHouseholdsInIdOrder) {
  DeptWarning other = MakeWarning(kMedical, "P2", "2026-03", 3);
  other.household_id = "H2";
  ASSERT_EQ(CommitUpload(kMedical, DepartmentFile(1), {},
                         {MakeWarning(kMedical, "P1", "2026-03"), other,
                          MakeWarning(kMedical, "P1", "2026-04", 4)}),
            1);
  auto both = store().WarningsOfHouseholds({"H2", "H9", "H1", "H2"});
  XJ_ASSERT_OK(both);
  const std::vector<DeptWarning> all = Warnings(1);
  ASSERT_EQ(both->size(), 3u);
  EXPECT_EQ((*both)[0], all[0]);  // H1's, by id
  EXPECT_EQ((*both)[1], all[2]);
  EXPECT_EQ((*both)[2], all[1]);  // then H2's
  auto none = store().WarningsOfHouseholds({});
  XJ_ASSERT_OK(none);
  EXPECT_TRUE(none->empty());
}

// A committed warning moves the case data's stamp and names its household in the change log
// (the village table counts warnings); an upload without warnings names none.
TEST_P(ExchangeStoreContractTest, ACommittedWarningIsAChangeToTheCaseData) {
  auto stamp = store().CaseDataStamp();
  XJ_ASSERT_OK(stamp);
  auto log = store().CaseDataChangesAfter(-1);
  XJ_ASSERT_OK(log);
  ASSERT_EQ(CommitUpload(kMedical, DepartmentFile(1), {}), 1);
  auto unchanged = store().CaseDataChangesAfter(log->last);
  XJ_ASSERT_OK(unchanged);
  EXPECT_TRUE(unchanged->households.empty());
  ASSERT_EQ(CommitUpload(kMedical, DepartmentFile(2), {}, {MakeWarning(kMedical, "P1", "2026-03")}),
            2);
  auto moved = store().CaseDataStamp();
  XJ_ASSERT_OK(moved);
  EXPECT_GT(*moved, *stamp);
  auto changes = store().CaseDataChangesAfter(log->last);
  XJ_ASSERT_OK(changes);
  EXPECT_TRUE(changes->complete);
  EXPECT_EQ(changes->households, std::vector<std::string>{"H1"});
}

// --- findings

TEST_P(ExchangeStoreContractTest, PutFindingsInsertsOnlyNewOnesAndNumbersThem) {
  std::vector<Finding> findings = {MakeFinding("Q01", "H1", "upload:3:row:40"),
                                   MakeFinding("Q02", "H1", "member:P1"),
                                   MakeFinding("Q01", "H1", "upload:3:row:40")};
  EXPECT_EQ(PutFindings(findings), 2);
  EXPECT_EQ(findings[0].id, 1);
  EXPECT_EQ(findings[1].id, 2);
  EXPECT_EQ(findings[2].id, 0);  // the same key as the first

  std::vector<Finding> again = {MakeFinding("Q02", "H1", "member:P1"),
                                MakeFinding("Q02", "H2", "member:P1")};
  EXPECT_EQ(PutFindings(again), 1);
  EXPECT_EQ(again[0].id, 0);
  EXPECT_EQ(again[1].id, 3);
  std::vector<Finding> none;
  EXPECT_EQ(PutFindings(none), 0);
  EXPECT_EQ(FindingIds({}), (std::vector<int64_t>{1, 2, 3}));
}

TEST_P(ExchangeStoreContractTest, AFindingReadsBackAsWritten) {
  std::vector<Finding> findings = {MakeFinding("Q13", "H-\"1\"", "upload:3:row:40")};
  ASSERT_EQ(PutFindings(findings), 1);
  Finding expected = MakeFinding("Q13", "H-\"1\"", "upload:3:row:40");
  expected.id = 1;
  EXPECT_EQ(GetFinding(1), expected);
  EXPECT_EQ(GetFinding(2), std::nullopt);
}

TEST_P(ExchangeStoreContractTest, PutFindingsRefusesIncompleteOrResolvedFindingsWhole) {
  std::vector<Finding> no_check = {MakeFinding("Q01", "H1", "a"), MakeFinding("", "H1", "b")};
  std::vector<Finding> no_household = {MakeFinding("Q01", "", "a")};
  Finding resolved = MakeFinding("Q01", "H1", "c");
  resolved.state = FindingState::kConfirmed;
  resolved.note = "属实";
  std::vector<Finding> not_open = {resolved};
  for (std::vector<Finding>* findings : {&no_check, &no_household, &not_open}) {
    auto added = store().PutFindings(*findings);
    ASSERT_FALSE(added.ok());
    EXPECT_EQ(added.status().code(), StatusCode::kInvalidArgument) << added.status().ToString();
  }
  EXPECT_EQ(FindingIds({}), std::vector<int64_t>{});
}

TEST_P(ExchangeStoreContractTest, ListFindingsFiltersAndPutsOpenFirstThenByTime) {
  std::vector<Finding> findings = {
      MakeFinding("Q01", "H1", "e1", "630102001001", "2026-11-30T05:00:00Z"),
      MakeFinding("Q02", "H2", "e2", "630102001002", "2026-11-30T04:00:00Z"),
      MakeFinding("Q01", "H3", "e3", "630103001001", "2026-11-30T04:00:00Z"),
      MakeFinding("Q03", "H1", "e4", "630102001001", "2026-11-30T03:00:00Z"),
      MakeFinding("Q01", "H1", "e5", "630102001001", "2026-11-30T06:00:00Z")};
  ASSERT_EQ(PutFindings(findings), 5);
  XJ_ASSERT_OK(store().ResolveFinding(4, FindingState::kCorrected, "li.si", "已更正",
                                      "2026-12-01T00:00:00Z"));
  XJ_ASSERT_OK(
      store().ResolveFinding(2, FindingState::kConfirmed, "li.si", "属实", "2026-12-01T00:00:00Z"));

  EXPECT_EQ(FindingIds({}), (std::vector<int64_t>{3, 1, 5, 4, 2}));
  EXPECT_EQ(FindingIds(Findings("630102")), (std::vector<int64_t>{1, 5, 4, 2}));
  EXPECT_EQ(FindingIds(Findings("630102001001")), (std::vector<int64_t>{1, 5, 4}));
  EXPECT_EQ(FindingIds(Findings("", "Q01")), (std::vector<int64_t>{3, 1, 5}));
  EXPECT_EQ(FindingIds(Findings("", "", FindingState::kOpen)), (std::vector<int64_t>{3, 1, 5}));
  EXPECT_EQ(FindingIds(Findings("", "", FindingState::kConfirmed)), std::vector<int64_t>{2});
  EXPECT_EQ(FindingIds(Findings("", "", std::nullopt, "H1")), (std::vector<int64_t>{1, 5, 4}));
  EXPECT_EQ(FindingIds(Findings("6301", "Q01", std::nullopt, "H1")), (std::vector<int64_t>{1, 5}));
  EXPECT_EQ(FindingIds(Findings("", "", std::nullopt, "", 1, 3)), (std::vector<int64_t>{1, 5, 4}));
  EXPECT_EQ(FindingIds(Findings("", "", std::nullopt, "", 4, 3)), std::vector<int64_t>{2});
  EXPECT_EQ(store().CountFindings(Findings("", "Q01", std::nullopt, "", 1, 1)).value(), 3);

  auto negative = store().ListFindings(Findings("", "", std::nullopt, "", 0, -1));
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store().CountFindings(Findings("", "", std::nullopt, "", -1)).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_P(ExchangeStoreContractTest, ResolveFindingRecordsTheResolution) {
  std::vector<Finding> findings = {MakeFinding("Q01", "H1", "e1")};
  ASSERT_EQ(PutFindings(findings), 1);
  XJ_ASSERT_OK(store().ResolveFinding(1, FindingState::kCorrected, "zhao.liu",
                                      "户籍已注销 \"核实\"", "2026-12-01T08:00:00Z"));
  Finding expected = MakeFinding("Q01", "H1", "e1");
  expected.id = 1;
  expected.state = FindingState::kCorrected;
  expected.resolved_by = "zhao.liu";
  expected.resolved_at = "2026-12-01T08:00:00Z";
  expected.note = "户籍已注销 \"核实\"";
  EXPECT_EQ(GetFinding(1), expected);
}

TEST_P(ExchangeStoreContractTest, ResolveFindingRefusesAsDocumented) {
  std::vector<Finding> findings = {MakeFinding("Q01", "H1", "e1")};
  ASSERT_EQ(PutFindings(findings), 1);
  const char* at = "2026-12-01T08:00:00Z";
  EXPECT_EQ(store().ResolveFinding(9, FindingState::kCorrected, "u", "note", at).code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store().ResolveFinding(1, FindingState::kOpen, "u", "note", at).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(store().ResolveFinding(1, FindingState::kConfirmed, "u", "", at).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(GetFinding(1).value_or(Finding{}).state, FindingState::kOpen);
  XJ_ASSERT_OK(store().ResolveFinding(1, FindingState::kConfirmed, "u", "属实", at));
  Status again = store().ResolveFinding(1, FindingState::kCorrected, "v", "再次", at);
  EXPECT_EQ(again.code(), StatusCode::kFailedPrecondition) << again.ToString();
  EXPECT_EQ(GetFinding(1).value_or(Finding{}).note, "属实");
}

TEST_P(ExchangeStoreContractTest, AResolvedFindingStaysResolvedWhenFoundAgain) {
  std::vector<Finding> findings = {MakeFinding("Q01", "H1", "upload:1:row:2")};
  ASSERT_EQ(PutFindings(findings), 1);
  XJ_ASSERT_OK(
      store().ResolveFinding(1, FindingState::kCorrected, "u", "已更正", "2026-12-01T08:00:00Z"));
  std::vector<Finding> again = {
      MakeFinding("Q01", "H1", "upload:1:row:2", "630102001001", "2026-12-02T00:00:00Z")};
  EXPECT_EQ(PutFindings(again), 0);
  std::optional<Finding> stored = GetFinding(1);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->state, FindingState::kCorrected);
  EXPECT_EQ(stored->opened_at, "2026-11-30T04:00:00Z");
  EXPECT_EQ(FindingIds(Findings("", "", FindingState::kOpen)), std::vector<int64_t>{});
}

TEST_P(ExchangeStoreContractTest, ListFindingsFiltersByTheCheckIdsPrefix) {
  std::vector<Finding> findings = {MakeFinding("Q01", "H1", "e1"), MakeFinding("C01", "H1", "e2"),
                                   MakeFinding("C10", "H2", "e3"), MakeFinding("Q05", "H2", "e4")};
  ASSERT_EQ(PutFindings(findings), 4);
  FindingFilter coordination;
  coordination.check_prefix = "C";
  EXPECT_EQ(FindingIds(coordination), (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(store().CountFindings(coordination).value(), 2);
  coordination.check_prefix = "C1";
  EXPECT_EQ(FindingIds(coordination), std::vector<int64_t>{3});
  coordination.check_prefix = "Q";
  coordination.household_id = "H2";
  EXPECT_EQ(FindingIds(coordination), std::vector<int64_t>{4});
}

TEST_P(ExchangeStoreContractTest, AFindingCanBeJustifiedAndListedSo) {
  std::vector<Finding> findings = {MakeFinding("C01", "H1", "episode:1"),
                                   MakeFinding("C02", "H1", "episode:1:risk:R01")};
  ASSERT_EQ(PutFindings(findings), 2);
  XJ_ASSERT_OK(store().ResolveFinding(1, FindingState::kJustified, "county.officer",
                                      "该户主要劳动力长期住院，暂不宜安排产业帮扶",
                                      "2026-12-01T08:00:00Z"));
  EXPECT_EQ(GetFinding(1).value_or(Finding{}).state, FindingState::kJustified);
  EXPECT_EQ(FindingIds(Findings("", "", FindingState::kJustified)), std::vector<int64_t>{1});
  EXPECT_EQ(FindingIds(Findings("", "", FindingState::kOpen)), std::vector<int64_t>{2});
}

INSTANTIATE_TEST_SUITE_P(Backends, ExchangeStoreContractTest, ::testing::ValuesIn(AllBackends()),
                         [](const ::testing::TestParamInfo<StoreBackend>& param) {
                           return param.param.name;
                         });

}  // namespace
}  // namespace xianjie::store::testing
