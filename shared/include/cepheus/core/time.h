// Event time in Cepheus: Timestamps and Durations with nanosecond precision.
//
// Both are a single int64 count of nanoseconds, so they are as cheap as an integer
// to copy, compare and store. A Timestamp counts from the Unix epoch (UTC) and
// covers the years 1678 to 2261. Text forms:
//   Duration:  one or more <integer><unit> parts, largest unit first, units
//              ns, us, ms, s, m, h, d: "250ms", "5s", "1m", "2h", "1d", "1h30m".
//   Timestamp: ISO-8601 / RFC 3339, "2026-11-20T08:15:00Z", with an optional
//              fraction of up to 9 digits and a zone "Z", "+01:00" or "-0530".
//              A timestamp with no zone is read as UTC. 't' and ' ' may stand for 'T'.
#pragma once

#include <compare>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "cepheus/core/result.h"

namespace cepheus {

// Times and durations saturate instead of overflowing: Timestamp::max() plus any
// duration stays Timestamp::max(), so a deadline computed from an extreme time
// (from a damaged snapshot, or a far-future event) is still a time, never UB.
constexpr std::int64_t saturating_add(std::int64_t a, std::int64_t b) {
  std::int64_t out = 0;
  if (__builtin_add_overflow(a, b, &out)) {
    return b > 0 ? std::numeric_limits<std::int64_t>::max() : std::numeric_limits<std::int64_t>::min();
  }
  return out;
}
constexpr std::int64_t saturating_sub(std::int64_t a, std::int64_t b) {
  std::int64_t out = 0;
  if (__builtin_sub_overflow(a, b, &out)) {
    return b < 0 ? std::numeric_limits<std::int64_t>::max() : std::numeric_limits<std::int64_t>::min();
  }
  return out;
}

class Duration {
 public:
  constexpr Duration() = default;

  static constexpr Duration nanos(std::int64_t n) { return Duration(n); }
  static constexpr Duration micros(std::int64_t n) { return Duration(n * 1'000); }
  static constexpr Duration millis(std::int64_t n) { return Duration(n * 1'000'000); }
  static constexpr Duration seconds(std::int64_t n) { return Duration(n * 1'000'000'000); }
  static constexpr Duration minutes(std::int64_t n) { return seconds(n * 60); }
  static constexpr Duration hours(std::int64_t n) { return seconds(n * 3'600); }
  static constexpr Duration days(std::int64_t n) { return seconds(n * 86'400); }

  constexpr std::int64_t count_nanos() const { return nanos_; }
  constexpr std::int64_t count_millis() const { return nanos_ / 1'000'000; }
  constexpr double to_seconds() const { return static_cast<double>(nanos_) / 1e9; }

  constexpr Duration operator+(Duration other) const { return Duration(saturating_add(nanos_, other.nanos_)); }
  constexpr Duration operator-(Duration other) const { return Duration(saturating_sub(nanos_, other.nanos_)); }
  constexpr Duration operator*(std::int64_t factor) const { return Duration(nanos_ * factor); }
  constexpr Duration operator-() const { return Duration(saturating_sub(0, nanos_)); }
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads a defaulted <=>
  constexpr auto operator<=>(const Duration&) const = default;

 private:
  constexpr explicit Duration(std::int64_t nanos) : nanos_(nanos) {}
  std::int64_t nanos_ = 0;
};

class Timestamp {
 public:
  constexpr Timestamp() = default;  // the epoch

  static constexpr Timestamp from_nanos(std::int64_t n) { return Timestamp(n); }
  static constexpr Timestamp from_millis(std::int64_t n) { return Timestamp(n * 1'000'000); }
  static constexpr Timestamp from_seconds(std::int64_t n) { return Timestamp(n * 1'000'000'000); }
  static constexpr Timestamp min() { return Timestamp(std::numeric_limits<std::int64_t>::min()); }
  static constexpr Timestamp max() { return Timestamp(std::numeric_limits<std::int64_t>::max()); }

  constexpr std::int64_t nanos_since_epoch() const { return nanos_; }
  constexpr std::int64_t millis_since_epoch() const { return nanos_ / 1'000'000; }

  constexpr Timestamp operator+(Duration d) const { return Timestamp(saturating_add(nanos_, d.count_nanos())); }
  constexpr Timestamp operator-(Duration d) const { return Timestamp(saturating_sub(nanos_, d.count_nanos())); }
  constexpr Duration operator-(Timestamp other) const { return Duration::nanos(saturating_sub(nanos_, other.nanos_)); }
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads a defaulted <=>
  constexpr auto operator<=>(const Timestamp&) const = default;

 private:
  constexpr explicit Timestamp(std::int64_t nanos) : nanos_(nanos) {}
  std::int64_t nanos_ = 0;
};

// Parses a duration such as "250ms" or "1h30m". Errors say which character is wrong.
Result<Duration> parse_duration(std::string_view text);
// The shortest exact text, largest unit first: "1h30m", "250ms", "-5s", "0s".
std::string format_duration(Duration d);

// Parses an ISO-8601 timestamp (see the header comment for the accepted forms).
Result<Timestamp> parse_timestamp(std::string_view text);
// UTC with as many fraction digits as needed (0, 3, 6 or 9): "2026-11-20T08:15:00.250Z".
std::string format_timestamp(Timestamp t);
// Appends format_timestamp(t) to `out` without a temporary string.
void append_timestamp(std::string& out, Timestamp t);

// A timestamp from a number counted from the epoch in `unit` (1s, 1ms, 1us or 1ns);
// out_of_range when it does not fit.
Result<Timestamp> timestamp_from_epoch(double count, Duration unit);
Result<Timestamp> timestamp_from_epoch(std::int64_t count, Duration unit);

}  // namespace cepheus
