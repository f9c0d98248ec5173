// The node's parts on their own: settings, the intake log, the store.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "cepheus/host/file_sources.h"
#include "cepheus/host/mqtt_sources.h"
#include "file_feeds.h"
#include "intake_log.h"
#include "node_harness.h"
#include "node_identity.h"
#include "node_options.h"
#include "node_store.h"
#include "plan_for_test.h"
#include "redelivery_filter.h"
#include "stream_taps.h"

namespace cepheus::node {
namespace {

TEST(NodeOptions, FlagsWinOverTheEnvironmentWhichWinsOverTheConfigFile) {
  test::TempDir dir;
  std::ofstream(dir.path + "/node.toml")
      << "listen = \"127.0.0.1:9000\"\ndata_dir = \"/var/x\"\ntoken = \"from-file\"\n"
         "checkpoint_interval = \"2s\"\n[mqtt]\nurl = \"tcp://a:1883\"\n"
         "[brokers.plant]\nurl = \"ssl://plant:8883\"\nversion = 5\n";
  bool help = false;
  auto options =
      parse_node_options({"--config", dir.path + "/node.toml", "--listen", "0.0.0.0:7000"}, "from-env", help);
  ASSERT_TRUE(options.ok()) << options.status().message();
  EXPECT_EQ(options->listen, "0.0.0.0:7000");
  EXPECT_EQ(options->data_dir, "/var/x");
  EXPECT_EQ(options->token, "from-env");
  EXPECT_EQ(options->checkpoint_interval, Duration::seconds(2));
  EXPECT_EQ(options->mqtt->url, "tcp://a:1883");
  EXPECT_EQ(options->brokers.at("plant").url, "ssl://plant:8883");
  EXPECT_EQ(options->brokers.at("plant").mqtt_version, 5);
  auto flagged = parse_node_options({"--config", dir.path + "/node.toml", "--token", "from-flag"}, "from-env", help);
  EXPECT_EQ(flagged->token, "from-flag");
}

TEST(NodeOptions, ConfigMistakesNameTheFileLineAndWhy) {
  test::TempDir dir;
  const std::string path = dir.path + "/node.toml";
  bool help = false;
  std::ofstream(path) << "data_dir = \"/x\"\n\nlisten_adress = \"a:1\"\n";
  auto typo = parse_node_options({"--config", path}, nullptr, help);
  EXPECT_EQ(typo.status().message(), path + ":3: unknown setting 'listen_adress' (see cepheus-node --help)");
  std::ofstream(path) << "data_dir = 7\n";
  EXPECT_EQ(parse_node_options({"--config", path}, nullptr, help).status().message(),
            path + ":1: 'data_dir' must be a string, not an integer");
  std::ofstream(path) << "data_dir = \"/x\"\n[brokers.plant]\nurl = \"http://x\"\n";
  EXPECT_NE(parse_node_options({"--config", path}, nullptr, help).status().message().find("is not a broker URL"),
            std::string::npos);
  std::ofstream(path) << "data_dir = \"/x\"\njournal_limit = 10\n";
  EXPECT_NE(parse_node_options({"--config", path}, nullptr, help).status().message().find("journal_limit"),
            std::string::npos);
  std::ofstream(path) << "data_dir = \"/x\"\njournal_limit = 5000\n";
  EXPECT_EQ(parse_node_options({"--config", path}, nullptr, help)->journal_limit, 5000u);
  EXPECT_EQ(parse_node_options({}, nullptr, help).status().message(),
            "give the data folder: --data-dir DIR (or data_dir in --config)");
  EXPECT_EQ(parse_node_options({"--data-dir", "/x", "--listen", "7000"}, nullptr, help).status().message(),
            "--listen takes HOST:PORT (such as 127.0.0.1:7878), not '7000'");
}

TEST(NodeIdentity, TheGeneratedTokenIsPrivateAndKeptAndComparedInFull) {
  test::TempDir dir;
  bool created = false;
  auto token = load_or_create_token(dir.path, created);
  ASSERT_TRUE(token.ok());
  EXPECT_TRUE(created);
  EXPECT_EQ(token->size(), 64u);
  EXPECT_EQ(std::filesystem::status(dir.path + "/token").permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  auto again = load_or_create_token(dir.path, created);
  EXPECT_FALSE(created);
  EXPECT_EQ(*again, *token);
  ::chmod((dir.path + "/token").c_str(), 0644);
  EXPECT_EQ(load_or_create_token(dir.path, created).status().code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(same_secret("abc", "abc"));
  EXPECT_FALSE(same_secret("abd", "abc"));
  EXPECT_FALSE(same_secret("ab", "abc"));
  EXPECT_FALSE(same_secret("abcd", "abc"));
}

TEST(IntakeLog, RecordsSurviveAndATornTailIsIgnored) {
  test::TempDir dir;
  IntakeQueue queue(100);
  {
    auto log = IntakeLog::open(dir.path + "/intake", 0);
    ASSERT_TRUE(log.ok());
    for (int i = 0; i < 5; ++i) {
      ASSERT_TRUE((*log)->accept({"mqtt:", "t/" + std::to_string(i), "{\"n\":" + std::to_string(i) + "}", i}, queue));
    }
  }
  // A kill in the middle of a write leaves half a record.
  const auto file = std::filesystem::directory_iterator(dir.path + "/intake")->path();
  std::ofstream(file, std::ios::app) << std::string("\x40\x00\x00\x00\x06", 5);
  auto reopened = IntakeLog::open(dir.path + "/intake", 2);
  ASSERT_TRUE(reopened.ok());
  auto after = (*reopened)->records_after(2);
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->size(), 3u);
  EXPECT_EQ((*after)[0].intake_seq, 3u);
  EXPECT_EQ((*after)[0].topic, "t/2");
  EXPECT_EQ((*after)[2].payload, "{\"n\":4}");
  // Numbering goes on after what is on disk.
  ASSERT_TRUE((*reopened)->accept({"mqtt:", "t/5", "{}", 5}, queue));
  std::vector<IncomingMessage> batch;
  queue.pop_batch(batch, 100, std::chrono::milliseconds(0));
  EXPECT_EQ(batch.back().intake_seq, 6u);
  // Files wholly in the inbox go.
  (*reopened)->release_up_to(5);
  auto left = (*reopened)->records_after(0);
  ASSERT_EQ(left->size(), 1u);
  EXPECT_EQ((*left)[0].intake_seq, 6u);
}

TEST(IntakeLog, AFullQueueRefusesAndWritesNothing) {
  test::TempDir dir;
  IntakeQueue queue(1);
  auto log = IntakeLog::open(dir.path, 0);
  EXPECT_TRUE((*log)->accept({"mqtt:", "a", "1", 0}, queue));
  EXPECT_FALSE((*log)->accept({"mqtt:", "b", "2", 0}, queue));
  EXPECT_EQ((*log)->records_after(0)->size(), 1u);
}

TEST(IntakeLog, RecordsKeepTheirPacketIdAndFilesOfTheFirstFormatAreStillRead) {
  test::TempDir dir;
  std::filesystem::create_directories(dir.path + "/intake");
  // A file as the first format wrote it: no magic, no packet id.
  std::string old;
  for (const std::uint64_t seq : {1, 2}) {
    const std::string body = std::string("\0\0\0\0\0\0\0\0", 8) + std::string("\x07\0\0\0\0\0\0\0", 8) +
                             std::string("\x05\0", 2) + "mqtt:" + std::string("\x01\0\0\0", 4) + "t" + "{}";
    std::string record = std::string(1, static_cast<char>(body.size())) + std::string(3, '\0') + body;
    record[4] = static_cast<char>(seq);
    old += record;
  }
  std::ofstream(dir.path + "/intake/00000000000000000001.log", std::ios::binary) << old;
  IntakeQueue queue(100);
  auto log = IntakeLog::open(dir.path + "/intake", 0);
  ASSERT_TRUE(log.ok());
  IncomingMessage with_id{"mqtt:", "t", "{\"n\":3}", 9};
  with_id.packet_id = 65535;
  ASSERT_TRUE((*log)->accept(std::move(with_id), queue));
  ASSERT_TRUE((*log)->accept({"http:d/s", "", "{\"n\":4}", 10}, queue));
  const auto all = (*log)->records_after(0);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 4u);
  EXPECT_EQ((*all)[1].intake_seq, 2u);
  EXPECT_EQ((*all)[1].packet_id, 0);
  EXPECT_EQ((*all)[1].received_ns, 7);
  EXPECT_EQ((*all)[2].intake_seq, 3u);
  EXPECT_EQ((*all)[2].packet_id, 65535);
  EXPECT_EQ((*all)[3].channel, "http:d/s");
  const auto last = (*log)->last_of_channel("mqtt:", 2);
  ASSERT_TRUE(last.ok());
  ASSERT_EQ(last->size(), 2u);
  EXPECT_EQ((*last)[0].intake_seq, 2u);
  EXPECT_EQ((*last)[1].payload, "{\"n\":3}");
}

TEST(IntakeLog, ARecordTornAsTheFirstOfItsFileHidesNothingWrittenAfterIt) {
  test::TempDir dir;
  IntakeQueue queue(100);
  std::string file;
  {
    auto log = IntakeLog::open(dir.path, 0);
    ASSERT_TRUE(log.ok());
    file = std::filesystem::directory_iterator(dir.path)->path().string();
  }
  // The run was killed in the middle of its first write; the next run's file
  // has the same name, since it begins with the same sequence number.
  std::ofstream(file, std::ios::app) << std::string("\x40\x00\x00\x00\x01\x00", 6);
  auto reopened = IntakeLog::open(dir.path, 0);
  ASSERT_TRUE(reopened.ok());
  ASSERT_TRUE((*reopened)->accept({"mqtt:", "t", "{}", 1}, queue));
  const auto all = (*reopened)->records_after(0);
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].intake_seq, 1u);
}

