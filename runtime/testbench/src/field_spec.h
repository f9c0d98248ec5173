// How a generator makes one field's values, written as one line in a scenario:
//   key                         the event's key (the population's name for it)
//   time                        the event time (for timestamp fields)
//   constant V                  always V
//   uniform LOW HIGH            uniformly between LOW and HIGH
//   normal MEAN DEVIATION       normally distributed
//   walk START STEP             a random walk per key: each event moves it by a
//                               normal step of deviation STEP
//   one of A:W B:W ...          categorical: A with weight W (weights default to 1)
//   sequence A B C              per key, in turn: A, B, C, A, ...
//   counter [START]             per key: START, START+1, ...
// Any kind but key and time may start with `per key`: the value is drawn once
// for each key and kept ("per key one of north south", "per key uniform 60 80").
// After any numeric kind, modifiers:
//   drift RATE/UNIT             adds RATE per UNIT (s, m, h, d) of time since the start
//   min LOW, max HIGH           clamps
//   round N                     N decimals (default 2; int fields round to whole numbers)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cepheus/core/result.h"

namespace cepheus::testbench {

struct FieldSpec {
  enum class Kind : std::uint8_t { kKey, kTime, kConstant, kUniform, kNormal, kWalk, kOneOf, kSequence, kCounter };
  Kind kind = Kind::kConstant;
  double a = 0;                    // constant (numeric), low, mean, start
  double b = 0;                    // high, deviation, step
  std::vector<std::string> words;  // constant, one of, sequence: the values as written
  std::vector<double> weights;     // one of: cumulative weights
  std::optional<double> min;
  std::optional<double> max;
  double drift_per_second = 0;
  int decimals = 2;
  bool per_key = false;   // drawn once per key
  bool stateful = false;  // walk, sequence, counter and per key: kept per key
  std::string text;       // as written, for messages
};

Result<FieldSpec> parse_field_spec(std::string_view text);

}  // namespace cepheus::testbench
