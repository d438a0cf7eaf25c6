// The public application page and the village's inbox (applications.h).
#include "service/applications.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <utility>

#include <nlohmann/json.hpp>

#include "access/accounts.h"
#include "access/audit.h"
#include "access/authorize.h"
#include "base/date.h"
#include "base/id_number.h"
#include "cases/case.h"
#include "cases/leads.h"
#include "registry/household_search.h"

namespace xianjie::service {
namespace {

using access::Operation;
using cases::Application;
using cases::ApplicationStatus;

constexpr int64_t kDaySeconds = 24 * 60 * 60;

// Seconds since the epoch of "YYYY-MM-DDTHH:MM:SS..." (UTC), the form Workspace::Now gives.
Result<int64_t> UnixSeconds(std::string_view utc) {
  auto digits = [&](size_t at, size_t n) -> int {
    if (utc.size() < at + n) return -1;
    int v = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (utc[i] < '0' || utc[i] > '9') return -1;
      v = v * 10 + (utc[i] - '0');
    }
    return v;
  };
  const int hour = digits(11, 2), minute = digits(14, 2), second = digits(17, 2);
  auto date = ParseDate(utc.substr(0, std::min<size_t>(10, utc.size())));
  if (!date.ok() || utc.size() < 19 || utc[10] != 'T' || hour < 0 || hour > 23 || minute < 0 ||
      minute > 59 || second < 0 || second > 59) {
    return InvalidArgument("'" + std::string(utc) + "' is not a UTC time YYYY-MM-DDTHH:MM:SSZ");
  }
  return int64_t{date->ToDays()} * kDaySeconds + hour * 3600 + minute * 60 + second;
}

std::string UtcText(int64_t seconds) {
  const int64_t days = seconds >= 0 ? seconds / kDaySeconds : -((-seconds + kDaySeconds - 1) / kDaySeconds);
  const int64_t rest = seconds - days * kDaySeconds;
  char text[32];
  std::snprintf(text, sizeof text, "%sT%02d:%02d:%02dZ",
                CivilDate::FromDays(static_cast<int32_t>(days)).ToString().c_str(),
                static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60),
                static_cast<int>(rest % 60));
  return text;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

// 32 random bytes (OpenSSL RAND_bytes) as 64 hex characters: the access module's session
// tokens are exactly that.
std::string RandomHex() { return access::NewSessionToken(); }

// A reference the applicant can read out on the phone: 8 characters of Crockford's base 32
// (no I, L, O, U), from random bytes (256 is a multiple of 32: every character equally likely).
std::string NewReference() {
  static constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  const std::string hex = RandomHex();
  std::string out;
  for (int i = 0; i < 8; ++i) {
    const int byte = std::stoi(hex.substr(2 * i, 2), nullptr, 16);
    if (i == 4) out += '-';
    out += kAlphabet[byte % 32];
  }
  return out;
}

std::vector<std::string_view> Split(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (;;) {
    const size_t at = text.find(sep, start);
    parts.push_back(text.substr(start, at == std::string_view::npos ? std::string_view::npos
                                                                    : at - start));
    if (at == std::string_view::npos) return parts;
    start = at + 1;
  }
}

bool AllDigits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

// Leading zero bits of a lower-case hex digest.
int LeadingZeroBits(std::string_view hex) {
  int bits = 0;
  for (char c : hex) {
    const int nibble = c >= 'a' ? c - 'a' + 10 : c - '0';
    if (nibble == 0) {
      bits += 4;
      continue;
    }
    for (int mask = 8; (nibble & mask) == 0; mask >>= 1) ++bits;
    break;
  }
  return bits;
}

std::string Trimmed(std::string_view s) {
  const size_t first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  const size_t last = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(first, last - first + 1));
}

// Characters (code points) of UTF-8 text.
size_t Characters(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// Control characters other than line breaks and tabs (which only `text` may hold).
bool HasControl(std::string_view s, bool allow_lines) {
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (allow_lines && (c == '\n' || c == '\r' || c == '\t')) continue;
    if (c < 0x20 || c == 0x7F) return true;
  }
  return false;
}

// The checked fields of a form, normalized (trimmed; the ID number with an upper-case X).
struct CheckedForm {
  std::string name, phone, text, id_number;
  cases::ApplicantRelation relation = cases::ApplicantRelation::kSelf;
};

