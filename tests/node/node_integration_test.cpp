// cepheus-node as users run it: a real mosquitto, a real node process over a
// real socket, the `cepheus` command line. Loopback only.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include <gtest/gtest.h>
#include <mqtt/client.h>

#include "cepheus/core/file.h"
#include "cepheus/core/json_writer.h"
#include "node_harness.h"

namespace cepheus::test {
namespace {

const std::string kProject = std::string(CEPHEUS_SOURCE_DIR) + "/tests/data/node-project";
const std::string kTemplate = std::string(CEPHEUS_SOURCE_DIR) + "/templates/predictive-maintenance";

// Publishes every reading, then waits until the node has taken them all in.
void publish_all(Publisher& publisher, const std::vector<Reading>& readings, std::size_t from = 0,
                 std::size_t to = std::string::npos) {
  to = std::min(to, readings.size());
  for (std::size_t i = from; i < to; ++i) publisher.publish(topic_of(readings[i]), payload_of(readings[i]));
}

TEST(NodeIntegration, LiveAlertsEqualAnOfflineReplayOfTheSameEvents) {
  TempDir dir;
  Broker broker(dir.path);
  Node node(dir.path + "/node", broker.url());
  node.start();
  deploy(node, kProject, "presses");
  const auto readings = generate_readings(20, 10, 7);
  const auto expected = offline_alerts(kProject, readings, dir.path);
  ASSERT_GT(expected.size(), 5u);
  Publisher publisher(broker.url());
  publish_all(publisher, readings);
  ASSERT_TRUE(alerts_settle(node, expected.size())) << "see " << node.log_path();
  EXPECT_EQ(node_alerts(node), expected);
  EXPECT_EQ(node.metric("cepheus_events_in_total"), static_cast<double>(readings.size()));
  EXPECT_EQ(node.stop(), 0) << "SIGTERM must stop the node cleanly";
}

TEST(NodeIntegration, TheRunningExampleRaisesItsAlertThroughTheNode) {
  TempDir dir;
  Broker broker(dir.path);
  Node node(dir.path + "/node", broker.url());
  node.start();
  deploy(node, kTemplate, "maintenance");
  Publisher publisher(broker.url());
  std::ifstream messages(std::string(CEPHEUS_SOURCE_DIR) + "/tests/data/predictive-maintenance-live.tsv");
  std::string line;
  while (std::getline(messages, line)) {
    const std::size_t tab = line.find('\t');
    publisher.publish(line.substr(0, tab), line.substr(tab + 1));
  }
  ASSERT_TRUE(eventually(
      [&] {
        for (const std::string& a : node_alerts(node)) {
          if (a.find("\"rule\":\"overheated\"") != std::string::npos) return true;
        }
        return false;
      },
      std::chrono::seconds(30)));
  const auto alerts = node_alerts(node);
  const std::string all = alerts.empty() ? "" : alerts[0] + alerts.back();
  EXPECT_NE(all.find("Device press-01 overheated 3 times (peak 84.5)"), std::string::npos) << all;
}

TEST(NodeIntegration, EveryCallNeedsTheRightToken) {
  TempDir dir;
  Node node(dir.path + "/node", "");
  node.start();
  EXPECT_EQ(node.api("GET", "/api/v1/health", "", "").status, 401);
  EXPECT_EQ(node.api("GET", "/api/v1/health", "", "wrong-token").status, 401);
  EXPECT_EQ(node.api("GET", "/api/v1/deployments", "", std::string(Node::kToken) + "x").status, 401);
  EXPECT_EQ(node.api("GET", "/metrics", "", "").status, 401);
  const auto ok = node.api("GET", "/api/v1/health");
  EXPECT_EQ(ok.status, 200);
  EXPECT_NE(ok.body.find("\"status\":\"ok\""), std::string::npos);
}

// Sends raw bytes and returns the first line of the answer.
std::string raw_request(int port, const std::string& bytes) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) return "";
  (void)::write(fd, bytes.data(), bytes.size());
  char buffer[512] = {};
  const ssize_t n = ::read(fd, buffer, sizeof(buffer) - 1);
  ::close(fd);
  const std::string answer(buffer, n > 0 ? static_cast<std::size_t>(n) : 0);
  return answer.substr(0, answer.find("\r\n"));
}

