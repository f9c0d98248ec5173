// What the engine shows of itself: pattern statistics and partial matches, open
// windows, twin states, and latency histograms.
#include <algorithm>
#include <bit>
#include <cmath>

#include "cepheus/engine/engine.h"
#include "pattern_operator.h"
#include "twin_store.h"
#include "window_operator.h"

namespace cepheus::engine {

void LatencyHistogram::record(std::uint64_t nanos) {
  const int bucket = nanos == 0 ? 0 : std::bit_width(nanos) - 1;
  ++counts[static_cast<std::size_t>(std::min(bucket, kBuckets - 1))];
  ++total;
}

std::uint64_t LatencyHistogram::percentile(double p) const {
  if (total == 0) return 0;
  const auto wanted = static_cast<std::uint64_t>(std::ceil(p / 100.0 * static_cast<double>(total)));
  std::uint64_t seen = 0;
  for (int b = 0; b < kBuckets; ++b) {
    seen += counts[static_cast<std::size_t>(b)];
    if (seen >= wanted) return (std::uint64_t{1} << (b + 1)) - 1;
  }
  return UINT64_MAX;
}

PatternStats Engine::pattern_stats(dsl::StatementId pattern) const {
  return patterns_[pattern] ? patterns_[pattern]->stats() : PatternStats{};
}

std::vector<PartialMatch> Engine::partial_matches(dsl::StatementId pattern, std::size_t limit) const {
  return patterns_[pattern] ? patterns_[pattern]->partial_matches(limit) : std::vector<PartialMatch>{};
}

std::vector<OpenWindow> Engine::open_windows(dsl::StatementId window, std::size_t limit) const {
  return windows_[window] ? windows_[window]->contents(limit) : std::vector<OpenWindow>{};
}

std::vector<TwinState> Engine::twin_states(dsl::StatementId twin, std::size_t limit) const {
  return twins_->states(twin, limit);
}

}  // namespace cepheus::engine
