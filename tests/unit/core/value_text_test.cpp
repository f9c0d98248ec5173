#include "cepheus/core/value_text.h"

#include <gtest/gtest.h>

namespace cepheus {
namespace {

std::string read(ValueType type, std::string_view text) {
  auto value = value_from_text(type, text);
  return value.ok() ? value->to_string() : "error: " + value.status().message();
}

TEST(ValueTextTest, ReadsBooleansInCommonSpellings) {
  EXPECT_EQ(read(ValueType::kBool, "true"), "true");
  EXPECT_EQ(read(ValueType::kBool, "FALSE"), "false");
  EXPECT_EQ(read(ValueType::kBool, "1"), "true");
  EXPECT_EQ(read(ValueType::kBool, " 0 "), "false");
  EXPECT_EQ(read(ValueType::kBool, "yes"), "error: \"yes\" is not a bool (true or false)");
}

TEST(ValueTextTest, ReadsIntegersAndWholeNumbersInOtherNotations) {
  EXPECT_EQ(read(ValueType::kInt, "-9223372036854775808"), "-9223372036854775808");
  EXPECT_EQ(read(ValueType::kInt, "1e3"), "1000");
  EXPECT_EQ(read(ValueType::kInt, "2.0"), "2");
  EXPECT_EQ(read(ValueType::kInt, "2.5"), "error: \"2.5\" is not an int: it has a fraction");
  EXPECT_EQ(read(ValueType::kInt, "9223372036854775808"),
            "error: \"9223372036854775808\" is out of the int range (64 bits)");
  EXPECT_EQ(read(ValueType::kInt, "1e19"), "error: \"1e19\" is out of the int range (64 bits)");
  EXPECT_EQ(read(ValueType::kInt, "12abc"), "error: \"12abc\" is not an int");
  EXPECT_EQ(read(ValueType::kInt, ""), "error: \"\" is not an int");
}

TEST(ValueTextTest, ReadsFiniteDoublesOnly) {
  EXPECT_EQ(read(ValueType::kDouble, "81.5"), "81.5");
  EXPECT_EQ(read(ValueType::kDouble, "-1e-3"), "-0.001");
  EXPECT_EQ(read(ValueType::kDouble, ".5"), "0.5");
  EXPECT_EQ(read(ValueType::kDouble, "nan"), "error: \"nan\" is not a double");
  EXPECT_EQ(read(ValueType::kDouble, "inf"), "error: \"inf\" is not a double");
  EXPECT_EQ(read(ValueType::kDouble, "1e999"), "error: \"1e999\" is out of the double range");
  EXPECT_EQ(read(ValueType::kDouble, "0x10"), "error: \"0x10\" is not a double");
}

TEST(ValueTextTest, KeepsStringsExactlyIncludingSpaces) {
  EXPECT_EQ(read(ValueType::kString, "  padded "), "\"  padded \"");
}

TEST(ValueTextTest, ReadsTimestampsAsIsoOrEpochNumbers) {
  EXPECT_EQ(read(ValueType::kTimestamp, "2026-11-20T08:00:00Z"), "2026-11-20T08:00:00Z");
  EXPECT_EQ(read(ValueType::kTimestamp, "1795161600000"), "2026-11-20T08:00:00Z");
  EXPECT_EQ(value_from_text(ValueType::kTimestamp, "1795161600", Duration::seconds(1))->as_timestamp(),
            *parse_timestamp("2026-11-20T08:00:00Z"));
  EXPECT_EQ(read(ValueType::kTimestamp, "1795161600000.5"), "2026-11-20T08:00:00.000500Z");
}

TEST(ValueTextTest, ReadsDurationsAsTextOrMilliseconds) {
  EXPECT_EQ(read(ValueType::kDuration, "5m"), "5m");
  EXPECT_EQ(read(ValueType::kDuration, "1500"), "1s500ms");
  EXPECT_EQ(read(ValueType::kDuration, "9223372036854775807"),
            "error: \"9223372036854775807\" milliseconds is too long a duration");
}

TEST(ValueTextTest, ShortensVeryLongTextInMessages) {
  const std::string long_text(100, 'z');
  EXPECT_EQ(read(ValueType::kDouble, long_text), "error: \"" + std::string(40, 'z') + "...\" is not a double");
}

}  // namespace
}  // namespace cepheus
