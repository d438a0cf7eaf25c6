// exchange::UploadFile over a memory store: every row accounted for, registry updates as
// versions of the department's batch, idempotence by content, unreadable files writing nothing,
// warnings deduplicated per person and period, and warnings becoming leads.
#include "exchange/upload.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cases/case_store.h"
#include "ingest/source_contract.h"
#include "service/service_test_support.h"

namespace xianjie::exchange {
namespace {

using service::testing::MakeWorld;
using service::testing::World;

constexpr char kHeader[] =
    "身份证号,姓名,参保类型,医疗费用总额（元）,个人自付金额（元）,结算日期\n";

class UploadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    world_ = MakeWorld();
    contract_ = ingest::FindBuiltinContract("medical_insurance");
    ASSERT_NE(contract_, nullptr);
  }

  // A person of the registry: household `h` (in id order), member `m`.
  const registry::Member& Person(size_t h, size_t m) const { return world_.records[h].members[m]; }

  std::string Row(const registry::Member& person, const std::string& total,
                  const std::string& out_of_pocket, const std::string& date) const {
    return person.id_number + "," + person.name + ",城乡居民医保," + total + "," + out_of_pocket +
           "," + date + "\n";
  }

  Result<UploadReport> Upload(const std::string& content, const WarningTest* test = nullptr,
                              const std::string& name = "medical.csv",
                              const std::string& region = "63") {
    auto view = world_.ws->view();
    UploadContext context{*world_.db, *world_.db, *view->index, test};
    UploadRequest request;
    request.contract = contract_;
    request.file_name = name;
    request.content = content;
    request.user = "clerk";
    request.region_code = region;
    request.now_utc = "2026-11-20T02:00:00Z";
    request.today = CivilDate::FromYmd(2026, 11, 20);
    return UploadFile(context, request);
  }

  World world_;
  const ingest::SourceContract* contract_ = nullptr;
};

TEST_F(UploadTest, AccountsForEveryRow) {
  std::string csv = kHeader;
  csv += Row(Person(0, 0), "1200.00", "300.50", "2026-10-03");
  csv += Row(Person(1, 0), "800", "120", "2026/10/5");
  csv += "110101199003077774,外省人,城乡居民医保,100,20,2026-10-01\n";       // nobody we know
  csv += Person(2, 0).id_number + ",某人,城乡居民医保,abc,20,2026-10-01\n";  // money.format
  csv += Person(3, 0).id_number + ",某人,城乡居民医保,100,20,2027-01-01\n";  // date.future

  auto report = Upload(csv);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  const UploadRecord& up = report->upload;
  EXPECT_EQ(up.read, 5);
  EXPECT_EQ(up.accepted, 2);
  EXPECT_EQ(up.unmatched, 1);
  EXPECT_EQ(up.quarantined, 2);
  EXPECT_EQ(up.read, up.accepted + up.quarantined + up.unmatched);
  EXPECT_EQ(up.format, "csv");
  EXPECT_EQ(up.encoding, "utf-8");
  EXPECT_FALSE(report->duplicate);
  EXPECT_EQ(report->households_touched, 2);
  EXPECT_DOUBLE_EQ(report->match_rate(), 2.0 / 3.0);
  EXPECT_EQ(report->quarantined_by_rule.at("money.format"), 1);
  EXPECT_EQ(report->quarantined_by_rule.at("date.future"), 1);

  // Stored: the upload, its rows (the unmatched one kept), the quarantine in its batch.
  auto stored = world_.db->GetUpload(up.id);
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ((*stored)->read, 5);
  EXPECT_EQ((*stored)->sha256, up.sha256);
  auto rows = world_.db->UploadRows(up.id, false);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0].household_id, world_.records[0].household.household_id);
  EXPECT_EQ((*rows)[0].period, "2026-10");
  EXPECT_EQ((*rows)[0].event_date, "2026-10-03");
  EXPECT_EQ((*rows)[1].event_date, "2026-10-05");
  EXPECT_FALSE((*rows)[2].matched());
  EXPECT_EQ((*rows)[2].key, "110101199003077774");
  auto quarantine = world_.db->Quarantine(up.batch_id);
  ASSERT_TRUE(quarantine.ok());
  ASSERT_EQ(quarantine->size(), 2u);
  EXPECT_EQ((*quarantine)[0].file, "medical.csv");
  EXPECT_EQ((*quarantine)[0].line, 5);
  EXPECT_EQ((*quarantine)[0].rule, "money.format");
  EXPECT_EQ((*quarantine)[1].rule, "date.future");
  auto batch = world_.db->GetBatch(up.batch_id);
  ASSERT_TRUE(batch.ok() && batch->has_value());
  EXPECT_EQ((*batch)->source, "dept:medical_insurance");
  EXPECT_EQ((*batch)->user, "clerk");
}

