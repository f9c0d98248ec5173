#include "control_api.h"

#include <stdlib.h>

#include <cctype>
#include <charconv>
#include <filesystem>
#include <limits>

#include "cepheus/core/clock.h"
#include "cepheus/core/json_value.h"
#include "cepheus/core/json_writer.h"
#include "cepheus/host/file_sources.h"
#include "deployment_status.h"
#include "live_feeds.h"
#include "metrics_text.h"
#include "node_identity.h"
#include "project_files.h"

namespace cepheus::node {
namespace {

constexpr const char* kVersion = "0.1.0";

HttpAnswer error(int status, std::string_view message, std::string_view extra = {}) {
  std::string body = "{\"error\":";
  append_json_string(body, message);
  body += extra;
  return {status, "application/json", body + "}"};
}

HttpAnswer from_status(const Status& s) {
  switch (s.code()) {
    case StatusCode::kNotFound: return error(404, s.message());
    case StatusCode::kInvalidArgument:
    case StatusCode::kOutOfRange: return error(400, s.message());
    case StatusCode::kFailedPrecondition: return error(409, s.message());
    case StatusCode::kResourceExhausted: return error(503, s.message());
    default: return error(500, s.message());
  }
}

bool valid_name(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '.' || name.front() == '-') return false;
  if (name == "validate") return false;  // POST /deployments/validate is taken
  for (const char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') return false;
  }
  return true;
}

// The value of `key` in a query string ("since=12&limit=5"), undecoded but for '+'.
std::optional<std::string> query_value(std::string_view query, std::string_view key) {
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const std::size_t eq = pair.find('=');
    if (pair.substr(0, eq) == key) {
      std::string value(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
      std::string decoded;
      for (std::size_t i = 0; i < value.size(); ++i) {
        const bool escape = value[i] == '%' && i + 2 < value.size() &&
                            std::isxdigit(static_cast<unsigned char>(value[i + 1])) &&
                            std::isxdigit(static_cast<unsigned char>(value[i + 2]));
        if (escape) {
          decoded += static_cast<char>(std::stoi(value.substr(i + 1, 2), nullptr, 16));
          i += 2;
        } else {
          decoded += value[i] == '+' ? ' ' : value[i];
        }
      }
      return decoded;
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

Result<std::int64_t> query_int(std::string_view query, std::string_view key, std::int64_t fallback, std::int64_t low,
                               std::int64_t high) {
  const auto text = query_value(query, key);
  if (!text) return fallback;
  char* end = nullptr;
  const long long n = std::strtoll(text->c_str(), &end, 10);
  if (text->empty() || end != text->c_str() + text->size() || n < low || n > high) {
    return invalid_argument("'" + std::string(key) + "' must be a whole number from " + std::to_string(low) + " to " +
                            std::to_string(high) + ", not '" + *text + "'");
  }
  return n;
}

// Splits "/a/b/c" into {"a", "b", "c"}.
std::vector<std::string> segments(std::string_view path) {
  std::vector<std::string> parts;
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    const std::size_t slash = path.find('/');
    parts.emplace_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash);
  }
  return parts;
}

std::string activation_json(const Activation& a, std::string_view diagnostics) {
  std::string body = "{\"name\":" + json_quoted(a.name) + ",\"version\":" + std::to_string(a.version) +
                     ",\"state\":\"running\",\"state_carried\":" + (a.state_carried ? "true" : "false") +
                     ",\"carried\":[";
  for (std::size_t i = 0; i < a.carried.size(); ++i) body += (i ? "," : "") + json_quoted(a.carried[i]);
  body += "],\"started_empty\":[";
  for (std::size_t i = 0; i < a.started_empty.size(); ++i) body += (i ? "," : "") + json_quoted(a.started_empty[i]);
  body += "],\"warnings\":[";
  for (std::size_t i = 0; i < a.warnings.size(); ++i) body += (i ? "," : "") + json_quoted(a.warnings[i]);
  body += "]";
  if (!diagnostics.empty()) body += ",\"diagnostics\":" + std::string(diagnostics);
  return body + "}";
}

// Parses a deploy body: {"name": "...", "files": {...}}.
Result<std::pair<std::string, ProjectFiles>> parse_deploy_body(const HttpRequestData& request) {
  auto json = JsonValue::parse(request.body);
  if (!json.ok()) return json.status().with_context("request body");
  if (!json->is_object()) return invalid_argument("the body must be a JSON object {\"name\": ..., \"files\": {...}}");
  const JsonValue* name = json->find("name");
  if (!name || !name->is_string() || !valid_name(name->text())) {
    return invalid_argument(
        "'name' must be a string of 1 to 64 letters, digits, '-', '_' or '.', not starting with '.' or '-', "
        "and not 'validate'");
  }
  const JsonValue* files = json->find("files");
  if (!files) return invalid_argument("'files' is missing: give the project's files as {\"path\": \"contents\"}");
  auto parsed = project_files_from_json(*files);
  if (!parsed.ok()) return parsed.status();
  return std::make_pair(name->text(), std::move(*parsed));
}

}  // namespace

ControlApi::ControlApi(const NodeOptions& options, std::string token, NodeStore reader, Pipeline& pipeline,
                       IntakeLog& log, IntakeQueue& intake, NodeMetrics& metrics, MqttConnections& mqtt,
                       AlertSinks& sinks, StreamTaps& taps)
    : options_(options),
      token_(std::move(token)),
      reader_(std::move(reader)),
      pipeline_(pipeline),
      log_(log),
      intake_(intake),
      metrics_(metrics),
      mqtt_(mqtt),
      sinks_(sinks),
      taps_(taps) {}

HttpAnswer ControlApi::handle(const HttpRequestData& request) {
  NodeMetrics::add(metrics_.http_requests);
  const std::size_t question = request.target.find('?');
  const std::string_view path = std::string_view(request.target).substr(0, question);
  const std::string_view query =
      question == std::string::npos ? std::string_view() : std::string_view(request.target).substr(question + 1);
  HttpAnswer answer;
  if (!request.authorization.starts_with("Bearer ")) {
    answer = error(401, "this node needs its API token: send 'Authorization: Bearer TOKEN'");
  } else if (!same_secret(std::string_view(request.authorization).substr(7), token_)) {
    answer = error(401, "the API token is wrong");
  } else {
    answer = route(request, path, query);
  }
  if (answer.status >= 400) NodeMetrics::add(metrics_.http_errors);
  return answer;
}

HttpAnswer ControlApi::route(const HttpRequestData& request, std::string_view path, std::string_view query) {
  const std::string& m = request.method;
  if (path == "/metrics") return m == "GET" ? metrics() : error(405, "use GET /metrics");
  const std::vector<std::string> p = segments(path);
  if (p.size() < 2 || p[0] != "api" || p[1] != "v1") return error(404, "no such endpoint; the API is under /api/v1");
  const std::size_t n = p.size();
  const auto method_error = [&](const char* allowed) {
    return error(405, "use " + std::string(allowed) + " " + std::string(path));
  };
  if (n == 3 && p[2] == "health") return m == "GET" ? health() : method_error("GET");
  if (n == 3 && p[2] == "alerts") return m == "GET" ? alerts(query) : method_error("GET");
  if (n >= 3 && p[2] == "deployments") {
    if (n == 3) {
      if (m == "GET") return list_deployments();
      if (m == "POST") return deploy(request, false);
      return method_error("GET or POST");
    }
    if (n == 4 && p[3] == "validate") return m == "POST" ? deploy(request, true) : method_error("POST");
    const std::string& name = p[3];
    if (!valid_name(name)) return error(404, "no deployment '" + name + "'");
    if (n == 4) {
      if (m == "GET") return show_deployment(name);
      if (m == "DELETE") return remove(name);
      return method_error("GET or DELETE");
    }
    if (n == 5) {
      const std::string& action = p[4];
      if (action == "status") return m == "GET" ? deployment_status(name) : method_error("GET");
      if (action == "dead-letters") return m == "GET" ? dead_letters(name, query) : method_error("GET");
      if (m != "POST") return method_error("POST");
      if (action == "activate") return activate(name, request);
      if (action == "rollback") return rollback(name);
      if (action == "stop") return stop(name);
      if (action == "start") return start(name);
    }
    if (n == 6 && p[4] == "ingest") return m == "POST" ? ingest(name, p[5], request) : method_error("POST");
  }
  return error(404, "no such endpoint: " + std::string(path) + " (see docs/node-api.md)");
}

HttpAnswer ControlApi::health() {
  const auto uptime = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started_);
  const std::size_t running = pipeline_.call([&] { return pipeline_.deployments().size(); });
  std::string body = "{\"status\":\"ok\",\"version\":\"" + std::string(kVersion) +
                     "\",\"uptime_seconds\":" + std::to_string(uptime.count()) +
                     ",\"running_deployments\":" + std::to_string(running) + ",\"brokers\":{";
  bool first = true;
  for (const auto& [name, state] : mqtt_.states()) {
    body += (first ? "" : ",") + json_quoted(name) + ":" + json_quoted(state);
    first = false;
  }
  return {200, "application/json", body + "},\"intake_queue\":" + std::to_string(intake_.size()) + "}"};
}

