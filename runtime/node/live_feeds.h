// Live streams for WebSocket clients. A feed holds a bounded queue filled on
// the pipeline thread; when a client reads slower than alerts come, the oldest
// waiting messages are dropped and the client is told how many, so a slow
// client never slows the engines.
#pragma once

#include <memory>

#include "alert_sinks.h"
#include "http_server.h"

namespace cepheus::node {

// Every alert as it is journaled: {"deployment": ..., "alert": {...}}.
std::unique_ptr<WebSocketFeed> make_alert_feed(AlertSinks& sinks);

}  // namespace cepheus::node
