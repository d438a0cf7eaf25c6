// The public application page through the service (service/applications.h): villages, signed
// challenges and their expiry, the proof of work, every field check, the rate limits on an
// explicit clock, the same receipt whatever is entered (a known or unknown ID number, a bad
// proof, a filled honeypot), the lead a match takes; the inbox: list with masking, scope and
// audit, link and close.
#include "service/applications.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "access/audit.h"
#include "base/id_number.h"
#include "registry/region.h"
#include "service/cases.h"
#include "service/service_test_support.h"

namespace xianjie::service {
namespace {

using access::Role;
using cases::Application;
using cases::ApplicationStatus;
using testing::kVillageA;
using testing::kVillageB;
using testing::kVillageC;
using testing::MakeWorld;
using testing::Officer;
using testing::World;

constexpr int kBits = 8;  // cheap proofs for tests; the server asks for 16

// 2026-12-01T04:00:00Z plus `seconds`.
std::string At(int64_t seconds) {
  const int64_t base = int64_t{CivilDate::FromYmd(2026, 12, 1).ToDays()} * 86400 + 4 * 3600;
  const int64_t t = base + seconds;
  const CivilDate day = CivilDate::FromDays(static_cast<int32_t>(t / 86400));
  char text[32];
  std::snprintf(text, sizeof text, "%sT%02d:%02d:%02dZ", day.ToString().c_str(),
                static_cast<int>(t % 86400 / 3600), static_cast<int>(t % 3600 / 60),
                static_cast<int>(t % 60));
  return text;
}
int64_t Unix(int64_t seconds) {
  return int64_t{CivilDate::FromYmd(2026, 12, 1).ToDays()} * 86400 + 4 * 3600 + seconds;
}

int ZeroBits(const std::string& hex) {
  int bits = 0;
  for (char c : hex) {
    const int v = std::stoi(std::string(1, c), nullptr, 16);
    for (int mask = 8; mask > 0; mask >>= 1) {
      if (v & mask) return bits;
      ++bits;
    }
  }
  return bits;
}

// The first nonce (0, 1, ...) whose SHA-256 with the challenge starts with `bits` zero bits,
// computed here as the page computes it.
std::string Solve(const std::string& challenge, int bits) {
  for (int n = 0;; ++n) {
    if (ZeroBits(access::Sha256Hex(challenge + ":" + std::to_string(n))) >= bits) {
      return std::to_string(n);
    }
  }
}
// A nonce that does not prove the work.
std::string Unsolved(const std::string& challenge, int bits) {
  for (int n = 0;; ++n) {
    if (ZeroBits(access::Sha256Hex(challenge + ":" + std::to_string(n))) < bits) {
      return std::to_string(n);
    }
  }
}

// The ID number of the first member of household `id`.
std::string MemberId(const World& w, const std::string& id) {
  for (const auto& r : w.records) {
    if (r.household.household_id == id) return r.members.front().id_number;
  }
  ADD_FAILURE() << id;
  return "";
}

PublicLimits BitsOnly(int bits) {
  PublicLimits limits;
  limits.proof_bits = bits;
  return limits;
}

class ApplicationsTest : public ::testing::Test {
 protected:
  ApplicationsTest() : apps_(BitsOnly(kBits)) {}

