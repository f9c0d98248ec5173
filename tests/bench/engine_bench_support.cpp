#include "engine_bench_support.h"

#include <malloc.h>

#include <cstdlib>

#include "cepheus/dsl/checker.h"
#include "cepheus/dsl/project.h"

namespace cepheus::engine::bench {

std::shared_ptr<const dsl::Plan> compile(const std::string& rules) {
  dsl::Diagnostics diagnostics;
  dsl::Project project = dsl::Project::from_text("bench.cep", rules, diagnostics);
  auto plan = std::make_shared<const dsl::Plan>(dsl::compile_plan(dsl::check_project(project, diagnostics)));
  if (diagnostics.has_errors()) std::abort();
  return plan;
}

std::uint64_t replay_through(benchmark::State& state, const std::string& rules,
                             const std::function<std::vector<Event>(const Schema&)>& make_events, Engine** engine_out) {
  auto plan = compile(rules);
  NoTables tables;
  CountingOutput output;
  auto engine = std::move(*Engine::create(plan, tables, output));
  if (engine_out) *engine_out = engine.get();
  const dsl::StatementId source = *engine->source("r");
  const std::vector<Event> events = make_events(*plan->statements[source].output);
  std::size_t i = 0;
  std::int64_t offset = 0;
  // A pass spans the events' time range plus a gap, so deadlines of one pass end before the next.
  const Duration span = events.back().time() - events.front().time() + Duration::minutes(10);
  for (auto _ : state) {
    Event event = events[i];
    event.set_time(event.time() + Duration::nanos(offset));
    engine->ingest(source, event);
    if (++i == events.size()) {
      i = 0;
      offset += span.count_nanos();
    }
  }
  engine->finish();
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  if (engine_out) *engine_out = nullptr;
  return output.events;
}

std::size_t heap_in_use() {
  const struct mallinfo2 info = mallinfo2();
  return info.uordblks + info.hblkhd;  // small blocks and the large ones glibc maps directly
}

}  // namespace cepheus::engine::bench
