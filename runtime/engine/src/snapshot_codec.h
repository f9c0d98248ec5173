// Private to the engine: the binary form of engine state (Engine::snapshot()).
//
// Little-endian fixed-width integers, doubles by their bits, strings and
// sequences length-prefixed, values as a type tag and payload, events as their
// time and values (their schema is known from where they are stored). The
// reader checks every length and tag against what is left and what is
// expected, so a damaged snapshot is refused with the offset of the damage,
// never read out of bounds.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "cepheus/core/event.h"
#include "cepheus/core/result.h"

namespace cepheus::engine {

class SnapshotWriter {
 public:
  void u8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void u64(std::uint64_t v);
  void i64(std::int64_t v) { u64(static_cast<std::uint64_t>(v)); }
  void f64(double v);
  void boolean(bool v) { u8(v ? 1 : 0); }
  void time(Timestamp t) { i64(t.nanos_since_epoch()); }
  void text(std::string_view s);
  void value(const Value& v);
  void event(const Event& e);  // time and values; the reader supplies the schema

  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class SnapshotReader {
 public:
  explicit SnapshotReader(std::string_view bytes) : bytes_(bytes) {}

  std::uint8_t u8();
  std::uint64_t u64();
  std::int64_t i64() { return static_cast<std::int64_t>(u64()); }
  double f64();
  bool boolean() { return u8() != 0; }
  Timestamp time() { return Timestamp::from_nanos(i64()); }
  std::string text();
  Value value();
  // An event of `schema`; on damage, an event of nulls (and the reader has failed).
  Event event(const Schema& schema);
  // A count of items that each take at least `min_bytes`: refused when more than could fit.
  std::size_t count(std::size_t min_bytes = 1);

  bool ok() const { return error_.empty(); }
  bool at_end() const { return position_ == bytes_.size(); }
  void fail(const std::string& why);
  Status status() const;

 private:
  bool need(std::size_t n);

  std::string_view bytes_;
  std::size_t position_ = 0;
  std::string error_;
};

}  // namespace cepheus::engine
