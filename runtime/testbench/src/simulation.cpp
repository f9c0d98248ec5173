#include "cepheus/testbench/simulation.h"

#include "cepheus/core/json_writer.h"
#include "feed.h"
#include "feeds.h"

namespace cepheus::testbench {

std::string SimulatedEvent::replay_line() const {
  std::string out = "{\"source\":";
  append_json_string(out, source);
  out += ",\"event\":";
  out += fields;
  out += '}';
  return out;
}

Result<SourceShape> source_shape(const dsl::Plan& plan, const std::string& name, const std::string& where) {
  std::string known;
  for (const dsl::PlanStatement& statement : plan.statements) {
    if (statement.kind != dsl::StatementKind::kSource) continue;
    if (statement.name == name) {
      const auto& body = std::get<dsl::CheckedSource>(statement.body);
      SourceShape shape{name, statement.output.get(), std::nullopt};
      if (!body.processing_time) shape.time_field = body.time_field;
      return shape;
    }
    known += (known.empty() ? "" : ", ") + statement.name;
  }
  return invalid_argument(where + ": the project has no source '" + name + "'" +
                          (known.empty() ? std::string() : " (its sources: " + known + ")"));
}

Simulation::~Simulation() = default;

Result<std::unique_ptr<Simulation>> Simulation::create(const Scenario& scenario, const dsl::Plan& plan,
                                                       const std::string& folder) {
  std::unique_ptr<Simulation> simulation(new Simulation());
  for (const Replay& replay : scenario.replays) {
    CEPHEUS_ASSIGN_OR_RETURN(auto feed, make_replay_feed(scenario, replay, plan, folder));
    simulation->feeds_.push_back(std::move(feed));
  }
  for (const Generator& generator : scenario.generators) {
    CEPHEUS_ASSIGN_OR_RETURN(auto feed, make_generator_feed(scenario, generator, plan));
    simulation->feeds_.push_back(std::move(feed));
  }
  if (!scenario.script.empty()) {
    CEPHEUS_ASSIGN_OR_RETURN(auto feed, make_script_feed(scenario.start, scenario.script, plan, scenario.path));
    simulation->feeds_.push_back(std::move(feed));
  }
  return simulation;
}

std::optional<SimulatedEvent> Simulation::next() {
  Feed* earliest = nullptr;
  Timestamp earliest_time = Timestamp::max();
  for (const auto& feed : feeds_) {
    const auto time = feed->peek();
    if (time && (!earliest || *time < earliest_time)) {
      earliest = feed.get();
      earliest_time = *time;
    }
  }
  if (!earliest) return std::nullopt;
  return earliest->take();
}

}  // namespace cepheus::testbench