TEST(NodeIntegration, OversizedAndMalformedRequestsGetA4xxAndTheNodeGoesOn) {
  TempDir dir;
  std::ofstream(dir.path + "/node.toml") << "# a small limit for the test\nmax_request_bytes = 4096\n";
  Node node(dir.path + "/node", "", {"--config", dir.path + "/node.toml"});
  node.start();
  const std::string big = "{\"name\":\"x\",\"files\":{\"a.cep\":\"" + std::string(10000, 'x') + "\"}}";
  EXPECT_EQ(node.api("POST", "/api/v1/deployments", big).status, 413);
  const auto not_json = node.api("POST", "/api/v1/deployments", "{not json");
  EXPECT_EQ(not_json.status, 400);
  EXPECT_NE(not_json.body.find("\"error\":\"request body: "), std::string::npos) << not_json.body;
  EXPECT_EQ(node.api("POST", "/api/v1/deployments", "{\"name\":\"../etc\",\"files\":{}}").status, 400);
  EXPECT_EQ(node.api("POST", "/api/v1/deployments", "{\"name\":\"a\",\"files\":{\"/etc/passwd\":\"\"}}").status, 400);
  EXPECT_EQ(node.api("GET", "/api/v1/alerts?limit=lots").status, 400);
  EXPECT_EQ(node.api("GET", "/api/v1/no-such-thing").status, 404);
  EXPECT_EQ(node.api("PUT", "/api/v1/deployments").status, 405);
  const int port = std::stoi(node.url().substr(node.url().rfind(':') + 1));
  EXPECT_EQ(raw_request(port, "THIS IS NOT HTTP\r\n\r\n").substr(0, 12), "HTTP/1.1 400");
  EXPECT_EQ(raw_request(port, "GET / HTTP/1.1\r\nX: " + std::string(20000, 'h') + "\r\n\r\n").substr(0, 12),
            "HTTP/1.1 431");
  EXPECT_EQ(node.api("GET", "/api/v1/health").status, 200) << "the node must go on";
}

TEST(NodeIntegration, ABadDeployIsRefusedWithDiagnosticsAndTheOldVersionRuns) {
  TempDir dir;
  Broker broker(dir.path);
  Node node(dir.path + "/node", broker.url());
  node.start();
  deploy(node, kProject, "presses");
  const std::string bad = "{\"name\":\"presses\",\"files\":{\"rules.cep\":\"stream a from b\\nstream b from a\\n\"}}";
  const auto refused = node.api("POST", "/api/v1/deployments", bad);
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("reads back from"), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("\"file\":\"rules.cep\""), std::string::npos) << refused.body;
  const auto status = node.api("GET", "/api/v1/deployments/presses");
  EXPECT_NE(status.body.find("\"version\":1,\"state\":\"running\""), std::string::npos) << status.body;
  // The old version still runs: events still raise alerts.
  const auto readings = generate_readings(3, 3, 11);
  const auto expected = offline_alerts(kProject, readings, dir.path);
  Publisher publisher(broker.url());
  publish_all(publisher, readings);
  ASSERT_TRUE(alerts_settle(node, expected.size()));
  EXPECT_EQ(node_alerts(node), expected);
}

