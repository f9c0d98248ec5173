// Private to the engine: the integer slots of a pattern run (pattern_program.h).
//
// Runs are copied whenever a step takes an event and moved as they complete or
// their key's state moves, so their slots must copy and move cheaply: up to
// kInline slots (patterns of three steps and a few groups) live inline and move
// as plain bytes; longer programs keep theirs in one heap block.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>

namespace cepheus::engine {

class RunSlots {
 public:
  static constexpr std::uint32_t kInline = 8;

  RunSlots() = default;
  RunSlots(const RunSlots& other) : size_(other.size_) {
    if (other.heap_) heap_ = std::make_unique<std::int32_t[]>(size_);
    std::memcpy(data(), other.data(), size_ * sizeof(std::int32_t));
  }
  RunSlots(RunSlots&& other) noexcept : size_(other.size_), heap_(std::move(other.heap_)) {
    std::memcpy(inline_, other.inline_, sizeof(inline_));
  }
  RunSlots& operator=(const RunSlots& other) {
    if (this != &other) *this = RunSlots(other);
    return *this;
  }
  RunSlots& operator=(RunSlots&& other) noexcept {
    if (this == &other) return *this;
    size_ = other.size_;
    heap_ = std::move(other.heap_);
    std::memcpy(inline_, other.inline_, sizeof(inline_));
    return *this;
  }

  // `count` slots, each `value`.
  void assign(std::uint32_t count, std::int32_t value) {
    size_ = count;
    heap_ = count > kInline ? std::make_unique<std::int32_t[]>(count) : nullptr;
    std::fill_n(data(), count, value);
  }
  void push_back(std::int32_t value) {
    if (size_ == kInline) {
      heap_ = std::make_unique<std::int32_t[]>(kInline + 1);
      std::memcpy(heap_.get(), inline_, sizeof(inline_));
    } else if (size_ > kInline) {
      auto grown = std::make_unique<std::int32_t[]>(size_ + 1);
      std::memcpy(grown.get(), heap_.get(), size_ * sizeof(std::int32_t));
      heap_ = std::move(grown);
    }
    data()[size_++] = value;
  }

  std::uint32_t size() const { return size_; }
  std::int32_t& operator[](std::size_t i) { return data()[i]; }
  std::int32_t operator[](std::size_t i) const { return data()[i]; }
  const std::int32_t* begin() const { return data(); }
  const std::int32_t* end() const { return data() + size_; }

 private:
  std::int32_t* data() { return heap_ ? heap_.get() : inline_; }
  const std::int32_t* data() const { return heap_ ? heap_.get() : inline_; }

  std::uint32_t size_ = 0;
  std::int32_t inline_[kInline] = {};
  std::unique_ptr<std::int32_t[]> heap_;
};

}  // namespace cepheus::engine
