// `cepheus-node`: the headless runtime daemon. Reads its settings, opens its
// store, brings back its deployments, connects to its brokers, serves the
// control API, and on SIGTERM or SIGINT stops the API, finishes the batch at hand, checkpoints and
// exits 0.
#include <malloc.h>
#include <signal.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "alert_sinks.h"
#include "cepheus/core/log.h"
#include "control_api.h"
#include "http_server.h"
#include "intake_log.h"
#include "intake_queue.h"
#include "mqtt_connections.h"
#include "node_identity.h"
#include "node_metrics.h"
#include "node_options.h"
#include "node_store.h"
#include "pipeline.h"

namespace {

using namespace cepheus;
using namespace cepheus::node;

constexpr const char* kHelp = R"(cepheus-node - the Cepheus runtime: runs deployed rule projects against MQTT
traffic, keeps alerts, state and deployments safe across crashes, and serves a
control API for the studio and the `cepheus` command line.

Usage: cepheus-node --data-dir DIR [--listen HOST:PORT] [--mqtt URL] [--token TOKEN]
                    [--config FILE] [--log-level LEVEL] [--log-format text|json]
                    [--tls-cert FILE --tls-key FILE]

  --data-dir DIR      where the node keeps everything: node.db (SQLite, WAL: deployments,
                      checkpoints, the inbox, the alert journal, dead letters), the
                      projects' files, the API token and the node's id. Created if missing.
  --listen HOST:PORT  the control API's address (default 127.0.0.1:7878; port 0 picks a
                      free one, and the log says which)
  --mqtt URL          the default broker: tcp://HOST:1883 or ssl://HOST:8883. Projects
                      never name a broker's address; the node brings its own, so a project
                      deploys unchanged to any node. Persistent session, QoS 1 by default.
  --token TOKEN       the bearer token every API call must carry. Else CEPHEUS_TOKEN from the
                      environment, else `token` in the config file, else the token in
                      DIR/token, generated (mode 0600) at first start.
  --config FILE       a TOML file with the same settings (flags win over it):
                        listen = "127.0.0.1:7878"
                        data_dir = "/var/lib/cepheus"
                        token = "..."
                        checkpoint_interval = "10s"   # state checkpoints (and one at shutdown)
                        max_request_bytes = 16777216  # larger request bodies get 413
                        dead_letter_limit = 100000    # dead letters kept; oldest dropped first
                        journal_limit = 1000000       # alerts kept in the journal; oldest dropped first
                        intake_limit = 100000         # messages waiting for the engines
                        [log]
                        level = "info"                # or format = "json"
                        [tls]                         # serve the API over HTTPS
                        cert_file = "node.pem"
                        key_file = "node.key"
                        [mqtt]                        # the default broker
                        url = "ssl://broker:8883"     # also username, password, ca_file,
                                                      # client_id, version = 4 (or 5)
                        [brokers.plant]               # for sources that say `broker plant`
                        url = "tcp://plant-broker:1883"
                        [limits]
                        max_partial_matches_per_key = 1000
                        max_partial_matches = 1000000
  --log-level LEVEL   trace, debug, info (default), warn, error, off
  --log-format F      text (default) or json (one JSON object per line), on standard error
  --tls-cert, --tls-key   serve the control API over HTTPS with this certificate and key

The control API is documented in docs/node-api.md; `cepheus deploy|status|alerts|tail|rollback
--node URL --token T` speak it. Operations (backups, upgrades, metrics) are in docs/node.md.

Exit status: 0 after a clean stop (SIGTERM or SIGINT), 1 when the node cannot start,
2 for usage errors.
)";