HttpAnswer ControlApi::list_deployments() {
  std::lock_guard lock(reader_mutex_);
  auto all = reader_.deployments();
  if (!all.ok()) return from_status(all.status());
  std::string body = "{\"deployments\":[";
  for (std::size_t i = 0; i < all->size(); ++i) {
    const StoredDeployment& d = (*all)[i];
    body += (i ? "," : "") + std::string("{\"name\":") + json_quoted(d.name) +
            ",\"version\":" + std::to_string(d.active_version) + ",\"state\":" + json_quoted(d.state) +
            ",\"deployed_at\":" + json_quoted(d.deployed_at) + ",\"versions\":" + std::to_string(d.versions.size()) +
            "}";
  }
  return {200, "application/json", body + "]}"};
}

HttpAnswer ControlApi::deploy(const HttpRequestData& request, bool validate_only) {
  auto parsed = parse_deploy_body(request);
  if (!parsed.ok()) return error(400, parsed.status().message());
  const auto& [name, files] = *parsed;
  // Compile in a scratch folder first: a project with errors never reaches the pipeline.
  std::string scratch = options_.data_dir + "/tmp/validate-XXXXXX";
  std::filesystem::create_directories(options_.data_dir + "/tmp");
  if (!::mkdtemp(scratch.data())) return error(500, "cannot make a scratch folder in " + options_.data_dir + "/tmp");
  Status written = write_project_folder(scratch, files);
  auto compiled = written.ok() ? compile_project_folder(scratch) : Result<CompiledProject>(written);
  // A `from file` source's file must be among the files, and readable as its source says.
  Status files_readable;
  if (compiled.ok() && compiled->plan) files_readable = host::load_file_sources(*compiled->plan, scratch).status();
  std::error_code ignored;
  std::filesystem::remove_all(scratch, ignored);
  if (!compiled.ok()) return from_status(compiled.status());
  const std::string diagnostics = ",\"diagnostics\":" + compiled->diagnostics_json;
  if (!compiled->plan) {
    return error(422,
                 "the project does not compile: " + std::to_string(compiled->errors) +
                     (compiled->errors == 1 ? " error" : " errors") +
                     (validate_only ? "" : "; nothing was deployed and the running version goes on"),
                 diagnostics);
  }
  if (!files_readable.ok()) {
    return error(422, files_readable.message() +
                          (validate_only ? "" : "; nothing was deployed and the running version goes on"));
  }
  if (validate_only) {
    return {200, "application/json",
            "{\"valid\":true,\"name\":" + json_quoted(name) + ",\"warnings\":" + std::to_string(compiled->warnings) +
                diagnostics + "}"};
  }
  const std::string files_json = project_files_to_json(files);
  auto activated = pipeline_.call([&]() -> Result<Activation> {
    auto version = pipeline_.store().add_version(name, files_json, format_timestamp(SystemClock::instance().now()));
    if (!version.ok()) return version.status();
    auto outcome = pipeline_.activate(name, *version);
    // A version that never ran is not kept: the deployment stays as it was.
    if (!outcome.ok()) (void)pipeline_.store().delete_version(name, *version);
    return outcome;
  });
  if (!activated.ok()) return from_status(activated.status());
  return {201, "application/json", activation_json(*activated, compiled->diagnostics_json)};
}

