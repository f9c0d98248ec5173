#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "cepheus/core/event_json.h"

namespace cepheus {
namespace {

class JsonDecodeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    schema_ = *parse_schema_spec("reading",
                                 "device: string, temp: double, vibration: double?, count: int?, ok: bool?, "
                                 "every: duration?, unit: string = \"C\", ts: timestamp");
    decoder_.emplace(*JsonEventDecoder::make(*schema_, {.time_field = "ts"}));
  }
  Result<Event> decode(std::string_view json) const { return decoder_->decode(json); }
  std::string error(std::string_view json) const {
    auto event = decode(json);
    return event.ok() ? "decoded: " + event->to_string() : event.status().message();
  }

  std::shared_ptr<const Schema> schema_;
  std::optional<JsonEventDecoder> decoder_;
};

TEST_F(JsonDecodeTest, DecodesTheRunningExample) {
  auto event = decode(R"({"device":"press-01","temp":81.5,"vibration":0.12,"ts":"2026-11-20T08:00:00Z"})");
  ASSERT_TRUE(event.ok()) << event.status().message();
  EXPECT_EQ(*event->find("device"), Value::string("press-01"));
  EXPECT_EQ(*event->find("temp"), Value::real(81.5));
  EXPECT_EQ(*event->find("vibration"), Value::real(0.12));
  EXPECT_TRUE(event->find("count")->is_null());
  EXPECT_EQ(*event->find("unit"), Value::string("C")) << "a missing field takes its default";
  EXPECT_EQ(event->time(), *parse_timestamp("2026-11-20T08:00:00Z"));
}

TEST_F(JsonDecodeTest, GivenValuesFillFieldsThePayloadLeavesOut) {
  // As an MQTT source fills `device` from its topic.
  const std::pair<std::size_t, Value> device{0, Value::string("press-07")};
  auto event = decoder_->decode(R"({"temp":81.5,"ts":"2026-11-20T08:00:00Z"})", Timestamp(), {&device, 1});
  ASSERT_TRUE(event.ok()) << event.status().message();
  EXPECT_EQ(event->value(0), Value::string("press-07"));
  auto own = decoder_->decode(R"({"device":"d1","temp":1,"ts":"2026-11-20T08:00:00Z"})", Timestamp(), {&device, 1});
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(own->value(0), Value::string("d1")) << "the payload's own value wins";
}

TEST_F(JsonDecodeTest, AcceptsKeysInAnyOrderAndSkipsUnknownOnes) {
  auto event = decode(R"({"ts":0,"firmware":{"v":[1,2]},"temp":1,"device":"d"})");
  ASSERT_TRUE(event.ok()) << event.status().message();
  EXPECT_EQ(*event->find("temp"), Value::real(1.0));
  EXPECT_EQ(event->time(), Timestamp());
}

TEST_F(JsonDecodeTest, CoercesDocumentedAlternatives) {
  auto event = decode(R"({"device":42,"temp":"81.5","count":"7","ok":"true","every":1500,"ts":1795161600000})");
  ASSERT_TRUE(event.ok()) << event.status().message();
  EXPECT_EQ(*event->find("device"), Value::string("42"));
  EXPECT_EQ(*event->find("temp"), Value::real(81.5));
  EXPECT_EQ(*event->find("count"), Value::integer(7));
  EXPECT_EQ(*event->find("ok"), Value::boolean(true));
  EXPECT_EQ(*event->find("every"), Value::duration(Duration::millis(1500)));
  EXPECT_EQ(event->time(), *parse_timestamp("2026-11-20T08:00:00Z"));
  auto whole = decode(R"({"device":true,"temp":1,"count":2.0,"every":"1m30s","ts":"2026-11-20T08:00:00Z"})");
  ASSERT_TRUE(whole.ok()) << whole.status().message();
  EXPECT_EQ(*whole->find("device"), Value::string("true"));
  EXPECT_EQ(*whole->find("count"), Value::integer(2));
  EXPECT_EQ(*whole->find("every"), Value::duration(Duration::seconds(90)));
}

TEST_F(JsonDecodeTest, NumericTimestampsUseTheConfiguredEpochUnit) {
  auto seconds = JsonEventDecoder::make(*schema_, {.time_field = "ts", .epoch_unit = Duration::seconds(1)});
  auto event = seconds->decode(R"({"device":"d","temp":1,"ts":1795161600.5})");
  ASSERT_TRUE(event.ok()) << event.status().message();
  EXPECT_EQ(event->time(), *parse_timestamp("2026-11-20T08:00:00.5Z"));
}