  // A valid, solved form for `village` at `seconds`, naming `id_number`.
  ApplicationForm Form(const std::string& village, const std::string& id_number,
                       int64_t seconds = 0) {
    auto c = IssueChallenge(*w_.ws, apps_, village, At(seconds));
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    ApplicationForm f;
    f.challenge = c.ok() ? c->challenge : "";
    f.nonce = Solve(f.challenge, kBits);
    f.village = village;
    f.name = "王小明";
    f.id_number = id_number;
    f.phone = "138 0000-0000";
    f.relation = "self";
    f.text = "家里老人住院，花了三万多元医药费";
    return f;
  }
  Result<Receipt> Submit(const ApplicationForm& f, int64_t seconds = 0,
                         const std::string& client = "203.0.113.7",
                         int64_t* retry_after = nullptr) {
    return SubmitApplication(*w_.ws, apps_, f, client, At(seconds), retry_after);
  }
  std::vector<Application> Stored() {
    auto all = w_.db->ListApplications({});
    EXPECT_TRUE(all.ok());
    return all.ok() ? *all : std::vector<Application>{};
  }
  int64_t AuditCount(const std::string& action) {
    int64_t n = 0;
    EXPECT_TRUE(w_.db->ForEach([&](const access::AuditEntry& e) {
                       if (e.action == action) ++n;
                       return Status::Ok();
                     })
                    .ok());
    return n;
  }
  // An unmatched application of village A, stored through the public side; its id.
  int64_t Unmatched(int64_t seconds = 0) {
    auto r = Submit(Form(kVillageA, ""), seconds);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return Stored().back().id;
  }

