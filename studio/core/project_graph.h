// The project as a graph: one node per statement, one wire per reference.
//
// Text is the source of truth; this graph is read from parsed rule files and is
// never edited directly (edits change the text, see statement_edits.h). Plain
// C++: the Qt models of the studio wrap it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cepheus/dsl/ast.h"
#include "cepheus/dsl/project.h"

namespace cepheus::studio {

// Where a wire enters a node. Each statement kind has its own ports.
enum class Port : std::uint8_t {
  kSchema,  // source and table: the schema of their events or rows
  kInput,   // stream, window, alert, sink: the stream read
  kJoin,    // stream: the table joined
  kUpdate,  // twin: a stream that updates it (`on INPUT set ...`)
  kStep,    // pattern: a stream its steps match
  kRead,    // any rule that reads a twin's properties in an expression
};

std::string_view port_name(Port port);
// The ports a node of `kind` shows on its left edge, top to bottom.
const std::vector<Port>& input_ports(dsl::StatementKind kind);
// Whether other statements can read from a node of `kind` (alerts and sinks end a flow).
bool has_output(dsl::StatementKind kind);
// Statements that produce events that a stream, window, pattern, alert or sink can read.
bool produces_events(dsl::StatementKind kind);

struct GraphNode {
  std::string name;
  dsl::StatementKind kind = dsl::StatementKind::kSchema;
  std::size_t file = 0;  // index into the project's files
  dsl::Span span;        // the statement
  dsl::Span name_span;
  std::string detail;  // one line for the canvas: the topic, the condition, the window...
};

struct GraphWire {
  std::string from;  // the statement read
  std::string to;    // the statement that reads it
  Port port = Port::kInput;
  friend bool operator==(const GraphWire&, const GraphWire&) = default;
};

struct ProjectGraph {
  std::vector<GraphNode> nodes;  // in file order, then text order
  std::vector<GraphWire> wires;  // only between nodes of the graph; no duplicates

  const GraphNode* find(std::string_view name) const;
};

ProjectGraph extract_graph(const dsl::Project& project);

}  // namespace cepheus::studio
