#include "window_operator.h"

#include "group_key.h"

#include <algorithm>
#include <functional>

namespace cepheus::engine {
namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

}  // namespace

WindowOperator::WindowOperator(const dsl::PlanStatement& statement, const TwinReader* twins)
    : statement_(statement), body_(std::get<dsl::CheckedWindow>(statement.body)), twins_(twins) {
  for (const dsl::NamedExpr& item : body_.aggregates) collect_aggregates(item.expr, aggregates_);
}

WindowOperator::Window WindowOperator::fresh(Timestamp start, Timestamp end) const {
  Window window;
  window.start = start;
  window.end = end;
  window.last = start;
  window.accumulators.resize(aggregates_.size());
  return window;
}

void WindowOperator::accumulate(Window& window, const Event& event) const {
  if (!window.sample) window.sample = event;
  const EvalContext context{&event, nullptr, {}, twins_, {}, {}};
  for (std::size_t i = 0; i < aggregates_.size(); ++i) window.accumulators[i].add(*aggregates_[i], context);
}

std::vector<Value> WindowOperator::output_values(const Window& window) const {
  Window session;
  if (!window.events.empty()) {
    session = fresh(window.start, window.end);
    for (const Event& e : window.events) accumulate(session, e);
  }
  const Window& w = window.events.empty() ? window : session;
  std::vector<Value> results;
  results.reserve(aggregates_.size());
  for (std::size_t i = 0; i < aggregates_.size(); ++i) results.push_back(w.accumulators[i].result(*aggregates_[i]));
  const EvalContext context{w.sample ? &*w.sample : nullptr, nullptr, {}, twins_, aggregates_, results};
  std::vector<Value> values;
  values.reserve(statement_.output->size());
  for (std::uint32_t field : body_.group_by) values.push_back(w.sample ? w.sample->value(field) : Value::null());
  for (const dsl::NamedExpr& item : body_.aggregates) values.push_back(evaluate(item.expr, context));
  values.push_back(Value::timestamp(w.start));
  values.push_back(Value::timestamp(w.end));
  return values;
}

void WindowOperator::emit(const Window& closing, std::vector<Event>& ready) {
  std::vector<Value> values = output_values(closing);
  if (body_.having) {
    const EvalContext output{nullptr, nullptr, values, twins_, {}, {}};
    if (!holds(*body_.having, output)) {
      if (keep_held_back_) held_back_.emplace_back(*statement_.output, closing.end, std::move(values));
      return;
    }
  }
  ready.emplace_back(*statement_.output, closing.end, std::move(values));
}

std::vector<OpenWindow> WindowOperator::contents(std::size_t limit) const {
  std::vector<OpenWindow> out;
  const auto add = [&](const Key& key, const Window& w) {
    OpenWindow open{display_text(key), w.start, w.end, {}};
    const std::vector<Value> values = output_values(w);
    for (std::size_t i = 0; i < values.size(); ++i)
      open.values.emplace_back(statement_.output->field(i).name, values[i]);
    out.push_back(std::move(open));
  };
  for (const auto& [key, hash, windows] : windows_.entries()) {
    for (const auto& [start, w] : windows) {
      if (out.size() >= limit) return out;
      add(key, w);
    }
  }
  for (const auto& [key, counted] : counted_) {
    if (out.size() >= limit || counted.first.empty()) break;
    Window w = fresh(counted.first.front().time(), counted.first.back().time());
    for (const Event& e : counted.first) accumulate(w, e);
    add(key, w);
  }
  return out;
}

