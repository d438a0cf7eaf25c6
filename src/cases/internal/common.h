// Small pieces several files of xj_cases share: date arithmetic for deadlines and notices, and
// the risk codes of DOMAIN.md §6. Internal to src/cases.
#ifndef XIANJIE_CASES_INTERNAL_COMMON_H_
#define XIANJIE_CASES_INTERNAL_COMMON_H_

#include <string_view>

#include "base/date.h"

namespace xianjie::cases::internal {

// The day `days` after `date` (before it when negative).
CivilDate AddDays(CivilDate date, int days);

// True if `code` is exactly the code of a risk type of DOMAIN.md §6 ("R01" ... "R12", "R99");
// Chinese labels do not count.
bool IsRiskCode(std::string_view code);

}  // namespace xianjie::cases::internal

#endif  // XIANJIE_CASES_INTERNAL_COMMON_H_