TEST(NodeIntegration, MalformedPayloadsAreCountedAndDeadLetteredAndGoodOnesStillCount) {
  TempDir dir;
  Broker broker(dir.path);
  Node node(dir.path + "/node", broker.url());
  node.start();
  deploy(node, kProject, "presses");
  const auto readings = generate_readings(5, 4, 3);
  const auto expected = offline_alerts(kProject, readings, dir.path);
  const std::vector<std::string> bad = {"{not json",
                                        "{\"temp\":\"hot\",\"ts\":\"2026-11-26T08:00:00Z\"}",
                                        "{\"ts\":\"2026-11-26T08:00:00Z\"}",
                                        "{\"temp\":80,\"ts\":\"yesterday\"}",
                                        "[1,2,3]",
                                        "",
                                        std::string(200000, '{')};
  Publisher publisher(broker.url());
  constexpr int kBad = 10000;
  int sent_bad = 0;
  for (std::size_t i = 0; i < readings.size(); ++i) {
    publisher.publish(topic_of(readings[i]), payload_of(readings[i]));
    const int per_reading = kBad / static_cast<int>(readings.size()) + 1;
    for (int b = 0; b < per_reading && sent_bad < kBad; ++b, ++sent_bad) {
      publisher.publish("test/press-bad/readings", bad[static_cast<std::size_t>(sent_bad) % bad.size()]);
    }
  }
  ASSERT_TRUE(eventually([&] { return node.metric("cepheus_dead_letters_total{reason=\"malformed\"}") >= kBad; },
                         std::chrono::seconds(120)))
      << node.metric("cepheus_dead_letters_total{reason=\"malformed\"}");
  EXPECT_EQ(node.metric("cepheus_dead_letters_total{reason=\"malformed\"}"), kBad);
  ASSERT_TRUE(alerts_settle(node, expected.size()));
  EXPECT_EQ(node_alerts(node), expected);
  const auto letters = node.api("GET", "/api/v1/deployments/presses/dead-letters?limit=5");
  EXPECT_NE(letters.body.find("\"reason\":\"malformed\""), std::string::npos) << letters.body;
  EXPECT_TRUE(node.alive());
}

TEST(NodeIntegration, Kill9MidStreamThenRestartLosesNoAlertAndDuplicatesNone) {
  TempDir dir;
  Broker broker(dir.path);
  Node node(dir.path + "/node", broker.url(), {"--config", dir.path + "/node.toml"});
  std::ofstream(dir.path + "/node.toml") << "checkpoint_interval = \"1s\"\n";
  node.start();
  deploy(node, kProject, "presses");
  const auto readings = generate_readings(20, 12, 5);
  const auto expected = offline_alerts(kProject, readings, dir.path);
  Publisher publisher(broker.url());
  std::atomic<bool> done{false};
  std::thread feed([&] {
    publish_all(publisher, readings);
    done = true;
  });
  // Kill it twice while events flow, once right after a checkpoint may have run.
  ASSERT_TRUE(eventually([&] { return node.metric("cepheus_events_in_total") > 800; }, std::chrono::seconds(60)));
  node.kill9();
  node.start();
  ASSERT_TRUE(eventually([&] { return node.metric("cepheus_events_in_total") > 1200; }, std::chrono::seconds(60)));
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  node.kill9();
  node.start();
  feed.join();
  ASSERT_TRUE(alerts_settle(node, expected.size())) << "see " << node.log_path();
  std::this_thread::sleep_for(std::chrono::seconds(1));
  const auto alerts = node_alerts(node);
  EXPECT_TRUE(alerts == expected) << alert_difference(alerts, expected) << "\nsee " << node.log_path();
}

TEST(NodeIntegration, ABrokerRestartMidStreamLosesNothingAtQos1) {
  TempDir dir;
  Broker broker(dir.path);
  Node node(dir.path + "/node", broker.url());
  node.start();
  deploy(node, kProject, "presses");
  const auto readings = generate_readings(10, 8, 9);
  const auto expected = offline_alerts(kProject, readings, dir.path);
  Publisher publisher(broker.url());
  publish_all(publisher, readings, 0, readings.size() / 2);
  ASSERT_TRUE(eventually([&] { return node.metric("cepheus_events_in_total") >= readings.size() / 2; },
                         std::chrono::seconds(60)));
  broker.stop();
  broker.start();
  publish_all(publisher, readings, readings.size() / 2);
  ASSERT_TRUE(alerts_settle(node, expected.size())) << "see " << node.log_path();
  EXPECT_EQ(node_alerts(node), expected);
}

