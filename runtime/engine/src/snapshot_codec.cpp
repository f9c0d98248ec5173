#include "snapshot_codec.h"

#include <cstring>
#include <vector>

namespace cepheus::engine {

void SnapshotWriter::u64(std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

void SnapshotWriter::f64(double v) {
  std::uint64_t bits = 0;
  std::memcpy(&bits, &v, sizeof bits);
  u64(bits);
}

void SnapshotWriter::text(std::string_view s) {
  u64(s.size());
  out_.append(s);
}

void SnapshotWriter::value(const Value& v) {
  u8(static_cast<std::uint8_t>(v.type()));
  switch (v.type()) {
    case ValueType::kNull: break;
    case ValueType::kBool: boolean(v.as_bool()); break;
    case ValueType::kDouble: f64(v.as_double()); break;
    case ValueType::kString: text(v.as_string()); break;
    case ValueType::kInt:
    case ValueType::kTimestamp:
    case ValueType::kDuration: i64(v.as_int()); break;
  }
}

void SnapshotWriter::event(const Event& e) {
  time(e.time());
  u64(e.values().size());
  for (const Value& v : e.values()) value(v);
}

bool SnapshotReader::need(std::size_t n) {
  if (!ok()) return false;
  if (bytes_.size() - position_ < n) {
    fail("the snapshot ends early");
    return false;
  }
  return true;
}

void SnapshotReader::fail(const std::string& why) {
  if (ok()) error_ = "byte " + std::to_string(position_) + ": " + why;
}

Status SnapshotReader::status() const {
  if (ok()) return Status();
  return Status(StatusCode::kInvalidArgument, "damaged snapshot: " + error_);
}

std::uint8_t SnapshotReader::u8() {
  if (!need(1)) return 0;
  return static_cast<std::uint8_t>(bytes_[position_++]);
}

std::uint64_t SnapshotReader::u64() {
  if (!need(8)) return 0;
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i)
    v |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes_[position_++])) << (8 * i);
  return v;
}

double SnapshotReader::f64() {
  const std::uint64_t bits = u64();
  double v = 0;
  std::memcpy(&v, &bits, sizeof v);
  return v;
}

std::size_t SnapshotReader::count(std::size_t min_bytes) {
  const std::uint64_t n = u64();
  if (!ok()) return 0;
  if (n > (bytes_.size() - position_) / std::max<std::size_t>(min_bytes, 1)) {
    fail("a count of " + std::to_string(n) + " does not fit in what is left");
    return 0;
  }
  return static_cast<std::size_t>(n);
}

std::string SnapshotReader::text() {
  const std::size_t n = count(1);
  if (!need(n)) return {};
  std::string s(bytes_.substr(position_, n));
  position_ += n;
  return s;
}

Value SnapshotReader::value() {
  const std::uint8_t tag = u8();
  switch (static_cast<ValueType>(tag)) {
    case ValueType::kNull: return Value::null();
    case ValueType::kBool: return Value::boolean(boolean());
    case ValueType::kDouble: return Value::real(f64());
    case ValueType::kString: return Value::string(text());
    case ValueType::kInt: return Value::integer(i64());
    case ValueType::kTimestamp: return Value::timestamp(time());
    case ValueType::kDuration: return Value::duration(Duration::nanos(i64()));
  }
  fail("unknown value tag " + std::to_string(tag));
  return Value::null();
}

Event SnapshotReader::event(const Schema& schema) {
  const Timestamp t = time();
  const std::size_t n = count(1);
  std::vector<Value> values;
  if (n != schema.size()) fail("an event of '" + schema.name() + "' with " + std::to_string(n) + " values");
  for (std::size_t i = 0; ok() && i < n; ++i) {
    Value v = value();
    if (!v.is_null() && v.type() != schema.field(i).type) fail("field '" + schema.field(i).name + "' has another type");
    values.push_back(std::move(v));
  }
  if (!ok()) values.assign(schema.size(), Value::null());
  return Event(schema, t, std::move(values));
}

}  // namespace cepheus::engine
