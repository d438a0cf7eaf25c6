// GET /api/v1/notices/:village over a real socket: a household full of sensitive data, its case
// taken to public_notice, and the notice as JSON, HTML and XLSX (unzipped) — the allowed fields
// there, none of the others; content types, the download name, the CSP; bad format and code.
#include <gtest/gtest.h>
#include <zip.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/date.h"
#include "cases/notice_privacy.h"
#include "cases/workflow.h"
#include "server/server_harness.h"
#include "service/cases.h"

namespace xianjie::server::testing {
namespace {

using access::Role;

std::string Noon(int day) {
  const CivilDate d = CivilDate::FromDays(CivilDate::FromYmd(2026, 12, 1).ToDays() + day);
  return d.ToString() + "T04:00:00Z";
}

std::map<std::string, std::string> Unzip(const std::string& bytes) {
  std::map<std::string, std::string> parts;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = source == nullptr ? nullptr : zip_open_from_source(source, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (archive == nullptr) {
    if (source != nullptr) zip_source_free(source);
    ADD_FAILURE() << "the workbook is not a zip archive";
    return parts;
  }
  for (zip_int64_t i = 0; i < zip_get_num_entries(archive, 0); ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &st) != 0) continue;
    zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
    if (file == nullptr) continue;
    std::string content(static_cast<size_t>(st.size), '\0');
    EXPECT_EQ(zip_fread(file, content.data(), st.size), static_cast<zip_int64_t>(st.size));
    zip_fclose(file);
    parts[st.name] = std::move(content);
  }
  zip_close(archive);
  return parts;
}

class NoticeRoutesTest : public ::testing::Test {
 protected:
  // A sensitive household of village A with its case in the notice from 2026-12-04.
  static void SetUpTestSuite() {
    h_ = new ServerHarness();
    if (!h_->ok()) return;
    household_ = new registry::HouseholdRecord(cases::testing::SensitiveHousehold(
        "NOTICE-PRIVATE-1", ServerHarness::kInVillage, "公示户主丙", 6));
    service::testing::Commit(h_->database(), {*household_});
    ASSERT_TRUE(h_->workspace().Refresh().ok());
    given_ = new std::vector<cases::Fields>();
    cases::Actor system;
    system.principal.username = "system";
    system.system = true;
    cases::Applied opened =
        cases::OpenCase(cases::CaseKind::kIdentification, "NOTICE-PRIVATE-1",
                        ServerHarness::kInVillage, cases::Channel::kCadreVisit, system, Noon(0),
                        {{"proposed_type", "unstable_lifted"}, {"proposed_risks", "R02;R11"}});
    cases::Lead lead;
    lead.household_id = "NOTICE-PRIVATE-1";
    lead.channel = cases::Channel::kCadreVisit;
    lead.source = "visit:cadre:notice";
    lead.at = Noon(0);
    auto ids = h_->database().OpenCases({cases::NewCase{opened.next, opened.record, lead}});
    ASSERT_TRUE(ids.ok()) << ids.status().ToString();
    const int64_t id = ids->front();
    const access::Principal cadre{"cadre", Role::kVillage, ServerHarness::kInVillage};
    const access::Principal county{"county", Role::kCounty, "630102"};
    auto act = [&](const access::Principal& who, const std::string& event,
                   const cases::Fields& fields, int day) {
      service::CaseAction action;
      action.event = event;
      action.fields = fields;
      auto after = service::ActOnCase(h_->workspace(), who, id, action, Noon(day));
      ASSERT_TRUE(after.ok()) << event << ": " << after.status().ToString();
      given_->push_back(fields);
    };
    act(cadre, "apply", cases::testing::SensitiveApplication(), 0);
    act(cadre, "record_home_visit", cases::testing::SensitiveHomeVisit(6), 1);
    act(county, "record_comparison", cases::testing::SensitiveComparison(), 2);
    act(cadre, "record_appraisal",
        cases::testing::SensitiveAppraisal(CivilDate::FromYmd(2026, 12, 4)), 3);
  }
  static void TearDownTestSuite() {
    delete h_;
    delete household_;
    delete given_;
    h_ = nullptr;
  }
  void SetUp() override { ASSERT_TRUE(h_ != nullptr && h_->ok()); }

  httplib::Result Get(Role role, const std::string& path) {
    const Session session = h_->Login(h_->User(role));
    return h_->Client().Get(path, ServerHarness::Headers(session));
  }
  static std::vector<std::string> Secrets() {
    std::vector<std::string> secrets = cases::testing::SecretsOf(*household_);
    for (const cases::Fields& f : *given_) {
      for (std::string& s : cases::testing::SecretsOf(f)) secrets.push_back(std::move(s));
    }
    return secrets;
  }
  static std::string Path(const std::string& format) {
    return std::string("/api/v1/notices/") + ServerHarness::kInVillage + "?format=" + format;
  }

