#include "cepheus/core/time.h"

#include <gtest/gtest.h>

namespace cepheus {
namespace {

TEST(DurationTest, ParsesEveryUnit) {
  EXPECT_EQ(*parse_duration("250ms"), Duration::millis(250));
  EXPECT_EQ(*parse_duration("5s"), Duration::seconds(5));
  EXPECT_EQ(*parse_duration("1m"), Duration::minutes(1));
  EXPECT_EQ(*parse_duration("2h"), Duration::hours(2));
  EXPECT_EQ(*parse_duration("1d"), Duration::days(1));
  EXPECT_EQ(*parse_duration("10us"), Duration::micros(10));
  EXPECT_EQ(*parse_duration("7ns"), Duration::nanos(7));
}

TEST(DurationTest, ParsesCompoundAndNegativeDurations) {
  EXPECT_EQ(*parse_duration("1h30m"), Duration::minutes(90));
  EXPECT_EQ(*parse_duration("1m30s500ms"), Duration::millis(90'500));
  EXPECT_EQ(*parse_duration("-5s"), -Duration::seconds(5));
}

TEST(DurationTest, RejectsBadTextWithTheColumnAndAHint) {
  EXPECT_EQ(parse_duration("").status().message(), "empty duration; write a number and a unit, e.g. 5s");
  EXPECT_EQ(parse_duration("5").status().message(),
            "bad duration '5' at column 2: expected a unit (ns, us, ms, s, m, h, d)");
  EXPECT_EQ(parse_duration("5 s").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(parse_duration("1.5s").status().message(),
            "bad duration '1.5s' at column 2: fractions are not allowed; use a smaller unit, e.g. 1500ms for 1.5s");
  EXPECT_EQ(parse_duration("5x").status().message(),
            "bad duration '5x' at column 2: expected a unit (ns, us, ms, s, m, h, d)");
  EXPECT_EQ(parse_duration("30m1h").status().message(),
            "bad duration '30m1h' at column 5: units must go from largest to smallest, each once, e.g. 1h30m");
  EXPECT_EQ(parse_duration("s").status().message(),
            "bad duration 's' at column 1: expected a digit; write e.g. 250ms, 5s, 1m, 2h, 1d");
}

TEST(DurationTest, RejectsOverflowInsteadOfWrapping) {
  EXPECT_EQ(parse_duration("999999999999d").status().code(), StatusCode::kOutOfRange);
  EXPECT_EQ(parse_duration("99999999999999999999s").status().code(), StatusCode::kOutOfRange);
  EXPECT_EQ(parse_duration("1d1d").status().code(), StatusCode::kInvalidArgument);
}

TEST(DurationTest, FormatsTheShortestExactText) {
  EXPECT_EQ(format_duration(Duration()), "0s");
  EXPECT_EQ(format_duration(Duration::millis(250)), "250ms");
  EXPECT_EQ(format_duration(Duration::minutes(90)), "1h30m");
  EXPECT_EQ(format_duration(Duration::days(1) + Duration::nanos(1)), "1d1ns");
  EXPECT_EQ(format_duration(-Duration::seconds(5)), "-5s");
  EXPECT_EQ(format_duration(Duration::nanos(INT64_MIN)), "-106751d23h47m16s854ms775us808ns");
}

TEST(DurationTest, FormatThenParseIsTheIdentity) {
  for (std::int64_t n : {std::int64_t{1}, std::int64_t{999}, std::int64_t{86'400'000'000'001},
                         std::int64_t{123'456'789'012'345}, INT64_MAX}) {
    EXPECT_EQ(*parse_duration(format_duration(Duration::nanos(n))), Duration::nanos(n)) << n;
  }
}

TEST(TimestampTest, ParsesIso8601InUtcAndWithOffsets) {
  const Timestamp expected = Timestamp::from_seconds(1'795'161'600);  // 2026-11-20T08:00:00Z
  EXPECT_EQ(*parse_timestamp("2026-11-20T08:00:00Z"), expected);
  EXPECT_EQ(*parse_timestamp("2026-11-20T09:00:00+01:00"), expected);
  EXPECT_EQ(*parse_timestamp("2026-11-20T02:30:00-0530"), expected);
  EXPECT_EQ(*parse_timestamp("2026-11-20 08:00:00"), expected);
  EXPECT_EQ(*parse_timestamp("2026-11-20t08:00:00z"), expected);
}

TEST(TimestampTest, KeepsFractionsDownToNanoseconds) {
  EXPECT_EQ(parse_timestamp("1970-01-01T00:00:00.5Z")->nanos_since_epoch(), 500'000'000);
  EXPECT_EQ(parse_timestamp("1970-01-01T00:00:00.000000001Z")->nanos_since_epoch(), 1);
  EXPECT_EQ(parse_timestamp("1969-12-31T23:59:59.999Z")->nanos_since_epoch(), -1'000'000);
}

TEST(TimestampTest, RejectsImpossibleDatesAndTimes) {
  EXPECT_EQ(parse_timestamp("2026-02-30T00:00:00Z").status().message(),
            "bad timestamp '2026-02-30T00:00:00Z': 2026-2-30 is not a calendar date");
  EXPECT_EQ(parse_timestamp("2026-11-20T24:00:00Z").status().message(),
            "bad timestamp '2026-11-20T24:00:00Z': the time of day is out of range");
  EXPECT_FALSE(parse_timestamp("2025-02-29T00:00:00Z").ok());
  EXPECT_TRUE(parse_timestamp("2024-02-29T00:00:00Z").ok());
}

TEST(TimestampTest, RejectsMalformedTextWithTheColumn) {
  EXPECT_EQ(parse_timestamp("yesterday").status().message(),
            "bad timestamp 'yesterday' at column 1: expected a 4-digit year; write e.g. 2026-11-20T08:15:00Z");
  EXPECT_EQ(parse_timestamp("2026-11-20").status().message(),
            "bad timestamp '2026-11-20' at column 11: expected 'T' and a time of day; write e.g. 2026-11-20T08:15:00Z");
  EXPECT_EQ(parse_timestamp("2026-11-20T08:00:00.Z").status().message(),
            "bad timestamp '2026-11-20T08:00:00.Z' at column 21: expected fraction digits after '.'; write e.g. "
            "2026-11-20T08:15:00Z");
  EXPECT_FALSE(parse_timestamp("2026-11-20T08:00:00.1234567890Z").ok());
  EXPECT_FALSE(parse_timestamp("2026-11-20T08:00:00Q").ok());
  EXPECT_FALSE(parse_timestamp("2026-11-20T08:00:00Z trailing").ok());
  EXPECT_FALSE(parse_timestamp("2026-11-20T08:00:00+25:00").ok());
  EXPECT_FALSE(parse_timestamp("").ok());
}

TEST(TimestampTest, RejectsYearsOutsideTheNanosecondRange) {
  EXPECT_EQ(parse_timestamp("2300-01-01T00:00:00Z").status().code(), StatusCode::kOutOfRange);
  EXPECT_EQ(parse_timestamp("1600-01-01T00:00:00Z").status().code(), StatusCode::kOutOfRange);
}

TEST(TimestampTest, FormatsUtcWithTheFractionItNeeds) {
  EXPECT_EQ(format_timestamp(Timestamp()), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_timestamp(Timestamp::from_millis(1'795'161'600'250)), "2026-11-20T08:00:00.250Z");
  EXPECT_EQ(format_timestamp(Timestamp::from_nanos(1'500)), "1970-01-01T00:00:00.000001500Z");
  EXPECT_EQ(format_timestamp(Timestamp::from_nanos(-1)), "1969-12-31T23:59:59.999999999Z");
}

TEST(TimestampTest, FormatThenParseIsTheIdentity) {
  for (std::int64_t n : {std::int64_t{0}, std::int64_t{-1}, std::int64_t{1'795'161'600'123'456'789},
                         std::int64_t{-5'000'000'000'000'000'000}, std::int64_t{9'000'000'000'000'000'000}}) {
    const Timestamp t = Timestamp::from_nanos(n);
    EXPECT_EQ(*parse_timestamp(format_timestamp(t)), t) << n;
  }
}

TEST(TimestampTest, EpochNumbersConvertInTheirUnitAndRefuseOverflow) {
  EXPECT_EQ(*timestamp_from_epoch(std::int64_t{1'795'161'600}, Duration::seconds(1)),
            *parse_timestamp("2026-11-20T08:00:00Z"));
  EXPECT_EQ(timestamp_from_epoch(1.5, Duration::seconds(1))->nanos_since_epoch(), 1'500'000'000);
  EXPECT_EQ(timestamp_from_epoch(std::int64_t{INT64_MAX}, Duration::millis(1)).status().code(),
            StatusCode::kOutOfRange);
  EXPECT_EQ(timestamp_from_epoch(1e300, Duration::millis(1)).status().code(), StatusCode::kOutOfRange);
}

TEST(TimestampTest, ArithmeticWithDurations) {
  const Timestamp t = Timestamp::from_seconds(100);
  EXPECT_EQ(t + Duration::seconds(5), Timestamp::from_seconds(105));
  EXPECT_EQ(t - Timestamp::from_seconds(40), Duration::minutes(1));
  EXPECT_LT(t, t + Duration::nanos(1));
}

}  // namespace
}  // namespace cepheus

namespace cepheus {
namespace {

TEST(TimeArithmeticTest, SaturatesInsteadOfOverflowing) {
  EXPECT_EQ(Timestamp::max() + Duration::hours(1), Timestamp::max());
  EXPECT_EQ(Timestamp::min() - Duration::hours(1), Timestamp::min());
  EXPECT_EQ(Timestamp::max() - Timestamp::min(), Duration::nanos(std::numeric_limits<std::int64_t>::max()));
  EXPECT_EQ(-Duration::nanos(std::numeric_limits<std::int64_t>::min()),
            Duration::nanos(std::numeric_limits<std::int64_t>::max()));
  EXPECT_EQ(Timestamp::from_seconds(10) + Duration::seconds(5), Timestamp::from_seconds(15));
}

}  // namespace
}  // namespace cepheus
