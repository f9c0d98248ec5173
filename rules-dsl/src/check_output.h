// Private to the checker: building the output schema of a statement from named,
// typed expressions, and walking bound expressions.
#pragma once

#include <functional>

#include "check_context.h"

namespace cepheus::dsl {

// The output field name of a select item: its alias, or the last part of a plain
// field reference; empty (after an error) for an unnamed computed value.
std::string output_name(const SelectItem& item, CheckContext& context);

// A select or compute item named and bound in `scope`; nullopt after an error.
std::optional<NamedExpr> bind_named(const SelectItem& item, const Scope& scope, CheckContext& context);

// A schema named `name` with one field per expression; fails (after reporting)
// on a duplicate name. `optional` per field is copied from `sources` when given.
std::shared_ptr<const Schema> output_schema(const std::string& name, const std::vector<NamedExpr>& fields,
                                            const std::vector<Span>& spans, CheckContext& context);

// Calls `fn` on every node of a bound expression; `inside_aggregate` tells
// whether the node is an argument of an aggregate.
void walk_bound(const BoundExpr& e, const std::function<void(const BoundExpr&, bool inside_aggregate)>& fn,
                bool inside_aggregate = false);

// True when a constant expression (no fields) evaluates to false: used to warn
// about conditions that can never hold.
bool is_constant_false(const BoundExpr& e);

}  // namespace cepheus::dsl
