// The syntax tree of rule files, exactly as written.
//
// The parser builds it; the formatter prints it back in canonical form; the
// checker reads it and builds a separate typed tree. Every node carries the span
// of its text so that any diagnostic can point at it. Keywords that choose
// between alternatives (a severity, a window kind) are kept as Names so that the
// checker can report an unknown one at its place. Plain data: no behaviour here.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "cepheus/dsl/source.h"
#include "cepheus/dsl/token.h"

namespace cepheus::dsl {

struct Name {
  std::string text;
  Span span;
  bool quoted = false;  // written as `text`
};

// ---- Expressions --------------------------------------------------------------

enum class ExprKind : std::uint8_t {
  kInteger,   // text: the digits
  kDecimal,   // text: the number as written
  kDuration,  // text: "5m"
  kString,    // text: the decoded value
  kBool,      // text: "true" or "false"
  kNull,
  kField,   // path: one or more names, e.g. devices.site
  kUnary,   // op: kMinus or "not" (text "not"); args[0]
  kBinary,  // op; args[0], args[1]; text "and"/"or" for logic
  kCall,    // text: function name; args; distinct for count(distinct x)
  kIn,      // args[0] in (args[1..]); negated for "not in"
  kIsNull,  // args[0] is [not] null
  kStar,    // '*' in count(*) is not allowed; used for `select *`
};

struct Expr {
  ExprKind kind = ExprKind::kNull;
  Span span;
  std::string text;
  std::vector<Name> path;
  TokenKind op = TokenKind::kEnd;
  bool negated = false;
  bool distinct = false;
  std::vector<std::unique_ptr<Expr>> args;
};
using ExprPtr = std::unique_ptr<Expr>;

// `expr [as name]` in select and compute lists, or `*`.
struct SelectItem {
  ExprPtr expr;  // null for '*'
  std::optional<Name> alias;
  Span span;
};

struct StringLiteral {
  std::string value;  // decoded; "\{" stays as "\{" so templates can tell it from "{"
  Span span;
};

struct DurationLiteral {
  std::string text;
  Span span;
};

// ---- Statements ----------------------------------------------------------------

struct FieldDecl {
  Name name;
  Name type;
  bool optional = false;
  ExprPtr default_value;
  Span span;
};

struct SchemaStmt {
  std::vector<FieldDecl> fields;
};

struct Connector {
  Name kind;  // mqtt, file, http
  StringLiteral target;
  std::optional<std::int64_t> qos;
  Span qos_span;
  std::optional<Name> broker;
};

struct SourceStmt {
  Name schema;
  Connector connector;
  std::optional<Name> format;  // json, csv
  bool processing_time = false;
  std::optional<Name> time_field;
  std::optional<DurationLiteral> lateness;
  std::optional<DurationLiteral> idle_after;
  Span time_span;
};

struct TableStmt {
  Name schema;
  Name kind;  // csv, sqlite
  StringLiteral path;
  std::optional<StringLiteral> query;
  Name key;
};

struct Join {
  Name table;
  Name left_field;                  // the event's field
  std::optional<Name> right_field;  // the table's field when named: on a = table.b
  Span span;
};

struct StreamStmt {
  Name input;
  std::optional<Join> join;
  ExprPtr where;
  std::vector<SelectItem> select;  // empty: the input's fields
};

struct WindowSpec {
  Name kind;                             // tumbling, sliding, session, count
  std::optional<DurationLiteral> size;   // tumbling/sliding size, session gap
  std::optional<DurationLiteral> every;  // sliding slide
  std::optional<std::int64_t> count;     // count window size
  std::optional<std::int64_t> count_every;
  Span span;
};

struct WindowStmt {
  Name input;
  std::vector<Name> group_by;
  WindowSpec spec;
  ExprPtr where;
  std::vector<SelectItem> compute;
  ExprPtr having;
};

struct Assignment {
  Name property;
  ExprPtr value;
};

struct TwinUpdate {
  Name input;
  ExprPtr where;
  std::vector<Assignment> assignments;
  Span span;
};

struct TwinStmt {
  Name key;
  std::vector<FieldDecl> properties;
  std::vector<TwinUpdate> updates;
  std::optional<DurationLiteral> expire_after;
};

enum class Contiguity : std::uint8_t { kStrict, kRelaxed, kRelaxedAny };  // next, then, then any

struct Quantifier {
  std::int64_t min = 1;
  std::optional<std::int64_t> max = 1;  // nullopt: unbounded
  bool reluctant = false;
  bool written = false;  // false for a plain step (exactly once)
  Span span;
};

struct PatternNode;
using PatternNodePtr = std::unique_ptr<PatternNode>;

enum class PatternNodeKind : std::uint8_t { kStep, kAbsence, kSequence, kAnd, kOr };

struct PatternNode {
  PatternNodeKind kind = PatternNodeKind::kStep;
  Span span;
  bool every = false;
  // kStep: `binding: stream{q} where cond within d`; kAbsence: `not stream where cond within d`.
  std::optional<Name> binding;
  Name stream;
  Quantifier quantifier;
  ExprPtr where;
  std::optional<DurationLiteral> within;
  // kSequence: items[i] is joined to items[i-1] by contiguity[i-1]. kAnd/kOr: items.
  std::vector<PatternNodePtr> items;
  std::vector<Contiguity> contiguity;
};

struct SkipStrategy {
  Name kind;  // "no skip", "to next", "past last", "to first", "to last" (text as canonical words)
  std::optional<Name> step;
  Span span;
};

struct PatternStmt {
  std::vector<Name> partition_by;
  std::optional<DurationLiteral> within;
  std::optional<DurationLiteral> expire_after;  // a key's partial matches end after this long without its events
  PatternNodePtr match;
  std::optional<SkipStrategy> skip;
  std::vector<SelectItem> select;
};

struct Target {
  Name kind;  // mqtt, webhook, journal, log
  std::optional<StringLiteral> address;
  std::optional<std::int64_t> qos;
  bool retain = false;         // mqtt: the broker keeps the last message of the topic
  std::optional<Name> broker;  // mqtt: a named broker connection of the node
  Span span;
};

struct AlertStmt {
  Name input;
  ExprPtr where;
  std::optional<Name> severity;
  std::optional<StringLiteral> message;
  std::optional<DurationLiteral> throttle;
  std::vector<Name> throttle_per;
  std::vector<Target> targets;
};

struct SinkStmt {
  Name input;
  std::vector<Target> targets;
};

enum class StatementKind : std::uint8_t { kSchema, kSource, kTable, kStream, kWindow, kTwin, kPattern, kAlert, kSink };

// The statement keywords, in StatementKind order, as written in rule text.
inline constexpr std::array<std::string_view, 9> kStatementKeywords = {"schema", "source",  "table", "stream", "window",
                                                                       "twin",   "pattern", "alert", "sink"};
inline std::string_view statement_keyword(StatementKind kind) {
  return kStatementKeywords[static_cast<int>(kind)];
}

struct Statement {
  StatementKind kind = StatementKind::kSchema;
  Name name;
  Span span;  // from the keyword to the last token
  std::variant<SchemaStmt, SourceStmt, TableStmt, StreamStmt, WindowStmt, TwinStmt, PatternStmt, AlertStmt, SinkStmt>
      body;
};

// One parsed file: its statements and its comments (for the formatter).
struct RuleFile {
  const SourceFile* source = nullptr;
  std::vector<Statement> statements;
  std::vector<Comment> comments;
  // Names of statements that did not parse: the checker stays quiet about
  // references to them instead of reporting a cascade of unknown names.
  std::vector<std::string> broken_names;
};

}  // namespace cepheus::dsl
