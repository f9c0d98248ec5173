#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "cepheus/core/event_json.h"

namespace cepheus {
namespace {

TEST(JsonEncodeTest, WritesFieldsInSchemaOrderWithCanonicalForms) {
  auto schema = parse_schema_spec("r",
                                  "device: string, temp: double, n: int, ok: bool, ts: timestamp, every: "
                                  "duration, note: string?");
  const Event event(**schema, Timestamp(),
                    {Value::string("press \"01\"\n"), Value::real(81.5), Value::integer(-3), Value::boolean(true),
                     Value::timestamp(*parse_timestamp("2026-11-20T08:00:00.25Z")),
                     Value::duration(Duration::seconds(90)), Value::null()});
  EXPECT_EQ(
      event_to_json(event),
      R"({"device":"press \"01\"\n","temp":81.5,"n":-3,"ok":true,"ts":"2026-11-20T08:00:00.250Z","every":"1m30s","note":null})");
}

TEST(JsonEncodeTest, EscapesControlCharactersAndKeepsUtf8) {
  auto schema = parse_schema_spec("r", "s: string");
  const Event event(**schema, Timestamp(), {Value::string(std::string("\x01\t\xC3\xA9\\", 5))});
  EXPECT_EQ(event_to_json(event), "{\"s\":\"\\u0001\\t\xC3\xA9\\\\\"}");
}

TEST(JsonEncodeTest, WritesNonFiniteDoublesAsNull) {
  auto schema = parse_schema_spec("r", "a: double, b: double");
  const Event event(**schema, Timestamp(),
                    {Value::real(std::numeric_limits<double>::infinity()), Value::real(std::nan(""))});
  EXPECT_EQ(event_to_json(event), R"({"a":null,"b":null})");
}

TEST(JsonEncodeTest, AddsTheEventTimeUnderARequestedKey) {
  auto schema = parse_schema_spec("r", "a: int");
  const Event event(**schema, Timestamp::from_seconds(1), {Value::integer(1)});
  EXPECT_EQ(event_to_json(event, {.time_key = "@time"}), R"({"a":1,"@time":"1970-01-01T00:00:01Z"})");
  EXPECT_EQ(event_to_json(event, {.time_key = "a"}), R"({"a":1})") << "a schema field wins over the time key";
}

TEST(JsonEncodeTest, EncodeThenDecodeIsTheIdentity) {
  auto schema = parse_schema_spec("r", "s: string, d: double, i: int, b: bool, t: timestamp, u: duration, o: int?");
  auto decoder = JsonEventDecoder::make(**schema, {.time_field = "t"});
  const double doubles[] = {0.1, -1e-300, 1.7976931348623157e308, 5e-324, 123456789.123456789};
  for (double d : doubles) {
    const Event event(**schema, Timestamp::from_nanos(123'456'789'012'345'678),
                      {Value::string("\xF0\x9F\x98\x80 \"q\" \\"), Value::real(d), Value::integer(INT64_MIN),
                       Value::boolean(false), Value::timestamp(Timestamp::from_nanos(123'456'789'012'345'678)),
                       Value::duration(Duration::nanos(-1)), Value::null()});
    auto again = decoder->decode(event_to_json(event));
    ASSERT_TRUE(again.ok()) << again.status().message();
    EXPECT_EQ(*again, event) << event_to_json(event);
  }
}

}  // namespace
}  // namespace cepheus
