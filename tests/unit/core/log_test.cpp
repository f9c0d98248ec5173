#include "cepheus/core/log.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace cepheus::log {
namespace {

class CapturingSink final : public Sink {
 public:
  void write_line(std::string_view line) override { lines.emplace_back(line); }
  std::vector<std::string> lines;
};

TEST(LogTest, TextLinesCarryLevelMessageAndFields) {
  EXPECT_EQ(format_line(Level::kInfo, Format::kText, "T", "node started",
                        {{"listen", "127.0.0.1:7000"}, {"workers", 2}, {"ratio", 0.5}, {"tls", false}}),
            "T INFO  node started listen=127.0.0.1:7000 workers=2 ratio=0.5 tls=false\n");
}

TEST(LogTest, TextValuesWithSpacesAreQuoted) {
  EXPECT_EQ(format_line(Level::kWarn, Format::kText, "T", "bad event", {{"reason", "temp is \"hot\""}}),
            "T WARN  bad event reason=\"temp is \\\"hot\\\"\"\n");
}

TEST(LogTest, JsonLinesAreOneValidObjectEach) {
  EXPECT_EQ(format_line(Level::kError, Format::kJson, "T", "disk \"full\"", {{"free", 0}, {"path", "/var/lib"}}),
            "{\"ts\":\"T\",\"level\":\"error\",\"msg\":\"disk \\\"full\\\"\",\"free\":0,\"path\":\"/var/lib\"}\n");
}

TEST(LogTest, LevelsBelowTheConfiguredOneAreDropped) {
  CapturingSink sink;
  configure(Level::kWarn, Format::kJson, &sink);
  info("hidden");
  warn("shown", {{"n", 1}});
  error("also shown");
  configure(Level::kInfo, Format::kText, nullptr);
  ASSERT_EQ(sink.lines.size(), 2u);
  EXPECT_NE(sink.lines[0].find("\"msg\":\"shown\",\"n\":1}"), std::string::npos) << sink.lines[0];
  EXPECT_NE(sink.lines[1].find("\"level\":\"error\""), std::string::npos);
}

TEST(LogTest, ParsesLevelAndFormatNames) {
  EXPECT_EQ(*parse_level("debug"), Level::kDebug);
  EXPECT_EQ(parse_level("verbose").status().message(),
            "unknown log level 'verbose'; use trace, debug, info, warn, error or off");
  EXPECT_EQ(*parse_format("json"), Format::kJson);
  EXPECT_FALSE(parse_format("xml").ok());
}

}  // namespace
}  // namespace cepheus::log
