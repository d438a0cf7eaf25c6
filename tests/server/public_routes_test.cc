// The public application page over a real socket (api_public.cc, decision 0005): a village's
// facts, a challenge solved here as the page solves it (16 bits), the same 202 for a known and an
// unknown ID number, for a bad proof and a filled honeypot (which /metrics counts), 429 with
// Retry-After past five an hour, 404 for what is not a village, 400 naming a bad field; the
// officers' inbox: list, masking, link and close. Each test has a server of its own, so that
// the limits of one do not reach the next.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "access/audit.h"
#include "registry/region.h"
#include "server/server_harness.h"

namespace xianjie::server::testing {
namespace {

using access::Role;
using nlohmann::json;

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

class PublicRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(h_.ok()); }

  // GET /public/challenge for the village, and a nonce that proves the bits it asks for (or,
  // with `solve` false, one that does not).
  json Challenge(const std::string& village, bool solve = true) {
    auto res = h_.Client().Get("/api/v1/public/challenge?village=" + village);
    EXPECT_TRUE(res && res->status == 200) << (res ? res->body : "no response");
    json c = BodyJson(res);
    const std::string challenge = c.value("challenge", "");
    const int bits = c.value("bits", 0);
    EXPECT_EQ(bits, 16);
    for (int n = 0;; ++n) {
      const bool holds =
          ZeroBits(access::Sha256Hex(challenge + ":" + std::to_string(n))) >= bits;
      if (holds == solve) {
        c["nonce"] = std::to_string(n);
        return c;
      }
    }
  }
  json Form(const std::string& id_number, bool solve = true) {
    const json c = Challenge(ServerHarness::kInVillage, solve);
    return {{"challenge", c["challenge"]}, {"nonce", c["nonce"]},
            {"village", ServerHarness::kInVillage}, {"name", "李四"},
            {"id_number", id_number}, {"phone", "13900001111"},
            {"relation", "proxy"}, {"text", "父亲突发重病，住院花费很大"},
            {"website", ""}};
  }
  httplib::Result Submit(const json& form, const httplib::Headers& headers = {}) {
    return h_.Client().Post("/api/v1/public/applications", headers, form.dump(),
                            "application/json");
  }
  std::string MemberId(const std::string& household) {
    const std::string ids[] = {household};
    auto current = h_.database().GetCurrent(ids);
    EXPECT_TRUE(current.ok() && current->size() == 1);
    return current.ok() && !current->empty() ? current->front().record.members.front().id_number
                                              : "";
  }
  std::vector<cases::Application> Stored() {
    auto all = h_.database().ListApplications({});
    EXPECT_TRUE(all.ok());
    return all.ok() ? *all : std::vector<cases::Application>{};
  }
  httplib::Headers SessionOf(Role role) { return ServerHarness::Headers(h_.Login(h_.User(role))); }

  ServerHarness h_;
};

TEST_F(PublicRoutesTest, AVillageAndItsChallengeNeedNoSession) {
  auto village = h_.Client().Get(std::string("/api/v1/public/villages/") +
                                 ServerHarness::kInVillage);
  ASSERT_TRUE(village && village->status == 200) << (village ? village->body : "");
  const json v = BodyJson(village);
  EXPECT_EQ(v["code"], ServerHarness::kInVillage);
  EXPECT_EQ(v["name"], registry::RegionTable::BuiltIn().Find(ServerHarness::kInVillage)->name);
  EXPECT_EQ(v["path"].size(), 5u);
  auto challenge = h_.Client().Get(std::string("/api/v1/public/challenge?village=") +
                                   ServerHarness::kInVillage);
  ASSERT_TRUE(challenge && challenge->status == 200);
  const json c = BodyJson(challenge);
  EXPECT_EQ(c["bits"], 16);
  EXPECT_EQ(c["village"], ServerHarness::kInVillage);
  EXPECT_TRUE(c["challenge"].get<std::string>().starts_with(ServerHarness::kInVillage));
  EXPECT_EQ(challenge->get_header_value("Cache-Control"), "no-store");
}

TEST_F(PublicRoutesTest, WhatIsNotAVillageIs404) {
  for (const std::string code : {"630102001999", "630102001", "x"}) {
    auto v = h_.Client().Get("/api/v1/public/villages/" + code);
    ASSERT_TRUE(v);
    EXPECT_EQ(v->status, 404) << code;
    EXPECT_EQ(ErrorCode(v), "NOT_FOUND");
    auto c = h_.Client().Get("/api/v1/public/challenge?village=" + code);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->status, 404) << code;
  }
  auto missing = h_.Client().Get("/api/v1/public/challenge");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  json form = Form("");
  form["village"] = "630102001999";
  auto res = Submit(form);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
}