HttpAnswer ControlApi::show_deployment(const std::string& name) {
  std::lock_guard lock(reader_mutex_);
  auto d = reader_.deployment(name);
  if (!d.ok()) return from_status(d.status());
  if (!*d) return error(404, "no deployment '" + name + "'");
  auto versions = reader_.versions(name);
  if (!versions.ok()) return from_status(versions.status());
  std::string body = "{\"name\":" + json_quoted(name) + ",\"version\":" + std::to_string((*d)->active_version) +
                     ",\"state\":" + json_quoted((*d)->state) + ",\"updated_at\":" + json_quoted((*d)->updated_at) +
                     ",\"versions\":[";
  for (std::size_t i = 0; i < versions->size(); ++i) {
    const StoredVersion& v = (*versions)[i];
    auto files = JsonValue::parse(v.files_json);
    body += (i ? "," : "") + std::string("{\"version\":") + std::to_string(v.version) +
            ",\"created_at\":" + json_quoted(v.created_at) + ",\"deployed_at\":" + json_quoted(v.deployed_at) +
            ",\"files\":[";
    if (files.ok()) {
      for (std::size_t f = 0; f < files->members().size(); ++f)
        body += (f ? "," : "") + json_quoted(files->members()[f].first);
    }
    body += "]}";
  }
  return {200, "application/json", body + "]}"};
}

