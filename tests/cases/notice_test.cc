// Public notices (cases/notice.h): households full of sensitive data are taken through Apply to
// public_notice, and their notice rows and printable page are searched for every value a notice
// must not show (DOMAIN.md §5.2); what it must show is there; only cases in the notice of the
// village appear; the page is escaped, self-contained and printable.
#include "cases/notice.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "cases/notice_privacy.h"
#include "cases/workflow.h"
#include "cases/workflow_fixtures.h"
#include "registry/snapshot.h"

namespace xianjie::cases {
namespace {

using access::Role;
using testing::At;
using testing::Day;
using testing::kOtherVillageCode;
using testing::kVillageCode;
using testing::Plus;
using testing::User;

constexpr char kVillageName[] = "隐私测试村委会";

// A village or county officer of `village`.
Actor Officer(Role role, const std::string& village) {
  Actor actor = User(role);
  actor.principal.scope = role == Role::kVillage ? village : village.substr(0, 6);
  return actor;
}

// Takes `event` on `c` (which must be accepted) and returns the case after it.
CaseRecord Take(const CaseRecord& c, EventType event, const Fields& fields, Role role, CivilDate on,
                std::vector<Fields>* given, const std::string& comment = "") {
  EventInput input;
  input.event = event;
  input.fields = fields;
  input.comment = comment;
  auto applied = Apply(c, input, Officer(role, c.village_code), At(on), WorkflowLimits{});
  EXPECT_TRUE(applied.ok()) << EventCode(event) << ": " << applied.status().ToString();
  if (given != nullptr) given->push_back(fields);
  return applied.ok() ? applied->next : c;
}

// An identification case of `household` taken from its lead to the public notice, which opens
// on `start` (the appraisal's day) with the events' sensitive fields.
CaseRecord IdentificationInNotice(int64_t id, const std::string& household,
                                  const std::string& village, CivilDate start, int seed,
                                  std::vector<Fields>* given) {
  Actor system;
  system.principal.username = "system";
  system.system = true;
  CaseRecord c = OpenCase(CaseKind::kIdentification, household, village, Channel::kCadreVisit,
                          system, At(Plus(start, -3)),
                          {{"proposed_type", "sudden_hardship"}, {"proposed_risks", "R01;R09"}})
                     .next;
  c.id = id;
  c = Take(c, EventType::kApply, testing::SensitiveApplication(), Role::kVillage, Plus(start, -3),
           given);
  c = Take(c, EventType::kRecordHomeVisit, testing::SensitiveHomeVisit(seed), Role::kVillage,
           Plus(start, -2), given);
  c = Take(c, EventType::kRecordComparison, testing::SensitiveComparison(), Role::kCounty,
           Plus(start, -1), given);
  c = Take(c, EventType::kComment, {}, Role::kVillage, start, nullptr,
           "户主电话13800138000，低保存折在村会计处");
  c = Take(c, EventType::kRecordAppraisal, testing::SensitiveAppraisal(start), Role::kVillage,
           start, given);
  EXPECT_EQ(c.state, CaseState::kPublicNotice);
  return c;
}

// An elimination case of a monitored household, in its notice from `start`.
CaseRecord EliminationInNotice(int64_t id, const std::string& household, CivilDate start, int seed,
                               std::vector<Fields>* given) {
  Actor system;
  system.principal.username = "system";
  system.system = true;
  CaseRecord c =
      OpenCase(CaseKind::kElimination, household, kVillageCode, Channel::kDepartmentWarning, system,
               At(Plus(start, -2)),
               {{"episode_id", "77"}, {"proposed_type", "marginal"}, {"proposed_risks", "R03"}})
          .next;
  c.id = id;
  c = Take(c, EventType::kRecordHomeVisit, testing::SensitiveHomeVisit(seed), Role::kVillage,
           Plus(start, -1), given);
  c = Take(c, EventType::kRecordAppraisal, testing::SensitiveAppraisal(start), Role::kVillage,
           start, given);
  EXPECT_EQ(c.state, CaseState::kPublicNotice);
  return c;
}

struct NoticeWorld {
  std::vector<registry::HouseholdRecord> households;  // by id
  std::shared_ptr<const registry::Snapshot> snapshot;
  std::vector<CaseRecord> cases;
  std::vector<Fields> given;  // every event's fields
};

// In the village: H1 (identification in notice), H2 (elimination in notice), H3 (a lead, not in
// notice); H4 in another village, in its own notice.
NoticeWorld MakeNoticeWorld() {
  NoticeWorld w;
  w.households = {testing::SensitiveHousehold("HH-PRIVATE-0001", kVillageCode, "公示户主甲", 1),
                  testing::SensitiveHousehold("HH-PRIVATE-0002", kVillageCode, "公示户主乙", 2),
                  testing::SensitiveHousehold("HH-PRIVATE-0003", kVillageCode, "未公示户主", 3),
                  testing::SensitiveHousehold("HH-PRIVATE-0004", kOtherVillageCode, "别村户主", 4)};
  registry::SnapshotBuilder builder;
  for (const auto& r : w.households) EXPECT_TRUE(builder.Add(r).ok());
  w.snapshot = builder.Finish();
  const CivilDate start = Day(2026, 12, 4);
  w.cases.push_back(IdentificationInNotice(1, "HH-PRIVATE-0001", kVillageCode, start, 1, &w.given));
  w.cases.push_back(EliminationInNotice(2, "HH-PRIVATE-0002", Plus(start, 1), 2, &w.given));
  Actor system;
  system.principal.username = "system";
  system.system = true;
  CaseRecord lead = OpenCase(CaseKind::kIdentification, "HH-PRIVATE-0003", kVillageCode,
                             Channel::kSelfApplication, system, At(start),
                             {{"proposed_type", "marginal"}, {"proposed_risks", "R07"}})
                        .next;
  lead.id = 3;
  w.cases.push_back(lead);
  w.cases.push_back(
      IdentificationInNotice(4, "HH-PRIVATE-0004", kOtherVillageCode, start, 4, &w.given));
  return w;
}

std::vector<NoticeRow> RowsOf(const NoticeWorld& w) {
  const registry::Snapshot& snapshot = *w.snapshot;
  return NoticeRows(w.cases, kVillageCode, kVillageName,
                    [&](std::string_view id) { return NoticeHouseholdOf(snapshot, id); });
}

std::vector<std::string> AllSecrets(const NoticeWorld& w) {
  std::vector<std::string> secrets;
  for (const auto& r : w.households) {
    for (std::string& s : testing::SecretsOf(r)) secrets.push_back(std::move(s));
  }
  for (const Fields& f : w.given) {
    for (std::string& s : testing::SecretsOf(f)) secrets.push_back(std::move(s));
  }
  for (const char* s : {"13800138000", "低保存折", "未公示户主", "别村户主", "consistent"}) {
    secrets.emplace_back(s);
  }
  return secrets;
}

// Every field of the rows as text, as any serializer of them would see it.
std::string RowsText(const std::vector<NoticeRow>& rows) {
  std::string text;
  for (const NoticeRow& r : rows) {
    text += std::to_string(r.case_id) + "|" + std::string(KindCode(r.kind)) + "|" + r.head_name +
            "|" + r.village_name + "|" + std::to_string(r.household_size) + "|" + r.type + "|";
    for (const std::string& risk : r.risks) text += risk + ";";
    text += "|" + r.notice_start.ToString() + "|" + r.notice_end.ToString() + "\n";
  }
  return text;
}

TEST(NoticeRows, OnlyTheVillagesCasesInNoticeWithTheAllowedFields) {
  const NoticeWorld w = MakeNoticeWorld();
  const std::vector<NoticeRow> rows = RowsOf(w);
  ASSERT_EQ(rows.size(), 2u);
  const NoticeRow& first = rows[0];
  EXPECT_EQ(first.case_id, 1);
  EXPECT_EQ(first.kind, CaseKind::kIdentification);
  EXPECT_EQ(first.head_name, "公示户主甲");
  EXPECT_EQ(first.village_name, kVillageName);
  EXPECT_EQ(first.household_size, 3);  // the fourth member does not share the household
  EXPECT_EQ(first.type, "sudden_hardship");
  EXPECT_EQ(first.risks, (std::vector<std::string>{"R01", "R09"}));
  EXPECT_EQ(first.notice_start, Day(2026, 12, 4));
  EXPECT_EQ(first.notice_end, Day(2026, 12, 9));  // five days
  const NoticeRow& second = rows[1];
  EXPECT_EQ(second.case_id, 2);
  EXPECT_EQ(second.kind, CaseKind::kElimination);
  EXPECT_EQ(second.head_name, "公示户主乙");
  EXPECT_EQ(second.type, "marginal");
  EXPECT_EQ(second.risks, (std::vector<std::string>{"R03"}));
  EXPECT_EQ(second.notice_start, Day(2026, 12, 5));
}

TEST(NoticeRows, HoldNoneOfTheHouseholdsOrTheCasesOtherData) {
  const NoticeWorld w = MakeNoticeWorld();
  const std::string text = RowsText(RowsOf(w));
  ASSERT_NE(text.find("公示户主甲"), std::string::npos);  // the search sees the rows
  testing::ExpectNoSecrets(text, AllSecrets(w), "the notice rows");
}

TEST(NoticeRows, DecidedTypeAndRisksWinOverTheProposed) {
  CaseRecord c =
      testing::CaseIn(CaseKind::kIdentification, CaseState::kPublicNotice, Day(2026, 12, 1));
  c.proposed_type = "marginal";
  c.proposed_risks = "R01";
  c.decided_type = "unstable_lifted";
  c.decided_risks = "R02;R05";
  const std::vector<CaseRecord> cases = {c};
  auto rows = NoticeRows(cases, kVillageCode, kVillageName, nullptr);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].type, "unstable_lifted");
  EXPECT_EQ(rows[0].risks, (std::vector<std::string>{"R02", "R05"}));
  // Without a lookup (or a household the registry lost) the head and size stay empty.
  EXPECT_EQ(rows[0].head_name, "");
  EXPECT_EQ(rows[0].household_size, 0);
}

