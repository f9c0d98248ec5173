#include "cepheus/core/clock.h"

#include <chrono>

namespace cepheus {

Timestamp SystemClock::now() const {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return Timestamp::from_nanos(std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch).count());
}

const SystemClock& SystemClock::instance() {
  static const SystemClock clock;
  return clock;
}

}  // namespace cepheus
