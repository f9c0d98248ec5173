// Event: one record of a stream, with the values of its schema's fields and its
// event time.
//
// Values are stored in schema order in one allocation; scalars and short strings
// need no further heap memory. The event does not own its schema: whoever creates
// events (a decoder, the engine) keeps the schema alive for as long as any of its
// events lives; a compiled plan owns the schemas of its streams. An event is a
// plain value: copy it to share it between threads.
#pragma once

#include <cassert>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cepheus/core/schema.h"
#include "cepheus/core/time.h"
#include "cepheus/core/value.h"

namespace cepheus {

class Event {
 public:
  // Requires values.size() == schema.size() and each value null or of its field's type.
  // Inline: the engine makes one for every result it emits.
  Event(const Schema& schema, Timestamp time, std::vector<Value> values)
      : schema_(&schema), time_(time), values_(std::move(values)) {
    assert(values_.size() == schema.size() && "an event needs one value per schema field");
  }

  const Schema& schema() const { return *schema_; }
  Timestamp time() const { return time_; }
  void set_time(Timestamp time) { time_ = time; }

  std::span<const Value> values() const { return values_; }
  // Moves the values out, to reuse their storage; what is left is only fit to be destroyed.
  std::vector<Value> take_values() && { return std::move(values_); }
  const Value& value(std::size_t index) const { return values_[index]; }
  // The value of the field called `name`, or nullptr when the schema has no such field.
  const Value* find(std::string_view name) const;

  // reading@2026-11-20T08:15:00Z { device: "d1", temp: 81.5 }
  std::string to_string() const;

  friend bool operator==(const Event& a, const Event& b);

 private:
  const Schema* schema_;
  Timestamp time_;
  std::vector<Value> values_;
};

}  // namespace cepheus
