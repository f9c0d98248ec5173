// Private to the checker: what every check needs — the diagnostics, the file
// being checked, and the project's statements by name.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cepheus/dsl/checked.h"
#include "cepheus/dsl/diagnostic.h"

namespace cepheus::dsl {

// A statement of the syntax tree with the file it is in.
struct StatementRef {
  const Statement* syntax = nullptr;
  const SourceFile* file = nullptr;
};

class CheckContext {
 public:
  explicit CheckContext(Diagnostics& diagnostics) : diagnostics_(diagnostics) {}

  void set_file(const SourceFile* file) { file_ = file; }
  const SourceFile* file() const { return file_; }
  void error(Span span, std::string message, std::string hint = {}) {
    diagnostics_.error(*file_, span, std::move(message), std::move(hint));
  }
  void warning(Span span, std::string message, std::string hint = {}) {
    diagnostics_.warning(*file_, span, std::move(message), std::move(hint));
  }
  Diagnostics& diagnostics() { return diagnostics_; }

  // Statements by name (the first one of each name).
  std::map<std::string, StatementRef, std::less<>> symbols;
  // Checked statements so far, and their ids by name.
  std::vector<CheckedStatement> checked;
  std::map<std::string, StatementId, std::less<>> checked_ids;
  // Statements that exist but could not be parsed or checked: references to them
  // are not reported again.
  std::set<std::string, std::less<>> broken;
  bool known_but_broken(std::string_view name) const { return symbols.count(name) != 0 || broken.count(name) != 0; }

  const CheckedStatement* find_checked(std::string_view name) const {
    auto it = checked_ids.find(name);
    return it == checked_ids.end() ? nullptr : &checked[it->second];
  }
  // All names of statements of the given kinds, for "did you mean".
  std::vector<std::string_view> names_of(std::initializer_list<StatementKind> kinds) const;

 private:
  Diagnostics& diagnostics_;
  const SourceFile* file_ = nullptr;
};

// What names in an expression may refer to, and whether aggregates are allowed.
struct Scope {
  const Schema* event = nullptr;  // bare names; also "<event_name>.field"
  std::string event_name;         // the input statement's name
  const Schema* table = nullptr;  // a joined table: "<table_name>.field"
  std::string table_name;
  const Schema* output = nullptr;  // `having`: the statement's own output fields
  // Twin properties: "<twin>.property"; `self_twin` makes bare names properties first.
  std::optional<StatementId> self_twin;
  bool twins_readable = true;
  struct Binding {
    std::string name;
    std::uint32_t step = 0;
    const Schema* schema = nullptr;
    bool quantified = false;
  };
  std::vector<Binding> bindings;              // pattern steps visible here
  std::optional<std::uint32_t> current_step;  // inside a step's own condition
  std::vector<std::string> partition_fields;  // pattern select: bare names
  bool window_aggregates = false;             // compute: aggregates over input events
  bool pattern_aggregates = false;            // pattern select: aggregates over quantified steps
  std::string what = "expression";            // for messages: "condition", "select", ...
};

std::optional<BoundExpr> bind_expression(const Expr& expr, const Scope& scope, CheckContext& context);
// Binds and requires a bool result (conditions).
std::optional<BoundExpr> bind_condition(const Expr& expr, const Scope& scope, CheckContext& context);

// Parses a duration literal's text (the lexer has checked its form).
Duration duration_value(const DurationLiteral& literal);

// Splits a message or topic template into text and {expression} parts, binding
// each expression in `scope`. Reports errors at the template's span.
std::vector<TemplatePart> bind_template(const StringLiteral& literal, const Scope& scope, CheckContext& context);

}  // namespace cepheus::dsl