TEST_F(PublicRoutesTest, AKnownAndAnUnknownIdNumberGetTheSameAnswer) {
  const std::string known = MemberId(h_.in_household);
  auto first = Submit(Form(known));
  auto second = Submit(Form("11010519491231002X"));
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->status, 202) << first->body;
  EXPECT_EQ(second->status, 202) << second->body;
  const json a = BodyJson(first), b = BodyJson(second);
  EXPECT_EQ(a.size(), 2u);
  EXPECT_EQ(b.size(), 2u);
  EXPECT_EQ(a["received"], true);
  EXPECT_EQ(b["received"], true);
  EXPECT_EQ(a["reference"].get<std::string>().size(), b["reference"].get<std::string>().size());
  EXPECT_NE(a["reference"], b["reference"]);
  EXPECT_EQ(first->get_header_value("Content-Type"), second->get_header_value("Content-Type"));
  EXPECT_EQ(first->body.size(), second->body.size());

  // Behind the answer: the known one became a self_application lead of its household.
  const std::vector<cases::Application> stored = Stored();
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].status, cases::ApplicationStatus::kMatched);
  EXPECT_EQ(stored[0].household_id, h_.in_household);
  EXPECT_EQ(stored[0].reference, a["reference"]);
  EXPECT_EQ(stored[0].client_hash, access::Sha256Hex("127.0.0.1"));
  EXPECT_EQ(stored[1].status, cases::ApplicationStatus::kUnmatched);
  auto open = h_.database().OpenCaseOf(h_.in_household);
  ASSERT_TRUE(open.ok() && open->has_value());
  EXPECT_EQ((*open)->id, stored[0].case_id);
  EXPECT_EQ((*open)->channel, cases::Channel::kSelfApplication);
}

TEST_F(PublicRoutesTest, ABadProofAndAFilledHoneypotLookAcceptedAndAreCounted) {
  auto bad = Submit(Form(MemberId(h_.in_household), /*solve=*/false));
  json honeypot = Form(MemberId(h_.in_household));
  honeypot["website"] = "http://spam.example/";
  auto trap = Submit(honeypot);
  ASSERT_TRUE(bad && trap);
  EXPECT_EQ(bad->status, 202) << bad->body;
  EXPECT_EQ(trap->status, 202) << trap->body;
  EXPECT_EQ(BodyJson(bad)["received"], true);
  EXPECT_EQ(BodyJson(trap)["received"], true);
  EXPECT_EQ(BodyJson(bad)["reference"].get<std::string>().size(), 9u);
  EXPECT_TRUE(Stored().empty());
  EXPECT_EQ(h_.database().OpenCaseOf(h_.in_household).value(), std::nullopt);
  auto metrics = h_.Client().Get("/metrics");
  ASSERT_TRUE(metrics && metrics->status == 200);
  EXPECT_NE(metrics->body.find(
                "xianjie_events_total{event=\"public_application_dropped_proof\"} 1\n"),
            std::string::npos)
      << metrics->body;
  EXPECT_NE(metrics->body.find(
                "xianjie_events_total{event=\"public_application_dropped_honeypot\"} 1\n"),
            std::string::npos);
}

TEST_F(PublicRoutesTest, TheSixthApplicationInAnHourIs429WithRetryAfter) {
  for (int i = 0; i < 5; ++i) {
    auto res = Submit(Form(""));
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 202) << i << ": " << res->body;
  }
  auto refused = Submit(Form(""));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 429) << refused->body;
  EXPECT_EQ(ErrorCode(refused), "RESOURCE_EXHAUSTED");
  const std::string retry = refused->get_header_value("Retry-After");
  ASSERT_FALSE(retry.empty());
  const int seconds = std::stoi(retry);
  EXPECT_GT(seconds, 3500);
  EXPECT_LE(seconds, 3600);
  EXPECT_EQ(BodyJson(refused)["error"]["details"]["retry_after_seconds"], seconds);
  EXPECT_EQ(Stored().size(), 5u);
}

