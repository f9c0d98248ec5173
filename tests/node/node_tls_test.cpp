// The node's TLS, with certificates made for the test by openssl: the control
// API over HTTPS (and only HTTPS), and the node reading a broker over TLS with
// a user name and password, against a real mosquitto that wants both.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "cepheus/core/file.h"
#include "node_harness.h"

namespace cepheus::test {
namespace {

const std::string kProject = std::string(CEPHEUS_SOURCE_DIR) + "/tests/data/node-project";

// Clients of this process and its children trust `ca` while it lives.
class TrustedAuthority {
 public:
  explicit TrustedAuthority(const std::string& ca) { ::setenv("SSL_CERT_FILE", ca.c_str(), 1); }
  ~TrustedAuthority() { ::unsetenv("SSL_CERT_FILE"); }
};

TEST(NodeTls, TheControlApiSpeaksHttpsWithTheConfiguredCertificateAndNothingElse) {
  TempDir dir;
  const TestCertificates certificates = make_test_certificates(dir.path);
  Node node(dir.path + "/node", "", {"--tls-cert", certificates.cert, "--tls-key", certificates.key});
  {
    TrustedAuthority trust(certificates.ca);
    node.start();
    ASSERT_EQ(node.url().substr(0, 8), "https://");
    EXPECT_EQ(node.api("GET", "/api/v1/health").status, 200);
    EXPECT_EQ(node.api("GET", "/api/v1/health", "", "wrong-token").status, 401);
    int code = -1;
    const std::string out = run_cli({"status", "--node", node.url(), "--token", Node::kToken}, &code, true);
    EXPECT_EQ(code, 0) << out;
  }
  // Without the authority, a client refuses the node's certificate.
  const auto untrusted =
      host::http_request("GET", node.url() + "/api/v1/health",
                         {{"Authorization", std::string("Bearer ") + Node::kToken}}, "", std::chrono::seconds(5));
  ASSERT_FALSE(untrusted.ok());
  EXPECT_NE(untrusted.status().message().find("certificate"), std::string::npos) << untrusted.status().message();
  // Plain HTTP on the same port gets no answer that a client could take.
  const std::string plain = "http://" + node.url().substr(8);
  const auto cleartext = host::http_request("GET", plain + "/api/v1/health", {}, "", std::chrono::seconds(5));
  EXPECT_TRUE(!cleartext.ok() || cleartext->status != 200);
  EXPECT_TRUE(node.alive());
}

std::string mqtt_config(const std::string& path, const Broker& broker, const TestCertificates& certificates,
                        const std::string& password) {
  std::ofstream(path) << "[mqtt]\nurl = \"" << broker.tls_url() << "\"\nusername = \"cepheus\"\npassword = \""
                      << password << "\"\nca_file = \"" << certificates.ca << "\"\n";
  return path;
}

bool connected(const Node& node) {
  return node.api("GET", "/api/v1/health").body.find("\"default\":\"connected\"") != std::string::npos;
}

TEST(NodeTls, TheNodeReadsABrokerOverTlsWithAUserNameAndPassword) {
  TempDir dir;
  const TestCertificates certificates = make_test_certificates(dir.path);
  const BrokerTlsListener listener{certificates, "cepheus", "s3cret-pass"};
  Broker broker(dir.path, &listener);
  Node node(dir.path + "/node", "",
            {"--config", mqtt_config(dir.path + "/node.toml", broker, certificates, "s3cret-pass")});
  node.start();
  ASSERT_TRUE(eventually([&] { return connected(node); }, std::chrono::seconds(20))) << "see " << node.log_path();
  deploy(node, kProject, "presses");
  const auto readings = generate_readings(5, 4, 7);
  const auto expected = offline_alerts(kProject, readings, dir.path);
  Publisher publisher(broker.url());  // the open listener: the test is not what is under test
  for (const Reading& r : readings) publisher.publish(topic_of(r), payload_of(r));
  ASSERT_TRUE(alerts_settle(node, expected.size())) << "see " << node.log_path();
  EXPECT_EQ(node_alerts(node), expected);

  // A wrong password never connects, and the node says why and stays up.
  Node refused(dir.path + "/refused", "",
               {"--config", mqtt_config(dir.path + "/refused.toml", broker, certificates, "wrong")});
  refused.start();
  std::this_thread::sleep_for(std::chrono::seconds(3));
  EXPECT_FALSE(connected(refused));
  EXPECT_TRUE(refused.alive());
  const std::string log = read_file(refused.log_path()).value_or("");
  EXPECT_NE(log.find("broker not reachable; retrying"), std::string::npos) << log;
  EXPECT_NE(log.find("check the user name and password"), std::string::npos) << log;
}

}  // namespace
}  // namespace cepheus::test