TEST(NoticeRows, EveryStateButPublicNoticeIsLeftOut) {
  std::vector<CaseRecord> cases;
  int64_t id = 0;
  for (CaseState state : kAllStates) {
    CaseRecord c = testing::CaseIn(CaseKind::kIdentification, state, Day(2026, 12, 1));
    c.id = ++id;
    cases.push_back(c);
  }
  auto rows = NoticeRows(cases, kVillageCode, kVillageName, nullptr);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(cases[static_cast<size_t>(rows[0].case_id - 1)].state, CaseState::kPublicNotice);
}

TEST(NoticeHouseholdOf, HeadAndCountedMembersOnly) {
  const NoticeWorld w = MakeNoticeWorld();
  auto h = NoticeHouseholdOf(*w.snapshot, "HH-PRIVATE-0002");
  ASSERT_TRUE(h.has_value());
  EXPECT_EQ(*h, (NoticeHousehold{"公示户主乙", 3}));
  EXPECT_FALSE(NoticeHouseholdOf(*w.snapshot, "HH-UNKNOWN").has_value());
}

TEST(NoticeLabels, ChineseLabelsOfTypesRisksAndKinds) {
  EXPECT_EQ(NoticeTypeLabel("sudden_hardship"), "突发严重困难户");
  EXPECT_EQ(NoticeTypeLabel("unstable_lifted"), "脱贫不稳定户");
  EXPECT_EQ(NoticeTypeLabel("marginal"), "边缘易致贫户");
  EXPECT_EQ(NoticeTypeLabel("x_unknown"), "x_unknown");
  EXPECT_EQ(NoticeRiskLabel("R09"), "住房出现安全问题");
  EXPECT_EQ(NoticeRisksText({"R01", "R09", "R99"}), "因病、住房出现安全问题、其他");
  EXPECT_EQ(NoticeRisksText({}), "");
  EXPECT_EQ(NoticeKindLabel(CaseKind::kIdentification), "纳入监测对象公示");
  EXPECT_EQ(NoticeKindLabel(CaseKind::kElimination), "风险消除公示");
  EXPECT_EQ(ChineseDate(Day(2026, 1, 9)), "2026年1月9日");
}

