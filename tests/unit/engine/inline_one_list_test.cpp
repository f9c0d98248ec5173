// The list behind a key's runs, a run's bound events and a key's windows: one element inline, more in
// a heap block whose address takes the inline element's place. Checked with strings
// (which own memory, so ASan sees any element lost, doubled or read after its end)
// against std::vector doing the same operations.
#include "inline_one_list.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace cepheus::engine {
namespace {

using Strings = InlineOneList<std::string>;

std::vector<std::string> contents(const Strings& list) {
  return {list.begin(), list.end()};
}

// Long enough not to fit a string's own inline buffer.
std::string text(int n) {
  return "a string long enough for the heap, number " + std::to_string(n);
}

TEST(InlineOneListTest, HoldsOneElementInlineBehindAnEightByteHeader) {
  static_assert(sizeof(Strings) == 8 + sizeof(std::string));
  static_assert(sizeof(InlineOneList<int>) == 16);  // room for the block's address
}

TEST(InlineOneListTest, DoesWhatAVectorDoesThroughGrowthInsertsErasuresAndMoves) {
  std::mt19937 random(7);
  Strings list;
  std::vector<std::string> expected;
  for (int step = 0; step < 4000; ++step) {
    const int op = static_cast<int>(random() % 8);
    if (op <= 2 || expected.empty()) {
      list.push_back(text(step));
      expected.push_back(text(step));
    } else if (op == 3) {
      list.pop_back();
      expected.pop_back();
    } else if (op == 4) {
      const auto first = static_cast<std::ptrdiff_t>(random() % expected.size());
      const auto count = static_cast<std::ptrdiff_t>(random() % (expected.size() - first + 1));
      list.erase(list.begin() + first, list.begin() + first + count);
      expected.erase(expected.begin() + first, expected.begin() + first + count);
    } else if (op == 5) {
      const std::size_t at = random() % expected.size();
      if (random() % 2 == 0) {
        list.emplace_back(list[at]);  // an element of the list itself, maybe as the list grows
        expected.push_back(expected[at]);
      } else {
        const auto before = static_cast<std::ptrdiff_t>(at);
        list.insert(list.begin() + before, text(-step));
        expected.insert(expected.begin() + before, text(-step));
      }
    } else if (op == 6) {
      Strings moved(std::move(list));
      EXPECT_TRUE(list.empty());  // NOLINT(bugprone-use-after-move): a moved-from list is empty
      list = std::move(moved);
    } else if (random() % 50 == 0) {
      list.clear();
      expected.clear();
    } else {
      const Strings copy(list);
      ASSERT_EQ(contents(copy), expected) << "a copy, at step " << step;
    }
    ASSERT_EQ(contents(list), expected) << "at step " << step;
  }
}

TEST(InlineOneListTest, EmptiesAndRefillsAfterItsElementsMovedToTheHeap) {
  Strings list;
  for (int i = 0; i < 5; ++i) list.push_back(text(i));
  list.clear();
  EXPECT_TRUE(list.empty());
  list.push_back(text(9));
  EXPECT_EQ(contents(list), std::vector<std::string>{text(9)});
  Strings other;
  other.push_back(text(1));
  other = list;  // a heap list copied over an inline one
  EXPECT_EQ(contents(other), contents(list));
}

}  // namespace
}  // namespace cepheus::engine
