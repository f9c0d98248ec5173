#include "pattern_operator.h"

#include <algorithm>

#include "aggregate_accumulator.h"
#include "group_key.h"

namespace cepheus::engine {
namespace {

// Reads one bound event of a quantified step while its aggregates fold it.
class OneEventBindings final : public BindingReader {
 public:
  OneEventBindings(const BoundEvent& bound, const RunBindings& rest) : bound_(bound), rest_(rest) {}
  Value binding(std::uint32_t step, std::uint32_t index) const override {
    if (step == bound_.step && bound_.event) return bound_.event->value(index);
    return rest_.binding(step, index);
  }

 private:
  const BoundEvent& bound_;
  const RunBindings& rest_;
};

}  // namespace

PatternOperator::PatternOperator(const dsl::PlanStatement& statement, const dsl::Plan& plan, const TwinReader* twins,
                                 SpareValues* spare, const EngineOptions& options)
    : statement_(statement),
      plan_(plan),
      pattern_(std::get<dsl::CheckedPattern>(statement.body)),
      twins_(twins),
      spare_(spare),
      limits_(options.patterns),
      program_(compile_pattern_program(plan, pattern_)),
      matcher_(plan, pattern_, program_, twins) {
  if (options.trace) {
    tracer_.sink = options.trace;
    tracer_.pattern = statement.name;
    matcher_.set_tracer(&tracer_);
  }
  for (const dsl::NamedExpr& item : pattern_.select) collect_aggregates(item.expr, aggregates_);
  sweep_every_ = pattern_.within.value_or(Duration::minutes(1));
  // A declared `expire after`; else the engine's limit for patterns that `within` does not bound.
  if (pattern_.expire_after) {
    idle_ttl_ = pattern_.expire_after;
  } else if (!pattern_.within) {
    idle_ttl_ = limits_.idle_key_ttl;
  }
}

const Value& PatternOperator::key_of(dsl::StatementId from, const Event& event) {
  const std::vector<std::uint32_t>& fields = program_.partition_fields[from];
  if (fields.size() == 1) return event.value(fields[0]);  // the key is the value
  key_values_.clear();
  for (const std::uint32_t f : fields) key_values_.push_back(event.value(f));
  several_key_ = group_key(event, fields);
  return several_key_;
}

std::span<const Value> PatternOperator::values_of(const KeyEntry& entry) const {
  const std::size_t fields = pattern_.partition_by.size();
  if (fields == 1) return {&entry.key, 1};
  const KeyExtras* extras = entry.value.extras.get();
  return {extras ? extras->several.get() : nullptr, extras && extras->several ? fields : 0};
}

PatternOperator::KeyEntry& PatternOperator::insert(const Value& key, std::size_t hash, std::span<const Value> values) {
  KeyEntry& entry = keys_.insert_absent(key, hash);
  if (values.size() > 1) {
    KeyExtras& more = extras(entry.value);
    more.several = std::make_unique<Value[]>(values.size());
    std::copy(values.begin(), values.end(), more.several.get());
  }
  return entry;
}

PatternOperator::KeyExtras& PatternOperator::extras(KeyState& state) {
  if (!state.extras) state.extras = std::make_unique<KeyExtras>();
  return *state.extras;
}

void PatternOperator::add(dsl::StatementId from, const Event& event, Timestamp watermark, std::vector<Event>& ready) {
  if (event.time() <= watermark && (buffer_.empty() || event.time() < buffer_.begin()->first)) {
    // Nothing earlier waits: match it now (the usual case with no lateness).
    fire(event.time(), ready);
    release(from, event, ready);
  } else if (event.time() < released_) {
    release(from, event, ready);  // from a source that was idle: matched as it arrives
  } else {
    buffer_.emplace(event.time(), std::make_pair(from, event));
  }
  advance_to(watermark, ready);
}

void PatternOperator::release_buffered(Timestamp watermark, std::vector<Event>& ready) {
  while (!buffer_.empty() && buffer_.begin()->first <= watermark) {
    auto node = buffer_.extract(buffer_.begin());
    fire(node.key(), ready);
    release(node.mapped().first, node.mapped().second, ready);
  }
}

void PatternOperator::finish(std::vector<Event>& ready) {
  advance_to(Timestamp::max(), ready);
  // Matches still open but complete (a greedy last step that could have grown): emit in creation order.
  std::vector<std::pair<std::uint64_t, std::pair<const KeyEntry*, const Run*>>> done;
  for (const KeyEntry& entry : keys_.entries()) {
    for (const Run& run : entry.value.runs) {
      if (matcher_.done(run)) done.push_back({run.id, {&entry, &run}});
    }
  }
  std::sort(done.begin(), done.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [id, at] : done) emit(*at.first, *at.second, at.second->last(), ready);
  stats_.expired += runs_ - done.size();
  keys_.clear();
  runs_ = 0;
}

void PatternOperator::release(dsl::StatementId from, const Event& event, std::vector<Event>& ready) {
  released_ = std::max(released_, event.time());
  const Value& key = key_of(from, event);
  const std::span<const Value> partition = pattern_.partition_by.size() == 1
                                               ? std::span<const Value>(&key, 1)
                                               : std::span<const Value>(key_values_.data(), key_values_.size());
  const std::size_t hash = key.hash();
  if (tracer_.sink) tracer_.key = display_text(key);
  KeyEntry* found = keys_.find_entry(key, hash);
  SharedEvent shared;
  const Offered offered{from, &event, ++seq_, &shared};
  bool starting = false;
  if (!found) {
    // A key without runs needs state only if this event starts one.
    if (!program_.starts[from]) return;
    matcher_.set_key(partition);
    if (!begins(offered)) return;
    found = &insert(key, hash, partition);
    skip_until_ = 0;
    starting = true;
  } else {
    continue_runs(*found, offered, ready);
    starting = program_.starts[from] && offered.seq > skip_until_ && (program_.every || found->value.runs.empty()) &&
               begins(offered);
  }
  KeyState& state = found->value;
  state.last_event = event.time();
  if (starting) start_runs(*found, offered, ready);
  if (state.runs.empty()) {
    keys_.erase(key, hash);
    return;
  }
  cap(state);
  schedule(state, key, hash);
  arm_idle_ttl(state, key, hash);
}

void PatternOperator::arm_idle_ttl(KeyState& state, const Value& key, std::size_t hash) {
  if (!idle_ttl_ || ttl_at(state) != Timestamp::max()) return;  // no TTL, or its timer is set (it re-arms itself)
  const Timestamp at = state.last_event + *idle_ttl_;
  // Runs that all end by their own deadlines before the TTL need no TTL timer: a key
  // whose runs are timed (an absence, a step's `within`) then pushes one timer, not two.
  // At a tie the TTL fires first (order 0), so it is set then.
  if (std::all_of(state.runs.begin(), state.runs.end(), [&](const Run& run) { return run.deadline < at; })) return;
  extras(state).ttl_at = at;
  timers_.push({at, 0, key, hash});
}

bool PatternOperator::ends_before(const Run& run, const Offered& offered) {
  if (!run.scheduled && run.deadline <= offered.event->time()) {
    ++stats_.expired;  // its deadline passed (a timer would have fired first if it had one)
    trace(run, run.deadline,
          [&] { return "the match ended incomplete: its deadline " + format_timestamp(run.deadline) + " passed"; });
    return true;
  }
  if (matcher_.breaks_absence(run, offered)) {
    ++stats_.broken;
    trace(run, offered.event->time(), [&] {
      const Timestamp t = offered.event->time();
      return "'" + plan_.statements[offered.from].name + "' arrived " + format_duration(t - run.last()) +
             " after the last event, " + format_duration(matcher_.deadline(run).at - t) +
             " before the deadline: the absence is broken";
    });
    return true;
  }
  return false;
}

bool PatternOperator::ends_at_refusal(const Run& run, const Offered& offered) {
  if (!matcher_.strict(run)) return false;
  ++stats_.broken;  // `next` wanted this very event
  trace(run, offered.event->time(),
        [] { return std::string("'next' wanted this very event, and no step took it: the match ends"); });
  return true;
}

PatternOperator::InPlace PatternOperator::offer_in_place(Run& run, const Offered& offered) {
  if (ends_before(run, offered)) return InPlace::kEnded;
  if (matcher_.take_in_place(run, offered)) return matcher_.complete(run) ? InPlace::kCompleted : InPlace::kWaits;
  if (matcher_.done(run)) return InPlace::kCompleted;  // a greedy last step meets an event it does not take
  return ends_at_refusal(run, offered) ? InPlace::kEnded : InPlace::kWaits;
}

void PatternOperator::continue_runs(KeyEntry& entry, const Offered& offered, std::vector<Event>& ready) {
  if (matcher_.moves_in_place()) {
    continue_runs_in_place(entry, offered, ready);
    return;
  }
  KeyState& state = entry.value;
  matcher_.set_key(values_of(entry));
  RunList& next = next_;
  std::vector<Run>& completed = completed_;
  std::vector<Run>& taken = taken_;
  next.clear();
  completed.clear();
  for (Run& run : state.runs) {
    if (ends_before(run, offered)) continue;
    taken.clear();
    bool keep_waiting = false;
    matcher_.take(run, offered, taken, keep_waiting);
    if (taken.empty()) {
      if (matcher_.done(run)) {
        completed.push_back(std::move(run));  // a greedy last step meets an event it does not take: it ends
      } else if (!ends_at_refusal(run, offered)) {
        next.push_back(std::move(run));
      }
      continue;
    }
    if (keep_waiting) next.push_back(run);
    for (std::size_t i = 0; i < taken.size(); ++i) {
      Run& t = taken[i];
      t.id = (i == 0 && !keep_waiting) ? run.id : next_run_id_++;
      if (t.id != run.id && !t.bound.empty())
        trace(t, t.bound.back().step, t.last(), [&] { return "started, a branch of run " + std::to_string(run.id); });
      if (matcher_.complete(t)) {
        completed.push_back(std::move(t));
      } else {
        next.push_back(std::move(t));
      }
    }
  }
  runs_ -= state.runs.size();
  // Moved back rather than swapped: swapping lists that hold their runs inline moves every run of both.
  state.runs.clear();
  for (Run& run : next) state.runs.push_back(std::move(run));
  runs_ += state.runs.size();
  skip_until_ = 0;
  emit_all(entry, completed, offered.event->time(), ready);
}

void PatternOperator::continue_runs_in_place(KeyEntry& entry, const Offered& offered, std::vector<Event>& ready) {
  KeyState& state = entry.value;
  matcher_.set_key(values_of(entry));
  RunList& runs = state.runs;
  skip_until_ = 0;
  if (runs.size() == 1) {  // the usual key: its one run waits on, ends, or is emitted where it is
    const InPlace outcome = offer_in_place(runs[0], offered);
    if (outcome == InPlace::kWaits) return;
    if (outcome == InPlace::kCompleted) {
      // With no other run and no other match, emit_all() would prune nothing.
      emit(entry, runs[0], std::max(offered.event->time(), runs[0].last()), ready);
      note_skip(runs[0]);
    }
    runs.pop_back();
    --runs_;
    return;
  }
  std::vector<Run>& completed = completed_;
  completed.clear();
  std::size_t kept = 0;  // runs that stay are moved up over those that ended, keeping their order
  for (std::size_t i = 0; i < runs.size(); ++i) {
    Run& run = runs[i];
    const InPlace outcome = offer_in_place(run, offered);
    if (outcome == InPlace::kCompleted) completed.push_back(std::move(run));
    if (outcome != InPlace::kWaits) continue;
    if (kept != i) runs[kept] = std::move(run);
    ++kept;
  }
  runs_ -= runs.size() - kept;
  while (runs.size() > kept) runs.pop_back();  // usually one run, often none: cheaper than a range erase
  emit_all(entry, completed, offered.event->time(), ready);
}

bool PatternOperator::begins(const Offered& offered) {
  if (matcher_.moves_in_place()) return matcher_.starts_with(offered);
  starting_.clear();
  bool keep_waiting = false;
  matcher_.take_fresh(offered, starting_, keep_waiting);
  return !starting_.empty();
}

// The runs that begin with this event (begins() said so), once the existing runs have had it.
void PatternOperator::start_runs(KeyEntry& entry, const Offered& offered, std::vector<Event>& ready) {
  KeyState& state = entry.value;
  std::vector<Run>& completed = completed_;
  completed.clear();
  if (matcher_.moves_in_place()) {
    if (room_for_run()) {
      Run& run = matcher_.start_in_place(state.runs, offered);
      run.id = next_run_id_++;
      if (matcher_.complete(run)) {  // a pattern of one step
        completed.push_back(std::move(run));
        state.runs.pop_back();
        emit_all(entry, completed, offered.event->time(), ready);
      } else {
        ++runs_;
      }
    }
    return;
  }
  for (Run& t : starting_) {
    if (!room_for_run()) break;
    t.id = next_run_id_++;
    // The start was traced before the run had its id: name the run now, so that
    // what happens to it later can be told from its first event on.
    if (!t.bound.empty()) trace(t, t.bound.back().step, t.last(), [] { return std::string("started a match"); });
    if (matcher_.complete(t)) {
      completed.push_back(std::move(t));
    } else {
      state.runs.push_back(std::move(t));
      ++runs_;
    }
  }
  emit_all(entry, completed, offered.event->time(), ready);
}

bool PatternOperator::room_for_run() {
  if (runs_ < limits_.max_partial_matches) return true;
  ++stats_.dropped;
  drop_warning("the pattern holds " + std::to_string(runs_) + " partial matches, its limit");
  return false;
}

void PatternOperator::drop_oldest(KeyState& state) {
  const std::size_t excess = state.runs.size() - limits_.max_partial_matches_per_key;
  state.runs.erase(state.runs.begin(), state.runs.begin() + static_cast<std::ptrdiff_t>(excess));
  runs_ -= excess;
  stats_.dropped += excess;
  drop_warning("a key holds more than " + std::to_string(limits_.max_partial_matches_per_key) +
               " partial matches; the oldest were dropped");
}

void PatternOperator::drop_warning(const std::string& why) {
  // The first drop and every 10,000th after it, so a flood of drops is visible but not a flood of warnings.
  if (stats_.dropped % 10'000 != 1) return;
  warnings_.push_back("pattern '" + statement_.name + "' (" + statement_.location + "): " + why + " (" +
                      std::to_string(stats_.dropped) + " dropped so far)");
}

void PatternOperator::schedule(KeyState& state, const Value& key, std::size_t hash) {
  for (Run& run : state.runs) {
    const Deadline d = matcher_.deadline(run);
    // A deadline that can only end an incomplete run needs no timer: it is checked when the
    // key's next event comes, and swept otherwise. The others (absences, growable matches) fire.
    const bool timer = d.at != Timestamp::max() && (d.action != DeadlineAction::kEnd || matcher_.done(run));
    if (d.at == run.deadline && timer == run.scheduled) continue;
    run.deadline = d.at;
    run.scheduled = timer;
    if (timer) timers_.push({d.at, run.id, key, hash});
    if (!timer && d.at != Timestamp::max() && next_sweep_ == Timestamp::max()) next_sweep_ = d.at + sweep_every_;
  }
}

void PatternOperator::sweep(Timestamp watermark) {
  std::vector<Value> emptied;
  for (auto& entry : keys_.entries()) {
    RunList& runs = entry.value.runs;
    const std::size_t before = runs.size();
    const auto passed = [&](const Run& r) {
      return !r.scheduled && r.deadline <= watermark && r.deadline != Timestamp::max();
    };
    if (tracer_.sink) {  // swept runs end at their deadline as surely as timed ones: say so
      tracer_.key = display_text(entry.key);
      for (const Run& run : runs)
        if (passed(run))
          trace(run, run.deadline, [&] {
            return "the match ended incomplete: its deadline " + format_timestamp(run.deadline) + " passed";
          });
    }
    runs.erase(std::remove_if(runs.begin(), runs.end(), passed), runs.end());
    stats_.expired += before - runs.size();
    runs_ -= before - runs.size();
    if (runs.empty()) emptied.push_back(entry.key);
  }
  for (const Value& key : emptied) keys_.erase(key);
  next_sweep_ = runs_ == 0 ? Timestamp::max() : watermark + sweep_every_;
}

void PatternOperator::fire_due(Timestamp limit, std::vector<Event>& ready) {
  if (limit >= next_sweep_) sweep(limit);
  while (!timers_.empty() && timers_.top().at <= limit) {
    const Timer timer = timers_.top();
    timers_.pop();
    KeyEntry* found = keys_.find_entry(timer.key, timer.key_hash);
    if (!found) continue;  // the key's runs all ended
    KeyState& state = found->value;
    if (tracer_.sink) tracer_.key = display_text(timer.key);
    if (timer.order == 0) {  // idle TTL of a pattern without `within`
      // Not the timer in force: one set for an earlier life of the key.
      if (!state.extras || timer.at != state.extras->ttl_at) continue;
      if (state.last_event + *idle_ttl_ > timer.at) {
        state.extras->ttl_at = Timestamp::max();
        arm_idle_ttl(state, timer.key, timer.key_hash);  // the key had events since: from the last one
        continue;
      }
      // Matches that are complete but could have grown end here; the others expire.
      std::vector<Run>& completed = completed_;
      completed.clear();
      for (Run& run : state.runs) {
        if (matcher_.done(run)) {
          completed.push_back(std::move(run));
        } else {
          trace(run, timer.at,
                [] { return std::string("the match ended incomplete: its key was idle for the pattern's idle TTL"); });
        }
      }
      stats_.expired += state.runs.size() - completed.size();
      runs_ -= state.runs.size();
      state.runs.clear();
      skip_until_ = 0;
      emit_all(*found, completed, Timestamp::min(), ready);  // at each match's last event
      keys_.erase(timer.key, timer.key_hash);
      continue;
    }
    fire_run(timer, *found, ready);
    if (state.runs.empty()) keys_.erase(timer.key, timer.key_hash);
  }
}

void PatternOperator::fire_run(const Timer& timer, KeyEntry& entry, std::vector<Event>& ready) {
  KeyState& state = entry.value;
  auto run = std::find_if(state.runs.begin(), state.runs.end(), [&](const Run& r) { return r.id == timer.order; });
  if (run == state.runs.end() || run->deadline != timer.at || !run->scheduled) return;  // ended, or it moved
  matcher_.set_key(values_of(entry));
  const Deadline d = matcher_.deadline(*run);
  std::vector<Run>& completed = completed_;
  completed.clear();
  if (d.action == DeadlineAction::kPassAbsence) {
    trace(*run, timer.at, [] { return std::string("the absence held until its deadline"); });
    matcher_.pass_absence(*run);
    if (matcher_.complete(*run)) {
      completed.push_back(std::move(*run));
      state.runs.erase(run);
      --runs_;
    } else {
      schedule(state, timer.key, timer.key_hash);
      arm_idle_ttl(state, timer.key, timer.key_hash);  // the next step may wait longer than the TTL
    }
    skip_until_ = 0;
    emit_all(entry, completed, timer.at, ready);
    return;
  }
  Run ended = std::move(*run);
  state.runs.erase(run);
  --runs_;
  if (!matcher_.done(ended)) {
    ++stats_.expired;
    trace(ended, timer.at,
          [&] { return "the match ended incomplete: its deadline " + format_timestamp(timer.at) + " passed"; });
    return;
  }
  completed.push_back(std::move(ended));
  skip_until_ = 0;
  emit_all(entry, completed, completed.front().last(), ready);
}

bool PatternOperator::pruned_by(const Run& run, const Run& match) const {
  const auto bound_seq = [&](bool first) -> std::optional<std::uint64_t> {
    std::optional<std::uint64_t> seq;
    for (const BoundEvent& b : match.bound) {
      if (b.step != pattern_.skip_step) continue;
      if (!seq || !first) seq = b.seq;
    }
    return seq;
  };
  switch (pattern_.skip) {
    case dsl::SkipKind::kNoSkip: return false;
    case dsl::SkipKind::kToNext: return run.start_seq() == match.start_seq();
    case dsl::SkipKind::kPastLast: return run.start_seq() <= match.bound.back().seq;
    case dsl::SkipKind::kToFirst:
    case dsl::SkipKind::kToLast: {
      const auto seq = bound_seq(pattern_.skip == dsl::SkipKind::kToFirst);
      return seq ? run.start_seq() < *seq : run.start_seq() == match.start_seq();
    }
  }
  return false;
}

void PatternOperator::emit_all(KeyEntry& entry, std::vector<Run>& completed, Timestamp time,
                               std::vector<Event>& ready) {
  KeyState& state = entry.value;
  for (std::size_t i = 0; i < completed.size(); ++i) {
    const Run& match = completed[i];
    emit(entry, match, std::max(time, match.last()), ready);
    const std::size_t before = state.runs.size();
    state.runs.erase(
        std::remove_if(state.runs.begin(), state.runs.end(), [&](const Run& r) { return pruned_by(r, match); }),
        state.runs.end());
    runs_ -= before - state.runs.size();
    stats_.skipped += before - state.runs.size();
    // Matches completed by the same event are pruned like runs.
    auto rest = std::remove_if(completed.begin() + static_cast<std::ptrdiff_t>(i) + 1, completed.end(),
                               [&](const Run& r) { return pruned_by(r, match); });
    completed.erase(rest, completed.end());
    note_skip(match);
  }
}

void PatternOperator::note_skip(const Run& match) {
  if (pattern_.skip == dsl::SkipKind::kPastLast) skip_until_ = std::max(skip_until_, match.bound.back().seq);
}

void PatternOperator::emit(const KeyEntry& entry, const Run& run, Timestamp time, std::vector<Event>& ready) {
  std::vector<Value> values = spare_->take(statement_.output->size());
  if (pattern_.select.empty()) {
    const std::span<const Value> partition = values_of(entry);
    values.assign(partition.begin(), partition.end());  // the partition fields
  } else {
    select(entry, run, values);
  }
  values.push_back(Value::timestamp(run.start()));
  values.push_back(Value::timestamp(run.last()));
  ++stats_.matches;
  trace(run, time,
        [&] { return "matched, from " + format_timestamp(run.start()) + " to " + format_timestamp(run.last()); });
  ready.emplace_back(*statement_.output, time, std::move(values));
}

void PatternOperator::select(const KeyEntry& entry, const Run& run, std::vector<Value>& values) const {
  const RunBindings bindings(pattern_, run, values_of(entry));
  std::vector<Value> results;
  results.reserve(aggregates_.size());
  for (const dsl::BoundExpr* aggregate : aggregates_) {
    AggregateAccumulator accumulator(aggregate->aggregate);
    for (const BoundEvent& b : run.bound) {
      if (b.step != aggregate->over_step) continue;
      const OneEventBindings one(b, bindings);
      EvalContext context{b.event.get(), nullptr, {}, twins_, {}, {}};
      context.bindings = &one;
      accumulator.add(*aggregate, context);
    }
    results.push_back(accumulator.result(*aggregate));
  }
  EvalContext context{nullptr, nullptr, {}, twins_, aggregates_, results};
  context.bindings = &bindings;
  for (const dsl::NamedExpr& item : pattern_.select) values.push_back(evaluate(item.expr, context));
}

PatternStats PatternOperator::stats() const {
  PatternStats out = stats_;
  out.keys = keys_.size();
  out.partial_matches = runs_;
  out.buffered = buffer_.size();
  return out;
}

std::vector<PartialMatch> PatternOperator::partial_matches(std::size_t limit) const {
  std::vector<PartialMatch> out;
  for (const auto& entry : keys_.entries()) {
    const Value& key = entry.key;
    for (const Run& run : entry.value.runs) {
      if (out.size() >= limit) return out;
      if (!run.scheduled && run.deadline <= released_) continue;  // expired, not yet swept
      PartialMatch m;
      m.key = display_text(key);
      const dsl::CheckedStep& step = pattern_.steps[matcher_.current_step(run)];
      m.step = step.name.empty() ? plan_.statements[step.stream].name : step.name;
      m.events = run.bound.size();
      m.start = run.start();
      m.last = run.last();
      m.deadline = run.deadline;
      out.push_back(std::move(m));
    }
  }
  return out;
}

std::vector<std::string> PatternOperator::take_warnings() {
  std::vector<std::string> out;
  out.swap(warnings_);
  return out;
}

void PatternOperator::save_run(SnapshotWriter& out, const Run& run) const {
  out.u64(run.id);
  for (const std::int32_t slot : run.slots) out.i64(slot);
  out.u64(run.bound.size());
  for (const BoundEvent& b : run.bound) {
    out.u64(b.step);
    out.u64(b.seq);
    out.time(b.time);
    out.boolean(static_cast<bool>(b.event));
    if (b.event) out.event(*b.event);
  }
  out.time(run.deadline);
  out.boolean(run.scheduled);
  out.boolean(run.strict_after_absence);
  out.time(run.absence_passed);
}

Run PatternOperator::load_run(SnapshotReader& in) const {
  Run run;
  run.id = in.u64();
  for (std::uint32_t i = 0; i < program_.slots; ++i) run.slots.push_back(static_cast<std::int32_t>(in.i64()));
  for (std::size_t n = in.count(25), i = 0; i < n && in.ok(); ++i) {
    const std::uint64_t step = in.u64();
    const std::uint64_t seq = in.u64();
    if (step >= pattern_.steps.size()) {
      in.fail("a bound event of step " + std::to_string(step) + ", which the pattern does not have");
      break;
    }
    BoundEvent b{step, seq, in.time(), nullptr};
    if (in.boolean()) b.event = SharedEvent(in.event(*plan_.statements[pattern_.steps[b.step].stream].output));
    run.bound.push_back(std::move(b));
  }
  if (run.bound.empty()) in.fail("a partial match without events");
  // Slots index nodes and bound events: refuse any that would read out of range.
  for (const PatternProgram::Node& node : program_.nodes) {
    const std::int32_t v = in.ok() ? run.slots[node.slot] : 0;
    const bool fits =
        node.kind == PatternProgram::Kind::kSequence ? v >= 0 && static_cast<std::size_t>(v) < node.children.size()
        : node.kind == PatternProgram::Kind::kOr     ? v >= -1 && v < static_cast<std::int32_t>(node.children.size())
        : node.kind == PatternProgram::Kind::kStep
            ? v >= 0 && run.slots[node.slot + 1] < static_cast<std::int32_t>(run.bound.size())
            : true;
    if (!fits) in.fail("a partial match in a state the pattern cannot be in");
  }
  run.deadline = in.time();
  run.scheduled = in.boolean();
  run.strict_after_absence = in.boolean();
  run.absence_passed = in.time();
  return run;
}

void PatternOperator::save(SnapshotWriter& out) const {
  out.u64(seq_);
  out.u64(next_run_id_);
  out.time(released_);
  out.time(next_sweep_);
  for (const std::uint64_t n : {stats_.matches, stats_.expired, stats_.broken, stats_.skipped, stats_.dropped})
    out.u64(n);
  out.u64(keys_.size());
  for (const KeyEntry& entry : keys_.entries()) {
    const KeyState& state = entry.value;
    out.value(entry.key);
    const std::span<const Value> partition = values_of(entry);
    out.u64(partition.size());
    for (const Value& v : partition) out.value(v);
    out.time(state.last_event);
    out.time(ttl_at(state));
    out.u64(state.runs.size());
    for (const Run& run : state.runs) save_run(out, run);
  }
  const std::vector<Timer> timers = timers_.sorted();
  out.u64(timers.size());
  for (const Timer& t : timers) {
    out.time(t.at);
    out.u64(t.order);
    out.value(t.key);
  }
  out.u64(buffer_.size());
  for (const auto& [time, pending] : buffer_) {
    out.u64(pending.first);
    out.event(pending.second);
  }
}

void PatternOperator::load(SnapshotReader& in) {
  seq_ = in.u64();
  next_run_id_ = in.u64();
  released_ = in.time();
  next_sweep_ = in.time();
  for (std::uint64_t* n : {&stats_.matches, &stats_.expired, &stats_.broken, &stats_.skipped, &stats_.dropped})
    *n = in.u64();
  for (std::size_t keys = in.count(9), k = 0; k < keys && in.ok(); ++k) {
    Value key = in.value();
    KeyValues values;
    for (std::size_t n = in.count(1), i = 0; i < n && in.ok(); ++i) values.push_back(in.value());
    if (values.size() != pattern_.partition_by.size()) in.fail("a key with another number of partition fields");
    if (keys_.find(key)) {
      in.fail("a key that appears twice");
      break;
    }
    KeyState& state = insert(key, key.hash(), {values.data(), values.size()}).value;
    state.last_event = in.time();
    if (const Timestamp at = in.time(); at != Timestamp::max()) extras(state).ttl_at = at;
    for (std::size_t n = in.count(8), i = 0; i < n && in.ok(); ++i) {
      state.runs.push_back(load_run(in));
      ++runs_;
    }
  }
  for (std::size_t n = in.count(17), i = 0; i < n && in.ok(); ++i) {
    Timer t;
    t.at = in.time();
    t.order = in.u64();
    t.key = in.value();
    t.key_hash = t.key.hash();
    timers_.push(std::move(t));
  }
  for (std::size_t n = in.count(16), i = 0; i < n && in.ok(); ++i) {
    const auto from = static_cast<dsl::StatementId>(in.u64());
    if (std::find(statement_.inputs.begin(), statement_.inputs.end(), from) == statement_.inputs.end()) {
      in.fail("a waiting event of statement " + std::to_string(from) + ", which the pattern does not read");
      break;
    }
    Event event = in.event(*plan_.statements[from].output);
    const Timestamp t = event.time();
    buffer_.emplace(t, std::make_pair(from, std::move(event)));
  }
}

}  // namespace cepheus::engine
