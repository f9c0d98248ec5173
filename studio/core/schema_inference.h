// A schema's fields guessed from one sample message, for the inspector: paste
// what a device sends, get `name: type` lines to review.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cepheus/core/result.h"

namespace cepheus::studio {

struct InferredFields {
  std::string fields;                // one `name: type,` per line, in the message's order
  std::vector<std::string> skipped;  // members that are objects or arrays (schemas are flat)
};

// Types: true/false -> bool; whole numbers -> int; other numbers -> double; strings
// that are RFC 3339 times -> timestamp; other strings -> string; null -> string?
// (optional: one message cannot tell its type). The sample must be a JSON object.
Result<InferredFields> infer_schema_fields(std::string_view sample_json);

}  // namespace cepheus::studio
