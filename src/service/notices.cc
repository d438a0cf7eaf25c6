// VillageNotice and the notice's page and workbook (notices.h).
#include "service/notices.h"

#include <memory>
#include <optional>
#include <utility>

#include "access/authorize.h"
#include "ingest/xlsx_writer.h"
#include "service/common.h"

namespace xianjie::service {
namespace {

// An elimination case names the episode it would close; when it carries no type or risks of
// its own, the notice shows the episode's (the household's type and risks while monitored).
Status FillFromEpisode(store::Database& db, cases::CaseRecord& c) {
  if (c.kind != cases::CaseKind::kElimination || c.episode_id == 0) return Status::Ok();
  const bool need_type = c.decided_type.empty() && c.proposed_type.empty();
  const bool need_risks = c.decided_risks.empty() && c.proposed_risks.empty();
  if (!need_type && !need_risks) return Status::Ok();
  XJ_ASSIGN_OR_RETURN(std::vector<cases::Episode> episodes, db.EpisodesOf(c.household_id));
  for (const cases::Episode& e : episodes) {
    if (e.id != c.episode_id) continue;
    if (need_type) c.proposed_type = e.type;
    if (need_risks) c.proposed_risks = e.risks;
  }
  return Status::Ok();
}

}  // namespace

Result<Notice> VillageNotice(Workspace& ws, const access::Principal& principal,
                             std::string_view village_code, CivilDate today) {
  XJ_RETURN_IF_ERROR(CheckRegionCode("village", village_code, /*village_only=*/true));
  XJ_RETURN_IF_ERROR(access::Authorize(principal, access::Operation::kCaseRead, village_code));
  store::Database& db = ws.database();
  cases::CaseFilter filter;
  filter.region_prefix = std::string(village_code);
  filter.states = {cases::CaseState::kPublicNotice};
  XJ_ASSIGN_OR_RETURN(std::vector<cases::CaseRecord> in_notice, db.ListCases(filter));
  for (cases::CaseRecord& c : in_notice) XJ_RETURN_IF_ERROR(FillFromEpisode(db, c));

  const std::shared_ptr<const WorkspaceView> view = ws.view();
  Notice notice;
  notice.village_code = std::string(village_code);
  notice.village_name = view->RegionName(village_code);
  notice.date = today;
  const registry::Snapshot& snapshot = view->snapshot();
  notice.rows = cases::NoticeRows(in_notice, village_code, notice.village_name,
                                  [&snapshot](std::string_view household_id) {
                                    return cases::NoticeHouseholdOf(snapshot, household_id);
                                  });
  return notice;
}

std::string NoticeHtml(const Notice& notice) {
  return cases::RenderNoticeHtml(notice.village_code, notice.village_name, notice.rows,
                                 notice.date);
}

Result<std::string> NoticeXlsx(const Notice& notice) {
  ingest::Sheet sheet;
  sheet.name = "公示";
  sheet.bold_header = true;
  sheet.column_widths = {18, 12, 24, 10, 16, 30, 14, 14};
  sheet.rows.push_back(
      {"公示类型", "户主姓名", "所在村", "家庭人口", "类型", "风险类型", "公示开始", "公示结束"});
  for (const cases::NoticeRow& row : notice.rows) {
    sheet.rows.push_back({std::string(cases::NoticeKindLabel(row.kind)), row.head_name,
                          row.village_name,
                          row.household_size > 0 ? std::to_string(row.household_size) : "",
                          row.type.empty() ? "" : cases::NoticeTypeLabel(row.type),
                          cases::NoticeRisksText(row.risks), row.notice_start.ToString(),
                          row.notice_end.ToString()});
  }
  return ingest::WriteXlsx({sheet});
}

std::string NoticeXlsxFilename(const Notice& notice) {
  return "公示-" + notice.village_code + ".xlsx";
}

}  // namespace xianjie::service
