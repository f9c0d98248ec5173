// The reports of a test run: readable text for a person, JUnit XML for CI
// systems, and rule coverage.
#pragma once

#include <string>
#include <vector>

#include "cepheus/testbench/test_run.h"

namespace cepheus::testbench {

// PASS/FAIL per test; for a failure, each expectation's expected, got and why.
std::string text_report(const std::vector<TestResult>& results);
// <testsuites><testsuite name=PROJECT>... one <testcase> per test, <failure> with the text.
std::string junit_report(const std::string& project, const std::vector<TestResult>& results);
// Which pattern steps and transitions, window emissions and alerts the tests exercised.
std::string coverage_report(const Coverage& coverage);

}  // namespace cepheus::testbench