DeliveryIdentity identity(std::uint16_t packet_id, const std::string& payload) {
  return DeliveryIdentity::of(packet_id, "plant/p1/readings", payload);
}

TEST(RedeliveryFilter, TheFirstDeliveryAfterAStartThatIsThePreviousRunsLastIsLeftOut) {
  RedeliveryFilter filter({identity(7, "{\"n\":1}"), identity(8, "{\"n\":2}")});
  // What Paho had not yet been told was handed over comes again first.
  EXPECT_TRUE(filter.repeated(identity(8, "{\"n\":2}"), false));
  EXPECT_FALSE(filter.repeated(identity(9, "{\"n\":2}"), false)) << "another packet id is another message";
  EXPECT_FALSE(filter.repeated(identity(8, "{\"n\":3}"), false));
  EXPECT_FALSE(filter.repeated(identity(7, "{\"n\":1}"), false)) << "only the last one can come back this way";
  filter.remember(identity(9, "{\"n\":2}"));
  EXPECT_FALSE(filter.repeated(identity(8, "{\"n\":2}"), false)) << "once a message was taken, that moment has passed";
  EXPECT_FALSE(RedeliveryFilter({}).repeated(identity(8, "{\"n\":2}"), false));
}

TEST(RedeliveryFilter, WhenThePreviousRunEndedOnAQos0MessageOnlyADupIsLeftOut) {
  // Paho had returned from the QoS 1 message's callback: it cannot deliver it again, the broker can.
  RedeliveryFilter filter({identity(8, "{\"n\":2}"), identity(0, "{\"n\":3}")});
  EXPECT_FALSE(filter.repeated(identity(8, "{\"n\":2}"), false));
  EXPECT_TRUE(filter.repeated(identity(8, "{\"n\":2}"), true));
  EXPECT_FALSE(filter.repeated(identity(0, "{\"n\":3}"), true));
}

