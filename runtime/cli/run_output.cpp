#include "run_output.h"

#include <cstdio>

#include "cepheus/core/event_json.h"
#include "cepheus/host/alert_json.h"

namespace cepheus::cli {

void RunOutput::alert(const engine::Alert& a) {
  const std::string json = host::alert_to_json(a);
  std::fputs((json + "\n").c_str(), stdout);
  std::fflush(stdout);
  ++alerts;
  publish(a.targets, json);
}

void RunOutput::sink_event(std::string_view, const std::vector<engine::ResolvedTarget>& targets, const Event& event) {
  ++sink_events;
  if (publisher_) publish(targets, event_to_json(event));
}

void RunOutput::dead_letter(std::string_view source, const Event& event, std::string_view reason) {
  std::fprintf(stderr, "%s: %s event at %s: %s\n", std::string(source).c_str(), std::string(reason).c_str(),
               format_timestamp(event.time()).c_str(), event_to_json(event).c_str());
  ++dead_letters;
}

void RunOutput::warning(std::string_view statement, std::string_view message) {
  (void)statement;  // the message names it, with its place
  std::fprintf(stderr, "warning: %s\n", std::string(message).c_str());
}

void RunOutput::publish(const std::vector<engine::ResolvedTarget>& targets, const std::string& payload) {
  if (!publisher_) return;
  for (const engine::ResolvedTarget& t : targets) {
    if (t.kind == "mqtt") publisher_(t.address, payload, t.qos, t.retain);
  }
}

void StderrTrace::trace(const engine::TraceEntry& e) {
  // One fprintf per line, so that lines from several workers do not mix.
  std::fprintf(stderr, "trace: %s [%s] #%llu %s %s: %s\n", e.pattern.c_str(), e.key.c_str(),
               static_cast<unsigned long long>(e.run), e.step.c_str(), format_timestamp(e.time).c_str(),
               e.what.c_str());
}

}  // namespace cepheus::cli
