// UTF-8 validation and encoding shared by every text decoder.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace cepheus {

// Checks the character that starts at text[pos]. Returns its length in bytes (1 to
// 4), or 0 when it is not valid UTF-8; then `reason` says why ("overlong
// encoding", "encoded surrogate", ...).
std::size_t utf8_char_length(std::string_view text, std::size_t pos, const char*& reason);

// The offset of the first invalid byte in `text`, or npos when all of it is valid.
std::size_t find_invalid_utf8(std::string_view text, const char*& reason);

// Appends a code point (at most U+10FFFF, not a surrogate) as UTF-8.
void append_utf8(std::string& out, std::uint32_t code_point);

}  // namespace cepheus