HttpAnswer ControlApi::deployment_status(const std::string& name) {
  auto body = pipeline_.call([&]() -> std::optional<std::string> {
    const RunningDeployment* d = pipeline_.running(name);
    if (!d) return std::nullopt;
    std::map<std::string, std::uint64_t> read_to;
    for (const host::FileSource& file : *d->file_sources())
      read_to[file.name] = pipeline_.file_read_to(name, file.name);
    return deployment_status_json(*d, read_to);
  });
  if (!body) return error(404, "deployment '" + name + "' is not running");
  return {200, "application/json", *body};
}

HttpAnswer ControlApi::activate(const std::string& name, const HttpRequestData& request) {
  auto json = JsonValue::parse(request.body);
  if (!json.ok()) return error(400, json.status().with_context("request body").message());
  const JsonValue* version = json->is_object() ? json->find("version") : nullptr;
  if (!version || !version->as_int() || *version->as_int() < 1) {
    return error(400, "give the version to activate: {\"version\": N}");
  }
  auto activated = pipeline_.call([&] { return pipeline_.activate(name, *version->as_int()); });
  if (!activated.ok()) return from_status(activated.status());
  return {200, "application/json", activation_json(*activated, {})};
}

HttpAnswer ControlApi::rollback(const std::string& name) {
  auto activated = pipeline_.call([&]() -> Result<Activation> {
    auto d = pipeline_.store().deployment(name);
    if (!d.ok()) return d.status();
    if (!*d) return not_found("no deployment '" + name + "'");
    std::int64_t previous = 0;
    for (const std::int64_t v : (*d)->versions) {
      if (v < (*d)->active_version) previous = v;
    }
    if (previous == 0) {
      return Status(StatusCode::kFailedPrecondition, "deployment '" + name + "' runs version " +
                                                         std::to_string((*d)->active_version) +
                                                         ", and there is no earlier version to roll back to");
    }
    return pipeline_.activate(name, previous);
  });
  if (!activated.ok()) return from_status(activated.status());
  return {200, "application/json", activation_json(*activated, {})};
}

