// What identifies a node and its callers: the API token and the node's id, both
// kept in the data folder so that they survive restarts.
#pragma once

#include <string>
#include <string_view>

#include "cepheus/core/result.h"

namespace cepheus::node {

// The token in <data_dir>/token, created (32 random bytes as hex, file mode 0600)
// when missing; `created` tells which. A token file readable by others is refused.
Result<std::string> load_or_create_token(const std::string& data_dir, bool& created);

// The node's id in <data_dir>/node-id (created when missing): the stable part of
// its MQTT client ids, so that the broker keeps its persistent sessions.
Result<std::string> load_or_create_node_id(const std::string& data_dir);

// Compares in time that depends only on the lengths, so that a caller cannot
// guess a token byte by byte from response times.
bool same_secret(std::string_view given, std::string_view expected);

}  // namespace cepheus::node
