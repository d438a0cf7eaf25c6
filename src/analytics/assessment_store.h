// The storage port of assessment settings (decision 0008, "Assessment"): a province's own
// versions of config/assessment.toml (its weights and targets), numbered 1, 2, ... per province;
// the highest is in force, the built-in file when there is none. Implemented in src/store/
// (memory, sqlite; migration 0012). Thread-safe; each write is one transaction.
#ifndef XIANJIE_ANALYTICS_ASSESSMENT_STORE_H_
#define XIANJIE_ANALYTICS_ASSESSMENT_STORE_H_

#include <cstdint>
#include <optional>
#include <string>

#include "base/status.h"

namespace xianjie::analytics {

// One version of a province's assessment settings.
struct AssessmentConfigVersion {
  std::string province;  // 2 digits
  int64_t version = 0;   // assigned by the store
  std::string text;      // the TOML, as ParseAssessmentConfig reads it
  std::string created_by;
  std::string created_at;  // UTC ISO 8601
  bool operator==(const AssessmentConfigVersion&) const = default;
};

// kInvalidArgument naming the first bad field: province not 2 digits; text empty or blank;
// created_by or created_at missing. (Whether the text is valid is the service's check.)
Status CheckAssessmentConfigVersion(const AssessmentConfigVersion& version);

class AssessmentStore {
 public:
  virtual ~AssessmentStore() = default;
  // Stores the next version of the province's settings (version ignored: the highest + 1, from
  // 1) and returns its number. kInvalidArgument as CheckAssessmentConfigVersion says.
  virtual Result<int64_t> PutAssessmentConfig(const AssessmentConfigVersion& version) = 0;
  // The province's highest version, or nullopt when it has none.
  virtual Result<std::optional<AssessmentConfigVersion>> LatestAssessmentConfig(
      const std::string& province) = 0;
};

}  // namespace xianjie::analytics

#endif  // XIANJIE_ANALYTICS_ASSESSMENT_STORE_H_
