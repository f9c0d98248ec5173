// Private to the engine: per-key state by group key, in an open-addressing table.
//
// Operators look up a key for nearly every event, so the lookup's memory
// traffic matters: slots are 8 bytes (part of the hash and an index) in one
// array, probed linearly, and the entries (key, hash, state) sit in a second
// array, so a lookup usually touches one slot line and one entry. An entry never
// moves once made: erasing empties it and keeps its place for the next new key,
// because moving a key's state (a pattern's runs, a window's aggregates) costs
// far more than skipping a free place when iterating. References into the table
// stay valid only until the next insert; iteration visits the live entries in
// no promised order (callers that emit in order sort by their own sequence numbers).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "cepheus/core/value.h"

namespace cepheus::engine {

template <typename T>
class KeyTable {
 public:
  struct Entry {
    Entry() = default;
    // Marked noexcept, so that a growing table moves its entries rather than copying
    // them (Boost's small_vector does not mark its move noexcept, though it never throws).
    Entry(Entry&&) noexcept = default;
    Entry& operator=(Entry&&) noexcept = default;
    Value key;
    std::size_t hash = 0;
    T value;
  };

  // The live entries, for range-for.
  template <typename E>
  class Live {
   public:
    class iterator {
     public:
      iterator(E* at, E* end, const std::uint8_t* live) : at_(at), end_(end), live_(live) { skip(); }
      E& operator*() const { return *at_; }
      E* operator->() const { return at_; }
      iterator& operator++() {
        ++at_;
        ++live_;
        skip();
        return *this;
      }
      bool operator!=(const iterator& other) const { return at_ != other.at_; }

     private:
      void skip() {
        while (at_ != end_ && !*live_) ++at_, ++live_;
      }
      E* at_;
      E* end_;
      const std::uint8_t* live_;
    };
    Live(E* begin, E* end, const std::uint8_t* live) : begin_(begin), end_(end), live_(live) {}
    iterator begin() const { return {begin_, end_, live_}; }
    iterator end() const { return {end_, end_, nullptr}; }

   private:
    E* begin_;
    E* end_;
    const std::uint8_t* live_;
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
    if ((entries_.size() + 1) * 2 > slots_.size()) grow();
    std::size_t at = hash & mask();
    while (slots_[at].index != kEmpty) at = (at + 1) & mask();
    std::uint32_t index = 0;
    if (free_.empty()) {
      index = static_cast<std::uint32_t>(entries_.size());
      entries_.emplace_back();  // in place: no state is moved
      live_.push_back(1);
    } else {
      index = free_.back();
      free_.pop_back();
      live_[index] = 1;
    }
    slots_[at] = {static_cast<std::uint32_t>(hash), index};
    ++size_;
    Entry& entry = entries_[index];
    entry.key = key;
    entry.hash = hash;
    return entry.value;
  }

  void erase(const Value& key) { erase(key, key.hash()); }
  void erase(const Value& key, std::size_t hash) {
    const std::size_t slot = find_slot(key, hash);
    if (slot == kNone) return;
    const std::uint32_t index = slots_[slot].index;
    close_gap(slot);
    Entry& entry = entries_[index];
    entry.key = Value();
    // Frees what the state held; the place waits for the next key. Made anew in place,
    // which costs far less than move-assigning a fresh state member by member (T() must
    // not throw: the engine's states allocate nothing when empty).
    std::destroy_at(&entry.value);
    std::construct_at(&entry.value);
    live_[index] = 0;
    free_.push_back(index);
    --size_;
  }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  void clear() {
    entries_.clear();
    live_.clear();
    free_.clear();
    slots_.clear();
    size_ = 0;
  }
  Live<Entry> entries() { return {entries_.data(), entries_.data() + entries_.size(), live_.data()}; }
  Live<const Entry> entries() const { return {entries_.data(), entries_.data() + entries_.size(), live_.data()}; }

 private:
  struct Slot {
    std::uint32_t low = 0;         // the hash's low 32 bits: its home slot, and a quick check before the key
    std::uint32_t index = kEmpty;  // into entries_
  };
  static constexpr std::uint32_t kEmpty = static_cast<std::uint32_t>(-1);
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  std::size_t mask() const { return slots_.size() - 1; }

  std::size_t find_slot(const Value& key, std::size_t hash) const {
    if (slots_.empty()) return kNone;
    const auto low = static_cast<std::uint32_t>(hash);
    for (std::size_t at = hash & mask();; at = (at + 1) & mask()) {
      const Slot& s = slots_[at];
      if (s.index == kEmpty) return kNone;
      if (s.low == low && entries_[s.index].hash == hash && entries_[s.index].key == key) return at;
    }
  }

  // Empties `gap` and moves later slots of the probe sequence back into it (backward-shift
  // deletion), so that keys come and go without leaving tombstones that lengthen every probe.
  void close_gap(std::size_t gap) {
    for (std::size_t at = (gap + 1) & mask(); slots_[at].index != kEmpty; at = (at + 1) & mask()) {
      const std::size_t home = slots_[at].low & mask();
      // The slot may move to the gap only if its home is not cyclically in (gap, at].
      const bool stays = gap <= at ? (gap < home && home <= at) : (gap < home || home <= at);
      if (stays) continue;
      slots_[gap] = slots_[at];
      gap = at;
    }
    slots_[gap] = Slot{};
  }

  void grow() {
    // Sized by the entries' places, live or free, so that reusing a free place never needs a grow.
    std::size_t capacity = slots_.empty() ? 16 : slots_.size();
    while ((entries_.size() + 1) * 2 > capacity) capacity *= 2;  // half full at most
    slots_.assign(capacity, Slot{});
    for (std::uint32_t i = 0; i < entries_.size(); ++i) {
      if (!live_[i]) continue;
      std::size_t at = entries_[i].hash & mask();
      while (slots_[at].index != kEmpty) at = (at + 1) & mask();
      slots_[at] = {static_cast<std::uint32_t>(entries_[i].hash), i};
    }
  }

  std::vector<Slot> slots_;
  std::vector<Entry> entries_;
  std::vector<std::uint8_t> live_;   // per entry: 1 when it holds a key
  std::vector<std::uint32_t> free_;  // entries that held a key that was erased
  std::size_t size_ = 0;
};

}  // namespace cepheus::engine
