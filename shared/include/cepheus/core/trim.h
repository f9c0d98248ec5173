// Text without the blanks (spaces, tabs, carriage returns) at its ends, for the
// line-oriented readers (rule forms, scenario and test files, CSV cells).
#pragma once

#include <string_view>

namespace cepheus {

inline std::string_view trim_blanks(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

}  // namespace cepheus
