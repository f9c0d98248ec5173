// The events a pattern run has taken: one inline, more in a heap block. Copies,
// moves and growth across that line keep every event and share the kept event
// copies (their use counts tell), and a moved-from list is empty. A block of two
// comes from and goes back to the per-thread cache.
#include "bound_events.h"

#include <gtest/gtest.h>

#include "cepheus/core/schema.h"

#include <utility>
#include <vector>

namespace cepheus::engine {
namespace {

std::vector<std::uint64_t> seqs(const BoundEvents& events) {
  std::vector<std::uint64_t> out;
  for (const BoundEvent& b : events) out.push_back(b.seq);
  return out;
}

BoundEvents holding(std::uint64_t count, const SharedEvent& kept) {
  BoundEvents events;
  for (std::uint64_t i = 0; i < count; ++i) {
    events.push_back({i % 3, 100 + i, Timestamp::from_millis(static_cast<std::int64_t>(i)), kept});
  }
  return events;
}

TEST(BoundEventsTest, PacksAStepAndAnArrivalNumberOfFortyEightBits) {
  BoundEvents events;
  events.push_back({63, (std::uint64_t{1} << 48) - 1, Timestamp::from_millis(5), nullptr});
  EXPECT_EQ(events.back().step, 63U);
  EXPECT_EQ(events.back().seq, (std::uint64_t{1} << 48) - 1);
  EXPECT_EQ(events.back().time, Timestamp::from_millis(5));
}

TEST(BoundEventsTest, CopiesAndMovesInlineAndHeapEventsSharingTheKeptEvents) {
  const auto schema = *parse_schema_spec("R", "device: string");
  const SharedEvent kept(Event(*schema, Timestamp::from_millis(0), std::vector<Value>{Value::null()}));
  for (const std::uint64_t count : {0, 1, 2, 3, 9}) {
    {
      BoundEvents original = holding(count, kept);
      const std::vector<std::uint64_t> expected = seqs(original);
      ASSERT_EQ(expected.size(), count);
      EXPECT_EQ(kept.use_count(), static_cast<std::uint32_t>(1 + count));

      BoundEvents copy(original);
      copy.push_back({0, 999, Timestamp::from_millis(1), nullptr});
      EXPECT_EQ(seqs(original), expected) << count;
      EXPECT_EQ(kept.use_count(), static_cast<std::uint32_t>(1 + 2 * count));

      BoundEvents moved(std::move(original));
      EXPECT_EQ(seqs(moved), expected) << count;
      EXPECT_TRUE(original.empty());  // NOLINT(bugprone-use-after-move): a moved-from list is empty

      BoundEvents target = holding(2, kept);
      target = std::move(moved);
      EXPECT_EQ(seqs(target), expected) << count;
      BoundEvents assigned = holding(1, nullptr);
      assigned = target;
      EXPECT_EQ(seqs(assigned), expected) << count;
      EXPECT_EQ(kept.use_count(), static_cast<std::uint32_t>(1 + 3 * count));  // copy, target, assigned
      if (count > 0) {
        EXPECT_EQ(target.front().seq, 100U);
        EXPECT_EQ(target.back().seq, 100 + count - 1);
        EXPECT_EQ(target.rbegin()->seq, 100 + count - 1);
      }
    }
    EXPECT_EQ(kept.use_count(), 1U) << "every list let its events go";
  }
}

}  // namespace
}  // namespace cepheus::engine
