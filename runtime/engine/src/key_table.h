// Private to the engine: per-key state by group key, in an open-addressing table.
//
// Operators look up a key for nearly every event, so the lookup's memory
// traffic matters: slots are 8 bytes (part of the hash and an index) in one
// array, probed linearly, and the entries (key, hash, state) sit densely in a
// second array, so a lookup usually touches one slot line and one entry. Erasing
// moves the last entry into the hole. Pointers and references into the table
// stay valid only until the next insert or erase; iteration order is the dense
// order, which erasing changes (callers that emit in order sort by their own
// sequence numbers).
#pragma once

#include <cstdint>
#include <vector>

#include "cepheus/core/value.h"

namespace cepheus::engine {

template <typename T>
class KeyTable {
 public:
  struct Entry {
    Value key;
    std::size_t hash = 0;
    T value;
  };

  // Each operation takes the key's hash when the caller has it (Value::hash()).
  T* find(const Value& key) { return find(key, key.hash()); }
  T* find(const Value& key, std::size_t hash) {
    const std::size_t slot = find_slot(key, hash);
    return slot == kNone ? nullptr : &entries_[slots_[slot].index].value;
  }

  // The state of `key`, made with T() when the key is new (then `inserted` is set).
  T& get(const Value& key, bool& inserted) { return get(key, key.hash(), inserted); }
  T& get(const Value& key, std::size_t hash, bool& inserted) {
    if (const std::size_t slot = find_slot(key, hash); slot != kNone) {
      inserted = false;
      return entries_[slots_[slot].index].value;
    }
    inserted = true;
    if ((entries_.size() + tombstones_ + 1) * 4 > slots_.size() * 3) grow();
    std::size_t at = hash & mask();
    while (slots_[at].tag > kTombstone) at = (at + 1) & mask();
    if (slots_[at].tag == kTombstone) --tombstones_;
    slots_[at] = {tag_of(hash), static_cast<std::uint32_t>(entries_.size())};
    entries_.push_back({key, hash, T()});
    return entries_.back().value;
  }

  void erase(const Value& key) { erase(key, key.hash()); }
  void erase(const Value& key, std::size_t hash) {
    const std::size_t slot = find_slot(key, hash);
    if (slot == kNone) return;
    const std::uint32_t index = slots_[slot].index;
    slots_[slot].tag = kTombstone;
    ++tombstones_;
    const auto last = static_cast<std::uint32_t>(entries_.size() - 1);
    if (index != last) {
      // The last entry fills the hole; its slot points to its new place.
      slots_[slot_of_index(entries_[last].hash, last)].index = index;
      entries_[index] = std::move(entries_[last]);
    }
    entries_.pop_back();
  }

  std::size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  void clear() {
    entries_.clear();
    slots_.clear();
    tombstones_ = 0;
  }
  std::vector<Entry>& entries() { return entries_; }
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  struct Slot {
    std::uint32_t tag = 0;  // kEmpty, kTombstone, or the hash's high bits with bit 1 set
    std::uint32_t index = 0;
  };
  static constexpr std::uint32_t kEmpty = 0;
  static constexpr std::uint32_t kTombstone = 1;
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  static std::uint32_t tag_of(std::size_t hash) { return static_cast<std::uint32_t>(hash >> 32) | 2u; }
  std::size_t mask() const { return slots_.size() - 1; }

  std::size_t find_slot(const Value& key, std::size_t hash) const {
    if (slots_.empty()) return kNone;
    const std::uint32_t tag = tag_of(hash);
    for (std::size_t at = hash & mask();; at = (at + 1) & mask()) {
      const Slot& s = slots_[at];
      if (s.tag == kEmpty) return kNone;
      if (s.tag == tag && entries_[s.index].hash == hash && entries_[s.index].key == key) return at;
    }
  }

  std::size_t slot_of_index(std::size_t hash, std::uint32_t index) const {
    for (std::size_t at = hash & mask();; at = (at + 1) & mask()) {
      if (slots_[at].tag > kTombstone && slots_[at].index == index) return at;
    }
  }

  void grow() {
    std::size_t capacity = slots_.empty() ? 16 : slots_.size();
    while ((entries_.size() + 1) * 2 > capacity) capacity *= 2;  // rebuilt half full at most
    slots_.assign(capacity, Slot{});
    tombstones_ = 0;
    for (std::uint32_t i = 0; i < entries_.size(); ++i) {
      std::size_t at = entries_[i].hash & mask();
      while (slots_[at].tag != kEmpty) at = (at + 1) & mask();
      slots_[at] = {tag_of(entries_[i].hash), i};
    }
  }

  std::vector<Slot> slots_;
  std::vector<Entry> entries_;
  std::size_t tombstones_ = 0;
};

}  // namespace cepheus::engine
