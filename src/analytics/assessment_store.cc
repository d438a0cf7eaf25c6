// The check every store makes before it writes an assessment settings version
// (assessment_store.h).
#include "analytics/assessment_store.h"

#include <algorithm>

namespace xianjie::analytics {

Status CheckAssessmentConfigVersion(const AssessmentConfigVersion& v) {
  const bool province = v.province.size() == 2 &&
                        std::all_of(v.province.begin(), v.province.end(),
                                    [](char c) { return c >= '0' && c <= '9'; });
  if (!province) {
    return InvalidArgument("assessment settings field province: '" + v.province +
                           "' is not a province code (2 digits)");
  }
  const bool blank = std::all_of(v.text.begin(), v.text.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  });
  if (blank) {
    return InvalidArgument("assessment settings field text is missing: give the TOML of "
                           "config/assessment.toml's form");
  }
  if (v.created_by.empty()) {
    return InvalidArgument("assessment settings field created_by is missing");
  }
  if (v.created_at.empty()) {
    return InvalidArgument("assessment settings field created_at is missing");
  }
  return Status::Ok();
}

}  // namespace xianjie::analytics
