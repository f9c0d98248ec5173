// Private to the engine: a bounded single-producer single-consumer queue.
//
// One thread pushes, one pops; the only synchronisation is a pair of atomic
// indices (each on its own cache line), so the per-event path takes no lock.
// A full or empty queue waits with C++20 atomic waits (a futex on Linux) after a
// short spin, so idle workers do not burn a core.
#pragma once

#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace cepheus::engine {

template <typename T>
// NOLINTNEXTLINE(clang-analyzer-optin.performance.Padding): each index has a cache line of its own, on purpose
class SpscQueue {
 public:
  // `capacity` is rounded up to a power of two.
  explicit SpscQueue(std::size_t capacity) {
    std::size_t size = 2;
    while (size < capacity) size *= 2;
    slots_.resize(size);
    mask_ = size - 1;
  }

  void push(T item) {
    const std::size_t tail = tail_.load(std::memory_order_relaxed);
    for (int spin = 0; tail - head_.load(std::memory_order_acquire) > mask_; ++spin) {
      if (spin < 64) {
        std::this_thread::yield();
      } else {
        head_.wait(head_.load(std::memory_order_acquire), std::memory_order_acquire);
      }
    }
    slots_[tail & mask_] = std::move(item);
    tail_.store(tail + 1, std::memory_order_release);
    tail_.notify_one();
  }

  T pop() {
    const std::size_t head = head_.load(std::memory_order_relaxed);
    for (int spin = 0; tail_.load(std::memory_order_acquire) == head; ++spin) {
      if (spin < 64) {
        std::this_thread::yield();
      } else {
        tail_.wait(head, std::memory_order_acquire);
      }
    }
    T item = std::move(slots_[head & mask_]);
    head_.store(head + 1, std::memory_order_release);
    head_.notify_one();
    return item;
  }

 private:
  std::vector<T> slots_;
  std::size_t mask_ = 0;
  alignas(64) std::atomic<std::size_t> head_{0};  // next to pop; written by the consumer
  alignas(64) std::atomic<std::size_t> tail_{0};  // next to push; written by the producer
};

}  // namespace cepheus::engine
