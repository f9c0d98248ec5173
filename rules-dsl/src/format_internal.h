// Private helpers of the formatter.
#pragma once

#include <string>
#include <string_view>

namespace cepheus::dsl {

// "90s" -> "1m30s"; text that is not a duration is returned unchanged.
std::string canonical_duration(std::string_view text);
// A decoded string value back to a quoted literal.
std::string quote_string(std::string_view value);
// A name, backquoted when it is not a plain name or is reserved in expressions.
std::string format_name(std::string_view name);

}  // namespace cepheus::dsl