TEST(NodeIntegration, HotRedeployUnderLoadLosesNoEvent) {
  TempDir dir;
  Broker broker(dir.path);
  Node node(dir.path + "/node", broker.url());
  node.start();
  deploy(node, kProject, "presses");
  const auto readings = generate_readings(20, 10, 13);
  const auto expected = offline_alerts(kProject, readings, dir.path);
  Publisher publisher(broker.url());
  std::thread feed([&] { publish_all(publisher, readings); });
  for (int i = 0; i < 3; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    deploy(node, kProject, "presses");  // same rules: the state carries over
  }
  feed.join();
  ASSERT_TRUE(alerts_settle(node, expected.size()));
  EXPECT_EQ(node_alerts(node), expected);
  const auto shown = node.api("GET", "/api/v1/deployments/presses");
  EXPECT_NE(shown.body.find("\"version\":4"), std::string::npos) << shown.body;
}

// A file's text, or "" when it cannot be read.
std::string read_all(const std::string& path) {
  return read_file(path).value_or("");
}

TEST(NodeIntegration, TailFollowsTheEventsOfANamedStreamLive) {
  TempDir dir;
  Broker broker(dir.path);
  Node node(dir.path + "/node", broker.url());
  node.start();
  deploy(node, kProject, "presses");

  // A stream the deployment lacks: refused, with the streams it has.
  int code = -1;
  std::string out = run_cli({"tail", "--stream", "nope", "--node", node.url(), "--token", Node::kToken}, &code, true);
  EXPECT_EQ(code, 1) << out;
  EXPECT_NE(out.find("deployment 'presses' has no stream 'nope'; its streams: readings, hot_streak, per_minute"),
            std::string::npos)
      << out;
  out =
      run_cli({"tail", "--alerts", "--stream", "readings", "--node", node.url(), "--token", Node::kToken}, &code, true);
  EXPECT_EQ(code, 2) << out;
  EXPECT_NE(out.find("say what to follow: --alerts or --stream NAME (one of them)"), std::string::npos) << out;

  // The node runs one deployment, so --deployment may be left out.
  const std::string log = dir.path + "/tail.log";
  Process tail({CEPHEUS_CLI_BINARY, "tail", "--stream", "readings", "--count", "3", "--node", node.url(), "--token",
                Node::kToken},
               log);
  Publisher publisher(broker.url());
  const auto readings = generate_readings(3, 2, 5);
  std::size_t sent = 0;
  // The tap opens a moment after the command starts: publish until it has printed three.
  ASSERT_TRUE(eventually(
      [&] {
        if (sent < readings.size()) {
          publisher.publish(topic_of(readings[sent]), payload_of(readings[sent]));
          ++sent;
        }
        return !tail.alive();
      },
      std::chrono::seconds(30)))
      << read_all(log);
  const std::string printed = read_all(log);
  std::size_t lines = 0;
  for (std::size_t at = printed.find("{\"deployment\":\"presses\",\"stream\":\"readings\",\"event\":{\"device\":");
       at != std::string::npos; at = printed.find("{\"deployment\":\"presses\",\"stream\":\"readings\"", at + 1))
    ++lines;
  EXPECT_EQ(lines, 3u) << printed;
}

// The retained message of `topic` on a broker, as a new subscriber gets it ("" after `wait` without).
std::string retained_message(const std::string& broker_url, const std::string& topic,
                             std::chrono::seconds wait = std::chrono::seconds(10)) {
  mqtt::client client(broker_url, "cepheus-test-retained-" + std::to_string(::getpid()));
  client.connect(mqtt::connect_options_builder().clean_session(true).finalize());
  client.subscribe(topic, 1);
  mqtt::const_message_ptr message;
  const bool got = client.try_consume_message_for(&message, wait);
  client.disconnect();
  return got && message && message->is_retained() ? message->to_string() : "";
}

