#include "window_operator.h"

#include "group_key.h"

#include <algorithm>
#include <functional>

namespace cepheus::engine {
namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// True when `e` reads a field outside an aggregate.
bool reads_fields(const dsl::BoundExpr& e) {
  if (e.kind == dsl::BoundKind::kAggregate) return false;
  if (e.kind == dsl::BoundKind::kField) return true;
  return std::any_of(e.args.begin(), e.args.end(), [](const dsl::BoundExpr& arg) { return reads_fields(arg); });
}

}  // namespace

WindowOperator::WindowOperator(const dsl::PlanStatement& statement, const Schema& input, const TwinReader* twins,
                               SpareValues* spare)
    : statement_(statement),
      body_(std::get<dsl::CheckedWindow>(statement.body)),
      input_(input),
      twins_(twins),
      spare_(spare) {
  for (const dsl::NamedExpr& item : body_.aggregates) {
    const std::size_t first = aggregates_.size();
    collect_aggregates(item.expr, aggregates_);
    plain_aggregate_.push_back(item.expr.kind == dsl::BoundKind::kAggregate ? static_cast<int>(first) : -1);
    only_plain_ = only_plain_ && plain_aggregate_.back() == static_cast<int>(plain_aggregate_.size() - 1);
    reads_fields_ = reads_fields_ || reads_fields(item.expr);
  }
}

const WindowOperator::Key& WindowOperator::key_of(const Event& event) {
  if (body_.group_by.size() == 1) return event.value(body_.group_by[0]);  // the key is the value
  several_key_ = group_key(event, body_.group_by);
  return several_key_;
}

WindowOperator::Window WindowOperator::fresh(Timestamp start, Timestamp end) const {
  return Window(start, end, aggregates_);
}

void WindowOperator::accumulate(Window& window, const Event& event) const {
  const EvalContext context{&event, nullptr, {}, twins_, {}, {}};
  for (std::size_t i = 0; i < aggregates_.size(); ++i) window.accumulators[i].add(*aggregates_[i], context);
}

std::span<const Value> WindowOperator::group_of(const Key& key, std::span<const Value> several) {
  return several.empty() ? std::span<const Value>(&key, 1) : several;
}

std::span<const Value> WindowOperator::several_of(const KeyWindows& keyed) const {
  return {keyed.several.get(), keyed.several ? body_.group_by.size() : 0};
}

void WindowOperator::keep_group(KeyWindows& keyed, const Event& event) const {
  if (body_.group_by.size() < 2) return;
  keyed.several = std::make_unique<Value[]>(body_.group_by.size());
  for (std::size_t i = 0; i < body_.group_by.size(); ++i) keyed.several[i] = event.value(body_.group_by[i]);
}

WindowOperator::Window* WindowOperator::find(Windows& windows, Timestamp start) {
  for (Window& w : windows) {
    if (w.start == start) return &w;
  }
  return nullptr;
}

WindowOperator::Window& WindowOperator::insert(Windows& windows, Window&& window) {
  const auto at = std::upper_bound(windows.begin(), windows.end(), window.start,
                                   [](Timestamp start, const Window& w) { return start < w.start; });
  return *windows.insert(at, std::move(window));
}

std::vector<Value> WindowOperator::group_values(const Event& event) const {
  std::vector<Value> group;
  if (body_.group_by.size() < 2) return group;
  group.reserve(body_.group_by.size());
  for (std::uint32_t field : body_.group_by) group.push_back(event.value(field));
  return group;
}

std::vector<Value> WindowOperator::output_values(const Window& window, std::span<const Value> group,
                                                 std::vector<Value> values) const {
  if (!window.events.empty()) {  // a session aggregates its events as it closes
    Window session = fresh(window.start, window.end);
    for (const Event& e : window.events) accumulate(session, e);
    return output_values(session, group, std::move(values));
  }
  values.reserve(statement_.output->size());
  const std::size_t group_fields = body_.group_by.size();
  for (std::size_t i = 0; i < group_fields; ++i) values.push_back(i < group.size() ? group[i] : Value::null());
  if (only_plain_) {  // the usual compute list: its results are the output fields
    for (std::size_t i = 0; i < aggregates_.size(); ++i)
      values.push_back(window.accumulators[i].result(*aggregates_[i]));
  } else {
    computed_values(window, values);
  }
  values.push_back(Value::timestamp(window.start));
  values.push_back(Value::timestamp(window.end));
  return values;
}

