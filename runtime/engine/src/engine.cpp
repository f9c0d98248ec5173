#include "cepheus/engine/engine.h"

#include <algorithm>
#include <chrono>

#include "cepheus/core/stable_hash.h"
#include "cepheus/engine/evaluator.h"
#include "condition_explainer.h"
#include "field_test.h"
#include "pattern_operator.h"
#include "spare_values.h"
#include "twin_store.h"
#include "window_operator.h"

namespace cepheus::engine {

using dsl::StatementId;
using dsl::StatementKind;

namespace {

// The `where` that stream, window and alert statements test on every event, if any.
const dsl::BoundExpr* where_of(const dsl::PlanStatement& s) {
  const std::optional<dsl::BoundExpr>* where = nullptr;
  if (const auto* stream = std::get_if<dsl::CheckedStream>(&s.body)) where = &stream->where;
  if (const auto* window = std::get_if<dsl::CheckedWindow>(&s.body)) where = &window->where;
  if (const auto* alert = std::get_if<dsl::CheckedAlert>(&s.body)) where = &alert->where;
  return where && *where ? &**where : nullptr;
}

std::string hex16(std::uint64_t value) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kDigits[value & 0xF];
    value >>= 4;
  }
  return out;
}

// A value's text with its type, so that 1 and "1" differ in an alert id.
std::string value_identity(const Value& v) {
  return std::to_string(static_cast<int>(v.type())) + ":" + display_text(v);
}

std::string render(const std::vector<dsl::TemplatePart>& parts, const EvalContext& context) {
  std::string out;
  for (const dsl::TemplatePart& part : parts)
    out += part.expr ? display_text(evaluate(*part.expr, context)) : part.text;
  return out;
}

bool has_placeholders(const std::vector<dsl::CheckedTarget>& targets) {
  for (const dsl::CheckedTarget& t : targets) {
    for (const dsl::TemplatePart& part : t.address) {
      if (part.expr) return true;
    }
  }
  return false;
}

// A stream without a join whose output is its input's fields, in order, unchanged
// (`stream hot from readings where temp > 80`): it can pass its input on as it is.
bool passes_through(const dsl::Plan& plan, const dsl::PlanStatement& s) {
  const auto& body = std::get<dsl::CheckedStream>(s.body);
  const Schema& input = *plan.statements[s.inputs.front()].output;
  if (body.join || body.select.size() != input.size()) return false;
  for (std::uint32_t i = 0; i < body.select.size(); ++i) {
    const dsl::BoundExpr& e = body.select[i].expr;
    if (e.kind != dsl::BoundKind::kField || e.slot != dsl::Slot::kEvent || e.index != i) return false;
    if (body.select[i].name != input.field(i).name || s.output->field(i).type != input.field(i).type) return false;
  }
  return true;
}

std::vector<ResolvedTarget> resolve(const std::vector<dsl::CheckedTarget>& targets, const EvalContext& context) {
  std::vector<ResolvedTarget> out;
  out.reserve(targets.size());
  for (const dsl::CheckedTarget& t : targets)
    out.push_back({t.kind, render(t.address, context), t.qos, t.retain, t.broker});
  return out;
}

}  // namespace

Engine::Engine(std::shared_ptr<const dsl::Plan> plan, Output& output, const EngineOptions& options)
    : plan_(std::move(plan)),
      output_(output),
      spare_values_(std::make_unique<SpareValues>()),
      where_tests_(plan_->statements.size()),
      options_(options),
      readers_(plan_->statements.size()),
      counters_(plan_->statements.size()),
      max_event_time_(plan_->statements.size(), Timestamp::min()),
      lateness_(plan_->statements.size()),
      idle_after_(plan_->statements.size()),
      fixed_targets_(plan_->statements.size()),
      seen_event_(plan_->statements.size(), 0),
      watermarks_(plan_->statements.size(), Timestamp::min()),
      passes_through_(plan_->statements.size(), false),
      tables_(plan_->statements.size()),
      twins_(std::make_unique<TwinStore>(*plan_)),
      throttles_(plan_->statements.size()) {}

Engine::~Engine() = default;

