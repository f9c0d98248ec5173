#include "cepheus/host/http_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "tls_client.h"

namespace cepheus::host {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

Status transport_error(const beast::error_code& error, const HttpUrl& url, std::string_view doing) {
  const StatusCode code = error == beast::error::timeout ? StatusCode::kDeadlineExceeded : StatusCode::kUnavailable;
  return {code, std::string(doing) + " " + url.host + ":" + url.port + ": " + error.message()};
}

template <typename Stream>
Result<HttpResponse> exchange(Stream& stream, const HttpUrl& url, http::request<http::string_body>& request) {
  beast::error_code error;
  http::write(stream, request, error);
  if (error) return transport_error(error, url, "sending to");
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(256u << 20);
  http::read(stream, buffer, parser, error);
  if (error) return transport_error(error, url, "reading from");
  HttpResponse response;
  response.status = static_cast<int>(parser.get().result_int());
  response.content_type = std::string(parser.get()[http::field::content_type]);
  response.body = std::move(parser.get().body());
  return response;
}

}  // namespace

Result<HttpUrl> parse_http_url(std::string_view text) {
  HttpUrl url;
  std::string_view rest;
  if (text.starts_with("http://")) {
    rest = text.substr(7);
  } else if (text.starts_with("https://")) {
    url.tls = true;
    rest = text.substr(8);
  } else {
    return invalid_argument("'" + std::string(text) + "' is not an http:// or https:// URL");
  }
  const std::size_t slash = rest.find('/');
  const std::string_view authority = rest.substr(0, slash);
  url.target = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  const std::size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos) {
    url.host = std::string(authority.substr(0, colon));
    url.port = std::string(authority.substr(colon + 1));
  } else {
    url.host = std::string(authority);
    url.port = url.tls ? "443" : "80";
  }
  if (url.host.size() > 2 && url.host.front() == '[' && url.host.back() == ']') {
    url.host = url.host.substr(1, url.host.size() - 2);
  }
  if (url.host.empty() || url.port.empty() || url.port.find_first_not_of("0123456789") != std::string::npos) {
    return invalid_argument("'" + std::string(text) + "' has no valid host and port");
  }
  return url;
}

Result<HttpResponse> http_request(std::string_view method, std::string_view url_text, const HttpHeaders& headers,
                                  std::string_view body, std::chrono::milliseconds timeout) {
  auto url = parse_http_url(url_text);
  if (!url.ok()) return url.status();
  asio::io_context io;
  asio::ip::tcp::resolver resolver(io);
  beast::error_code error;
  const auto endpoints = resolver.resolve(url->host, url->port, error);
  if (error) return transport_error(error, *url, "resolving");

  http::request<http::string_body> request(http::string_to_verb(beast::string_view(method.data(), method.size())),
                                           url->target, 11);
  request.set(http::field::host, url->host);
  request.set(http::field::user_agent, "cepheus");
  for (const auto& [name, value] : headers) request.set(name, value);
  request.body() = std::string(body);
  request.prepare_payload();

  if (!url->tls) {
    beast::tcp_stream stream(io);
    stream.expires_after(timeout);
    stream.connect(endpoints, error);
    if (error) return transport_error(error, *url, "connecting to");
    auto response = exchange(stream, *url, request);
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, error);
    return response;
  }
  asio::ssl::context tls = make_tls_client_context();
  beast::ssl_stream<beast::tcp_stream> stream(io, tls);
  expect_server_name(stream, url->host);
  beast::get_lowest_layer(stream).expires_after(timeout);
  beast::get_lowest_layer(stream).connect(endpoints, error);
  if (error) return transport_error(error, *url, "connecting to");
  stream.handshake(asio::ssl::stream_base::client, error);
  if (error) return transport_error(error, *url, "TLS handshake with");
  auto response = exchange(stream, *url, request);
  stream.shutdown(error);  // a peer that just closes is fine: we have the whole answer
  return response;
}

}  // namespace cepheus::host
