// Runs one test: its scenario through the project's plan on the embedded
// engine, in event time, then each expectation judged against the alerts, with
// an explanation for an expected alert that did not come.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cepheus/dsl/plan.h"
#include "cepheus/engine/engine.h"
#include "cepheus/testbench/test_spec.h"

namespace cepheus::testbench {

struct AlertRecord {
  std::string rule;
  std::string severity;
  std::string message;
  std::string key;
  Timestamp time;
  std::vector<std::pair<std::string, std::string>> fields;  // values as text
  std::string summary() const;  // "09:05:49 device=press-07 \"Device press-07 overheated ...\""
};

// An engine alert as a record (its field values as text).
AlertRecord alert_record(const engine::Alert& alert);

struct ExpectationResult {
  Expectation expectation;  // a copy: results outlive the test file they came from
  bool passed = false;
  std::int64_t matched = 0;
  std::vector<AlertRecord> matching;  // the first few
  std::vector<AlertRecord> others;    // the rule's alerts that did not match, the first few
  std::string explanation;            // why the alert did not come (or came too often)
};

// What a run exercised: per statement, per part ("step hot", "emitted", "fired").
struct Coverage {
  struct Item {
    std::string statement;
    std::string kind;  // pattern, window, alert, stream, twin
    std::string part;
    std::uint64_t count = 0;
  };
  std::vector<Item> items;
  void add(const Coverage& other);  // sums counts item by item (same plan)
};

struct TestResult {
  std::string name;
  std::string path;
  std::string description;
  bool passed = false;
  std::string error;  // the test could not run: the scenario or file is wrong
  std::vector<ExpectationResult> expectations;
  std::vector<AlertRecord> unexpected;  // with `only`: alerts no expectation accounts for
  std::uint64_t events = 0;
  std::uint64_t alerts = 0;
  double seconds = 0;
  Coverage coverage;
};

// Runs `spec` on `plan`; scenarios are found under `project_folder`/scenarios.
TestResult run_test(const TestSpec& spec, const std::string& project_folder, std::shared_ptr<const dsl::Plan> plan,
                    engine::TableLoader& tables);
// Reads the test file at `path` and runs it; a file that cannot be read or
// parsed is a result with its error (named after the file), not a pass.
TestResult run_test_file(const std::string& path, const std::string& project_folder,
                         std::shared_ptr<const dsl::Plan> plan, engine::TableLoader& tables);

}  // namespace cepheus::testbench