Result<std::unique_ptr<Engine>> Engine::create(std::shared_ptr<const dsl::Plan> plan, TableLoader& tables,
                                               Output& output, const EngineOptions& options) {
  std::unique_ptr<Engine> engine(new Engine(std::move(plan), output, options));
  const dsl::Plan& p = *engine->plan_;
  engine->windows_.resize(p.statements.size());
  engine->patterns_.resize(p.statements.size());
  engine->upstream_sources_.resize(p.statements.size());
  std::vector<std::vector<StatementId>> sources_of(p.statements.size());
  for (StatementId id = 0; id < p.statements.size(); ++id) {
    const dsl::PlanStatement& s = p.statements[id];
    if (s.kind == StatementKind::kSource) sources_of[id].push_back(id);
    for (StatementId input : s.inputs) {
      for (StatementId source : sources_of[input]) {
        if (std::find(sources_of[id].begin(), sources_of[id].end(), source) == sources_of[id].end()) {
          sources_of[id].push_back(source);
        }
      }
    }
    if (s.kind == StatementKind::kWindow) {
      engine->windows_[id] = std::make_unique<WindowOperator>(s, *p.statements[s.inputs.front()].output,
                                                              engine->twins_.get(), engine->spare_values_.get());
      if (options.trace) engine->windows_[id]->keep_held_back();
    } else if (s.kind == StatementKind::kPattern) {
      engine->patterns_[id] =
          std::make_unique<PatternOperator>(s, p, engine->twins_.get(), engine->spare_values_.get(), engine->options_);
    } else {
      continue;
    }
    engine->upstream_sources_[id] = sources_of[id];
    engine->timed_.push_back(id);
  }
  engine->sole_source_.assign(p.statements.size(), kNoSource);
  for (StatementId id = 0; id < p.statements.size(); ++id) {
    const dsl::PlanStatement& s = p.statements[id];
    for (StatementId input : s.inputs) engine->readers_[input].push_back(id);
    if (const dsl::BoundExpr* where = where_of(s)) {
      if (std::optional<FieldTest> test = FieldTest::of(*where))
        engine->where_tests_[id] = std::make_unique<FieldTest>(*test);
    }
    if (s.kind == StatementKind::kSource) {
      engine->lateness_[id] = std::get<dsl::CheckedSource>(s.body).lateness;
      engine->max_lateness_ = std::max(engine->max_lateness_, engine->lateness_[id]);
      engine->idle_after_[id] = std::get<dsl::CheckedSource>(s.body).idle_after;
    }
    const std::vector<dsl::CheckedTarget>* targets = nullptr;
    if (s.kind == StatementKind::kAlert) targets = &std::get<dsl::CheckedAlert>(s.body).targets;
    if (s.kind == StatementKind::kSink) targets = &std::get<dsl::CheckedSink>(s.body).targets;
    if (targets && !has_placeholders(*targets)) engine->fixed_targets_[id] = resolve(*targets, EvalContext{});
    if (s.kind == StatementKind::kStream) engine->passes_through_[id] = passes_through(p, s);
    if (s.kind != StatementKind::kTable) continue;
    auto rows = tables.load(s);
    if (!rows.ok()) return rows.status().with_context("table '" + s.name + "'");
    const auto key = std::get<dsl::CheckedTable>(s.body).key_index;
    for (std::vector<Value>& row : *rows) {
      Value k = row[key];
      engine->tables_[id].insert_or_assign(std::move(k), std::move(row));
    }
  }
  for (StatementId id : engine->timed_) {
    const std::vector<StatementId>& sources = engine->upstream_sources_[id];
    if (sources.size() == 1 && !engine->idle_after_[sources.front()]) engine->sole_source_[id] = sources.front();
  }
  return engine;
}

std::optional<StatementId> Engine::source(std::string_view name) const {
  for (StatementId id = 0; id < plan_->statements.size(); ++id) {
    const dsl::PlanStatement& s = plan_->statements[id];
    if (s.kind == StatementKind::kSource && s.name == name) return id;
  }
  return std::nullopt;
}

Timestamp Engine::watermark(StatementId source) const {
  return watermarks_[source];
}

void Engine::set_newest(StatementId source, Timestamp newest, bool seen) {
  max_event_time_[source] = newest;
  seen_event_[source] = seen ? 1 : 0;
  watermarks_[source] = seen ? newest - lateness_[source] : Timestamp::min();
}

