// Private to the engine: says why a condition did not hold, in the terms of the
// rule: "temp 78.5 failed > 80", "country \"FR\" failed != a.country (\"FR\")".
// For `and`, the first part that did not hold; for a comparison, both sides with
// their values; otherwise the condition's value.
#pragma once

#include <functional>
#include <string>

#include "cepheus/dsl/checked.h"
#include "cepheus/engine/evaluator.h"

namespace cepheus::engine {

// The name of a field as the rule writes it ("temp", "a.country").
using FieldNamer = std::function<std::string(const dsl::BoundExpr& field)>;

std::string explain_false(const dsl::BoundExpr& condition, const EvalContext& context, const FieldNamer& name_of);

}  // namespace cepheus::engine
