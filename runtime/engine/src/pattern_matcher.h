// Private to the engine: the NFA of one pattern, run over one key's partial
// matches (runs).
//
// A run is the state of every node of the program (slots) and the events it
// has bound so far. Feeding an event to a run gives the runs in which the event
// was taken: none (the run ignores it), one, or several where the pattern is
// non-deterministic (`then any`, `and`, `or`). Choices within one run are made
// as the manual says: a greedy step keeps taking events while it can, a
// reluctant step moves on as soon as it has its minimum. Time limits (`within`,
// absence deadlines) are found here; the operator schedules and fires them.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include <boost/container/small_vector.hpp>

#include "bound_events.h"
#include "cepheus/dsl/plan.h"
#include "cepheus/engine/engine.h"
#include "cepheus/engine/evaluator.h"
#include "field_test.h"
#include "pattern_program.h"
#include "run_slots.h"

namespace cepheus::engine {

// A waiting key's state is mostly its run, so a run is packed: its id and flags share one word.
struct Run {
  // Creation order: emission order of matches completed together. 48 bits: at a million
  // new runs a second, ids wrap after eight years.
  std::uint64_t id : 48 = 0;
  bool scheduled : 1 = false;                   // a timer is set for `deadline` (else it only expires there)
  bool strict_after_absence : 1 = false;        // an absence just passed and `next` follows it
  Timestamp deadline = Timestamp::max();        // when the operator must look at it again
  Timestamp absence_passed = Timestamp::min();  // the deadline of the last absence that held
  // Inline storage for small patterns: copying a run (every step taken copies one) allocates nothing.
  RunSlots slots;
  // One event inline: a waiting run usually holds one, and the event that completes
  // a match moves it to the heap only for the moment the match is emitted.
  BoundEvents bound;

  Timestamp start() const { return bound.front().time; }
  Timestamp last() const { return bound.back().time; }
  // When the previous step ended: its last event, or the deadline of an absence after it.
  Timestamp previous_end() const { return std::max(last(), absence_passed); }
  std::uint64_t start_seq() const { return bound.front().seq; }
};
static_assert(sizeof(Run) == 88);

// A key's partial matches, in creation order; most keys hold one.
using RunList = InlineOneList<Run>;
static_assert(sizeof(RunList) == 8 + sizeof(Run));
// The partition field values of a key.
using KeyValues = boost::container::small_vector<Value, 2>;

// An event offered to runs.
struct Offered {
  dsl::StatementId from = 0;
  const Event* event = nullptr;
  std::uint64_t seq = 0;
  SharedEvent* shared = nullptr;  // made on first need, then shared by every run
};

// What a deadline does when the watermark reaches it.
enum class DeadlineAction : std::uint8_t {
  kPassAbsence,  // the absence held: the run moves past it
  kEnd,          // the run can take no more: it completes if it is complete, else it is dropped
};

struct Deadline {
  Timestamp at = Timestamp::max();
  DeadlineAction action = DeadlineAction::kEnd;
};

// Reports the steps of matching to a TraceSink, when one is set.
struct PatternTracer {
  TraceSink* sink = nullptr;
  std::string pattern;
  std::string key;  // of the runs being offered an event
  void note(const Run& run, std::string step, Timestamp time, std::string what) const {
    sink->trace({pattern, key, run.id, std::move(step), time, std::move(what)});
  }
};

class PatternMatcher {
 public:
  PatternMatcher(const dsl::Plan& plan, const dsl::CheckedPattern& pattern, const PatternProgram& program,
                 const TwinReader* twins);

