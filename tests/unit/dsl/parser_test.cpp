#include "cepheus/dsl/parser.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cepheus/dsl/formatter.h"

namespace cepheus::dsl {
namespace {

struct Parsed {
  std::unique_ptr<SourceFile> file;
  RuleFile rules;
  Diagnostics diagnostics;
  std::vector<std::string> errors() const {
    std::vector<std::string> out;
    for (const Diagnostic& d : diagnostics.all()) {
      const LineColumn at = file->position(d.span.begin);
      out.push_back(std::to_string(at.line) + ":" + std::to_string(at.column) + " " + d.message);
    }
    return out;
  }
};

std::unique_ptr<Parsed> parse_text(std::string text) {
  auto parsed = std::make_unique<Parsed>();
  parsed->file = std::make_unique<SourceFile>("t.cep", std::move(text));
  parsed->rules = parse(*parsed->file, parsed->diagnostics);
  return parsed;
}

using Strings = std::vector<std::string>;

TEST(ParserTest, ParsesEveryStatementKind) {
  auto p = parse_text(R"(
schema R { device: string, temp: double?, unit: string = "C", ts: timestamp }
source readings: R from mqtt "plant/{device}/t" qos 1 broker edge format json event time ts lateness 10s idle after 1m
table devices: R from sqlite "ref.db" query "select 1" key device
stream hot from readings join devices on device = devices.device where temp > 80 select *, temp as t
window w from readings group by device count 100 every 10 where temp > 0 compute count(distinct device) as n having n > 1
twin s key device { n: int = 0 } on readings where temp > 0 set n = n + 1 on hot set n = 0 expire after 30d
pattern p partition by device within 10m match every a: readings{2,} reluctant where temp > 1 next (b: readings or c: hot) then any not readings within 5m skip to last a select device
alert a from p where device != "x" severity critical message "{device} \{" throttle 1m per device to mqtt "a/{device}" qos 2, webhook "http://h/x", journal, log
sink s from hot to log
)");
  EXPECT_TRUE(p->errors().empty()) << p->errors()[0];
  ASSERT_EQ(p->rules.statements.size(), 9u);
  const auto& pattern = std::get<PatternStmt>(p->rules.statements[6].body);
  ASSERT_EQ(pattern.match->kind, PatternNodeKind::kSequence);
  EXPECT_EQ(pattern.match->contiguity, (std::vector<Contiguity>{Contiguity::kStrict, Contiguity::kRelaxedAny}));
  EXPECT_TRUE(pattern.match->items[0]->every);
  EXPECT_EQ(pattern.match->items[0]->quantifier.min, 2);
  EXPECT_FALSE(pattern.match->items[0]->quantifier.max.has_value());
  EXPECT_TRUE(pattern.match->items[0]->quantifier.reluctant);
  EXPECT_EQ(pattern.match->items[1]->kind, PatternNodeKind::kOr);
  EXPECT_EQ(pattern.match->items[2]->kind, PatternNodeKind::kAbsence);
  EXPECT_EQ(pattern.skip->kind.text, "to last");
  const auto& alert = std::get<AlertStmt>(p->rules.statements[7].body);
  EXPECT_EQ(alert.message->value, "{device} \\{");
  EXPECT_EQ(alert.targets.size(), 4u);
}

TEST(ParserTest, MqttTargetsTakeQosRetainAndABrokerInAnyOrder) {
  auto p = parse_text("sink s from r to mqtt \"state/{device}\" retain broker cloud qos 0, log\n");
  ASSERT_TRUE(p->errors().empty()) << p->errors()[0];
  const auto& targets = std::get<SinkStmt>(p->rules.statements[0].body).targets;
  ASSERT_EQ(targets.size(), 2u);
  EXPECT_TRUE(targets[0].retain);
  ASSERT_TRUE(targets[0].broker.has_value());
  EXPECT_EQ(targets[0].broker->text, "cloud");
  EXPECT_EQ(targets[0].qos, 0);
  EXPECT_FALSE(targets[1].retain);
  EXPECT_EQ(format_file(p->rules), "sink s from r\n  to mqtt \"state/{device}\" qos 0 retain broker cloud, log\n");
  EXPECT_EQ(parse_text("sink s from r to mqtt \"t\" retain retain\n")->errors(),
            (Strings{"1:34 the 'retain' clause is given twice"}));
  EXPECT_EQ(parse_text("sink s from r to mqtt \"t\" broker\n")->errors().size(), 1u);
}

TEST(ParserTest, ClausesMayComeInAnyOrder) {
  auto a = parse_text("stream s from r where x > 1 select x\n");
  auto b = parse_text("stream s from r select x where x > 1\n");
  EXPECT_TRUE(same_structure(a->rules, b->rules));
}

TEST(ParserTest, HonoursOperatorPrecedence) {
  auto p = parse_text("stream s from r where a or b and not c == 1 + 2 * -3\n");
  const auto& where = *std::get<StreamStmt>(p->rules.statements[0].body).where;
  EXPECT_EQ(where.text, "or");
  EXPECT_EQ(format_expression(where), "a or b and not c == 1 + 2 * -3");
  auto q = parse_text("stream s from r where (a or b) and (1 + 2) * 3 > x - (y - z)\n");
  EXPECT_EQ(format_expression(*std::get<StreamStmt>(q->rules.statements[0].body).where),
            "(a or b) and (1 + 2) * 3 > x - (y - z)");
}

TEST(ParserTest, ReadsInIsNullAndQualifiedNames) {
  auto p = parse_text("stream s from r where a.country not in (\"FR\", b.country) and x is not null\n");
  EXPECT_EQ(format_expression(*std::get<StreamStmt>(p->rules.statements[0].body).where),
            "a.country not in (\"FR\", b.country) and x is not null");
}

TEST(ParserTest, ReportsOneErrorPerBrokenStatementAndKeepsTheGoodOnes) {
  auto p = parse_text("stream a from r where\nstream b from r\nstream c from r select ,\nsink d from b to log\n");
  EXPECT_EQ(p->errors(), (Strings{"2:1 expected a value, found 'stream'", "3:24 expected a value, found ','"}));
  ASSERT_EQ(p->rules.statements.size(), 2u);
  EXPECT_EQ(p->rules.statements[0].name.text, "b");
  EXPECT_EQ(p->rules.statements[1].name.text, "d");
}

TEST(ParserTest, SuggestsTheStatementKeywordForATypo) {
  auto p = parse_text("strem s from r\n");
  ASSERT_EQ(p->diagnostics.all().size(), 1u);
  EXPECT_EQ(p->diagnostics.all()[0].hint, "did you mean 'stream'?");
}

TEST(ParserTest, SuggestsAClauseForATypo) {
  auto p = parse_text("stream s from r wher x > 1\n");
  ASSERT_EQ(p->diagnostics.all().size(), 1u);
  EXPECT_EQ(p->diagnostics.all()[0].message, "expected a clause of the stream, found 'wher'");
  EXPECT_EQ(p->diagnostics.all()[0].hint, "did you mean 'where'?");
}

TEST(ParserTest, RefusesAClauseGivenTwice) {
  auto p = parse_text("stream s from r where a where b\n");
  EXPECT_EQ(p->errors(), (Strings{"1:25 the 'where' clause is given twice"}));
}

TEST(ParserTest, RefusesMixedAndOrInOnePatternGroup) {
  auto p = parse_text("pattern p match (a: r and b: r or c: r)\n");
  EXPECT_EQ(p->errors(), (Strings{"1:32 'and' and 'or' are mixed in one group"}));
}

TEST(ParserTest, LimitsExpressionDepthWithoutCrashing) {
  auto p = parse_text("stream s from r where " + std::string(5000, '(') + "x" + std::string(5000, ')') + "\n");
  ASSERT_FALSE(p->errors().empty());
  EXPECT_NE(p->errors()[0].find("nested more than 64 levels"), std::string::npos);
  std::string minus;
  for (int i = 0; i < 3000; ++i) minus += "- ";  // not "--", which starts a comment
  auto q = parse_text("stream s from r where " + minus + "x\n");
  EXPECT_NE(q->errors()[0].find("nested more than 64 levels"), std::string::npos);
}

TEST(ParserTest, LimitsPatternLength) {
  std::string match = "pattern p match a: r";
  for (int i = 0; i < 70; ++i) match += " then r";
  auto p = parse_text(match + "\n");
  EXPECT_EQ(p->diagnostics.all().at(0).message, "a pattern may have at most 64 steps");
}

TEST(ParserTest, AWindowNeedsAKind) {
  auto p = parse_text("window w from r compute count() as n\n");
  EXPECT_EQ(p->diagnostics.all().at(0).message, "expected a window kind, found the end of the file");
}

TEST(ParserTest, DecodesStringEscapesButKeepsTemplateBraces) {
  EXPECT_EQ(decode_string_literal(R"("a\"b\\c\nd\te\{f\}")"), "a\"b\\c\nd\te\\{f\\}");
}

}  // namespace
}  // namespace cepheus::dsl
