// Private to the engine: per-key state by group key, in an open-addressing table.
//
// Operators look up a key for nearly every event, so the lookup's memory
// traffic matters: slots are 8 bytes (the hash's low 32 bits and an index) in
// one array, probed linearly, and the entries (key and state) sit in pages, so a
// lookup usually touches one slot line and one entry. The slots keep all of the
// hash that a table of up to 2^31 entries uses, so entries keep none. An entry never moves once
// made: pages are added, never reallocated (16, 32, ... 2,048 entries, then 4,096
// each, so a big table holds little unused room), and erasing empties an entry and
// keeps its place for the next new key, because moving a key's state (a pattern's
// runs, a window's aggregates) costs far more than skipping a free place when
// iterating. References into the table stay valid only until the key is erased;
// iteration visits the live entries in no promised order (callers that emit in
// order sort by their own sequence numbers).
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "cepheus/core/value.h"

namespace cepheus::engine {

// `kEntryAlign` 64 puts every entry on a cache line's start, so that a state whose hot
// fields are its first bytes is read in as few lines as they take.
template <typename T, std::size_t kEntryAlign = alignof(Value)>
class KeyTable {
 public:
  struct alignas(std::max({kEntryAlign, alignof(Value), alignof(T)})) Entry {
    Value key;
    T value;
  };

  // The live entries, for range-for.
  template <typename Table, typename E>
  class Live {
   public:
    class iterator {
     public:
      iterator(Table* table, std::uint32_t at) : table_(table), at_(at) { skip(); }
      E& operator*() const { return table_->entry(at_); }
      E* operator->() const { return &table_->entry(at_); }
      iterator& operator++() {
        ++at_;
        skip();
        return *this;
      }
      bool operator!=(const iterator& other) const { return at_ != other.at_; }

     private:
      void skip() {
        while (at_ < table_->places_ && !table_->live_[at_]) ++at_;
      }
      Table* table_;
      std::uint32_t at_;
    };
    explicit Live(Table* table) : table_(table) {}
    iterator begin() const { return {table_, 0}; }
    iterator end() const { return {table_, table_->places_}; }

   private:
    Table* table_;
  };

  // Each operation takes the key's hash when the caller has it (Value::hash()).
  T* find(const Value& key) { return find(key, key.hash()); }
  T* find(const Value& key, std::size_t hash) {
    Entry* found = find_entry(key, hash);
    return found ? &found->value : nullptr;
  }
  // find(), with the key as the table holds it.
  Entry* find_entry(const Value& key, std::size_t hash) {
    Entry* found = nullptr;
    find_slot(key, hash, &found);
    return found;
  }

  // The state of `key`, made with T() when the key is new (then `inserted` is set).
  T& get(const Value& key, bool& inserted) { return get(key, key.hash(), inserted); }
  T& get(const Value& key, std::size_t hash, bool& inserted) { return get_entry(key, hash, inserted).value; }
  // get(), with the key as the table holds it (at a place that stays until it is erased).
  Entry& get_entry(const Value& key, std::size_t hash, bool& inserted) {
    if (Entry* found = find_entry(key, hash)) {
      inserted = false;
      return *found;
    }
    inserted = true;
    return insert_absent(key, hash);
  }
  // get_entry() for a key the caller just failed to find: no second search.
  Entry& insert_absent(const Value& key, std::size_t hash) {
    if ((places_ + 1) * 2 > slots_.size()) grow();
    std::size_t at = hash & mask();
    while (slots_[at].index != kEmpty) at = (at + 1) & mask();
    std::uint32_t index = 0;
    if (free_.empty()) {
      index = places_++;
      if (places_ > capacity_) add_page();
      live_.push_back(1);
    } else {
      index = free_.back();
      free_.pop_back();
      live_[index] = 1;
    }
    slots_[at] = {static_cast<std::uint32_t>(hash), index};
    ++size_;
    Entry& made = entry(index);
    made.key = key;
    return made;
  }

