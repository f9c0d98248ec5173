// What the node commands (deploy, status, alerts, tail, rollback) share: where
// the node is and its token (--node and --token, or CEPHEUS_NODE and
// CEPHEUS_TOKEN), requests with the bearer token, and the node's JSON errors
// turned into one readable line.
#pragma once

#include <string>

#include "cepheus/host/arguments.h"
#include "cepheus/host/http_client.h"

namespace cepheus::cli {

struct NodeTarget {
  std::string url;  // http://HOST:PORT, no trailing slash
  std::string token;
};

Result<NodeTarget> node_target(const host::Arguments& args);

// One request; a transport failure is an error, any HTTP status a response.
Result<host::HttpResponse> node_call(const NodeTarget& node, std::string_view method, const std::string& path,
                                     std::string_view body = {});

// "401: the API token is wrong" from an error response.
std::string node_error(const host::HttpResponse& response);

// The value options and flags every node command takes, with its own added.
inline const char* const kNodeOptionsHelp =
    R"(  --node URL      the node's control API, such as http://127.0.0.1:7878 (default: $CEPHEUS_NODE)
  --token TOKEN   the node's API token (default: $CEPHEUS_TOKEN); a node that generated its
                  own keeps it in DATA_DIR/token
)";

}  // namespace cepheus::cli
