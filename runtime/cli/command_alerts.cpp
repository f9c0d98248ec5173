// `cepheus alerts` (the node's alert journal) and `cepheus tail` (live alerts).
#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <cstdlib>

#include "cepheus/core/json_value.h"
#include "cepheus/host/websocket_client.h"
#include "commands.h"
#include "node_client.h"

namespace cepheus::cli {
namespace {

const std::string kAlertsHelp =
    std::string(R"(Usage: cepheus alerts --node URL --token TOKEN [--since SEQ|TIME] [--limit N] [--deployment NAME]

Prints the alerts in the node's journal, oldest first, one JSON object per line
in the form `cepheus run` prints them (id, rule, severity, time, key, message,
targets), so that a node's alerts compare line by line with an offline replay.

)") +
    kNodeOptionsHelp + R"(  --since S       only alerts journaled after sequence number S, or at or after the time
                  S (2026-11-20T08:00:00Z)
  --limit N       at most N alerts (default: all)
  --deployment D  only the alerts of deployment D
  --with-seq      print {"seq": N, "deployment": D, "journaled_at": T, "alert": {...}} per line

Exit status: 0 done, 1 the node refused the request, 2 usage problems or the node
cannot be reached.
)";

const std::string kTailHelp =
    std::string(R"(Usage: cepheus tail --node URL --token TOKEN (--alerts | --stream NAME [--deployment D]) [--count N]

Follows the node live and prints what comes, one JSON object per line, until
Ctrl-C (or --count N messages):
  --alerts    every alert of every deployment as it is journaled
              ({"deployment": ..., "alert": {...}});
  --stream S  every event of the stream (or source, window, pattern, twin) called S
              of a running deployment ({"deployment": ..., "stream": ..., "event": {...}}).
A client slower than what it follows gets {"skipped": N} in place of what it
missed (a stream faster than the client is sampled); the node never waits for it.

)") +
    kNodeOptionsHelp + R"(  --alerts        follow the alerts of every deployment
  --stream NAME   follow the events of stream NAME
  --deployment D  the deployment whose stream to follow (needed when the node runs more than one)
  --count N       stop after N messages

Exit status: 0 after --count messages or when the node closes the stream, 1 the node
refused (no such deployment or stream), 2 usage problems or the node cannot be reached.
)";

// The one running deployment of the node, for `tail --stream` without --deployment.
Result<std::string> only_running_deployment(const NodeTarget& node) {
  auto response = node_call(node, "GET", "/api/v1/deployments");
  if (!response.ok()) return response.status();
  if (response->status >= 300) return Status(StatusCode::kUnavailable, node_error(*response));
  auto answer = JsonValue::parse(response->body);
  const JsonValue* list = answer.ok() ? answer->find("deployments") : nullptr;
  if (!list) return Status(StatusCode::kUnavailable, "the node's answer is not a deployment list");
  std::vector<std::string> running;
  for (const JsonValue& d : list->items()) {
    const JsonValue* state = d.find("state");
    const JsonValue* name = d.find("name");
    if (state && name && state->text() == "running") running.push_back(name->text());
  }
  if (running.size() == 1) return running.front();
  std::string names;
  for (const std::string& n : running) names += (names.empty() ? "" : ", ") + n;
  return invalid_argument(running.empty() ? std::string("the node runs no deployment")
                                          : "the node runs " + std::to_string(running.size()) + " deployments (" +
                                                names + "): say which with --deployment");
}

}  // namespace

