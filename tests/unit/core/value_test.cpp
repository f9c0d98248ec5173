#include "cepheus/core/value.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <thread>
#include <vector>

namespace cepheus {
namespace {

TEST(ValueTest, DefaultValueIsNull) {
  Value v;
  EXPECT_TRUE(v.is_null());
  EXPECT_EQ(v.to_string(), "null");
}

TEST(ValueTest, HoldsEachScalarType) {
  EXPECT_EQ(Value::boolean(true).as_bool(), true);
  EXPECT_EQ(Value::integer(-42).as_int(), -42);
  EXPECT_EQ(Value::real(2.5).as_double(), 2.5);
  EXPECT_EQ(Value::timestamp(Timestamp::from_seconds(3)).as_timestamp(), Timestamp::from_seconds(3));
  EXPECT_EQ(Value::duration(Duration::millis(250)).as_duration(), Duration::millis(250));
  EXPECT_EQ(Value::integer(7).as_number(), 7.0);
  EXPECT_EQ(Value::real(7.5).type(), ValueType::kDouble);
}

TEST(ValueTest, ShortStringsAreInlineAndLongStringsAreShared) {
  const Value short_string = Value::string("press-01");
  EXPECT_EQ(short_string.as_string(), "press-01");
  const std::string long_text(200, 'x');
  const Value long_string = Value::string(long_text);
  const Value copy = long_string;  // NOLINT(performance-unnecessary-copy-initialization)
  EXPECT_EQ(copy.as_string(), long_text);
  EXPECT_EQ(copy.as_string().data(), long_string.as_string().data()) << "copies share the block";
}

TEST(ValueTest, StringsAtTheInlineBoundaryKeepTheirContent) {
  for (std::size_t n = 0; n <= 20; ++n) {
    const std::string text(n, 'a' + static_cast<char>(n));
    EXPECT_EQ(Value::string(text).as_string(), text) << n;
  }
  const std::string with_nul("a\0b", 3);
  EXPECT_EQ(Value::string(with_nul).as_string(), with_nul);
}

TEST(ValueTest, CopyMoveAndAssignKeepStringsAlive) {
  Value a = Value::string(std::string(100, 'q'));
  Value b;
  b = a;
  Value c = std::move(a);
  EXPECT_TRUE(a.is_null());  // NOLINT(bugprone-use-after-move,clang-analyzer-cplusplus.Move): null by contract
  EXPECT_EQ(b, c);
  c = Value::integer(1);
  EXPECT_EQ(b.as_string(), std::string(100, 'q'));
  b = b;  // self-assignment is harmless
  EXPECT_EQ(b.as_string().size(), 100u);
}

TEST(ValueTest, EqualityNeedsTheSameTypeAndContent) {
  EXPECT_EQ(Value::integer(1), Value::integer(1));
  EXPECT_NE(Value::integer(1), Value::real(1.0));
  EXPECT_NE(Value::string("a"), Value::string("b"));
  EXPECT_EQ(Value::null(), Value::null());
  EXPECT_NE(Value::real(std::nan("")), Value::real(std::nan("")));
  EXPECT_EQ(Value::real(0.0), Value::real(-0.0));
  // Two heap strings of the same text are two blocks: equal by content, in either order.
  const Value long_a = Value::string(std::string(30, 'k')), long_b = Value::string(std::string(30, 'k'));
  EXPECT_EQ(long_a, long_b);
  EXPECT_NE(long_a, Value::string(std::string(30, 'j')));
  EXPECT_NE(Value::string("k"), long_a);
  EXPECT_NE(long_a, Value::string("k"));
  EXPECT_NE(Value::integer(1), Value::timestamp(Timestamp::from_nanos(1)));
  EXPECT_NE(Value::boolean(true), Value::boolean(false));
}

TEST(ValueTest, EqualValuesHashAlike) {
  EXPECT_EQ(Value::string(std::string(30, 'k')).hash(), Value::string(std::string(30, 'k')).hash());
  EXPECT_EQ(Value::real(0.0).hash(), Value::real(-0.0).hash());
  EXPECT_NE(Value::integer(1).hash(), Value::timestamp(Timestamp::from_nanos(1)).hash());
}

TEST(ValueTest, PrintsReadably) {
  EXPECT_EQ(Value::string("d1").to_string(), "\"d1\"");
  EXPECT_EQ(Value::real(81.5).to_string(), "81.5");
  EXPECT_EQ(Value::boolean(false).to_string(), "false");
  EXPECT_EQ(Value::timestamp(Timestamp()).to_string(), "1970-01-01T00:00:00Z");
  EXPECT_EQ(Value::duration(Duration::seconds(90)).to_string(), "1m30s");
}

TEST(ValueTest, TypeNamesRoundTrip) {
  for (ValueType type : {ValueType::kBool, ValueType::kInt, ValueType::kDouble, ValueType::kString,
                         ValueType::kTimestamp, ValueType::kDuration}) {
    ValueType parsed = ValueType::kNull;
    ASSERT_TRUE(value_type_from_name(value_type_name(type), parsed));
    EXPECT_EQ(parsed, type);
  }
  ValueType ignored;
  EXPECT_FALSE(value_type_from_name("float", ignored));
  EXPECT_FALSE(value_type_from_name("null", ignored));
}

TEST(ValueTest, SharedLongStringsSurviveCopiesOnManyThreads) {
  const Value shared = Value::string(std::string(64, 'z'));
  std::vector<std::thread> threads;
  threads.reserve(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&shared] {
      for (int i = 0; i < 10'000; ++i) {
        Value copy = shared;  // NOLINT(performance-unnecessary-copy-initialization): the copy is the test
        ASSERT_EQ(copy.as_string().size(), 64u);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(shared.as_string(), std::string(64, 'z'));
}

}  // namespace
}  // namespace cepheus
