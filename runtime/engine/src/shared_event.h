// Private to the engine: an event that pattern runs have taken, kept once for all of them.
//
// Runs copy their bound events whenever a step takes an event, and a waiting key's state
// holds one, so the handle is one pointer (std::shared_ptr is two) and its count is a
// plain integer: the runs sharing an event belong to one engine, driven by one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>

#include "cepheus/core/event.h"

namespace cepheus::engine {

class SharedEvent {
 public:
  SharedEvent() = default;
  SharedEvent(std::nullptr_t) {}  // NOLINT: reads as "no event", like a null pointer
  explicit SharedEvent(Event event) : block_(new Block{1, std::move(event)}) {}
  SharedEvent(const SharedEvent& other) : block_(other.block_) {
    if (block_) ++block_->refs;
  }
  SharedEvent(SharedEvent&& other) noexcept : block_(std::exchange(other.block_, nullptr)) {}
  SharedEvent& operator=(SharedEvent other) noexcept {
    std::swap(block_, other.block_);
    return *this;
  }
  ~SharedEvent() {
    if (block_ && --block_->refs == 0) delete block_;
  }

  explicit operator bool() const { return block_ != nullptr; }
  const Event* get() const { return block_ ? &block_->event : nullptr; }
  const Event& operator*() const { return block_->event; }
  const Event* operator->() const { return &block_->event; }
  // The handles to this event (0 for none).
  std::uint32_t use_count() const { return block_ ? block_->refs : 0; }

 private:
  struct Block {
    std::uint32_t refs;
    Event event;
  };
  Block* block_ = nullptr;
};

}  // namespace cepheus::engine