Result<CheckedForm> CheckFields(const ApplicationForm& form, CivilDate today) {
  CheckedForm out;
  out.name = Trimmed(form.name);
  if (out.name.empty() || Characters(out.name) > 64 || HasControl(out.name, false)) {
    return InvalidArgument("field 'name' must be 1 to 64 characters (the applicant's name)");
  }
  out.phone = Trimmed(form.phone);
  const size_t digits = static_cast<size_t>(
      std::count_if(out.phone.begin(), out.phone.end(), [](char c) { return c >= '0' && c <= '9'; }));
  if (out.phone.size() < 7 || out.phone.size() > 20 ||
      out.phone.find_first_not_of("0123456789+- ") != std::string::npos || digits < 7) {
    return InvalidArgument(
        "field 'phone' must be 7 to 20 characters of digits, '+', '-' and spaces, with at least "
        "7 digits (a phone number the village can call back)");
  }
  const std::optional<cases::ApplicantRelation> relation = cases::ParseRelation(form.relation);
  if (!relation) {
    return InvalidArgument("field 'relation' must be self (for oneself) or proxy (for someone "
                           "else)");
  }
  out.relation = *relation;
  out.text = Trimmed(form.text);
  if (out.text.empty() || Characters(out.text) > 2000 || HasControl(out.text, true)) {
    return InvalidArgument("field 'text' must be 1 to 2000 characters (what happened)");
  }
  const std::string id = Trimmed(form.id_number);
  if (!id.empty()) {
    auto parsed = ParseIdNumber(id, today);
    if (!parsed.ok()) {
      return InvalidArgument("field 'id_number' is not a valid resident ID number (18 "
                             "characters, the last a digit or X); leave it empty if unsure");
    }
    out.id_number = parsed->text();
  }
  return out;
}

// The household of the village with a member of this ID number, or "".
std::string HouseholdOfMember(const WorkspaceView& view, const std::string& village,
                              const std::string& id_number) {
  registry::HouseholdQuery query;
  query.region_prefix = village;
  query.id_number = id_number;
  query.limit = 1;
  const registry::HouseholdPage page = view.index->Search(query);
  if (page.rows.empty()) return "";
  return std::string(view.snapshot().household_id(page.rows.front()));
}

std::string LeadNote(const Application& a) {
  return a.text + "\n申请人：" + a.applicant_name +
         (a.relation == cases::ApplicantRelation::kProxy ? "（代他人申请）" : "（本人）") +
         "\n联系电话：" + a.phone + "\n申请编号：" + a.reference;
}

cases::Lead LeadOf(const Application& a, const std::string& household_id,
                   std::string_view now_utc) {
  cases::Lead lead;
  lead.household_id = household_id;
  lead.channel = cases::Channel::kSelfApplication;
  lead.source = "application:" + std::to_string(a.id);
  lead.at = std::string(now_utc);
  lead.note = LeadNote(a);
  return lead;
}

Application Shown(const access::Principal& principal, Application a) {
  if (!a.id_number.empty()) a.id_number = ShownIdNumber(principal, a.id_number);
  return a;
}

// The application, unmatched and inside the principal's scope for case.act.
Result<Application> UnmatchedInScope(store::Database& db, const access::Principal& principal,
                                     int64_t id, std::string_view doing) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kCaseAct, ""));
  XJ_ASSIGN_OR_RETURN(std::optional<Application> found, db.GetApplication(id));
  if (!found) return NotFound("there is no application " + std::to_string(id));
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kCaseAct, found->village_code));
  if (found->status != ApplicationStatus::kUnmatched) {
    return FailedPrecondition("application " + std::to_string(id) + " is " +
                              std::string(cases::ApplicationStatusCode(found->status)) +
                              " already; only an unmatched application can be " +
                              std::string(doing));
  }
  return std::move(*found);
}

}  // namespace

// ---- public

Result<PublicVillageInfo> PublicVillage(Workspace& ws, const std::string& code) {
  const std::shared_ptr<const WorkspaceView> view = ws.view();
  const registry::Region* region =
      code.size() == 12 && AllDigits(code) ? view->regions->Find(code) : nullptr;
  if (region == nullptr || region->level() != RegionLevel::kVillage) {
    return NotFound("there is no village " + code + "; check the address on the poster");
  }
  PublicVillageInfo out;
  out.code = code;
  out.name = region->name;
  for (size_t n : {2, 4, 6, 9, 12}) {
    const registry::Region* up = view->regions->Find(std::string_view(code).substr(0, n));
    if (up != nullptr) out.path.push_back(up->name);
  }
  return out;
}

