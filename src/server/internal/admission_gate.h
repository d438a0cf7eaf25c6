// A first-come, first-served limit on how many requests compute at once (server.cc).
//
// The server holds one worker thread per open connection (cpp-httplib), so at 64 busy
// connections 64 threads are runnable on a machine of a few cores, and the kernel's scheduler
// shares the cores among all of them: a request that has started waits behind every other one,
// and the slowest percent waits tens of times the median. With the gate, at most `slots`
// requests compute at once and the others wait, blocked, in arrival order: the median is the
// same and the tail is close to it. Idle keep-alive connections hold a thread but no slot.
//
// The line is bounded: past `max_waiting` waiters a request is turned away at once (the server
// answers 503 with Retry-After), so that at many times the load it can carry the server keeps
// answering, quickly, instead of queueing without end.
#ifndef XIANJIE_SERVER_INTERNAL_ADMISSION_GATE_H_
#define XIANJIE_SERVER_INTERNAL_ADMISSION_GATE_H_

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>

namespace xianjie::server::internal {

class AdmissionGate {
 public:
  // `slots` >= 1: how many holders at once; `max_waiting` >= 0: how many may wait for a slot.
  AdmissionGate(int slots, int64_t max_waiting)
      : free_(slots < 1 ? 1 : slots), max_waiting_(max_waiting < 0 ? 0 : max_waiting) {}
  AdmissionGate(const AdmissionGate&) = delete;
  AdmissionGate& operator=(const AdmissionGate&) = delete;

  // Blocks until a slot is free and every earlier caller has had one, and returns true; returns
  // false at once, without a slot, when max_waiting callers wait already. Thread-safe.
  [[nodiscard]] bool Enter() {
    std::unique_lock lock(mu_);
    if (free_ > 0 && waiters_.empty()) {
      --free_;
      return true;
    }
    if (static_cast<int64_t>(waiters_.size()) >= max_waiting_) {
      ++turned_away_;
      return false;
    }
    Waiter me;
    waiters_.push_back(&me);
    ++waiting_;
    me.cv.wait(lock, [&me] { return me.admitted; });
    --waiting_;
    return true;
  }

  // Gives the slot to the longest waiter, or frees it.
  void Leave() {
    std::lock_guard lock(mu_);
    if (waiters_.empty()) {
      ++free_;
      return;
    }
    Waiter* next = waiters_.front();
    waiters_.pop_front();
    next->admitted = true;
    // Under the lock: once `admitted` is seen, the waiter returns and its condition variable
    // goes away, so nothing may touch it after the lock is released.
    next->cv.notify_one();
  }

  // Callers blocked in Enter now (for /metrics).
  int64_t waiting() const {
    std::lock_guard lock(mu_);
    return waiting_;
  }

  // Callers turned away by Enter since the start (for /metrics).
  int64_t turned_away() const {
    std::lock_guard lock(mu_);
    return turned_away_;
  }

  // Enter on construction; Leave on destruction if it entered.
  class Pass {
   public:
    explicit Pass(AdmissionGate& gate) : gate_(gate), entered_(gate_.Enter()) {}
    ~Pass() {
      if (entered_) gate_.Leave();
    }
    Pass(const Pass&) = delete;
    Pass& operator=(const Pass&) = delete;
    // false: turned away; the request must be answered without computing.
    bool entered() const { return entered_; }

   private:
    AdmissionGate& gate_;
    const bool entered_;
  };

 private:
  struct Waiter {
    std::condition_variable cv;
    bool admitted = false;
  };

  mutable std::mutex mu_;
  int free_;
  const int64_t max_waiting_;
  int64_t waiting_ = 0;
  int64_t turned_away_ = 0;
  std::deque<Waiter*> waiters_;
};

}  // namespace xianjie::server::internal

#endif  // XIANJIE_SERVER_INTERNAL_ADMISSION_GATE_H_
