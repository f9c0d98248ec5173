// The engine's open-addressing key table against std::unordered_map, under a
// long random mix of inserts, lookups and erases (erases move slots back into the
// gap), and its entries' places, which never move.
#include "key_table.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <unordered_map>

namespace cepheus::engine {
namespace {

// `keys` distinct keys, so a small number keeps the table small and its probe runs wrap around its end.
void check_against_a_hash_map(int keys, int steps) {
  KeyTable<std::string> table;
  std::unordered_map<std::string, std::string> oracle;
  std::mt19937 random(11);
  for (int step = 0; step < steps; ++step) {
    const std::string name = "key-" + std::to_string(random() % keys);
    const Value key = Value::string(name);
    switch (random() % 3) {
      case 0: {
        bool inserted = false;
        std::string& value = table.get(key, inserted);
        EXPECT_EQ(inserted, oracle.count(name) == 0);
        value = "v" + std::to_string(step);
        oracle[name] = value;
        break;
      }
      case 1: {
        const std::string* value = table.find(key);
        const auto it = oracle.find(name);
        ASSERT_EQ(value != nullptr, it != oracle.end()) << name;
        if (value) {
          EXPECT_EQ(*value, it->second);
        }
        break;
      }
      default:
        table.erase(key);
        oracle.erase(name);
        break;
    }
    ASSERT_EQ(table.size(), oracle.size());
  }
  for (const auto& entry : table.entries()) EXPECT_EQ(entry.value, oracle.at(std::string(entry.key.as_string())));
  for (const auto& [name, value] : oracle) {
    const std::string* found = table.find(Value::string(name));
    ASSERT_NE(found, nullptr) << name;
    EXPECT_EQ(*found, value);
  }
}

TEST(KeyTableTest, BehavesLikeAHashMapUnderRandomOperations) {
  check_against_a_hash_map(5'000, 200'000);
}

TEST(KeyTableTest, BehavesLikeAHashMapWhenFewKeysComeAndGo) {
  check_against_a_hash_map(12, 100'000);
}

TEST(KeyTableTest, BehavesLikeAHashMapPastItsDoublingPages) {
  check_against_a_hash_map(20'000, 200'000);  // about 10,000 keys live: pages of 4,096 entries
}

TEST(KeyTableTest, AnEntryStaysWhereItIsWhileTheTableGrows) {
  KeyTable<int> table;
  bool inserted = false;
  int* first = &table.get(Value::string("first"), inserted);
  *first = 7;
  for (int i = 0; i < 10'000; ++i) table.get(Value::integer(i), inserted) = i;
  EXPECT_EQ(table.find(Value::string("first")), first);
  EXPECT_EQ(*first, 7);
  EXPECT_EQ(*table.find(Value::integer(9'999)), 9'999);
  std::size_t live = 0;
  for (const auto& entry : table.entries()) live += entry.key.is_null() ? 0 : 1;
  EXPECT_EQ(live, 10'001U);
}

TEST(KeyTableTest, TellsKeysOfDifferentTypesApart) {
  KeyTable<int> table;
  bool inserted = false;
  table.get(Value::integer(1), inserted) = 10;
  table.get(Value::string("1"), inserted) = 20;
  table.get(Value::null(), inserted) = 30;
  EXPECT_EQ(*table.find(Value::integer(1)), 10);
  EXPECT_EQ(*table.find(Value::string("1")), 20);
  EXPECT_EQ(*table.find(Value::null()), 30);
  EXPECT_EQ(table.find(Value::real(1.5)), nullptr);
  table.clear();
  EXPECT_TRUE(table.empty());
  EXPECT_EQ(table.find(Value::integer(1)), nullptr);
}

}  // namespace
}  // namespace cepheus::engine