TEST_F(UploadTest, TheSameFileAgainChangesNothing) {
  const std::string csv = std::string(kHeader) + Row(Person(0, 0), "100", "10", "2026-10-03");
  auto first = Upload(csv);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto counts = world_.db->Counts();
  ASSERT_TRUE(counts.ok());

  auto again = Upload(csv, nullptr, "renamed.csv");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->duplicate);
  EXPECT_EQ(again->upload.id, first->upload.id);
  EXPECT_EQ(again->upload.file_name, "medical.csv");
  EXPECT_EQ(again->upload.accepted, 1);
  auto after = world_.db->Counts();
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->batches, counts->batches);
  auto uploads = world_.db->ListUploads({});
  ASSERT_TRUE(uploads.ok());
  EXPECT_EQ(uploads->size(), 1u);
}

TEST_F(UploadTest, TheSameFileAgainAnswersWithTheStoredReport) {
  const std::string csv = "医保结算明细\n" + std::string(kHeader) +
                          Row(Person(0, 0), "100", "10", "2026-10-03") + Person(2, 0).id_number +
                          ",某人,城乡居民医保,abc,20,2026-10-01\n";
  auto first = Upload(csv);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto again = Upload(csv, nullptr, "renamed.csv");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->duplicate);
  EXPECT_EQ(again->header_row, 2);
  EXPECT_EQ(again->skipped_rows, std::vector<int64_t>{1});
  EXPECT_EQ(again->households_touched, 1);
  EXPECT_EQ(again->quarantined_by_rule, first->quarantined_by_rule);
  ASSERT_EQ(again->issues.size(), 1u);
  EXPECT_EQ(again->issues[0].row, 4);
  EXPECT_EQ(again->issues[0].rule, "money.format");
  EXPECT_EQ(again->issues[0].message, first->issues[0].message);
  EXPECT_TRUE(again->new_warnings.empty());
}

TEST_F(UploadTest, AStoredReportReadsBackAsItWasWritten) {
  UploadReport report;
  report.upload.id = 7;
  report.upload.source = "medical_insurance";
  report.upload.read = 5;
  report.upload.accepted = 3;
  report.upload.quarantined = 1;
  report.upload.unmatched = 1;
  report.warnings_evaluated = true;
  report.header_row = 3;
  report.skipped_rows = {1, 2};
  report.households_touched = 2;
  report.quarantined_by_rule = {{"money.format", 2}, {"date.future", 1}};
  report.issues = {{4, "个人自付金额（元）", "money.format", "abc", "not \"yuan\""}};
  report.leads = {.opened = 1, .joined = 2, .on_episode = 3, .already = 4};
  report.findings = 5;
  report.seconds = 0.25;
  report.upload.report_json = report.ToJson();
  const UploadReport stored = StoredReport(report.upload);
  EXPECT_TRUE(stored.duplicate);
  EXPECT_EQ(stored.upload, report.upload);
  UploadReport expected = report;
  expected.duplicate = true;
  EXPECT_EQ(stored.ToJson(), expected.ToJson());
  // A report that does not parse: the record's figures only.
  UploadRecord damaged = report.upload;
  damaged.report_json = "{not json";
  const UploadReport bare = StoredReport(damaged);
  EXPECT_TRUE(bare.duplicate);
  EXPECT_EQ(bare.upload.accepted, 3);
  EXPECT_EQ(bare.findings, 0);
  EXPECT_TRUE(bare.issues.empty());
}

TEST_F(UploadTest, ATitleAndAUnitLineAboveTheHeaderAreSkippedAndReported) {
  std::string csv = "2026年10月医保报销明细,,,,,\n\n单位：元\n" + std::string(kHeader);
  csv += Row(Person(0, 0), "100", "10", "2026-10-03");
  csv += Person(2, 0).id_number + ",某人,城乡居民医保,abc,20,2026-10-01\n";
  auto report = Upload(csv);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->upload.read, 2);  // the title and the unit line are no rows
  EXPECT_EQ(report->upload.accepted, 1);
  EXPECT_EQ(report->upload.quarantined, 1);
  EXPECT_EQ(report->header_row, 4);
  EXPECT_EQ(report->skipped_rows, (std::vector<int64_t>{1, 3}));
  EXPECT_EQ(report->HeaderNote(),
            "the header row is row 4; rows 1, 3 above it were skipped as a title or notes, not "
            "read as data");
  ASSERT_EQ(report->issues.size(), 1u);
  EXPECT_EQ(report->issues[0].row, 6);  // the file's own line
  const std::string json = report->ToJson();
  EXPECT_NE(json.find("\"header_row\":4,\"skipped_rows\":[1,3],\"header_note\":\"the header row"),
            std::string::npos)
      << json;
  auto rows = world_.db->UploadRows(report->upload.id, false);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].row, 5);
  auto quarantine = world_.db->Quarantine(report->upload.batch_id);
  ASSERT_TRUE(quarantine.ok());
  ASSERT_EQ(quarantine->size(), 1u);
  EXPECT_EQ((*quarantine)[0].line, 6);
}

