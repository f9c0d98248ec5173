// How fast events go out: as fast as possible, event time mapped to wall time
// (`--speed realtime`, `--speed 10x`), or a fixed number per second (`--rate`).
// Shared by `cepheus run --replay` and `cepheus simulate`.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "cepheus/core/time.h"

namespace cepheus::cli {

struct Pace {
  double factor = 0;  // 0: as fast as possible; 1: real time; N: N times faster
  double rate = 0;    // > 0: this many events per wall-clock second, whatever their times
  std::optional<Timestamp> first_event;
  std::chrono::steady_clock::time_point started;
  std::uint64_t waited = 0;  // events paced so far

  // Sleeps until the wall-clock moment of the next event, at `time`.
  void wait_for(Timestamp time);
};

// "max" -> 0, "realtime" -> 1, "10x" -> 10; nullopt for anything else.
std::optional<double> parse_speed(const std::string& text);

}  // namespace cepheus::cli
