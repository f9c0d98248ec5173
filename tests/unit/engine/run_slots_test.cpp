// A pattern run's slots: inline up to RunSlots::kInline, one heap block past it
// (whose address shares the inline bytes). Copies, moves and growth across that
// line must keep every slot, against a std::vector doing the same.
#include "run_slots.h"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

namespace cepheus::engine {
namespace {

std::vector<std::int32_t> contents(const RunSlots& slots) {
  return {slots.begin(), slots.end()};
}

TEST(RunSlotsTest, GrowsPastTheInlineSlotsKeepingEveryValue) {
  RunSlots slots;
  std::vector<std::int32_t> expected;
  for (std::int32_t i = 0; i < 20; ++i) {
    slots.push_back(i * 3 - 7);
    expected.push_back(i * 3 - 7);
    ASSERT_EQ(contents(slots), expected) << "after " << i + 1 << " slots";
  }
}

TEST(RunSlotsTest, CopiesAndMovesInlineAndHeapSlots) {
  for (const std::uint32_t count : {0U, 5U, RunSlots::kInline, RunSlots::kInline + 1, 12U}) {
    RunSlots original;
    original.assign(count, 4);
    if (count > 0) original[count - 1] = -1;
    const std::vector<std::int32_t> expected = contents(original);

    RunSlots copy(original);
    copy.push_back(9);  // a copy owns its slots: the original is untouched
    EXPECT_EQ(contents(original), expected) << count;
    RunSlots assigned;
    assigned.assign(10, 1);
    assigned = original;
    EXPECT_EQ(contents(assigned), expected) << count;

    RunSlots moved(std::move(original));
    EXPECT_EQ(contents(moved), expected) << count;
    RunSlots target;
    target.assign(9, 2);
    target = std::move(moved);
    EXPECT_EQ(contents(target), expected) << count;
    if (count > 0) target[0] = 100;
    EXPECT_EQ(contents(assigned), expected) << count;  // no block is shared
  }
}

}  // namespace
}  // namespace cepheus::engine
