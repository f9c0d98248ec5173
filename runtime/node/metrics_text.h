// GET /metrics: the node's figures in the Prometheus text format (0.0.4):
// events in and out, alerts, dead letters by reason, late events, per-operator
// latency histograms, partial-match and key counts, and process figures.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "node_metrics.h"
#include "running_deployment.h"

namespace cepheus::node {

std::string render_metrics(const NodeMetrics& metrics,
                           const std::map<std::string, std::unique_ptr<RunningDeployment>>& deployments,
                           std::size_t intake_queue);

}  // namespace cepheus::node
