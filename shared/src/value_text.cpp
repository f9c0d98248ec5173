#include "cepheus/core/value_text.h"

#include <charconv>
#include <cmath>
#include <optional>

#include "cepheus/core/trim.h"
namespace cepheus {
namespace {

std::string quoted(std::string_view text) {
  constexpr std::size_t kShown = 40;
  std::string out = "\"";
  out += text.size() > kShown ? std::string(text.substr(0, kShown)) + "..." : std::string(text);
  out += '"';
  return out;
}

Status not_a(std::string_view text, std::string_view what) {
  return invalid_argument(quoted(text) + " is not " + std::string(what));
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if ((a[i] | 0x20) != b[i]) return false;
  }
  return true;
}

enum class NumberParse { kOk, kNotANumber, kOutOfRange };

NumberParse parse_double(std::string_view text, double& value) {
  if (text.empty()) return NumberParse::kNotANumber;
  // from_chars would accept "inf" and "nan"; a reading must be a finite number.
  const char first = text[0] == '-' ? (text.size() > 1 ? text[1] : '\0') : text[0];
  if (first != '.' && (first < '0' || first > '9')) return NumberParse::kNotANumber;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (end != text.data() + text.size()) return NumberParse::kNotANumber;
  if (error == std::errc::result_out_of_range) return NumberParse::kOutOfRange;
  if (error != std::errc()) return NumberParse::kNotANumber;
  return NumberParse::kOk;
}

Result<std::int64_t> parse_int(std::string_view text) {
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error == std::errc() && end == text.data() + text.size() && !text.empty()) return value;
  if (error == std::errc::result_out_of_range && end == text.data() + text.size()) {
    return out_of_range(quoted(text) + " is out of the int range (64 bits)");
  }
  // A whole number in another notation, such as 2.0 or 1e3.
  double real = 0;
  switch (parse_double(text, real)) {
    case NumberParse::kOutOfRange: return out_of_range(quoted(text) + " is out of the int range (64 bits)");
    case NumberParse::kNotANumber: return not_a(text, "an int");
    case NumberParse::kOk: break;
  }
  if (real != std::trunc(real)) return not_a(text, "an int: it has a fraction");
  if (real >= 9.223372036854775807e18 || real < -9.223372036854775807e18) {
    return out_of_range(quoted(text) + " is out of the int range (64 bits)");
  }
  return static_cast<std::int64_t>(real);
}

// An epoch count written as "<whole>.<digits>", converted exactly (a double would
// lose the sub-millisecond part of today's epoch milliseconds). nullopt when the
// digits are not all decimal digits.
std::optional<Result<Timestamp>> epoch_with_fraction(std::int64_t whole, std::string_view digits, bool negative,
                                                     Duration unit) {
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
  std::int64_t billionths = 0;  // the fraction in units of 1e-9, first 9 digits
  for (std::size_t i = 0; i < 9; ++i) billionths = billionths * 10 + (i < digits.size() ? digits[i] - '0' : 0);
  const std::int64_t fraction_nanos = billionths * unit.count_nanos() / 1'000'000'000;
  auto base = timestamp_from_epoch(whole, unit);
  if (!base.ok()) return Result<Timestamp>(base.status());
  const Duration fraction = Duration::nanos(negative ? -fraction_nanos : fraction_nanos);
  return Result<Timestamp>(*base + fraction);
}

}  // namespace

Result<Value> value_from_text(ValueType type, std::string_view text, Duration epoch_unit) {
  if (type == ValueType::kString) return Value::string(text);
  const std::string_view raw = text;
  text = trim_blanks(text);
  switch (type) {
    case ValueType::kBool:
      if (text == "1" || equals_ignoring_case(text, "true")) return Value::boolean(true);
      if (text == "0" || equals_ignoring_case(text, "false")) return Value::boolean(false);
      return not_a(raw, "a bool (true or false)");
    case ValueType::kInt: {
      auto i = parse_int(text);
      if (!i.ok()) return i.status();
      return Value::integer(*i);
    }
    case ValueType::kDouble: {
      double d = 0;
      switch (parse_double(text, d)) {
        case NumberParse::kOk: return Value::real(d);
        case NumberParse::kOutOfRange: return out_of_range(quoted(raw) + " is out of the double range");
        case NumberParse::kNotANumber: return not_a(raw, "a double");
      }
      break;
    }
    case ValueType::kTimestamp: {
      if (text.size() >= 5 && text[4] == '-') {  // 2026-...
        auto t = parse_timestamp(text);
        if (!t.ok()) return t.status();
        return Value::timestamp(*t);
      }
      std::int64_t whole = 0;
      auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), whole);
      if (error == std::errc() && end == text.data() + text.size() && !text.empty()) {
        auto t = timestamp_from_epoch(whole, epoch_unit);
        if (!t.ok()) return t.status();
        return Value::timestamp(*t);
      }
      if (error == std::errc() && end < text.data() + text.size() && *end == '.') {
        if (auto t = epoch_with_fraction(whole, text.substr(static_cast<std::size_t>(end - text.data()) + 1),
                                         text.starts_with('-'), epoch_unit)) {
          if (!t->ok()) return t->status();
          return Value::timestamp(**t);
        }
      }
      double real = 0;  // exponent notation: exact only to double precision
      if (parse_double(text, real) == NumberParse::kOk) {
        auto t = timestamp_from_epoch(real, epoch_unit);
        if (!t.ok()) return t.status();
        return Value::timestamp(*t);
      }
      return not_a(raw, "a timestamp (ISO-8601 such as 2026-11-20T08:15:00Z, or epoch " + format_duration(epoch_unit) +
                            " units)");
    }
    case ValueType::kDuration: {
      std::int64_t millis = 0;
      auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), millis);
      if (error == std::errc() && end == text.data() + text.size() && !text.empty()) {
        std::int64_t nanos = 0;
        if (__builtin_mul_overflow(millis, std::int64_t{1'000'000}, &nanos)) {
          return out_of_range(quoted(raw) + " milliseconds is too long a duration");
        }
        return Value::duration(Duration::nanos(nanos));
      }
      auto d = parse_duration(text);
      if (!d.ok()) return d.status();
      return Value::duration(*d);
    }
    case ValueType::kNull:
    case ValueType::kString: break;
  }
  return internal_error("value_from_text: unexpected type");
}

}  // namespace cepheus
