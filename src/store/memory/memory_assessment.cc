// MemoryStore: the provinces' assessment settings (analytics::AssessmentStore), under their own
// mutex.
#include "store/memory/memory_store.h"

namespace xianjie::store {

Result<int64_t> MemoryStore::PutAssessmentConfig(
    const analytics::AssessmentConfigVersion& version) {
  XJ_RETURN_IF_ERROR(analytics::CheckAssessmentConfigVersion(version));
  std::lock_guard lock(assessment_mu_);
  std::vector<analytics::AssessmentConfigVersion>& versions = assessment_configs_[version.province];
  analytics::AssessmentConfigVersion& stored = versions.emplace_back(version);
  stored.version = static_cast<int64_t>(versions.size());
  return stored.version;
}

Result<std::optional<analytics::AssessmentConfigVersion>> MemoryStore::LatestAssessmentConfig(
    const std::string& province) {
  std::lock_guard lock(assessment_mu_);
  auto it = assessment_configs_.find(province);
  if (it == assessment_configs_.end() || it->second.empty()) {
    return std::optional<analytics::AssessmentConfigVersion>();
  }
  return std::optional<analytics::AssessmentConfigVersion>(it->second.back());
}

}  // namespace xianjie::store
