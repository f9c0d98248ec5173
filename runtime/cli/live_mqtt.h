// `cepheus run PROJECT --mqtt URL`: the project live against a broker, in one
// process, for quick local use. Subscribes to every MQTT source's topic filter,
// fills topic placeholders into their fields, decodes each JSON payload and
// feeds the engine; alerts print as JSON lines as they happen, and alerts and
// sink events with MQTT targets are published to the same broker. Runs until
// SIGINT or SIGTERM. (The node is the production runtime: persistent sessions,
// journal, webhooks.)
#pragma once

#include <string>

#include "cepheus/dsl/plan.h"
#include "run_engine.h"
#include "run_output.h"

namespace cepheus::cli {

// Returns the exit status: 0 after a requested stop, 1 when the broker cannot be used.
int run_live_mqtt(const std::string& url, const dsl::Plan& plan, RunEngine& engine, RunOutput& output);

}  // namespace cepheus::cli
