// Structural equality of syntax trees, for the round-trip checks: every field of
// every node is compared, except spans, comments, name quoting and the spelling
// of durations (compared by value).
#include "cepheus/core/time.h"
#include "cepheus/dsl/formatter.h"

namespace cepheus::dsl {
namespace {

// Every overload first, so that the templates below find them all.
bool same(const Name& a, const Name& b);
bool same(const StringLiteral& a, const StringLiteral& b);
bool same(const DurationLiteral& a, const DurationLiteral& b);
bool same(const ExprPtr& a, const ExprPtr& b);
bool same(const SelectItem& a, const SelectItem& b);
bool same(const FieldDecl& a, const FieldDecl& b);
bool same(const Target& a, const Target& b);
bool same(const Assignment& a, const Assignment& b);
bool same(const TwinUpdate& a, const TwinUpdate& b);
bool same(const Join& a, const Join& b);
bool same(const SkipStrategy& a, const SkipStrategy& b);
bool same(const Quantifier& a, const Quantifier& b);
bool same(const PatternNodePtr& a, const PatternNodePtr& b);
bool same(const Statement& a, const Statement& b);

bool same(const Name& a, const Name& b) {
  return a.text == b.text;
}
bool same(const StringLiteral& a, const StringLiteral& b) {
  return a.value == b.value;
}
bool same(const DurationLiteral& a, const DurationLiteral& b) {
  auto da = parse_duration(a.text);
  auto db = parse_duration(b.text);
  return da.ok() && db.ok() ? *da == *db : a.text == b.text;
}
template <typename T>
bool same(const std::optional<T>& a, const std::optional<T>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || same(*a, *b);
}
template <typename T>
bool same(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!same(a[i], b[i])) return false;
  }
  return true;
}

bool same(const Expr& a, const Expr& b) {
  if (a.kind != b.kind || a.negated != b.negated || a.distinct != b.distinct || !same(a.path, b.path)) return false;
  if (a.kind == ExprKind::kDuration) {
    if (!same(DurationLiteral{a.text, {}}, DurationLiteral{b.text, {}})) return false;
  } else if (a.text != b.text) {
    return false;
  }
  if (a.kind == ExprKind::kBinary || a.kind == ExprKind::kUnary) {
    if (a.op != b.op) return false;
  }
  return same(a.args, b.args);
}
bool same(const ExprPtr& a, const ExprPtr& b) {
  if (!a || !b) return !a && !b;
  return same(*a, *b);
}

bool same(const SelectItem& a, const SelectItem& b) {
  return same(a.expr, b.expr) && same(a.alias, b.alias);
}
bool same(const FieldDecl& a, const FieldDecl& b) {
  return same(a.name, b.name) && same(a.type, b.type) && a.optional == b.optional &&
         same(a.default_value, b.default_value);
}
bool same(const Target& a, const Target& b) {
  return same(a.kind, b.kind) && same(a.address, b.address) && a.qos == b.qos;
}
bool same(const Assignment& a, const Assignment& b) {
  return same(a.property, b.property) && same(a.value, b.value);
}
bool same(const TwinUpdate& a, const TwinUpdate& b) {
  return same(a.input, b.input) && same(a.where, b.where) && same(a.assignments, b.assignments);
}
bool same(const Join& a, const Join& b) {
  return same(a.table, b.table) && same(a.left_field, b.left_field) && same(a.right_field, b.right_field);
}
bool same(const SkipStrategy& a, const SkipStrategy& b) {
  return same(a.kind, b.kind) && same(a.step, b.step);
}
bool same(const Quantifier& a, const Quantifier& b) {
  return a.min == b.min && a.max == b.max && a.reluctant == b.reluctant && a.written == b.written;
}

bool same(const PatternNode& a, const PatternNode& b) {
  return a.kind == b.kind && a.every == b.every && same(a.binding, b.binding) && same(a.stream, b.stream) &&
         same(a.quantifier, b.quantifier) && same(a.where, b.where) && same(a.within, b.within) &&
         same(a.items, b.items) && a.contiguity == b.contiguity;
}
bool same(const PatternNodePtr& a, const PatternNodePtr& b) {
  if (!a || !b) return !a && !b;
  return same(*a, *b);
}

bool same_body(const SchemaStmt& a, const SchemaStmt& b) {
  return same(a.fields, b.fields);
}
bool same_body(const SourceStmt& a, const SourceStmt& b) {
  return same(a.schema, b.schema) && same(a.connector.kind, b.connector.kind) &&
         same(a.connector.target, b.connector.target) && a.connector.qos == b.connector.qos &&
         same(a.connector.broker, b.connector.broker) && same(a.format, b.format) &&
         a.processing_time == b.processing_time && same(a.time_field, b.time_field) && same(a.lateness, b.lateness) &&
         same(a.idle_after, b.idle_after);
}
bool same_body(const TableStmt& a, const TableStmt& b) {
  return same(a.schema, b.schema) && same(a.kind, b.kind) && same(a.path, b.path) && same(a.query, b.query) &&
         same(a.key, b.key);
}
bool same_body(const StreamStmt& a, const StreamStmt& b) {
  return same(a.input, b.input) && same(a.join, b.join) && same(a.where, b.where) && same(a.select, b.select);
}
bool same_body(const WindowStmt& a, const WindowStmt& b) {
  return same(a.input, b.input) && same(a.group_by, b.group_by) && same(a.spec.kind, b.spec.kind) &&
         same(a.spec.size, b.spec.size) && same(a.spec.every, b.spec.every) && a.spec.count == b.spec.count &&
         a.spec.count_every == b.spec.count_every && same(a.where, b.where) && same(a.compute, b.compute) &&
         same(a.having, b.having);
}
bool same_body(const TwinStmt& a, const TwinStmt& b) {
  return same(a.key, b.key) && same(a.properties, b.properties) && same(a.updates, b.updates) &&
         same(a.expire_after, b.expire_after);
}
bool same_body(const PatternStmt& a, const PatternStmt& b) {
  return same(a.partition_by, b.partition_by) && same(a.within, b.within) && same(a.expire_after, b.expire_after) &&
         same(a.match, b.match) && same(a.skip, b.skip) && same(a.select, b.select);
}
bool same_body(const AlertStmt& a, const AlertStmt& b) {
  return same(a.input, b.input) && same(a.where, b.where) && same(a.severity, b.severity) &&
         same(a.message, b.message) && same(a.throttle, b.throttle) && same(a.throttle_per, b.throttle_per) &&
         same(a.targets, b.targets);
}
bool same_body(const SinkStmt& a, const SinkStmt& b) {
  return same(a.input, b.input) && same(a.targets, b.targets);
}

bool same(const Statement& a, const Statement& b) {
  if (a.kind != b.kind || !same(a.name, b.name) || a.body.index() != b.body.index()) return false;
  return std::visit(
      [&b](const auto& body_a) {
        using T = std::decay_t<decltype(body_a)>;
        return same_body(body_a, std::get<T>(b.body));
      },
      a.body);
}

}  // namespace

bool same_structure(const RuleFile& a, const RuleFile& b) {
  return same(a.statements, b.statements);
}

}  // namespace cepheus::dsl
