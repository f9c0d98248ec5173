#include "cepheus/host/websocket_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "tls_client.h"

namespace cepheus::host {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

template <typename Next>
Status listen_on(websocket::stream<Next>& ws, const HttpUrl& url, const HttpHeaders& headers,
                 const std::function<bool(std::string_view)>& on_message, const std::atomic<bool>& keep_going) {
  beast::error_code error;
  ws.set_option(websocket::stream_base::decorator([&](websocket::request_type& request) {
    for (const auto& [name, value] : headers) request.set(name, value);
  }));
  websocket::response_type response;
  ws.handshake(response, url.host + ":" + url.port, url.target, error);
  if (error == websocket::error::upgrade_declined) {
    // Boost 1.74 leaves `response` blank (200, no body) when the server declines (Beast issue
    // #2364): ask again as a plain request with the upgrade headers, to learn why.
    HttpHeaders upgrade = headers;
    upgrade.insert(upgrade.end(), {{"Connection", "Upgrade"},
                                   {"Upgrade", "websocket"},
                                   {"Sec-WebSocket-Version", "13"},
                                   {"Sec-WebSocket-Key", "Y2VwaGV1cy1yZWZ1c2Fs"}});
    std::string full = std::string(url.tls ? "https://" : "http://") + url.host + ":" + url.port + url.target;
    if (auto answer = http_request("GET", full, upgrade, {}, std::chrono::seconds(5)); answer.ok()) {
      response.result(static_cast<unsigned>(answer->status));
      response.body() = answer->body;
    }
  }
  if (error) {
    const int status = static_cast<int>(response.result_int());
    if (status == 401) return {StatusCode::kUnauthenticated, "the node refused the token (401): " + response.body()};
    if (status >= 400)
      return {StatusCode::kNotFound, "the node answered " + std::to_string(status) + ": " + response.body()};
    return {StatusCode::kUnavailable, "WebSocket handshake with " + url.host + ":" + url.port + ": " + error.message()};
  }
  beast::flat_buffer buffer;
  while (keep_going) {
    ws.read(buffer, error);
    if (error == websocket::error::closed) return {};
    if (error) return {StatusCode::kUnavailable, "reading the stream: " + error.message()};
    const std::string_view text(static_cast<const char*>(buffer.data().data()), buffer.size());
    if (!on_message(text)) break;
    buffer.consume(buffer.size());
  }
  // The node's streams only write: a close frame would wait for their next
  // message to be answered. The client hangs up; the node notices at its next
  // write or ping.
  beast::get_lowest_layer(ws).shutdown(tcp::socket::shutdown_both, error);
  beast::get_lowest_layer(ws).close(error);
  return {};
}

}  // namespace

Status websocket_listen(std::string_view url_text, const HttpHeaders& headers,
                        const std::function<bool(std::string_view)>& on_message, const std::atomic<bool>& keep_going) {
  auto url = parse_http_url(url_text);
  if (!url.ok()) return url.status();
  asio::io_context io;
  tcp::resolver resolver(io);
  beast::error_code error;
  const auto endpoints = resolver.resolve(url->host, url->port, error);
  if (error) return {StatusCode::kUnavailable, "resolving " + url->host + ": " + error.message()};
  if (!url->tls) {
    websocket::stream<tcp::socket> ws(io);
    asio::connect(ws.next_layer(), endpoints, error);
    if (error)
      return {StatusCode::kUnavailable, "connecting to " + url->host + ":" + url->port + ": " + error.message()};
    return listen_on(ws, *url, headers, on_message, keep_going);
  }
  asio::ssl::context tls = make_tls_client_context();
  websocket::stream<beast::ssl_stream<tcp::socket>> ws(io, tls);
  expect_server_name(ws.next_layer(), url->host);
  asio::connect(beast::get_lowest_layer(ws), endpoints, error);
  if (error) return {StatusCode::kUnavailable, "connecting to " + url->host + ":" + url->port + ": " + error.message()};
  ws.next_layer().handshake(asio::ssl::stream_base::client, error);
  if (error) return {StatusCode::kUnavailable, "TLS handshake with " + url->host + ": " + error.message()};
  return listen_on(ws, *url, headers, on_message, keep_going);
}

}  // namespace cepheus::host
