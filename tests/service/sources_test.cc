// Department sources and their quality through the service (service/sources.h, quality.h): the
// sources' health, uploading as a principal (recorded, audited, refused by role), the scope of
// uploads and their rows, masking of ID numbers in issues, quarantine, unmatched rows and
// warnings, the original file, and the quality figures per source and month.
#include "service/sources.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "access/audit.h"
#include "access/authorize.h"
#include "base/id_number.h"
#include "ingest/xlsx_reader.h"
#include "service/exchange.h"
#include "service/quality.h"
#include "service/service_test_support.h"
#include "service/workspace.h"

namespace xianjie::service {
namespace {

using access::Role;
using testing::MakeWorld;
using testing::Officer;
using testing::World;

constexpr char kHeader[] =
    "身份证号,姓名,参保类型,医疗费用总额（元）,个人自付金额（元）,结算日期\n";
constexpr char kFullHeader[] =
    "身份证号,姓名,参保类型,就诊类型,就诊机构,医疗费用总额（元）,统筹基金支付（元）,"
    "个人自付金额（元）,结算日期\n";
constexpr char kStranger[] = "110101199003077774";  // a valid number nobody in the registry has

class SourcesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    world_ = MakeWorld();
    WorkspaceOptions options;
    options.clock = [this] { return now_; };
    ws_ = std::make_unique<Workspace>(*world_.db, options);
    ASSERT_TRUE(ws_->Refresh().ok());
  }

  const registry::Member& Person(size_t h, size_t m = 0) const {
    return world_.records[h].members[m];
  }
  std::string Row(const registry::Member& p, const std::string& total, const std::string& date,
                  const std::string& out_of_pocket = "20") const {
    return p.id_number + "," + p.name + ",城乡居民医保," + total + "," + out_of_pocket + "," +
           date + "\n";
  }
  // Two matched rows, one unmatched, one with a money cell that is no amount.
  std::string MixedCsv() const {
    return std::string(kHeader) + Row(Person(0), "100", "2026-11-10") +
           Row(Person(1), "200", "2026-11-01") + kStranger +
           ",外省人,城乡居民医保,100,20,2026-11-02\n" + Person(2).id_number +
           ",某人,城乡居民医保,abc,20,2026-11-03\n";
  }

  Result<UploadOutcome> Upload(const access::Principal& who, const std::string& csv,
                               const std::string& name = "medical.csv") {
    SourceUpload upload;
    upload.source = "medical_insurance";
    upload.file_name = name;
    upload.content = csv;
    return UploadSource(*ws_, who, upload);
  }

