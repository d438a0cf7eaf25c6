// The public application page (docs/decisions/0005, "The public application page"): a village's
// public facts, proof-of-work challenges signed with a key drawn at start, submissions without an
// account — checked, rate-limited, stored, and matched to a household of the village as a
// self_application lead — and the village's inbox where officers link or close what did not
// match.
//
// What the public side answers never depends on whom the form names: a known or an unknown ID
// number, a bad proof or a filled honeypot all get the same receipt.
#ifndef XIANJIE_SERVICE_APPLICATIONS_H_
#define XIANJIE_SERVICE_APPLICATIONS_H_

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "access/role.h"
#include "base/status.h"
#include "cases/application.h"
#include "service/common.h"
#include "service/workspace.h"

namespace xianjie::service {

// ---- the public side (no principal: region data is public, and so is the form)

struct PublicVillageInfo {
  std::string code;               // 12 digits
  std::string name;               // "北关社区居民委员会"
  std::vector<std::string> path;  // names from the province down to the village
};

// The village of `code` in the workspace's region table. kNotFound, saying nothing else, for a
// code that is not a village there (malformed codes included).
Result<PublicVillageInfo> PublicVillage(Workspace& ws, const std::string& code);

struct PublicLimits {
  int proof_bits = 16;                    // leading zero bits of SHA-256("<challenge>:<nonce>")
  int64_t challenge_seconds = 600;        // how long a challenge may be used
  int per_client = 5;                     // applications per client address ...
  int64_t client_window_seconds = 3600;   // ... in this sliding window
  int per_village = 100;                  // applications per village ...
  int64_t village_window_seconds = 86400;  // ... in this sliding window
};

struct Challenge {
  std::string challenge;   // "<village>|<issued_at unix seconds>|<random hex>|<hmac hex>"
  int proof_bits = 0;
  std::string expires_at;  // UTC ISO 8601
};

// Why a submission was dropped (not stored; the caller was told it was received).
// kReplay: a challenge that already carried an application (each carries one).
enum class DropReason : uint8_t { kNone, kProof, kHoneypot, kReplay };

// What the process keeps for the public page: the key that signs challenges (random, drawn when
// constructed, never stored: a restart invalidates the challenges in flight), the sliding windows
// of the rate limits and the counts of dropped submissions, in memory only. Thread-safe. The
// server holds one for as long as it serves.
class PublicApplications {
 public:
  explicit PublicApplications(PublicLimits limits = {});
  PublicApplications(const PublicApplications&) = delete;
  PublicApplications& operator=(const PublicApplications&) = delete;

  const PublicLimits& limits() const { return limits_; }

  // A challenge for `village` (not checked here) issued at `now` (unix seconds).
  Challenge Issue(const std::string& village, int64_t now) const;
  // kInvalidArgument when the challenge was not issued by this process, was issued for another
  // village, or is more than limits().challenge_seconds old at `now` (the page then asks for a
  // new one); the message says which.
  Status CheckChallenge(std::string_view challenge, std::string_view village, int64_t now) const;
  // Whether SHA-256("<challenge>:<nonce>") starts with limits().proof_bits zero bits.
  bool ProofHolds(std::string_view challenge, std::string_view nonce) const;

  // Counts one application of the client (the SHA-256 of its address) for the village at `now`,
  // unless a limit is reached: then kResourceExhausted whose message ends with the seconds to
  // wait, which *retry_after gets, and nothing is counted.
  Status Admit(const std::string& client_hash, const std::string& village, int64_t now,
               int64_t* retry_after);

  // Marks the challenge used at `now`; false when it was used before. A challenge is remembered
  // until it expires (limits().challenge_seconds after `now` at the latest), then forgotten.
  bool Spend(std::string_view challenge, int64_t now);

  void CountDropped(DropReason reason);
  int64_t dropped(DropReason reason) const;

