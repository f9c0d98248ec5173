#include "node_client.h"

#include <chrono>
#include <cstdlib>

#include "cepheus/core/json_value.h"

namespace cepheus::cli {

Result<NodeTarget> node_target(const host::Arguments& args) {
  NodeTarget node;
  if (const auto v = args.value("node")) {
    node.url = *v;
  } else if (const char* env = std::getenv("CEPHEUS_NODE"); env && *env) {
    node.url = env;
  } else {
    return invalid_argument("which node? give --node URL (such as http://127.0.0.1:7878) or set CEPHEUS_NODE");
  }
  while (node.url.size() > 1 && node.url.back() == '/') node.url.pop_back();
  auto parsed = host::parse_http_url(node.url);
  if (!parsed.ok()) return invalid_argument("--node: " + parsed.status().message());
  if (const auto v = args.value("token")) {
    node.token = *v;
  } else if (const char* env = std::getenv("CEPHEUS_TOKEN"); env && *env) {
    node.token = env;
  } else {
    return invalid_argument("the node needs its API token: give --token TOKEN or set CEPHEUS_TOKEN");
  }
  return node;
}

Result<host::HttpResponse> node_call(const NodeTarget& node, std::string_view method, const std::string& path,
                                     std::string_view body) {
  host::HttpHeaders headers = {{"Authorization", "Bearer " + node.token}};
  if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
  auto response = host::http_request(method, node.url + path, headers, body, std::chrono::seconds(60));
  if (!response.ok()) return response.status().with_context("node " + node.url);
  return response;
}

std::string node_error(const host::HttpResponse& response) {
  std::string message = std::to_string(response.status);
  auto json = JsonValue::parse(response.body);
  const JsonValue* error = json.ok() && json->is_object() ? json->find("error") : nullptr;
  message += ": " + (error && error->is_string() ? error->text() : response.body.substr(0, 500));
  return message;
}

}  // namespace cepheus::cli
