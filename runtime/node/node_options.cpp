#include "node_options.h"

#include <algorithm>

#include "cepheus/core/file.h"
#include "cepheus/core/toml.h"
#include "cepheus/host/arguments.h"

namespace cepheus::node {
namespace {

Status check_broker_url(const std::string& url, const std::string& where) {
  for (const char* scheme : {"tcp://", "ssl://", "mqtt://", "mqtts://", "ws://", "wss://"}) {
    if (url.starts_with(scheme) && url.size() > std::string_view(scheme).size()) return {};
  }
  return invalid_argument(where + ": '" + url +
                          "' is not a broker URL; use tcp://HOST:PORT or ssl://HOST:PORT (also mqtt://, mqtts://, "
                          "ws://, wss://)");
}

// Reads settings of one table of the config file with the file and line in every message.
class ConfigReader {
 public:
  ConfigReader(const TomlDocument& doc, std::string path) : doc_(doc), path_(std::move(path)) {}

  Status string(std::string_view key, std::string& out) const {
    const TomlValue* v = doc_.find(key);
    if (!v) return {};
    if (v->kind != TomlValue::Kind::kString) return wrong_kind(key, *v, "a string");
    out = v->text;
    return {};
  }

  Status integer(std::string_view key, std::uint64_t low, std::uint64_t high, std::uint64_t& out) const {
    const TomlValue* v = doc_.find(key);
    if (!v) return {};
    if (v->kind != TomlValue::Kind::kInteger) return wrong_kind(key, *v, "an integer");
    if (v->integer < 0 || static_cast<std::uint64_t>(v->integer) < low ||
        static_cast<std::uint64_t>(v->integer) > high) {
      return invalid_argument(at(*v) + "'" + std::string(key) + "' must be from " + std::to_string(low) + " to " +
                              std::to_string(high) + ", not " + std::to_string(v->integer));
    }
    out = static_cast<std::uint64_t>(v->integer);
    return {};
  }

  Status duration(std::string_view key, Duration& out) const {
    const TomlValue* v = doc_.find(key);
    if (!v) return {};
    if (v->kind != TomlValue::Kind::kString) return wrong_kind(key, *v, "a duration such as \"10s\"");
    auto d = parse_duration(v->text);
    if (!d.ok() || *d <= Duration()) {
      return invalid_argument(at(*v) + "'" + std::string(key) +
                              "' must be a positive duration such as \"10s\", not \"" + v->text + "\"");
    }
    out = *d;
    return {};
  }

  Status broker(const std::string& table, BrokerSettings& out) const {
    CEPHEUS_RETURN_IF_ERROR(string(table + ".url", out.url));
    CEPHEUS_RETURN_IF_ERROR(string(table + ".username", out.username));
    CEPHEUS_RETURN_IF_ERROR(string(table + ".password", out.password));
    CEPHEUS_RETURN_IF_ERROR(string(table + ".client_id", out.client_id));
    CEPHEUS_RETURN_IF_ERROR(string(table + ".ca_file", out.ca_file));
    std::uint64_t version = static_cast<std::uint64_t>(out.mqtt_version);
    CEPHEUS_RETURN_IF_ERROR(integer(table + ".version", 4, 5, version));
    out.mqtt_version = static_cast<int>(version);
    if (out.url.empty()) {
      if (table == "mqtt") return {};  // --mqtt may give it
      return invalid_argument(path_ + ": [" + table + "] needs a url");
    }
    return check_broker_url(out.url, path_ + ": [" + table + "] url");
  }

  // Every key must be one the node knows: a typo must not silently mean "default".
  Status no_unknown_keys() const {
    static const std::vector<std::string_view> known = {"listen",
                                                        "data_dir",
                                                        "token",
                                                        "log.level",
                                                        "log.format",
                                                        "tls.cert_file",
                                                        "tls.key_file",
                                                        "checkpoint_interval",
                                                        "max_request_bytes",
                                                        "dead_letter_limit",
                                                        "journal_limit",
                                                        "intake_limit",
                                                        "limits.max_partial_matches_per_key",
                                                        "limits.max_partial_matches"};
    static const std::vector<std::string_view> broker_keys = {"url",       "username", "password",
                                                              "client_id", "ca_file",  "version"};
    for (const auto& [key, value] : doc_.entries()) {
      bool ok = std::find(known.begin(), known.end(), key) != known.end();
      std::string_view rest;
      if (key.starts_with("mqtt.")) {
        rest = std::string_view(key).substr(5);
      } else if (key.starts_with("brokers.")) {
        const std::size_t dot = key.find('.', 8);
        if (dot != std::string::npos) rest = std::string_view(key).substr(dot + 1);
      }
      if (!rest.empty()) ok = std::find(broker_keys.begin(), broker_keys.end(), rest) != broker_keys.end();
      if (!ok) return invalid_argument(at(value) + "unknown setting '" + key + "' (see cepheus-node --help)");
    }
    return {};
  }

 private:
  std::string at(const TomlValue& v) const { return path_ + ":" + std::to_string(v.line) + ": "; }
  Status wrong_kind(std::string_view key, const TomlValue& v, std::string_view wanted) const {
    return invalid_argument(at(v) + "'" + std::string(key) + "' must be " + std::string(wanted) + ", not " +
                            std::string(v.kind_phrase()));
  }