int run_alerts(const std::vector<std::string>& words) {
  auto parsed = host::Arguments::parse(words, {"node", "token", "since", "limit", "deployment"}, {"help", "with-seq"});
  if (!parsed.ok()) return usage_error("alerts", parsed.status().message());
  if (parsed->flag("help")) {
    std::fputs(kAlertsHelp.c_str(), stdout);
    return 0;
  }
  if (!parsed->positional().empty()) return usage_error("alerts", "unexpected '" + parsed->positional()[0] + "'");
  auto node = node_target(*parsed);
  if (!node.ok()) return usage_error("alerts", node.status().message());
  long long wanted = -1;
  if (const auto limit = parsed->value("limit")) {
    char* end = nullptr;
    wanted = std::strtoll(limit->c_str(), &end, 10);
    if (limit->empty() || *end != '\0' || wanted < 1) {
      return usage_error("alerts", "--limit takes a positive number, not '" + *limit + "'");
    }
  }
  const auto deployment = parsed->value("deployment");
  std::string since = parsed->value("since").value_or("0");
  long long printed = 0;
  // Pages of the journal until it is exhausted or enough were printed.
  while (wanted < 0 || printed < wanted) {
    std::string query = "/api/v1/alerts?limit=1000&since=";
    for (const char c : since) query += (c == '+' ? std::string("%2B") : std::string(1, c));
    auto response = node_call(*node, "GET", query);
    if (!response.ok()) {
      std::fprintf(stderr, "cepheus alerts: %s\n", response.status().message().c_str());
      return 2;
    }
    if (response->status >= 300) {
      std::fprintf(stderr, "cepheus alerts: %s\n", node_error(*response).c_str());
      return response->status == 401 ? 2 : 1;
    }
    auto answer = JsonValue::parse(response->body);
    const JsonValue* alerts = answer.ok() ? answer->find("alerts") : nullptr;
    const JsonValue* next = answer.ok() ? answer->find("next") : nullptr;
    if (!alerts || !next) {
      std::fprintf(stderr, "cepheus alerts: the node's answer is not an alert list\n");
      return 2;
    }
    for (const JsonValue& row : alerts->items()) {
      const JsonValue* owner = row.find("deployment");
      if (deployment && (!owner || owner->text() != *deployment)) continue;
      if (wanted >= 0 && printed >= wanted) break;
      const JsonValue* alert = row.find("alert");
      if (!alert) continue;
      if (parsed->flag("with-seq")) {
        std::printf("%s\n", row.to_text().c_str());
      } else {
        std::printf("%s\n", alert->to_text().c_str());
      }
      ++printed;
    }
    if (alerts->items().empty() || next->text() == since) break;
    since = next->text();
  }
  return 0;
}

int run_tail(const std::vector<std::string>& words) {
  auto parsed = host::Arguments::parse(words, {"node", "token", "count", "stream", "deployment"}, {"help", "alerts"});
  if (!parsed.ok()) return usage_error("tail", parsed.status().message());
  if (parsed->flag("help")) {
    std::fputs(kTailHelp.c_str(), stdout);
    return 0;
  }
  if (!parsed->positional().empty()) return usage_error("tail", "unexpected '" + parsed->positional()[0] + "'");
  auto node = node_target(*parsed);
  if (!node.ok()) return usage_error("tail", node.status().message());
  const auto stream = parsed->value("stream");
  if (parsed->flag("alerts") == stream.has_value())
    return usage_error("tail", "say what to follow: --alerts or --stream NAME (one of them)");
  if (stream && stream->empty()) return usage_error("tail", "--stream takes a stream's name");
  if (!stream && parsed->value("deployment")) return usage_error("tail", "--deployment goes with --stream");
  long long count = -1;
  if (const auto text = parsed->value("count")) {
    char* end = nullptr;
    count = std::strtoll(text->c_str(), &end, 10);
    if (text->empty() || *end != '\0' || count < 1) {
      return usage_error("tail", "--count takes a positive number, not '" + *text + "'");
    }
  }
  std::string path = "/api/v1/alerts/stream";
  if (stream) {
    auto deployment = parsed->value("deployment") ? Result<std::string>(*parsed->value("deployment"))
                                                  : only_running_deployment(*node);
    if (!deployment.ok()) {
      std::fprintf(stderr, "cepheus tail: %s\n", deployment.status().message().c_str());
      return deployment.status().code() == StatusCode::kUnavailable ? 2 : 1;
    }
    for (const std::string& name : {*deployment, *stream}) {
      if (!std::all_of(name.begin(), name.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
          }))
        return usage_error("tail", "'" + name + "' is not a deployment or stream name");
    }
    path = "/api/v1/deployments/" + *deployment + "/streams/" + *stream;
  }
  std::atomic<bool> keep_going{true};
  long long seen = 0;
  Status status = host::websocket_listen(
      node->url + path, {{"Authorization", "Bearer " + node->token}},
      [&](std::string_view message) {
        std::printf("%.*s\n", static_cast<int>(message.size()), message.data());
        std::fflush(stdout);
        return count < 0 || ++seen < count;
      },
      keep_going);
  if (!status.ok()) {
    std::fprintf(stderr, "cepheus tail: %s\n", status.message().c_str());
    return status.code() == StatusCode::kNotFound ? 1 : 2;
  }
  return 0;
}

}  // namespace cepheus::cli
