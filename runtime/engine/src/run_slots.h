// Private to the engine: the integer slots of a pattern run (pattern_program.h).
//
// Runs are copied whenever a step takes an event and moved as they complete or
// their key's state moves, so their slots must copy and move cheaply and take
// little room in a waiting key's state: up to kInline slots (patterns of three
// steps) live inline and copy as plain bytes; a longer program keeps its slots in
// one heap block, whose address then takes the place of the inline slots.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace cepheus::engine {

class RunSlots {
 public:
  static constexpr std::uint32_t kInline = 7;

  RunSlots() = default;
  RunSlots(const RunSlots& other) : size_(other.size_) {
    if (on_heap()) set_heap(new std::int32_t[size_]);
    std::memcpy(data(), other.data(), size_ * sizeof(std::int32_t));
  }
  RunSlots(RunSlots&& other) noexcept : size_(other.size_) {
    std::memcpy(inline_, other.inline_, sizeof(inline_));
    other.size_ = 0;  // the heap block, if any, is ours now
  }
  RunSlots& operator=(const RunSlots& other) {
    if (this != &other) *this = RunSlots(other);
    return *this;
  }
  RunSlots& operator=(RunSlots&& other) noexcept {
    if (this == &other) return *this;
    release();
    size_ = other.size_;
    std::memcpy(inline_, other.inline_, sizeof(inline_));
    other.size_ = 0;
    return *this;
  }
  ~RunSlots() { release(); }

  // `count` slots, each `value`.
  void assign(std::uint32_t count, std::int32_t value) {
    release();
    size_ = count;
    if (on_heap()) set_heap(new std::int32_t[count]);
    std::fill_n(data(), count, value);
  }
  void push_back(std::int32_t value) {
    if (size_ < kInline) {
      inline_[size_++] = value;
      return;
    }
    auto* grown = new std::int32_t[size_ + 1];
    std::memcpy(grown, data(), size_ * sizeof(std::int32_t));
    release();
    set_heap(grown);
    grown[size_++] = value;  // now past kInline, so data() is the block
  }

  std::uint32_t size() const { return size_; }
  std::int32_t& operator[](std::size_t i) { return data()[i]; }
  std::int32_t operator[](std::size_t i) const { return data()[i]; }
  const std::int32_t* begin() const { return data(); }
  const std::int32_t* end() const { return data() + size_; }

 private:
  bool on_heap() const { return size_ > kInline; }
  std::int32_t* heap() const {
    std::int32_t* block = nullptr;
    std::memcpy(&block, inline_, sizeof(block));
    return block;
  }
  void set_heap(std::int32_t* block) { std::memcpy(inline_, &block, sizeof(block)); }
  void release() {
    if (on_heap()) delete[] heap();
  }
  std::int32_t* data() { return on_heap() ? heap() : inline_; }
  const std::int32_t* data() const { return on_heap() ? heap() : inline_; }

  std::uint32_t size_ = 0;
  std::int32_t inline_[kInline] = {};
};

static_assert(sizeof(RunSlots) == 32);

}  // namespace cepheus::engine
