#include "group_key.h"

#include <string>

#include "cepheus/engine/evaluator.h"

namespace cepheus::engine {

Value group_key(const Event& event, std::span<const std::uint32_t> fields) {
  if (fields.size() == 1) return event.value(fields[0]);
  std::string text;
  for (const std::uint32_t field : fields) {
    const Value& v = event.value(field);
    // A null is a byte no text of a value has on its own, so null and "null" differ.
    const std::string part = v.is_null() ? std::string("\x01") : display_text(v);
    text += std::to_string(part.size()) + ':' + part;
  }
  return Value::string(text);
}

}  // namespace cepheus::engine
