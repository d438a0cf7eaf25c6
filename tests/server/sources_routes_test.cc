// Department sources, uploads and their quality over a real socket (api_sources.cc, decision
// 0006): each route's answer, the roles and scopes that may not, the 400s, masking of ID
// numbers, a file uploaded again, and the quality figures with their workbook. The CSV is made
// of the test registry's people, dated a few days before today (the server runs at real time).
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "access/audit.h"
#include "base/clock.h"
#include "base/date.h"
#include "base/id_number.h"
#include "cases/case.h"
#include "ingest/xlsx_writer.h"
#include "server/server_harness.h"

namespace xianjie::server::testing {
namespace {

using access::Role;
using nlohmann::json;

constexpr char kHeader[] =
    "身份证号,姓名,参保类型,医疗费用总额（元）,个人自付金额（元）,结算日期\n";
constexpr char kStranger[] = "110101199003077774";  // a valid number nobody in the registry has
constexpr char kUploads[] = "/api/v1/sources/medical_insurance/uploads";

struct Person {
  std::string id_number;
  std::string name;
};

class SourcesRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    h_ = std::make_unique<ServerHarness>();
    ASSERT_TRUE(h_->ok());
    const std::vector<std::string> ids = {"A01", "A02", "A03"};
    auto current = h_->database().GetCurrent(ids);
    ASSERT_TRUE(current.ok());
    for (const registry::HouseholdVersion& v : *current) {
      people_.push_back({v.record.members[0].id_number, v.record.members[0].name});
    }
    ASSERT_EQ(people_.size(), 3u);
  }

  // China's date (the server's "today" for uploads) `days` days ago.
  static std::string DaysAgo(int days) {
    return CivilDate::FromDays(cases::ChinaDateOf(UtcNowIso8601()).ToDays() - days).ToString();
  }
  std::string Row(const Person& p, const std::string& total, const std::string& out_of_pocket,
                  int days_ago) const {
    return p.id_number + "," + p.name + ",城乡居民医保," + total + "," + out_of_pocket + "," +
           DaysAgo(days_ago) + "\n";
  }
  // One row matched with a warning (50,000 yuan in a stay), one matched, one unmatched, one
  // quarantined (a money cell that is no amount).
  std::string MixedCsv() const {
    return std::string(kHeader) + Row(people_[0], "50000", "50000", 3) +
           Row(people_[1], "100", "20", 4) + kStranger + ",外省人,城乡居民医保,100,20," +
           DaysAgo(5) + "\n" + people_[2].id_number + ",某人,城乡居民医保,abc,20," + DaysAgo(5) +
           "\n";
  }

  httplib::Headers HeadersOf(Role role) {
    auto it = sessions_.find(role);
    if (it == sessions_.end()) it = sessions_.emplace(role, h_->Login(h_->User(role))).first;
    return ServerHarness::Headers(it->second);
  }
  httplib::Result Get(Role role, const std::string& path) {
    return h_->Client().Get(path, HeadersOf(role));
  }
  httplib::Result Upload(Role role, const std::string& content,
                         const std::string& file_name = "medical.csv",
                         httplib::MultipartFormDataItems extra = {}) {
    httplib::MultipartFormDataItems items = {{"file", content, file_name, "text/csv"}};
    items.insert(items.end(), extra.begin(), extra.end());
    return h_->Client().Post(kUploads, HeadersOf(role), items);
  }
  // Uploads the mixed file as the county officer; its report.
  json UploadMixed() {
    auto res = Upload(Role::kCounty, MixedCsv());
    EXPECT_TRUE(res);
    if (!res) return nullptr;
    EXPECT_EQ(res->status, 201) << res->body;
    return BodyJson(res);
  }
  std::vector<access::AuditEntry> Audit(const std::string& action) {
    return h_->AuditEntries(action);
  }

  std::unique_ptr<ServerHarness> h_;
  std::map<Role, Session> sessions_;
  std::vector<Person> people_;
};

TEST_F(SourcesRoutesTest, SourcesListEveryContractWithItsHealth) {
  auto res = Get(Role::kDepartment, "/api/v1/sources");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const json body = BodyJson(res);
  ASSERT_TRUE(body["items"].is_array());
  EXPECT_GE(body["items"].size(), 10u);
  bool found = false;
  for (const json& s : body["items"]) {
    EXPECT_EQ(s["health"], "never");
    EXPECT_TRUE(s["last_upload"].is_null());
    if (s["name"] == "medical_insurance") {
      found = true;
      EXPECT_EQ(s["title"], "医保个人自付医疗费用");
      EXPECT_EQ(s["department"], "医疗保障局");
      EXPECT_EQ(s["frequency"], "monthly");
    }
  }
  EXPECT_TRUE(found);

  UploadMixed();
  const json after = BodyJson(Get(Role::kCounty, "/api/v1/sources"));
  for (const json& s : after["items"]) {
    if (s["name"] != "medical_insurance") continue;
    EXPECT_EQ(s["health"], "ok");
    EXPECT_EQ(s["uploads"], 1);
    EXPECT_EQ(s["days_since_last_upload"], 0);
    EXPECT_EQ(s["last_upload"]["read"], 4);
    EXPECT_EQ(s["last_upload"]["file"], "medical.csv");
  }
}

