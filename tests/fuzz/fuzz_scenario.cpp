// Fuzzes scenario files: any bytes give a scenario or an error that names the
// file and says why, never a crash; a scenario that reads must simulate against
// a small project without a crash, in time order, each event fitting its source.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "cepheus/core/event_json.h"
#include "cepheus/dsl/checker.h"
#include "cepheus/dsl/project.h"
#include "cepheus/testbench/scenario.h"
#include "cepheus/testbench/simulation.h"

namespace {

// Two sources with every type, so that most field specs find a field to fill.
const char* const kRules = R"(
schema R { device: string, site: string?, temp: double, count: int?, on: bool?, ts: timestamp, }
schema M { device: string, took: duration?, ts: timestamp, }
source readings: R from mqtt "plant/{site}/{device}/readings" event time ts
source maintenance: M from mqtt "plant/{device}/maintenance" event time ts
)";

const cepheus::dsl::Plan& plan() {
  static const cepheus::dsl::Plan compiled = [] {
    cepheus::dsl::Diagnostics diagnostics;
    const auto project = cepheus::dsl::Project::from_text("fuzz.cep", kRules, diagnostics);
    return cepheus::dsl::compile_plan(cepheus::dsl::check_project(project, diagnostics));
  }();
  return compiled;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto scenario = cepheus::testbench::parse_scenario("fuzz.toml", text);
  if (!scenario.ok()) {
    if (!scenario.status().message().starts_with("fuzz.toml")) std::abort();  // says where
    return 0;
  }
  // Huge populations are legal (up to 100 million keys) but not for a fuzzer's memory.
  for (const auto& [name, population] : scenario->populations)
    if (population.count > 10'000) return 0;
  auto simulation = cepheus::testbench::Simulation::create(*scenario, plan(), "/nonexistent");
  if (!simulation.ok()) {
    if (simulation.status().message().empty()) std::abort();
    return 0;
  }
  cepheus::Timestamp last = cepheus::Timestamp::min();
  for (int i = 0; i < 2'000; ++i) {
    const auto event = (*simulation)->next();
    if (!event) break;
    if (event->time < last) std::abort();  // time order
    last = event->time;
    if (event->source != "readings" && event->source != "maintenance") std::abort();
  }
  return 0;
}
