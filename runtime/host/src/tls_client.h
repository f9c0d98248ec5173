// What every TLS client of cepheus::host sets up the same way: certificates
// checked against the system's authorities and the server's name (SNI and the
// name the certificate must carry). Private to the host library.
#pragma once

#include <string>

#include <boost/asio/ssl.hpp>

namespace cepheus::host {

inline boost::asio::ssl::context make_tls_client_context() {
  boost::asio::ssl::context tls(boost::asio::ssl::context::tls_client);
  tls.set_default_verify_paths();
  tls.set_verify_mode(boost::asio::ssl::verify_peer);
  return tls;
}

// `stream` is an asio/beast SSL stream not yet connected.
template <typename SslStream>
void expect_server_name(SslStream& stream, const std::string& host) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"  // OpenSSL's macro casts
  SSL_set_tlsext_host_name(stream.native_handle(), host.c_str());
#pragma GCC diagnostic pop
  stream.set_verify_callback(boost::asio::ssl::host_name_verification(host));
}

}  // namespace cepheus::host
