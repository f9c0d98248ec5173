// Value: one field of an event, in 16 bytes with no heap allocation for scalars.
//
// A Value is null or holds a bool, int64, double, string, Timestamp or Duration.
// Strings of up to 14 bytes are stored inline (device ids, country codes, short
// names); longer strings live in one immutable, reference-counted block that copies
// share, so copying any Value costs at most an atomic increment. A Value is
// immutable once built and may be read from several threads at once.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "cepheus/core/time.h"

namespace cepheus {

enum class ValueType : std::uint8_t { kNull, kBool, kInt, kDouble, kString, kTimestamp, kDuration };

// The name used in schemas and messages: "null", "bool", "int", "double",
// "string", "timestamp", "duration".
std::string_view value_type_name(ValueType type);
// The inverse of value_type_name; false for an unknown name.
bool value_type_from_name(std::string_view name, ValueType& type);

class Value {
 public:
  static constexpr std::size_t kInlineStringCapacity = 14;

  Value() { bytes_[kTagByte] = static_cast<unsigned char>(ValueType::kNull); }
  static Value null() { return Value(); }
  // The scalar factories are inline: engines make them for every result they emit.
  static Value boolean(bool b) { return scalar(static_cast<std::uint8_t>(b ? 1 : 0), ValueType::kBool); }
  static Value integer(std::int64_t i) { return scalar(i, ValueType::kInt); }
  static Value real(double d) { return scalar(d, ValueType::kDouble); }
  static Value string(std::string_view s);
  static Value timestamp(Timestamp t) { return scalar(t.nanos_since_epoch(), ValueType::kTimestamp); }
  static Value duration(Duration d) { return scalar(d.count_nanos(), ValueType::kDuration); }

  // Inline, since engines copy values on every event: only a heap string leaves this header.
  Value(const Value& other) noexcept {
    std::memcpy(bytes_, other.bytes_, sizeof(bytes_));
    if (is_heap_string()) retain_block();
  }
  Value(Value&& other) noexcept {
    std::memcpy(bytes_, other.bytes_, sizeof(bytes_));
    other.bytes_[kTagByte] = static_cast<unsigned char>(ValueType::kNull);
  }
  Value& operator=(const Value& other) noexcept {
    if (this != &other) {
      if (other.is_heap_string()) other.retain_block();
      release();
      std::memcpy(bytes_, other.bytes_, sizeof(bytes_));
    }
    return *this;
  }
  Value& operator=(Value&& other) noexcept {
    if (this != &other) {
      release();
      std::memcpy(bytes_, other.bytes_, sizeof(bytes_));
      other.bytes_[kTagByte] = static_cast<unsigned char>(ValueType::kNull);
    }
    return *this;
  }
  ~Value() { release(); }

  ValueType type() const { return static_cast<ValueType>(bytes_[kTagByte]); }
  bool is_null() const { return type() == ValueType::kNull; }

  // Each accessor requires the matching type().
  bool as_bool() const { return bytes_[0] != 0; }
  std::int64_t as_int() const { return load<std::int64_t>(); }
  double as_double() const { return load<double>(); }
  std::string_view as_string() const;
  Timestamp as_timestamp() const { return Timestamp::from_nanos(load<std::int64_t>()); }
  Duration as_duration() const { return Duration::nanos(load<std::int64_t>()); }

  // A number as double, for int and double values; requires one of them.
  double as_number() const { return type() == ValueType::kInt ? static_cast<double>(as_int()) : as_double(); }

  // Same type and same content. Doubles compare by value (so NaN != NaN). Inline,
  // since key lookups compare on every event: equal bytes are equal values (a heap
  // string's bytes name its block), but for a NaN; other pairs need a closer look.
  friend bool operator==(const Value& a, const Value& b) {
    if (std::memcmp(a.bytes_, b.bytes_, sizeof(a.bytes_)) == 0) {
      return a.type() != ValueType::kDouble || a.as_double() == a.as_double();
    }
    // Other bytes are another value, unless two heap strings hold the same text or the
    // doubles are +0 and -0 (an inline string and a heap string never hold the same text).
    if (a.type() != ValueType::kDouble && !a.is_heap_string()) return false;
    return equal_content(a, b);
  }
  // A hash consistent with ==, for keys of partitions and group-by. Inline for the keys
  // that are looked up on every event: ints, times and inline strings hash their bytes (an
  // inline string's unused bytes are zero, and a string of up to 14 bytes is always inline,
  // so equal strings hash alike).
  std::size_t hash() const {
    switch (type()) {
      case ValueType::kString:
        if (is_heap_string()) return hash_other();
        return mix64(load<std::uint64_t>() ^ mix64(load_high()));
      case ValueType::kInt:
      case ValueType::kTimestamp:
      case ValueType::kDuration:
        return mix64(static_cast<std::uint64_t>(as_int()) ^ (static_cast<std::uint64_t>(type()) << 56));
      default: return hash_other();
    }
  }

  // A readable form for messages and logs: null, true, 42, 2.5, "text",
  // 2026-11-20T08:15:00Z, 250ms.
  std::string to_string() const;

 private:
  static constexpr std::size_t kTagByte = 15;
  static constexpr std::size_t kInlineLengthByte = 14;
  static constexpr unsigned char kHeapFlag = 0x80;  // in the inline-length byte

  struct StringBlock;

  template <typename T>
  T load() const {
    T value;
    std::memcpy(&value, bytes_, sizeof(T));  // NOLINT(bugprone-sizeof-expression): T may be a pointer
    return value;
  }
  template <typename T>
  void store(T value) {
    std::memcpy(bytes_, &value, sizeof(T));  // NOLINT(bugprone-sizeof-expression): T may be a pointer
  }
  template <typename T>
  static Value scalar(T value, ValueType type) {
    Value v;
    v.store(value);
    v.bytes_[kTagByte] = static_cast<unsigned char>(type);
    return v;
  }
  // The finaliser of MurmurHash3: every input bit reaches the low bits that hash tables probe with.
  static std::uint64_t mix64(std::uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
  }
  std::uint64_t load_high() const {
    std::uint64_t high = 0;
    std::memcpy(&high, bytes_ + sizeof(high), sizeof(high));
    return high;
  }
  // hash() of nulls, bools, doubles and heap strings.
  std::size_t hash_other() const;
  bool is_heap_string() const { return type() == ValueType::kString && (bytes_[kInlineLengthByte] & kHeapFlag) != 0; }
  StringBlock* block() const { return load<StringBlock*>(); }
  void release() {
    if (is_heap_string()) release_block();
  }
  // operator== for values whose bytes differ (+0 and -0, two blocks of one text, moved-from nulls).
  static bool equal_content(const Value& a, const Value& b);
  // Require is_heap_string().
  void retain_block() const;
  void release_block();

  alignas(8) unsigned char bytes_[16] = {};
};

static_assert(sizeof(Value) == 16, "Value must stay 16 bytes");

// For unordered containers keyed by Value.
struct ValueHash {
  std::size_t operator()(const Value& value) const { return value.hash(); }
};

}  // namespace cepheus