TEST(NoticeHtml, ShowsWhatTheLawAllowsAndNothingElse) {
  const NoticeWorld w = MakeNoticeWorld();
  const std::string html =
      RenderNoticeHtml(kVillageCode, kVillageName, RowsOf(w), Day(2026, 12, 6));
  testing::ExpectNoSecrets(html, AllSecrets(w), "the notice page");
  for (const char* shown :
       {"公示户主甲", "公示户主乙", kVillageName, kVillageCode, "3人", "突发严重困难户",
        "因病、住房出现安全问题", "边缘易致贫户", "因残", "纳入监测对象公示", "风险消除公示",
        "2026年12月4日至2026年12月9日", "2026年12月5日至2026年12月10日",
        "公示期：2026年12月4日至2026年12月10日", "如有异议，请在公示期内向村委会或乡镇反映",
        "2026年12月6日"}) {
    EXPECT_NE(html.find(shown), std::string::npos) << shown;
  }
  for (const char* header : {"户主姓名", "所在村", "家庭人口", "类型", "风险类型", "公示期"}) {
    EXPECT_NE(html.find(std::string("<th>") + header + "</th>"), std::string::npos) << header;
  }
  // The identification section comes before the elimination one.
  EXPECT_LT(html.find("公示户主甲"), html.find("公示户主乙"));
}