void Engine::ingest(StatementId source, const Event& event) {
  StatementCounters& counters = counters_[source];
  ++counters.in;
  if (event.time() < watermark(source)) {
    ++counters.late;
    output_.dead_letter(plan_->statements[source].name, event, "late");
    return;
  }
  // Window watermarks (and idleness) change only when a source's newest event time moves forward.
  const bool newer = note_time(source, event.time());
  ++counters.out;
  push(source, event);
  if (newer) time_moved();
}

void Engine::finish() {
  advance_timed(true);
}

void Engine::observe(StatementId source, Timestamp time) {
  if (note_time(source, time)) time_moved();
}

bool Engine::note_time(StatementId source, Timestamp time) {
  const bool newer = !seen_event_[source] || time > max_event_time_[source];
  if (newer) set_newest(source, time, true);
  if (time > newest_) newest_ = time;
  return newer;
}

void Engine::time_moved() {
  // A source's newer time may end windows of other sources too: idleness is relative to the newest event.
  if (!timed_.empty()) advance_timed(false);  // checked here: for a project of filters the call is the cost
  twins_->expire(newest_ - max_lateness_);    // not before a late event of a key could still read it
}

Timestamp Engine::lowest_watermark(StatementId window) const {
  const std::vector<StatementId>& sources = upstream_sources_[window];
  Timestamp lowest = Timestamp::max();
  Timestamp highest = Timestamp::min();
  bool any_active = false;
  for (StatementId source : sources) {
    const Timestamp mark = watermark(source);
    highest = std::max(highest, mark);
    const std::optional<Duration>& idle_after = idle_after_[source];
    const bool idle = idle_after && (!seen_event_[source] || max_event_time_[source] + *idle_after < newest_);
    if (idle) continue;
    any_active = true;
    lowest = std::min(lowest, mark);
  }
  return any_active ? lowest : highest;  // when every source is idle, the furthest one leads
}

void Engine::advance_timed(bool final) {
  std::vector<Event>& ready = ready_;
  for (StatementId id : timed_) {
    if (WindowOperator* window = windows_[id].get()) {
      // A round of closing windows goes on in batches of what the spare values keep, so that
      // one batch's storage serves the next: no malloc and free per result.
      const Timestamp watermark = final ? Timestamp::max() : operator_watermark(id);
      bool more = false;
      do {
        more = window->advance(watermark, ready, SpareValues::kKept);
        if (options_.trace) report_having(id);
        emit_all(id, ready);
      } while (more);
      continue;
    }
    if (final) {
      patterns_[id]->finish(ready);
    } else if (!patterns_[id]->advance(operator_watermark(id), ready)) {
      continue;  // the usual case: the event's own add() took the pattern to this watermark
    }
    emit_all(id, ready);
  }
}

void Engine::push_ready(StatementId from, std::vector<Event>& ready) {
  std::vector<Event> events = borrow_ready();
  events.swap(ready);  // pushing may reach other windows and patterns, which fill `ready_` again
  for (const Event& out : events) {
    ++counters_[from].out;
    push(from, out);
  }
  return_ready(std::move(events));
}

std::vector<Event> Engine::borrow_ready() {
  if (spare_ready_.empty()) return {};
  std::vector<Event> ready = std::move(spare_ready_.back());
  spare_ready_.pop_back();
  return ready;
}

void Engine::return_ready(std::vector<Event>&& ready) {
  constexpr std::size_t kKeptCapacity = 1024;  // a burst's big list is freed, not kept
  if (ready.capacity() == 0 || ready.capacity() > kKeptCapacity) return;
  for (Event& event : ready) spare_values_->keep(std::move(event).take_values());
  ready.clear();
  spare_ready_.push_back(std::move(ready));
}

void Engine::push(StatementId from, const Event& event) {
  if (options_.tap) options_.tap->emitted(from, event);
  for (StatementId reader : readers_[from]) {
    ++counters_[reader].in;
    if (options_.measure_latency) {
      const auto start = std::chrono::steady_clock::now();
      run_statement(reader, from, event);
      const auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start);
      counters_[reader].latency.record(static_cast<std::uint64_t>(nanos.count()));
    } else {
      run_statement(reader, from, event);
    }
  }
}

