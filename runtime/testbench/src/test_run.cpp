#include "cepheus/testbench/test_run.h"

#include <chrono>
#include <filesystem>

#include "cepheus/core/file.h"
#include "cepheus/engine/evaluator.h"
#include "cepheus/testbench/simulation.h"
#include "expectation_check.h"
#include "held_back_trace.h"
#include "match_trace.h"
#include "source_decoders.h"

namespace cepheus::testbench {
namespace {

class CollectAlerts final : public engine::Output {
 public:
  void alert(const engine::Alert& alert) override { alerts.push_back(alert_record(alert)); }
  void sink_event(std::string_view, const std::vector<engine::ResolvedTarget>&, const Event&) override {}
  void dead_letter(std::string_view, const Event&, std::string_view) override {}
  std::vector<AlertRecord> alerts;
};

// Hands the engine's trace and taps to what the report needs from them.
class RunObserver final : public engine::TraceSink, public engine::EventTap {
 public:
  RunObserver(MatchTrace& matches, HeldBackTrace& held) : matches_(matches), held_(held) {}
  void trace(const engine::TraceEntry& entry) override { matches_.trace(entry); }
  void held_back(dsl::StatementId statement, engine::Clause clause, const Event& event,
                 const std::function<engine::ConditionFailure()>& explain) override {
    held_.held_back(statement, clause, event, explain);
  }
  void emitted(dsl::StatementId statement, const Event& event) override { held_.emitted(statement, event); }

 private:
  MatchTrace& matches_;
  HeldBackTrace& held_;
};

Result<Scenario> scenario_of(const TestSpec& spec, const std::string& project_folder) {
  if (spec.scenario.empty()) return spec.inline_events;
  std::string path = spec.scenario;
  if (!path.ends_with(".toml")) path = "scenarios/" + path + ".toml";
  if (!path.starts_with('/')) path = project_folder + "/" + path;
  const auto text = read_file(path);
  if (!text.ok()) return invalid_argument(spec.path + ": scenario '" + spec.scenario + "': cannot read " + path);
  return parse_scenario(path, *text);
}

Coverage coverage_of(const dsl::Plan& plan, const engine::Engine& engine, const MatchTrace& trace) {
  Coverage coverage;
  for (dsl::StatementId id = 0; id < plan.statements.size(); ++id) {
    const dsl::PlanStatement& s = plan.statements[id];
    const std::uint64_t out = engine.counters(id).out;
    switch (s.kind) {
      case dsl::StatementKind::kPattern: {
        const auto& taken = trace.steps_taken().at(s.name);
        const auto& labels = trace.step_labels(s.name);
        for (std::size_t i = 0; i < labels.size(); ++i) {
          const std::uint64_t count = taken.count(labels[i]) ? taken.at(labels[i]) : 0;
          coverage.items.push_back({s.name, "pattern", "step " + labels[i], count});
          if (i > 0)
            coverage.items.push_back({s.name, "pattern", "transition " + labels[i - 1] + " -> " + labels[i], count});
        }
        coverage.items.push_back({s.name, "pattern", "matched", engine.pattern_stats(id).matches});
        break;
      }
      case dsl::StatementKind::kWindow: coverage.items.push_back({s.name, "window", "emitted", out}); break;
      case dsl::StatementKind::kAlert: coverage.items.push_back({s.name, "alert", "fired", out}); break;
      case dsl::StatementKind::kStream: coverage.items.push_back({s.name, "stream", "passed", out}); break;
      case dsl::StatementKind::kTwin:
        coverage.items.push_back({s.name, "twin", "updated", engine.counters(id).in});
        break;
      default: break;
    }
  }
  return coverage;
}

}  // namespace

AlertRecord alert_record(const engine::Alert& alert) {
  AlertRecord record;
  record.rule = alert.rule;
  record.severity = std::string(dsl::severity_level_name(alert.severity));
  record.message = alert.message;
  record.key = alert.key;
  record.time = alert.time;
  for (const auto& [name, value] : alert.fields) record.fields.emplace_back(name, engine::display_text(value));
  return record;
}

void Coverage::add(const Coverage& other) {
  if (items.empty()) {
    items = other.items;
    return;
  }
  for (std::size_t i = 0; i < items.size() && i < other.items.size(); ++i) items[i].count += other.items[i].count;
}

TestResult run_test(const TestSpec& spec, const std::string& project_folder, std::shared_ptr<const dsl::Plan> plan,
                    engine::TableLoader& tables) {
  const auto started = std::chrono::steady_clock::now();
  TestResult result;
  result.name = spec.name;
  result.path = spec.path;
  result.description = spec.description;
  const auto fail = [&](const std::string& why) {
    result.error = why;
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
  };

  auto scenario = scenario_of(spec, project_folder);
  if (!scenario.ok()) return fail(scenario.status().message());
  const std::string folder = std::filesystem::path(scenario->path).parent_path().string();
  auto simulation = Simulation::create(*scenario, *plan, folder.empty() ? "." : folder);
  if (!simulation.ok()) return fail(simulation.status().message());

  CollectAlerts output;
  MatchTrace trace(*plan);
  HeldBackTrace held(*plan, spec.expectations, scenario->start);
  RunObserver observer(trace, held);
  engine::EngineOptions options;
  options.trace = &observer;
  options.tap = &observer;
  auto engine = engine::Engine::create(plan, tables, output, options);
  if (!engine.ok()) return fail(engine.status().message());

  auto decoders = SourceDecoders::make(*plan);
  if (!decoders.ok()) return fail(decoders.status().message());
  while (auto event = (*simulation)->next()) {
    auto decoded = decoders->decode(*event);
    if (!decoded.ok()) return fail(scenario->path + ": " + decoded.status().message());
    (*engine)->ingest(decoded->first, decoded->second);
    ++result.events;
  }
  (*engine)->finish();
  result.alerts = output.alerts.size();

  const ExpectationContext context{*plan, **engine, trace, scenario->start};
  std::vector<bool> accounted(output.alerts.size(), false);
  result.passed = true;
  for (std::size_t i = 0; i < spec.expectations.size(); ++i) {
    ExpectationResult judged =
        check_expectation(spec.expectations[i], output.alerts, context, held.record(i), accounted);
    result.passed = result.passed && judged.passed;
    result.expectations.push_back(std::move(judged));
  }
  if (spec.only) {
    for (std::size_t i = 0; i < output.alerts.size(); ++i)
      if (!accounted[i]) result.unexpected.push_back(output.alerts[i]);
    if (!result.unexpected.empty()) result.passed = false;
  }
  result.coverage = coverage_of(*plan, **engine, trace);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

TestResult run_test_file(const std::string& path, const std::string& project_folder,
                         std::shared_ptr<const dsl::Plan> plan, engine::TableLoader& tables) {
  const auto text = read_file(path);
  const auto spec = text.ok() ? parse_test(path, *text) : Result<TestSpec>(text.status());
  if (spec.ok()) return run_test(*spec, project_folder, std::move(plan), tables);
  TestResult result;
  result.name = std::filesystem::path(path).stem().string();
  result.path = path;
  result.error = text.ok() ? spec.status().message() : "cannot read: " + text.status().message();
  return result;
}

}  // namespace cepheus::testbench