HttpAnswer ControlApi::start(const std::string& name) {
  auto activated = pipeline_.call([&]() -> Result<Activation> {
    auto d = pipeline_.store().deployment(name);
    if (!d.ok()) return d.status();
    if (!*d) return not_found("no deployment '" + name + "'");
    return pipeline_.activate(name, (*d)->active_version);
  });
  if (!activated.ok()) return from_status(activated.status());
  return {200, "application/json", activation_json(*activated, {})};
}

HttpAnswer ControlApi::stop(const std::string& name) {
  Status s = pipeline_.call([&] { return pipeline_.stop_deployment(name); });
  if (!s.ok()) return from_status(s);
  return {200, "application/json", "{\"name\":" + json_quoted(name) + ",\"state\":\"stopped\"}"};
}

HttpAnswer ControlApi::remove(const std::string& name) {
  Status s = pipeline_.call([&] { return pipeline_.delete_deployment(name); });
  if (!s.ok()) return from_status(s);
  return {200, "application/json", "{\"name\":" + json_quoted(name) + ",\"deleted\":true}"};
}

HttpAnswer ControlApi::dead_letters(const std::string& name, std::string_view query) {
  auto limit = query_int(query, "limit", 100, 1, 10000);
  if (!limit.ok()) return error(400, limit.status().message());
  std::lock_guard lock(reader_mutex_);
  auto letters = reader_.dead_letters(name, static_cast<std::size_t>(*limit));
  if (!letters.ok()) return from_status(letters.status());
  std::string body = "{\"dead_letters\":[";
  for (std::size_t i = 0; i < letters->size(); ++i) {
    const DeadLetter& d = (*letters)[i];
    body += (i ? "," : "") + std::string("{\"source\":") + json_quoted(d.source) +
            ",\"reason\":" + json_quoted(d.reason) + ",\"detail\":" + json_quoted(d.detail) +
            ",\"payload\":" + json_quoted(d.payload.substr(0, 4096)) + "}";
  }
  return {200, "application/json", body + "]}"};
}

