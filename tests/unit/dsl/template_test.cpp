// Every project under templates/ is clean (no errors, no warnings), canonical,
// and compiles to a plan whose JSON round-trips. Every rule example in the
// manual parses. Templates and the manual are what users copy from.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "cepheus/core/file.h"
#include "cepheus/dsl/checker.h"
#include "cepheus/dsl/formatter.h"
#include "cepheus/dsl/parser.h"
#include "cepheus/dsl/plan.h"
#include "cepheus/dsl/project.h"

namespace cepheus::dsl {
namespace {

std::vector<std::string> templates() {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(CEPHEUS_TEMPLATES)) {
    if (entry.is_directory()) out.push_back(entry.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

class TemplateTest : public testing::TestWithParam<std::string> {};

TEST_P(TemplateTest, IsCleanCanonicalAndCompiles) {
  Diagnostics diagnostics;
  auto project = Project::load({GetParam()}, diagnostics);
  ASSERT_TRUE(project.ok()) << project.status().message();
  ASSERT_FALSE(project->files().empty());
  const CheckedProject checked = check_project(*project, diagnostics);
  for (const Diagnostic& d : diagnostics.all()) ADD_FAILURE() << render_text(d);
  for (const RuleFile& file : project->files()) {
    EXPECT_EQ(format_file(file), file.source->text()) << file.source->path() << " is not canonical";
  }
  const Plan plan = compile_plan(checked);
  EXPECT_EQ(plan.statements.size(), checked.statements.size());
  auto again = plan_from_json(plan_to_json(plan));
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(plan_to_json(*again), plan_to_json(plan));
}

INSTANTIATE_TEST_SUITE_P(Templates, TemplateTest, testing::ValuesIn(templates()),
                         [](const testing::TestParamInfo<std::string>& param) {
                           std::string name = std::filesystem::path(param.param).filename().string();
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

TEST(ManualTest, EveryRuleExampleInTheManualParses) {
  auto manual = read_file(CEPHEUS_MANUAL);
  ASSERT_TRUE(manual.ok()) << manual.status().message();
  // Rule examples are the fenced blocks without a language tag.
  static const std::regex kBlock("\n```\n([\\s\\S]*?)\n```");
  int blocks = 0;
  for (auto it = std::sregex_iterator(manual->begin(), manual->end(), kBlock); it != std::sregex_iterator(); ++it) {
    const std::string example = (*it)[1].str();
    if (example.find("error:") != std::string::npos) continue;  // a sample of diagnostics, not rules
    ++blocks;
    SourceFile file("manual example " + std::to_string(blocks), example);
    Diagnostics diagnostics;
    const RuleFile rules = parse(file, diagnostics);
    for (const Diagnostic& d : diagnostics.all()) ADD_FAILURE() << render_text(d) << "in:\n" << example;
    EXPECT_FALSE(rules.statements.empty()) << example;
  }
  EXPECT_GE(blocks, 14) << "the manual shows an example in every section";
}

}  // namespace
}  // namespace cepheus::dsl
