// MQTT topic names and filters (MQTT 3.1.1 and 5, section 4.7): matching a
// topic against a filter with `+` (one level) and `#` (the rest, as the last
// level), and splitting a topic into its levels. Topics starting with `$` are
// not matched by a filter starting with a wildcard, as the standard says.
#pragma once

#include <string_view>
#include <vector>

namespace cepheus {

bool topic_matches(std::string_view filter, std::string_view topic);

// "plant/north/press-01" -> {"plant", "north", "press-01"}; empty levels are kept.
std::vector<std::string_view> topic_levels(std::string_view topic);

}  // namespace cepheus
