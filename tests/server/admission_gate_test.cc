// The admission gate (server/internal/admission_gate.h): never more holders than slots, and
// waiters admitted in the order they arrived.
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
    AdmissionGate gate(slots);
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
  AdmissionGate gate(1);
  gate.Enter();  // the slot is taken: everyone below queues
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
  AdmissionGate gate(1);
  gate.Enter();
  std::atomic<bool> waiter_in{false};
  std::thread waiter([&] {
    AdmissionGate::Pass pass(gate);
    waiter_in = true;
  });
  WaitUntil([&] { return gate.waiting() == 1; });
  gate.Leave();  // the slot goes to the waiter, not back to the pool
  gate.Enter();  // so this waits until the waiter has left
  EXPECT_TRUE(waiter_in.load());
  gate.Leave();
  waiter.join();
}

TEST(AdmissionGateTest, ZeroOrNegativeSlotsMeanOne) {
  AdmissionGate gate(0);
  gate.Enter();
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
