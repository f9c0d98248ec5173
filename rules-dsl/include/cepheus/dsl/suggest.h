// "Did you mean ...?": the closest candidate to a misspelt word.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cepheus::dsl {

// The candidate with the smallest edit distance to `word`, if that distance is
// small for the word's length (at most a third of it, and at least one edit is
// allowed), or one that starts the other (of at least 3 characters); empty
// otherwise.
std::string closest_match(std::string_view word, const std::vector<std::string_view>& candidates);

// "did you mean 'temp'?" or empty.
std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates);

}  // namespace cepheus::dsl