TEST(NodeIntegration, AlertsPublishRetainedOnANamedBroker) {
  TempDir dir;
  std::filesystem::create_directories(dir.path + "/plant-broker");
  std::filesystem::create_directories(dir.path + "/cloud-broker");
  Broker plant(dir.path + "/plant-broker");
  Broker cloud(dir.path + "/cloud-broker");
  const std::string config = dir.path + "/node.toml";
  std::ofstream(config) << "[brokers.cloud]\nurl = \"" << cloud.url() << "\"\n";
  Node node(dir.path + "/node", plant.url(), {"--config", config});
  node.start();
  ASSERT_TRUE(eventually(
      [&] { return node.api("GET", "/api/v1/health").body.find("\"cloud\":\"connected\"") != std::string::npos; },
      std::chrono::seconds(20)))
      << node.api("GET", "/api/v1/health").body;
  const std::string project = dir.path + "/project";
  std::filesystem::create_directories(project);
  std::ofstream(project + "/rules.cep")
      << "schema Reading { device: string, temp: double, ts: timestamp }\n"
         "source readings: Reading from mqtt \"test/{device}/readings\" event time ts\n"
         "alert hot from readings where temp > 90 severity high message \"{device} at {temp}\"\n"
         "  to mqtt \"state/{device}/hot\" retain broker cloud, journal\n";
  deploy(node, project, "cloud-alerts");
  Publisher publisher(plant.url());
  publisher.publish("test/press-01/readings", R"({"device":"press-01","temp":95.5,"ts":"2026-11-20T08:00:00Z"})");
  ASSERT_TRUE(alerts_settle(node, 1)) << "see " << node.log_path();
  // Subscribed after the alert: only a retained message on the cloud broker reaches it.
  const std::string message = retained_message(cloud.url(), "state/press-01/hot");
  EXPECT_NE(message.find("\"message\":\"press-01 at 95.5\""), std::string::npos) << message;
  // A broker hands a retained message over with the subscription: a second is plenty.
  EXPECT_EQ(retained_message(plant.url(), "state/press-01/hot", std::chrono::seconds(1)), "")
      << "not on the default broker";

  // A target on a broker the node lacks: the deploy is refused and the running version stays.
  std::ofstream(project + "/rules.cep", std::ios::app) << "sink copy from readings to mqtt \"c\" broker edge\n";
  int code = -1;
  const std::string out = run_cli(
      {"deploy", project, "--node", node.url(), "--token", Node::kToken, "--name", "cloud-alerts"}, &code, true);
  EXPECT_EQ(code, 1) << out;
  EXPECT_NE(out.find("sink 'copy' publishes to broker 'edge', which this node does not have"), std::string::npos)
      << out;
  EXPECT_NE(node.api("GET", "/api/v1/deployments/cloud-alerts").body.find("\"version\":1"), std::string::npos);
}

