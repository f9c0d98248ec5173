// Private to the engine: a pattern's match tree, flattened for the matcher.
//
// The top of every program is a sequence (a single step becomes a sequence of
// one), so the matcher has one place where absences, strict contiguity and
// deadlines live. Each node owns a few integer slots of a run's state: a step
// its count and the index of its first bound event, an absence whether it has
// passed, a sequence its cursor, an `or` the branch it chose. `and` groups keep no state of their own.
#pragma once

#include <cstdint>
#include <vector>

#include "cepheus/dsl/plan.h"

namespace cepheus::engine {

// A quantified step binds at most this many events (the checker's limit on written counts).
inline constexpr std::int64_t kMaxEventsPerStep = 10'000;

struct PatternProgram {
  enum class Kind : std::uint8_t { kStep, kAbsence, kSequence, kAnd, kOr };
  struct Node {
    Kind kind = Kind::kStep;
    std::uint32_t step = 0;                   // kStep, kAbsence: index into the pattern's steps
    std::vector<std::uint32_t> children;      // node indices
    std::vector<dsl::Contiguity> contiguity;  // kSequence: between child i and i + 1
    std::uint32_t slot = 0;                   // its first slot in a run's state
    bool nullable = false;                    // can be complete without taking an event
    std::uint32_t nullable_from = 0;          // kSequence: every child from this index on is nullable
  };

  std::vector<Node> nodes;  // nodes[0] is the top sequence
  std::uint32_t slots = 0;
  bool every = false;
  bool has_absence = false;
  bool step_within = false;  // some step (not an absence) has its own `within`
  // The top sequence is only single steps (one event each, no `within` of their own)
  // joined by `then` or `next`: a run never splits, so it can take an event in place.
  bool single_steps = false;
  // Per step: its events are read later (by a condition or the select), so runs keep them.
  std::vector<bool> keeps_events;
  // Per input statement: whether an event of it can start a match.
  std::vector<bool> starts;
  // Per input statement: the positions of the partition fields in its schema.
  std::vector<std::vector<std::uint32_t>> partition_fields;
};

PatternProgram compile_pattern_program(const dsl::Plan& plan, const dsl::CheckedPattern& pattern);

}  // namespace cepheus::engine