  World w_ = MakeWorld();
  PublicApplications apps_;
  const access::Principal village_ = Officer(Role::kVillage, kVillageA, "cadre");
};

ApplicationQuery Query(const std::string& village, const std::string& region = "",
                       const std::string& status = "", int64_t limit = 50) {
  ApplicationQuery q;
  q.village = village;
  q.region = region;
  q.status = status;
  q.limit = limit;
  return q;
}

bool LooksLikeReference(const std::string& r) {
  return std::regex_match(r, std::regex("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}"));
}

// ---- villages and challenges

TEST_F(ApplicationsTest, AVillageGivesItsNameAndPath) {
  auto v = PublicVillage(*w_.ws, kVillageA);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  const registry::RegionTable& table = registry::RegionTable::BuiltIn();
  EXPECT_EQ(v->code, kVillageA);
  EXPECT_EQ(v->name, table.Find(kVillageA)->name);
  ASSERT_EQ(v->path.size(), 5u);
  EXPECT_EQ(v->path.front(), table.Find("63")->name);
  EXPECT_EQ(v->path[2], table.Find("630102")->name);
  EXPECT_EQ(v->path.back(), v->name);
}

TEST_F(ApplicationsTest, WhatIsNotAVillageIsNotFound) {
  for (const std::string code : {"630102001", "630102001000", "630102001999", "63010200100x",
                                 "", "63", "6301020010011"}) {
    EXPECT_EQ(PublicVillage(*w_.ws, code).status().code(), StatusCode::kNotFound) << code;
    EXPECT_EQ(IssueChallenge(*w_.ws, apps_, code, At(0)).status().code(), StatusCode::kNotFound)
        << code;
  }
}

TEST_F(ApplicationsTest, AChallengeHoldsForItsVillageForTenMinutes) {
  auto c = IssueChallenge(*w_.ws, apps_, kVillageA, At(0));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->proof_bits, kBits);
  EXPECT_EQ(c->expires_at, At(600));
  EXPECT_TRUE(apps_.CheckChallenge(c->challenge, kVillageA, Unix(0)).ok());
  EXPECT_TRUE(apps_.CheckChallenge(c->challenge, kVillageA, Unix(600)).ok());
  const Status late = apps_.CheckChallenge(c->challenge, kVillageA, Unix(601));
  EXPECT_EQ(late.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(late.message().find("expired"), std::string::npos) << late.message();
  const Status other = apps_.CheckChallenge(c->challenge, kVillageB, Unix(0));
  EXPECT_EQ(other.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(other.message().find("another village"), std::string::npos) << other.message();
}

TEST_F(ApplicationsTest, AChallengeNotSignedByThisProcessIsRefused) {
  auto c = IssueChallenge(*w_.ws, apps_, kVillageA, At(0));
  ASSERT_TRUE(c.ok());
  // Another process (a restart) draws another key.
  PublicApplications restarted(BitsOnly(kBits));
  EXPECT_EQ(restarted.CheckChallenge(c->challenge, kVillageA, Unix(0)).code(),
            StatusCode::kInvalidArgument);
  // A changed time or village, with the old signature.
  std::string changed = c->challenge;
  const size_t bar = changed.find('|');
  changed.replace(bar + 1, 1, changed[bar + 1] == '1' ? "2" : "1");
  EXPECT_EQ(apps_.CheckChallenge(changed, kVillageA, Unix(0)).code(),
            StatusCode::kInvalidArgument);
  std::string moved = c->challenge;
  moved.replace(0, 12, kVillageB);
  EXPECT_EQ(apps_.CheckChallenge(moved, kVillageB, Unix(0)).code(), StatusCode::kInvalidArgument);
  for (const std::string& bad : std::vector<std::string>{"", "x", "a|b|c|d", c->challenge + "|",
                                                         c->challenge + "0"}) {
    EXPECT_EQ(apps_.CheckChallenge(bad, kVillageA, Unix(0)).code(), StatusCode::kInvalidArgument)
        << bad;
  }
}

TEST_F(ApplicationsTest, TheProofNeedsTheLeadingZeroBits) {
  auto c = IssueChallenge(*w_.ws, apps_, kVillageA, At(0));
  ASSERT_TRUE(c.ok());
  for (int n = 0; n < 600; ++n) {
    const std::string nonce = std::to_string(n);
    EXPECT_EQ(apps_.ProofHolds(c->challenge, nonce),
              ZeroBits(access::Sha256Hex(c->challenge + ":" + nonce)) >= kBits)
        << nonce;
  }
  EXPECT_FALSE(apps_.ProofHolds(c->challenge, ""));
  // Sixteen bits by default.
  PublicApplications strict;
  EXPECT_EQ(strict.limits().proof_bits, 16);
  const std::string eight = Solve(c->challenge, 8);
  EXPECT_EQ(strict.ProofHolds(c->challenge, eight),
            ZeroBits(access::Sha256Hex(c->challenge + ":" + eight)) >= 16);
}

// ---- submissions

TEST_F(ApplicationsTest, AnIdNumberOfTheVillageTakesASelfApplicationLead) {
  const std::string id = MemberId(w_, "A02");
  ASSERT_TRUE(w_.db->OpenCaseOf("A02").value() == std::nullopt);
  auto r = Submit(Form(kVillageA, id));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(LooksLikeReference(r->reference)) << r->reference;
  EXPECT_EQ(r->dropped, DropReason::kNone);

  const std::vector<Application> stored = Stored();
  ASSERT_EQ(stored.size(), 1u);
  const Application& a = stored.front();
  EXPECT_EQ(a.status, ApplicationStatus::kMatched);
  EXPECT_EQ(a.household_id, "A02");
  EXPECT_EQ(a.reference, r->reference);
  EXPECT_EQ(a.village_code, kVillageA);
  EXPECT_EQ(a.received_at, At(0));
  EXPECT_EQ(a.id_number, id);
  EXPECT_EQ(a.phone, "138 0000-0000");
  EXPECT_EQ(a.client_hash, access::Sha256Hex("203.0.113.7"));
  EXPECT_EQ(a.text.find("203.0.113.7"), std::string::npos);

  auto open = w_.db->OpenCaseOf("A02");
  ASSERT_TRUE(open.ok() && open->has_value());
  EXPECT_EQ((*open)->id, a.case_id);
  EXPECT_EQ((*open)->state, cases::CaseState::kLead);
  EXPECT_EQ((*open)->channel, cases::Channel::kSelfApplication);
  EXPECT_EQ((*open)->village_code, kVillageA);
  auto leads = w_.db->LeadsOf("A02");
  ASSERT_TRUE(leads.ok());
  ASSERT_EQ(leads->size(), 1u);
  EXPECT_EQ(leads->front().source, "application:" + std::to_string(a.id));
  EXPECT_NE(leads->front().note.find("三万多元"), std::string::npos);
  EXPECT_NE(leads->front().note.find("138 0000-0000"), std::string::npos);
  EXPECT_NE(leads->front().note.find(r->reference), std::string::npos);
}

TEST_F(ApplicationsTest, AMatchJoinsTheHouseholdsOpenCase) {
  auto first = AddLead(*w_.ws, village_, "A03", "cadre_visit", "", "mishap", At(0));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto r = Submit(Form(kVillageA, MemberId(w_, "A03"), 10), 10);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Application a = Stored().front();
  EXPECT_EQ(a.status, ApplicationStatus::kMatched);
  EXPECT_EQ(a.case_id, *first);
  auto events = w_.db->CaseEvents(*first);
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->back().event, cases::EventType::kJoinLead);
  EXPECT_EQ(events->back().actor, "system");
}

TEST_F(ApplicationsTest, TheAnswerIsTheSameWhateverIsEntered) {
  struct Try {
    const char* what;
    ApplicationForm form;
    DropReason dropped;
  };
  std::vector<Try> tries;
  tries.push_back({"a member of the village", Form(kVillageA, MemberId(w_, "A01")),
                   DropReason::kNone});
  tries.push_back({"a member of another village", Form(kVillageA, MemberId(w_, "B01")),
                   DropReason::kNone});
  tries.push_back({"nobody's", Form(kVillageA, "11010519491231002X"), DropReason::kNone});
  tries.push_back({"none", Form(kVillageA, ""), DropReason::kNone});
  ApplicationForm bad_proof = Form(kVillageA, MemberId(w_, "A04"));
  bad_proof.nonce = Unsolved(bad_proof.challenge, kBits);
  tries.push_back({"a bad proof", bad_proof, DropReason::kProof});
  ApplicationForm honeypot = Form(kVillageA, MemberId(w_, "A04"));
  honeypot.website = "http://spam.example";
  tries.push_back({"a filled honeypot", honeypot, DropReason::kHoneypot});
  std::set<std::string> references;
  int client = 0;
  for (const Try& t : tries) {
    auto r = Submit(t.form, 0, "198.51.100." + std::to_string(++client));
    ASSERT_TRUE(r.ok()) << t.what << ": " << r.status().ToString();
    EXPECT_TRUE(LooksLikeReference(r->reference)) << t.what << ": " << r->reference;
    EXPECT_TRUE(references.insert(r->reference).second) << t.what;
    EXPECT_EQ(r->dropped, t.dropped) << t.what;
  }
  // Four stored, the village's member matched; the dropped ones counted, not stored.
  const std::vector<Application> stored = Stored();
  ASSERT_EQ(stored.size(), 4u);
  EXPECT_EQ(stored[0].status, ApplicationStatus::kMatched);
  for (size_t i = 1; i < 4; ++i) {
    EXPECT_EQ(stored[i].status, ApplicationStatus::kUnmatched) << i;
    EXPECT_EQ(stored[i].household_id, "") << i;
    EXPECT_EQ(stored[i].case_id, 0) << i;
  }
  EXPECT_EQ(w_.db->OpenCaseOf("B01").value(), std::nullopt);
  EXPECT_EQ(w_.db->OpenCaseOf("A04").value(), std::nullopt);
  EXPECT_EQ(apps_.dropped(DropReason::kProof), 1);
  EXPECT_EQ(apps_.dropped(DropReason::kHoneypot), 1);
}

TEST_F(ApplicationsTest, AChallengeCarriesOneApplication) {
  // The same form sent twice (a replayed proof): the second is answered alike and dropped.
  const ApplicationForm form = Form(kVillageA, "");
  auto first = Submit(form, 0, "198.51.100.1");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->dropped, DropReason::kNone);
  auto again = Submit(form, 5, "198.51.100.2");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->dropped, DropReason::kReplay);
  EXPECT_TRUE(LooksLikeReference(again->reference));
  EXPECT_NE(again->reference, first->reference);
  EXPECT_EQ(Stored().size(), 1u);
  EXPECT_EQ(apps_.dropped(DropReason::kReplay), 1);
  // A form sent back for a bad field does not spend its challenge: corrected, it goes through.
  ApplicationForm bad = Form(kVillageA, "");
  bad.phone = "12";
  EXPECT_EQ(Submit(bad, 10, "198.51.100.3").status().code(), StatusCode::kInvalidArgument);
  bad.phone = "13800000000";
  auto corrected = Submit(bad, 20, "198.51.100.3");
  ASSERT_TRUE(corrected.ok()) << corrected.status().ToString();
  EXPECT_EQ(corrected->dropped, DropReason::kNone);
  EXPECT_EQ(Stored().size(), 2u);
}

