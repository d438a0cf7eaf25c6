// The server's lifecycle: Stop lets a request in flight finish and then refuses connections;
// Bind reports a port in use; Run needs Bind.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "base/clock.h"
#include "cases/case.h"
#include "server/server_harness.h"
#include "service/cases.h"

namespace xianjie::server::testing {
namespace {

TEST(ServerLifecycleTest, TheSweepEscalatesOverdueCasesInTheBackground) {
  HarnessOptions options;
  options.sweep_seconds = 1;
  ServerHarness h(options);
  ASSERT_TRUE(h.ok());
  // A lead recorded ten days ago and never applied for: two days were allowed.
  const std::string ten_days_ago = UtcNowIso8601PlusDays(-10);
  auto id = service::AddLead(h.workspace(), {"cadre", access::Role::kVillage, h.kInVillage},
                             h.in_household, "self_application", "户主来村委会申请", "",
                             ten_days_ago);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  auto escalations = [&] {
    auto events = h.database().CaseEvents(*id);
    EXPECT_TRUE(events.ok());
    int n = 0;
    for (const cases::EventRecord& e : events.ok() ? *events : std::vector<cases::EventRecord>{}) {
      n += e.event == cases::EventType::kEscalate ? 1 : 0;
    }
    return n;
  };
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (escalations() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_GE(escalations(), 1) << "no escalate event within 20 seconds of a sweep every second";
}

TEST(ServerLifecycleTest, StopLetsTheRequestInFlightFinish) {
  auto entered = std::make_shared<std::atomic<bool>>(false);
  HarnessOptions options;
  options.extra_routes.push_back({"GET", "/api/v1/test/slow", Access::kPublic,
                                  [entered](const httplib::Request&, const Caller&) {
                                    *entered = true;
                                    std::this_thread::sleep_for(std::chrono::milliseconds(600));
                                    return Result<Reply>(Json({{"done", true}}));
                                  }});
  ServerHarness h(options);
  ASSERT_TRUE(h.ok());
  int status = 0;
  nlohmann::json body;
  std::thread client([&] {
    auto slow = h.Client().Get("/api/v1/test/slow");
    if (!slow) return;
    status = slow->status;
    body = BodyJson(slow);
  });
  while (!*entered) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  h.Stop();  // returns once Run has returned
  client.join();
  EXPECT_EQ(status, 200);
  EXPECT_EQ(body, nlohmann::json({{"done", true}}));
  EXPECT_FALSE(h.Client().Get("/healthz"));
}

// GET /api/v1/test/hold: sets `entered`, then computes until `release` is set.
Route HoldRoute(std::shared_ptr<std::atomic<bool>> entered,
                std::shared_ptr<std::atomic<bool>> release) {
  return {"GET", "/api/v1/test/hold", Access::kPublic,
          [entered, release](const httplib::Request&, const Caller&) {
            *entered = true;
            while (!*release) std::this_thread::sleep_for(std::chrono::milliseconds(2));
            return Result<Reply>(Json({{"held", true}}));
          }};
}

// With one slot, a request waits while another computes, in arrival order; a bulk route does not.
TEST(ServerLifecycleTest, RequestsWaitForASlotButBulkRoutesDoNot) {
  auto entered = std::make_shared<std::atomic<bool>>(false);
  auto release = std::make_shared<std::atomic<bool>>(false);
  HarnessOptions options;
  options.max_active = 1;
  options.extra_routes.push_back(HoldRoute(entered, release));
  options.extra_routes.push_back({"GET", "/api/v1/test/bulk", Access::kPublic,
                                  [](const httplib::Request&, const Caller&) {
                                    return Result<Reply>(Json({{"bulk", true}}));
                                  },
                                  /*bulk=*/true});
  ServerHarness h(options);
  ASSERT_TRUE(h.ok());
  std::atomic<int> held_status{0}, health_status{0};
  std::thread holder([&] {
    if (auto r = h.Client().Get("/api/v1/test/hold")) held_status = r->status;
  });
  while (!*entered) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  std::thread health([&] {
    if (auto r = h.Client().Get("/api/v1/openapi.yaml")) health_status = r->status;
  });
  while (h.server().requests_waiting() < 1) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  auto bulk = h.Client().Get("/api/v1/test/bulk");  // answered while the slot is held
  ASSERT_TRUE(bulk);
  EXPECT_EQ(bulk->status, 200);
  EXPECT_EQ(health_status.load(), 0);  // still waiting
  EXPECT_EQ(h.server().requests_waiting(), 1);
  *release = true;
  holder.join();
  health.join();
  EXPECT_EQ(held_status.load(), 200);
  EXPECT_EQ(health_status.load(), 200);
  EXPECT_EQ(h.server().requests_waiting(), 0);
}

// With one slot and room for one waiter, a third request is answered 503 SERVER_BUSY with
// Retry-After at once (but /healthz, which answers beside the gate), and the server goes on
// answering once the slot is free.
TEST(ServerLifecycleTest, PastTheWaitingLineRequestsAre503ServerBusy) {
  auto entered = std::make_shared<std::atomic<bool>>(false);
  auto release = std::make_shared<std::atomic<bool>>(false);
  HarnessOptions options;
  options.max_active = 1;
  options.max_waiting = 1;
  options.extra_routes.push_back(HoldRoute(entered, release));
  ServerHarness h(options);
  ASSERT_TRUE(h.ok());
  std::atomic<int> held_status{0}, waiting_status{0};
  std::thread holder([&] {
    if (auto r = h.Client().Get("/api/v1/test/hold")) held_status = r->status;
  });
  while (!*entered) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  std::thread waiter([&] {
    if (auto r = h.Client().Get("/api/v1/openapi.yaml")) waiting_status = r->status;
  });
  while (h.server().requests_waiting() < 1) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  for (const char* path : {"/api/v1/openapi.yaml", "/api/v1/me", "/index.html"}) {
    auto busy = h.Client().Get(path);
    ASSERT_TRUE(busy) << path;
    EXPECT_EQ(busy->status, 503) << path;
    EXPECT_EQ(busy->get_header_value("Retry-After"), "1") << path;
    EXPECT_EQ(BodyJson(busy)["error"]["code"], "SERVER_BUSY") << path;
  }
  // The probes answer beside the gate: the saturated server is alive.
  auto health = h.Client().Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  *release = true;
  holder.join();
  waiter.join();
  EXPECT_EQ(held_status.load(), 200);
  EXPECT_EQ(waiting_status.load(), 200);
  auto after = h.Client().Get("/healthz");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200);
}

TEST(ServerLifecycleTest, BindToAPortInUseIsIoError) {
  ServerHarness h;
  ASSERT_TRUE(h.ok());
  ServerOptions options;
  options.port = h.port();
  Server second(h.accounts(), h.database(), h.workspace(), {}, options);
  auto bound = second.Bind();
  ASSERT_FALSE(bound.ok());
  EXPECT_EQ(bound.status().code(), StatusCode::kIoError);
  EXPECT_NE(bound.status().message().find("--listen"), std::string::npos);
}

TEST(ServerLifecycleTest, RunWithoutBindIsFailedPrecondition) {
  ServerHarness h;
  ASSERT_TRUE(h.ok());
  Server unbound(h.accounts(), h.database(), h.workspace(), {}, ServerOptions{});
  EXPECT_EQ(unbound.Run().code(), StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace xianjie::server::testing
