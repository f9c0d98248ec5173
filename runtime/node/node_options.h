// The node's settings: from flags, the CEPHEUS_TOKEN environment variable and a
// TOML config file, in that order of precedence. Every problem names the flag or
// the file and line, and says what is expected.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cepheus/core/log.h"
#include "cepheus/core/result.h"
#include "cepheus/core/time.h"

namespace cepheus::node {

// One broker connection. The default one comes from --mqtt or [mqtt]; named ones
// from [brokers.NAME], for sources that say `broker NAME`.
struct BrokerSettings {
  std::string url;  // tcp://host:1883, ssl://host:8883, mqtt://, mqtts://
  std::string username;
  std::string password;
  std::string client_id;  // empty: "cepheus-node-" + the node's id, stable across restarts
  std::string ca_file;    // TLS: the certificate authority to trust (empty: the system's)
  int mqtt_version = 4;   // 4: MQTT 3.1.1; 5: MQTT 5
};

struct NodeOptions {
  std::string listen = "127.0.0.1:7878";
  std::string data_dir;
  std::string token;  // empty: read or generate <data_dir>/token
  std::optional<BrokerSettings> mqtt;
  std::map<std::string, BrokerSettings> brokers;
  std::string tls_cert_file;  // both set: the control API speaks HTTPS
  std::string tls_key_file;
  log::Level log_level = log::Level::kInfo;
  log::Format log_format = log::Format::kText;
  Duration checkpoint_interval = Duration::seconds(10);
  std::size_t max_request_bytes = 16u << 20;
  std::size_t dead_letter_limit = 100000;  // rows kept; the oldest go first, counted
  std::size_t journal_limit = 1000000;     // alerts kept in the journal; the oldest go first, counted
  std::size_t intake_limit = 100000;       // messages waiting for the engine; beyond, refused and counted
  std::uint64_t max_partial_matches_per_key = 1000;
  std::uint64_t max_partial_matches = 1000000;
};

// Reads the command line (the words after the program name) and the environment.
// Returns the options, or an error for a usage problem. `help` is set for --help.
Result<NodeOptions> parse_node_options(const std::vector<std::string>& words, const char* env_token, bool& help);

// The config file's settings, merged into `options` (flags are applied after it).
Status apply_config_file(const std::string& path, NodeOptions& options);

}  // namespace cepheus::node