  // Runs in which `run` took the event, appended to `out`. `keep_waiting` is set
  // when `then any` also keeps the run as it was, waiting for a later event.
  void take(const Run& run, const Offered& offered, std::vector<Run>& out, bool& keep_waiting) const;
  // take() for a run before its first event: the runs that begin with this event.
  void take_fresh(const Offered& offered, std::vector<Run>& out, bool& keep_waiting) const;
  // Whether take_in_place() may stand for take(): the program is single steps only
  // (a run never splits), and there is no tracer (whose notes take() writes).
  bool moves_in_place() const { return program_.single_steps && !tracer_; }
  // take() when moves_in_place(): the run takes the event itself, or is left as it was.
  bool take_in_place(Run& run, const Offered& offered) const;
  // take_fresh() when moves_in_place(): whether the event begins a match (its first step takes it) ...
  bool starts_with(const Offered& offered) const { return step_holds(fresh_, first_step_->step, offered); }
  // ... and, when it does, the run it begins, made at the end of `runs` rather than copied there.
  Run& start_in_place(RunList& runs, const Offered& offered) const;
  // An absence that the event breaks: the run must be dropped.
  bool breaks_absence(const Run& run, const Offered& offered) const;
  // The next event of the key must be taken, or the run is dropped (`next`).
  bool strict(const Run& run) const;
  // The match is complete and cannot grow: emit it now.
  bool complete(const Run& run) const;
  // The match is complete but a greedy step could still grow it.
  bool done(const Run& run) const { return program_.single_steps ? complete(run) : done(run, 0); }  // no step can grow
  Deadline deadline(const Run& run) const;
  // Moves the run past the absence that held until `at`.
  void pass_absence(Run& run) const;
  // Which top-level step the run waits in (for introspection).
  std::uint32_t current_step(const Run& run) const;

  // The key the runs belong to, for partition fields of steps that bound nothing.
  void set_key(std::span<const Value> key_values) { key_values_ = key_values; }
  // Tracing, or nullptr for none.
  void set_tracer(const PatternTracer* tracer) { tracer_ = tracer; }
  // A step's name as the rule knows it: its binding, or its stream's name.
  std::string step_name(std::uint32_t step) const;

 private:
  using Node = PatternProgram::Node;
  void take(const Run& run, std::uint32_t node, const Offered& offered, std::vector<Run>& out,
            bool& keep_waiting) const;
  // A step that a sequence moves on to (its cursor slot gets `cursor`): only the copy
  // that takes the event enters it, so an event the step refuses copies nothing.
  struct Entering {
    std::uint32_t sequence_slot = 0;
    std::int32_t cursor = 0;
  };
  void take_step(const Run& run, const Node& node, const Offered& offered, std::vector<Run>& out,
                 const Entering* entering = nullptr) const;
  // A step's count has reached its maximum.
  bool step_full(const Node& node, std::int64_t count) const;
  void take_sequence(const Run& run, const Node& node, const Offered& offered, std::vector<Run>& out,
                     bool& keep_waiting) const;
  void enter(Run& run, std::uint32_t node) const;
  void enter_step(Run& run, const Node& step, const Entering& entering) const;
  bool done(const Run& run, std::uint32_t node) const;
  bool full(const Run& run, std::uint32_t node) const;
  bool strict(const Run& run, std::uint32_t node) const;
  // The absence after the top sequence's cursor that currently guards the run, if any.
  const Node* guarding_absence(const Run& run) const;
  bool step_holds(const Run& run, std::uint32_t step, const Offered& offered) const;
  // The `where` of step `step` (a step or an absence) on the offered event, the run's bindings read.
  bool condition_holds(const Run& run, std::uint32_t step, const Offered& offered) const;
  // Step node `node`, which had taken `count` events, takes the offered one: its slots
  // count it (and note where its events begin) and the run's bound events get it.
  void bind(Run& run, const Node& node, std::int32_t count, const Offered& offered) const;
  // Why step `step` did not take the event (a failed condition, `within`), for the trace.
  std::string why_not(const Run& run, std::uint32_t step, const Offered& offered) const;

  const dsl::Plan& plan_;
  const dsl::CheckedPattern& pattern_;
  const PatternProgram& program_;
  const TwinReader* twins_;
  std::span<const Value> key_values_;
  const PatternTracer* tracer_ = nullptr;
  Run fresh_;
  // Per step: its condition when it only compares a field of the event with a constant.
  std::vector<std::optional<FieldTest>> field_tests_;
  // The pattern's first node when it is a step that must take an event: then only
  // it can take the first event of a match, and take_fresh() asks it directly.
  const Node* first_step_ = nullptr;
};

// Reads the bound events of a run: the last event bound to a step, or the key
// for a partition field of a step that bound nothing (or whose events were not kept).
class RunBindings final : public BindingReader {
 public:
  RunBindings(const dsl::CheckedPattern& pattern, const Run& run, std::span<const Value> key_values)
      : pattern_(pattern), run_(run), key_values_(key_values) {}
  Value binding(std::uint32_t step, std::uint32_t index) const override;

 private:
  const dsl::CheckedPattern& pattern_;
  const Run& run_;
  std::span<const Value> key_values_;
};

}  // namespace cepheus::engine