void WindowOperator::computed_values(const Window& window, std::vector<Value>& values) const {
  boost::container::small_vector<Value, 4> results;
  for (std::size_t i = 0; i < aggregates_.size(); ++i)
    results.push_back(window.accumulators[i].result(*aggregates_[i]));
  const std::size_t group_fields = body_.group_by.size();
  // Fields outside aggregates are group fields (the checker sees to it), read off an
  // event that carries only those; made only when some item needs it.
  std::optional<Event> carrier;
  if (reads_fields_) {
    std::vector<Value> fields(input_.size());
    for (std::size_t i = 0; i < group_fields; ++i) fields[body_.group_by[i]] = values[i];
    carrier.emplace(input_, window.start, std::move(fields));
  }
  const EvalContext context{carrier ? &*carrier : nullptr,   nullptr, {}, twins_, aggregates_,
                            {results.data(), results.size()}};
  for (std::size_t i = 0; i < body_.aggregates.size(); ++i) {
    const int plain = plain_aggregate_[i];
    values.push_back(plain >= 0 ? results[static_cast<std::size_t>(plain)]
                                : evaluate(body_.aggregates[i].expr, context));
  }
}

void WindowOperator::emit(const Window& closing, std::span<const Value> group, std::vector<Event>& ready) {
  std::vector<Value> values = output_values(closing, group, spare_->take(statement_.output->size()));
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
  const auto add = [&](const Key& key, const Window& w, std::span<const Value> group) {
    OpenWindow open{display_text(key), w.start, w.end, {}};
    const std::vector<Value> values = output_values(w, group);
    for (std::size_t i = 0; i < values.size(); ++i)
      open.values.emplace_back(statement_.output->field(i).name, values[i]);
    out.push_back(std::move(open));
  };
  for (const auto& [key, windows] : windows_.entries()) {
    for (const Window& w : windows.by_start) {
      if (out.size() >= limit) return out;
      add(key, w, group_of(key, several_of(windows)));
    }
  }
  for (const auto& [key, counted] : counted_) {
    if (out.size() >= limit || counted.first.empty()) break;
    Window w = fresh(counted.first.front().time(), counted.first.back().time());
    for (const Event& e : counted.first) accumulate(w, e);
    const std::vector<Value> group = group_values(counted.first.front());
    add(key, w, group_of(key, group));
  }
  return out;
}

void WindowOperator::add(const Event& event, std::vector<Event>& ready) {
  const Key& key = key_of(event);
  if (body_.kind == dsl::WindowKind::kCount) {
    add_counted(key, event, ready);
    return;
  }
  bool inserted = false;
  KeyEntry& entry = windows_.get_entry(key, key.hash(), inserted);
  if (inserted) keep_group(entry.value, event);
  if (body_.kind == dsl::WindowKind::kSession) {
    add_to_session(entry, event);
  } else {
    add_to_windows(entry, event);
  }
}

void WindowOperator::add_to_windows(KeyEntry& entry, const Event& event) {
  const Timestamp t = event.time();
  const std::int64_t size = body_.size.count_nanos();
  const std::int64_t step = body_.kind == dsl::WindowKind::kTumbling ? size : body_.every.count_nanos();
  auto& windows = entry.value.by_start;
  // One tumbling window holds t, and most events fall in their key's latest one.
  if (body_.kind == dsl::WindowKind::kTumbling && !windows.empty() && windows.back().start <= t &&
      t < windows.back().end) {
    accumulate(windows.back(), event);
    return;
  }
  // Every window [start, start + size) with start a multiple of the step that holds t.
  for (std::int64_t start = floor_div(t.nanos_since_epoch(), step) * step; start > t.nanos_since_epoch() - size;
       start -= step) {
    const Timestamp from = Timestamp::from_nanos(start);
    const Timestamp to = Timestamp::from_nanos(start + size);
    Window* window = find(windows, from);
    if (!window) {
      // Windows open latest first, so the usual place is the end.
      window = windows.empty() || windows.back().start < from ? &windows.emplace_back(from, to, aggregates_)
                                                              : &insert(windows, fresh(from, to));
      deadlines_[to].push_back({entry.key, from, &entry});
    }
    accumulate(*window, event);
  }
}

