// Small helpers that append JSON text to a std::string, shared by every encoder.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace cepheus {

// A quoted JSON string; control characters, '"' and '\' are escaped, UTF-8 kept.
void append_json_string(std::string& out, std::string_view text);
// The same, as a new string.
std::string json_quoted(std::string_view text);
// The shortest text that reads back as the same double; null for NaN or infinity.
void append_json_double(std::string& out, double value);
void append_json_int(std::string& out, std::int64_t value);

}  // namespace cepheus
