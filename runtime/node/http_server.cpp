#include "http_server.h"

#include <sys/socket.h>
#include <sys/time.h>

#include <atomic>
#include <list>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "cepheus/core/json_writer.h"
#include "cepheus/core/log.h"

namespace cepheus::node {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

constexpr int kMaxConnections = 64;
constexpr int kIdleSeconds = 30;  // a client silent this long mid-request or between requests is dropped
constexpr std::uint32_t kMaxHeaderBytes = 16 * 1024;

std::string json_error(std::string_view message) {
  std::string body = "{\"error\":";
  append_json_string(body, message);
  return body + "}";
}

// Socket-level timeouts: the synchronous reads and writes of a session give up
// instead of waiting forever on a client that went quiet.
void set_timeouts(tcp::socket& socket, int seconds) {
  timeval tv{seconds, 0};
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

class BeastServer final : public HttpServer {
 public:
  BeastServer(const Settings& settings, Routes routes) : settings_(settings), routes_(std::move(routes)) {}

  ~BeastServer() override { stop(); }

  Status listen() {
    const std::size_t colon = settings_.listen.rfind(':');
    std::string host = settings_.listen.substr(0, colon);
    if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
    const std::string port = settings_.listen.substr(colon + 1);
    beast::error_code error;
    tcp::resolver resolver(io_);
    const auto endpoints = resolver.resolve(host.empty() ? "0.0.0.0" : host, port, error);
    if (error || endpoints.empty()) {
      return invalid_argument("--listen " + settings_.listen + ": " + (error ? error.message() : "no address"));
    }
    const tcp::endpoint endpoint = endpoints.begin()->endpoint();
    acceptor_.open(endpoint.protocol(), error);
    if (!error) acceptor_.set_option(asio::socket_base::reuse_address(true), error);
    if (!error) acceptor_.bind(endpoint, error);
    if (!error) acceptor_.listen(asio::socket_base::max_listen_connections, error);
    if (error) return io_error("cannot listen on " + settings_.listen + ": " + error.message());
    if (!settings_.tls_cert_file.empty()) {
      tls_.emplace(asio::ssl::context::tls_server);
      tls_->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                        asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1);
      tls_->use_certificate_chain_file(settings_.tls_cert_file, error);
      if (error) return invalid_argument("TLS certificate " + settings_.tls_cert_file + ": " + error.message());
      tls_->use_private_key_file(settings_.tls_key_file, asio::ssl::context::pem, error);
      if (error) return invalid_argument("TLS key " + settings_.tls_key_file + ": " + error.message());
    }
    const tcp::endpoint bound = acceptor_.local_endpoint();
    address_ = (bound.address().is_v6() ? "[" + bound.address().to_string() + "]" : bound.address().to_string()) + ":" +
               std::to_string(bound.port());
    acceptor_thread_ = std::thread([this] { accept_loop(); });
    return {};
  }

  std::string address() const override { return address_; }

  void stop() override {
    if (stopped_.exchange(true)) return;
    beast::error_code ignored;
    acceptor_.cancel(ignored);
    ::shutdown(acceptor_.native_handle(), SHUT_RDWR);
    acceptor_.close(ignored);
    if (acceptor_thread_.joinable()) acceptor_thread_.join();
    std::list<std::thread> sessions;
    {
      std::lock_guard lock(mutex_);
      for (int fd : open_sockets_) ::shutdown(fd, SHUT_RDWR);  // wakes blocked reads and writes
      sessions.swap(sessions_);
    }
    for (std::thread& t : sessions) t.join();
  }

 private:
  void accept_loop() {
    while (!stopped_) {
      tcp::socket socket(io_);
      beast::error_code error;
      acceptor_.accept(socket, error);
      if (error) {
        if (stopped_) return;
        continue;
      }
      std::lock_guard lock(mutex_);
      reap_finished();
      if (static_cast<int>(open_sockets_.size()) >= kMaxConnections) {
        socket.close(error);  // too many clients at once: refuse rather than queue
        continue;
      }
      open_sockets_.insert(socket.native_handle());
      sessions_.emplace_back([this, s = std::move(socket)]() mutable { session(std::move(s)); });
    }
  }

  // Joins session threads that have ended (called with mutex_ held).
  void reap_finished() {
    for (auto it = sessions_.begin(); it != sessions_.end();) {
      if (finished_.count(it->get_id())) {
        finished_.erase(it->get_id());
        it->join();
        it = sessions_.erase(it);
      } else {
        ++it;
      }
    }
  }

  void session(tcp::socket socket) {
    const int fd = socket.native_handle();
    set_timeouts(socket, kIdleSeconds);
    beast::error_code error;
    if (tls_) {
      beast::ssl_stream<tcp::socket> stream(std::move(socket), *tls_);
      stream.handshake(asio::ssl::stream_base::server, error);
      if (!error) serve(stream);
      stream.shutdown(error);
      beast::get_lowest_layer(stream).close(error);
    } else {
      serve(socket);
      socket.shutdown(tcp::socket::shutdown_both, error);
      socket.close(error);
    }
    std::lock_guard lock(mutex_);
    open_sockets_.erase(fd);
    finished_.insert(std::this_thread::get_id());
  }

  template <typename Stream>
  void serve(Stream& stream) {
    beast::flat_buffer buffer;
    while (!stopped_) {
      http::request_parser<http::string_body> parser;
      parser.header_limit(kMaxHeaderBytes);
      parser.body_limit(settings_.max_body_bytes);
      beast::error_code error;
      http::read(stream, buffer, parser, error);
      if (error == http::error::end_of_stream || error == asio::error::eof || error == asio::error::connection_reset) {
        return;
      }
      if (error == http::error::body_limit) {
        reply(stream, false, 413,
              json_error("the request body is larger than the node accepts (" +
                         std::to_string(settings_.max_body_bytes) + " bytes; max_request_bytes in the config)"));
        return;
      }
      if (error == http::error::header_limit) {
        reply(stream, false, 431, json_error("the request's header is larger than 16 KiB"));
        return;
      }
      if (error) {
        if (error != beast::error::timeout && error != asio::error::would_block && error != asio::error::try_again) {
          reply(stream, false, 400, json_error("malformed HTTP request: " + error.message()));
        }
        return;
      }
      http::request<http::string_body> request = parser.release();
      HttpRequestData data{std::string(request.method_string()),
                           std::string(request.target()),
                           std::string(request[http::field::authorization]),
                           std::string(request[http::field::content_type]),
                           std::move(request.body()),
                           websocket::is_upgrade(request)};
      if (data.websocket && routes_.upgrade) {
        std::unique_ptr<WebSocketFeed> feed;
        const HttpAnswer refusal = routes_.upgrade(data, feed);
        if (!feed) {
          reply(stream, false, refusal.status, refusal.body);
          return;
        }
        stream_feed(stream, request, *feed);
        return;
      }
      const HttpAnswer answer = routes_.handle(data);
      const bool keep_alive = request.keep_alive();
      if (!reply(stream, keep_alive, answer.status, answer.body, answer.content_type) || !keep_alive) return;
    }
  }

  template <typename Stream>
  bool reply(Stream& stream, bool keep_alive, int status, const std::string& body,
             const std::string& content_type = "application/json") {
    http::response<http::string_body> response(static_cast<http::status>(status), 11);
    response.set(http::field::server, "cepheus-node");
    response.set(http::field::content_type, content_type);
    response.keep_alive(keep_alive);
    response.body() = body;
    response.prepare_payload();
    beast::error_code error;
    http::write(stream, response, error);
    return !error;
  }

  template <typename Stream>
  void stream_feed(Stream& stream, const http::request<http::string_body>& request, WebSocketFeed& feed) {
    websocket::stream<Stream&> ws(stream);
    beast::error_code error;
    ws.accept(request, error);
    if (error) return;
    ws.text(true);
    std::string message;
    while (!stopped_) {
      message.clear();
      if (!feed.next(message)) break;
      if (message.empty()) {
        ws.ping({}, error);  // quiet: is the client still there?
      } else {
        ws.write(asio::buffer(message), error);
      }
      if (error) return;
    }
    ws.close(websocket::close_code::normal, error);
  }

  Settings settings_;
  Routes routes_;
  asio::io_context io_;
  tcp::acceptor acceptor_{io_};
  std::optional<asio::ssl::context> tls_;
  std::string address_;
  std::atomic<bool> stopped_{false};
  std::thread acceptor_thread_;
  std::mutex mutex_;
  std::list<std::thread> sessions_;
  std::set<int> open_sockets_;
  std::set<std::thread::id> finished_;
};

}  // namespace

Result<std::unique_ptr<HttpServer>> HttpServer::start(const Settings& settings, Routes routes) {
  auto server = std::make_unique<BeastServer>(settings, std::move(routes));
  CEPHEUS_RETURN_IF_ERROR(server->listen());
  return std::unique_ptr<HttpServer>(std::move(server));
}

}  // namespace cepheus::node
