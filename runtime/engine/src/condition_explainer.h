// Private to the engine: says why a condition did not hold, in the terms of the
// rule: "temp 78.5 failed > 80", "country \"FR\" failed != a.country (\"FR\")".
// For `and`, the first part that did not hold; for a comparison, both sides with
// their values; otherwise the condition's value.
#pragma once

#include <functional>
#include <string>

#include "cepheus/dsl/checked.h"
#include "cepheus/dsl/plan.h"
#include "cepheus/engine/engine.h"
#include "cepheus/engine/evaluator.h"

namespace cepheus::engine {

// The name of a field as the rule writes it ("temp", "a.country").
using FieldNamer = std::function<std::string(const dsl::BoundExpr& field)>;

std::string explain_false(const dsl::BoundExpr& condition, const EvalContext& context, const FieldNamer& name_of);
// The same, with how close the condition came to holding.
ConditionFailure explain_failure(const dsl::BoundExpr& condition, const EvalContext& context,
                                 const FieldNamer& name_of);

// Names the fields of the conditions of statement `id` (a stream, window, twin
// or alert): its input's fields, the joined table's ("accounts.role"), twin
// properties ("machine.state") and, in `having`, its own output's.
FieldNamer statement_field_namer(const dsl::Plan& plan, dsl::StatementId id);

}  // namespace cepheus::engine
