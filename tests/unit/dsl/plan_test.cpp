#include "cepheus/dsl/plan.h"

#include <gtest/gtest.h>

#include "cepheus/dsl/checker.h"
#include "cepheus/dsl/parser.h"
#include "cepheus/dsl/project.h"

namespace cepheus::dsl {
namespace {

constexpr const char* kRules = R"(
schema R { device: string, temp: double, ts: timestamp }
source r: R from mqtt "plant/{device}/t" event time ts lateness 5s
stream hot from r where temp > 80 select device, temp
alert a from hot message "{device} at {temp}" to journal
)";

std::string compiled_json() {
  Diagnostics diagnostics;
  Project project = Project::from_text("t.cep", kRules, diagnostics);
  const CheckedProject checked = check_project(project, diagnostics);
  EXPECT_FALSE(diagnostics.has_errors());
  return plan_to_json(compile_plan(checked));
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(PlanTest, CompilesStatementsInDependencyOrderWithLocations) {
  auto plan = plan_from_json(compiled_json());
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  ASSERT_EQ(plan->statements.size(), 4u);
  EXPECT_EQ(plan->statements[2].name, "hot");
  EXPECT_EQ(plan->statements[2].inputs, (std::vector<StatementId>{1}));
  EXPECT_EQ(plan->statements[2].location, "t.cep:4:1");
  EXPECT_EQ(plan->statements[2].output->to_string(), "hot { device: string?, temp: double? }");
}

TEST(PlanTest, WritesTheSameBytesForTheSamePlan) {
  EXPECT_EQ(compiled_json(), compiled_json());
}

TEST(PlanTest, RefusesAnotherFormatVersion) {
  auto plan = plan_from_json(replace(compiled_json(), "\"version\":1", "\"version\":2"));
  EXPECT_EQ(plan.status().message(),
            "version: this Cepheus reads plan format 1, not 2; compile the project again with this version");
}

TEST(PlanTest, NamesTheJsonPathOfAMissingMember) {
  auto plan = plan_from_json(replace(compiled_json(), "\"lateness\":\"5s\",", ""));
  EXPECT_EQ(plan.status().message(), "statements[1].body: the member \"lateness\" is missing");
}

TEST(PlanTest, NamesTheJsonPathOfAWrongType) {
  auto plan = plan_from_json(replace(compiled_json(), "\"qos\":1", "\"qos\":\"one\""));
  EXPECT_EQ(plan.status().message(), "statements[1].body.qos: expected an integer, found a string");
}

TEST(PlanTest, RefusesAFieldIndexBeyondItsSchema) {
  auto plan = plan_from_json(replace(compiled_json(), "\"slot\":\"event\",\"source\":0,\"index\":1",
                                     "\"slot\":\"event\",\"source\":0,\"index\":9"));
  EXPECT_EQ(plan.status().message(), "statement 2 'hot': event field 9 is beyond 'R' (3 fields)");
}

TEST(PlanTest, RefusesAnInputThatComesLater) {
  auto plan = plan_from_json(replace(compiled_json(), "\"inputs\":[1]", "\"inputs\":[3]"));
  EXPECT_EQ(plan.status().message(), "statement 2 'hot': reads statement 3, which does not come before it");
}

// The engine packs a step's number into 16 bits of a bound event: a plan from a file
// holds no more steps than the parser allows.
TEST(PlanTest, RefusesAPatternWithMoreStepsThanTheParserAllows) {
  Diagnostics diagnostics;
  Project project = Project::from_text("t.cep",
                                       "schema R { device: string, ts: timestamp }\n"
                                       "source r: R from mqtt \"t\" event time ts\n"
                                       "pattern p partition by device match a: r\n"
                                       "sink out from p to log\n",
                                       diagnostics);
  const std::string json = plan_to_json(compile_plan(check_project(project, diagnostics)));
  ASSERT_FALSE(diagnostics.has_errors());
  const std::string step = R"({"name":"a","stream":1,"partition_fields":[0],"min":1,"max":1,"reluctant":false,)"
                           R"("absence":false,"where":null,"within":null})";
  std::string steps;
  for (std::size_t i = 0; i <= kMaxPatternSteps; ++i) steps += "," + step;
  auto plan = plan_from_json(replace(json, step, step + steps));
  EXPECT_EQ(plan.status().message(), "statement 2 'p': a pattern may have at most 64 steps");
}

TEST(PlanTest, RefusesUnknownEnumerationValues) {
  auto plan = plan_from_json(replace(compiled_json(), "\"op\":\">\"", "\"op\":\"~\""));
  EXPECT_EQ(plan.status().message(), "statements[2].body.where.op: unknown value \"~\"");
}

TEST(PlanTest, RefusesTextThatIsNotJson) {
  EXPECT_EQ(plan_from_json("{").status().message(), "plan is not valid JSON: column 2: expected a quoted key");
  EXPECT_EQ(plan_from_json("[]").status().message(), "plan: a plan is a JSON object");
}

TEST(PlanTest, MqttTargetsKeepRetainAndBrokerThroughJson) {
  const std::string json =
      replace(compiled_json(), R"({"kind":"journal")",
              R"({"kind":"mqtt","address":["state"],"qos":1,"retain":true,"broker":"cloud"},{"kind":"journal")");
  auto plan = plan_from_json(json);
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  const auto& targets = std::get<CheckedAlert>(plan->statements[3].body).targets;
  ASSERT_EQ(targets.size(), 2u);
  EXPECT_TRUE(targets[0].retain);
  EXPECT_EQ(targets[0].broker, "cloud");
  EXPECT_FALSE(targets[1].retain);
  EXPECT_EQ(plan_to_json(*plan), json) << "written back the same";
  EXPECT_NE(explain_plan(*plan).find("to mqtt \"state\" qos 1 retain broker cloud"), std::string::npos)
      << explain_plan(*plan);
  const auto refused = plan_from_json(replace(json, R"("kind":"journal")", R"("kind":"journal","retain":true)"));
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("only MQTT targets have 'retain' and 'broker'"), std::string::npos)
      << refused.status().message();
}

TEST(PlanTest, ExplainNamesFieldsNotIndices) {
  auto plan = plan_from_json(compiled_json());
  const std::string text = explain_plan(*plan);
  EXPECT_NE(text.find("where (temp > 80)"), std::string::npos) << text;
  EXPECT_NE(text.find("message \"{device} at {temp}\""), std::string::npos) << text;
  EXPECT_NE(text.find("topic level 1 -> device"), std::string::npos) << text;
}

}  // namespace
}  // namespace cepheus::dsl