TEST_F(SourcesRoutesTest, ASourceShowsItsContract) {
  auto res = Get(Role::kTownship, "/api/v1/sources/medical_insurance");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const json c = BodyJson(res);
  EXPECT_EQ(c["key"], "id_number");
  EXPECT_EQ(c["event_date"], "settled_on");
  EXPECT_EQ(c["late_after_days"], 35);
  ASSERT_FALSE(c["columns"].empty());
  EXPECT_EQ(c["columns"][0]["header"], "身份证号");
  EXPECT_EQ(c["columns"][0]["type"], "id_number");
  EXPECT_EQ(c["columns"][0]["required"], true);
  EXPECT_FALSE(c["columns"][0]["aliases"].empty());
  ASSERT_FALSE(c["warnings"].empty());
  EXPECT_EQ(c["warnings"][0]["type"], "unstable_lifted");
  EXPECT_FALSE(c["facts"].empty());
  EXPECT_EQ(c["updates"][0]["field"], "member.med_insured");

  auto unknown = Get(Role::kTownship, "/api/v1/sources/nope");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  EXPECT_EQ(ErrorCode(unknown), "NOT_FOUND");
}

TEST_F(SourcesRoutesTest, AnUploadAnswersWithItsReport) {
  const json r = UploadMixed();
  ASSERT_TRUE(r.is_object());
  EXPECT_EQ(r["duplicate"], false);
  EXPECT_EQ(r["read"], 4);
  EXPECT_EQ(r["accepted"], 2);
  EXPECT_EQ(r["quarantined"], 1);
  EXPECT_EQ(r["unmatched"], 1);
  EXPECT_EQ(r["warnings"], 1);
  EXPECT_EQ(r["quarantined_by_rule"]["money.format"], 1);
  ASSERT_EQ(r["issues"].size(), 1u);
  EXPECT_EQ(r["issues"][0]["rule"], "money.format");
  EXPECT_EQ(r["leads"]["opened"], 1);
  ASSERT_EQ(r["new_warnings"].size(), 1u);
  EXPECT_EQ(r["new_warnings"][0]["person"], MaskIdNumber(people_[0].id_number));
  EXPECT_EQ(r["new_warnings"][0]["household_id"], "A01");
  EXPECT_EQ(r["new_warnings"][0]["type"], "sudden_hardship");

  const auto audit = Audit("source.upload");
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].user, h_->User(Role::kCounty).username);
  EXPECT_EQ(audit[0].subject, "upload:" + std::to_string(r["upload_id"].get<int64_t>()));

  auto list = Get(Role::kCounty, kUploads);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->status, 200) << list->body;
  const json page = BodyJson(list);
  EXPECT_EQ(page["total"], 1);
  EXPECT_EQ(page["limit"], 50);
  ASSERT_EQ(page["items"].size(), 1u);
  EXPECT_EQ(page["items"][0]["upload_id"], r["upload_id"]);
  EXPECT_EQ(page["items"][0]["user"], h_->User(Role::kCounty).username);
  EXPECT_EQ(page["items"][0]["region_code"], h_->User(Role::kCounty).scope);
}

TEST_F(SourcesRoutesTest, TheSameFileAgainIsTheSameReport) {
  const json first = UploadMixed();
  auto again = Upload(Role::kCounty, MixedCsv(), "again.csv");
  ASSERT_TRUE(again);
  ASSERT_EQ(again->status, 200) << again->body;
  const json r = BodyJson(again);
  EXPECT_EQ(r["duplicate"], true);
  EXPECT_EQ(r["upload_id"], first["upload_id"]);
  EXPECT_EQ(r["file"], "medical.csv");
  // The whole first report: its leads and findings too (stored after they were taken).
  for (const char* k :
       {"read", "accepted", "quarantined", "unmatched", "warnings", "issues", "quarantined_by_rule",
        "sha256", "leads", "findings", "header_row", "skipped_rows", "households_touched"}) {
    EXPECT_EQ(r[k], first[k]) << k;
  }
  EXPECT_EQ(r["leads"]["opened"], 1);
  EXPECT_TRUE(r["new_warnings"].empty());
  EXPECT_EQ(BodyJson(Get(Role::kCounty, kUploads))["total"], 1);
}