TEST(PublicApplications, SpentChallengesAreForgottenWhenTheyExpire) {
  PublicApplications apps(PublicLimits{.challenge_seconds = 600});
  EXPECT_TRUE(apps.Spend("c1", 1000));
  EXPECT_FALSE(apps.Spend("c1", 1000));
  EXPECT_FALSE(apps.Spend("c1", 1600));  // still within its life
  EXPECT_TRUE(apps.Spend("c2", 1601));   // c1 forgotten meanwhile ...
  EXPECT_TRUE(apps.Spend("c1", 1601));   // ... (it could no longer pass CheckChallenge anyway)
}

TEST_F(ApplicationsTest, EveryFieldIsCheckedAndNamed) {
  struct Case {
    const char* field;
    void (*spoil)(ApplicationForm&);
  };
  const std::vector<Case> cases = {
      {"name", [](ApplicationForm& f) { f.name = ""; }},
      {"name", [](ApplicationForm& f) { f.name = "   "; }},
      {"name", [](ApplicationForm& f) { f.name = std::string(65, 'a'); }},
      {"name", [](ApplicationForm& f) {
         f.name.clear();
         for (int i = 0; i < 65; ++i) f.name += "王";
       }},
      {"name", [](ApplicationForm& f) { f.name = "王\x01明"; }},
      {"phone", [](ApplicationForm& f) { f.phone = ""; }},
      {"phone", [](ApplicationForm& f) { f.phone = "123456"; }},
      {"phone", [](ApplicationForm& f) { f.phone = "+86 1-2 3"; }},
      {"phone", [](ApplicationForm& f) { f.phone = std::string(21, '1'); }},
      {"phone", [](ApplicationForm& f) { f.phone = "138x0000000"; }},
      {"relation", [](ApplicationForm& f) { f.relation = ""; }},
      {"relation", [](ApplicationForm& f) { f.relation = "cousin"; }},
      {"text", [](ApplicationForm& f) { f.text = ""; }},
      {"text", [](ApplicationForm& f) { f.text = std::string(2001, 'a'); }},
      {"text", [](ApplicationForm& f) { f.text = "a\x07" "b"; }},
      {"id_number", [](ApplicationForm& f) { f.id_number = "110105194912310021"; }},  // check
      {"id_number", [](ApplicationForm& f) { f.id_number = "12345"; }},
      {"id_number", [](ApplicationForm& f) { f.id_number = "11010520991231002X"; }},  // future
  };
  for (const Case& c : cases) {
    ApplicationForm f = Form(kVillageA, "");
    c.spoil(f);
    auto r = Submit(f);
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << c.field;
    EXPECT_NE(r.status().message().find("'" + std::string(c.field) + "'"), std::string::npos)
        << c.field << ": " << r.status().message();
  }
  EXPECT_TRUE(Stored().empty());
  // The bounds themselves are accepted: 64 and 2000 characters, 7 and 20 for the phone.
  ApplicationForm edge = Form(kVillageA, "");
  edge.name.clear();
  for (int i = 0; i < 64; ++i) edge.name += "王";
  edge.text = std::string(1998, 'b') + "\n" + "b";  // a line break is allowed in the text
  edge.phone = "1234567";
  edge.relation = "proxy";
  ASSERT_TRUE(Submit(edge).ok());
  edge = Form(kVillageA, "");
  edge.phone = "+86 138-0000-0000 12";
  ASSERT_EQ(edge.phone.size(), 20u);
  ASSERT_TRUE(Submit(edge, 0, "203.0.113.8").ok());
  EXPECT_EQ(Stored().size(), 2u);
  EXPECT_EQ(Stored().front().relation, cases::ApplicantRelation::kProxy);
}

