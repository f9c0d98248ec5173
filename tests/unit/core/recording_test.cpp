#include "cepheus/core/recording.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cepheus/core/file.h"

namespace cepheus {
namespace {

class RecordingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    schema_ = *parse_schema_spec("reading", "device: string, temp: double, vibration: double?, ts: timestamp");
  }
  // Each record as its event text or its error.
  std::vector<std::string> read_all(const std::string& name, std::string text, RecordingFormat format) {
    auto reader = RecordingReader::make(name, std::move(text), *schema_, {.format = format, .time_field = "ts"});
    if (!reader.ok()) return {"open error: " + reader.status().message()};
    std::vector<std::string> out;
    while (auto record = reader->next()) {
      out.push_back(record->ok() ? (*record)->to_string() : "error: " + record->status().message());
    }
    return out;
  }
  std::shared_ptr<const Schema> schema_;
};

TEST_F(RecordingTest, ReadsTheSampleJsonLinesRecording) {
  auto text = read_file(CEPHEUS_TEST_DATA "/readings.jsonl");
  ASSERT_TRUE(text.ok()) << text.status().message();
  const auto events = read_all("readings.jsonl", *text, RecordingFormat::kJsonLines);
  ASSERT_EQ(events.size(), 6u);
  EXPECT_EQ(
      events[5],
      "reading@2026-11-20T08:00:40Z { device: \"press-02\", temp: 66.5, vibration: null, ts: 2026-11-20T08:00:40Z }");
}

TEST_F(RecordingTest, JsonLinesAndCsvRecordingsOfTheSameFeedGiveTheSameTimes) {
  const auto json = read_all("j", *read_file(CEPHEUS_TEST_DATA "/readings.jsonl"), RecordingFormat::kJsonLines);
  const auto csv = read_all("c", *read_file(CEPHEUS_TEST_DATA "/readings.csv"), RecordingFormat::kCsv);
  ASSERT_EQ(json.size(), csv.size());
  for (std::size_t i = 0; i + 1 < json.size(); ++i) EXPECT_EQ(json[i], csv[i]) << i;
}

TEST_F(RecordingTest, BadRecordsAreReportedWithFileAndLineAndReadingGoesOn) {
  const auto got = read_all(
      "feed.jsonl", "{\"device\":\"a\",\"temp\":1,\"ts\":0}\n\nnot json\n{\"device\":\"b\",\"temp\":2,\"ts\":0}\n",
      RecordingFormat::kJsonLines);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[1], "error: feed.jsonl:3: column 1: expected a JSON object, found text that is not JSON");
  EXPECT_NE(got[2].find("device: \"b\""), std::string::npos);
}

TEST_F(RecordingTest, CsvErrorsNameTheLineOfTheRecord) {
  const auto got = read_all("feed.csv", "device,temp,ts\na,1,0\nb,warm,0\nc,3,0\n", RecordingFormat::kCsv);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[1], "error: feed.csv:3: column 'temp' (2): \"warm\" is not a double");
}

TEST_F(RecordingTest, ACsvSyntaxErrorEndsTheRecording) {
  const auto got = read_all("feed.csv", "device,temp,ts\na,1,0\n\"b,2,0\nc,3,0\n", RecordingFormat::kCsv);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[1], "error: feed.csv: line 3, column 1: the quoted field that starts here is never closed with '\"'");
}

TEST_F(RecordingTest, ACsvHeaderThatDoesNotFitTheSchemaIsRefusedAtOpen) {
  EXPECT_EQ(read_all("feed.csv", "device,ts\n", RecordingFormat::kCsv),
            (std::vector<std::string>{"open error: feed.csv:1: the header has no column for required field 'temp' of "
                                      "schema 'reading'"}));
  EXPECT_EQ(read_all("empty.csv", "", RecordingFormat::kCsv),
            (std::vector<std::string>{"open error: empty.csv: empty CSV file; expected a header row"}));
}

TEST_F(RecordingTest, TheFormatFollowsTheFileName) {
  EXPECT_EQ(*recording_format_for_path("a/b.jsonl"), RecordingFormat::kJsonLines);
  EXPECT_EQ(*recording_format_for_path("b.ndjson"), RecordingFormat::kJsonLines);
  EXPECT_EQ(*recording_format_for_path("b.csv"), RecordingFormat::kCsv);
  EXPECT_FALSE(recording_format_for_path("b.xlsx").ok());
}

TEST(FileTest, AMissingFileIsAnIoErrorThatNamesIt) {
  auto text = read_file("/nonexistent/feed.jsonl");
  EXPECT_EQ(text.status().code(), StatusCode::kIoError);
  EXPECT_EQ(text.status().message(), "cannot read '/nonexistent/feed.jsonl': No such file or directory");
}

}  // namespace
}  // namespace cepheus
