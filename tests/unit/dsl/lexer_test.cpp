#include "cepheus/dsl/lexer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace cepheus::dsl {
namespace {

struct Lexed {
  std::vector<std::string> tokens;  // "kind:text"
  std::vector<std::string> errors;
  std::vector<std::string> comments;
};

Lexed lex_text(const std::string& text) {
  SourceFile file("t.cep", text);
  Diagnostics diagnostics;
  LexedFile lexed = lex(file, diagnostics);
  Lexed out;
  for (const Token& token : lexed.tokens) {
    out.tokens.push_back(std::string(token_kind_phrase(token.kind)) + ":" + std::string(token.text));
  }
  for (const Diagnostic& d : diagnostics.all()) out.errors.push_back(d.message);
  for (const Comment& c : lexed.comments) out.comments.push_back(std::string(c.text));
  return out;
}

using Strings = std::vector<std::string>;

TEST(LexerTest, SplitsNamesNumbersDurationsAndStrings) {
  EXPECT_EQ(lex_text("temp > 80.5 within 1h30m \"x\"").tokens,
            (Strings{"a name:temp", "'>':>", "a number:80.5", "a name:within", "a duration:1h30m", "a string:\"x\"",
                     "the end of the file:"}));
}

TEST(LexerTest, ReadsTwoCharacterOperators) {
  EXPECT_EQ(lex_text("== != <= >= = < >").tokens,
            (Strings{"'==':==", "'!=':!=", "'<=':<=", "'>=':>=", "'=':=", "'<':<", "'>':>", "the end of the file:"}));
}

TEST(LexerTest, ReadsExponentsAsNumbersNotDurations) {
  EXPECT_EQ(lex_text("1e-3 2E5 5m").tokens,
            (Strings{"a number:1e-3", "a number:2E5", "a duration:5m", "the end of the file:"}));
}

TEST(LexerTest, KeepsCommentsApartFromTokens) {
  const Lexed lexed = lex_text("-- head\nschema -- tail\n");
  EXPECT_EQ(lexed.comments, (Strings{"-- head", "-- tail"}));
  EXPECT_EQ(lexed.tokens, (Strings{"a name:schema", "the end of the file:"}));
}

TEST(LexerTest, QuotedNamesLoseTheirBackquotes) {
  EXPECT_EQ(lex_text("`temp-c`").tokens, (Strings{"a quoted name:temp-c", "the end of the file:"}));
  EXPECT_EQ(lex_text("``").errors, (Strings{"a quoted name cannot be empty"}));
  EXPECT_EQ(lex_text("`open").errors, (Strings{"this quoted name is not closed with '`'"}));
}

TEST(LexerTest, ReportsBadDurationsAndGoesOn) {
  const Lexed lexed = lex_text("5x then 3");
  EXPECT_EQ(lexed.errors, (Strings{"bad duration '5x'"}));
  EXPECT_EQ(lexed.tokens.size(), 4u);
}

TEST(LexerTest, ReportsUnclosedStringsAndUnknownEscapes) {
  EXPECT_EQ(lex_text("\"abc\nx").errors, (Strings{"this string is not closed on its line"}));
  EXPECT_EQ(lex_text("\"a\\qb\"").errors, (Strings{"unknown escape '\\q'"}));
}

TEST(LexerTest, ReportsStrayCharactersWholeAndGoesOn) {
  const Lexed lexed = lex_text("a \xC3\xA9 ; 'x' !");
  EXPECT_EQ(lexed.errors, (Strings{"unexpected character '\xC3\xA9'", "unexpected character ';'",
                                   "unexpected character '''", "unexpected '!'"}));
}

TEST(LexerTest, RefusesOverlongNames) {
  EXPECT_EQ(lex_text(std::string(200, 'a')).errors,
            (Strings{"this name is 200 characters long; names may have at most 128"}));
}

TEST(LexerTest, RefusesInvalidUtf8Files) {
  EXPECT_EQ(lex_text("schema \xFF").errors,
            (Strings{"the file is not valid UTF-8: a byte that cannot start a character"}));
}

TEST(LexerTest, RefusesHugeFiles) {
  const Lexed lexed = lex_text(std::string(kMaxFileBytes + 1, ' '));
  ASSERT_EQ(lexed.errors.size(), 1u);
  EXPECT_EQ(lexed.errors[0], "the file is 4194305 bytes; rule files may be at most 4194304 bytes");
}

TEST(LexerTest, MarksTokensThatStartALine) {
  SourceFile file("t.cep", "a b\n  c");
  Diagnostics diagnostics;
  const LexedFile lexed = lex(file, diagnostics);
  EXPECT_TRUE(lexed.tokens[0].first_on_line);
  EXPECT_FALSE(lexed.tokens[1].first_on_line);
  EXPECT_TRUE(lexed.tokens[2].first_on_line);
}

}  // namespace
}  // namespace cepheus::dsl
