#include "cepheus/engine/evaluator.h"

#include <gtest/gtest.h>

#include <cmath>

#include "cepheus/dsl/checker.h"
#include "cepheus/dsl/project.h"
#include "field_test.h"

namespace cepheus::engine {
namespace {

// Evaluates `expression` as the select of a stream over one event of
// R { s: string, i: int, d: double, n: int?, t: timestamp }.
class EvaluatorTest : public ::testing::Test {
 protected:
  Value eval(const std::string& expression) {
    const Value* v = run("select " + expression + " as v", Value::string("Press-01"), false);
    return v ? *v : Value::string("<error>");
  }
  // Whether `condition` holds (as a stream's `where`) for an event whose `s` is `s`.
  bool holds_for(const std::string& condition, const Value& s) { return run("where " + condition, s, true) != nullptr; }

 private:
  // The select's value, or for a `where` the event when the condition holds (else nullptr).
  const Value* run(const std::string& clause, const Value& s, bool where) {
    const std::string rules =
        "schema R { s: string, i: int, d: double, n: int?, t: timestamp }\n"
        "source r: R from mqtt \"t\" event time t\n"
        "stream x from r " +
        clause + "\nsink o from x to log\n";
    dsl::Diagnostics diagnostics;
    dsl::Project project = dsl::Project::from_text("t.cep", rules, diagnostics);
    const dsl::CheckedProject checked = dsl::check_project(project, diagnostics);
    for (const dsl::Diagnostic& d : diagnostics.all()) ADD_FAILURE() << dsl::render_text(d);
    if (diagnostics.has_errors()) return nullptr;
    const auto& source = checked.statements[*checked.find("r")];
    const Event event(*source.output, Timestamp(),
                      {s, Value::integer(7), Value::real(2.5), Value::null(),
                       Value::timestamp(*parse_timestamp("2026-11-20T08:30:00Z"))});
    const auto& stream = std::get<dsl::CheckedStream>(checked.statements[*checked.find("x")].body);
    const EvalContext context{&event, nullptr, {}, nullptr};
    if (where) return holds(*stream.where, context) ? &result_ : nullptr;
    result_ = evaluate(stream.select[0].expr, context);
    return &result_;
  }
  Value result_;
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

// Conditions test string equality by the bytes first: short (inline) and long (heap)
// texts, equal or not, against constants and against each other.
TEST_F(EvaluatorTest, ConditionsTestStringEqualityOfShortAndLongTexts) {
  const Value long_text = Value::string("a-device-name-longer-than-fourteen-bytes");
  EXPECT_TRUE(holds_for("s == \"Press-01\"", Value::string("Press-01")));
  EXPECT_FALSE(holds_for("s == \"Press-02\"", Value::string("Press-01")));
  EXPECT_TRUE(holds_for("s != \"Press-02\"", Value::string("Press-01")));
  EXPECT_FALSE(holds_for("s != \"Press-01\"", Value::string("Press-01")));
  EXPECT_TRUE(holds_for("s == \"a-device-name-longer-than-fourteen-bytes\"", long_text));
  EXPECT_FALSE(holds_for("s == \"a-device-name-longer-than-fourteen-byteS\"", long_text));
  EXPECT_FALSE(holds_for("s == \"Press-01\"", long_text));
  EXPECT_TRUE(holds_for("s == s", long_text));
  EXPECT_TRUE(holds_for("s < \"b\"", long_text)) << "ordering still compares the text";
  EXPECT_FALSE(holds_for("s == \"x\"", Value::null())) << "null is unknown, not false or true";
  EXPECT_FALSE(holds_for("s != \"x\"", Value::null()));
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

// The shortcut for "field OP constant" answers as the evaluator does, nulls, NaN,
// -0 and int-against-double included, and stands for nothing else.
TEST(FieldTestTest, AnswersAsTheEvaluatorDoesAndOnlyForAFieldAgainstAConstant) {
  const std::vector<std::string> shortcuts = {"s == \"A\"", "s != \"A\"", "s == \"a-string-longer-than-fourteen\"",
                                              "i == 7",     "i != 7",     "i < 7",
                                              "i <= 7",     "i > 7",      "i >= 7",
                                              "i > 6.5",    "d > 80",     "d == 2.5",
                                              "d < 0",      "d >= 1.5",   "d != 0"};
  const std::vector<std::string> others = {"s < \"b\"",
                                           "\"A\" == s",
                                           "i + 1 > 7",
                                           "i > d",
                                           "s == null",
                                           "i > 6 and d > 1",
                                           "t > timestamp(\"2026-11-20T08:00:00Z\")"};
  std::string rules =
      "schema R { s: string?, i: int?, d: double?, t: timestamp }\n"
      "source r: R from mqtt \"t\" event time t\n";
  const std::size_t total = shortcuts.size() + others.size();
  for (std::size_t k = 0; k < total; ++k) {
    rules += "stream x" + std::to_string(k) + " from r where " +
             (k < shortcuts.size() ? shortcuts[k] : others[k - shortcuts.size()]) + "\n";
  }
  dsl::Diagnostics diagnostics;
  dsl::Project project = dsl::Project::from_text("t.cep", rules, diagnostics);
  const dsl::CheckedProject checked = dsl::check_project(project, diagnostics);
  for (const dsl::Diagnostic& d : diagnostics.all()) {
    if (d.severity == dsl::Severity::kError) ADD_FAILURE() << dsl::render_text(d);  // unused streams only warn
  }
  ASSERT_FALSE(diagnostics.has_errors());
  const Schema& schema = *checked.statements[*checked.find("r")].output;
  const Timestamp t = *parse_timestamp("2026-11-20T08:30:00Z");
  const std::vector<Value> strings = {Value::null(), Value::string("A"), Value::string("a"), Value::string(""),
                                      Value::string("a-string-longer-than-fourteen")};
  const std::vector<Value> ints = {Value::null(), Value::integer(7), Value::integer(-7), Value::integer(INT64_MAX)};
  const std::vector<Value> doubles = {Value::null(),     Value::real(2.5),          Value::real(80),
                                      Value::real(-0.0), Value::real(std::nan("")), Value::real(1e300)};
  std::size_t tested = 0;
  for (std::size_t k = 0; k < total; ++k) {
    const auto& stream = std::get<dsl::CheckedStream>(checked.statements[*checked.find("x" + std::to_string(k))].body);
    const std::optional<FieldTest> shortcut = FieldTest::of(*stream.where);
    ASSERT_EQ(shortcut.has_value(), k < shortcuts.size()) << "condition " << k;
    if (!shortcut) continue;
    for (const Value& s : strings) {
      for (const Value& i : ints) {
        for (const Value& d : doubles) {
          const Event event(schema, t, {s, i, d, Value::timestamp(t)});
          const EvalContext context{&event, nullptr, {}, nullptr};
          EXPECT_EQ(shortcut->holds(event), holds(*stream.where, context))
              << shortcuts[k] << " on " << event.to_string();
          ++tested;
        }
      }
    }
  }
  EXPECT_EQ(tested, shortcuts.size() * strings.size() * ints.size() * doubles.size());
}

}  // namespace
}  // namespace cepheus::engine
