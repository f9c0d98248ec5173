// The words of a generator's field spec ("one of \"far east\":2 west"), as the
// scenario reader splits them: at blanks, a double-quoted value with its quotes
// (and a weight after it) as one word. Shared with the studio's spec form.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cepheus::testbench {

std::vector<std::string> field_spec_words(std::string_view spec);

}  // namespace cepheus::testbench