PublicApplications::PublicApplications(PublicLimits limits)
    : limits_(limits), key_(RandomHex()) {}

Challenge PublicApplications::Issue(const std::string& village, int64_t now) const {
  const std::string payload =
      village + "|" + std::to_string(now) + "|" + RandomHex().substr(0, 32);
  Challenge c;
  c.challenge = payload + "|" + access::HmacSha256Hex(key_, payload);
  c.proof_bits = limits_.proof_bits;
  c.expires_at = UtcText(now + limits_.challenge_seconds);
  return c;
}

Status PublicApplications::CheckChallenge(std::string_view challenge, std::string_view village,
                                          int64_t now) const {
  const std::vector<std::string_view> parts = Split(challenge, '|');
  const size_t signed_length = challenge.rfind('|');
  if (parts.size() != 4 || signed_length == std::string_view::npos ||
      !ConstantTimeEquals(parts[3],
                          access::HmacSha256Hex(key_, challenge.substr(0, signed_length))) ||
      !AllDigits(parts[1]) || parts[1].size() > 12) {
    return InvalidArgument("the challenge is not one this server issued (it may have restarted); "
                           "reload the page to get a new one");
  }
  if (parts[0] != village) {
    return InvalidArgument("the challenge was issued for another village; reload the page");
  }
  const int64_t issued = std::stoll(std::string(parts[1]));
  if (now - issued > limits_.challenge_seconds || issued - now > 60) {
    return InvalidArgument("the challenge has expired (it is valid " +
                           std::to_string(limits_.challenge_seconds / 60) +
                           " minutes); send the form again to get a new one");
  }
  return Status::Ok();
}

bool PublicApplications::ProofHolds(std::string_view challenge, std::string_view nonce) const {
  if (nonce.empty() || nonce.size() > 64) return false;
  const std::string digest =
      access::Sha256Hex(std::string(challenge) + ":" + std::string(nonce));
  return !digest.empty() && LeadingZeroBits(digest) >= limits_.proof_bits;
}

Status PublicApplications::Admit(const std::string& client_hash, const std::string& village,
                                 int64_t now, int64_t* retry_after) {
  std::lock_guard lock(mu_);
  std::deque<int64_t>& client = by_client_[client_hash];
  std::deque<int64_t>& at_village = by_village_[village];
  while (!client.empty() && client.front() <= now - limits_.client_window_seconds) {
    client.pop_front();
  }
  while (!at_village.empty() && at_village.front() <= now - limits_.village_window_seconds) {
    at_village.pop_front();
  }
  int64_t wait = 0;
  if (static_cast<int>(client.size()) >= limits_.per_client) {
    wait = std::max(wait, client.front() + limits_.client_window_seconds - now);
  }
  if (static_cast<int>(at_village.size()) >= limits_.per_village) {
    wait = std::max(wait, at_village.front() + limits_.village_window_seconds - now);
  }
  if (static_cast<int>(client.size()) >= limits_.per_client ||
      static_cast<int>(at_village.size()) >= limits_.per_village) {
    wait = std::max<int64_t>(wait, 1);
    if (retry_after != nullptr) *retry_after = wait;
    return ResourceExhausted("too many applications from this address or for this village; "
                             "try again in " + std::to_string(wait) + " seconds");
  }
  client.push_back(now);
  at_village.push_back(now);
  return Status::Ok();
}

bool PublicApplications::Spend(std::string_view challenge, int64_t now) {
  std::lock_guard lock(mu_);
  while (!spent_order_.empty() && spent_order_.front().first < now) {
    spent_.erase(spent_order_.front().second);
    spent_order_.pop_front();
  }
  if (!spent_.emplace(challenge).second) return false;
  spent_order_.emplace_back(now + limits_.challenge_seconds, std::string(challenge));
  return true;
}

void PublicApplications::CountDropped(DropReason reason) {
  std::lock_guard lock(mu_);
  if (reason == DropReason::kProof) ++dropped_proof_;
  if (reason == DropReason::kHoneypot) ++dropped_honeypot_;
  if (reason == DropReason::kReplay) ++dropped_replay_;
}