TEST_F(ApplicationsTest, ALowerCaseXIsStoredUpperCase) {
  std::string id = "11010519491231002X";
  id.back() = 'x';
  ASSERT_TRUE(Submit(Form(kVillageA, id)).ok());
  EXPECT_EQ(Stored().front().id_number, "11010519491231002X");
}

TEST_F(ApplicationsTest, TheChallengeIsCheckedBeforeAnythingElse) {
  ApplicationForm f = Form(kVillageA, "");
  auto late = Submit(f, 601);
  EXPECT_EQ(late.status().code(), StatusCode::kInvalidArgument);
  ApplicationForm elsewhere = Form(kVillageA, "");
  elsewhere.village = kVillageB;
  EXPECT_EQ(Submit(elsewhere).status().code(), StatusCode::kInvalidArgument);
  ApplicationForm nowhere = Form(kVillageA, "");
  nowhere.village = "630102001999";
  EXPECT_EQ(Submit(nowhere).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(Stored().empty());
  EXPECT_EQ(apps_.dropped(DropReason::kProof), 0);
}

// ---- limits

TEST_F(ApplicationsTest, FivePerClientPerHourInASlidingWindow) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(Submit(Form(kVillageA, "", i * 600), i * 600).ok()) << i;  // minutes 0 .. 40
  }
  int64_t retry = 0;
  auto refused = Submit(Form(kVillageA, "", 3000), 3000, "203.0.113.7", &retry);
  EXPECT_EQ(refused.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(retry, 600);  // the first one leaves the window at 3600
  EXPECT_NE(refused.status().message().find("600 seconds"), std::string::npos);
  // Another address is not held back, nor is another village's page.
  EXPECT_TRUE(Submit(Form(kVillageA, "", 3000), 3000, "203.0.113.9").ok());
  EXPECT_EQ(Stored().size(), 6u);
  // An hour after the first, one more fits; the next waits for the second to leave.
  EXPECT_TRUE(Submit(Form(kVillageA, "", 3600), 3600).ok());
  retry = 0;
  EXPECT_EQ(Submit(Form(kVillageC, "", 3601), 3601, "203.0.113.7", &retry).status().code(),
            StatusCode::kResourceExhausted);
  EXPECT_EQ(retry, 599);
  EXPECT_EQ(Stored().size(), 7u);
}