int fail(const Status& status) {
  std::fprintf(stderr, "cepheus-node: %s\n", status.message().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  // The API serves each connection on a thread of its own; glibc would give
  // busy threads arenas of their own (up to 8 per core) that keep their memory.
  // Two arenas hold the node's resident memory down at no measurable cost.
  mallopt(M_ARENA_MAX, 2);
  const std::vector<std::string> words(argv + 1, argv + argc);
  bool help = false;
  auto options = parse_node_options(words, std::getenv("CEPHEUS_TOKEN"), help);
  if (help) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  if (!options.ok()) {
    std::fprintf(stderr, "cepheus-node: %s\nRun 'cepheus-node --help' for usage.\n",
                 options.status().message().c_str());
    return 2;
  }
  log::configure(options->log_level, options->log_format);

  std::error_code error;
  std::filesystem::create_directories(options->data_dir, error);
  if (error) return fail(io_error("cannot create the data folder " + options->data_dir + ": " + error.message()));
  ::chmod(options->data_dir.c_str(), 0700);  // it holds the token and every alert
  if (options->token.empty()) {
    bool created = false;
    auto token = load_or_create_token(options->data_dir, created);
    if (!token.ok()) return fail(token.status());
    options->token = *token;
    if (created) log::info("generated an API token", {{"file", options->data_dir + "/token"}});
  }
  auto node_id = load_or_create_node_id(options->data_dir);
  if (!node_id.ok()) return fail(node_id.status());
  auto writer = NodeStore::open(options->data_dir, true);
  if (!writer.ok()) return fail(writer.status());
  auto reader = NodeStore::open(options->data_dir, false);
  if (!reader.ok()) return fail(reader.status());

  // Signals are taken by sigwait below: block them before any thread starts.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  ::signal(SIGPIPE, SIG_IGN);  // a client that hangs up is an error code, not a crash

  auto committed = writer->intake_position();
  if (!committed.ok()) return fail(committed.status());
  auto intake_log = IntakeLog::open(options->data_dir + "/intake", *committed);
  if (!intake_log.ok()) return fail(intake_log.status());
  // Messages received but not yet in the inbox when the node last stopped.
  auto pending = (*intake_log)->records_after(*committed);
  if (!pending.ok()) return fail(pending.status());

  NodeMetrics metrics;
  IntakeQueue intake(std::max(options->intake_limit, pending->size()));
  MqttConnections mqtt(*options, *node_id, **intake_log, intake, metrics);
  AlertSinks sinks(mqtt, metrics);
  StreamTaps taps;
  FileFeeds files(**intake_log, intake, metrics);
  Pipeline pipeline(std::move(*writer), *options, **intake_log, intake, metrics, mqtt, sinks, taps, files);
  if (Status s = pipeline.recover(); !s.ok()) return fail(s.with_context("restoring deployments"));
  for (IncomingMessage& m : *pending) intake.push(std::move(m));
  if (!pending->empty())
    log::info("taking back messages received before the last stop", {{"messages", pending->size()}});
  std::thread pipeline_thread([&] { pipeline.run(); });
  files.start();  // after the messages taken back, which come first
  mqtt.start();

  ControlApi api(*options, options->token, std::move(*reader), pipeline, **intake_log, intake, metrics, mqtt, sinks,
                 taps);
  HttpServer::Settings settings{options->listen, options->tls_cert_file, options->tls_key_file,
                                options->max_request_bytes};
  auto server = HttpServer::start(
      settings, {[&](const HttpRequestData& r) { return api.handle(r); },
                 [&](const HttpRequestData& r, std::unique_ptr<WebSocketFeed>& feed) { return api.upgrade(r, feed); }});
  if (!server.ok()) {
    files.stop();
    mqtt.stop();
    pipeline.stop();
    pipeline_thread.join();
    return fail(server.status());
  }
  log::info("node started", {{"listen", (*server)->address()},
                             {"tls", !options->tls_cert_file.empty()},
                             {"data_dir", options->data_dir},
                             {"node_id", *node_id},
                             {"deployments", pipeline.call([&] { return pipeline.deployments().size(); })}});

  int signal_number = 0;
  sigwait(&signals, &signal_number);
  log::info("stopping", {{"signal", signal_number == SIGTERM ? "SIGTERM" : "SIGINT"}});
  (*server)->stop();
  files.stop();
  pipeline.stop();
  pipeline_thread.join();  // finishes its batch and takes the last checkpoint
  // After the pipeline, so that its last alerts are still published; anything
  // received meanwhile waits in the intake log for the next start.
  mqtt.stop();
  sinks.stop();  // webhooks already queued get their first try
  log::info("stopped");
  return 0;
}