TEST(RedeliveryFilter, AMessageFlaggedDupIsLeftOutOnlyWhenItWasTaken) {
  RedeliveryFilter filter({identity(1, "a")});
  filter.remember(identity(2, "b"));
  EXPECT_TRUE(filter.repeated(identity(1, "a"), true)) << "taken by the previous run";
  EXPECT_TRUE(filter.repeated(identity(2, "b"), true));
  EXPECT_FALSE(filter.repeated(identity(2, "b"), false)) << "a sensor may send the same twice";
  EXPECT_FALSE(filter.repeated(identity(3, "b"), true)) << "a DUP never received before is new";
  EXPECT_FALSE(filter.repeated(identity(0, "b"), true)) << "QoS 0 has no packet id and is never sent again";
  EXPECT_FALSE(filter.repeated(DeliveryIdentity::of(2, "other/topic", "b"), true));
}

TEST(RedeliveryFilter, RemembersTheLatestDeliveriesOnly) {
  RedeliveryFilter filter({});
  for (std::size_t i = 0; i <= RedeliveryFilter::kRemembered; ++i) {
    filter.remember(identity(static_cast<std::uint16_t>(i + 1), std::to_string(i)));
  }
  EXPECT_FALSE(filter.repeated(identity(1, "0"), true)) << "the oldest was forgotten";
  EXPECT_TRUE(filter.repeated(identity(2, "1"), true));
  const auto newest = RedeliveryFilter::kRemembered;
  EXPECT_TRUE(filter.repeated(identity(static_cast<std::uint16_t>(newest + 1), std::to_string(newest)), true));
}