  std::vector<access::AuditEntry> Audit() {
    std::vector<access::AuditEntry> out;
    EXPECT_TRUE(world_.db
                    ->ForEach([&](const access::AuditEntry& e) {
                      out.push_back(e);
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }
  int64_t CountAudit(const std::string& action) {
    int64_t n = 0;
    for (const access::AuditEntry& e : Audit()) n += e.action == action ? 1 : 0;
    return n;
  }

  World world_;
  std::unique_ptr<Workspace> ws_;
  std::string now_ = "2026-11-20T02:00:00Z";
  access::Principal county_ = Officer(Role::kCounty, "630102", "county");
  access::Principal province_ = Officer(Role::kProvince, "63", "province");
};

TEST(SourceHealthTest, LateAfterDaysFollowsTheFrequency) {
  EXPECT_EQ(LateAfterDays(ingest::SourceFrequency::kDaily), 2);
  EXPECT_EQ(LateAfterDays(ingest::SourceFrequency::kWeekly), 9);
  EXPECT_EQ(LateAfterDays(ingest::SourceFrequency::kMonthly), 35);
  EXPECT_EQ(LateAfterDays(ingest::SourceFrequency::kQuarterly), 100);
  EXPECT_EQ(LateAfterDays(ingest::SourceFrequency::kYearly), 380);
  EXPECT_EQ(LateAfterDays(ingest::SourceFrequency::kOnEvent), std::nullopt);
}

TEST_F(SourcesTest, EverySourceIsListedNeverThenOkThenLate) {
  auto before = ListSources(*ws_, county_);
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  ASSERT_EQ(before->size(), ingest::BuiltinContracts().size());
  for (const SourceSummary& s : *before) {
    EXPECT_EQ(s.health, SourceHealth::kNever) << s.contract->name;
    EXPECT_EQ(s.uploads, 0);
  }
  ASSERT_TRUE(Upload(county_, MixedCsv()).ok());
  auto after = ListSources(*ws_, county_);
  ASSERT_TRUE(after.ok());
  const auto medical = std::find_if(after->begin(), after->end(), [](const SourceSummary& s) {
    return s.contract->name == "medical_insurance";
  });
  ASSERT_NE(medical, after->end());
  EXPECT_EQ(medical->health, SourceHealth::kOk);
  EXPECT_EQ(medical->uploads, 1);
  ASSERT_TRUE(medical->last.has_value());
  EXPECT_EQ(medical->last->read, 4);
  EXPECT_TRUE(medical->last->report_json.empty());
  EXPECT_EQ(medical->days_since_last, 0);

  now_ = "2026-12-26T02:00:00Z";  // 36 days on: a monthly source is late
  auto late = ListSources(*ws_, county_);
  ASSERT_TRUE(late.ok());
  for (const SourceSummary& s : *late) {
    if (s.contract->name == "medical_insurance") {
      EXPECT_EQ(s.health, SourceHealth::kLate);
      EXPECT_EQ(s.days_since_last, 36);
    }
  }
}

TEST_F(SourcesTest, SourcesNeedSourceRead) {
  auto village = ListSources(*ws_, Officer(Role::kVillage, testing::kVillageA));
  EXPECT_EQ(village.status().code(), StatusCode::kPermissionDenied);
  auto admin = GetSource(*ws_, Officer(Role::kAdmin, "63"), "medical_insurance");
  EXPECT_EQ(admin.status().code(), StatusCode::kPermissionDenied);
  auto unknown = GetSource(*ws_, county_, "nope");
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
  EXPECT_NE(unknown.status().message().find("medical_insurance"), std::string::npos);
  auto found = GetSource(*ws_, Officer(Role::kDepartment, "630102"), "medical_insurance");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ((*found)->department, "医疗保障局");
}

TEST_F(SourcesTest, AnUploadRecordsItsUserAndScopeAndIsAudited) {
  auto out = Upload(county_, MixedCsv());
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  const exchange::UploadRecord& up = out->report.upload;
  EXPECT_FALSE(out->report.duplicate);
  EXPECT_EQ(up.user, "county");
  EXPECT_EQ(up.region_code, "630102");
  EXPECT_EQ(up.read, 4);
  EXPECT_EQ(up.quarantined, 1);
  EXPECT_EQ(up.unmatched, 1);
  auto stored = world_.db->GetUpload(up.id);
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ((*stored)->region_code, "630102");
  bool found = false;
  for (const access::AuditEntry& e : Audit()) {
    if (e.action != "source.upload") continue;
    found = true;
    EXPECT_EQ(e.user, "county");
    EXPECT_EQ(e.subject, "upload:" + std::to_string(up.id));
    EXPECT_NE(e.detail.find("\"source\":\"medical_insurance\""), std::string::npos) << e.detail;
  }
  EXPECT_TRUE(found);
}

TEST_F(SourcesTest, UploadingNeedsSourceUpload) {
  for (Role role : {Role::kVillage, Role::kTownship, Role::kAuditor, Role::kAdmin}) {
    auto out = Upload(Officer(role, "630102001"), MixedCsv());
    EXPECT_EQ(out.status().code(), StatusCode::kPermissionDenied) << access::RoleName(role);
  }
  auto listed = world_.db->ListUploads({});
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed->empty());
  EXPECT_TRUE(Upload(Officer(Role::kDepartment, "630102", "dept"), MixedCsv()).ok());
}

TEST_F(SourcesTest, AFileThatCannotBeReadIsInvalidArgumentAndWritesNothing) {
  auto out = Upload(county_, "姓名,金额\n张三,1\n", "wrong.csv");
  ASSERT_EQ(out.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(out.status().message().find("wrong.csv"), std::string::npos);
  EXPECT_NE(out.status().message().find("身份证号"), std::string::npos);
  SourceUpload bad;
  bad.source = "medical_insurance";
  bad.content = MixedCsv();
  bad.encoding = "latin1";
  EXPECT_EQ(UploadSource(*ws_, county_, bad).status().code(), StatusCode::kInvalidArgument);
  bad.source = "nope";
  bad.encoding = "auto";
  EXPECT_EQ(UploadSource(*ws_, county_, bad).status().code(), StatusCode::kNotFound);
  auto listed = world_.db->ListUploads({});
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed->empty());
}

TEST_F(SourcesTest, TheSameFileAgainReturnsTheFirstReport) {
  auto first = Upload(county_, MixedCsv());
  ASSERT_TRUE(first.ok());
  auto again = Upload(county_, MixedCsv(), "renamed.csv");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->report.duplicate);
  EXPECT_EQ(again->report.upload.id, first->report.upload.id);
  EXPECT_NE(again->report_json.find("\"duplicate\":true"), std::string::npos);
  EXPECT_NE(again->report_json.find("\"file\":\"medical.csv\""), std::string::npos);
  EXPECT_NE(again->report_json.find("money.format"), std::string::npos);
  EXPECT_EQ(CountAudit("source.upload"), 2);
}

TEST_F(SourcesTest, TheSameFileAgainAnswersWithTheLeadsAndFindingsOfTheFirst) {
  // A stay of 50,000 yuan: a warning, and a case opened as its lead.
  const std::string csv = std::string(kHeader) + Row(Person(0), "50000", "2026-11-10", "50000");
  auto first = Upload(county_, csv);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_EQ(first->report.leads.opened, 1);

  // The stored report has them (it was written before the leads were taken).
  auto detail = GetUpload(*ws_, county_, first->report.upload.id);
  ASSERT_TRUE(detail.ok()) << detail.status().ToString();
  EXPECT_NE(detail->report_json.find("\"leads\":{\"opened\":1,"), std::string::npos)
      << detail->report_json;
  EXPECT_NE(detail->report_json.find("\"findings\":" + std::to_string(first->report.findings)),
            std::string::npos);
  auto batch = world_.db->GetBatch(first->report.upload.batch_id);
  ASSERT_TRUE(batch.ok() && batch->has_value());
  EXPECT_NE((*batch)->report_json.find("\"leads\":{\"opened\":1,"), std::string::npos);

  auto again = Upload(county_, csv, "again.csv");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->report.duplicate);
  EXPECT_EQ(again->report.leads.opened, 1);
  EXPECT_EQ(again->report.findings, first->report.findings);
  EXPECT_EQ(again->report.households_touched, 1);
  EXPECT_NE(again->report_json.find("\"leads\":{\"opened\":1,"), std::string::npos)
      << again->report_json;
  EXPECT_TRUE(again->new_warnings.empty());
  // Through the operator's path (the CLI) as well.
  DepartmentFile file;
  file.source = "medical_insurance";
  file.file_name = "cli.csv";
  file.content = csv;
  auto cli = UploadDepartmentFile(*ws_, "clerk", "", file);
  ASSERT_TRUE(cli.ok()) << cli.status().ToString();
  EXPECT_TRUE(cli->duplicate);
  EXPECT_EQ(cli->leads.opened, 1);
  EXPECT_NE(cli->ToJson().find("\"leads\":{\"opened\":1,"), std::string::npos);
}

