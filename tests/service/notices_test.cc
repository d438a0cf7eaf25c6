// A village's public notice through the service (service/notices.h): households full of
// sensitive data are committed to the registry and their cases taken through ActOnCase to
// public_notice; the notice's rows, page and workbook (unzipped) show the head, the village, the
// size, the type and risks and the period, and none of the values a notice must not show.
// Scope, the village code check, and no audit entry.
#include "service/notices.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <map>
#include <string>
#include <vector>

#include "cases/notice_privacy.h"
#include "cases/workflow.h"
#include "service/cases.h"
#include "service/service_test_support.h"

namespace xianjie::service {
namespace {

using access::Role;
using testing::Event;
using testing::kVillageA;
using testing::kVillageB;
using testing::Noon;
using testing::Officer;
using testing::World;

// China's date of Noon(day).
CivilDate DayOf(int day) {
  return CivilDate::FromDays(CivilDate::FromYmd(2026, 12, 1).ToDays() + day);
}

// The archive's entries by name.
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

// The world of the service tests plus households full of sensitive data: PRIVATE-HH-1
// (identification, in notice), -2 (monitored, then an elimination case in notice), -3 (a lead
// only) in village A; -4 in village B, in B's notice.
struct NoticeWorld {
  World w;
  std::vector<registry::HouseholdRecord> households;
  std::vector<cases::Fields> given;  // the fields of every event taken
  int64_t identification = 0, elimination = 0;
};

int64_t OpenIdentification(World& w, const std::string& household, const std::string& village,
                           const std::string& type, const std::string& risks, int day) {
  cases::Actor system;
  system.principal.username = "system";
  system.system = true;
  cases::Applied opened = cases::OpenCase(cases::CaseKind::kIdentification, household, village,
                                          cases::Channel::kCadreVisit, system, Noon(day),
                                          {{"proposed_type", type}, {"proposed_risks", risks}});
  cases::Lead lead;
  lead.household_id = household;
  lead.channel = cases::Channel::kCadreVisit;
  lead.source = "visit:cadre:" + household;
  lead.at = Noon(day);
  lead.note = "村干部走访：户主手机13712345678";
  auto ids = w.db->OpenCases({cases::NewCase{opened.next, opened.record, lead}});
  EXPECT_TRUE(ids.ok() && ids->size() == 1) << ids.status().ToString();
  return ids.ok() && !ids->empty() ? ids->front() : 0;
}

// Takes the event; it must be accepted. Its fields are secrets unless `shown` (the approval's
// type and risks are what a notice shows).
void Act(NoticeWorld& n, const access::Principal& who, int64_t id, const CaseAction& action,
         int day, bool shown = false) {
  auto after = ActOnCase(*n.w.ws, who, id, action, Noon(day));
  ASSERT_TRUE(after.ok()) << action.event << ": " << after.status().ToString();
  if (!shown) n.given.push_back(action.fields);
}

// From a lead to the public notice, which opens on `day` + 3.
void ToNotice(NoticeWorld& n, int64_t id, const std::string& village, int seed, int day) {
  const access::Principal cadre = Officer(Role::kVillage, village, "cadre");
  const access::Principal county = Officer(Role::kCounty, village.substr(0, 6), "county");
  Act(n, cadre, id, Event("apply", cases::testing::SensitiveApplication()), day);
  Act(n, cadre, id, Event("record_home_visit", cases::testing::SensitiveHomeVisit(seed)), day + 1);
  Act(n, county, id, Event("record_comparison", cases::testing::SensitiveComparison()), day + 2);
  Act(n, cadre, id, Event("comment", {}, "低保存折放在村会计处，电话13800138000"), day + 3);
  Act(n, cadre, id, Event("record_appraisal", cases::testing::SensitiveAppraisal(DayOf(day + 3))),
      day + 3);
}

NoticeWorld MakeNoticeWorld() {
  NoticeWorld n;
  n.w = testing::MakeWorld();
  n.households = {
      cases::testing::SensitiveHousehold("PRIVATE-HH-1", kVillageA, "公示户主甲", 1),
      cases::testing::SensitiveHousehold("PRIVATE-HH-2", kVillageA, "公示户主乙", 2),
      cases::testing::SensitiveHousehold("PRIVATE-HH-3", kVillageA, "未公示户主", 3),
      cases::testing::SensitiveHousehold("PRIVATE-HH-4", kVillageB, "别村户主", 4),
  };
  testing::Commit(*n.w.db, n.households);
  EXPECT_TRUE(n.w.ws->Refresh().ok());
  const access::Principal cadre = Officer(Role::kVillage, kVillageA, "cadre");

  // P2: identified and approved (an episode opens), then proposed for elimination.
  const int64_t p2 = OpenIdentification(n.w, "PRIVATE-HH-2", kVillageA, "marginal", "R03;R08", 0);
  ToNotice(n, p2, kVillageA, 2, 0);
  Act(n, cadre, p2, Event("close_notice"), 8);
  Act(n, Officer(Role::kTownship, "630102001", "township"), p2, Event("township_approve"), 9);
  Act(n, Officer(Role::kCounty, "630102", "county"), p2,
      Event("county_approve", {{"type", "marginal"}, {"risks", "R03;R08"}}), 10, /*shown=*/true);
  auto episodes = n.w.db->EpisodesOf("PRIVATE-HH-2");
  EXPECT_TRUE(episodes.ok() && episodes->size() == 1);
  cases::Actor system;
  system.principal.username = "system";
  system.system = true;
  // The elimination case names the episode only: its type and risks come from there.
  cases::Applied elim = cases::OpenCase(
      cases::CaseKind::kElimination, "PRIVATE-HH-2", kVillageA, cases::Channel::kDepartmentWarning,
      system, Noon(11), {{"episode_id", std::to_string(episodes.ok() ? episodes->front().id : 0)}});
  cases::Lead lead;
  lead.household_id = "PRIVATE-HH-2";
  lead.source = "elimination:P2";
  lead.at = Noon(11);
  auto ids = n.w.db->OpenCases({cases::NewCase{elim.next, elim.record, lead}});
  EXPECT_TRUE(ids.ok()) << ids.status().ToString();
  n.elimination = ids.ok() ? ids->front() : 0;
  Act(n, cadre, n.elimination, Event("record_home_visit", cases::testing::SensitiveHomeVisit(5)),
      12);
  Act(n, cadre, n.elimination,
      Event("record_appraisal", cases::testing::SensitiveAppraisal(DayOf(13))), 13);

  // P1: identification, in notice from day 14.
  n.identification =
      OpenIdentification(n.w, "PRIVATE-HH-1", kVillageA, "sudden_hardship", "R01;R09", 11);
  ToNotice(n, n.identification, kVillageA, 1, 11);
  // P3: a lead only. P4: in the notice of village B.
  OpenIdentification(n.w, "PRIVATE-HH-3", kVillageA, "marginal", "R07", 11);
  ToNotice(n, OpenIdentification(n.w, "PRIVATE-HH-4", kVillageB, "marginal", "R02", 11), kVillageB,
           4, 11);
  return n;
}

std::vector<std::string> AllSecrets(const NoticeWorld& n) {
  std::vector<std::string> secrets;
  for (const auto& r : n.households) {
    for (std::string& s : cases::testing::SecretsOf(r)) secrets.push_back(std::move(s));
  }
  for (const cases::Fields& f : n.given) {
    for (std::string& s : cases::testing::SecretsOf(f)) secrets.push_back(std::move(s));
  }
  for (const char* s : {"13800138000", "13712345678", "低保存折", "未公示户主", "别村户主",
                        "PRIVATE-HH-1", "PRIVATE-HH-2", "PRIVATE-HH-3", "PRIVATE-HH-4"}) {
    secrets.emplace_back(s);
  }
  return secrets;
}

// The fields a notice shows, for village A on day 14.
const char* const kShown[] = {"公示户主甲",
                              "公示户主乙",
                              "北关社区居民委员会",
                              "突发严重困难户",
                              "因病、住房出现安全问题",
                              "边缘易致贫户",
                              "因残、缺劳动力",
                              "纳入监测对象公示",
                              "风险消除公示"};

TEST(VillageNotice, RowsOfTheVillagesCasesInNotice) {
  NoticeWorld n = MakeNoticeWorld();
  auto notice = VillageNotice(*n.w.ws, Officer(Role::kVillage, kVillageA), kVillageA, DayOf(14));
  ASSERT_TRUE(notice.ok()) << notice.status().ToString();
  EXPECT_EQ(notice->village_code, kVillageA);
  EXPECT_EQ(notice->village_name, "北关社区居民委员会");
  EXPECT_EQ(notice->date, DayOf(14));
  ASSERT_EQ(notice->rows.size(), 2u);
  const cases::NoticeRow& id = notice->rows[0];
  EXPECT_EQ(id.case_id, n.identification);
  EXPECT_EQ(id.kind, cases::CaseKind::kIdentification);
  EXPECT_EQ(id.head_name, "公示户主甲");
  EXPECT_EQ(id.household_size, 3);
  EXPECT_EQ(id.type, "sudden_hardship");
  EXPECT_EQ(id.risks, (std::vector<std::string>{"R01", "R09"}));
  EXPECT_EQ(id.notice_start, DayOf(14));
  EXPECT_EQ(id.notice_end, DayOf(19));
  const cases::NoticeRow& elim = notice->rows[1];
  EXPECT_EQ(elim.case_id, n.elimination);
  EXPECT_EQ(elim.kind, cases::CaseKind::kElimination);
  EXPECT_EQ(elim.head_name, "公示户主乙");
  EXPECT_EQ(elim.type, "marginal");  // the episode's
  EXPECT_EQ(elim.risks, (std::vector<std::string>{"R03", "R08"}));
  EXPECT_EQ(elim.notice_start, DayOf(13));

  // Village B's notice has its own household only.
  auto b = VillageNotice(*n.w.ws, Officer(Role::kTownship, "630102001"), kVillageB, DayOf(14));
  ASSERT_TRUE(b.ok());
  ASSERT_EQ(b->rows.size(), 1u);
  EXPECT_EQ(b->rows[0].head_name, "别村户主");
}

TEST(VillageNotice, PageAndWorkbookShowNothingTheLawForbids) {
  NoticeWorld n = MakeNoticeWorld();
  auto notice = VillageNotice(*n.w.ws, Officer(Role::kCounty, "630102"), kVillageA, DayOf(14));
  ASSERT_TRUE(notice.ok()) << notice.status().ToString();
  const std::vector<std::string> secrets = AllSecrets(n);

  const std::string html = NoticeHtml(*notice);
  cases::testing::ExpectNoSecrets(html, secrets, "the notice page");
  for (const char* shown : kShown) EXPECT_NE(html.find(shown), std::string::npos) << shown;
  EXPECT_NE(html.find("3人"), std::string::npos);
  EXPECT_NE(html.find("2026年12月15日至2026年12月20日"), std::string::npos);

  auto xlsx = NoticeXlsx(*notice);
  ASSERT_TRUE(xlsx.ok()) << xlsx.status().ToString();
  const auto parts = Unzip(*xlsx);
  ASSERT_TRUE(parts.count("xl/worksheets/sheet1.xml") > 0);
  std::string all_xml;
  for (const auto& [name, content] : parts) all_xml += content;
  cases::testing::ExpectNoSecrets(all_xml, secrets, "the notice workbook");
  const std::string& sheet = parts.at("xl/worksheets/sheet1.xml");
  for (const char* shown : kShown) EXPECT_NE(sheet.find(shown), std::string::npos) << shown;
  for (const char* cell :
       {">户主姓名<", ">家庭人口<", ">风险类型<", ">3<", ">2026-12-15<", ">2026-12-20<"}) {
    EXPECT_NE(sheet.find(cell), std::string::npos) << cell;
  }
  EXPECT_NE(parts.at("xl/workbook.xml").find("name=\"公示\""), std::string::npos);
  EXPECT_EQ(NoticeXlsxFilename(*notice), "公示-630102001001.xlsx");
}

TEST(VillageNotice, ScopeAndTheVillageCode) {
  NoticeWorld n = MakeNoticeWorld();
  const CivilDate today = DayOf(14);
  EXPECT_EQ(
      VillageNotice(*n.w.ws, Officer(Role::kVillage, kVillageB), kVillageA, today).status().code(),
      StatusCode::kPermissionDenied);
  EXPECT_EQ(VillageNotice(*n.w.ws, Officer(Role::kAdmin, "63"), kVillageA, today).status().code(),
            StatusCode::kPermissionDenied);
  for (const char* bad : {"630102001", "63010200100", "6301020010011", "63010200100x", ""}) {
    EXPECT_EQ(VillageNotice(*n.w.ws, Officer(Role::kProvince, "63"), bad, today).status().code(),
              StatusCode::kInvalidArgument)
        << bad;
  }
  for (Role role : {Role::kProvince, Role::kDepartment, Role::kAuditor}) {
    EXPECT_TRUE(VillageNotice(*n.w.ws, Officer(role, "63"), kVillageA, today).ok())
        << access::RoleName(role);
  }
  // A village without cases in notice has an empty notice.
  auto empty = VillageNotice(*n.w.ws, Officer(Role::kProvince, "63"), testing::kVillageC, today);
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->rows.empty());
}

TEST(VillageNotice, IsNotAudited) {
  NoticeWorld n = MakeNoticeWorld();
  auto count = [&] {
    int64_t entries = 0;
    EXPECT_TRUE(n.w.db
                    ->ForEach([&](const access::AuditEntry&) {
                      ++entries;
                      return Status::Ok();
                    })
                    .ok());
    return entries;
  };
  const int64_t before = count();
  ASSERT_TRUE(
      VillageNotice(*n.w.ws, Officer(Role::kVillage, kVillageA), kVillageA, DayOf(14)).ok());
  EXPECT_EQ(count(), before);
}

}  // namespace
}  // namespace xianjie::service
