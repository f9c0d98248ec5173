// The control API's HTTP server (Boost.Beast): HTTP/1.1 with keep-alive, HTTPS
// when a certificate is configured, request heads and bodies bounded (a body
// over the limit gets 413, a malformed request 400, both as JSON errors), slow
// clients timed out. Handlers run on the server's threads; WebSocket upgrades
// are handed to a stream handler that feeds the socket until either side ends.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "cepheus/core/result.h"

namespace cepheus::node {

struct HttpRequestData {
  std::string method;  // GET, POST, ...
  std::string target;  // path and query
  std::string authorization;
  std::string content_type;
  std::string body;
  bool websocket = false;  // an upgrade request
};

struct HttpAnswer {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

// A live feed for a WebSocket: next() waits up to a moment for a message and
// returns false to end the stream. Runs on a thread of its own per client.
class WebSocketFeed {
 public:
  virtual ~WebSocketFeed() = default;
  // Fills `message` (a text frame) and returns true; returns true with an empty
  // message when nothing came in a while (the server checks the client is still
  // there), false when the feed is over.
  virtual bool next(std::string& message) = 0;
};

class HttpServer {
 public:
  struct Routes {
    std::function<HttpAnswer(const HttpRequestData&)> handle;
    // For upgrade requests: an answer (refusal) or a feed (accepted).
    std::function<HttpAnswer(const HttpRequestData&, std::unique_ptr<WebSocketFeed>& feed)> upgrade;
  };
  struct Settings {
    std::string listen;  // HOST:PORT; port 0 takes a free one
    std::string tls_cert_file, tls_key_file;
    std::size_t max_body_bytes = 16u << 20;
    int threads = 2;
  };

  static Result<std::unique_ptr<HttpServer>> start(const Settings& settings, Routes routes);
  virtual ~HttpServer() = default;
  // HOST:PORT actually listened on.
  virtual std::string address() const = 0;
  virtual void stop() = 0;
};

}  // namespace cepheus::node
