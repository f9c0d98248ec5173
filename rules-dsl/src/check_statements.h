// Private to the checker: one function per statement kind. Each reports its
// problems and returns false when the statement cannot be used.
#pragma once

#include "check_context.h"

namespace cepheus::dsl {

bool check_schema(const Statement& s, CheckContext& context, CheckedStatement& out);
bool check_source(const Statement& s, CheckContext& context, CheckedStatement& out);
bool check_table(const Statement& s, CheckContext& context, CheckedStatement& out);
bool check_stream(const Statement& s, CheckContext& context, CheckedStatement& out);
bool check_window(const Statement& s, CheckContext& context, CheckedStatement& out);
bool check_twin(const Statement& s, CheckContext& context, CheckedStatement& out);
bool check_pattern(const Statement& s, CheckContext& context, CheckedStatement& out);
bool check_alert(const Statement& s, CheckContext& context, CheckedStatement& out);
bool check_sink(const Statement& s, CheckContext& context, CheckedStatement& out);

// A schema from field declarations (schemas and twin properties).
std::shared_ptr<const Schema> schema_from_fields(const std::string& name, const std::vector<FieldDecl>& fields,
                                                 CheckContext& context);

// The input statement named `name` that produces events, or null after an error.
const CheckedStatement* resolve_input(const Name& name, CheckContext& context);

// Resolves the `from` input of `out`, records it as `out`'s wire, and makes its
// fields the bare names of `scope`. Null after an error.
const CheckedStatement* read_input(const Name& name, CheckContext& context, CheckedStatement& out, Scope& scope);

}  // namespace cepheus::dsl