TEST_F(SourcesTest, AnUploadLeavesPeopleOutsideTheUploadersScopeUnmatched) {
  // County 630102 uploads a stay of 50,000 yuan of a person of county 630121 (household C01).
  const registry::Member& outsider = Person(7);
  const std::string c01 = world_.records[7].household.household_id;
  const std::string csv = std::string(kHeader) + Row(Person(0), "100", "2026-11-10") +
                          Row(outsider, "50000", "2026-11-10", "50000") + kStranger +
                          ",外省人,城乡居民医保,100,20,2026-11-02\n";
  auto out = Upload(county_, csv);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  const exchange::UploadRecord& up = out->report.upload;
  EXPECT_EQ(up.accepted, 1);
  EXPECT_EQ(up.unmatched, 2);
  EXPECT_EQ(up.warnings, 0);
  EXPECT_TRUE(out->new_warnings.empty());
  EXPECT_EQ(out->report.leads.opened + out->report.leads.joined + out->report.leads.on_episode, 0);
  EXPECT_EQ(out->report.findings, 0);
  auto leads = world_.db->LeadsOf(c01);
  ASSERT_TRUE(leads.ok());
  EXPECT_TRUE(leads->empty());
  exchange::FindingFilter of_c01;
  of_c01.household_id = c01;
  auto findings = world_.db->ListFindings(of_c01);
  ASSERT_TRUE(findings.ok());
  EXPECT_TRUE(findings->empty());

  // Shown exactly as the stranger: no household, no village, the key masked.
  auto unmatched = UploadUnmatched(*ws_, county_, up.id);
  ASSERT_TRUE(unmatched.ok()) << unmatched.status().ToString();
  ASSERT_EQ(unmatched->size(), 2u);
  for (const exchange::DeptRow& r : *unmatched) {
    EXPECT_EQ(r.household_id, "");
    EXPECT_EQ(r.village_code, "");
  }
  EXPECT_EQ((*unmatched)[0].key, MaskIdNumber(outsider.id_number));
  EXPECT_EQ((*unmatched)[1].key, MaskIdNumber(kStranger));

  // The province's upload of the same rows matches the person and raises the warning.
  auto wide = Upload(province_, csv + Row(Person(1), "100", "2026-11-11"), "province.csv");
  ASSERT_TRUE(wide.ok()) << wide.status().ToString();
  EXPECT_EQ(wide->report.upload.accepted, 3);
  EXPECT_EQ(wide->report.upload.unmatched, 1);
  ASSERT_EQ(wide->new_warnings.size(), 1u);
  EXPECT_EQ(wide->new_warnings[0].household_id, c01);
  leads = world_.db->LeadsOf(c01);
  ASSERT_TRUE(leads.ok());
  EXPECT_EQ(leads->size(), 1u);
}