void Engine::run_statement(StatementId reader, StatementId from, const Event& event) {
  switch (plan_->statements[reader].kind) {
    case StatementKind::kStream: run_stream(reader, event); break;
    case StatementKind::kTwin: run_twin(reader, from, event); break;
    case StatementKind::kAlert: run_alert(reader, event); break;
    case StatementKind::kSink: run_sink(reader, event); break;
    case StatementKind::kWindow: run_window(reader, event); break;
    case StatementKind::kPattern: run_pattern(reader, from, event); break;
    default: break;  // schemas, sources and tables read nothing
  }
}

bool Engine::passes(StatementId id, const dsl::BoundExpr& where, const Event& event, const EvalContext& context) const {
  if (const FieldTest* test = where_tests_[id].get()) return test->holds(event);
  return holds(where, context);
}

void Engine::run_window(StatementId id, const Event& event) {
  const auto& body = std::get<dsl::CheckedWindow>(plan_->statements[id].body);
  const auto bound = twins_->bind(&event);
  const EvalContext context{&event, nullptr, {}, twins_.get(), {}, {}};
  if (body.where && !passes(id, *body.where, event, context)) {
    ++counters_[id].dropped;
    if (options_.trace) held_back(id, Clause::kWhere, event, *body.where, context);
    return;
  }
  windows_[id]->add(event, ready_);
  if (options_.trace) report_having(id);
  emit_all(id, ready_);
}

void Engine::run_stream(StatementId id, const Event& event) {
  // The commonest stream, a filter on one field that passes events on as they are, needs no
  // context: its test reads the event alone (with a trace, the general path explains drops).
  if (const FieldTest* test = where_tests_[id].get(); test && passes_through_[id] && !options_.trace) {
    if (!test->holds(event)) {
      ++counters_[id].dropped;
      return;
    }
    ++counters_[id].out;
    push(id, event);
    return;
  }
  const dsl::PlanStatement& s = plan_->statements[id];
  const auto& body = std::get<dsl::CheckedStream>(s.body);
  EvalContext context{&event, nullptr, {}, twins_.get()};
  const auto bound = twins_->bind(&event);
  if (body.join) {
    const auto& rows = tables_[body.join->table];
    auto it = rows.find(event.value(body.join->event_field));
    context.table_row = it == rows.end() ? nullptr : &it->second;  // a left join: no row reads as nulls
  }
  if (body.where && !passes(id, *body.where, event, context)) {
    ++counters_[id].dropped;
    if (options_.trace) held_back(id, Clause::kWhere, event, *body.where, context);
    return;
  }
  ++counters_[id].out;
  if (passes_through_[id]) {
    push(id, event);  // the output is the input, field for field: no copy
    return;
  }
  std::vector<Value> values;
  values.reserve(body.select.size());
  for (const dsl::NamedExpr& field : body.select) {
    const bool plain = field.expr.kind == dsl::BoundKind::kField && field.expr.slot == dsl::Slot::kEvent;
    values.push_back(plain ? event.value(field.expr.index) : evaluate(field.expr, context));
  }
  const Event out(*s.output, event.time(), std::move(values));
  push(id, out);
}

void Engine::run_twin(StatementId id, StatementId from, const Event& event) {
  const dsl::PlanStatement& s = plan_->statements[id];
  const auto& body = std::get<dsl::CheckedTwin>(s.body);
  for (const dsl::CheckedTwinUpdate& update : body.updates) {
    if (update.input != from) continue;
    const Value& key = event.value(update.key_field);
    if (key.is_null()) {
      ++counters_[id].dropped;
      continue;
    }
    const auto bound = twins_->bind(&event);
    EvalContext context{&event, nullptr, {}, twins_.get()};
    if (update.where && !holds(*update.where, context)) {
      ++counters_[id].dropped;
      if (options_.trace) held_back(id, Clause::kWhere, event, *update.where, context);
      continue;
    }
    // Every assignment reads the properties as they were before this update.
    std::vector<Value> next = twins_->current(id, key, event.time());
    for (const dsl::CheckedAssignment& a : update.assignments) {
      Value v = evaluate(a.value, context);
      if (v.type() == ValueType::kInt && body.properties->field(a.property).type == ValueType::kDouble) {
        v = Value::real(v.as_number());
      }
      next[a.property] = std::move(v);
    }
    std::vector<Value> values{key};
    values.insert(values.end(), next.begin(), next.end());
    twins_->store(id, key, {std::move(next), event.time()});
    ++counters_[id].out;
    push(id, Event(*s.output, event.time(), std::move(values)));
  }
}