TEST_F(JsonDecodeTest, NamesAMissingRequiredField) {
  EXPECT_EQ(error(R"({"device":"d","ts":0})"), "missing required field 'temp'");
}

TEST_F(JsonDecodeTest, NamesARequiredFieldThatIsNull) {
  EXPECT_EQ(error(R"({"device":"d","temp":null,"ts":0})"), "field 'temp' is required but null");
}

TEST_F(JsonDecodeTest, NullOptionalFieldsStayNullAndNullDefaultsApply) {
  auto event = decode(R"({"device":"d","temp":1,"vibration":null,"unit":null,"ts":0})");
  ASSERT_TRUE(event.ok());
  EXPECT_TRUE(event->find("vibration")->is_null());
  EXPECT_EQ(*event->find("unit"), Value::string("C"));
}

TEST_F(JsonDecodeTest, WrongTypesSayWhatWasExpectedAndFound) {
  EXPECT_EQ(error(R"({"device":"d","temp":"hot","ts":0})"), "column 22: field 'temp': \"hot\" is not a double");
  EXPECT_EQ(error(R"({"device":"d","temp":[1],"ts":0})"), "column 22: field 'temp': expected a double, found an array");
  EXPECT_EQ(error(R"({"device":{},"temp":1,"ts":0})"), "column 11: field 'device': expected a string, found an object");
  EXPECT_EQ(error(R"({"device":"d","temp":true,"ts":0})"),
            "column 22: field 'temp': expected a double, found a boolean");
  EXPECT_EQ(error(R"({"device":"d","temp":1,"ok":1,"ts":0})"),
            "column 29: field 'ok': expected a bool, found a number");
  EXPECT_EQ(error(R"({"device":"d","temp":1,"count":2.5,"ts":0})"),
            "column 32: field 'count': \"2.5\" is not an int: it has a fraction");
}

TEST_F(JsonDecodeTest, OverflowIsAnErrorNotAWrappedValue) {
  EXPECT_EQ(error(R"({"device":"d","temp":1,"count":9223372036854775808,"ts":0})"),
            "column 32: field 'count': \"9223372036854775808\" is out of the int range (64 bits)");
  EXPECT_EQ(error(R"({"device":"d","temp":1e400,"ts":0})"),
            "column 22: field 'temp': \"1e400\" is out of the double range");
  EXPECT_EQ(error(R"({"device":"d","temp":1,"ts":9223372036854775807})"),
            "column 29: field 'ts': epoch time 9223372036854775807 in units of 1ms is outside the years 1678 to 2261");
}

TEST_F(JsonDecodeTest, BadTimestampsExplainTheExpectedForm) {
  EXPECT_EQ(error(R"({"device":"d","temp":1,"ts":"2026-13-01T00:00:00Z"})"),
            "column 29: field 'ts': bad timestamp '2026-13-01T00:00:00Z': 2026-13-1 is not a calendar date");
  EXPECT_EQ(error(R"({"device":"d","temp":1,"ts":"soon"})"),
            "column 29: field 'ts': \"soon\" is not a timestamp (ISO-8601 such as 2026-11-20T08:15:00Z, or epoch 1ms "
            "units)");
}

TEST_F(JsonDecodeTest, RefusesADuplicateKey) {
  EXPECT_EQ(error(R"({"device":"d","temp":1,"temp":2,"ts":0})"), "column 24: field 'temp' appears twice");
}

TEST_F(JsonDecodeTest, RefusesInputThatIsNotOneObject) {
  EXPECT_EQ(error(""), "column 1: empty input; expected a JSON object");
  EXPECT_EQ(error("[1]"), "column 1: expected a JSON object, found an array");
  EXPECT_EQ(error("42"), "column 1: expected a JSON object, found a number");
  EXPECT_EQ(error(R"({"device":"d","temp":1,"ts":0} {})"), "column 32: unexpected text after the event object");
}

