// Runs every language test under tests/rules/: a .cep file whose comments state
// the diagnostics it must produce.
//
//   stream hot from readings
//     where temp > > 80        -- expect error: expected a value
//   -- expect error line 12: this string is not closed
//   -- expect warning: ...
//   -- expect hint: did you mean 'temp'?     (the hint of a diagnostic on that line)
//
// Files under syntax/ are only parsed; all others are parsed and checked.
// An expectation matches a diagnostic of that severity on that line whose message
// contains the text. Every expectation must be met and every diagnostic expected;
// a file with no expectations must be clean. Every file must also round-trip:
// formatting is idempotent and reparsing the formatted text gives the same
// statements (in a file with errors, the statements that were kept).
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "cepheus/core/file.h"
#include "cepheus/dsl/checker.h"
#include "cepheus/dsl/formatter.h"
#include "cepheus/dsl/plan.h"
#include "cepheus/dsl/project.h"

namespace cepheus::dsl {
namespace {

struct Expectation {
  std::uint32_t line;
  Severity severity;
  std::string text;
  bool hint = false;  // matches the hint of any diagnostic on the line
  bool met = false;
};

std::vector<Expectation> read_expectations(const SourceFile& file) {
  static const std::regex kPattern(R"(-- expect (error|warning|hint)(?: line (\d+))?: (.*)$)");
  std::vector<Expectation> out;
  for (std::uint32_t line = 1; line <= file.line_count(); ++line) {
    const std::string text(file.line_text(line));
    std::smatch match;
    if (!std::regex_search(text, match, kPattern)) continue;
    const std::uint32_t target = match[2].matched ? static_cast<std::uint32_t>(std::stoul(match[2].str())) : line;
    out.push_back(
        {target, match[1] == "warning" ? Severity::kWarning : Severity::kError, match[3].str(), match[1] == "hint"});
  }
  return out;
}

bool is_syntax_test(const std::string& path) {
  return path.find("/syntax/") != std::string::npos;
}

std::vector<std::string> rule_files(bool syntax) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(CEPHEUS_RULE_TESTS)) {
    const std::string path = entry.path().string();
    if (entry.path().extension() == ".cep" && is_syntax_test(path) == syntax) files.push_back(path);
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string test_name(const testing::TestParamInfo<std::string>& info) {
  std::string name = std::filesystem::relative(info.param, CEPHEUS_RULE_TESTS).replace_extension().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

class RuleFileTest : public testing::TestWithParam<std::string> {};
class CheckedRuleFileTest : public RuleFileTest {};

TEST_P(RuleFileTest, ProducesExactlyTheExpectedDiagnostics) {
  auto text = read_file(GetParam());
  ASSERT_TRUE(text.ok()) << text.status().message();
  Diagnostics diagnostics;
  Project project = Project::from_text(GetParam(), *text, diagnostics);
  // Files under syntax/ test the parser alone; everything else is checked too.
  if (!is_syntax_test(GetParam())) check_project(project, diagnostics);
  const SourceFile& source = *project.files()[0].source;
  std::vector<Expectation> expectations = read_expectations(source);
  for (const Diagnostic& d : diagnostics.all()) {
    const std::uint32_t line = source.position(d.span.begin).line;
    for (Expectation& e : expectations) {
      if (e.hint && e.line == line && d.hint.find(e.text) != std::string::npos) e.met = true;
    }
    bool matched = false;
    for (Expectation& e : expectations) {
      if (!e.hint && !e.met && e.line == line && e.severity == d.severity &&
          d.message.find(e.text) != std::string::npos) {
        e.met = matched = true;
        break;
      }
    }
    EXPECT_TRUE(matched) << "unexpected diagnostic:\n" << render_text(d);
  }
  for (const Expectation& e : expectations) {
    EXPECT_TRUE(e.met) << "line " << e.line << ": expected " << (e.hint ? "hint" : severity_name(e.severity)) << " '"
                       << e.text << "' was not reported";
  }
}

TEST_P(RuleFileTest, FormatsIdempotentlyAndReparsesToTheSameStatements) {
  auto text = read_file(GetParam());
  ASSERT_TRUE(text.ok());
  Diagnostics diagnostics;
  // In a file with errors by design, the statements that recovery kept must round-trip too.
  Project project = Project::from_text(GetParam(), *text, diagnostics);
  for (const Diagnostic& d : diagnostics.all()) {
    for (const Statement& statement : project.files()[0].statements) {
      if (d.span.begin > statement.span.begin && d.span.end <= statement.span.end) {
        GTEST_SKIP() << "a lexical error inside a kept statement (" << d.message << ") cannot round-trip";
      }
    }
  }
  const std::string once = format_file(project.files()[0]);
  Diagnostics again_diagnostics;
  Project again = Project::from_text(GetParam(), once, again_diagnostics);
  ASSERT_FALSE(again_diagnostics.has_errors()) << "the formatted text does not parse:\n" << once;
  EXPECT_TRUE(same_structure(project.files()[0], again.files()[0])) << "formatting changed the meaning:\n" << once;
  EXPECT_EQ(format_file(again.files()[0]), once) << "formatting is not idempotent";
}

TEST_P(CheckedRuleFileTest, CompilesToAPlanWhoseJsonRoundTrips) {
  auto text = read_file(GetParam());
  ASSERT_TRUE(text.ok());
  Diagnostics diagnostics;
  Project project = Project::from_text(GetParam(), *text, diagnostics);
  const CheckedProject checked = check_project(project, diagnostics);
  // With errors, the statements that checked still compile to a valid plan.
  const Plan plan = compile_plan(checked);
  const std::string json = plan_to_json(plan);
  auto again = plan_from_json(json);
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(plan_to_json(*again), json) << "plan JSON does not round-trip";
  EXPECT_EQ(explain_plan(*again), explain_plan(plan));
}

INSTANTIATE_TEST_SUITE_P(Syntax, RuleFileTest, testing::ValuesIn(rule_files(true)), test_name);
INSTANTIATE_TEST_SUITE_P(Checked, RuleFileTest, testing::ValuesIn(rule_files(false)), test_name);
INSTANTIATE_TEST_SUITE_P(Checked, CheckedRuleFileTest, testing::ValuesIn(rule_files(false)), test_name);

}  // namespace
}  // namespace cepheus::dsl