void Engine::run_alert(StatementId id, const Event& event) {
  const dsl::PlanStatement& s = plan_->statements[id];
  const auto& body = std::get<dsl::CheckedAlert>(s.body);
  const auto bound = twins_->bind(&event);
  const EvalContext context{&event, nullptr, {}, twins_.get()};
  if (body.where && !passes(id, *body.where, event, context)) {
    ++counters_[id].dropped;
    if (options_.trace) held_back(id, Clause::kWhere, event, *body.where, context);
    return;
  }
  std::string key;
  for (std::uint32_t field : body.throttle_per) {
    key += (key.empty() ? "" : ",") + event.schema().field(field).name + "=" + display_text(event.value(field));
  }
  if (body.throttle) {
    auto [it, first] = throttles_[id].try_emplace(key, event.time());
    if (!first) {
      if (event.time() < it->second + *body.throttle) {
        ++counters_[id].dropped;
        if (options_.trace) {
          const Timestamp last = it->second;  // a lambda may not capture a structured binding (clang)
          options_.trace->held_back(id, Clause::kThrottle, event, [&] {
            return ConditionFailure{format_duration(event.time() - last) + " after the alert" +
                                        (key.empty() ? "" : " for " + key) + " at " + format_timestamp(last) +
                                        ", within its throttle of " + format_duration(*body.throttle),
                                    0, std::nullopt};
          });
        }
        return;
      }
      it->second = event.time();
    }
  }
  Alert alert;
  alert.rule = s.name;
  alert.severity = body.severity;
  alert.message = render(body.message, context);
  alert.time = event.time();
  alert.key = key;
  for (std::size_t i = 0; i < event.schema().size(); ++i)
    alert.fields.emplace_back(event.schema().field(i).name, event.value(i));
  alert.targets = fixed_targets_[id] ? *fixed_targets_[id] : resolve(body.targets, context);
  // The rule, the event time and every field: for a pattern's match these hold its key,
  // match_start and match_end; for a window its group and bounds.
  std::uint64_t hash = fnv1a(std::to_string(event.time().nanos_since_epoch()), fnv1a(s.name + "|"));
  for (const Value& v : event.values()) hash = fnv1a(value_identity(v), fnv1a("|", hash));
  alert.id = hex16(hash);
  ++counters_[id].out;
  output_.alert(alert);
}

void Engine::held_back(StatementId id, Clause clause, const Event& event, const dsl::BoundExpr& condition,
                       const EvalContext& context) {
  options_.trace->held_back(id, clause, event,
                            [&] { return explain_failure(condition, context, statement_field_namer(*plan_, id)); });
}

void Engine::report_having(StatementId id) {
  const auto& having = std::get<dsl::CheckedWindow>(plan_->statements[id].body).having;
  if (!having) return;
  for (const Event& result : windows_[id]->take_held_back()) {
    const EvalContext context{nullptr, nullptr, result.values(), twins_.get(), {}, {}};
    held_back(id, Clause::kHaving, result, *having, context);
  }
}

void Engine::run_pattern(StatementId id, StatementId from, const Event& event) {
  PatternOperator& pattern = *patterns_[id];
  const auto bound = twins_->bind(&event);
  pattern.add(from, event, operator_watermark(id), ready_);
  if (pattern.has_warnings()) {
    for (const std::string& warning : pattern.take_warnings()) output_.warning(plan_->statements[id].name, warning);
  }
  emit_all(id, ready_);
}

void Engine::run_sink(StatementId id, const Event& event) {
  const dsl::PlanStatement& s = plan_->statements[id];
  ++counters_[id].out;
  if (fixed_targets_[id]) {
    output_.sink_event(s.name, *fixed_targets_[id], event);
    return;
  }
  const auto bound = twins_->bind(&event);
  const EvalContext context{&event, nullptr, {}, twins_.get()};
  output_.sink_event(s.name, resolve(std::get<dsl::CheckedSink>(s.body).targets, context), event);
}

}  // namespace cepheus::engine