TEST_F(ApplicationsTest, AHundredPerVillagePerDay) {
  for (int i = 0; i < 100; ++i) {
    ASSERT_TRUE(Submit(Form(kVillageA, "", i), i, "10.0.0." + std::to_string(i)).ok()) << i;
  }
  int64_t retry = 0;
  auto refused = Submit(Form(kVillageA, "", 200), 200, "10.0.1.1", &retry);
  EXPECT_EQ(refused.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(retry, 86400 - 200);
  EXPECT_TRUE(Submit(Form(kVillageB, "", 200), 200, "10.0.1.1").ok());
  EXPECT_TRUE(Submit(Form(kVillageA, "", 86400), 86400, "10.0.1.2").ok());
  EXPECT_EQ(Stored().size(), 102u);
}

TEST_F(ApplicationsTest, DroppedSubmissionsDoNotUseTheLimits) {
  for (int i = 0; i < 8; ++i) {
    ApplicationForm f = Form(kVillageA, "");
    f.website = "x";
    ASSERT_TRUE(Submit(f).ok());
  }
  EXPECT_TRUE(Submit(Form(kVillageA, "")).ok());
  EXPECT_EQ(Stored().size(), 1u);
  EXPECT_EQ(apps_.dropped(DropReason::kHoneypot), 8);
}

// ---- the inbox

TEST_F(ApplicationsTest, TheInboxShowsTheScopesApplicationsAndRecordsTheRead) {
  ASSERT_TRUE(Submit(Form(kVillageA, MemberId(w_, "A01"))).ok());
  ASSERT_TRUE(Submit(Form(kVillageA, "11010519491231002X"), 0, "1.1.1.1").ok());
  ASSERT_TRUE(Submit(Form(kVillageC, ""), 0, "1.1.1.2").ok());

  auto own = ListApplications(*w_.ws, village_, {});
  ASSERT_TRUE(own.ok()) << own.status().ToString();
  EXPECT_EQ(own->total, 2);
  ASSERT_EQ(own->items.size(), 2u);
  EXPECT_EQ(own->items[1].application.id_number, "11010519491231002X");  // villages see it whole
  EXPECT_EQ(own->items[0].village_name, registry::RegionTable::BuiltIn().Find(kVillageA)->name);
  EXPECT_EQ(AuditCount("application.list"), 1);

  auto unmatched = ListApplications(*w_.ws, village_, Query("", "", "unmatched"));
  ASSERT_TRUE(unmatched.ok());
  EXPECT_EQ(unmatched->total, 1);

  const access::Principal county = Officer(Role::kCounty, "630102");
  auto masked = ListApplications(*w_.ws, county, Query(kVillageA));
  ASSERT_TRUE(masked.ok());
  EXPECT_EQ(masked->items[1].application.id_number, MaskIdNumber("11010519491231002X"));

  const access::Principal province = Officer(Role::kProvince, "63");
  auto all = ListApplications(*w_.ws, province, Query("", "6301"));
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->total, 3);
  EXPECT_EQ(AuditCount("application.list"), 4);
}