 private:
  const PublicLimits limits_;
  const std::string key_;
  mutable std::mutex mu_;
  // Times (unix seconds) of the admitted applications in each window, oldest first.
  std::map<std::string, std::deque<int64_t>, std::less<>> by_client_;   // guarded by mu_
  std::map<std::string, std::deque<int64_t>, std::less<>> by_village_;  // guarded by mu_
  int64_t dropped_proof_ = 0;     // guarded by mu_
  int64_t dropped_honeypot_ = 0;  // guarded by mu_
  int64_t dropped_replay_ = 0;    // guarded by mu_
  // The challenges used, with the time each may be forgotten, oldest first.
  std::set<std::string, std::less<>> spent_;                  // guarded by mu_
  std::deque<std::pair<int64_t, std::string>> spent_order_;  // guarded by mu_
};

// GET /public/challenge: a challenge for a village of the region table (kNotFound otherwise),
// issued at `now_utc` (UTC ISO 8601).
Result<Challenge> IssueChallenge(Workspace& ws, const PublicApplications& apps,
                                 const std::string& village, std::string_view now_utc);

// What the form sends.
struct ApplicationForm {
  std::string challenge;
  std::string nonce;
  std::string village;
  std::string name;
  std::string id_number;  // optional
  std::string phone;
  std::string relation;  // "self" or "proxy"
  std::string text;
  std::string website;  // the honeypot: people do not see it, so it stays empty
};

// What the submitter is told: always received, with a reference; and, for the server's metrics
// only (never shown), whether it was dropped.
struct Receipt {
  std::string reference;  // "7KQ2-M9XD": random, whatever happened to the submission
  DropReason dropped = DropReason::kNone;
};

// POST /public/applications at `now_utc` from `client_address` (kept only as its SHA-256).
// In order:
//  - kNotFound for a village not in the region table; kInvalidArgument for a challenge that is
//    bad, of another village or expired;
//  - a nonce that does not prove the work, or a filled honeypot: the receipt, and the
//    submission is counted (apps.dropped) and dropped;
//  - kInvalidArgument naming the field: name 1..64 characters, phone 7..20 characters of digits,
//    '+', '-' and spaces with at least 7 digits, relation self or proxy, text 1..2000
//    characters, id_number empty or a valid GB 11643 number;
//  - kResourceExhausted past the limits (PublicApplications::Admit), the seconds to wait in
//    *retry_after when given;
//  - stored; when the ID number is a member's of a household of this village in the live
//    snapshot, a self_application lead of that household is taken by the system (source
//    "application:<id>", note: the text, who applied and the phone) and the application is
//    matched with the case; otherwise, or if taking the lead fails, it waits unmatched.
// The receipt is the same in every case that gets one.
Result<Receipt> SubmitApplication(Workspace& ws, PublicApplications& apps,
                                  const ApplicationForm& form, const std::string& client_address,
                                  std::string_view now_utc, int64_t* retry_after = nullptr);

// ---- the village's inbox (officers)

struct ApplicationQuery {
  std::string village;  // a 12-digit village inside the scope, or
  std::string region;   // a region code prefix inside the scope; both "" = the scope
  std::string status;   // matched, unmatched, linked, closed; "" = any
  int64_t offset = 0;
  int64_t limit = 50;
};

struct ApplicationItem {
  cases::Application application;  // id_number as the caller may see it (ShownIdNumber)
  std::string village_name;
};

// case.read in the region; audited "application.list" with the region (the rows hold names, ID
// numbers and phone numbers). kInvalidArgument for bad codes, status or paging.
Result<Page<ApplicationItem>> ListApplications(Workspace& ws, const access::Principal& principal,
                                               const ApplicationQuery& query);

// case.act on the application's village: links an unmatched application to `household_id`, a
// household of that village in the live snapshot, and marks it linked. The self_application
// lead (source "application:<id>", the officer named in its note) is the applicant's: the system
// takes it, as for a match — a new case, or joined to the household's open case whoever the
// officer is. kNotFound for an unknown application
// or household; kInvalidArgument for a household of another village; kFailedPrecondition when
// the application is not unmatched; kPermissionDenied outside the scope. Audited
// "application.link". Returns the application after it (ID number as the caller may see it).
Result<cases::Application> LinkApplication(Workspace& ws, const access::Principal& principal,
                                           int64_t id, const std::string& household_id,
                                           std::string_view now_utc);

// case.act on the application's village: closes an unmatched application with `reason`
// (1..500 characters). Errors as LinkApplication. Audited "application.close".
Result<cases::Application> CloseApplication(Workspace& ws, const access::Principal& principal,
                                            int64_t id, const std::string& reason,
                                            std::string_view now_utc);

}  // namespace xianjie::service

#endif  // XIANJIE_SERVICE_APPLICATIONS_H_
