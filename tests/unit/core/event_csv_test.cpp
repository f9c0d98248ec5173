#include "cepheus/core/event_csv.h"

#include <gtest/gtest.h>

#include <vector>

namespace cepheus {
namespace {

using Views = std::vector<std::string_view>;

class CsvDecodeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    schema_ = *parse_schema_spec("reading",
                                 "device: string, temp: double, vibration: double?, unit: string = \"C\", "
                                 "ts: timestamp");
  }
  std::shared_ptr<const Schema> schema_;
};

TEST_F(CsvDecodeTest, MapsColumnsByHeaderNameInAnyOrder) {
  auto decoder = CsvEventDecoder::make(*schema_, Views{"ts", "temp", "device", "site"}, {.time_field = "ts"});
  ASSERT_TRUE(decoder.ok()) << decoder.status().message();
  auto event = decoder->decode(Views{"2026-11-20T08:00:00Z", "81.5", "press-01", "north"});
  ASSERT_TRUE(event.ok()) << event.status().message();
  EXPECT_EQ(event->to_string(),
            "reading@2026-11-20T08:00:00Z { device: \"press-01\", temp: 81.5, vibration: null, unit: \"C\", ts: "
            "2026-11-20T08:00:00Z }");
}

TEST_F(CsvDecodeTest, RenamesColumnsToFields) {
  auto decoder =
      CsvEventDecoder::make(*schema_, Views{"id", "celsius", "time"},
                            {.time_field = "ts", .rename = {{"id", "device"}, {"celsius", "temp"}, {"time", "ts"}}});
  ASSERT_TRUE(decoder.ok()) << decoder.status().message();
  auto event = decoder->decode(Views{"d", "1", "0"});
  ASSERT_TRUE(event.ok());
  EXPECT_EQ(*event->find("device"), Value::string("d"));
}

TEST_F(CsvDecodeTest, AHeaderWithoutARequiredFieldIsRefused) {
  EXPECT_EQ(CsvEventDecoder::make(*schema_, Views{"device", "ts"}).status().message(),
            "the header has no column for required field 'temp' of schema 'reading'");
}

TEST_F(CsvDecodeTest, TwoColumnsForOneFieldAreRefused) {
  EXPECT_EQ(CsvEventDecoder::make(*schema_, Views{"device", "temp", "temp", "ts"}).status().message(),
            "header column 3 'temp' maps to field 'temp', which an earlier column maps to");
}

TEST_F(CsvDecodeTest, StrictModeRefusesUnknownColumns) {
  EXPECT_EQ(CsvEventDecoder::make(*schema_, Views{"device", "temp", "ts", "site"}, {.reject_unknown_columns = true})
                .status()
                .message(),
            "header column 4 'site' is not a field of schema 'reading'");
}

TEST_F(CsvDecodeTest, GivenValuesFillFieldsWithoutAColumnAndTheRecordWins) {
  // `device` comes from outside (an MQTT topic): required, yet it needs no column.
  auto decoder = CsvEventDecoder::make(*schema_, Views{"temp", "ts"}, {.time_field = "ts", .given_fields = {0}});
  ASSERT_TRUE(decoder.ok()) << decoder.status().message();
  const std::vector<std::pair<std::size_t, Value>> given{{0, Value::string("press-07")}, {1, Value::real(1)}};
  auto event = decoder->decode(Views{"81.5", "2026-11-20T08:00:00Z"}, Timestamp(), given);
  ASSERT_TRUE(event.ok()) << event.status().message();
  EXPECT_EQ(*event->find("device"), Value::string("press-07"));
  EXPECT_EQ(*event->find("temp"), Value::real(81.5));  // the record's value, not the given one
  EXPECT_EQ(decoder->decode(Views{"81.5", "2026-11-20T08:00:00Z"}).status().message(),
            "required field 'device' is empty");
}

TEST_F(CsvDecodeTest, CellErrorsNameTheColumn) {
  auto decoder = CsvEventDecoder::make(*schema_, Views{"device", "temp", "ts"});
  EXPECT_EQ(decoder->decode(Views{"d", "hot", "0"}).status().message(), "column 'temp' (2): \"hot\" is not a double");
  EXPECT_EQ(decoder->decode(Views{"d", "1"}).status().message(), "the record has 2 fields but the header has 3");
  EXPECT_EQ(decoder->decode(Views{"d", "", "0"}).status().message(), "required field 'temp' is empty");
}

TEST_F(CsvDecodeTest, EmptyCellsAreNullOrTheDefault) {
  auto decoder = CsvEventDecoder::make(*schema_, Views{"device", "temp", "vibration", "unit", "ts"});
  auto event = decoder->decode(Views{"d", "1", "", "", "0"});
  ASSERT_TRUE(event.ok());
  EXPECT_TRUE(event->find("vibration")->is_null());
  EXPECT_EQ(*event->find("unit"), Value::string("C"));
}

TEST_F(CsvDecodeTest, RefusesATimeFieldThatIsNotATimestamp) {
  EXPECT_EQ(CsvEventDecoder::make(*schema_, Views{"device", "temp", "ts"}, {.time_field = "temp"}).status().message(),
            "time field 'temp' is not a timestamp field of schema 'reading'");
}

}  // namespace
}  // namespace cepheus