TEST_F(ApplicationsTest, TheInboxRefusesOutsideTheScopeAndBadQueries) {
  EXPECT_EQ(ListApplications(*w_.ws, village_, Query(kVillageB)).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(ListApplications(*w_.ws, Officer(Role::kAdmin, "63"), {}).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(ListApplications(*w_.ws, village_, Query("6301")).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(ListApplications(*w_.ws, village_, Query("", "", "open")).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(ListApplications(*w_.ws, village_, Query("", "", "", 0)).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(AuditCount("application.list"), 0);
}

TEST_F(ApplicationsTest, ACadreLinksAnUnmatchedApplicationToAHouseholdOfTheVillage) {
  const int64_t id = Unmatched();
  EXPECT_EQ(LinkApplication(*w_.ws, village_, id, "B01", At(60)).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(LinkApplication(*w_.ws, village_, id, "Z99", At(60)).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(LinkApplication(*w_.ws, village_, id + 1, "A02", At(60)).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(LinkApplication(*w_.ws, Officer(Role::kVillage, kVillageB), id, "A02", At(60))
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(LinkApplication(*w_.ws, Officer(Role::kAuditor, "63"), id, "A02", At(60))
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(w_.db->OpenCaseOf("A02").value(), std::nullopt);

  auto linked = LinkApplication(*w_.ws, village_, id, "A02", At(60));
  ASSERT_TRUE(linked.ok()) << linked.status().ToString();
  EXPECT_EQ(linked->status, ApplicationStatus::kLinked);
  EXPECT_EQ(linked->household_id, "A02");
  EXPECT_EQ(linked->handled_by, "cadre");
  EXPECT_EQ(linked->handled_at, At(60));
  auto open = w_.db->OpenCaseOf("A02");
  ASSERT_TRUE(open.ok() && open->has_value());
  EXPECT_EQ((*open)->id, linked->case_id);
  EXPECT_EQ((*open)->channel, cases::Channel::kSelfApplication);
  auto leads = w_.db->LeadsOf("A02");
  ASSERT_TRUE(leads.ok());
  ASSERT_EQ(leads->size(), 1u);
  EXPECT_EQ(leads->front().source, "application:" + std::to_string(id));
  EXPECT_EQ(leads->front().channel, cases::Channel::kSelfApplication);
  EXPECT_NE(leads->front().note.find("cadre"), std::string::npos) << leads->front().note;
  EXPECT_EQ(w_.db->GetApplication(id).value(), *linked);
  EXPECT_EQ(AuditCount("application.link"), 1);

  const Status again = LinkApplication(*w_.ws, village_, id, "A01", At(120)).status();
  EXPECT_EQ(again.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(again.message().find("linked"), std::string::npos) << again.message();
  EXPECT_EQ(CloseApplication(*w_.ws, village_, id, "重复", At(120)).status().code(),
            StatusCode::kFailedPrecondition);
}

TEST_F(ApplicationsTest, ALinkJoinsTheOpenCaseAsTheApplicantsLeadWhoeverLinksIt) {
  // A county officer may not join a lead of their own to an open case; the applicant's lead
  // joins it all the same, taken by the system.
  auto open = AddLead(*w_.ws, village_, "A03", "cadre_visit", "", "mishap", At(0));
  ASSERT_TRUE(open.ok()) << open.status().ToString();
  ASSERT_TRUE(Submit(Form(kVillageA, "11010519491231002X")).ok());
  const int64_t id = Stored().back().id;
  const access::Principal county = Officer(Role::kCounty, "630102", "county.officer");
  auto linked = LinkApplication(*w_.ws, county, id, "A03", At(60));
  ASSERT_TRUE(linked.ok()) << linked.status().ToString();
  EXPECT_EQ(linked->case_id, *open);
  EXPECT_EQ(linked->handled_by, "county.officer");
  EXPECT_EQ(linked->id_number, MaskIdNumber("11010519491231002X"));  // as the county sees it
  auto events = w_.db->CaseEvents(*open);
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->back().event, cases::EventType::kJoinLead);
  EXPECT_EQ(events->back().actor, "system");
  EXPECT_NE(events->back().fields.at("note").find("county.officer"), std::string::npos);
}

TEST_F(ApplicationsTest, ALinkThatCannotBeTakenChangesNothing) {
  // The same lead twice for one household is refused by the store: the application stays.
  const int64_t id = Unmatched();
  cases::Lead taken;
  taken.household_id = "A04";
  taken.channel = cases::Channel::kSelfApplication;
  taken.source = "application:" + std::to_string(id);
  taken.at = At(0);
  ASSERT_TRUE(w_.db->AddLead(taken).ok());
  EXPECT_EQ(LinkApplication(*w_.ws, village_, id, "A04", At(60)).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(w_.db->GetApplication(id).value()->status, ApplicationStatus::kUnmatched);
  EXPECT_EQ(AuditCount("application.link"), 0);
}

TEST_F(ApplicationsTest, ACadreClosesAnUnmatchedApplicationWithAReason) {
  const int64_t id = Unmatched();
  EXPECT_EQ(CloseApplication(*w_.ws, village_, id, "  ", At(60)).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(CloseApplication(*w_.ws, Officer(Role::kVillage, kVillageC), id, "x", At(60))
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  auto closed = CloseApplication(*w_.ws, village_, id, " 已电话核实，非本村户籍 ", At(60));
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  EXPECT_EQ(closed->status, ApplicationStatus::kClosed);
  EXPECT_EQ(closed->note, "已电话核实，非本村户籍");
  EXPECT_EQ(closed->handled_by, "cadre");
  EXPECT_EQ(w_.db->GetApplication(id).value(), *closed);
  EXPECT_EQ(AuditCount("application.close"), 1);
  EXPECT_EQ(LinkApplication(*w_.ws, village_, id, "A02", At(120)).status().code(),
            StatusCode::kFailedPrecondition);
}

TEST_F(ApplicationsTest, AMatchedApplicationCannotBeLinkedAgain) {
  ASSERT_TRUE(Submit(Form(kVillageA, MemberId(w_, "A01"))).ok());
  const int64_t id = Stored().front().id;
  EXPECT_EQ(LinkApplication(*w_.ws, village_, id, "A02", At(60)).status().code(),
            StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace xianjie::service
