// A test of a project: a scenario (or inline events) and the alerts expected
// of it, as a TOML file in the project's `tests/` folder (docs/scenarios.md).
//
//   scenario = "plant_day"              # scenarios/plant_day.toml
//   only = true                         # every alert must be expected (exact)
//   [expect.press07]
//   alert = "overheated"
//   count = 1                           # or "1..3", ">= 1", "<= 2"; default ">= 1"
//   after = "3h"                        # the alert's time, after the scenario's start
//   before = "3h10m"
//   fields.device = "press-07"          # exact, or "> 80", ">= 80", "80..90", "~substring"
//   message = "overheated"              # the message contains this
//   severity = "high"
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cepheus/core/result.h"
#include "cepheus/core/time.h"
#include "cepheus/testbench/scenario.h"

namespace cepheus::testbench {

struct CountRange {
  std::int64_t min = 1;
  std::optional<std::int64_t> max;  // nullopt: no upper bound
  std::string text() const;         // "exactly 1", "1 to 3", "at least 1"
  bool holds(std::int64_t n) const { return n >= min && (!max || n <= *max); }
};

struct FieldMatcher {
  std::string field;
  std::string op;  // "=", ">", ">=", "<", "<=", "..", "~"
  std::string value;
  std::string high;  // "..": the upper bound
  std::string text() const;
  // Whether a field's value, as an alert shows it, passes ("78.5" > "70").
  bool fits(const std::string& value) const;
};

struct Expectation {
  std::string name;
  std::string alert;
  CountRange count;
  std::optional<Duration> after;
  std::optional<Duration> before;
  std::vector<FieldMatcher> fields;
  std::string message;
  std::string severity;
  int line = 0;
  std::string text() const;  // "overheated, exactly 1, device = press-07, between 3h and 3h10m"
};

struct TestSpec {
  std::string name;  // the file's stem
  std::string path;
  std::string description;
  std::string scenario;  // a scenario's name (scenarios/NAME.toml) or path; empty: inline events
  Scenario inline_events;
  bool only = false;
  std::vector<Expectation> expectations;
};

// Reads a test file; errors say "PATH:LINE: why".
Result<TestSpec> parse_test(const std::string& path, std::string_view text);

}  // namespace cepheus::testbench
