// The checked project: a typed, resolved tree built by the checker from the
// syntax tree (which it never modifies).
//
// Every name is resolved to what it means (a statement, a field position, a
// twin property, a pattern step), every expression has a type, every duration is
// a Duration, and every statement's output has a Schema. Statements are listed
// so that each comes after the statements it reads from. The compiler turns this
// tree into the engine's plan. Immutable once built; shared read-only.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cepheus/core/schema.h"
#include "cepheus/core/time.h"
#include "cepheus/core/value.h"
#include "cepheus/dsl/ast.h"

namespace cepheus::dsl {

using StatementId = std::uint32_t;  // position in CheckedProject::statements

// Where a field reference reads from.
enum class Slot : std::uint8_t {
  kEvent,    // the event being processed (index: field of the input schema)
  kTable,    // the joined table row (index: field of the table schema)
  kTwin,     // a twin property (source: the twin's statement; index: property)
  kBinding,  // a bound pattern step's event (source: step number; index: field)
  kOutput,   // the statement's own output (in `having`: index of output field)
};

enum class Op : std::uint8_t {
  kAdd,
  kSubtract,
  kMultiply,
  kDivide,
  kModulo,
  kNegate,
  kEqual,
  kNotEqual,
  kLess,
  kLessEqual,
  kGreater,
  kGreaterEqual,
  kAnd,
  kOr,
  kNot,
  kConcat,
};

enum class Function : std::uint8_t {
  kAbs,
  kRound,
  kFloor,
  kCeil,
  kSqrt,
  kLn,
  kExp,
  kPow,
  kMin,
  kMax,
  kLower,
  kUpper,
  kLength,
  kContains,
  kStartsWith,
  kEndsWith,
  kCoalesce,
  kIf,
  kHour,
  kDayOfWeek,
};

enum class Aggregate : std::uint8_t {
  kCount,
  kCountDistinct,
  kSum,
  kAvg,
  kMin,
  kMax,
  kStddev,
  kFirst,
  kLast,
  kPercentile,
};

enum class BoundKind : std::uint8_t { kConstant, kField, kUnary, kBinary, kCall, kAggregate, kIn, kIsNull };

struct BoundExpr {
  BoundKind kind = BoundKind::kConstant;
  ValueType type = ValueType::kNull;  // kNull only for the literal null
  Span span;
  Value constant;                           // kConstant
  Slot slot = Slot::kEvent;                 // kField
  std::uint32_t source = 0;                 // kField: twin statement or pattern step
  std::uint32_t index = 0;                  // kField: field position
  Op op = Op::kAdd;                         // kUnary, kBinary
  Function function = Function::kAbs;       // kCall
  Aggregate aggregate = Aggregate::kCount;  // kAggregate; args: [value] (or none for count())
  std::optional<std::uint32_t> over_step;   // kAggregate in a pattern: the quantified step
  double percentile = 0;                    // kAggregate kPercentile: 0 < p <= 100
  bool negated = false;                     // kIn, kIsNull
  std::vector<BoundExpr> args;
};

struct NamedExpr {
  std::string name;
  BoundExpr expr;
};

// ---- Statements ----------------------------------------------------------------

struct CheckedSchema {
  std::shared_ptr<const Schema> schema;
};

struct TopicSegment {
  std::uint32_t level;        // 0-based level of the topic
  std::uint32_t field_index;  // the string field it fills
};

struct CheckedSource {
  std::string connector;  // mqtt, file, http
  std::string target;     // topic filter (placeholders as '+'), path or URL path
  std::vector<TopicSegment> segments;
  int qos = 1;
  std::string broker;  // empty: the node's default connection
  std::string format;  // json, csv
  bool processing_time = false;
  std::uint32_t time_field = 0;  // when !processing_time
  Duration lateness;
  std::optional<Duration> idle_after;
};

struct CheckedTable {
  std::shared_ptr<const Schema> schema;  // the shape of a row
  std::string kind;                      // csv, sqlite
  std::string path;
  std::string query;
  std::uint32_t key_index = 0;
};

struct CheckedJoin {
  StatementId table = 0;
  std::uint32_t event_field = 0;
  std::uint32_t table_field = 0;
};

struct CheckedStream {
  std::optional<CheckedJoin> join;
  std::optional<BoundExpr> where;
  std::vector<NamedExpr> select;  // the output fields in order
};

enum class WindowKind : std::uint8_t { kTumbling, kSliding, kSession, kCount };

struct CheckedWindow {
  std::vector<std::uint32_t> group_by;  // input field positions
  WindowKind kind = WindowKind::kTumbling;
  Duration size;   // tumbling/sliding size, session gap
  Duration every;  // sliding slide
  std::int64_t count = 0;
  std::int64_t count_every = 0;
  std::optional<BoundExpr> where;
  std::vector<NamedExpr> aggregates;
  std::optional<BoundExpr> having;  // over the output (Slot::kOutput)
};

struct CheckedAssignment {
  std::uint32_t property = 0;
  BoundExpr value;  // Slot::kTwin (this twin) and Slot::kEvent (the input)
};

struct CheckedTwinUpdate {
  StatementId input = 0;
  std::uint32_t key_field = 0;  // in the input's schema
  std::optional<BoundExpr> where;
  std::vector<CheckedAssignment> assignments;
};

struct CheckedTwin {
  std::shared_ptr<const Schema> properties;  // with defaults
  std::string key_name;
  ValueType key_type = ValueType::kString;
  std::vector<CheckedTwinUpdate> updates;
  std::optional<Duration> expire_after;
};

struct CheckedStep {
  std::string name;  // the binding, or "" for an unnamed step
  StatementId stream = 0;
  std::vector<std::uint32_t> partition_fields;  // in the stream's schema, in partition order
  std::int64_t min = 1;
  std::optional<std::int64_t> max = 1;
  bool reluctant = false;
  bool absence = false;
  std::optional<BoundExpr> where;
  std::optional<Duration> within;
  Span span;
};

struct CheckedPatternNode {
  PatternNodeKind kind = PatternNodeKind::kStep;
  bool every = false;
  std::uint32_t step = 0;  // kStep, kAbsence: index into CheckedPattern::steps
  std::vector<CheckedPatternNode> items;
  std::vector<Contiguity> contiguity;
};

enum class SkipKind : std::uint8_t { kNoSkip, kToNext, kPastLast, kToFirst, kToLast };

struct CheckedPattern {
  std::vector<std::string> partition_by;
  std::vector<CheckedStep> steps;  // in the order they are written
  CheckedPatternNode match;
  std::optional<Duration> within;
  std::optional<Duration> expire_after;  // a quiet key's partial matches end
  SkipKind skip = SkipKind::kPastLast;
  std::uint32_t skip_step = 0;
  std::vector<NamedExpr> select;
};

enum class SeverityLevel : std::uint8_t { kInfo, kLow, kMedium, kHigh, kCritical };

// "info", "low", "medium", "high", "critical", as in rule text; from_name is the inverse.
std::string_view severity_level_name(SeverityLevel severity);
std::optional<SeverityLevel> severity_level_from_name(std::string_view name);

struct TemplatePart {
  std::string text;               // literal text, when expr is empty
  std::optional<BoundExpr> expr;  // a {placeholder}
};

struct CheckedTarget {
  std::string kind;                   // mqtt, webhook, journal, log
  std::vector<TemplatePart> address;  // the topic or URL, with placeholders
  int qos = 1;
  bool retain = false;  // mqtt
  std::string broker;   // mqtt: a named broker connection of the node; empty: its default one
};

struct CheckedAlert {
  std::optional<BoundExpr> where;
  SeverityLevel severity = SeverityLevel::kMedium;
  std::vector<TemplatePart> message;
  std::optional<Duration> throttle;
  std::vector<std::uint32_t> throttle_per;  // input field positions
  std::vector<CheckedTarget> targets;
};

struct CheckedSink {
  std::vector<CheckedTarget> targets;
};

struct CheckedStatement {
  StatementKind kind = StatementKind::kSchema;
  std::string name;
  const SourceFile* file = nullptr;
  Span span;
  std::vector<StatementId> inputs;       // the statements it reads events from (wires)
  std::shared_ptr<const Schema> output;  // its events' shape; null for schemas, tables, alerts, sinks
  std::variant<CheckedSchema, CheckedSource, CheckedTable, CheckedStream, CheckedWindow, CheckedTwin, CheckedPattern,
               CheckedAlert, CheckedSink>
      body;
};

struct CheckedProject {
  std::vector<CheckedStatement> statements;  // every statement after its inputs
  // The position of a statement by name, or nullopt.
  std::optional<StatementId> find(std::string_view name) const;
};

}  // namespace cepheus::dsl