TEST_F(JsonDecodeTest, TruncatedInputSaysWhereItEnds) {
  const std::string full = R"({"device":"press-01","temp":81.5,"ts":"2026-11-20T08:00:00Z"})";
  for (std::size_t cut = 0; cut < full.size(); ++cut) {
    auto event = decode(full.substr(0, cut));
    ASSERT_FALSE(event.ok()) << "cut at " << cut;
    EXPECT_NE(event.status().message().find("column"), std::string::npos) << event.status().message();
  }
  EXPECT_EQ(error(R"({"device":"d","temp":1)"), "column 23: the text ends inside the object; expected '}'");
  EXPECT_EQ(error(R"({"device":"d","temp":)"), "column 22: field 'temp': the text ends where a value should be");
  EXPECT_EQ(error(R"({"device":"d",)"), "column 15: the text ends inside the object; expected a key");
}

TEST_F(JsonDecodeTest, RefusesATrailingComma) {
  EXPECT_EQ(error(R"({"device":"d","temp":1,"ts":0,})"), "column 31: expected a quoted key");
}

TEST_F(JsonDecodeTest, RefusesInvalidUtf8InAValue) {
  EXPECT_EQ(error("{\"device\":\"d\xFF\",\"temp\":1,\"ts\":0}"),
            "column 13: invalid UTF-8: a byte that cannot start a character");
}

TEST_F(JsonDecodeTest, RefusesNestingBeyondTheLimitEvenInSkippedFields) {
  const std::string deep =
      R"({"device":"d","temp":1,"ts":0,"x":)" + std::string(100, '[') + std::string(100, ']') + "}";
  EXPECT_EQ(error(deep), "column 98: nesting is deeper than 64 levels");
}

TEST_F(JsonDecodeTest, RefusesOversizedInputBeforeParsing) {
  auto small = JsonEventDecoder::make(*schema_, {.time_field = "ts", .max_bytes = 16});
  auto event = small->decode(R"({"device":"press-01","temp":81.5,"ts":0})");
  EXPECT_EQ(event.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(event.status().message(), "event of 40 bytes exceeds the limit of 16 bytes");
}

TEST_F(JsonDecodeTest, StrictModeRefusesUnknownFields) {
  auto strict = JsonEventDecoder::make(*schema_, {.time_field = "ts", .reject_unknown_fields = true});
  auto event = strict->decode(R"({"device":"d","humidity":3,"temp":1,"ts":0})");
  EXPECT_EQ(event.status().message(), "column 15: unknown field \"humidity\"; schema 'reading' has no such field");
}

TEST_F(JsonDecodeTest, ReportsLinesForMultiLineDocuments) {
  EXPECT_EQ(error("{\n  \"device\": \"d\",\n  \"temp\": \"x\",\n  \"ts\": 0\n}"),
            "line 3, column 11: field 'temp': \"x\" is not a double");
}

TEST_F(JsonDecodeTest, WithoutATimeFieldEventsTakeTheIngestTime) {
  auto decoder = JsonEventDecoder::make(*schema_);
  auto event = decoder->decode(R"({"device":"d","temp":1,"ts":0})", Timestamp::from_seconds(77));
  ASSERT_TRUE(event.ok());
  EXPECT_EQ(event->time(), Timestamp::from_seconds(77));
}

TEST_F(JsonDecodeTest, RefusesATimeFieldThatIsMissingOrNotATimestamp) {
  EXPECT_EQ(JsonEventDecoder::make(*schema_, {.time_field = "when"}).status().message(),
            "time field 'when' is not a field of schema 'reading'");
  EXPECT_EQ(JsonEventDecoder::make(*schema_, {.time_field = "temp"}).status().message(),
            "time field 'temp' of schema 'reading' is a double; it must be a timestamp");
}

TEST_F(JsonDecodeTest, ManySchemaFieldsAreTrackedBeyondSixtyFour) {
  std::vector<Field> fields;
  fields.reserve(100);
  for (int i = 0; i < 100; ++i) fields.push_back({"f" + std::to_string(i), ValueType::kInt});
  auto wide = Schema::make("wide", fields);
  auto decoder = JsonEventDecoder::make(**wide);
  std::string json = "{";
  for (int i = 0; i < 100; ++i)
    json += (i ? "," : "") + std::string("\"f") + std::to_string(i) + "\":" + std::to_string(i);
  ASSERT_TRUE(decoder->decode(json + "}").ok());
  EXPECT_THAT(decoder->decode(json + ",\"f70\":1}").status().message(),
              ::testing::EndsWith(": field 'f70' appears twice"));
  EXPECT_EQ(decoder->decode(R"({"f0":1})").status().message(), "missing required field 'f1'");
}

}  // namespace
}  // namespace cepheus