TEST_F(SourcesTest, ScopeDecidesWhichUploadsAndRowsAreSeen) {
  auto own = Upload(county_, MixedCsv());
  ASSERT_TRUE(own.ok());
  const int64_t id = own->report.upload.id;
  const access::Principal other = Officer(Role::kCounty, "630121", "other");

  auto list = ListUploads(*ws_, other, {});
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->total, 0);
  EXPECT_EQ(GetUpload(*ws_, other, id).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(UploadQuarantine(*ws_, other, id).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(GetUpload(*ws_, county_, 999).status().code(), StatusCode::kNotFound);

  // The province's upload is seen by the county, its rows are not.
  std::string csv = std::string(kHeader) + Row(Person(3), "300", "2026-11-05");
  auto wide = Upload(province_, csv);
  ASSERT_TRUE(wide.ok());
  auto seen = ListUploads(*ws_, county_, {});
  ASSERT_TRUE(seen.ok());
  EXPECT_EQ(seen->total, 2);
  EXPECT_EQ(seen->items.front().id, wide->report.upload.id);  // newest first
  auto detail = GetUpload(*ws_, county_, wide->report.upload.id);
  ASSERT_TRUE(detail.ok());
  EXPECT_FALSE(detail->rows_visible);
  EXPECT_NE(detail->report_json.find("\"issues_withheld\":true"), std::string::npos);
  EXPECT_EQ(UploadUnmatched(*ws_, county_, wide->report.upload.id).status().code(),
            StatusCode::kPermissionDenied);
  auto by_province = GetUpload(*ws_, province_, id);
  ASSERT_TRUE(by_province.ok());
  EXPECT_TRUE(by_province->rows_visible);

  auto paged = ListUploads(*ws_, province_, {"medical_insurance", 1, 1});
  ASSERT_TRUE(paged.ok());
  EXPECT_EQ(paged->total, 2);
  ASSERT_EQ(paged->items.size(), 1u);
  EXPECT_EQ(paged->items[0].id, id);
  EXPECT_EQ(ListUploads(*ws_, province_, {"nope", 0, 10}).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(ListUploads(*ws_, province_, {"", 0, 0}).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(SourcesTest, RowsAreMaskedExceptForTownshipOfficers) {
  auto out = Upload(county_, MixedCsv());
  ASSERT_TRUE(out.ok());
  const int64_t id = out->report.upload.id;
  const std::string bad_id = Person(2).id_number;

  auto quarantine = UploadQuarantine(*ws_, county_, id);
  ASSERT_TRUE(quarantine.ok()) << quarantine.status().ToString();
  ASSERT_EQ(quarantine->size(), 1u);
  EXPECT_EQ((*quarantine)[0].rule, "money.format");
  EXPECT_EQ((*quarantine)[0].record.find(bad_id), std::string::npos);
  EXPECT_NE((*quarantine)[0].record.find(MaskIdNumber(bad_id)), std::string::npos);
  auto csv = UploadQuarantineCsv(*ws_, county_, id);
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(csv->find(bad_id), std::string::npos);
  EXPECT_EQ(CountAudit("quarantine.download"), 2);

  auto unmatched = UploadUnmatched(*ws_, county_, id);
  ASSERT_TRUE(unmatched.ok());
  ASSERT_EQ(unmatched->size(), 1u);
  EXPECT_EQ((*unmatched)[0].key, MaskIdNumber(kStranger));
  EXPECT_EQ((*unmatched)[0].values_json.find(kStranger), std::string::npos);
  EXPECT_NE((*unmatched)[0].values_json.find("外省人"), std::string::npos);
  EXPECT_EQ(CountAudit("upload.unmatched"), 1);

  auto detail = GetUpload(*ws_, county_, id);
  ASSERT_TRUE(detail.ok());
  EXPECT_EQ(detail->report_json.find(bad_id), std::string::npos);
  EXPECT_EQ(CountAudit("upload.read"), 1);

  // An upload made for a township: its officer reads whole numbers.
  DepartmentFile file;
  file.source = "medical_insurance";
  file.file_name = "t.csv";
  file.content = std::string(kHeader) + bad_id + ",某人,城乡居民医保,abc,20,2026-11-03\n";
  auto township_upload = UploadDepartmentFile(*ws_, "clerk", "630102001", file);
  ASSERT_TRUE(township_upload.ok()) << township_upload.status().ToString();
  auto whole =
      UploadQuarantine(*ws_, Officer(Role::kTownship, "630102001"), township_upload->upload.id);
  ASSERT_TRUE(whole.ok()) << whole.status().ToString();
  ASSERT_EQ(whole->size(), 1u);
  EXPECT_NE((*whole)[0].record.find(bad_id), std::string::npos);
}

TEST_F(SourcesTest, WarningsAreReportedWithTheirLeadsAndMasked) {
  const std::string csv = std::string(kHeader) + Row(Person(0), "50000", "2026-11-10", "50000");
  auto out = Upload(county_, csv);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->new_warnings.size(), 1u);
  EXPECT_EQ(out->new_warnings[0].person_key, MaskIdNumber(Person(0).id_number));
  EXPECT_EQ(out->report.leads.opened + out->report.leads.joined + out->report.leads.on_episode, 1);
  EXPECT_NE(out->report_json.find("\"leads\":{\"opened\":"), std::string::npos);
  auto detail = GetUpload(*ws_, county_, out->report.upload.id);
  ASSERT_TRUE(detail.ok());
  ASSERT_EQ(detail->warnings.size(), 1u);
  EXPECT_EQ(detail->warnings[0].person_key, MaskIdNumber(Person(0).id_number));
  ASSERT_EQ(detail->leads.size(), 1u);
  ASSERT_TRUE(detail->leads[0].has_value());
  EXPECT_GT(detail->leads[0]->case_id, 0);
  EXPECT_EQ(detail->leads[0]->source, "dept:medical_insurance:2026-11");
}

TEST_F(SourcesTest, TheOriginalFileIsForCountyOfficersAndAbove) {
  auto out = Upload(county_, MixedCsv());
  ASSERT_TRUE(out.ok());
  const int64_t id = out->report.upload.id;
  auto file = UploadOriginal(*ws_, county_, id);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->content, MixedCsv());
  EXPECT_EQ(file->file_name, "medical.csv");
  EXPECT_EQ(file->format, "csv");
  EXPECT_EQ(CountAudit("source.file"), 1);
  EXPECT_EQ(UploadOriginal(*ws_, Officer(Role::kDepartment, "63"), id).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(UploadOriginal(*ws_, Officer(Role::kAuditor, "63"), id).status().code(),
            StatusCode::kPermissionDenied);
}

TEST_F(SourcesTest, QualityPerSourceAndMonth) {
  // November: the mixed file, and three rows with the optional columns (one lacks its hospital).
  // The first name has a comma, quotes and a backslash, which the values JSON escapes.
  ASSERT_TRUE(Upload(county_, MixedCsv()).ok());
  const std::string full = std::string(kFullHeader) + Person(3).id_number +
                           R"(,"甲,""乙""\",城乡居民医保,住院,县医院,100,80,20,2026-10-21)" + "\n" +
                           Person(4).id_number +
                           ",乙,城乡居民医保,住院,县医院,100,80,20,2026-11-10\n" +
                           Person(5).id_number + ",丙,城乡居民医保,住院,,100,80,20,2026-11-01\n";
  ASSERT_TRUE(Upload(county_, full, "full.csv").ok());

  auto report = SourceQuality(*ws_, county_, 3);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->from_month, "2026-09");
  EXPECT_EQ(report->to_month, "2026-11");
  ASSERT_EQ(report->rows.size(), 3u);  // one source, three months
  EXPECT_EQ(report->rows[0].month, "2026-09");
  EXPECT_EQ(report->rows[0].uploads, 0);
  EXPECT_FALSE(report->rows[0].validity.has_value());
  const SourceMonthQuality& nov = report->rows[2];
  EXPECT_EQ(nov.source, "medical_insurance");
  EXPECT_EQ(nov.title, "医保个人自付医疗费用");
  EXPECT_EQ(nov.uploads, 2);
  EXPECT_EQ(nov.read, 7);
  EXPECT_EQ(nov.accepted, 5);
  EXPECT_EQ(nov.quarantined, 1);
  EXPECT_EQ(nov.unmatched, 1);
  EXPECT_DOUBLE_EQ(*nov.validity, 6.0 / 7.0);
  EXPECT_DOUBLE_EQ(*nov.match_rate, 5.0 / 6.0);
  EXPECT_EQ(nov.rows_checked, 5);
  EXPECT_DOUBLE_EQ(*nov.completeness, 2.0 / 5.0);
  // Delays (days to 2026-11-20): 10 and 19 (mixed file), 30, 10 and 19 (full file).
  EXPECT_DOUBLE_EQ(*nov.timeliness_median_days, 19);
  EXPECT_DOUBLE_EQ(*nov.timeliness_p90_days, 30);
  ASSERT_EQ(report->uploads.size(), 2u);
  EXPECT_EQ(report->uploads[1].by_rule.at("money.format"), 1);
  EXPECT_EQ(report->uploads[1].quarantined, 1);

  EXPECT_EQ(SourceQuality(*ws_, county_, 0).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(SourceQuality(*ws_, county_, 61).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(SourceQuality(*ws_, Officer(Role::kTownship, "630102001"), 12).status().code(),
            StatusCode::kPermissionDenied);
  auto other = SourceQuality(*ws_, Officer(Role::kCounty, "630121"), 12);
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(other->rows.empty());
}

TEST_F(SourcesTest, AWarningIsConfirmedWhenItsCaseReachesMonitored) {
  const std::string csv = std::string(kHeader) + Row(Person(0), "50000", "2026-11-10", "50000");
  auto out = Upload(county_, csv);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->report.leads.opened, 1);
  auto before = SourceQuality(*ws_, county_, 1);
  ASSERT_TRUE(before.ok());
  ASSERT_EQ(before->rows.size(), 1u);
  EXPECT_EQ(before->rows[0].warnings, 1);
  EXPECT_EQ(before->rows[0].warnings_confirmed, 0);
  EXPECT_EQ(before->warnings_checked, 1);

  // The case approved (written as the store's row: the workflow is not under test here).
  auto open = world_.db->OpenCaseOf(world_.records[0].household.household_id);
  ASSERT_TRUE(open.ok() && open->has_value());
  cases::EventWrite write;
  write.next = **open;
  write.next.state = cases::CaseState::kMonitored;
  write.next.version = (*open)->version + 1;
  write.record.case_id = (*open)->id;
  write.record.seq = write.next.version;
  write.record.event = cases::EventType::kCountyApprove;
  write.record.from = (*open)->state;
  write.record.to = cases::CaseState::kMonitored;
  write.record.actor = "county";
  write.record.actor_role = "county";
  write.record.at = now_;
  write.record.on = CivilDate::FromYmd(2026, 11, 20);
  write.expected_version = (*open)->version;
  ASSERT_TRUE(world_.db->AppendEvent(write).ok());

  auto after = SourceQuality(*ws_, county_, 1);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->rows[0].warnings_confirmed, 1);
}

TEST_F(SourcesTest, QualityWorkbookIsAuditedAndHasChineseHeaders) {
  ASSERT_TRUE(Upload(county_, MixedCsv()).ok());
  auto xlsx = SourceQualityXlsx(*ws_, county_, 12);
  ASSERT_TRUE(xlsx.ok()) << xlsx.status().ToString();
  EXPECT_EQ(CountAudit("quality.export"), 1);
  auto reader = ingest::XlsxReader::Open(*xlsx);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ((*reader)->SheetNames(), (std::vector<std::string>{"数据质量", "隔离原因"}));
  ASSERT_TRUE((*reader)->OpenSheet("数据质量").ok());
  ingest::XlsxRow row;
  std::vector<std::vector<std::string>> rows;
  while (true) {
    auto next = (*reader)->Next(row);
    ASSERT_TRUE(next.ok());
    if (!*next) break;
    std::vector<std::string> cells;
    for (const ingest::XlsxCell& c : row.cells) cells.push_back(c.text);
    rows.push_back(std::move(cells));
  }
  ASSERT_EQ(rows.size(), 13u);  // the header and twelve months of one source
  EXPECT_EQ(rows[0][0], "数据源");
  EXPECT_EQ(rows[0][8], "有效率");
  EXPECT_EQ(rows[12][2], "2026-11");
  EXPECT_EQ(rows[12][8], "75.0%");  // (2 accepted + 1 unmatched) / 4 read
  EXPECT_EQ(
      SourceQualityXlsx(*ws_, Officer(Role::kVillage, testing::kVillageA), 12).status().code(),
      StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace xianjie::service
