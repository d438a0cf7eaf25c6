// The codes of application statuses and relations, as the API and the database write them.
#include "cases/application.h"

namespace xianjie::cases {

std::string_view ApplicationStatusCode(ApplicationStatus status) {
  switch (status) {
    case ApplicationStatus::kMatched:
      return "matched";
    case ApplicationStatus::kUnmatched:
      return "unmatched";
    case ApplicationStatus::kLinked:
      return "linked";
    case ApplicationStatus::kClosed:
      return "closed";
  }
  return "unknown";
}

std::string_view RelationCode(ApplicantRelation relation) {
  return relation == ApplicantRelation::kProxy ? "proxy" : "self";
}

std::optional<ApplicationStatus> ParseApplicationStatus(std::string_view code) {
  for (ApplicationStatus status : kAllApplicationStatuses) {
    if (ApplicationStatusCode(status) == code) return status;
  }
  return std::nullopt;
}

std::optional<ApplicantRelation> ParseRelation(std::string_view code) {
  if (code == "self") return ApplicantRelation::kSelf;
  if (code == "proxy") return ApplicantRelation::kProxy;
  return std::nullopt;
}

}  // namespace xianjie::cases
