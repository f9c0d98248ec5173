#include "cepheus/core/event.h"

namespace cepheus {

const Value* Event::find(std::string_view name) const {
  const std::size_t index = schema_->index_of(name);
  return index == Schema::npos ? nullptr : &values_[index];
}

std::string Event::to_string() const {
  std::string text = schema_->name() + "@" + format_timestamp(time_) + " {";
  for (std::size_t i = 0; i < values_.size(); ++i) {
    text += i == 0 ? " " : ", ";
    text += schema_->field(i).name;
    text += ": ";
    text += values_[i].to_string();
  }
  text += values_.empty() ? "}" : " }";
  return text;
}

bool operator==(const Event& a, const Event& b) {
  return a.schema_ == b.schema_ && a.time_ == b.time_ && a.values_ == b.values_;
}

}  // namespace cepheus
