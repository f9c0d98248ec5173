// Completion in the inspector's expression fields: what can be written where
// the user is typing, from the checked project (the fields a statement reads,
// joined tables and twins with theirs, pattern steps, functions).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "statement_edits.h"

namespace cepheus::studio {

struct Completion {
  std::string text;    // what replaces the word being typed
  std::string detail;  // "double, from readings", "function"
  friend bool operator==(const Completion&, const Completion&) = default;
};

// The word at the end of `typed` (letters, digits, '_' and '.'), which completions replace.
std::string_view word_before_cursor(std::string_view typed);

// Completions for the word at the end of `typed` in an expression of `statement`;
// at most `limit`, fields before functions, each group in a stable order.
std::vector<Completion> complete_expression(const RuleTexts& texts, std::string_view statement, std::string_view typed,
                                            std::size_t limit = 40);

}  // namespace cepheus::studio