TEST_F(UploadTest, NoHeaderAmongTheFirstRowsIsTheHeaderErrorOfTheClosestAndWritesNothing) {
  const std::string csv =
      "医保报销明细\n身份证号,姓名,结算日期\n" + Row(Person(0, 0), "100", "10", "2026-10-03");
  auto report = Upload(csv);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), StatusCode::kInvalidArgument);
  const std::string& m = report.status().message();
  EXPECT_EQ(m.rfind("medical.csv: the header row (line 2) does not match the contract", 0), 0u)
      << m;
  EXPECT_NE(m.find("missing required column '个人自付金额（元）'"), std::string::npos) << m;
  auto uploads = world_.db->ListUploads({});
  ASSERT_TRUE(uploads.ok());
  EXPECT_TRUE(uploads->empty());
}

TEST_F(UploadTest, PeopleRegisteredOutsideTheUploadersScopeAreUnmatched) {
  // Household C01 (county 630121) has an uninsured member: a matched row would insure her.
  registry::HouseholdRecord changed = world_.records[7];
  changed.members[0].med_insured = false;
  service::testing::Commit(*world_.db, {changed});
  ASSERT_TRUE(world_.ws->Refresh().ok());
  const std::string c01 = changed.household.household_id;
  auto history = world_.db->History(c01);
  ASSERT_TRUE(history.ok());
  const size_t versions = history->size();
  const WarningTest everyone = [](uint32_t, uint32_t, std::span<const FactValue>) -> Result<int> {
    return 0;
  };

  // A county officer of 630102: the person of 630121 is as unknown as a stranger.
  std::string csv = kHeader;
  csv += Row(Person(0, 0), "100", "10", "2026-10-03");
  csv += Row(Person(7, 0), "100", "10", "2026-10-03");
  csv += "110101199003077774,外省人,城乡居民医保,100,20,2026-10-01\n";
  auto county = Upload(csv, &everyone, "county.csv", "630102");
  ASSERT_TRUE(county.ok()) << county.status().ToString();
  EXPECT_EQ(county->upload.accepted, 1);
  EXPECT_EQ(county->upload.unmatched, 2);
  EXPECT_EQ(county->households_touched, 1);
  EXPECT_EQ(county->upload.updated_households, 0);
  ASSERT_EQ(county->new_warnings.size(), 1u);
  EXPECT_EQ(county->new_warnings[0].household_id, world_.records[0].household.household_id);
  auto rows = world_.db->UploadRows(county->upload.id, /*unmatched_only=*/true);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  for (const DeptRow& row : *rows) {
    EXPECT_EQ(row.household_id, "");
    EXPECT_EQ(row.village_code, "");
  }
  EXPECT_EQ((*rows)[0].key, Person(7, 0).id_number);
  history = world_.db->History(c01);
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->size(), versions);
  auto warnings = world_.db->Warnings(county->upload.id);
  ASSERT_TRUE(warnings.ok());
  ASSERT_EQ(warnings->size(), 1u);
  auto facts = world_.db->FactsOfHouseholds({c01});
  ASSERT_TRUE(facts.ok());
  EXPECT_TRUE(facts->empty());

  // The province (and the whole registry, "") matches her.
  csv += Row(Person(7, 0), "100", "10", "2026-10-04");  // other bytes: another upload
  auto province = Upload(csv, &everyone, "province.csv", "63");
  ASSERT_TRUE(province.ok()) << province.status().ToString();
  EXPECT_EQ(province->upload.accepted, 3);
  EXPECT_EQ(province->upload.unmatched, 1);
  EXPECT_EQ(province->upload.updated_households, 1);
  history = world_.db->History(c01);
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->size(), versions + 1);
  csv += Row(Person(7, 0), "100", "10", "2026-10-05");
  auto whole = Upload(csv, &everyone, "all.csv", "");
  ASSERT_TRUE(whole.ok()) << whole.status().ToString();
  EXPECT_EQ(whole->upload.unmatched, 1);
}

