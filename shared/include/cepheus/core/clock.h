// Clock: the seam through which Cepheus reads wall-clock time.
//
// Production code uses SystemClock; tests use VirtualClock and move time by hand,
// so timers, timeouts and processing-time rules are tested without sleeping.
// All implementations are safe to call from any thread.
#pragma once

#include <atomic>

#include "cepheus/core/time.h"

namespace cepheus {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
};

// Real UTC time from the operating system.
class SystemClock final : public Clock {
 public:
  Timestamp now() const override;
  // A process-wide instance, for callers that were not handed a clock.
  static const SystemClock& instance();
};

// Time that moves only when told to.
class VirtualClock final : public Clock {
 public:
  explicit VirtualClock(Timestamp start = Timestamp()) : nanos_(start.nanos_since_epoch()) {}
  Timestamp now() const override { return Timestamp::from_nanos(nanos_.load(std::memory_order_acquire)); }
  void set(Timestamp t) { nanos_.store(t.nanos_since_epoch(), std::memory_order_release); }
  void advance(Duration d) { nanos_.fetch_add(d.count_nanos(), std::memory_order_acq_rel); }

 private:
  std::atomic<std::int64_t> nanos_;
};

}  // namespace cepheus