TEST_F(SourcesRoutesTest, ATitleAboveTheHeaderIsSkippedAndReported) {
  auto res = Upload(Role::kCounty, "医保报销明细,,,,,\n" + MixedCsv());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  const json r = BodyJson(res);
  EXPECT_EQ(r["header_row"], 2);
  EXPECT_EQ(r["skipped_rows"], json::array({1}));
  EXPECT_NE(r["header_note"].get<std::string>().find("row 1 above it was skipped"),
            std::string::npos)
      << r["header_note"];
  EXPECT_EQ(r["read"], 4);
  ASSERT_EQ(r["issues"].size(), 1u);
  EXPECT_EQ(r["issues"][0]["row"], 6);  // the file's own line
}

TEST_F(SourcesRoutesTest, AnUploadShowsItsReportQuarantineAndUnmatchedRowsMasked) {
  const json r = UploadMixed();
  const std::string base = "/api/v1/uploads/" + std::to_string(r["upload_id"].get<int64_t>());
  const std::string bad_id = people_[2].id_number;

  auto detail = Get(Role::kCounty, base);
  ASSERT_TRUE(detail);
  ASSERT_EQ(detail->status, 200) << detail->body;
  const json d = BodyJson(detail);
  EXPECT_EQ(d["upload"]["read"], 4);
  EXPECT_EQ(d["rows_visible"], true);
  EXPECT_EQ(d["report"]["quarantined"], 1);
  ASSERT_EQ(d["warnings"].size(), 1u);
  EXPECT_EQ(d["warnings"][0]["person"], MaskIdNumber(people_[0].id_number));
  EXPECT_GT(d["warnings"][0]["lead"]["case_id"].get<int64_t>(), 0);
  EXPECT_EQ(detail->body.find(people_[0].id_number), std::string::npos);
  EXPECT_EQ(Audit("upload.read").size(), 1u);

  auto quarantine = Get(Role::kCounty, base + "/quarantine");
  ASSERT_TRUE(quarantine);
  ASSERT_EQ(quarantine->status, 200) << quarantine->body;
  const json q = BodyJson(quarantine);
  ASSERT_EQ(q["items"].size(), 1u);
  EXPECT_EQ(q["items"][0]["rule"], "money.format");
  EXPECT_EQ(q["items"][0]["value"], "abc");
  EXPECT_EQ(q["items"][0]["line"], 5);
  EXPECT_EQ(quarantine->body.find(bad_id), std::string::npos);
  EXPECT_NE(q["items"][0]["record"].get<std::string>().find(MaskIdNumber(bad_id)),
            std::string::npos);

  auto csv = Get(Role::kCounty, base + "/quarantine?format=csv");
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->status, 200) << csv->body;
  EXPECT_NE(csv->get_header_value("Content-Type").find("text/csv"), std::string::npos);
  EXPECT_NE(csv->get_header_value("Content-Disposition").find("attachment"), std::string::npos);
  EXPECT_NE(csv->body.find("money.format"), std::string::npos);
  EXPECT_EQ(csv->body.find(bad_id), std::string::npos);
  EXPECT_EQ(Audit("quarantine.download").size(), 2u);

  auto unmatched = Get(Role::kCounty, base + "/unmatched");
  ASSERT_TRUE(unmatched);
  ASSERT_EQ(unmatched->status, 200) << unmatched->body;
  const json u = BodyJson(unmatched);
  ASSERT_EQ(u["items"].size(), 1u);
  EXPECT_EQ(u["items"][0]["row"], 4);
  EXPECT_EQ(u["items"][0]["key"], MaskIdNumber(kStranger));
  EXPECT_EQ(u["items"][0]["values"]["name"], "外省人");
  EXPECT_EQ(unmatched->body.find(kStranger), std::string::npos);

  auto file = Get(Role::kCounty, base + "/file");
  ASSERT_TRUE(file);
  ASSERT_EQ(file->status, 200) << file->body;
  EXPECT_EQ(file->body, MixedCsv());
  EXPECT_NE(file->get_header_value("Content-Disposition").find("medical.csv"), std::string::npos);
  EXPECT_EQ(Audit("source.file").size(), 1u);
}

