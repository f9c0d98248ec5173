// Private to the engine: a list that holds one element inline behind an 8-byte header.
//
// A waiting key's pattern state is one run holding one bound event, and runs are moved
// and copied on every step, so both lists keep one element inline and move it directly;
// more go to one heap block, whose address then takes the inline element's place. (A
// general small vector spends 24 bytes on its header, and moves an inline element
// through its range assignment: a fifth of the instructions per event of "A then B".)
// A window key's state is most often one open window, kept inline the same way.
// `Blocks` allocates the heap blocks: allocate(capacity) and deallocate(block, capacity).
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <new>
#include <utility>

namespace cepheus::engine {

template <typename T>
struct HeapBlocks {
  static T* allocate(std::uint32_t capacity) { return static_cast<T*>(::operator new(capacity * sizeof(T))); }
  static void deallocate(T* block, std::uint32_t /*capacity*/) { ::operator delete(block); }
};

template <typename T, typename Blocks = HeapBlocks<T>>
class InlineOneList {
 public:
  InlineOneList() = default;
  InlineOneList(const InlineOneList& other) {
    reserve(other.size_);
    for (const T& value : other) emplace_back(value);
  }
  InlineOneList(InlineOneList&& other) noexcept { take(other); }
  InlineOneList& operator=(const InlineOneList& other) {
    if (this != &other) *this = InlineOneList(other);
    return *this;
  }
  InlineOneList& operator=(InlineOneList&& other) noexcept {
    if (this != &other) {
      release();
      take(other);
    }
    return *this;
  }
  ~InlineOneList() { release(); }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& operator[](std::size_t i) { return data()[i]; }
  const T& operator[](std::size_t i) const { return data()[i]; }
  const T& front() const { return data()[0]; }
  T& back() { return data()[size_ - 1]; }
  const T& back() const { return data()[size_ - 1]; }
  T* begin() { return data(); }
  T* end() { return data() + size_; }
  const T* begin() const { return data(); }
  const T* end() const { return data() + size_; }
  std::reverse_iterator<const T*> rbegin() const { return std::make_reverse_iterator(end()); }
  std::reverse_iterator<const T*> rend() const { return std::make_reverse_iterator(begin()); }

  template <typename... Args>
  T& emplace_back(Args&&... args) {
    if (size_ < capacity_) {
      T* made = new (data() + size_) T(std::forward<Args>(args)...);
      ++size_;
      return *made;
    }
    // Made in the new block before the old one is emptied: `args` may name one of its elements.
    const std::uint32_t capacity = capacity_ * 2;
    T* block = Blocks::allocate(capacity);
    T* made = new (block + size_) T(std::forward<Args>(args)...);
    move_into(block, capacity);
    ++size_;
    return *made;
  }
  // Inserts `value` before `at`, moving the later elements back; returns where it is.
  T* insert(T* at, T&& value) {
    const auto index = at - begin();
    emplace_back(std::move(value));
    std::rotate(begin() + index, end() - 1, end());
    return begin() + index;
  }
  void push_back(T&& value) { emplace_back(std::move(value)); }
  void push_back(const T& value) { emplace_back(value); }
  void pop_back() { data()[--size_].~T(); }
  // Removes [first, last), moving the later elements up; returns where they begin.
  T* erase(T* first, T* last) {
    if (first == last) return first;  // else the elements after it would be moved onto themselves
    T* old_end = end();
    T* new_end = std::move(last, old_end, first);
    for (T* at = new_end; at != old_end; ++at) at->~T();
    size_ -= static_cast<std::uint32_t>(old_end - new_end);
    return first;
  }
  T* erase(T* at) { return erase(at, at + 1); }
  // Empties the list; a heap block is kept for the next elements.
  void clear() {
    T* at = data();
    for (std::uint32_t i = 0; i < size_; ++i) at[i].~T();
    size_ = 0;
  }

 private:
  bool on_heap() const { return capacity_ > 1; }
  T* heap() const {
    T* block = nullptr;
    std::memcpy(&block, inline_, sizeof(block));
    return block;
  }
  T* inline_slot() { return std::launder(reinterpret_cast<T*>(inline_)); }
  const T* inline_slot() const { return std::launder(reinterpret_cast<const T*>(inline_)); }
  T* data() { return on_heap() ? heap() : inline_slot(); }
  const T* data() const { return on_heap() ? heap() : inline_slot(); }

  void reserve(std::uint32_t capacity) {
    if (capacity > capacity_) move_into(Blocks::allocate(capacity), capacity);
  }
  // Moves the elements to `block` (of `capacity`), which becomes the list's storage.
  void move_into(T* block, std::uint32_t capacity) {
    T* from = data();
    for (std::uint32_t i = 0; i < size_; ++i) {
      new (block + i) T(std::move(from[i]));
      from[i].~T();
    }
    if (on_heap()) Blocks::deallocate(from, capacity_);
    std::memcpy(inline_, &block, sizeof(block));  // over the inline element, moved out above
    capacity_ = capacity;
  }
  // Takes `other`'s elements, leaving it empty: a heap block changes hands, an inline element moves.
  void take(InlineOneList& other) noexcept {
    size_ = std::exchange(other.size_, 0);
    capacity_ = std::exchange(other.capacity_, 1);
    if (on_heap()) {
      std::memcpy(inline_, other.inline_, sizeof(T*));
    } else if (size_ == 1) {
      new (inline_slot()) T(std::move(*other.inline_slot()));
      other.inline_slot()->~T();
    }
  }
  void release() {
    clear();
    if (on_heap()) Blocks::deallocate(heap(), capacity_);
    capacity_ = 1;
  }

  std::uint32_t size_ = 0;
  std::uint32_t capacity_ = 1;  // above 1, the elements are in a heap block
  alignas(T) alignas(T*) unsigned char inline_[std::max(sizeof(T), sizeof(T*))];  // one element, or the block's address
};

}  // namespace cepheus::engine