HttpAnswer ControlApi::ingest(const std::string& name, const std::string& source, const HttpRequestData& request) {
  const bool known = pipeline_.call([&] {
    const RunningDeployment* d = pipeline_.running(name);
    return d && d->engine().source(source).has_value();
  });
  if (!known) return error(404, "deployment '" + name + "' is not running or has no source '" + source + "'");
  const std::int64_t now = SystemClock::instance().now().nanos_since_epoch();
  std::size_t accepted = 0, refused = 0;
  std::string_view body = request.body;
  while (!body.empty()) {
    const std::size_t newline = body.find('\n');
    std::string_view line = body.substr(0, newline);
    body.remove_prefix(newline == std::string_view::npos ? body.size() : newline + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    // Decoding happens in the pipeline: a bad line becomes a dead letter with its reason.
    if (log_.accept({"http:" + name + "/" + source, "", std::string(line), now}, intake_)) {
      ++accepted;
      NodeMetrics::add(metrics_.messages_received);
    } else {
      ++refused;
      NodeMetrics::add(metrics_.messages_refused);
    }
  }
  return {refused ? 503 : 202, "application/json",
          "{\"accepted\":" + std::to_string(accepted) + ",\"refused\":" + std::to_string(refused) +
              (refused ? ",\"error\":\"the node's intake queue is full; send the refused lines again later\"" : "") +
              "}"};
}

HttpAnswer ControlApi::alerts(std::string_view query) {
  auto limit = query_int(query, "limit", 100, 1, 10000);
  if (!limit.ok()) return error(400, limit.status().message());
  std::int64_t after = 0;
  std::int64_t since_ns = std::numeric_limits<std::int64_t>::min();
  if (const auto since = query_value(query, "since")) {
    if (!since->empty() && since->find_first_not_of("0123456789") == std::string::npos) {
      const auto [end, problem] = std::from_chars(since->data(), since->data() + since->size(), after);
      if (problem != std::errc() || end != since->data() + since->size()) {
        return error(400, "'since' is too large a sequence number: '" + *since + "'");
      }
    } else {
      auto t = parse_timestamp(*since);
      if (!t.ok()) {
        return error(400,
                     "'since' must be a journal sequence number (from 'next') or a time such as "
                     "2026-11-20T08:00:00Z, not '" +
                         *since + "'");
      }
      since_ns = t->nanos_since_epoch();
    }
  }
  std::lock_guard lock(reader_mutex_);
  auto rows = reader_.alerts(after, since_ns, static_cast<std::size_t>(*limit));
  if (!rows.ok()) return from_status(rows.status());
  std::string body = "{\"alerts\":[";
  std::int64_t next = after;
  for (std::size_t i = 0; i < rows->size(); ++i) {
    const JournaledAlert& a = (*rows)[i];
    body += (i ? "," : "") + std::string("{\"seq\":") + std::to_string(a.seq) +
            ",\"deployment\":" + json_quoted(a.deployment) + ",\"journaled_at\":" + json_quoted(a.journaled_at) +
            ",\"alert\":" + a.json + "}";
    next = a.seq;
  }
  return {200, "application/json", body + "],\"next\":" + std::to_string(next) + "}"};
}

HttpAnswer ControlApi::metrics() {
  std::string text = pipeline_.call([&] { return render_metrics(metrics_, pipeline_.deployments(), intake_.size()); });
  return {200, "text/plain; version=0.0.4", text};
}

HttpAnswer ControlApi::upgrade(const HttpRequestData& request, std::unique_ptr<WebSocketFeed>& feed) {
  if (!request.authorization.starts_with("Bearer ") ||
      !same_secret(std::string_view(request.authorization).substr(7), token_)) {
    return error(401, "this node needs its API token: send 'Authorization: Bearer TOKEN'");
  }
  const std::vector<std::string> p = segments(request.target.substr(0, request.target.find('?')));
  if (p.size() == 4 && p[0] == "api" && p[1] == "v1" && p[2] == "alerts" && p[3] == "stream") {
    feed = make_alert_feed(sinks_);
    return {};
  }
  if (p.size() == 6 && p[0] == "api" && p[1] == "v1" && p[2] == "deployments" && p[4] == "streams")
    return tap(p[3], p[5], feed);
  return error(404, "WebSocket streams: /api/v1/alerts/stream, /api/v1/deployments/NAME/streams/STREAM");
}

HttpAnswer ControlApi::tap(const std::string& name, const std::string& stream, std::unique_ptr<WebSocketFeed>& feed) {
  if (!valid_name(name)) return error(404, "no deployment '" + name + "'");
  // Checked on the pipeline thread, which owns the plans: a running deployment, a stream of it.
  const auto problem = pipeline_.call([&]() -> std::optional<HttpAnswer> {
    const RunningDeployment* d = pipeline_.running(name);
    if (!d) return error(404, "deployment '" + name + "' is not running");
    std::string names;
    for (const dsl::PlanStatement& s : d->plan().statements) {
      if (!StreamTaps::tappable(s)) continue;
      if (s.name == stream) return std::nullopt;
      names += (names.empty() ? "" : ", ") + s.name;
    }
    return error(404, "deployment '" + name + "' has no stream '" + stream + "'; its streams: " + names);
  });
  if (problem) return *problem;
  feed = taps_.subscribe(name, stream);
  return {};
}

}  // namespace cepheus::node
