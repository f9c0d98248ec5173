#include "cepheus/core/time.h"

#include <charconv>
#include <chrono>
#include <cmath>
#include <limits>

namespace cepheus {
namespace {

struct UnitName {
  std::string_view name;
  std::int64_t nanos;
};

// Longest names first so that "ms" is not read as "m" followed by "s".
constexpr UnitName kUnits[] = {
    {"ns", 1},
    {"us", 1'000},
    {"ms", 1'000'000},
    {"s", 1'000'000'000},
    {"m", 60'000'000'000},
    {"h", 3'600'000'000'000},
    {"d", 86'400'000'000'000},
};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::string at_column(std::size_t index) {
  return "at column " + std::to_string(index + 1);
}

}  // namespace

Result<Duration> parse_duration(std::string_view text) {
  if (text.empty()) return invalid_argument("empty duration; write a number and a unit, e.g. 5s");
  std::size_t i = 0;
  bool negative = false;
  if (text[0] == '-') {
    negative = true;
    ++i;
  }
  std::int64_t total = 0;
  std::int64_t previous_unit = std::numeric_limits<std::int64_t>::max();
  bool any_part = false;
  while (i < text.size()) {
    const std::size_t number_start = i;
    while (i < text.size() && is_digit(text[i])) ++i;
    if (i == number_start) {
      return invalid_argument("bad duration '" + std::string(text) + "' " + at_column(i) +
                              ": expected a digit; write e.g. 250ms, 5s, 1m, 2h, 1d");
    }
    std::int64_t amount = 0;
    auto [end, error] = std::from_chars(text.data() + number_start, text.data() + i, amount);
    if (error != std::errc()) {
      return out_of_range("duration '" + std::string(text) + "' is too large");
    }
    (void)end;
    if (i < text.size() && text[i] == '.') {
      return invalid_argument("bad duration '" + std::string(text) + "' " + at_column(i) +
                              ": fractions are not allowed; use a smaller unit, e.g. 1500ms for 1.5s");
    }
    const UnitName* unit = nullptr;
    for (const auto& candidate : kUnits) {
      if (text.substr(i, candidate.name.size()) == candidate.name &&
          (unit == nullptr || candidate.name.size() > unit->name.size())) {
        unit = &candidate;
      }
    }
    if (unit == nullptr) {
      return invalid_argument("bad duration '" + std::string(text) + "' " + at_column(i) +
                              ": expected a unit (ns, us, ms, s, m, h, d)");
    }
    if (unit->nanos >= previous_unit) {
      return invalid_argument("bad duration '" + std::string(text) + "' " + at_column(i) +
                              ": units must go from largest to smallest, each once, e.g. 1h30m");
    }
    previous_unit = unit->nanos;
    i += unit->name.size();
    std::int64_t part = 0;
    if (__builtin_mul_overflow(amount, unit->nanos, &part) || __builtin_add_overflow(total, part, &total)) {
      return out_of_range("duration '" + std::string(text) + "' is longer than about 292 years");
    }
    any_part = true;
  }
  if (!any_part) return invalid_argument("bad duration '" + std::string(text) + "': no amount");
  return Duration::nanos(negative ? -total : total);
}

std::string format_duration(Duration d) {
  std::int64_t n = d.count_nanos();
  if (n == 0) return "0s";
  std::string out;
  // INT64_MIN cannot be negated; print it via its unsigned magnitude.
  std::uint64_t left = n < 0 ? 0 - static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n);
  if (n < 0) out += '-';
  for (auto it = std::rbegin(kUnits); it != std::rend(kUnits); ++it) {
    const auto unit = static_cast<std::uint64_t>(it->nanos);
    if (left >= unit) {
      out += std::to_string(left / unit);
      out += it->name;
      left %= unit;
    }
  }
  return out;
}

namespace {

// Reads exactly `width` digits at text[i...] into `value`.
bool read_fixed(std::string_view text, std::size_t& i, int width, int& value) {
  if (i + static_cast<std::size_t>(width) > text.size()) return false;
  value = 0;
  for (int k = 0; k < width; ++k) {
    const char c = text[i + static_cast<std::size_t>(k)];
    if (!is_digit(c)) return false;
    value = value * 10 + (c - '0');
  }
  i += static_cast<std::size_t>(width);
  return true;
}

Status timestamp_error(std::string_view text, std::size_t i, std::string_view expected) {
  return invalid_argument("bad timestamp '" + std::string(text) + "' " + at_column(i) + ": expected " +
                          std::string(expected) + "; write e.g. 2026-11-20T08:15:00Z");
}

}  // namespace

Result<Timestamp> parse_timestamp(std::string_view text) {
  std::size_t i = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!read_fixed(text, i, 4, year)) return timestamp_error(text, i, "a 4-digit year");
  if (i >= text.size() || text[i] != '-') return timestamp_error(text, i, "'-'");
  ++i;
  if (!read_fixed(text, i, 2, month)) return timestamp_error(text, i, "a 2-digit month");
  if (i >= text.size() || text[i] != '-') return timestamp_error(text, i, "'-'");
  ++i;
  if (!read_fixed(text, i, 2, day)) return timestamp_error(text, i, "a 2-digit day");
  if (i >= text.size() || (text[i] != 'T' && text[i] != 't' && text[i] != ' ')) {
    return timestamp_error(text, i, "'T' and a time of day");
  }
  ++i;
  if (!read_fixed(text, i, 2, hour)) return timestamp_error(text, i, "a 2-digit hour");
  if (i >= text.size() || text[i] != ':') return timestamp_error(text, i, "':'");
  ++i;
  if (!read_fixed(text, i, 2, minute)) return timestamp_error(text, i, "2-digit minutes");
  if (i >= text.size() || text[i] != ':') return timestamp_error(text, i, "':'");
  ++i;
  if (!read_fixed(text, i, 2, second)) return timestamp_error(text, i, "2-digit seconds");

  std::int64_t fraction_nanos = 0;
  if (i < text.size() && (text[i] == '.' || text[i] == ',')) {
    ++i;
    int digits = 0;
    std::int64_t scale = 100'000'000;
    while (i < text.size() && is_digit(text[i])) {
      if (digits == 9) return timestamp_error(text, i, "at most 9 fraction digits (nanoseconds)");
      fraction_nanos += (text[i] - '0') * scale;
      scale /= 10;
      ++digits;
      ++i;
    }
    if (digits == 0) return timestamp_error(text, i, "fraction digits after '.'");
  }

  std::int64_t offset_seconds = 0;
  if (i < text.size()) {
    const char zone = text[i];
    if (zone == 'Z' || zone == 'z') {
      ++i;
    } else if (zone == '+' || zone == '-') {
      ++i;
      int offset_hours = 0, offset_minutes = 0;
      if (!read_fixed(text, i, 2, offset_hours)) return timestamp_error(text, i, "a 2-digit zone hour");
      if (i < text.size() && text[i] == ':') ++i;
      if (!read_fixed(text, i, 2, offset_minutes)) {
        return timestamp_error(text, i, "2-digit zone minutes");
      }
      if (offset_hours > 23 || offset_minutes > 59) return timestamp_error(text, i - 2, "a valid zone offset");
      offset_seconds = (std::int64_t{offset_hours} * 3600 + std::int64_t{offset_minutes} * 60) * (zone == '-' ? -1 : 1);
    } else {
      return timestamp_error(text, i, "'Z', '+hh:mm' or '-hh:mm'");
    }
  }
  if (i != text.size()) return timestamp_error(text, i, "the end of the timestamp");

  using namespace std::chrono;
  const year_month_day date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                            std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok()) {
    return invalid_argument("bad timestamp '" + std::string(text) + "': " + std::to_string(year) + "-" +
                            std::to_string(month) + "-" + std::to_string(day) + " is not a calendar date");
  }
  // Second 60 is accepted for leap seconds and folds into the next minute.
  if (hour > 23 || minute > 59 || second > 60) {
    return invalid_argument("bad timestamp '" + std::string(text) + "': the time of day is out of range");
  }
  const std::int64_t days = sys_days(date).time_since_epoch().count();
  const std::int64_t seconds =
      days * 86'400 + std::int64_t{hour} * 3'600 + std::int64_t{minute} * 60 + second - offset_seconds;
  // Nanoseconds since the epoch fit in int64 from 1677-09-21 to 2262-04-11.
  constexpr std::int64_t kMaxSeconds = std::numeric_limits<std::int64_t>::max() / 1'000'000'000 - 1;
  if (seconds > kMaxSeconds || seconds < -kMaxSeconds) {
    return out_of_range("timestamp '" + std::string(text) + "' is outside the years 1678 to 2261");
  }
  return Timestamp::from_nanos(seconds * 1'000'000'000 + fraction_nanos);
}

void append_timestamp(std::string& out, Timestamp t) {
  using namespace std::chrono;
  const std::int64_t nanos = t.nanos_since_epoch();
  std::int64_t seconds = nanos / 1'000'000'000;
  std::int64_t fraction = nanos % 1'000'000'000;
  if (fraction < 0) {
    fraction += 1'000'000'000;
    seconds -= 1;
  }
  std::int64_t days = seconds / 86'400;
  std::int64_t second_of_day = seconds % 86'400;
  if (second_of_day < 0) {
    second_of_day += 86'400;
    days -= 1;
  }
  const year_month_day date{sys_days{std::chrono::days{days}}};
  char buffer[40];
  int year = static_cast<int>(date.year());
  auto put = [&](char* at, int value, int width) {
    for (int k = width - 1; k >= 0; --k) {
      at[k] = static_cast<char>('0' + value % 10);
      value /= 10;
    }
  };
  put(buffer, year, 4);
  buffer[4] = '-';
  put(buffer + 5, static_cast<int>(static_cast<unsigned>(date.month())), 2);
  buffer[7] = '-';
  put(buffer + 8, static_cast<int>(static_cast<unsigned>(date.day())), 2);
  buffer[10] = 'T';
  put(buffer + 11, static_cast<int>(second_of_day / 3600), 2);
  buffer[13] = ':';
  put(buffer + 14, static_cast<int>(second_of_day / 60 % 60), 2);
  buffer[16] = ':';
  put(buffer + 17, static_cast<int>(second_of_day % 60), 2);
  std::size_t length = 19;
  if (fraction != 0) {
    int digits = 9;
    std::int64_t shown = fraction;
    if (shown % 1'000'000 == 0) {
      digits = 3;
      shown /= 1'000'000;
    } else if (shown % 1'000 == 0) {
      digits = 6;
      shown /= 1'000;
    }
    buffer[length++] = '.';
    put(buffer + length, static_cast<int>(shown), digits);
    length += static_cast<std::size_t>(digits);
  }
  buffer[length++] = 'Z';
  out.append(buffer, length);
}

std::string format_timestamp(Timestamp t) {
  std::string out;
  append_timestamp(out, t);
  return out;
}

Result<Timestamp> timestamp_from_epoch(std::int64_t count, Duration unit) {
  std::int64_t nanos = 0;
  if (__builtin_mul_overflow(count, unit.count_nanos(), &nanos)) {
    return out_of_range("epoch time " + std::to_string(count) + " in units of " + format_duration(unit) +
                        " is outside the years 1678 to 2261");
  }
  return Timestamp::from_nanos(nanos);
}

Result<Timestamp> timestamp_from_epoch(double count, Duration unit) {
  const double nanos = std::round(count * static_cast<double>(unit.count_nanos()));
  // 9.2e18 is the int64 range; beyond it the conversion would be undefined.
  if (!std::isfinite(nanos) || nanos >= 9.2e18 || nanos <= -9.2e18) {
    return out_of_range("epoch time " + std::to_string(count) + " in units of " + format_duration(unit) +
                        " is outside the years 1678 to 2261");
  }
  return Timestamp::from_nanos(static_cast<std::int64_t>(nanos));
}

}  // namespace cepheus
