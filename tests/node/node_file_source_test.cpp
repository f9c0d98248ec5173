// The node reading `from file` sources: the integration project with its MQTT
// source replaced by a file, read once and exactly once, across a kill -9 in
// the middle of the file, a restart and a redeploy, in JSON lines and in CSV.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "cepheus/core/file.h"
#include "cepheus/core/json_value.h"
#include "cepheus/core/json_writer.h"
#include "node_harness.h"

namespace cepheus::test {
namespace {

const std::string kProject = std::string(CEPHEUS_SOURCE_DIR) + "/tests/data/node-project";

std::string temp_text(double temp) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", temp);
  return text;
}

// The integration project reading `file_name` instead of MQTT, with `readings`
// written into that file: JSON lines (a blank line now and then), or CSV whose
// header puts the columns in another order than the schema and quotes some cells.
std::string file_project(const std::string& dir, const std::vector<Reading>& readings, const std::string& file_name) {
  const std::string folder = dir + "/file-project";
  std::filesystem::create_directories(folder);
  std::string rules = read_file(kProject + "/rules.cep").value();
  const std::string mqtt = "from mqtt \"test/{device}/readings\" qos 1";
  const std::size_t at = rules.find(mqtt);
  EXPECT_NE(at, std::string::npos);
  rules.replace(at, mqtt.size(), "from file \"" + file_name + "\"");
  std::ofstream(folder + "/rules.cep") << rules;
  std::ofstream out(folder + "/" + file_name);
  const bool csv = file_name.ends_with(".csv");
  if (csv) out << "ts,temp,device\r\n";
  for (std::size_t i = 0; i < readings.size(); ++i) {
    const Reading& r = readings[i];
    if (csv) {
      out << r.ts << "," << temp_text(r.temp) << "," << (i % 2 ? "\"" + r.device + "\"" : r.device) << "\r\n";
    } else {
      out << "{\"device\":\"" << r.device << "\",\"temp\":" << temp_text(r.temp) << ",\"ts\":\"" << r.ts << "\"}\n";
      if (i % 1000 == 999) out << "\n";
    }
  }
  return folder;
}

struct FileProgress {
  std::int64_t read = 0;
  bool done = false;
  std::int64_t events = 0;  // events the source has taken in (the engine's counter, checkpointed with its state)
};

// What GET .../status says of the `readings` source and its file.
FileProgress file_progress(const Node& node, const std::string& deployment) {
  const auto answer = node.api("GET", "/api/v1/deployments/" + deployment + "/status");
  auto status = JsonValue::parse(answer.body);
  if (!status.ok() || !status->find("statements")) return {};
  for (const JsonValue& s : status->find("statements")->items()) {
    const JsonValue* file = s.find("file");
    if (s.find("name")->text() != "readings" || !file) continue;
    return {file->find("read")->as_int().value_or(0), file->find("done")->as_bool(),
            s.find("in")->as_int().value_or(0)};
  }
  return {};
}

TEST(NodeFileSource, IsReadOnceAcrossAKill9MidFileAndARestart) {
  TempDir dir;
  std::ofstream(dir.path + "/node.toml") << "checkpoint_interval = \"1s\"\n";
  Node node(dir.path + "/node", "", {"--config", dir.path + "/node.toml"});
  node.start();
  const auto readings = generate_readings(40, 60, 21);
  const auto expected = offline_alerts(kProject, readings, dir.path);
  deploy(node, file_project(dir.path, readings, "readings.jsonl"), "recorded");
  // The feed runs ahead of the pipeline: the kill leaves records in the intake
  // log that the inbox does not hold yet, and the feed starts again behind them.
  ASSERT_TRUE(eventually([&] { return file_progress(node, "recorded").read > 0; }, std::chrono::seconds(60)));
  ASSERT_FALSE(file_progress(node, "recorded").done) << "the feed finished before the kill; make the file longer";
  node.kill9();
  node.start();
  ASSERT_TRUE(eventually([&] { return file_progress(node, "recorded").done; }, std::chrono::seconds(120)))
      << "see " << node.log_path();
  EXPECT_EQ(file_progress(node, "recorded").events, static_cast<std::int64_t>(readings.size()));
  ASSERT_TRUE(alerts_settle(node, expected.size())) << "see " << node.log_path();
  EXPECT_EQ(node_alerts(node), expected);

  // A clean restart does not read the file again.
  EXPECT_EQ(node.stop(), 0);
  node.start();
  EXPECT_TRUE(file_progress(node, "recorded").done);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_EQ(node.metric("cepheus_file_records_total"), 0);
  EXPECT_EQ(node_alerts(node), expected);
}

TEST(NodeFileSource, ACsvFileIsReadByItsHeaderAndABadRecordIsADeadLetter) {
  TempDir dir;
  Node node(dir.path + "/node", "");
  node.start();
  auto readings = generate_readings(6, 10, 3);
  const auto expected = offline_alerts(kProject, readings, dir.path);
  const std::string project = file_project(dir.path, readings, "readings.csv");
  std::ofstream(project + "/readings.csv", std::ios::app) << "2026-11-20T23:59:59Z,hot,press-01\r\n";
  deploy(node, project, "recorded");
  ASSERT_TRUE(eventually([&] { return file_progress(node, "recorded").done; }, std::chrono::seconds(60)));
  ASSERT_TRUE(alerts_settle(node, expected.size())) << "see " << node.log_path();
  EXPECT_EQ(node_alerts(node), expected);
  EXPECT_EQ(node.metric("cepheus_file_records_total"), readings.size() + 1);
  EXPECT_EQ(node.metric("cepheus_dead_letters_total{reason=\"malformed\"}"), 1);
  const auto letters = node.api("GET", "/api/v1/deployments/recorded/dead-letters");
  EXPECT_NE(letters.body.find("file 'readings.csv'"), std::string::npos) << letters.body;
}

TEST(NodeFileSource, AProjectWithoutItsFileOrReadingOutsideItIsRefusedAndTheRunningVersionGoesOn) {
  TempDir dir;
  Node node(dir.path + "/node", "");
  node.start();
  const auto readings = generate_readings(2, 2, 1);
  deploy(node, file_project(dir.path, readings, "readings.jsonl"), "recorded");
  const std::string rules = read_file(dir.path + "/file-project/rules.cep").value();
  std::string body = "{\"name\":\"recorded\",\"files\":{\"rules.cep\":";
  append_json_string(body, rules);
  body += "}}";
  const auto refused = node.api("POST", "/api/v1/deployments", body);
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_NE(refused.body.find("source 'readings' reads 'readings.jsonl'"), std::string::npos) << refused.body;
  // Nor may a project read a file of the node's machine.
  std::string outside = rules;
  outside.replace(outside.find("\"readings.jsonl\""), 16, "\"/etc/hostname\"");
  body = "{\"name\":\"recorded\",\"files\":{\"rules.cep\":";
  append_json_string(body, outside);
  body += "}}";
  const auto outside_answer = node.api("POST", "/api/v1/deployments", body);
  EXPECT_EQ(outside_answer.status, 400) << outside_answer.body;
  EXPECT_NE(outside_answer.body.find("source 'readings' at rules.cep"), std::string::npos) << outside_answer.body;
  const auto shown = node.api("GET", "/api/v1/deployments/recorded");
  EXPECT_NE(shown.body.find("\"version\":1,\"state\":\"running\""), std::string::npos) << shown.body;
}

}  // namespace
}  // namespace cepheus::test
