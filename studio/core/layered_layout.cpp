#include "layered_layout.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>
#include <vector>

namespace cepheus::studio {
namespace {

// Node index by name, and the inputs of each node (wires into it).
struct Adjacency {
  std::map<std::string, std::size_t> index;
  std::vector<std::vector<std::size_t>> inputs;

  explicit Adjacency(const ProjectGraph& graph) : inputs(graph.nodes.size()) {
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) index[graph.nodes[i].name] = i;
    for (const GraphWire& wire : graph.wires) {
      const auto from = index.find(wire.from);
      const auto to = index.find(wire.to);
      if (from != index.end() && to != index.end()) inputs[to->second].push_back(from->second);
    }
  }
};

// Longest path from any node without inputs; a cycle (an error the checker
// reports) is cut where the depth-first search meets it.
std::vector<int> layers_of(const Adjacency& adjacency) {
  const std::size_t count = adjacency.inputs.size();
  std::vector<int> layer(count, -1);
  std::vector<bool> on_path(count, false);
  std::function<int(std::size_t)> depth = [&](std::size_t node) -> int {
    if (layer[node] >= 0) return layer[node];
    on_path[node] = true;
    int deepest = 0;
    for (const std::size_t input : adjacency.inputs[node])
      if (!on_path[input]) deepest = std::max(deepest, depth(input) + 1);
    on_path[node] = false;
    return layer[node] = deepest;
  };
  for (std::size_t node = 0; node < count; ++node) depth(node);
  return layer;
}

bool overlaps(const Positions& positions, Point point, const LayoutSpacing& spacing) {
  for (const auto& [name, other] : positions)
    if (std::abs(other.x - point.x) < spacing.column * 0.8 && std::abs(other.y - point.y) < spacing.row * 0.8)
      return true;
  return false;
}

}  // namespace

Positions layered_layout(const ProjectGraph& graph, const LayoutSpacing& spacing) {
  const Adjacency adjacency(graph);
  const std::vector<int> layer = layers_of(adjacency);
  const int layer_count = layer.empty() ? 0 : *std::max_element(layer.begin(), layer.end()) + 1;
  std::vector<std::vector<std::size_t>> columns(static_cast<std::size_t>(layer_count));
  for (std::size_t node = 0; node < layer.size(); ++node)
    columns[static_cast<std::size_t>(layer[node])].push_back(node);

  std::vector<double> order(graph.nodes.size(), 0);
  auto number = [&](const std::vector<std::size_t>& column) {
    for (std::size_t i = 0; i < column.size(); ++i) order[column[i]] = static_cast<double>(i);
  };
  for (const auto& column : columns) number(column);
  for (int sweep = 0; sweep < 4; ++sweep) {
    for (std::size_t c = 1; c < columns.size(); ++c) {
      std::vector<std::pair<double, std::size_t>> keyed;
      for (const std::size_t node : columns[c]) {
        const auto& inputs = adjacency.inputs[node];
        double sum = 0;
        for (const std::size_t input : inputs) sum += order[input];
        keyed.emplace_back(inputs.empty() ? order[node] : sum / static_cast<double>(inputs.size()), node);
      }
      std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      for (std::size_t i = 0; i < keyed.size(); ++i) columns[c][i] = keyed[i].second;
      number(columns[c]);
    }
  }

  Positions positions;
  for (std::size_t c = 0; c < columns.size(); ++c)
    for (std::size_t i = 0; i < columns[c].size(); ++i)
      positions[graph.nodes[columns[c][i]].name] = {spacing.margin + static_cast<double>(c) * spacing.column,
                                                    spacing.margin + static_cast<double>(i) * spacing.row};
  return positions;
}

Point place_new_node(const ProjectGraph& graph, const Positions& positions, const std::string& name,
                     const LayoutSpacing& spacing) {
  Point point{spacing.margin, spacing.margin};
  double right = -1;
  double y_sum = 0;
  int inputs = 0;
  for (const GraphWire& wire : graph.wires) {
    if (wire.to != name) continue;
    const auto found = positions.find(wire.from);
    if (found == positions.end()) continue;
    right = std::max(right, found->second.x);
    y_sum += found->second.y;
    ++inputs;
  }
  if (inputs > 0) {
    point = {right + spacing.column, y_sum / inputs};
  } else if (!positions.empty()) {
    double bottom = 0;
    for (const auto& [other, at] : positions) bottom = std::max(bottom, at.y);
    point = {spacing.margin, bottom + spacing.row};
  }
  while (overlaps(positions, point, spacing)) point.y += spacing.row;
  return point;
}

}  // namespace cepheus::studio
