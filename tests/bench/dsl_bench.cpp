// Benchmarks of the rule-language front end on a generated project of 10,000
// statements: parse, check and compile, and formatting. Reported, never asserted.
#include <benchmark/benchmark.h>

#include <string>

#include "cepheus/dsl/checker.h"
#include "cepheus/dsl/formatter.h"
#include "cepheus/dsl/plan.h"
#include "cepheus/dsl/project.h"

namespace cepheus::dsl {
namespace {

// 1,000 groups of 10 statements: schema, source, table, stream, window, twin,
// pattern, two alerts and a sink, all reading each other as a real project does.
std::string generated_project(int groups) {
  std::string text;
  for (int g = 0; g < groups; ++g) {
    const std::string n = std::to_string(g);
    text += "schema Reading" + n + " {\n  device: string,\n  site: string?,\n  temp: double,\n  ts: timestamp,\n}\n\n";
    text += "source readings" + n + ": Reading" + n + "\n  from mqtt \"plant/{site}/{device}/r" + n +
            "\" qos 1\n  event time ts lateness 10s\n\n";
    text += "table devices" + n + ": Reading" + n + "\n  from csv \"devices.csv\"\n  key device\n\n";
    text += "stream hot" + n + " from readings" + n + "\n  join devices" + n +
            " on device\n  where temp > 80 and site is not null\n  select device, temp, temp * 1.8 + 32 as temp_f\n\n";
    text += "window stats" + n + " from readings" + n +
            "\n  group by device\n  sliding 5m every 30s\n  compute avg(temp) as avg_temp, percentile(temp, 95) as "
            "p95, count() as samples\n\n";
    text += "twin state" + n + " key device {\n  baseline: double = 0,\n}\n  on stats" + n +
            " set baseline = 0.9 * baseline + 0.1 * avg_temp\n\n";
    text += "pattern overheating" + n + "\n  partition by device\n  match every h: hot" + n +
            "{3} where temp > 85 within 1m\n    then not readings" + n +
            " where temp < 60 within 5m\n  select device, count(h) as count, max(h.temp) as peak\n\n";
    text += "alert overheated" + n + " from overheating" + n +
            "\n  severity high\n  message \"Device {device} overheated {count} times (peak {peak})\"\n  throttle 10m "
            "per device\n  to mqtt \"alerts/{device}\", journal\n\n";
    text += "alert drift" + n + " from stats" + n + "\n  where avg_temp > state" + n +
            ".baseline * 1.1\n  severity medium\n  message \"Device {device} drifts: {avg_temp}\"\n\n";
    text += "sink hot_out" + n + " from hot" + n + "\n  to log\n\n";
  }
  return text;
}

const std::string& project_text() {
  static const std::string text = generated_project(1000);
  return text;
}

void BM_ParseCheckCompile10kStatements(benchmark::State& state) {
  std::size_t statements = 0;
  for (auto _ : state) {
    Diagnostics diagnostics;
    Project project = Project::from_text("big.cep", project_text(), diagnostics);
    const CheckedProject checked = check_project(project, diagnostics);
    const Plan plan = compile_plan(checked);
    if (diagnostics.has_errors()) state.SkipWithError("the generated project has errors");
    statements = plan.statements.size();
    benchmark::DoNotOptimize(plan);
  }
  state.counters["statements"] = static_cast<double>(statements);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * project_text().size()));
}
BENCHMARK(BM_ParseCheckCompile10kStatements)->Unit(benchmark::kMillisecond);

void BM_Parse10kStatements(benchmark::State& state) {
  for (auto _ : state) {
    Diagnostics diagnostics;
    Project project = Project::from_text("big.cep", project_text(), diagnostics);
    benchmark::DoNotOptimize(project);
  }
}
BENCHMARK(BM_Parse10kStatements)->Unit(benchmark::kMillisecond);

void BM_Check10kStatements(benchmark::State& state) {
  Diagnostics diagnostics;
  Project project = Project::from_text("big.cep", project_text(), diagnostics);
  for (auto _ : state) {
    Diagnostics check_diagnostics;
    const CheckedProject checked = check_project(project, check_diagnostics);
    benchmark::DoNotOptimize(checked);
  }
}
BENCHMARK(BM_Check10kStatements)->Unit(benchmark::kMillisecond);

void BM_Format10kStatements(benchmark::State& state) {
  Diagnostics diagnostics;
  Project project = Project::from_text("big.cep", project_text(), diagnostics);
  for (auto _ : state) benchmark::DoNotOptimize(format_file(project.files()[0]));
}
BENCHMARK(BM_Format10kStatements)->Unit(benchmark::kMillisecond);

void BM_PlanJsonRoundTrip10kStatements(benchmark::State& state) {
  Diagnostics diagnostics;
  Project project = Project::from_text("big.cep", project_text(), diagnostics);
  const Plan plan = compile_plan(check_project(project, diagnostics));
  const std::string json = plan_to_json(plan);
  for (auto _ : state) benchmark::DoNotOptimize(plan_from_json(plan_to_json(plan)));
  state.counters["json_bytes"] = static_cast<double>(json.size());
}
BENCHMARK(BM_PlanJsonRoundTrip10kStatements)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace cepheus::dsl
