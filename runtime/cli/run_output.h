// What `cepheus run` does with the engine's output: every alert as one JSON line
// on standard output (flushed at once, for live use), dead letters and warnings
// on standard error, counts for the summary, and, when live against a broker,
// alerts and sink events with MQTT targets published to it.
#pragma once

#include <functional>
#include <string>

#include "cepheus/engine/engine.h"
#include "cepheus/engine/output.h"

namespace cepheus::cli {

class RunOutput final : public engine::Output {
 public:
  using Publisher = std::function<void(const std::string& topic, const std::string& payload, int qos, bool retain)>;

  void alert(const engine::Alert& a) override;
  void sink_event(std::string_view sink, const std::vector<engine::ResolvedTarget>& targets,
                  const Event& event) override;
  void dead_letter(std::string_view source, const Event& event, std::string_view reason) override;
  void warning(std::string_view statement, std::string_view message) override;

  // Publishes to MQTT targets (live runs only), all on the one broker of the run,
  // whatever broker a target names.
  void set_publisher(Publisher publisher) { publisher_ = std::move(publisher); }

  long alerts = 0;
  long sink_events = 0;
  long dead_letters = 0;

 private:
  void publish(const std::vector<engine::ResolvedTarget>& targets, const std::string& payload);
  Publisher publisher_;
};

// `--trace`: every step of pattern matching, one line each on standard error.
class StderrTrace final : public engine::TraceSink {
 public:
  void trace(const engine::TraceEntry& entry) override;
};

}  // namespace cepheus::cli
