// A pattern's `match` clause as rows of steps, and back, for the inspector's
// pattern builder: a person picks streams, counts and connectors from lists
// instead of writing `every hot: readings{3,} reluctant where temp > 80`.
//
// Rows cover a top-level sequence of steps and absences. An `(A and B)` or
// `(A or B)` group, or an `every (...)` sequence, is one row of kind kGroup
// that keeps its canonical text, so no pattern is refused or rewritten by
// being shown.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cepheus/core/result.h"

namespace cepheus::studio {

// How many events a step takes; written as nothing, {n}, {n,}, {n,m}, ?, * or +.
enum class StepCount : std::uint8_t { kOnce, kExactly, kAtLeast, kBetween, kOptional, kAnyNumber, kOneOrMore };

struct PatternRow {
  enum class Kind : std::uint8_t { kStep, kAbsence, kGroup };
  Kind kind = Kind::kStep;
  std::string connector;  // "" on the first row; "next", "then" or "then any"
  bool every = false;     // first row only: each matching event starts a match
  std::string binding;
  std::string stream;
  StepCount count = StepCount::kOnce;
  std::int64_t min = 1;
  std::int64_t max = 1;
  bool reluctant = false;
  std::string where;   // canonical condition text, "" for none
  std::string within;  // canonical duration, "" for none
  std::string text;    // kGroup: the row's canonical text without its connector
};

// The words shown for each count, in the order of StepCount.
const std::vector<std::string>& step_count_words();
StepCount step_count_from_word(std::string_view word);

// The rows of a match clause as the form holds it (steps after the first on
// their own lines, each starting with its connector), or why it does not parse.
Result<std::vector<PatternRow>> read_pattern_rows(std::string_view match_clause);

// The match clause of rows, one step per line. Not checked here: the form's
// write goes through the parser, which judges it.
std::string write_pattern_rows(const std::vector<PatternRow>& rows);

}  // namespace cepheus::studio