int64_t PublicApplications::dropped(DropReason reason) const {
  std::lock_guard lock(mu_);
  if (reason == DropReason::kProof) return dropped_proof_;
  if (reason == DropReason::kHoneypot) return dropped_honeypot_;
  if (reason == DropReason::kReplay) return dropped_replay_;
  return 0;
}

Result<Challenge> IssueChallenge(Workspace& ws, const PublicApplications& apps,
                                 const std::string& village, std::string_view now_utc) {
  if (auto v = PublicVillage(ws, village); !v.ok()) return v.status();
  XJ_ASSIGN_OR_RETURN(int64_t now, UnixSeconds(now_utc));
  return apps.Issue(village, now);
}

Result<Receipt> SubmitApplication(Workspace& ws, PublicApplications& apps,
                                  const ApplicationForm& form, const std::string& client_address,
                                  std::string_view now_utc, int64_t* retry_after) {
  if (auto v = PublicVillage(ws, form.village); !v.ok()) return v.status();
  XJ_ASSIGN_OR_RETURN(int64_t now, UnixSeconds(now_utc));
  XJ_RETURN_IF_ERROR(apps.CheckChallenge(form.challenge, form.village, now));
  Receipt receipt;
  receipt.reference = NewReference();
  // Scripts are told what people are told: the drop shows only in the server's metrics.
  if (!apps.ProofHolds(form.challenge, form.nonce)) receipt.dropped = DropReason::kProof;
  if (!form.website.empty()) receipt.dropped = DropReason::kHoneypot;
  if (receipt.dropped != DropReason::kNone) {
    apps.CountDropped(receipt.dropped);
    return receipt;
  }
  XJ_ASSIGN_OR_RETURN(CheckedForm fields, CheckFields(form, cases::ChinaDateOf(now_utc)));
  // One application per challenge: a replayed proof costs the sender nothing, so it carries
  // nothing (spent only now, so that a form sent back for a bad field may be sent again).
  if (!apps.Spend(form.challenge, now)) {
    receipt.dropped = DropReason::kReplay;
    apps.CountDropped(receipt.dropped);
    return receipt;
  }
  Application a;
  a.reference = receipt.reference;
  a.village_code = form.village;
  a.received_at = std::string(now_utc);
  a.applicant_name = fields.name;
  a.id_number = fields.id_number;
  a.phone = fields.phone;
  a.relation = fields.relation;
  a.text = fields.text;
  a.client_hash = access::Sha256Hex(client_address);
  a.status = ApplicationStatus::kUnmatched;
  XJ_RETURN_IF_ERROR(apps.Admit(a.client_hash, a.village_code, now, retry_after));
  store::Database& db = ws.database();
  XJ_ASSIGN_OR_RETURN(a.id, db.PutApplication(a));
  if (a.id_number.empty()) return receipt;

  const std::string household = HouseholdOfMember(*ws.view(), a.village_code, a.id_number);
  if (household.empty()) return receipt;
  Application outcome = a;
  auto taken =
      cases::TakeLead(db, LeadOf(a, household, now_utc), a.village_code, cases::SystemActor(), now_utc);
  if (taken.ok()) {
    outcome.status = ApplicationStatus::kMatched;
    outcome.household_id = household;
    outcome.case_id = *taken;
  } else {
    // The applicant has been answered alike either way; the cadre sees why in the inbox.
    outcome.note = "household " + household + " matched the ID number, but its lead could not "
                   "be taken: " + taken.status().message();
  }
  // A failure to record the outcome must not change the answer either: the application is
  // stored, and an unmatched one waits in the inbox.
  (void)db.UpdateApplication(outcome, ApplicationStatus::kUnmatched);
  return receipt;
}

// ---- the inbox