void WindowOperator::add_to_session(KeyEntry& entry, const Event& event) {
  const Timestamp t = event.time();
  auto& sessions = entry.value.by_start;
  // Sessions this event touches (within a gap of it) are merged into one.
  std::vector<std::size_t> touching;
  for (std::size_t i = 0; i < sessions.size(); ++i) {
    const Window& window = sessions[i];
    if (t + body_.size > window.start && t < window.end) touching.push_back(i);
  }
  Window merged = touching.empty() ? fresh(t, t + body_.size) : std::move(sessions[touching.front()]);
  for (std::size_t i = 1; i < touching.size(); ++i) {
    Window& other = sessions[touching[i]];
    merged.events.insert(merged.events.end(), other.events.begin(), other.events.end());
    merged.start = std::min(merged.start, other.start);
    merged.end = std::max(merged.end, other.end);
  }
  for (auto i = touching.rbegin(); i != touching.rend(); ++i) {
    sessions.erase(sessions.begin() + static_cast<std::ptrdiff_t>(*i));
  }
  merged.start = std::min(merged.start, t);
  merged.end = std::max(merged.end, t + body_.size);  // its latest event's time + gap
  merged.events.push_back(event);
  deadlines_[merged.end].push_back({entry.key, merged.start, &entry});
  insert(sessions, std::move(merged));
}

void WindowOperator::add_counted(const Key& key, const Event& event, std::vector<Event>& ready) {
  auto& [events, since] = counted_[key];
  events.push_back(event);
  if (static_cast<std::int64_t>(events.size()) > body_.count) events.pop_front();
  if (++since < body_.count_every) return;
  since = 0;
  Window window = fresh(events.front().time(), events.back().time());
  for (const Event& e : events) accumulate(window, e);
  const std::vector<Value> group = group_values(events.front());
  emit(window, group_of(key, group), ready);
}

void WindowOperator::drop_emptied() {
  // Keys are erased only here, and each was emptied once, so every entry still holds its key.
  for (KeyEntry* entry : emptied_) {
    if (!entry->value.by_start.empty()) continue;  // the key came back
    const Key key = entry->key;                    // erasing empties the entry
    windows_.erase(key, key.hash());
  }
  emptied_.clear();
}

bool WindowOperator::close_due(Timestamp watermark, std::vector<Event>& ready, std::size_t limit) {
  if (!mid_round_) drop_emptied();
  for (std::size_t closed = 0; closed < limit && due(watermark);) {
    const auto earliest = deadlines_.begin();
    if (close(earliest->second[next_due_++], earliest->first, ready)) ++closed;
    if (next_due_ == earliest->second.size()) {
      deadlines_.erase(earliest);
      next_due_ = 0;
    }
  }
  mid_round_ = due(watermark);
  return mid_round_;
}

bool WindowOperator::close(const Deadline& due, Timestamp end, std::vector<Event>& ready) {
  // The entry the deadline was set in holds its key (see Deadline); checked all the same.
  KeyEntry* held = due.entry->key == due.key ? due.entry : windows_.find_entry(due.key, due.key.hash());
  if (!held) return false;
  KeyEntry& entry = *held;
  Window* window = find(entry.value.by_start, due.start);
  // A session that grew since this deadline was set has a later deadline of its own.
  if (!window || window->end != end) return false;
  emit(*window, group_of(entry.key, several_of(entry.value)), ready);
  entry.value.by_start.erase(window);
  if (entry.value.by_start.empty()) emptied_.push_back(&entry);
  return true;
}