TEST(NodeStore, MigratesAndKeepsEachAlertOnce) {
  test::TempDir dir;
  auto store = NodeStore::open(dir.path, true);
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_EQ(store->schema_version(), NodeStore::kSchemaVersion);
  const Timestamp now = Timestamp::from_seconds(1795680000);
  EXPECT_TRUE(*store->journal_alert("a1", "d", "r", "{}", now));
  EXPECT_FALSE(*store->journal_alert("a1", "d", "r", "{}", now));
  EXPECT_TRUE(*store->journal_alert("a2", "d", "r", "{}", now + Duration::seconds(5)));
  EXPECT_EQ(store->alerts(0, (now + Duration::seconds(1)).nanos_since_epoch(), 10)->size(), 1u);
  EXPECT_EQ(store->alerts(1, std::numeric_limits<std::int64_t>::min(), 10)->size(), 1u);
  // Trimming keeps the newest; a kept id still refuses a second copy.
  EXPECT_TRUE(*store->journal_alert("a3", "d", "r", "{\"n\":3}", now + Duration::seconds(9)));
  EXPECT_EQ(*store->trim_alerts(2), 1);
  const auto kept = store->alerts(0, std::numeric_limits<std::int64_t>::min(), 10);
  ASSERT_EQ(kept->size(), 2u);
  EXPECT_EQ((*kept)[1].json, "{\"n\":3}");
  EXPECT_FALSE(*store->journal_alert("a3", "d", "r", "{}", now));
  EXPECT_EQ(*store->trim_alerts(2), 0);
  // A reopened store is migrated already; versions count per deployment.
  auto again = NodeStore::open(dir.path, true);
  EXPECT_EQ(*again->add_version("d", "{}", "t"), 1);
  EXPECT_EQ(*again->add_version("d", "{}", "t"), 2);
  EXPECT_EQ(*again->add_version("e", "{}", "t"), 1);
}

class NoOutput final : public engine::Output {
 public:
  void alert(const engine::Alert&) override {}
  void sink_event(std::string_view, const std::vector<engine::ResolvedTarget>&, const Event&) override {}
  void dead_letter(std::string_view, const Event&, std::string_view) override {}
};

// The records a merge gives, as "source:line:text".
std::vector<std::string> merged(const std::vector<host::FileSource>& sources, std::vector<std::size_t> from = {}) {
  std::vector<std::string> out;
  host::FileRecordMerge merge(sources, from);
  host::FileRecord r;
  while (merge.next(r))
    out.push_back(sources[r.source].name + ":" + std::to_string(r.line) + ":" + std::string(r.text));
  return out;
}

TEST(FileSources, FilesAreMergedByEventTimeAndGoOnFromAnOffset) {
  test::TempDir dir;
  std::ofstream(dir.path + "/a.jsonl") << "{\"v\":1,\"ts\":\"2026-11-20T08:00:00Z\"}\n\n"
                                       << "{\"v\":3,\"ts\":\"2026-11-20T08:00:02Z\"}\r\n";
  // Columns in another order than the schema; a quoted cell holds a line break.
  std::ofstream(dir.path + "/b.csv") << "ts,v,note\n2026-11-20T08:00:01Z,2,\"two\nlines\"\n2026-11-20T08:00:03Z,4,\n";
  const auto plan = engine::plan_for_test(
      "schema R { v: int, note: string?, ts: timestamp }\n"
      "source a: R from file \"a.jsonl\" event time ts\n"
      "source b: R from file \"b.csv\" event time ts\n"
      "alert x from a where v > 0 message \"{v}\"\n");
  auto sources = host::load_file_sources(*plan, dir.path);
  ASSERT_TRUE(sources.ok()) << sources.status().message();
  ASSERT_EQ(sources->size(), 2u);
  EXPECT_EQ(merged(*sources),
            (std::vector<std::string>{"a:1:{\"v\":1,\"ts\":\"2026-11-20T08:00:00Z\"}",
                                      "b:2:2026-11-20T08:00:01Z,2,\"two\nlines\"",
                                      "a:3:{\"v\":3,\"ts\":\"2026-11-20T08:00:02Z\"}", "b:4:2026-11-20T08:00:03Z,4,"}));
  // The CSV record decodes by the file's header.
  auto event = (*sources)[1].decoder.decode("2026-11-20T08:00:01Z,2,\"two\nlines\"", Timestamp());
  ASSERT_TRUE(event.ok()) << event.status().message();
  EXPECT_EQ(event->to_string(), "R@2026-11-20T08:00:01Z { v: 2, note: \"two\nlines\", ts: 2026-11-20T08:00:01Z }");
  // Going on after the first record of each file.
  host::FileRecordMerge merge(*sources, {});
  host::FileRecord first_a, first_b;
  ASSERT_TRUE(merge.next(first_a));
  ASSERT_TRUE(merge.next(first_b));
  EXPECT_EQ(merged(*sources, {first_a.end, first_b.end}),
            (std::vector<std::string>{"a:3:{\"v\":3,\"ts\":\"2026-11-20T08:00:02Z\"}", "b:4:2026-11-20T08:00:03Z,4,"}));
}

