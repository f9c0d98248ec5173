#include "cepheus/core/clock.h"

#include <gtest/gtest.h>

namespace cepheus {
namespace {

TEST(ClockTest, SystemClockIsNearNowAndNeverBeforeTheProjectStarted) {
  const Timestamp now = SystemClock::instance().now();
  EXPECT_GT(now, *parse_timestamp("2024-01-01T00:00:00Z"));
  EXPECT_LE(now, SystemClock::instance().now());
}

TEST(ClockTest, VirtualClockMovesOnlyWhenTold) {
  VirtualClock clock(Timestamp::from_seconds(10));
  EXPECT_EQ(clock.now(), Timestamp::from_seconds(10));
  clock.advance(Duration::millis(1500));
  EXPECT_EQ(clock.now(), Timestamp::from_millis(11'500));
  clock.set(Timestamp::from_seconds(1));
  EXPECT_EQ(clock.now(), Timestamp::from_seconds(1));
  const Clock& as_interface = clock;
  EXPECT_EQ(as_interface.now(), Timestamp::from_seconds(1));
}

}  // namespace
}  // namespace cepheus
