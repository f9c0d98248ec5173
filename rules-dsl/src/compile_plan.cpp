#include "cepheus/dsl/plan.h"

namespace cepheus::dsl {
namespace {

// Spans point into source files, which a plan does not keep.
void clear_spans(BoundExpr& e) {
  e.span = {};
  for (BoundExpr& arg : e.args) clear_spans(arg);
}
void clear_spans(std::optional<BoundExpr>& e) {
  if (e) clear_spans(*e);
}
void clear_spans(std::vector<NamedExpr>& list) {
  for (NamedExpr& n : list) clear_spans(n.expr);
}
void clear_spans(std::vector<TemplatePart>& parts) {
  for (TemplatePart& p : parts) clear_spans(p.expr);
}
void clear_spans(std::vector<CheckedTarget>& targets) {
  for (CheckedTarget& t : targets) clear_spans(t.address);
}

void clear_body_spans(CheckedStream& b) {
  clear_spans(b.where);
  clear_spans(b.select);
}
void clear_body_spans(CheckedWindow& b) {
  clear_spans(b.where);
  clear_spans(b.aggregates);
  clear_spans(b.having);
}
void clear_body_spans(CheckedTwin& b) {
  for (CheckedTwinUpdate& u : b.updates) {
    clear_spans(u.where);
    for (CheckedAssignment& a : u.assignments) clear_spans(a.value);
  }
}
void clear_body_spans(CheckedPattern& b) {
  for (CheckedStep& s : b.steps) {
    clear_spans(s.where);
    s.span = {};
  }
  clear_spans(b.select);
}
void clear_body_spans(CheckedAlert& b) {
  clear_spans(b.where);
  clear_spans(b.message);
  clear_spans(b.targets);
}
void clear_body_spans(CheckedSink& b) {
  clear_spans(b.targets);
}
template <typename T>
void clear_body_spans(T&) {}

}  // namespace

Plan compile_plan(const CheckedProject& project) {
  Plan plan;
  plan.statements.reserve(project.statements.size());
  for (const CheckedStatement& s : project.statements) {
    PlanStatement out;
    out.kind = s.kind;
    out.name = s.name;
    if (s.file) {
      const LineColumn at = s.file->position(s.span.begin);
      out.location = s.file->path() + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
    }
    out.inputs = s.inputs;
    out.output = s.output;
    out.body = s.body;
    std::visit([](auto& body) { clear_body_spans(body); }, out.body);
    plan.statements.push_back(std::move(out));
  }
  return plan;
}

}  // namespace cepheus::dsl
