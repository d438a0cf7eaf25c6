// A village's public notice (公示; docs/decisions/0005 "Public notices") through the service:
// its cases in public_notice as the rows cases/notice.h allows, with the head's name and the
// household size from the live snapshot; and the notice as a printable page and as a workbook.
//
// Not audited: a notice is public by law (it is posted in the village), and its rows hold
// nothing that is not on the wall.
#ifndef XIANJIE_SERVICE_NOTICES_H_
#define XIANJIE_SERVICE_NOTICES_H_

#include <string>
#include <string_view>
#include <vector>

#include "access/role.h"
#include "base/date.h"
#include "base/status.h"
#include "cases/notice.h"
#include "service/workspace.h"

namespace xianjie::service {

struct Notice {
  std::string village_code;
  std::string village_name;  // from the region table; "" when it does not know the village
  CivilDate date;            // the day it was made
  std::vector<cases::NoticeRow> rows;
};

// case.read on the village. kInvalidArgument unless `village_code` has 12 digits;
// kPermissionDenied outside the principal's scope.
Result<Notice> VillageNotice(Workspace& ws, const access::Principal& principal,
                             std::string_view village_code, CivilDate today);

// The printable page (cases::RenderNoticeHtml).
std::string NoticeHtml(const Notice& notice);

// The notice as an .xlsx workbook: one sheet 公示, a bold header row and one row per household
// (公示类型, 户主姓名, 所在村, 家庭人口, 类型, 风险类型, 公示开始, 公示结束), labels in Chinese.
// Fails only as ingest::WriteXlsx does (kIoError, kInternal).
Result<std::string> NoticeXlsx(const Notice& notice);

// "公示-<village code>.xlsx", the workbook's download name.
std::string NoticeXlsxFilename(const Notice& notice);

}  // namespace xianjie::service

#endif  // XIANJIE_SERVICE_NOTICES_H_
