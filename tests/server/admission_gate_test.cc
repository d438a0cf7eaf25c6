// The admission gate (server/internal/admission_gate.h): never more holders than slots, and
// waiters admitted in the order they arrived, and none past the line's length.
#include "server/internal/admission_gate.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace xianjie::server::internal {
namespace {

void WaitUntil(const std::function<bool()>& done) {
  while (!done()) std::this_thread::sleep_for(std::chrono::microseconds(200));
}

TEST(AdmissionGateTest, NeverMoreHoldersThanSlots) {
  for (int slots : {1, 2, 3}) {
    AdmissionGate gate(slots, /*max_waiting=*/100);
    std::atomic<int> inside{0}, most{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 12; ++t) {
      threads.emplace_back([&] {
        for (int i = 0; i < 20; ++i) {
          AdmissionGate::Pass pass(gate);
          const int now = ++inside;
          int seen = most.load();
          while (now > seen && !most.compare_exchange_weak(seen, now)) {
          }
          std::this_thread::sleep_for(std::chrono::microseconds(100));
          --inside;
        }
      });
    }
    for (std::thread& t : threads) t.join();
    EXPECT_EQ(most.load(), slots) << slots << " slots";
    EXPECT_EQ(gate.waiting(), 0);
  }
}

TEST(AdmissionGateTest, WaitersAreAdmittedInArrivalOrder) {
  AdmissionGate gate(1, /*max_waiting=*/100);
  ASSERT_TRUE(gate.Enter());  // the slot is taken: everyone below queues
  std::mutex mu;
  std::vector<int> order;
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      AdmissionGate::Pass pass(gate);
      std::lock_guard lock(mu);
      order.push_back(i);
    });
    // The next one starts only when this one is queued.
    WaitUntil([&] { return gate.waiting() == i + 1; });
  }
  gate.Leave();
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7}));
}

TEST(AdmissionGateTest, ALateComerDoesNotOvertakeTheQueue) {
  AdmissionGate gate(1, /*max_waiting=*/100);
  ASSERT_TRUE(gate.Enter());
  std::atomic<bool> waiter_in{false};
  std::thread waiter([&] {
    AdmissionGate::Pass pass(gate);
    waiter_in = true;
  });
  WaitUntil([&] { return gate.waiting() == 1; });
  gate.Leave();  // the slot goes to the waiter, not back to the pool
  EXPECT_TRUE(gate.Enter());  // so this waits until the waiter has left
  EXPECT_TRUE(waiter_in.load());
  gate.Leave();
  waiter.join();
}

TEST(AdmissionGateTest, PastMaxWaitingCallersAreTurnedAway) {
  AdmissionGate gate(1, /*max_waiting=*/2);
  ASSERT_TRUE(gate.Enter());
  std::vector<std::thread> waiters;
  for (int i = 0; i < 2; ++i) {
    waiters.emplace_back([&] { AdmissionGate::Pass pass(gate); });
  }
  WaitUntil([&] { return gate.waiting() == 2; });
  {
    AdmissionGate::Pass turned_away(gate);
    EXPECT_FALSE(turned_away.entered());
  }
  EXPECT_FALSE(gate.Enter());
  EXPECT_EQ(gate.turned_away(), 2);
  EXPECT_EQ(gate.waiting(), 2);  // a caller turned away neither waits nor holds a slot
  gate.Leave();
  for (std::thread& t : waiters) t.join();
  AdmissionGate::Pass pass(gate);  // the slot is free again
  EXPECT_TRUE(pass.entered());
}

TEST(AdmissionGateTest, NoRoomToWaitTurnsAwayEveryoneButTheHolders) {
  AdmissionGate gate(1, /*max_waiting=*/0);
  ASSERT_TRUE(gate.Enter());
  EXPECT_FALSE(gate.Enter());
  gate.Leave();
  EXPECT_TRUE(gate.Enter());
  gate.Leave();
}

TEST(AdmissionGateTest, ZeroOrNegativeSlotsMeanOne) {
  AdmissionGate gate(0, /*max_waiting=*/100);
  ASSERT_TRUE(gate.Enter());
  std::atomic<bool> second_in{false};
  std::thread second([&] {
    AdmissionGate::Pass pass(gate);
    second_in = true;
  });
  WaitUntil([&] { return gate.waiting() == 1; });
  EXPECT_FALSE(second_in.load());
  gate.Leave();
  second.join();
  EXPECT_TRUE(second_in.load());
}

}  // namespace
}  // namespace xianjie::server::internal