TEST_F(SourcesRoutesTest, RoutesNeedASession) {
  const json r = UploadMixed();
  const std::string base = "/api/v1/uploads/" + std::to_string(r["upload_id"].get<int64_t>());
  for (const std::string& path :
       {std::string("/api/v1/sources"), std::string("/api/v1/sources/medical_insurance"),
        std::string(kUploads), base, base + "/quarantine", base + "/unmatched", base + "/file",
        std::string("/api/v1/quality/sources"), std::string("/api/v1/quality/sources.xlsx")}) {
    auto res = h_->Client().Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 401) << path;
    EXPECT_EQ(ErrorCode(res), "UNAUTHENTICATED") << path;
  }
  httplib::MultipartFormDataItems items = {{"file", MixedCsv(), "m.csv", "text/csv"}};
  auto post = h_->Client().Post(kUploads, items);
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 401);
}

TEST_F(SourcesRoutesTest, RolesThatMayNotAreForbidden) {
  for (Role role : {Role::kVillage, Role::kTownship, Role::kAuditor, Role::kAdmin}) {
    auto res = Upload(role, MixedCsv());
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403) << access::RoleName(role) << res->body;
    EXPECT_EQ(ErrorCode(res), "PERMISSION_DENIED");
  }
  const json r = UploadMixed();
  const std::string base = "/api/v1/uploads/" + std::to_string(r["upload_id"].get<int64_t>());
  const std::vector<std::pair<Role, std::string>> denied = {
      {Role::kVillage, "/api/v1/sources"},
      {Role::kAdmin, "/api/v1/sources/medical_insurance"},
      {Role::kVillage, kUploads},
      {Role::kVillage, base},
      {Role::kVillage, base + "/quarantine"},
      {Role::kDepartment, base + "/file"},
      {Role::kAuditor, base + "/file"},
      {Role::kTownship, "/api/v1/quality/sources"},
      {Role::kVillage, "/api/v1/quality/sources.xlsx"},
      // The county's upload lies outside the township's scope: its rows are not theirs.
      {Role::kTownship, base + "/quarantine"},
      {Role::kTownship, base + "/unmatched"},
  };
  for (const auto& [role, path] : denied) {
    auto res = Get(role, path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 403) << access::RoleName(role) << " " << path << ": " << res->body;
    EXPECT_EQ(ErrorCode(res), "PERMISSION_DENIED") << path;
  }
  // The township sees the county's upload, without its rows.
  auto township = Get(Role::kTownship, base);
  ASSERT_TRUE(township);
  ASSERT_EQ(township->status, 200) << township->body;
  EXPECT_EQ(BodyJson(township)["rows_visible"], false);
  EXPECT_TRUE(BodyJson(township)["report"]["issues"].empty());
  // The department (scope 63) reads them.
  auto department = Get(Role::kDepartment, base + "/quarantine");
  ASSERT_TRUE(department);
  EXPECT_EQ(department->status, 200) << department->body;
}

TEST_F(SourcesRoutesTest, BadRequestsAreFourHundreds) {
  // A file that cannot be read: the reason, naming the file, and nothing written.
  auto unreadable = Upload(Role::kCounty, "姓名,金额\n张三,1\n", "wrong.csv");
  ASSERT_TRUE(unreadable);
  EXPECT_EQ(unreadable->status, 400);
  EXPECT_EQ(ErrorCode(unreadable), "INVALID_ARGUMENT");
  const std::string message = BodyJson(unreadable)["error"]["message"];
  EXPECT_NE(message.find("wrong.csv"), std::string::npos) << message;
  EXPECT_NE(message.find("身份证号"), std::string::npos) << message;
  auto broken = Upload(Role::kCounty, std::string("PK\x03\x04 no zip at all", 18), "m.xlsx");
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->status, 400) << broken->body;
  EXPECT_EQ(BodyJson(Get(Role::kCounty, kUploads))["total"], 0);

  auto encoding = Upload(Role::kCounty, MixedCsv(), "m.csv", {{"encoding", "latin1", "", ""}});
  ASSERT_TRUE(encoding);
  EXPECT_EQ(encoding->status, 400);
  EXPECT_NE(encoding->body.find("encoding"), std::string::npos);
  httplib::MultipartFormDataItems wrong_field = {{"upload", MixedCsv(), "m.csv", "text/csv"}};
  auto no_file = h_->Client().Post(kUploads, HeadersOf(Role::kCounty), wrong_field);
  ASSERT_TRUE(no_file);
  EXPECT_EQ(no_file->status, 400);
  EXPECT_NE(no_file->body.find("'file'"), std::string::npos);
  auto unknown_source =
      h_->Client().Post("/api/v1/sources/nope/uploads", HeadersOf(Role::kCounty),
                        httplib::MultipartFormDataItems{{"file", MixedCsv(), "m.csv", "text/csv"}});
  ASSERT_TRUE(unknown_source);
  EXPECT_EQ(unknown_source->status, 404);

  for (const std::string& path :
       {std::string("/api/v1/uploads/abc"), std::string("/api/v1/uploads/0/quarantine"),
        std::string(kUploads) + "?limit=0", std::string("/api/v1/quality/sources?months=0"),
        std::string("/api/v1/quality/sources?months=61"),
        std::string("/api/v1/quality/sources.xlsx?months=x")}) {
    auto res = Get(Role::kCounty, path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 400) << path << ": " << res->body;
    EXPECT_EQ(ErrorCode(res), "INVALID_ARGUMENT") << path;
  }
  const json r = UploadMixed();
  auto format =
      Get(Role::kCounty, "/api/v1/uploads/" + std::to_string(r["upload_id"].get<int64_t>()) +
                             "/quarantine?format=xml");
  ASSERT_TRUE(format);
  EXPECT_EQ(format->status, 400);
  auto missing = Get(Role::kCounty, "/api/v1/uploads/999");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
}