  static ServerHarness* h_;
  static registry::HouseholdRecord* household_;
  static std::vector<cases::Fields>* given_;
};
ServerHarness* NoticeRoutesTest::h_ = nullptr;
registry::HouseholdRecord* NoticeRoutesTest::household_ = nullptr;
std::vector<cases::Fields>* NoticeRoutesTest::given_ = nullptr;

TEST_F(NoticeRoutesTest, JsonHasTheAllowedFieldsOnly) {
  auto res = Get(Role::kVillage, std::string("/api/v1/notices/") + ServerHarness::kInVillage);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  cases::testing::ExpectNoSecrets(res->body, Secrets(), "the notice JSON");
  const nlohmann::json body = BodyJson(res);
  EXPECT_EQ(body["village"]["code"], ServerHarness::kInVillage);
  EXPECT_EQ(body["village"]["name"], "北关社区居民委员会");
  EXPECT_TRUE(ParseDate(body["date"].get<std::string>()).ok()) << body["date"];
  ASSERT_EQ(body["items"].size(), 1u) << body.dump();
  const nlohmann::json& item = body["items"][0];
  EXPECT_EQ(item["kind"], "identification");
  EXPECT_EQ(item["head_name"], "公示户主丙");
  EXPECT_EQ(item["household_size"], 3);
  EXPECT_EQ(item["type"], "unstable_lifted");
  EXPECT_EQ(item["risks"], nlohmann::json({"R02", "R11"}));
  EXPECT_EQ(item["notice_start"], "2026-12-04");
  EXPECT_EQ(item["notice_end"], "2026-12-09");
  std::set<std::string> keys;
  for (const auto& [key, value] : item.items()) keys.insert(key);
  EXPECT_EQ(keys, (std::set<std::string>{"case_id", "kind", "head_name", "household_size", "type",
                                         "risks", "notice_start", "notice_end"}));
}

TEST_F(NoticeRoutesTest, HtmlIsAPrintablePageUnderTheCsp) {
  auto res = Get(Role::kTownship, Path("html"));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(res->get_header_value("Content-Security-Policy").find("default-src 'self'"),
            std::string::npos);
  cases::testing::ExpectNoSecrets(res->body, Secrets(), "the notice page");
  for (const char* shown : {"<!DOCTYPE html>", "公示户主丙", "北关社区居民委员会", "3人",
                            "脱贫不稳定户", "因学、饮水安全问题", "2026年12月4日至2026年12月9日",
                            "如有异议，请在公示期内向村委会或乡镇反映"}) {
    EXPECT_NE(res->body.find(shown), std::string::npos) << shown;
  }
  EXPECT_EQ(res->body.find("<script"), std::string::npos);
}

TEST_F(NoticeRoutesTest, XlsxIsAWorkbookDownload) {
  auto res = Get(Role::kCounty, Path("xlsx"));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const std::string disposition = res->get_header_value("Content-Disposition");
  EXPECT_TRUE(disposition.starts_with("attachment;")) << disposition;
  // 公示-630102001001.xlsx (percent-encoded on the wire; httplib's client decodes it).
  EXPECT_NE(disposition.find("filename*=UTF-8''公示-630102001001.xlsx"), std::string::npos)
      << disposition;
  // Clients without filename* get the name's ASCII, not a row of underscores.
  EXPECT_NE(disposition.find("filename=\"630102001001.xlsx\""), std::string::npos) << disposition;
  const auto parts = Unzip(res->body);
  ASSERT_TRUE(parts.count("xl/worksheets/sheet1.xml") > 0);
  std::string all_xml;
  for (const auto& [name, content] : parts) all_xml += content;
  cases::testing::ExpectNoSecrets(all_xml, Secrets(), "the notice workbook");
  const std::string& sheet = parts.at("xl/worksheets/sheet1.xml");
  for (const char* shown :
       {">公示户主丙<", ">北关社区居民委员会<", ">3<", ">脱贫不稳定户<", ">因学、饮水安全问题<",
        ">2026-12-04<", ">2026-12-09<", ">纳入监测对象公示<"}) {
    EXPECT_NE(sheet.find(shown), std::string::npos) << shown;
  }
}

TEST_F(NoticeRoutesTest, BadFormatAndVillageCodeAre400) {
  auto pdf = Get(Role::kVillage, Path("pdf"));
  ASSERT_TRUE(pdf);
  EXPECT_EQ(pdf->status, 400);
  EXPECT_EQ(ErrorCode(pdf), "INVALID_ARGUMENT");
  EXPECT_NE(pdf->body.find("format"), std::string::npos);
  auto township = Get(Role::kTownship, "/api/v1/notices/630102001");
  ASSERT_TRUE(township);
  EXPECT_EQ(township->status, 400);
  EXPECT_EQ(ErrorCode(township), "INVALID_ARGUMENT");
}

TEST_F(NoticeRoutesTest, OutsideTheScopeIsForbiddenAndWithoutSessionUnauthenticated) {
  auto outside = Get(Role::kVillage, "/api/v1/notices/" + h_->out_village);
  ASSERT_TRUE(outside);
  EXPECT_EQ(outside->status, 403);
  auto anonymous = h_->Client().Get(Path("json"));
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
}

}  // namespace
}  // namespace xianjie::server::testing
