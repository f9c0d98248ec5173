#include "cepheus/core/value.h"

#include <atomic>
#include <charconv>
#include <functional>
#include <new>

namespace cepheus {

// The shared text of a long string: a header followed by `size` bytes.
struct Value::StringBlock {
  std::atomic<std::uint32_t> references;
  std::uint32_t size;
  const char* data() const { return reinterpret_cast<const char*>(this + 1); }
  char* data() { return reinterpret_cast<char*>(this + 1); }
};

namespace {
constexpr std::string_view kTypeNames[] = {"null", "bool", "int", "double", "string", "timestamp", "duration"};
}  // namespace

std::string_view value_type_name(ValueType type) {
  return kTypeNames[static_cast<int>(type)];
}

bool value_type_from_name(std::string_view name, ValueType& type) {
  for (std::size_t i = 1; i < std::size(kTypeNames); ++i) {
    if (kTypeNames[i] == name) {
      type = static_cast<ValueType>(i);
      return true;
    }
  }
  return false;
}

Value Value::string(std::string_view s) {
  Value v;
  v.bytes_[kTagByte] = static_cast<unsigned char>(ValueType::kString);
  if (s.size() <= kInlineStringCapacity) {
    if (!s.empty()) std::memcpy(v.bytes_, s.data(), s.size());
    v.bytes_[kInlineLengthByte] = static_cast<unsigned char>(s.size());
    return v;
  }
  // Event payloads are size-limited long before 4 GiB, so a 32-bit size is enough.
  const auto size = static_cast<std::uint32_t>(s.size());
  void* memory = ::operator new(sizeof(StringBlock) + size);
  auto* block = new (memory) StringBlock{{1}, size};
  std::memcpy(block->data(), s.data(), size);
  v.store(block);
  v.bytes_[kInlineLengthByte] = kHeapFlag;
  return v;
}

std::string_view Value::as_string() const {
  if (is_heap_string()) {
    const StringBlock* b = block();
    return {b->data(), b->size};
  }
  return {reinterpret_cast<const char*>(bytes_), bytes_[kInlineLengthByte]};
}

void Value::retain_block() const {
  block()->references.fetch_add(1, std::memory_order_relaxed);
}

void Value::release_block() {
  StringBlock* b = block();
  if (b->references.fetch_sub(1, std::memory_order_acq_rel) == 1) {
    b->~StringBlock();
    ::operator delete(b);
  }
}

bool Value::equal_content(const Value& a, const Value& b) {
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case ValueType::kNull: return true;
    case ValueType::kBool: return a.as_bool() == b.as_bool();
    case ValueType::kDouble: return a.as_double() == b.as_double();
    case ValueType::kString: return a.as_string() == b.as_string();
    case ValueType::kInt:
    case ValueType::kTimestamp:
    case ValueType::kDuration: return a.as_int() == b.as_int();
  }
  return false;
}

std::size_t Value::hash_other() const {
  switch (type()) {
    case ValueType::kNull: return 0x9e3779b97f4a7c15ULL;
    case ValueType::kBool: return mix64(as_bool() ? 1 : 2);
    case ValueType::kDouble: {
      const double d = as_double() == 0.0 ? 0.0 : as_double();  // +0 and -0 are equal, so hash alike
      std::uint64_t bits = 0;
      std::memcpy(&bits, &d, sizeof(bits));
      return mix64(bits ^ 0x5851f42d4c957f2dULL);
    }
    case ValueType::kString: return std::hash<std::string_view>{}(as_string());  // a heap string
    default: return hash();  // ints, times and inline strings: hash() hashes them itself
  }
}

std::string Value::to_string() const {
  switch (type()) {
    case ValueType::kNull: return "null";
    case ValueType::kBool: return as_bool() ? "true" : "false";
    case ValueType::kInt: return std::to_string(as_int());
    case ValueType::kDouble: {
      char buffer[32];
      auto [end, error] = std::to_chars(buffer, buffer + sizeof(buffer), as_double());
      (void)error;
      return std::string(buffer, end);
    }
    case ValueType::kString: {
      std::string text = "\"";
      text += as_string();
      text += '"';
      return text;
    }
    case ValueType::kTimestamp: return format_timestamp(as_timestamp());
    case ValueType::kDuration: return format_duration(as_duration());
  }
  return "?";
}

}  // namespace cepheus
