// The functions an expression can call, from the binder's own tables: for
// completion in the studio's forms, and for tools that list them.
#pragma once

#include <string_view>
#include <vector>

namespace cepheus::dsl {

// Scalar functions (abs, round, if, ...), in the order of the manual.
std::vector<std::string_view> scalar_function_names();
// Aggregates (count, sum, avg, ..., percentile), allowed in windows and pattern selects.
std::vector<std::string_view> aggregate_function_names();

}  // namespace cepheus::dsl