TEST_F(UploadTest, AFileThatCannotBeReadWritesNothing) {
  auto counts = world_.db->Counts();
  ASSERT_TRUE(counts.ok());
  struct Case {
    std::string content;
    std::string says;
  };
  const std::vector<Case> cases = {
      {std::string("PK\x03\x04garbage that is no zip", 26), "medical.csv"},
      {"姓名,金额\n张三,1\n", "missing required column '身份证号'"},
      {"", "medical.csv"},
  };
  for (const Case& c : cases) {
    auto report = Upload(c.content);
    ASSERT_FALSE(report.ok()) << c.says;
    EXPECT_EQ(report.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(report.status().message().find(c.says), std::string::npos)
        << report.status().message();
  }
  auto after = world_.db->Counts();
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->batches, counts->batches);
  EXPECT_EQ(after->quarantined, counts->quarantined);
  auto uploads = world_.db->ListUploads({});
  ASSERT_TRUE(uploads.ok());
  EXPECT_TRUE(uploads->empty());
}

TEST_F(UploadTest, UpdatesAreNewVersionsOfTheDepartmentsBatch) {
  // The contract sets member.med_insured = true; make one member uninsured first.
  registry::HouseholdRecord changed = world_.records[0];
  changed.members[0].med_insured = false;
  service::testing::Commit(*world_.db, {changed});
  ASSERT_TRUE(world_.ws->Refresh().ok());

  const std::string csv = std::string(kHeader) + Row(Person(0, 0), "100", "10", "2026-10-03") +
                          Row(Person(1, 0), "100", "10", "2026-10-03");
  auto report = Upload(csv);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->upload.updated_households, 1);  // household 1's member was insured already
  auto history = world_.db->History(world_.records[0].household.household_id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ(history->back().batch_id, report->upload.batch_id);
  for (const registry::Member& m : history->back().record.members) {
    if (m.id_number == Person(0, 0).id_number) {
      EXPECT_TRUE(m.med_insured);
    }
  }
}

TEST_F(UploadTest, WarningsOncePerPersonAndPeriodAndTheyBecomeLeads) {
  // Warn when the out-of-pocket sum over 12 months (the first fact) reaches 1,000 yuan.
  const WarningTest test = [](uint32_t, uint32_t, std::span<const FactValue> facts) -> Result<int> {
    return facts[0].present && facts[0].number >= 100000 ? 0 : -1;
  };
  std::string first = kHeader;
  first += Row(Person(0, 0), "900", "600", "2026-10-03");
  first += Row(Person(1, 0), "900", "100", "2026-10-03");
  auto a = Upload(first, &test);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_TRUE(a->warnings_evaluated);
  EXPECT_EQ(a->upload.warnings, 0);  // 600 yuan: not yet

  // A second bill in the same month: 600 + 500 over 12 months → one warning.
  std::string second = kHeader;
  second += Row(Person(0, 0), "900", "500", "2026-10-20");
  auto b = Upload(second, &test, "medical-2.csv");
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  ASSERT_EQ(b->upload.warnings, 1);
  ASSERT_EQ(b->new_warnings.size(), 1u);
  const DeptWarning& w = b->new_warnings.front();
  EXPECT_EQ(w.person_key, Person(0, 0).id_number);
  EXPECT_EQ(w.period, "2026-10");
  EXPECT_EQ(w.household_id, world_.records[0].household.household_id);
  EXPECT_EQ(w.object_type, contract_->warnings[0].type);

  // A third bill in the same month: still one warning for the person and period.
  std::string third = kHeader;
  third += Row(Person(0, 0), "900", "50", "2026-10-25");
  auto c = Upload(third, &test, "medical-3.csv");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->upload.warnings, 0);
  auto stored = world_.db->Warnings(0);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->size(), 1u);

  // The warning becomes a lead: a case opens; taking it again changes nothing.
  auto taken = TakeWarningLeads(*world_.db, b->new_warnings, "2026-11-20T02:00:00Z");
  ASSERT_TRUE(taken.ok()) << taken.status().ToString();
  EXPECT_EQ(taken->opened, 1);
  auto leads = world_.db->LeadsOf(w.household_id);
  ASSERT_TRUE(leads.ok());
  ASSERT_EQ(leads->size(), 1u);
  EXPECT_EQ(leads->front().source, "dept:medical_insurance:2026-10");
  EXPECT_EQ(leads->front().channel, cases::Channel::kDepartmentWarning);
  EXPECT_EQ(leads->front().note, w.message);
  auto again = TakeWarningLeads(*world_.db, b->new_warnings, "2026-11-20T02:00:00Z");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->opened, 0);
  EXPECT_EQ(again->already, 1);
}

}  // namespace
}  // namespace xianjie::exchange
