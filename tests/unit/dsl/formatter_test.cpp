#include "cepheus/dsl/formatter.h"

#include <gtest/gtest.h>

#include "cepheus/dsl/parser.h"

namespace cepheus::dsl {
namespace {

std::string formatted(const std::string& text) {
  SourceFile file("t.cep", text);
  Diagnostics diagnostics;
  const RuleFile rules = parse(file, diagnostics);
  EXPECT_FALSE(diagnostics.has_errors()) << render_text(diagnostics.all()[0]);
  return format_file(rules);
}

TEST(FormatterTest, LaysOutEachClauseOnItsOwnLine) {
  EXPECT_EQ(formatted("stream hot from readings where temp>80 select device,temp*2 as t"),
            "stream hot from readings\n  where temp > 80\n  select device, temp * 2 as t\n");
}

TEST(FormatterTest, PutsClausesInCanonicalOrder) {
  EXPECT_EQ(formatted("alert a from p to log severity high message \"m\""),
            "alert a from p\n  severity high\n  message \"m\"\n  to log\n");
}

TEST(FormatterTest, SeparatesStatementsByOneBlankLine) {
  EXPECT_EQ(formatted("sink a from x to log\n\n\n\nsink b from x to log"),
            "sink a from x\n  to log\n\nsink b from x\n  to log\n");
}

TEST(FormatterTest, KeepsCommentsBeforeAndAfterClauses) {
  EXPECT_EQ(formatted("-- about a\nstream a from r -- the input\n  -- only hot ones\n  where t > 1\n-- trailing\n"),
            "-- about a\nstream a from r  -- the input\n  -- only hot ones\n  where t > 1\n-- trailing\n");
}

TEST(FormatterTest, CanonicalisesDurationsAndQuoting) {
  EXPECT_EQ(formatted("pattern p within 90s match a: `r`{2} within 3600s"),
            "pattern p\n  within 1m30s\n  match a: r{2} within 1h\n");
  EXPECT_EQ(formatted("stream s from r select `temp-c`, `and` as `x`"),
            "stream s from r\n  select `temp-c`, `and` as x\n");
}

TEST(FormatterTest, WritesQuantifiersInTheirShortestForm) {
  EXPECT_EQ(formatted("pattern p match a: r{1,} then b: r{0,} then c: r{0,1} then d: r{2,5} reluctant"),
            "pattern p\n  match a: r+\n    then b: r*\n    then c: r?\n    then d: r{2,5} reluctant\n");
}

TEST(FormatterTest, EscapesStringsSoTheyReadBack) {
  EXPECT_EQ(formatted(R"(alert a from p message "say \"hi\"\n\{x\} \\ {y}")"),
            "alert a from p\n  message \"say \\\"hi\\\"\\n\\{x\\} \\\\ {y}\"\n");
}

TEST(FormatterTest, KeepsParenthesesOnlyWhereMeaningNeedsThem) {
  EXPECT_EQ(formatted("stream s from r where ((a)) and (b or c) and not (d and e) and -(x+1) > 2"),
            "stream s from r\n  where a and (b or c) and not (d and e) and -(x + 1) > 2\n");
}

}  // namespace
}  // namespace cepheus::dsl