TEST(FileSources, AMissingFileABadHeaderAndAnUnclosedQuoteAreNamed) {
  test::TempDir dir;
  const auto plan_of = [](const std::string& file) {
    return engine::plan_for_test("schema R { v: int, ts: timestamp }\nsource a: R from file \"" + file +
                                 "\" event time ts\nalert x from a where v > 0 message \"{v}\"\n");
  };
  auto missing = host::load_file_sources(*plan_of("gone.jsonl"), dir.path);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("source 'a' reads 'gone.jsonl'"), std::string::npos);
  std::ofstream(dir.path + "/header.csv") << "v,time\n1,2026-11-20T08:00:00Z\n";
  auto header = host::load_file_sources(*plan_of("header.csv"), dir.path);
  ASSERT_FALSE(header.ok());
  EXPECT_NE(header.status().message().find("source 'a' reads 'header.csv'"), std::string::npos)
      << header.status().message();
  std::ofstream(dir.path + "/empty.csv") << "";
  auto empty = host::load_file_sources(*plan_of("empty.csv"), dir.path);
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("the file is empty"), std::string::npos) << empty.status().message();
  std::ofstream(dir.path + "/quote.csv") << "v,ts\n1,2026-11-20T08:00:00Z\n2,\"2026-11-20T08:00:01Z\n";
  auto quote = host::load_file_sources(*plan_of("quote.csv"), dir.path);
  ASSERT_TRUE(quote.ok()) << quote.status().message();
  host::FileRecordMerge merge(*quote, {});
  host::FileRecord r;
  EXPECT_TRUE(merge.next(r));
  EXPECT_FALSE(merge.next(r));
  ASSERT_EQ(merge.problems().size(), 1u);
  EXPECT_NE(merge.problems()[0].find("line 3"), std::string::npos) << merge.problems()[0];
}

TEST(FileFeeds, ARecordTopicSaysWhichFileAndWhichBytes) {
  const std::string topic = file_record_topic({0xabcdef0123456789ULL, 10, 42});
  EXPECT_EQ(topic, "abcdef0123456789:10-42");
  const auto place = parse_file_record_topic(topic);
  ASSERT_TRUE(place.has_value());
  EXPECT_EQ(place->fingerprint, 0xabcdef0123456789ULL);
  EXPECT_EQ(place->from, 10u);
  EXPECT_EQ(place->end, 42u);
  for (const char* bad : {"", "abc", "xyz:1-2", "ab:2-1", "ab:1-", "ab:-2", "ab:1-2x"})
    EXPECT_FALSE(parse_file_record_topic(bad).has_value()) << bad;
}

