// Date arithmetic and risk codes shared by the files of xj_cases (common.h).
#include "cases/internal/common.h"

#include "registry/codes.h"

namespace xianjie::cases::internal {

CivilDate AddDays(CivilDate date, int days) { return CivilDate::FromDays(date.ToDays() + days); }

bool IsRiskCode(std::string_view code) {
  for (const registry::CodeEntry& entry : registry::CodesOf(registry::RiskType{})) {
    if (entry.code == code) return true;
  }
  return false;
}

}  // namespace xianjie::cases::internal
