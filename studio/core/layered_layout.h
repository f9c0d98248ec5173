// Automatic layout of the graph: layers from left to right in reading order.
//
// A node's layer is the length of the longest path of wires into it (schemas
// first, alerts last); within a layer, nodes are ordered by the mean position of
// the nodes they read (a few sweeps of the barycentre heuristic), which keeps
// most wires short and uncrossed.
#pragma once

#include <map>
#include <string>

#include "project_graph.h"

namespace cepheus::studio {

struct Point {
  double x = 0;
  double y = 0;
  friend bool operator==(const Point&, const Point&) = default;
};

struct LayoutSpacing {
  double column = 260;  // from one layer's left edge to the next
  double row = 110;     // from one node's top edge to the next in a layer
  double margin = 40;
};

using Positions = std::map<std::string, Point>;

Positions layered_layout(const ProjectGraph& graph, const LayoutSpacing& spacing = {});

// A place for a node that has none: right of the nodes it reads (or below all
// nodes when it reads none), moved down until it overlaps nothing.
Point place_new_node(const ProjectGraph& graph, const Positions& positions, const std::string& name,
                     const LayoutSpacing& spacing = {});

}  // namespace cepheus::studio
