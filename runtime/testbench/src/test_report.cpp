#include "cepheus/testbench/test_report.h"

#include <cstdio>

namespace cepheus::testbench {
namespace {

std::string indent(const std::string& text, const std::string& by) {
  std::string out = by;
  for (const char c : text) {
    out += c;
    if (c == '\n') out += by;
  }
  return out;
}

std::string failure_text(const TestResult& r) {
  if (!r.error.empty()) return "could not run: " + r.error + "\n";
  std::string out;
  for (const ExpectationResult& e : r.expectations) {
    if (e.passed) continue;
    out += "expected: " + e.expectation.text() + "  [" + e.expectation.name + "]\n";
    out += "got:      " + std::to_string(e.matched) + " matching alert(s)\n";
    for (const AlertRecord& alert : e.matching) out += "            " + alert.summary() + "\n";
    if (!e.others.empty()) {
      out += "          other '" + e.expectation.alert + "' alerts:\n";
      for (const AlertRecord& alert : e.others) out += "            " + alert.summary() + "\n";
    }
    if (!e.explanation.empty()) out += "why:\n" + indent(e.explanation, "          ") + "\n";
  }
  if (!r.unexpected.empty()) {
    out += "unexpected (the test says only = true): " + std::to_string(r.unexpected.size()) + " alert(s)\n";
    for (std::size_t i = 0; i < r.unexpected.size() && i < 5; ++i)
      out += "            " + r.unexpected[i].summary() + "\n";
  }
  return out;
}

std::string xml_escaped(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string seconds_text(double seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.3f", seconds);
  return buffer;
}

}  // namespace

std::string AlertRecord::summary() const {
  std::string out = format_timestamp(time) + " " + rule;
  if (!key.empty()) out += " [" + key + "]";
  return out + " \"" + message + "\"";
}

std::string text_report(const std::vector<TestResult>& results) {
  std::string out;
  std::size_t failed = 0;
  std::uint64_t events = 0;
  double seconds = 0;
  for (const TestResult& r : results) {
    events += r.events;
    seconds += r.seconds;
    out += std::string(r.passed ? "PASS " : "FAIL ") + r.name + "  (" + std::to_string(r.events) + " events, " +
           std::to_string(r.alerts) + " alerts, " + seconds_text(r.seconds) + " s)\n";
    if (!r.passed) {
      ++failed;
      out += indent(failure_text(r), "     ");
      out.resize(out.size() - 5);  // the indent after the last line
    }
  }
  out += "\n" + std::to_string(results.size() - failed) + " passed, " + std::to_string(failed) + " failed; " +
         std::to_string(events) + " events in " + seconds_text(seconds) + " s\n";
  return out;
}

std::string junit_report(const std::string& project, const std::vector<TestResult>& results) {
  std::size_t failures = 0, errors = 0;
  double seconds = 0;
  for (const TestResult& r : results) {
    seconds += r.seconds;
    if (!r.error.empty()) {
      ++errors;
    } else if (!r.passed) {
      ++failures;
    }
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n";
  out += "  <testsuite name=\"" + xml_escaped(project) + "\" tests=\"" + std::to_string(results.size()) +
         "\" failures=\"" + std::to_string(failures) + "\" errors=\"" + std::to_string(errors) + "\" time=\"" +
         seconds_text(seconds) + "\">\n";
  for (const TestResult& r : results) {
    out += "    <testcase classname=\"" + xml_escaped(project) + "\" name=\"" + xml_escaped(r.name) + "\" file=\"" +
           xml_escaped(r.path) + "\" time=\"" + seconds_text(r.seconds) + "\"";
    if (r.passed) {
      out += "/>\n";
      continue;
    }
    const char* element = r.error.empty() ? "failure" : "error";
    const std::string first = r.error.empty() ? "an expectation did not hold" : r.error;
    out += ">\n      <" + std::string(element) + " message=\"" + xml_escaped(first) + "\">" +
           xml_escaped(failure_text(r)) + "</" + element + ">\n    </testcase>\n";
  }
  return out + "  </testsuite>\n</testsuites>\n";
}

std::string coverage_report(const Coverage& coverage) {
  std::string out = "Rule coverage\n";
  std::string statement;
  std::size_t covered = 0;
  for (const Coverage::Item& item : coverage.items) {
    if (item.statement != statement) {
      statement = item.statement;
      out += "  " + item.kind + " " + statement + "\n";
    }
    if (item.count > 0) ++covered;
    out +=
        std::string("    ") + (item.count > 0 ? "[x] " : "[ ] ") + item.part + ": " + std::to_string(item.count) + "\n";
  }
  const std::size_t total = coverage.items.size();
  out += "  " + std::to_string(covered) + " of " + std::to_string(total) + " covered (" +
         std::to_string(total == 0 ? 100 : covered * 100 / total) + " %)\n";
  return out;
}

}  // namespace cepheus::testbench
