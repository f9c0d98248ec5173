#include "cepheus/core/event.h"

#include <gtest/gtest.h>

namespace cepheus {
namespace {

TEST(EventTest, KeepsValuesInSchemaOrderWithItsTime) {
  auto schema = parse_schema_spec("reading", "device: string, temp: double");
  const Event event(**schema, Timestamp::from_seconds(5), {Value::string("d1"), Value::real(81.5)});
  EXPECT_EQ(event.time(), Timestamp::from_seconds(5));
  EXPECT_EQ(event.value(1), Value::real(81.5));
  ASSERT_NE(event.find("device"), nullptr);
  EXPECT_EQ(*event.find("device"), Value::string("d1"));
  EXPECT_EQ(event.find("humidity"), nullptr);
  EXPECT_EQ(event.to_string(), "reading@1970-01-01T00:00:05Z { device: \"d1\", temp: 81.5 }");
}

TEST(EventTest, EqualityComparesSchemaTimeAndValues) {
  auto schema = parse_schema_spec("reading", "temp: double");
  const Event a(**schema, Timestamp(), {Value::real(1)});
  Event b = a;
  EXPECT_EQ(a, b);
  b.set_time(Timestamp::from_nanos(1));
  EXPECT_FALSE(a == b);
}

TEST(EventTest, ScalarEventsStayCompact) {
  // One Value per field, 16 bytes each, in a single allocation.
  EXPECT_EQ(sizeof(Value), 16u);
  EXPECT_LE(sizeof(Event), 48u);
}

}  // namespace
}  // namespace cepheus