TEST(NodeIntegration, ARedeployKeepsTheStateOfTheStatementsItDidNotChange) {
  TempDir dir;
  Broker broker(dir.path);
  Node node(dir.path + "/node", broker.url());
  node.start();
  deploy(node, kProject, "presses");
  Publisher publisher(broker.url());
  // Two of the three hot readings hot_streak needs, then a new version in which only warm_minute changed.
  publisher.publish("test/p1/readings", R"({"device":"p1","temp":81,"ts":"2026-11-20T08:00:00Z"})");
  publisher.publish("test/p1/readings", R"({"device":"p1","temp":82,"ts":"2026-11-20T08:00:10Z"})");
  ASSERT_TRUE(eventually([&] { return node.metric("cepheus_events_in_total") == 2; }, std::chrono::seconds(20)));
  std::string rules = read_all(kProject + "/rules.cep");
  const std::size_t at = rules.find("where avg_temp > 78");
  ASSERT_NE(at, std::string::npos);
  rules.replace(at, 19, "where avg_temp > 77");
  const auto answer =
      node.api("POST", "/api/v1/deployments", R"({"name":"presses","files":{"rules.cep":)" + json_quoted(rules) + "}}");
  ASSERT_EQ(answer.status, 201) << answer.body;
  EXPECT_NE(answer.body.find(R"("state_carried":true)"), std::string::npos) << answer.body;
  EXPECT_NE(answer.body.find(R"("started_empty":["warm_minute"])"), std::string::npos) << answer.body;
  EXPECT_NE(answer.body.find(R"("hot_streak")"), std::string::npos) << answer.body;
  EXPECT_NE(answer.body.find("new or changed, so these start with empty state: warm_minute"), std::string::npos)
      << answer.body;
  // The third hot reading completes the match that the first version began.
  publisher.publish("test/p1/readings", R"({"device":"p1","temp":83,"ts":"2026-11-20T08:00:20Z"})");
  ASSERT_TRUE(eventually(
      [&] {
        for (const std::string& a : node_alerts(node))
          if (a.find("Device p1 overheated 3 times (peak 83)") != std::string::npos) return true;
        return false;
      },
      std::chrono::seconds(20)))
      << "see " << node.log_path();
}

TEST(NodeIntegration, CsvPayloadsAndIngestedCsvLinesAreDecodedByTheSourceFormat) {
  TempDir dir;
  Broker broker(dir.path);
  Node node(dir.path + "/node", broker.url());
  node.start();
  const std::string project = dir.path + "/project";
  std::filesystem::create_directories(project);
  std::ofstream(project + "/rules.cep")
      << "schema Reading { device: string, temp: double, ts: timestamp }\n"
         "source readings: Reading from mqtt \"csv/{device}/readings\" format csv event time ts\n"
         "alert hot from readings where temp > 90 message \"{device} at {temp}\"\n";
  deploy(node, project, "csv");
  Publisher publisher(broker.url());
  publisher.publish("csv/press-01/readings", "95.5,2026-11-20T08:00:00Z");  // the topic gives the device
  publisher.publish("csv/press-02/readings", "hot,2026-11-20T08:00:01Z");
  // Both taken before the ingest, whose later event time would make them late.
  ASSERT_TRUE(
      eventually([&] { return node.metric("cepheus_messages_received_total") >= 2; }, std::chrono::seconds(20)));
  ASSERT_TRUE(eventually([&] { return node.metric("cepheus_events_in_total") >= 1; }, std::chrono::seconds(20)));
  // An ingested line has no topic: it has a column for every field.
  const auto answer =
      node.api("POST", "/api/v1/deployments/csv/ingest/readings", "press-03,97,2026-11-20T08:00:02Z\npress-04,91.5\n");
  EXPECT_EQ(answer.status, 202) << answer.body;
  ASSERT_TRUE(alerts_settle(node, 2)) << "see " << node.log_path();
  const std::vector<std::string> alerts = node_alerts(node);
  ASSERT_EQ(alerts.size(), 2u);
  EXPECT_NE(alerts[0].find("\"message\":\"press-01 at 95.5\""), std::string::npos) << alerts[0];
  EXPECT_NE(alerts[1].find("\"message\":\"press-03 at 97\""), std::string::npos) << alerts[1];
  ASSERT_TRUE(eventually([&] { return node.metric("cepheus_dead_letters_total{reason=\"malformed\"}") == 2; },
                         std::chrono::seconds(20)));
  const auto letters = node.api("GET", "/api/v1/deployments/csv/dead-letters");
  EXPECT_NE(letters.body.find(R"(column 'temp' (1): \"hot\" is not a double)"), std::string::npos) << letters.body;
  EXPECT_NE(letters.body.find("the CSV payload has 2 column(s); expected 3: device, temp, ts"), std::string::npos)
      << letters.body;
}

}  // namespace
}  // namespace cepheus::test
