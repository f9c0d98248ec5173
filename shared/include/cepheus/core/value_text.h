// Reading typed values from text: the coercion rules that the CSV and JSON
// decoders share, so that "81.5" means the same in every input format.
#pragma once

#include <string_view>

#include "cepheus/core/result.h"
#include "cepheus/core/value.h"

namespace cepheus {

// Converts `text` to a value of `type`:
//   bool      true/false in any letter case, or 1/0
//   int       a decimal integer in the int64 range, or a whole number written
//             with fraction or exponent ("2.0", "1e3")
//   double    a decimal number (finite; "nan" and "inf" are refused)
//   string    the text as it is
//   timestamp ISO-8601, or a number counted from the epoch in `epoch_unit`
//   duration  "250ms", "1h30m", ..., or a number of milliseconds
// Spaces around the text are ignored except for strings. The error says what the
// text is not: "\"hot\" is not a double".
Result<Value> value_from_text(ValueType type, std::string_view text, Duration epoch_unit = Duration::millis(1));

}  // namespace cepheus