  const TomlDocument& doc_;
  std::string path_;
};

}  // namespace

Status apply_config_file(const std::string& path, NodeOptions& options) {
  auto text = read_file(path);
  if (!text.ok()) return text.status();
  auto doc = TomlDocument::parse(*text);
  if (!doc.ok()) return doc.status().with_context(path);
  const ConfigReader config(*doc, path);
  CEPHEUS_RETURN_IF_ERROR(config.no_unknown_keys());
  CEPHEUS_RETURN_IF_ERROR(config.string("listen", options.listen));
  CEPHEUS_RETURN_IF_ERROR(config.string("data_dir", options.data_dir));
  CEPHEUS_RETURN_IF_ERROR(config.string("token", options.token));
  CEPHEUS_RETURN_IF_ERROR(config.string("tls.cert_file", options.tls_cert_file));
  CEPHEUS_RETURN_IF_ERROR(config.string("tls.key_file", options.tls_key_file));
  std::string level, format;
  CEPHEUS_RETURN_IF_ERROR(config.string("log.level", level));
  CEPHEUS_RETURN_IF_ERROR(config.string("log.format", format));
  if (!level.empty()) {
    auto parsed = log::parse_level(level);
    if (!parsed.ok()) return parsed.status().with_context(path + ": [log] level");
    options.log_level = *parsed;
  }
  if (!format.empty()) {
    auto parsed = log::parse_format(format);
    if (!parsed.ok()) return parsed.status().with_context(path + ": [log] format");
    options.log_format = *parsed;
  }
  CEPHEUS_RETURN_IF_ERROR(config.duration("checkpoint_interval", options.checkpoint_interval));
  std::uint64_t n = options.max_request_bytes;
  CEPHEUS_RETURN_IF_ERROR(config.integer("max_request_bytes", 1024, 1ull << 30, n));
  options.max_request_bytes = n;
  n = options.dead_letter_limit;
  CEPHEUS_RETURN_IF_ERROR(config.integer("dead_letter_limit", 0, 1ull << 32, n));
  options.dead_letter_limit = n;
  // Alert ids keep a replay from raising an alert twice only while the journal
  // still holds it: keep well more than one checkpoint interval's alerts.
  n = options.journal_limit;
  CEPHEUS_RETURN_IF_ERROR(config.integer("journal_limit", 1000, 1ull << 40, n));
  options.journal_limit = n;
  n = options.intake_limit;
  CEPHEUS_RETURN_IF_ERROR(config.integer("intake_limit", 1, 1ull << 28, n));
  options.intake_limit = n;
  CEPHEUS_RETURN_IF_ERROR(
      config.integer("limits.max_partial_matches_per_key", 1, 1ull << 32, options.max_partial_matches_per_key));
  CEPHEUS_RETURN_IF_ERROR(config.integer("limits.max_partial_matches", 1, 1ull << 40, options.max_partial_matches));
  if (doc->has_table("mqtt")) {
    BrokerSettings broker;
    CEPHEUS_RETURN_IF_ERROR(config.broker("mqtt", broker));
    options.mqtt = broker;
  }
  for (const std::string& name : doc->tables_under("brokers")) {
    BrokerSettings broker;
    CEPHEUS_RETURN_IF_ERROR(config.broker("brokers." + TomlDocument::quote_key(name), broker));
    options.brokers[name] = broker;
  }
  return {};
}

Result<NodeOptions> parse_node_options(const std::vector<std::string>& words, const char* env_token, bool& help) {
  auto args = host::Arguments::parse(
      words, {"listen", "data-dir", "mqtt", "token", "config", "log-level", "log-format", "tls-cert", "tls-key"},
      {"help"});
  if (!args.ok()) return args.status();
  help = args->flag("help");
  NodeOptions options;
  if (help) return options;
  if (!args->positional().empty()) {
    return invalid_argument("unexpected argument '" + args->positional()[0] + "'; every setting is a --flag");
  }
  if (const auto config = args->value("config")) CEPHEUS_RETURN_IF_ERROR(apply_config_file(*config, options));
  if (env_token && *env_token) options.token = env_token;
  if (const auto v = args->value("listen")) options.listen = *v;
  if (const auto v = args->value("data-dir")) options.data_dir = *v;
  if (const auto v = args->value("token")) options.token = *v;
  if (const auto v = args->value("mqtt")) {
    CEPHEUS_RETURN_IF_ERROR(check_broker_url(*v, "--mqtt"));
    if (!options.mqtt) options.mqtt = BrokerSettings{};
    options.mqtt->url = *v;
  }
  if (const auto v = args->value("tls-cert")) options.tls_cert_file = *v;
  if (const auto v = args->value("tls-key")) options.tls_key_file = *v;
  if (const auto v = args->value("log-level")) {
    auto level = log::parse_level(*v);
    if (!level.ok()) return level.status().with_context("--log-level");
    options.log_level = *level;
  }
  if (const auto v = args->value("log-format")) {
    auto format = log::parse_format(*v);
    if (!format.ok()) return format.status().with_context("--log-format");
    options.log_format = *format;
  }
  if (options.data_dir.empty())
    return invalid_argument("give the data folder: --data-dir DIR (or data_dir in --config)");
  if (options.listen.rfind(':') == std::string::npos) {
    return invalid_argument("--listen takes HOST:PORT (such as 127.0.0.1:7878), not '" + options.listen + "'");
  }
  if (options.tls_cert_file.empty() != options.tls_key_file.empty()) {
    return invalid_argument("HTTPS needs both a certificate and its key (--tls-cert and --tls-key)");
  }
  return options;
}

}  // namespace cepheus::node