TEST_F(PublicRoutesTest, ABadFieldIs400NamingIt) {
  const std::vector<std::pair<std::string, json>> spoiled = {
      {"name", ""}, {"phone", "12"}, {"relation", "friend"}, {"text", ""},
      {"id_number", "110105194912310021"}};
  for (const auto& [field, value] : spoiled) {
    json form = Form("");
    form[field] = value;
    auto res = Submit(form);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << field << ": " << res->body;
    EXPECT_EQ(ErrorCode(res), "INVALID_ARGUMENT");
    EXPECT_NE(BodyJson(res)["error"]["message"].get<std::string>().find("'" + field + "'"),
              std::string::npos)
        << res->body;
  }
  json missing = Form("");
  missing.erase("phone");
  auto res = Submit(missing);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  json forged = Form("");
  forged["challenge"] = std::string(ServerHarness::kInVillage) + "|1|00|00";
  res = Submit(forged);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  res = h_.Client().Post("/api/v1/public/applications", "{not json", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_TRUE(Stored().empty());
}

TEST_F(PublicRoutesTest, ASessionCookieLendsThePublicPostNoAuthority) {
  // A signed-in browser without the CSRF header: the public route does not care, and nothing is
  // recorded in the user's name.
  Session s = h_.Login(h_.User(Role::kVillage));
  auto res = Submit(Form(""), ServerHarness::Headers(s, /*csrf=*/false));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 202) << res->body;
  EXPECT_TRUE(h_.AuditEntries([&](const access::AuditEntry& e) {
                  return e.user == h_.User(Role::kVillage).username && e.action != "user.login";
                }).empty());
  EXPECT_EQ(Stored().front().handled_by, "");
}

TEST_F(PublicRoutesTest, OfficersListLinkAndCloseInTheirVillage) {
  ASSERT_EQ(Submit(Form("11010519491231002X"))->status, 202);
  ASSERT_EQ(Submit(Form(""))->status, 202);
  const std::string list =
      std::string("/api/v1/applications?status=unmatched&village=") + ServerHarness::kInVillage;
  const httplib::Headers village = SessionOf(Role::kVillage);
  auto res = h_.Client().Get(list, village);
  ASSERT_TRUE(res && res->status == 200) << (res ? res->body : "");
  json page = BodyJson(res);
  EXPECT_EQ(page["total"], 2);
  ASSERT_EQ(page["items"].size(), 2u);
  EXPECT_EQ(page["items"][0]["id_number"], "11010519491231002X");
  EXPECT_EQ(page["items"][0]["phone"], "13900001111");
  EXPECT_EQ(page["items"][0]["relation"], "proxy");
  EXPECT_FALSE(page["items"][0].contains("client_hash"));
  const int64_t first = page["items"][0]["id"], second = page["items"][1]["id"];

  auto masked = h_.Client().Get(list, SessionOf(Role::kCounty));
  ASSERT_TRUE(masked && masked->status == 200);
  EXPECT_EQ(BodyJson(masked)["items"][0]["id_number"], "110105********002X");

  auto linked = h_.Client().Post("/api/v1/applications/" + std::to_string(first) + "/link",
                                 village, json({{"household_id", h_.in_household}}).dump(),
                                 "application/json");
  ASSERT_TRUE(linked && linked->status == 200) << (linked ? linked->body : "");
  EXPECT_EQ(BodyJson(linked)["status"], "linked");
  EXPECT_EQ(BodyJson(linked)["household_id"], h_.in_household);
  EXPECT_GT(BodyJson(linked)["case_id"].get<int64_t>(), 0);
  auto again = h_.Client().Post("/api/v1/applications/" + std::to_string(first) + "/link",
                                village, json({{"household_id", h_.in_household}}).dump(),
                                "application/json");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 409);

  auto closed = h_.Client().Post("/api/v1/applications/" + std::to_string(second) + "/close",
                                 village, json({{"reason", "重复申请"}}).dump(),
                                 "application/json");
  ASSERT_TRUE(closed && closed->status == 200) << (closed ? closed->body : "");
  EXPECT_EQ(BodyJson(closed)["status"], "closed");
  EXPECT_EQ(BodyJson(closed)["note"], "重复申请");

  auto bad = h_.Client().Post("/api/v1/applications/x/close", village,
                              json({{"reason", "r"}}).dump(), "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  auto unknown = h_.Client().Post("/api/v1/applications/99/close", village,
                                  json({{"reason", "r"}}).dump(), "application/json");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  res = h_.Client().Get(list, village);
  ASSERT_TRUE(res && res->status == 200);
  EXPECT_EQ(BodyJson(res)["total"], 0);
}

}  // namespace
}  // namespace xianjie::server::testing
