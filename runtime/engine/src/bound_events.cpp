#include "bound_events.h"

#include <array>

namespace cepheus::engine {
namespace {

constexpr std::uint32_t kCachedCapacity = 2;

// Freed blocks of kCachedCapacity events, kept for the thread's next runs that grow.
class BlockCache {
 public:
  ~BlockCache() {
    for (std::size_t i = 0; i < size_; ++i) ::operator delete(blocks_[i]);
    size_ = 0;
  }
  void* take() { return size_ > 0 ? blocks_[--size_] : nullptr; }
  bool keep(void* block) {
    if (size_ == blocks_.size()) return false;
    blocks_[size_++] = block;
    return true;
  }

 private:
  std::array<void*, 64> blocks_{};  // a burst of matches beyond this goes back to malloc
  std::size_t size_ = 0;
};

thread_local BlockCache cache;

}  // namespace

BoundEvent* BoundEventBlocks::allocate(std::uint32_t capacity) {
  if (capacity == kCachedCapacity) {
    if (void* block = cache.take()) return static_cast<BoundEvent*>(block);
  }
  return static_cast<BoundEvent*>(::operator new(capacity * sizeof(BoundEvent)));
}

void BoundEventBlocks::deallocate(BoundEvent* block, std::uint32_t capacity) {
  if (capacity == kCachedCapacity && cache.keep(block)) return;
  ::operator delete(block);
}

}  // namespace cepheus::engine
