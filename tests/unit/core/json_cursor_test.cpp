#include "cepheus/core/json_cursor.h"

#include <gtest/gtest.h>

#include <string>

namespace cepheus {
namespace {

std::string skip_error(std::string_view text, int max_depth = 64) {
  JsonCursor cursor(text, max_depth);
  if (cursor.skip_value(0) && cursor.at_end()) return "ok";
  if (!cursor.failed()) return "trailing text";
  return cursor.status().message();
}

std::string read_string_result(std::string_view text) {
  JsonCursor cursor(text);
  std::string_view out;
  if (!cursor.read_string(out)) return "error: " + cursor.status().message();
  return std::string(out);
}

TEST(JsonCursorTest, SkipsEveryKindOfValue) {
  EXPECT_EQ(skip_error(R"({"a":[1,-2.5e3,true,false,null,{"b":"c"}],"d":{}})"), "ok");
  EXPECT_EQ(skip_error(" [ ] "), "ok");
}

TEST(JsonCursorTest, UnescapesStrings) {
  EXPECT_EQ(read_string_result(R"("plain")"), "plain");
  EXPECT_EQ(read_string_result(R"("a\"b\\c\/d\n\t")"), "a\"b\\c/d\n\t");
  EXPECT_EQ(read_string_result(R"("\u00e9\u20ac")"), "\xC3\xA9\xE2\x82\xAC");
  EXPECT_EQ(read_string_result(R"("\ud83d\ude00")"), "\xF0\x9F\x98\x80");
  EXPECT_EQ(read_string_result("\"caf\xC3\xA9\""), "caf\xC3\xA9");
}

TEST(JsonCursorTest, RefusesBadEscapesAndSurrogates) {
  EXPECT_EQ(read_string_result(R"("\x")"),
            "error: column 2: unknown escape '\\x'; use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX");
  EXPECT_EQ(read_string_result(R"("\u12")"), "error: column 2: \\u needs four hex digits");
  EXPECT_EQ(read_string_result(R"("\ud83d")"), "error: column 2: high surrogate in \\u escape without its low half");
  EXPECT_EQ(read_string_result(R"("\ude00")"), "error: column 2: lone low surrogate in \\u escape");
}

TEST(JsonCursorTest, RefusesInvalidUtf8WithItsPlace) {
  EXPECT_EQ(read_string_result("\"ab\xFF\""), "error: column 4: invalid UTF-8: a byte that cannot start a character");
  EXPECT_EQ(read_string_result("\"\xC0\xAF\""), "error: column 2: invalid UTF-8: a byte that cannot start a character");
  EXPECT_EQ(read_string_result("\"\xE0\x80\xAF\""), "error: column 2: invalid UTF-8: an overlong encoding");
  EXPECT_EQ(read_string_result("\"\xED\xA0\x80\""), "error: column 2: invalid UTF-8: an encoded surrogate");
  EXPECT_EQ(read_string_result("\"\xF4\x90\x80\x80\""), "error: column 2: invalid UTF-8: a code point beyond U+10FFFF");
  EXPECT_EQ(read_string_result("\"\xE2\x82\""), "error: column 2: invalid UTF-8: a character cut short");
  EXPECT_EQ(read_string_result("\"\xE2\x82"), "error: column 2: invalid UTF-8: the text ends inside a character");
}

TEST(JsonCursorTest, RefusesRawControlCharactersInStrings) {
  EXPECT_EQ(read_string_result("\"a\tb\""), "error: column 3: control character byte 0x09 in a string; escape it");
}

TEST(JsonCursorTest, RefusesAnUnclosedString) {
  EXPECT_EQ(read_string_result("\"abc"), "error: column 1: string is not closed with '\"'");
  EXPECT_EQ(read_string_result("\"ab\\n"), "error: column 1: string is not closed with '\"'");
}

TEST(JsonCursorTest, ChecksTheNumberGrammar) {
  EXPECT_EQ(skip_error("-"), "column 1: expected a number");
  EXPECT_EQ(skip_error("01"), "column 1: numbers may not have leading zeros");
  EXPECT_EQ(skip_error("1."), "column 3: expected digits after '.'");
  EXPECT_EQ(skip_error("1e"), "column 3: expected digits in the exponent");
  EXPECT_EQ(skip_error("+1"), "column 1: unexpected '+'; expected a value");
  EXPECT_EQ(skip_error("0.5e-3"), "ok");
}

TEST(JsonCursorTest, RefusesBadLiteralsAndStructure) {
  EXPECT_EQ(skip_error("tru"), "column 1: unexpected 't'");
  EXPECT_EQ(skip_error("nullx"), "column 5: unexpected 'x' after a literal");
  EXPECT_EQ(skip_error("[1,]"), "column 4: unexpected ']'; expected a value");
  EXPECT_EQ(skip_error("{\"a\" 1}"), "column 6: expected ':' after the key");
  EXPECT_EQ(skip_error("{1:2}"), "column 2: expected a quoted key");
  EXPECT_EQ(skip_error("[1 2]"), "column 4: expected ',' or ']' in an array");
  EXPECT_EQ(skip_error("{\"a\":1"), "column 7: expected ',' or '}' in an object");
  EXPECT_EQ(skip_error(""), "column 1: unexpected end of text; expected a value");
}

TEST(JsonCursorTest, LimitsNestingDepth) {
  const std::string deep = std::string(100, '[') + std::string(100, ']');
  EXPECT_EQ(skip_error(deep), "column 65: nesting is deeper than 64 levels");
  EXPECT_EQ(skip_error(std::string(4, '[') + std::string(4, ']'), 3), "column 4: nesting is deeper than 3 levels");
  EXPECT_EQ(skip_error(std::string(3, '[') + std::string(3, ']'), 3), "ok");
}

TEST(JsonCursorTest, CountsLinesAndCharactersInPositions) {
  EXPECT_EQ(skip_error("{\n  \"a\": [1,\n  2,, 3]}"), "line 3, column 5: unexpected ','; expected a value");
  // Columns count characters: the two-byte é is one column.
  EXPECT_EQ(skip_error("[\"\xC3\xA9\", x]"), "column 7: unexpected 'x'; expected a value");
}

TEST(JsonCursorTest, KeepsTheFirstError) {
  JsonCursor cursor("x");
  EXPECT_FALSE(cursor.fail("first"));
  EXPECT_FALSE(cursor.fail("second"));
  EXPECT_EQ(cursor.status().message(), "column 1: first");
}

}  // namespace
}  // namespace cepheus
