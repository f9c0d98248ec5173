#include "cepheus/core/json_value.h"

#include <gtest/gtest.h>

namespace cepheus {
namespace {

TEST(JsonValueTest, ParsesEveryKindInDocumentOrder) {
  auto doc = JsonValue::parse(R"({"b":true,"n":null,"i":-42,"d":2.5,"s":"x\u00e9","a":[1,[2]],"o":{"k":"v"}})");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ(doc->members().size(), 7u);
  EXPECT_EQ(doc->members()[0].first, "b");
  EXPECT_TRUE(doc->find("b")->as_bool());
  EXPECT_TRUE(doc->find("n")->is_null());
  EXPECT_EQ(doc->find("i")->as_int(), -42);
  EXPECT_EQ(doc->find("d")->as_double(), 2.5);
  EXPECT_EQ(doc->find("d")->as_int(), std::nullopt);
  EXPECT_EQ(doc->find("s")->text(), "x\xC3\xA9");
  EXPECT_EQ(doc->find("a")->items()[1].items()[0].as_int(), 2);
  EXPECT_EQ(doc->find("o")->find("k")->text(), "v");
  EXPECT_EQ(doc->find("missing"), nullptr);
}

TEST(JsonValueTest, KeepsLargeIntegersExact) {
  EXPECT_EQ(JsonValue::parse("9223372036854775807")->as_int(), INT64_MAX);
  EXPECT_EQ(JsonValue::parse("9223372036854775808")->as_int(), std::nullopt);
}

TEST(JsonValueTest, RefusesDuplicateKeysAndTrailingText) {
  EXPECT_EQ(JsonValue::parse(R"({"a":1,"a":2})").status().message(), "column 8: the key \"a\" appears twice");
  EXPECT_EQ(JsonValue::parse("[1] x").status().message(), "column 5: unexpected text after the JSON value");
  EXPECT_EQ(JsonValue::parse("").status().message(), "column 1: unexpected end of text; expected a value");
}

TEST(JsonValueTest, LimitsDepth) {
  EXPECT_EQ(JsonValue::parse(std::string(100, '[') + std::string(100, ']')).status().message(),
            "column 65: nesting is deeper than 64 levels");
}

TEST(JsonValueTest, ExplainsMalformedStructure) {
  EXPECT_EQ(JsonValue::parse("{\"a\" 1}").status().message(), "column 6: expected ':' after the key");
  EXPECT_EQ(JsonValue::parse("[1 2]").status().message(), "column 4: expected ',' or ']' in an array");
  EXPECT_EQ(JsonValue::parse("{\"a\":1 \"b\":2}").status().message(), "column 8: expected ',' or '}' in an object");
}

}  // namespace
}  // namespace cepheus
