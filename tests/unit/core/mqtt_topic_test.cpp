#include "cepheus/core/mqtt_topic.h"

#include <gtest/gtest.h>

namespace cepheus {
namespace {

TEST(MqttTopicTest, PlusMatchesExactlyOneLevel) {
  EXPECT_TRUE(topic_matches("plant/+/press-01", "plant/north/press-01"));
  EXPECT_TRUE(topic_matches("plant/+/+/readings", "plant/north/press-01/readings"));
  EXPECT_FALSE(topic_matches("plant/+/readings", "plant/north/press-01/readings"));
  EXPECT_TRUE(topic_matches("plant/+", "plant/"));  // an empty level is a level
  EXPECT_FALSE(topic_matches("plant/+", "plant"));
}

TEST(MqttTopicTest, HashMatchesTheRestIncludingTheParent) {
  EXPECT_TRUE(topic_matches("plant/#", "plant/north/press-01"));
  EXPECT_TRUE(topic_matches("plant/#", "plant"));
  EXPECT_TRUE(topic_matches("#", "anything/at/all"));
  EXPECT_FALSE(topic_matches("plant/#", "factory/north"));
}

TEST(MqttTopicTest, ExactFiltersAndSystemTopics) {
  EXPECT_TRUE(topic_matches("a/b", "a/b"));
  EXPECT_FALSE(topic_matches("a/b", "a/b/c"));
  EXPECT_FALSE(topic_matches("a/b/c", "a/b"));
  EXPECT_FALSE(topic_matches("#", "$SYS/broker/uptime"));
  EXPECT_FALSE(topic_matches("+/broker/uptime", "$SYS/broker/uptime"));
  EXPECT_TRUE(topic_matches("$SYS/#", "$SYS/broker/uptime"));
}

TEST(MqttTopicTest, LevelsKeepEmptyOnes) {
  EXPECT_EQ(topic_levels("a//b"), (std::vector<std::string_view>{"a", "", "b"}));
  EXPECT_EQ(topic_levels("/a"), (std::vector<std::string_view>{"", "a"}));
  EXPECT_EQ(topic_levels("a"), (std::vector<std::string_view>{"a"}));
}

}  // namespace
}  // namespace cepheus
