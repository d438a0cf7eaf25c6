// Public notices (公示; DOMAIN.md §5.2 step 5, docs/decisions/0005 "Public notices"): the rows of
// a village's notice from its cases in public_notice, and the notice as a printable page.
//
// A notice is posted in the village, so it carries only what the law lets it show: the head's
// name, the village (the registry has no village-group column), the household size, the type
// and the risk types, and the notice period. Never ID numbers, phone numbers, bank accounts,
// health details or incomes. The types below hold nothing else, and NoticeRows fills them from
// the case's own codes and NoticeHousehold, so that nothing else can reach a notice.
#ifndef XIANJIE_CASES_NOTICE_H_
#define XIANJIE_CASES_NOTICE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "cases/case.h"
#include "registry/snapshot.h"

namespace xianjie::cases {

// The only facts of a household a notice shows besides the case's.
struct NoticeHousehold {
  std::string head_name;
  int32_t household_size = 0;  // 家庭人口: the members who share the household
  bool operator==(const NoticeHousehold&) const = default;
};

// The head's name (the member whose relation is head; "" without one) and the number of
// members sharing the household, of `household_id` in `snapshot`; nullopt when the snapshot
// does not hold the household. Reads those two columns and no other.
std::optional<NoticeHousehold> NoticeHouseholdOf(const registry::Snapshot& snapshot,
                                                 std::string_view household_id);

// How NoticeRows learns a household's facts (NoticeHouseholdOf over a snapshot, usually).
using NoticeLookup = std::function<std::optional<NoticeHousehold>(std::string_view household_id)>;

// One line of a notice.
struct NoticeRow {
  int64_t case_id = 0;
  CaseKind kind = CaseKind::kIdentification;  // 纳入监测对象公示 / 风险消除公示
  std::string head_name;                      // "" when the household is not in the registry
  std::string village_name;
  int32_t household_size = 0;      // 0 when the household is not in the registry
  std::string type;                // DOMAIN §4.2 code: marginal, ...; "" = none
  std::vector<std::string> risks;  // DOMAIN §6 codes: R01, ...
  CivilDate notice_start;
  CivilDate notice_end;
  bool operator==(const NoticeRow&) const = default;
};

// The rows of the notice of `village_code`: one per case in `cases` that is in public_notice
// in that village (others are skipped), ordered by kind (identification first), notice start,
// then case id. The type and risks are the case's decided ones when set, else those proposed.
std::vector<NoticeRow> NoticeRows(std::span<const CaseRecord> cases, std::string_view village_code,
                                  std::string_view village_name, const NoticeLookup& lookup);

// 纳入监测对象公示 (identification), 风险消除公示 (elimination).
std::string_view NoticeKindLabel(CaseKind kind);
// The Chinese label of a type code (DOMAIN §4.2) or risk code (§6); the code itself when it is
// not one.
std::string NoticeTypeLabel(std::string_view type_code);
std::string NoticeRiskLabel(std::string_view risk_code);
// The risks' labels joined by 、 ("因病、住房出现安全问题").
std::string NoticeRisksText(const std::vector<std::string>& risk_codes);
// "2026年12月4日".
std::string ChineseDate(CivilDate date);

// The notice as one complete HTML page in Chinese, for the browser to show and print on A4
// (a print stylesheet; no script, no external resource: it is served under a CSP of 'self'
// only). Every text from the data is HTML-escaped. `date` is the day it is made (制表日期);
// `lang` is the page's language tag (the text is Chinese whatever it says; "" = zh-CN).
std::string RenderNoticeHtml(std::string_view village_code, std::string_view village_name,
                             std::span<const NoticeRow> rows, CivilDate date,
                             std::string_view lang = "zh-CN");

}  // namespace xianjie::cases

#endif  // XIANJIE_CASES_NOTICE_H_
