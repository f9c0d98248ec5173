// A small blocking HTTP/1.1 client (http:// and https://, certificates checked
// against the system's authorities) for the command line's node commands and
// the node's webhooks. One request per connection.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cepheus/core/result.h"

namespace cepheus::host {

struct HttpUrl {
  bool tls = false;
  std::string host;
  std::string port;
  std::string target;  // path and query, at least "/"
};

// "http://host:port/path?query"; the port defaults to 80 or 443.
Result<HttpUrl> parse_http_url(std::string_view url);

struct HttpResponse {
  int status = 0;
  std::string content_type;
  std::string body;
};

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

// Sends one request and reads the whole answer within `timeout`. A transport
// problem is an error (unavailable: cannot connect; deadline_exceeded: too slow);
// any HTTP status is a response.
Result<HttpResponse> http_request(std::string_view method, std::string_view url, const HttpHeaders& headers,
                                  std::string_view body, std::chrono::milliseconds timeout);

}  // namespace cepheus::host