TEST(NoticeHtml, IsAWholePrintablePageWithoutScriptsOrExternalResources) {
  const NoticeWorld w = MakeNoticeWorld();
  const std::string html =
      RenderNoticeHtml(kVillageCode, kVillageName, RowsOf(w), Day(2026, 12, 6));
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">")) << html.substr(0, 60);
  EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(html.find("<title>"), std::string::npos);
  EXPECT_NE(html.find("<h1>公示</h1>"), std::string::npos);
  EXPECT_NE(html.find("@page { size: A4"), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
  EXPECT_TRUE(html.ends_with("</html>\n"));
  std::string lower = html;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* banned : {"<script", "javascript:", "src=", "href=", "@import", "url(", "http:",
                             "https:", "//", "<link", "<iframe", "<object", "<img", "<form"}) {
    EXPECT_EQ(lower.find(banned), std::string::npos) << banned;
  }
  EXPECT_FALSE(std::regex_search(lower, std::regex(R"(\son[a-z]+\s*=)")));  // event handlers
}

TEST(NoticeHtml, EscapesEveryTextFromTheData) {
  NoticeRow row;
  row.case_id = 9;
  row.head_name = "<script>alert('x')</script>&";
  row.village_name = "\"村\" <b>";
  row.household_size = 2;
  row.type = "<i>odd";
  row.risks = {"<R>"};
  row.notice_start = Day(2026, 12, 1);
  row.notice_end = Day(2026, 12, 6);
  const std::vector<NoticeRow> rows = {row};
  const std::string html =
      RenderNoticeHtml("630121100201", "<em>村</em>", rows, Day(2026, 12, 2), "zh\"><script>");
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<em>"), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_EQ(html.find("<i>"), std::string::npos);
  EXPECT_EQ(html.find("<R>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;"), std::string::npos);
  EXPECT_NE(html.find("&quot;村&quot; &lt;b&gt;"), std::string::npos);
  EXPECT_NE(html.find("&lt;em&gt;村&lt;/em&gt;"), std::string::npos);
  EXPECT_NE(html.find("<html lang=\"zh-CN\">"), std::string::npos);  // a bad tag falls back
}

TEST(NoticeHtml, AnEmptyNoticeSaysSo) {
  const std::string html = RenderNoticeHtml(kVillageCode, kVillageName, {}, Day(2026, 12, 2));
  EXPECT_NE(html.find("本村目前没有处于公示期的农户"), std::string::npos);
  EXPECT_EQ(html.find("<table>"), std::string::npos);
  EXPECT_EQ(html.find("公示期："), std::string::npos);
  EXPECT_NE(html.find("如有异议"), std::string::npos);
  // Only the kinds present get a section.
  NoticeRow row;
  row.kind = CaseKind::kElimination;
  const std::vector<NoticeRow> rows = {row};
  const std::string one = RenderNoticeHtml(kVillageCode, kVillageName, rows, Day(2026, 12, 2));
  EXPECT_NE(one.find("风险消除公示"), std::string::npos);
  EXPECT_EQ(one.find("纳入监测对象公示"), std::string::npos);
}

}  // namespace
}  // namespace xianjie::cases