Result<Page<ApplicationItem>> ListApplications(Workspace& ws, const access::Principal& principal,
                                               const ApplicationQuery& query) {
  XJ_RETURN_IF_ERROR(CheckPaging(query.offset, query.limit));
  std::string region = principal.scope;
  if (!query.village.empty()) {
    XJ_RETURN_IF_ERROR(CheckRegionCode("query parameter 'village'", query.village, true));
    region = query.village;
  } else if (!query.region.empty()) {
    XJ_RETURN_IF_ERROR(CheckRegionCode("query parameter 'region'", query.region));
    region = query.region;
  }
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kCaseRead, region));
  cases::ApplicationFilter filter;
  filter.village_prefix = region;
  filter.offset = query.offset;
  filter.limit = query.limit;
  if (!query.status.empty()) {
    const std::optional<ApplicationStatus> status = cases::ParseApplicationStatus(query.status);
    if (!status) {
      return InvalidArgument("query parameter 'status' must be matched, unmatched, linked or "
                             "closed, not '" + query.status + "'");
    }
    filter.statuses = {*status};
  }
  store::Database& db = ws.database();
  Page<ApplicationItem> page;
  page.offset = query.offset;
  page.limit = query.limit;
  XJ_ASSIGN_OR_RETURN(std::vector<Application> rows, db.ListApplications(filter, &page.total));
  // Recorded before anything is shown: the rows hold names, ID numbers and phone numbers.
  XJ_RETURN_IF_ERROR(RecordRead(db, principal, "application.list", region,
                                nlohmann::json({{"status", query.status},
                                                {"offset", query.offset},
                                                {"limit", query.limit},
                                                {"returned", rows.size()}})
                                    .dump()));
  const std::shared_ptr<const WorkspaceView> view = ws.view();
  for (Application& a : rows) {
    ApplicationItem item;
    item.village_name = view->RegionName(a.village_code);
    item.application = Shown(principal, std::move(a));
    page.items.push_back(std::move(item));
  }
  return page;
}

Result<Application> LinkApplication(Workspace& ws, const access::Principal& principal, int64_t id,
                                    const std::string& household_id, std::string_view now_utc) {
  store::Database& db = ws.database();
  XJ_ASSIGN_OR_RETURN(Application a, UnmatchedInScope(db, principal, id, "linked"));
  if (household_id.empty()) return InvalidArgument("'household_id' is required");
  {
    const std::shared_ptr<const WorkspaceView> view = ws.view();
    const registry::Snapshot& snapshot = view->snapshot();
    const int64_t h = snapshot.Find(household_id);
    if (h < 0) {
      return NotFound("there is no household " + household_id +
                      " in the registry; check the household id");
    }
    const std::string village = std::to_string(snapshot.village_code()[h]);
    if (village != a.village_code) {
      return InvalidArgument("household " + household_id + " is of village " + village +
                             ", not of the application's village " + a.village_code +
                             "; link it to a household of " + a.village_code);
    }
  }
  // The lead is the applicant's, as when the ID number matched: the system takes it (and may
  // join any open case); the officer who said whose it is stands in its note, the application
  // and the audit log.
  cases::Lead lead = LeadOf(a, household_id, now_utc);
  lead.note += "\n关联：" + principal.username;
  XJ_ASSIGN_OR_RETURN(int64_t case_id,
                      cases::TakeLead(db, lead, a.village_code, cases::SystemActor(), now_utc));
  a.status = ApplicationStatus::kLinked;
  a.household_id = household_id;
  a.case_id = case_id;
  a.handled_by = principal.username;
  a.handled_at = std::string(now_utc);
  XJ_RETURN_IF_ERROR(db.UpdateApplication(a, ApplicationStatus::kUnmatched));
  XJ_RETURN_IF_ERROR(RecordRead(db, principal, "application.link",
                                "application:" + std::to_string(id),
                                nlohmann::json({{"household_id", household_id},
                                                {"case_id", case_id}})
                                    .dump()));
  return Shown(principal, std::move(a));
}

Result<Application> CloseApplication(Workspace& ws, const access::Principal& principal, int64_t id,
                                     const std::string& reason, std::string_view now_utc) {
  store::Database& db = ws.database();
  XJ_ASSIGN_OR_RETURN(Application a, UnmatchedInScope(db, principal, id, "closed"));
  const std::string why = Trimmed(reason);
  if (why.empty() || Characters(why) > 500) {
    return InvalidArgument("'reason' must be 1 to 500 characters: why the application is closed");
  }
  a.status = ApplicationStatus::kClosed;
  a.handled_by = principal.username;
  a.handled_at = std::string(now_utc);
  a.note = why;
  XJ_RETURN_IF_ERROR(db.UpdateApplication(a, ApplicationStatus::kUnmatched));
  XJ_RETURN_IF_ERROR(RecordRead(db, principal, "application.close",
                                "application:" + std::to_string(id)));
  return Shown(principal, std::move(a));
}

}  // namespace xianjie::service
