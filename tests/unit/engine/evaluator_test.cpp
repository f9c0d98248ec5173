#include "cepheus/engine/evaluator.h"

#include <gtest/gtest.h>

#include "cepheus/dsl/checker.h"
#include "cepheus/dsl/project.h"

namespace cepheus::engine {
namespace {

// Evaluates `expression` as the select of a stream over one event of
// R { s: string, i: int, d: double, n: int?, t: timestamp }.
class EvaluatorTest : public ::testing::Test {
 protected:
  Value eval(const std::string& expression) {
    const std::string rules =
        "schema R { s: string, i: int, d: double, n: int?, t: timestamp }\n"
        "source r: R from mqtt \"t\" event time t\n"
        "stream x from r select " +
        expression + " as v\nsink o from x to log\n";
    dsl::Diagnostics diagnostics;
    dsl::Project project = dsl::Project::from_text("t.cep", rules, diagnostics);
    const dsl::CheckedProject checked = dsl::check_project(project, diagnostics);
    for (const dsl::Diagnostic& d : diagnostics.all()) ADD_FAILURE() << dsl::render_text(d);
    if (diagnostics.has_errors()) return Value::string("<error>");
    const auto& source = checked.statements[*checked.find("r")];
    const Event event(*source.output, Timestamp(),
                      {Value::string("Press-01"), Value::integer(7), Value::real(2.5), Value::null(),
                       Value::timestamp(*parse_timestamp("2026-11-20T08:30:00Z"))});
    const auto& stream = std::get<dsl::CheckedStream>(checked.statements[*checked.find("x")].body);
    return evaluate(stream.select[0].expr, EvalContext{&event, nullptr, {}, nullptr});
  }
};

TEST_F(EvaluatorTest, ArithmeticFollowsTheTypeRules) {
  EXPECT_EQ(eval("i + 1"), Value::integer(8));
  EXPECT_EQ(eval("i / 2"), Value::real(3.5));
  EXPECT_EQ(eval("i % 4"), Value::integer(3));
  EXPECT_EQ(eval("i * d"), Value::real(17.5));
  EXPECT_EQ(eval("-i"), Value::integer(-7));
  EXPECT_EQ(eval("s + \"!\""), Value::string("Press-01!"));
  EXPECT_EQ(eval("t + 90s"), Value::timestamp(*parse_timestamp("2026-11-20T08:31:30Z")));
  EXPECT_EQ(eval("t - timestamp(\"2026-11-20T08:00:00Z\")"), Value::duration(Duration::minutes(30)));
  EXPECT_EQ(eval("5m * 2"), Value::duration(Duration::minutes(10)));
  EXPECT_EQ(eval("1h / 30m"), Value::real(2.0));
}

TEST_F(EvaluatorTest, DivisionByZeroAndOverflowGiveNull) {
  EXPECT_TRUE(eval("i / 0").is_null());
  EXPECT_TRUE(eval("i % 0").is_null());
  EXPECT_TRUE(eval("d / 0").is_null());
  EXPECT_TRUE(eval("9223372036854775807 + i").is_null());
  EXPECT_TRUE(eval("9223372036854775807 * 2").is_null());
  EXPECT_TRUE(eval("sqrt(0 - d)").is_null());
}

TEST_F(EvaluatorTest, NullPropagatesThroughOperatorsAndComparisons) {
  EXPECT_TRUE(eval("n + 1").is_null());
  EXPECT_TRUE(eval("n > 1").is_null());
  EXPECT_TRUE(eval("n == n").is_null());
  EXPECT_TRUE(eval("not (n > 1)").is_null());
  EXPECT_EQ(eval("n is null"), Value::boolean(true));
  EXPECT_EQ(eval("n is not null"), Value::boolean(false));
}

TEST_F(EvaluatorTest, AndOrAreThreeValued) {
  EXPECT_EQ(eval("n > 1 and false"), Value::boolean(false));
  EXPECT_EQ(eval("n > 1 or true"), Value::boolean(true));
  EXPECT_TRUE(eval("n > 1 and true").is_null());
  EXPECT_TRUE(eval("n > 1 or false").is_null());
}

TEST_F(EvaluatorTest, InListsAreThreeValued) {
  EXPECT_EQ(eval("i in (1, 7)"), Value::boolean(true));
  EXPECT_EQ(eval("i not in (1, 7)"), Value::boolean(false));
  EXPECT_EQ(eval("i in (1, 2)"), Value::boolean(false));
  EXPECT_TRUE(eval("i in (1, n)").is_null());
  EXPECT_EQ(eval("i in (7, n)"), Value::boolean(true));
  EXPECT_EQ(eval("d in (2.5)"), Value::boolean(true));
  EXPECT_EQ(eval("i in (7.0)"), Value::boolean(true));
}

TEST_F(EvaluatorTest, FunctionsComputeAndSkipNulls) {
  EXPECT_EQ(eval("lower(s)"), Value::string("press-01"));
  EXPECT_EQ(eval("upper(s)"), Value::string("PRESS-01"));
  EXPECT_EQ(eval("length(\"h\u00e9\")"), Value::integer(2));
  EXPECT_EQ(eval("contains(s, \"ss\")"), Value::boolean(true));
  EXPECT_EQ(eval("round(d)"), Value::real(3.0));
  EXPECT_EQ(eval("abs(0 - i)"), Value::integer(7));
  EXPECT_EQ(eval("min(i, d)"), Value::real(2.5));
  EXPECT_EQ(eval("coalesce(n, i)"), Value::integer(7));
  EXPECT_EQ(eval("if(n > 1, \"a\", \"b\")"), Value::string("b")) << "a null condition takes the else branch";
  EXPECT_EQ(eval("hour(t)"), Value::integer(8));
  EXPECT_EQ(eval("day_of_week(t)"), Value::integer(5)) << "2026-11-20 is a Friday";
  EXPECT_TRUE(eval("lower(if(n > 1, s, null))").is_null());
}

TEST(DisplayTextTest, StringsLoseTheirQuotesInMessages) {
  EXPECT_EQ(display_text(Value::string("press-01")), "press-01");
  EXPECT_EQ(display_text(Value::real(86.5)), "86.5");
  EXPECT_EQ(display_text(Value::null()), "null");
}

}  // namespace
}  // namespace cepheus::engine
