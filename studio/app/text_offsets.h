// Byte offsets (the rule language's spans, UTF-8) to character positions (Qt's
// text positions, UTF-16 code units) and back, for one text.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace cepheus::studio {

class TextOffsets {
 public:
  explicit TextOffsets(std::string_view utf8) {
    chars_.reserve(utf8.size() + 1);
    int position = 0;
    int start = 0;
    for (const char c : utf8) {
      const auto byte = static_cast<unsigned char>(c);
      // Continuation bytes share their character's position; 4-byte sequences are surrogate pairs.
      if ((byte & 0xC0) != 0x80) {
        start = position;
        position += byte >= 0xF0 ? 2 : 1;
      }
      chars_.push_back(start);
    }
    chars_.push_back(position);
  }

  // The character position of byte `offset` (clamped to the end).
  int chars(std::uint32_t offset) const { return chars_[offset < chars_.size() ? offset : chars_.size() - 1]; }
  // The byte offset of character position `position` (the first byte at or after it).
  std::uint32_t bytes(int position) const {
    for (std::size_t i = 0; i < chars_.size(); ++i)
      if (chars_[i] >= position) return static_cast<std::uint32_t>(i);
    return static_cast<std::uint32_t>(chars_.size() - 1);
  }

 private:
  std::vector<int> chars_;  // per byte, and one past the end
};

}  // namespace cepheus::studio
