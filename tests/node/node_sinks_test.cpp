// The node's webhook sink against a real HTTP receiver on loopback: deliveries
// retried with backoff while the receiver fails, given up (and counted) after
// the last attempt, and not retried when the receiver refuses the request itself.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "node_harness.h"

namespace cepheus::test {
namespace {

// A project whose alert goes to `hook`; its readings come through ingest.
std::string webhook_project(const std::string& dir, const std::string& hook) {
  const std::string folder = dir + "/hooked";
  std::filesystem::create_directories(folder);
  std::ofstream(folder + "/rules.cep") << "schema Reading { device: string, temp: double, ts: timestamp }\n"
                                          "source readings: Reading from http \"/ingest/readings\" event time ts\n"
                                          "alert hot from readings\n"
                                          "  where temp > 80\n"
                                          "  severity high\n"
                                          "  message \"Device {device} at {temp}\"\n"
                                          "  to webhook \""
                                       << hook << "\"\n";
  return folder;
}

void ingest_one_hot_reading(const Node& node) {
  const auto answer = node.api("POST", "/api/v1/deployments/hooked/ingest/readings",
                               "{\"device\":\"press-01\",\"temp\":91.5,\"ts\":\"2026-11-20T08:00:00Z\"}\n");
  ASSERT_EQ(answer.status, 202) << answer.body;
}

TEST(NodeWebhooks, ADeliveryIsRetriedWithBackoffUntilTheReceiverTakesIt) {
  TempDir dir;
  HookReceiver receiver({503, 500, 200});
  Node node(dir.path + "/node", "");
  node.start();
  deploy(node, webhook_project(dir.path, receiver.url()), "hooked");
  ingest_one_hot_reading(node);
  ASSERT_TRUE(eventually([&] { return receiver.received().size() >= 3; }, std::chrono::seconds(20)))
      << "see " << node.log_path();
  const auto received = receiver.received();
  ASSERT_EQ(received.size(), 3u);
  EXPECT_EQ(received[0].second, received[2].second);  // the same alert each time
  EXPECT_NE(received[2].second.find("\"message\":\"Device press-01 at 91.5\""), std::string::npos)
      << received[2].second;
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  EXPECT_EQ(receiver.received().size(), 3u);  // delivered: no more tries
  EXPECT_EQ(node.metric("cepheus_publish_failures_total"), 0);
}

TEST(NodeWebhooks, ADeliveryIsGivenUpAfterFiveAttemptsOrAtOnceWhenRefused) {
  TempDir dir;
  HookReceiver failing({503});
  Node node(dir.path + "/node", "");
  node.start();
  deploy(node, webhook_project(dir.path, failing.url()), "hooked");
  ingest_one_hot_reading(node);
  // 250 ms + 500 ms + 1 s + 2 s between the five attempts.
  ASSERT_TRUE(eventually([&] { return node.metric("cepheus_publish_failures_total") == 1; }, std::chrono::seconds(30)))
      << "see " << node.log_path();
  EXPECT_EQ(failing.received().size(), 5u);

  HookReceiver refusing({400});
  deploy(node, webhook_project(dir.path, refusing.url()), "hooked");
  const auto answer = node.api("POST", "/api/v1/deployments/hooked/ingest/readings",
                               "{\"device\":\"press-02\",\"temp\":95,\"ts\":\"2026-11-20T08:01:00Z\"}\n");
  ASSERT_EQ(answer.status, 202) << answer.body;
  ASSERT_TRUE(eventually([&] { return node.metric("cepheus_publish_failures_total") == 2; }, std::chrono::seconds(20)))
      << "see " << node.log_path();
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  EXPECT_EQ(refusing.received().size(), 1u);
}

}  // namespace
}  // namespace cepheus::test
