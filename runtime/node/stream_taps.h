// Live taps on the named streams of deployments, for WebSocket clients
// (GET /api/v1/deployments/NAME/streams/STREAM, `cepheus tail --stream`).
//
// Each running engine gets a tap (engine::EventTap) that sees every event every
// statement emits on the pipeline thread. A statement nobody watches costs one
// relaxed atomic load per event. A watched one hands its events to each client's
// bounded queue, encoding an event only when some client has room for it: a
// client slower than the stream gets a sample of it and {"skipped": N} for
// what it missed, and the engine never waits. Subscriptions are by deployment
// and stream name, so they outlive a redeploy and pick the stream up again when
// its deployment restarts.
#pragma once

#include <memory>
#include <string>

#include "cepheus/dsl/plan.h"
#include "cepheus/engine/engine.h"
#include "http_server.h"

namespace cepheus::node {

class StreamTaps {
 public:
  StreamTaps();
  ~StreamTaps();
  StreamTaps(const StreamTaps&) = delete;
  StreamTaps& operator=(const StreamTaps&) = delete;

  // The tap of an engine of `deployment` running `plan`, for EngineOptions::tap;
  // it must outlive the engine and be destroyed before this registry.
  std::unique_ptr<engine::EventTap> tap_of(const std::string& deployment, std::shared_ptr<const dsl::Plan> plan);
  // A client's feed of the events of `stream` of `deployment`, one
  // {"deployment", "stream", "event"} object per message.
  std::unique_ptr<WebSocketFeed> subscribe(const std::string& deployment, const std::string& stream);

  // Whether statement `s` emits events that a tap can see (sources, streams,
  // windows, patterns and twins; not alerts, sinks, schemas or tables).
  static bool tappable(const dsl::PlanStatement& s);

  struct Registry;  // shared with the taps and feeds it hands out

 private:
  std::shared_ptr<Registry> registry_;
};

}  // namespace cepheus::node