TEST_F(SourcesRoutesTest, AnXlsxSheetAndAnEncodingAreTaken) {
  ingest::Sheet cover;
  cover.name = "说明";
  cover.rows = {{"医保结算明细"}};
  ingest::Sheet rows;
  rows.name = "结算明细";
  rows.rows = {{"身份证号", "姓名", "医疗费用总额（元）", "个人自付金额（元）", "结算日期"},
               {people_[1].id_number, people_[1].name, "300", "30", DaysAgo(2)}};
  auto xlsx = ingest::WriteXlsx({cover, rows});
  ASSERT_TRUE(xlsx.ok());
  // A sheet the workbook lacks: 400 naming the sheets (the same bytes are not a duplicate).
  auto missing = Upload(Role::kDepartment, *xlsx, "m.xlsx", {{"sheet", "没有", "", ""}});
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 400) << missing->body;
  EXPECT_NE(missing->body.find("结算明细"), std::string::npos) << missing->body;
  auto res = Upload(Role::kDepartment, *xlsx, "m.xlsx", {{"sheet", "结算明细", "", ""}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  EXPECT_EQ(BodyJson(res)["format"], "xlsx");
  EXPECT_EQ(BodyJson(res)["sheet"], "结算明细");
  EXPECT_EQ(BodyJson(res)["accepted"], 1);

  auto csv = Upload(Role::kDepartment, MixedCsv(), "m.csv", {{"encoding", "utf-8", "", ""}});
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->status, 201) << csv->body;
  EXPECT_EQ(BodyJson(csv)["encoding"], "utf-8");
}

TEST_F(SourcesRoutesTest, QualityFiguresAndTheirWorkbook) {
  UploadMixed();
  auto res = Get(Role::kAuditor, "/api/v1/quality/sources?months=2");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const json q = BodyJson(res);
  EXPECT_EQ(q["months"], 2);
  ASSERT_EQ(q["items"].size(), 2u);  // one source, two months
  const json& now = q["items"][1];
  EXPECT_EQ(now["source"], "medical_insurance");
  EXPECT_EQ(now["uploads"], 1);
  EXPECT_EQ(now["read"], 4);
  EXPECT_DOUBLE_EQ(now["validity"].get<double>(), 0.75);
  EXPECT_DOUBLE_EQ(now["match_rate"].get<double>(), 2.0 / 3.0);
  EXPECT_EQ(now["completeness"], 0.0);  // no optional column in the file
  EXPECT_DOUBLE_EQ(now["timeliness_median_days"].get<double>(), 3.5);
  EXPECT_EQ(now["warnings"], 1);
  EXPECT_EQ(now["warnings_confirmed"], 0);
  EXPECT_TRUE(q["items"][0]["validity"].is_null());
  ASSERT_EQ(q["uploads"].size(), 1u);
  EXPECT_EQ(q["uploads"][0]["quarantined_by_rule"]["money.format"], 1);
  EXPECT_EQ(BodyJson(Get(Role::kCounty, "/api/v1/quality/sources"))["months"], 12);

  auto xlsx = Get(Role::kCounty, "/api/v1/quality/sources.xlsx?months=3");
  ASSERT_TRUE(xlsx);
  ASSERT_EQ(xlsx->status, 200) << xlsx->body;
  EXPECT_NE(xlsx->get_header_value("Content-Type").find("spreadsheetml"), std::string::npos);
  EXPECT_EQ(xlsx->body.substr(0, 2), "PK");
  EXPECT_EQ(Audit("quality.export").size(), 1u);
}

}  // namespace
}  // namespace xianjie::server::testing
