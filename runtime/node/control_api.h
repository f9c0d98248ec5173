// The control API under /api/v1 (and /metrics): routing, the bearer token,
// request validation, and JSON answers. Documented in docs/node-api.md.
#pragma once

#include <chrono>
#include <string>

#include "alert_sinks.h"
#include "http_server.h"
#include "intake_log.h"
#include "intake_queue.h"
#include "mqtt_connections.h"
#include "node_metrics.h"
#include "node_options.h"
#include "node_store.h"
#include "pipeline.h"
#include "stream_taps.h"

namespace cepheus::node {

class ControlApi {
 public:
  ControlApi(const NodeOptions& options, std::string token, NodeStore reader, Pipeline& pipeline, IntakeLog& log,
             IntakeQueue& intake, NodeMetrics& metrics, MqttConnections& mqtt, AlertSinks& sinks, StreamTaps& taps);

  HttpAnswer handle(const HttpRequestData& request);
  HttpAnswer upgrade(const HttpRequestData& request, std::unique_ptr<WebSocketFeed>& feed);

 private:
  HttpAnswer route(const HttpRequestData& request, std::string_view path, std::string_view query);
  HttpAnswer health();
  HttpAnswer list_deployments();
  HttpAnswer deploy(const HttpRequestData& request, bool validate_only);
  HttpAnswer show_deployment(const std::string& name);
  HttpAnswer deployment_status(const std::string& name);
  HttpAnswer activate(const std::string& name, const HttpRequestData& request);
  HttpAnswer rollback(const std::string& name);
  HttpAnswer start(const std::string& name);
  HttpAnswer stop(const std::string& name);
  HttpAnswer remove(const std::string& name);
  HttpAnswer dead_letters(const std::string& name, std::string_view query);
  HttpAnswer ingest(const std::string& name, const std::string& source, const HttpRequestData& request);
  HttpAnswer alerts(std::string_view query);
  HttpAnswer metrics();
  // Opens a live tap on a stream of a running deployment, or says why not.
  HttpAnswer tap(const std::string& name, const std::string& stream, std::unique_ptr<WebSocketFeed>& feed);

  const NodeOptions& options_;
  const std::string token_;
  NodeStore reader_;  // the API's own connection, for reads
  std::mutex reader_mutex_;
  Pipeline& pipeline_;
  IntakeLog& log_;
  IntakeQueue& intake_;
  NodeMetrics& metrics_;
  MqttConnections& mqtt_;
  AlertSinks& sinks_;
  StreamTaps& taps_;
  const std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace cepheus::node
