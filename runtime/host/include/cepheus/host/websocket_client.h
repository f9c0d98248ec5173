// A blocking WebSocket client (ws:// and wss://, taken from an http(s):// URL)
// for `cepheus tail`: connects, then hands every text message to a callback
// until the callback says stop, the server closes, or `keep_going` turns false.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <string_view>

#include "cepheus/core/status.h"
#include "cepheus/host/http_client.h"

namespace cepheus::host {

// `url` is http://HOST:PORT/PATH (or https://); the handshake carries `headers`.
// Returns ok when the server closed the stream or the caller stopped it.
Status websocket_listen(std::string_view url, const HttpHeaders& headers,
                        const std::function<bool(std::string_view message)>& on_message,
                        const std::atomic<bool>& keep_going);

}  // namespace cepheus::host