  void erase(const Value& key) { erase(key, key.hash()); }
  void erase(const Value& key, std::size_t hash) {
    const std::size_t slot = find_slot(key, hash);
    if (slot == kNone) return;
    const std::uint32_t index = slots_[slot].index;
    close_gap(slot);
    Entry& erased = entry(index);
    erased.key = Value();
    // Frees what the state held; the place waits for the next key. Made anew in place,
    // which costs far less than move-assigning a fresh state member by member (T() must
    // not throw: the engine's states allocate nothing when empty).
    std::destroy_at(&erased.value);
    std::construct_at(&erased.value);
    live_[index] = 0;
    free_.push_back(index);
    --size_;
  }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  void clear() {
    pages_.clear();
    live_.clear();
    free_.clear();
    slots_.clear();
    size_ = 0;
    places_ = 0;
    capacity_ = 0;
  }
  Live<KeyTable, Entry> entries() { return Live<KeyTable, Entry>(this); }
  Live<const KeyTable, const Entry> entries() const { return Live<const KeyTable, const Entry>(this); }

 private:
  struct Slot {
    std::uint32_t low = 0;         // the hash's low 32 bits: its home slot, and a quick check before the key
    std::uint32_t index = kEmpty;  // into entries_
  };
  static constexpr std::uint32_t kEmpty = static_cast<std::uint32_t>(-1);
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  // Pages 0 .. kDoublings-1 hold 16, 32, ... entries; every later page kLargePage.
  static constexpr std::uint32_t kFirstPage = 16;
  static constexpr std::uint32_t kDoublings = 8;
  static constexpr std::uint32_t kLargePage = kFirstPage << kDoublings;
  static constexpr std::uint32_t kDoubledPlaces = kFirstPage * ((1U << kDoublings) - 1);

  Entry& entry(std::uint32_t index) { return const_cast<Entry&>(std::as_const(*this).entry(index)); }
  const Entry& entry(std::uint32_t index) const {
    if (index < kDoubledPlaces) {
      const auto page = static_cast<std::uint32_t>(std::bit_width(index / kFirstPage + 1) - 1);
      return pages_[page][index - kFirstPage * ((1U << page) - 1)];
    }
    const std::uint32_t past = index - kDoubledPlaces;
    return pages_[kDoublings + past / kLargePage][past % kLargePage];
  }
  void add_page() {
    const auto page = static_cast<std::uint32_t>(pages_.size());
    const std::uint32_t size = page < kDoublings ? kFirstPage << page : kLargePage;
    pages_.push_back(std::make_unique<Entry[]>(size));
    capacity_ += size;
  }

  std::size_t mask() const { return slots_.size() - 1; }

  // The slot of `key`, or kNone; `found`, when given, gets its entry, so that callers do not find
  // its page twice. Always inline: every lookup runs this loop, and the compiler would call it from erase().
  [[gnu::always_inline]] std::size_t find_slot(const Value& key, std::size_t hash, Entry** found = nullptr) {
    if (slots_.empty()) return kNone;
    const auto low = static_cast<std::uint32_t>(hash);
    for (std::size_t at = hash & mask();; at = (at + 1) & mask()) {
      const Slot& s = slots_[at];
      if (s.index == kEmpty) return kNone;
      if (s.low != low) continue;
      Entry& e = entry(s.index);
      if (e.key != key) continue;
      if (found) *found = &e;
      return at;
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
    while ((places_ + 1) * 2 > capacity) capacity *= 2;  // half full at most
    std::vector<Slot> old(capacity, Slot{});
    old.swap(slots_);
    for (const Slot& s : old) {
      if (s.index == kEmpty) continue;
      std::size_t at = s.low & mask();  // the mask has at most 32 bits: the low bits are the home
      while (slots_[at].index != kEmpty) at = (at + 1) & mask();
      slots_[at] = s;
    }
  }

  std::vector<Slot> slots_;
  std::vector<std::unique_ptr<Entry[]>> pages_;
  std::uint32_t places_ = 0;         // entries made (live or free)
  std::uint32_t capacity_ = 0;       // entries the pages hold
  std::vector<std::uint8_t> live_;   // per entry: 1 when it holds a key
  std::vector<std::uint32_t> free_;  // entries that held a key that was erased
  std::size_t size_ = 0;
};

}  // namespace cepheus::engine
