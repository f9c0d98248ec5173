#include "cepheus/core/schema.h"

#include <gtest/gtest.h>

namespace cepheus {
namespace {

TEST(SchemaTest, FindsFieldsByName) {
  auto schema = Schema::make("reading", {{"device", ValueType::kString}, {"temp", ValueType::kDouble}});
  ASSERT_TRUE(schema.ok()) << schema.status().message();
  EXPECT_EQ((*schema)->size(), 2u);
  EXPECT_EQ((*schema)->index_of("temp"), 1u);
  EXPECT_EQ((*schema)->index_of("device"), 0u);
  EXPECT_EQ((*schema)->index_of("humidity"), Schema::npos);
}

TEST(SchemaTest, RefusesADuplicateField) {
  auto schema = Schema::make("reading", {{"temp", ValueType::kDouble}, {"temp", ValueType::kInt}});
  EXPECT_EQ(schema.status().message(), "schema 'reading': field 'temp' is declared twice");
}

TEST(SchemaTest, RefusesEmptyOrControlCharacterNames) {
  EXPECT_EQ(Schema::make("s", {{"", ValueType::kInt}}).status().message(), "schema 's': field 1 has an empty name");
  EXPECT_EQ(Schema::make("s", {{"a\nb", ValueType::kInt}}).status().message(),
            "schema 's': field name 'a\nb' contains a control character");
  EXPECT_FALSE(Schema::make("s", {{std::string(300, 'n'), ValueType::kInt}}).ok());
}

TEST(SchemaTest, RefusesANullTypedField) {
  EXPECT_EQ(Schema::make("s", {{"x", ValueType::kNull}}).status().message(),
            "schema 's': field 'x' needs a type other than null");
}

TEST(SchemaTest, ChecksDefaultsAgainstTheFieldType) {
  auto wrong = Schema::make("s", {{"unit", ValueType::kInt, false, Value::string("C")}});
  EXPECT_EQ(wrong.status().message(), "schema 's': field 'unit' is a int but its default \"C\" is a string");
  auto widened = Schema::make("s", {{"limit", ValueType::kDouble, false, Value::integer(80)}});
  ASSERT_TRUE(widened.ok());
  EXPECT_EQ((*widened)->field(0).default_value, Value::real(80.0));
}

TEST(SchemaTest, PrintsItsShape) {
  auto schema = parse_schema_spec("reading", "device: string, temp: double?, unit: string = \"C\"");
  ASSERT_TRUE(schema.ok()) << schema.status().message();
  EXPECT_EQ((*schema)->to_string(), "reading { device: string, temp: double?, unit: string = \"C\" }");
}

TEST(SchemaSpecTest, ParsesTypesOptionalityAndDefaults) {
  auto schema = parse_schema_spec("s",
                                  "a: bool = true, b: int = -3, c: double=2.5, d: timestamp = "
                                  "\"2026-11-20T08:00:00Z\", e: duration = 5s, f: string?");
  ASSERT_TRUE(schema.ok()) << schema.status().message();
  const Schema& s = **schema;
  EXPECT_EQ(s.field(0).default_value, Value::boolean(true));
  EXPECT_EQ(s.field(1).default_value, Value::integer(-3));
  EXPECT_EQ(s.field(2).default_value, Value::real(2.5));
  EXPECT_EQ(s.field(3).default_value.as_timestamp(), *parse_timestamp("2026-11-20T08:00:00Z"));
  EXPECT_EQ(s.field(4).default_value, Value::duration(Duration::seconds(5)));
  EXPECT_TRUE(s.field(5).optional);
  EXPECT_FALSE(s.field(0).optional);
}

TEST(SchemaSpecTest, ExplainsEachMistakeWithItsColumn) {
  EXPECT_EQ(parse_schema_spec("s", "temp double").status().message(),
            "schema text at column 6: expected ':' and a type after 'temp'");
  EXPECT_EQ(parse_schema_spec("s", "temp: float").status().message(),
            "schema text at column 12: unknown type 'float'; use bool, int, double, string, timestamp or duration");
  EXPECT_EQ(parse_schema_spec("s", "a: int b: int").status().message(),
            "schema text at column 8: expected ',' between fields");
  EXPECT_EQ(parse_schema_spec("s", "a: int = x").status().message(),
            "schema text at column 11: default 'x' is not a int for field 'a'");
  EXPECT_EQ(parse_schema_spec("s", "a: string = \"open").status().message(),
            "schema text at column 18: the quoted default is not closed with '\"'");
  EXPECT_EQ(parse_schema_spec("s", ", a: int").status().message(), "schema text at column 1: expected a field name");
  EXPECT_EQ(parse_schema_spec("s", "a: int, a: int").status().message(), "schema 's': field 'a' is declared twice");
}

TEST(SchemaSpecTest, AnEmptySpecIsAnEmptySchema) {
  auto schema = parse_schema_spec("empty", "  ");
  ASSERT_TRUE(schema.ok());
  EXPECT_EQ((*schema)->size(), 0u);
}

}  // namespace
}  // namespace cepheus
