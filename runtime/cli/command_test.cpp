// `cepheus test PROJECT`: runs the tests in a project's tests/ folder on the
// embedded engine, in event time, and reports them (text, JUnit XML, coverage).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "cepheus/core/file.h"
#include "cepheus/host/arguments.h"
#include "cepheus/host/table_files.h"
#include "cepheus/testbench/test_report.h"
#include "cepheus/testbench/test_run.h"
#include "commands.h"
#include "project_loader.h"

namespace cepheus::cli {
namespace {

const char* const kTestHelp =
    R"(Usage: cepheus test PROJECT [--filter TEXT] [--junit FILE] [--coverage]

Runs every test of a project: each .toml file in PROJECT/tests names a scenario
(scenarios/NAME.toml) or holds its own events, and the alerts it expects (see
docs/scenarios.md). Each test runs on the embedded engine in event time, so a
day of simulated traffic takes seconds. The report says PASS or FAIL per test;
for a failure: what was expected, what came, and why the alert did not fire
(the closest partial match and the condition that failed on which event, or
the deadline that passed).

  --filter TEXT   run only the tests whose name contains TEXT
  --junit FILE    also write the results as JUnit XML (for CI systems)
  --coverage      print which pattern steps and transitions, window emissions
                  and alerts the tests exercised

Exit status: 0 every test passed, 1 a test failed or could not run (or the
project does not compile), 2 usage or I/O problems (no tests found).
)";

}  // namespace

int run_test(const std::vector<std::string>& words) {
  auto parsed = host::Arguments::parse(words, {"filter", "junit"}, {"help", "coverage"});
  if (!parsed.ok()) return usage_error("test", parsed.status().message());
  if (parsed->flag("help")) {
    std::fputs(kTestHelp, stdout);
    return 0;
  }
  if (parsed->positional().size() != 1) return usage_error("test", "give one project folder");
  const std::filesystem::path project(parsed->positional()[0]);
  const std::filesystem::path tests_folder = project / "tests";
  std::error_code error;
  if (!std::filesystem::is_directory(tests_folder, error)) {
    std::fprintf(stderr, "cepheus test: %s has no tests/ folder\n", project.string().c_str());
    return 2;
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(tests_folder, error))
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  const std::string filter = parsed->value("filter").value_or("");
  std::erase_if(files,
                [&](const std::filesystem::path& f) { return f.stem().string().find(filter) == std::string::npos; });
  if (files.empty()) {
    std::fprintf(stderr, "cepheus test: no tests in %s%s\n", tests_folder.string().c_str(),
                 filter.empty() ? "" : (" whose name contains '" + filter + "'").c_str());
    return 2;
  }

  int exit_code = 0;
  auto plan = load_plan("test", {project.string()}, exit_code);
  if (!plan) return exit_code;
  const auto shared = std::make_shared<const dsl::Plan>(std::move(*plan));
  host::TableFiles tables(project.string());

  std::vector<testbench::TestResult> results;
  testbench::Coverage coverage;
  for (const std::filesystem::path& file : files) {
    results.push_back(testbench::run_test_file(file.string(), project.string(), shared, tables));
    if (results.back().error.empty()) coverage.add(results.back().coverage);
  }
  std::fputs(testbench::text_report(results).c_str(), stdout);
  if (parsed->flag("coverage")) std::fputs(("\n" + testbench::coverage_report(coverage)).c_str(), stdout);
  if (const auto junit = parsed->value("junit")) {
    const std::string name = std::filesystem::weakly_canonical(project, error).filename().string();
    if (const Status written = write_file_atomically(*junit, testbench::junit_report(name, results)); !written.ok()) {
      std::fprintf(stderr, "cepheus test: cannot write %s: %s\n", junit->c_str(), written.message().c_str());
      return 2;
    }
  }
  const bool all_passed = std::all_of(results.begin(), results.end(), [](const auto& r) { return r.passed; });
  return all_passed ? 0 : 1;
}

}  // namespace cepheus::cli
