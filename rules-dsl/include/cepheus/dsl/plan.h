// The execution plan: what the engine runs, compiled from a checked project.
//
// A plan is the checked project without its ties to source text: every
// statement keeps its resolved, typed body and its output schema, and a
// "file:line:column" location for messages, traces and the studio. Statements
// come after their inputs, so the engine can build its operators in order.
// A plan is immutable once compiled or read, and shared read-only (the node and
// the studio's simulator run the same plan).
//
// Its JSON form (docs/plan-format.md) is versioned: `kPlanFormatVersion` is
// written into every plan, and a reader refuses versions it does not know.
// plan_from_json(plan_to_json(p)) gives a plan that writes the same JSON.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cepheus/core/result.h"
#include "cepheus/dsl/checked.h"

namespace cepheus::dsl {

inline constexpr int kPlanFormatVersion = 1;

struct PlanStatement {
  StatementKind kind = StatementKind::kSchema;
  std::string name;
  std::string location;  // "rules/main.cep:14:1"
  std::vector<StatementId> inputs;
  std::shared_ptr<const Schema> output;
  std::variant<CheckedSchema, CheckedSource, CheckedTable, CheckedStream, CheckedWindow, CheckedTwin, CheckedPattern,
               CheckedAlert, CheckedSink>
      body;
};

struct Plan {
  std::vector<PlanStatement> statements;
};

Plan compile_plan(const CheckedProject& project);

std::string plan_to_json(const Plan& plan);
// A statement as plan_to_json writes it, but with the statements it refers to
// (inputs, joined tables, twins read, pattern steps' streams) named instead of
// numbered, and without its location: the same for the same statement in two
// plans however the statements around it changed.
std::string statement_identity_json(const Plan& plan, StatementId id);
// Reads a plan; errors name the JSON path: "statements[3].body.where.args[0]: ...".
Result<Plan> plan_from_json(std::string_view json);

// A readable account of the plan: each statement, its inputs, its resolved
// expressions with field names, and its output shape.
std::string explain_plan(const Plan& plan);

}  // namespace cepheus::dsl