void WindowOperator::save(SnapshotWriter& out) const {
  std::size_t keys = 0;
  for (const auto& [key, windows] : windows_.entries()) keys += windows.by_start.empty() ? 0 : 1;
  out.u64(keys);
  for (const auto& [key, windows] : windows_.entries()) {
    if (windows.by_start.empty()) continue;  // a key kept only until the next round
    out.value(key);
    out.u64(windows.by_start.size());
    for (const Window& w : windows.by_start) {
      out.time(w.start);
      out.time(w.end);
      // The format's latest event time: a session's end less its gap, else its start.
      out.time(body_.kind == dsl::WindowKind::kSession ? w.end - body_.size : w.start);
      // The format's "sample" event: with several group fields, an event that carries their values.
      const std::span<const Value> several = several_of(windows);
      out.boolean(!several.empty());
      if (!several.empty()) {
        std::vector<Value> fields(input_.size());
        for (std::size_t i = 0; i < several.size(); ++i) fields[body_.group_by[i]] = several[i];
        out.event(Event(input_, w.start, std::move(fields)));
      }
      for (const AggregateAccumulator& a : w.accumulators) a.save(out);
      out.u64(w.events.size());
      for (const Event& e : w.events) out.event(e);
    }
  }
  // In order (equal ends keep theirs), without the windows a round in progress closed.
  std::size_t deadlines = 0;
  for (const auto& [end, windows] : deadlines_) deadlines += windows.size();
  out.u64(deadlines - next_due_);
  for (auto node = deadlines_.begin(); node != deadlines_.end(); ++node) {
    const std::size_t from = node == deadlines_.begin() ? next_due_ : 0;
    for (std::size_t i = from; i < node->second.size(); ++i) {
      out.time(node->first);
      out.value(node->second[i].key);
      out.time(node->second[i].start);
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

void WindowOperator::load(SnapshotReader& in) {
  for (std::size_t keys = in.count(9), k = 0; k < keys && in.ok(); ++k) {
    Value key = in.value();
    bool inserted = false;
    KeyWindows& windows = windows_.get(key, inserted);
    for (std::size_t n = in.count(25), i = 0; i < n && in.ok(); ++i) {
      Window w = fresh(Timestamp(), Timestamp());
      w.start = in.time();
      w.end = in.time();
      in.time();  // the latest event time: a session's end tells it
      if (in.boolean()) {
        const Event sample = in.event(input_);
        if (!windows.several) keep_group(windows, sample);
      }
      for (AggregateAccumulator& a : w.accumulators) a.load(in);
      for (std::size_t e = in.count(16), j = 0; j < e && in.ok(); ++j) w.events.push_back(in.event(input_));
      if (Window* same = find(windows.by_start, w.start)) {
        *same = std::move(w);  // a damaged snapshot's repeat: the last one stands, as a map would keep it
      } else {
        insert(windows.by_start, std::move(w));
      }
    }
  }
  for (std::size_t n = in.count(17), i = 0; i < n && in.ok(); ++i) {
    const Timestamp end = in.time();
    Value key = in.value();
    const Timestamp start = in.time();
    // Kept for a window of the key that ends then, or later (a session that grew): a
    // damaged snapshot's other deadlines would close nothing, and must not outlive the key.
    KeyEntry* entry = windows_.find_entry(key, key.hash());
    const Window* window = entry ? find(entry->value.by_start, start) : nullptr;
    if (window && window->end >= end) deadlines_[end].push_back({std::move(key), start, entry});
  }
  for (std::size_t keys = in.count(17), k = 0; k < keys && in.ok(); ++k) {
    Value key = in.value();
    auto& [events, since] = counted_[key];
    since = in.i64();
    for (std::size_t n = in.count(16), i = 0; i < n && in.ok(); ++i) events.push_back(in.event(input_));
  }
}

}  // namespace cepheus::engine