void WindowOperator::add(const Event& event, std::vector<Event>& ready) {
  const Key key = group_key(event, body_.group_by);
  const Timestamp t = event.time();
  switch (body_.kind) {
    case dsl::WindowKind::kTumbling:
    case dsl::WindowKind::kSliding: {
      const std::int64_t size = body_.size.count_nanos();
      const std::int64_t step = body_.kind == dsl::WindowKind::kTumbling ? size : body_.every.count_nanos();
      bool inserted = false;
      auto& windows = windows_.get(key, inserted);
      // Every window [start, start + size) with start a multiple of the step that holds t.
      for (std::int64_t start = floor_div(t.nanos_since_epoch(), step) * step; start > t.nanos_since_epoch() - size;
           start -= step) {
        auto [it, opened] = windows.try_emplace(Timestamp::from_nanos(start));
        if (opened) {
          it->second = fresh(Timestamp::from_nanos(start), Timestamp::from_nanos(start + size));
          deadlines_[it->second.end].emplace_back(key, it->second.start);
        }
        accumulate(it->second, event);
      }
      return;
    }
    case dsl::WindowKind::kSession: {
      bool inserted = false;
      auto& sessions = windows_.get(key, inserted);
      // Sessions this event touches (within a gap of it) are merged into one.
      std::vector<Timestamp> touching;
      for (auto& [start, window] : sessions) {
        if (t + body_.size > window.start && t < window.last + body_.size) touching.push_back(start);
      }
      Window merged = touching.empty() ? fresh(t, t + body_.size) : std::move(sessions[touching.front()]);
      if (touching.empty()) merged.last = t;
      for (std::size_t i = 1; i < touching.size(); ++i) {
        Window& other = sessions[touching[i]];
        merged.events.insert(merged.events.end(), other.events.begin(), other.events.end());
        merged.start = std::min(merged.start, other.start);
        merged.last = std::max(merged.last, other.last);
      }
      for (const Timestamp start : touching) sessions.erase(start);
      merged.start = std::min(merged.start, t);
      merged.last = std::max(merged.last, t);
      merged.end = merged.last + body_.size;
      merged.events.push_back(event);
      const Timestamp start = merged.start;
      deadlines_[merged.end].emplace_back(key, start);
      sessions[start] = std::move(merged);
      return;
    }
    case dsl::WindowKind::kCount: {
      auto& [events, since] = counted_[key];
      events.push_back(event);
      if (static_cast<std::int64_t>(events.size()) > body_.count) events.pop_front();
      if (++since < body_.count_every) return;
      since = 0;
      Window window = fresh(events.front().time(), events.back().time());
      for (const Event& e : events) accumulate(window, e);
      emit(window, ready);
      return;
    }
  }
}

void WindowOperator::advance(Timestamp watermark, std::vector<Event>& ready) {
  while (!deadlines_.empty() && deadlines_.begin()->first <= watermark) {
    const auto node = deadlines_.extract(deadlines_.begin());
    const Timestamp end = node.key();
    for (const auto& [key, start] : node.mapped()) {
      auto* by_key = windows_.find(key);
      if (!by_key) continue;
      auto window = by_key->find(start);
      // A session that grew since this deadline was set has a later deadline of its own.
      if (window == by_key->end() || window->second.end != end) continue;
      emit(window->second, ready);
      by_key->erase(window);
      if (by_key->empty()) windows_.erase(key);
    }
  }
}

void WindowOperator::save(SnapshotWriter& out) const {
  out.u64(windows_.size());
  for (const auto& [key, hash, windows] : windows_.entries()) {
    out.value(key);
    out.u64(windows.size());
    for (const auto& [start, w] : windows) {
      out.time(w.start);
      out.time(w.end);
      out.time(w.last);
      out.boolean(w.sample.has_value());
      if (w.sample) out.event(*w.sample);
      for (const AggregateAccumulator& a : w.accumulators) a.save(out);
      out.u64(w.events.size());
      for (const Event& e : w.events) out.event(e);
    }
  }
  std::size_t deadlines = 0;
  for (const auto& [end, windows] : deadlines_) deadlines += windows.size();
  out.u64(deadlines);
  for (const auto& [end, windows] : deadlines_) {  // in order: equal ends keep their order
    for (const auto& [key, start] : windows) {
      out.time(end);
      out.value(key);
      out.time(start);
    }
  }
  out.u64(counted_.size());
  for (const auto& [key, counted] : counted_) {
    out.value(key);
    out.i64(counted.second);
    out.u64(counted.first.size());
    for (const Event& e : counted.first) out.event(e);
  }
}

void WindowOperator::load(SnapshotReader& in, const Schema& input) {
  for (std::size_t keys = in.count(9), k = 0; k < keys && in.ok(); ++k) {
    Value key = in.value();
    bool inserted = false;
    auto& windows = windows_.get(key, inserted);
    for (std::size_t n = in.count(25), i = 0; i < n && in.ok(); ++i) {
      Window w = fresh(Timestamp(), Timestamp());
      w.start = in.time();
      w.end = in.time();
      w.last = in.time();
      if (in.boolean()) w.sample = in.event(input);
      for (AggregateAccumulator& a : w.accumulators) a.load(in);
      for (std::size_t e = in.count(16), j = 0; j < e && in.ok(); ++j) w.events.push_back(in.event(input));
      const Timestamp start = w.start;
      windows[start] = std::move(w);
    }
  }
  for (std::size_t n = in.count(17), i = 0; i < n && in.ok(); ++i) {
    const Timestamp end = in.time();
    Value key = in.value();
    const Timestamp start = in.time();
    deadlines_[end].emplace_back(std::move(key), start);
  }
  for (std::size_t keys = in.count(17), k = 0; k < keys && in.ok(); ++k) {
    Value key = in.value();
    auto& [events, since] = counted_[key];
    since = in.i64();
    for (std::size_t n = in.count(16), i = 0; i < n && in.ok(); ++i) events.push_back(in.event(input));
  }
}

}  // namespace cepheus::engine