TEST(MqttSources, ACsvSourceReadsOneRecordPerMessageInFieldOrderLeavingOutTheTopicFields) {
  const auto plan = engine::plan_for_test(
      "schema R { site: string, device: string, temp: double, ts: timestamp }\n"
      "source r: R from mqtt \"plant/{site}/{device}/readings\" format csv event time ts\n"
      "alert a from r where temp > 80 message \"{device}\"\n");
  auto sources = host::MqttSources::make(*plan);
  ASSERT_TRUE(sources.ok()) << sources.status().message();
  ASSERT_TRUE(sources->sources().front().decoder.csv());
  EXPECT_EQ(sources->sources().front().decoder.columns(), (std::vector<std::string>{"temp", "ts"}));
  std::vector<std::string> decoded;
  const auto route = [&](std::string_view payload) {
    sources->route("", "plant/north/press-07/readings", payload, Timestamp(),
                   [&](const host::MqttSource&, const Result<Event>& event) {
                     decoded.push_back(event.ok() ? event->to_string() : "error: " + event.status().message());
                   });
  };
  route("81.5,2026-11-20T08:00:00Z");
  route("\"82\",2026-11-20T08:00:01Z\r\n");
  route("81.5");
  route("81.5,2026-11-20T08:00:00Z\n90,2026-11-20T08:00:01Z");
  route("hot,2026-11-20T08:00:00Z");
  route("");
  EXPECT_EQ(decoded, (std::vector<std::string>{
                         "R@2026-11-20T08:00:00Z { site: \"north\", device: \"press-07\", temp: 81.5, ts: "
                         "2026-11-20T08:00:00Z }",
                         "R@2026-11-20T08:00:01Z { site: \"north\", device: \"press-07\", temp: 82, ts: "
                         "2026-11-20T08:00:01Z }",
                         "error: the CSV payload has 1 column(s); expected 2: temp, ts",
                         "error: a CSV payload holds one record; this one has more, from line 2",
                         "error: column 'temp' (1): \"hot\" is not a double",
                         "error: an empty CSV payload; expected one record of 2 columns",
                     }));
}

TEST(StreamTaps, AClientGetsTheEventsOfItsStreamAndASkipCountWhenItFallsBehind) {
  const auto plan = engine::plan_for_test(
      "schema R { device: string, temp: double, ts: timestamp }\n"
      "source r: R from mqtt \"t\" event time ts\n"
      "stream hot from r where temp > 80\n"
      "alert a from hot message \"{device}\"\n");
  StreamTaps taps;
  const auto tap = taps.tap_of("plant", plan);
  engine::NoTables tables;
  NoOutput output;
  auto engine = engine::Engine::create(plan, tables, output, {.tap = tap.get()});
  ASSERT_TRUE(engine.ok());
  const dsl::StatementId source = *(*engine)->source("r");
  const auto send = [&](int i, double temp) {
    const Timestamp t = *parse_timestamp("2026-11-20T08:00:00Z") + Duration::seconds(i);
    (*engine)->ingest(source, Event(*plan->statements[source].output, t,
                                    {Value::string("p" + std::to_string(i)), Value::real(temp), Value::timestamp(t)}));
  };
  auto hot = taps.subscribe("plant", "hot");
  auto other = taps.subscribe("another", "hot");
  send(0, 70);  // filtered out: not in `hot`
  for (int i = 1; i <= 300; ++i) send(i, 90);
  std::string message;
  ASSERT_TRUE(hot->next(message));
  EXPECT_EQ(message,
            R"({"deployment":"plant","stream":"hot","event":{"device":"p1","temp":90,"ts":"2026-11-20T08:00:01Z"}})");
  for (int i = 2; i <= 256; ++i) ASSERT_TRUE(hot->next(message));
  EXPECT_NE(message.find("\"device\":\"p256\""), std::string::npos) << message;
  ASSERT_TRUE(hot->next(message));
  EXPECT_EQ(message, "{\"skipped\":44}") << "256 wait, the rest are counted where they were";
  send(301, 91);  // room again: the next event follows the gap
  ASSERT_TRUE(hot->next(message));
  EXPECT_NE(message.find("\"device\":\"p301\""), std::string::npos) << message;
  ASSERT_TRUE(other->next(message));
  EXPECT_EQ(message, "") << "another deployment's stream of the same name saw nothing";

  // A client that leaves stops the copying; one that comes later sees only what comes later.
  hot.reset();
  send(400, 95);
  hot = taps.subscribe("plant", "hot");
  send(401, 96);
  ASSERT_TRUE(hot->next(message));
  EXPECT_NE(message.find("\"device\":\"p401\""), std::string::npos) << message;
  EXPECT_TRUE(StreamTaps::tappable(plan->statements[source]));
  EXPECT_FALSE(StreamTaps::tappable(plan->statements.back())) << "an alert emits alerts, not events";
}

}  // namespace
}  // namespace cepheus::node
