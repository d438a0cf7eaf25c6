// Applications from the public page a village's QR code leads to (docs/decisions/0005, "The
// public application page"): what a person entered without an account, and what became of it —
// a lead of the household the ID number matched, or a row of the village's inbox that a cadre
// links to a household or closes with a reason.
#ifndef XIANJIE_CASES_APPLICATION_H_
#define XIANJIE_CASES_APPLICATION_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xianjie::cases {

enum class ApplicationStatus : uint8_t {
  kMatched,    // the ID number was a member's of a household of the village: a lead was taken
  kUnmatched,  // waits in the village's inbox
  kLinked,     // a cadre linked it to a household (a lead was taken)
  kClosed,     // a cadre closed it with a reason
};
inline constexpr std::array<ApplicationStatus, 4> kAllApplicationStatuses = {
    ApplicationStatus::kMatched, ApplicationStatus::kUnmatched, ApplicationStatus::kLinked,
    ApplicationStatus::kClosed};

// Who filled in the form.
enum class ApplicantRelation : uint8_t {
  kSelf,   // the person concerned
  kProxy,  // someone on their behalf (a relative, a neighbour)
};

std::string_view ApplicationStatusCode(ApplicationStatus status);  // "matched", ...
std::string_view RelationCode(ApplicantRelation relation);         // "self", "proxy"
std::optional<ApplicationStatus> ParseApplicationStatus(std::string_view code);
std::optional<ApplicantRelation> ParseRelation(std::string_view code);

struct Application {
  int64_t id = 0;            // assigned by the store
  std::string reference;     // the random reference the applicant was shown ("7KQ2-M9XD")
  std::string village_code;  // 12 digits: the village whose page it came from
  std::string received_at;   // UTC ISO 8601
  std::string applicant_name;
  std::string id_number;  // "" when not given (it is optional)
  std::string phone;
  ApplicantRelation relation = ApplicantRelation::kSelf;
  std::string text;         // what happened, in the applicant's words
  std::string client_hash;  // lower-case hex SHA-256 of the client address, never the address
  std::string household_id;  // the household matched or linked; "" while unmatched
  int64_t case_id = 0;       // the case the lead opened or joined; 0 when none (or on an episode)
  ApplicationStatus status = ApplicationStatus::kUnmatched;
  std::string handled_by;  // the cadre who linked or closed it; "" otherwise
  std::string handled_at;  // UTC ISO 8601, "" while not handled
  std::string note;        // the reason it was closed, or why matching failed
  bool operator==(const Application&) const = default;
};

struct ApplicationFilter {
  std::string village_prefix;  // village code prefix; "" = all
  std::vector<ApplicationStatus> statuses;  // any of these; empty = any
  int64_t offset = 0;
  int64_t limit = 0;  // 0 = no limit
};

}  // namespace xianjie::cases

#endif  // XIANJIE_CASES_APPLICATION_H_
