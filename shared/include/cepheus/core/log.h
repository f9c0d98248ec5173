// Structured logging: a message plus key=value fields, as text or JSON lines.
//
//   log::info("node started", {{"listen", "127.0.0.1:7000"}, {"workers", 2}});
//   text:  2026-11-20T08:15:00.123Z INFO  node started listen=127.0.0.1:7000 workers=2
//   json:  {"ts":"2026-11-20T08:15:00.123Z","level":"info","msg":"node started","listen":"127.0.0.1:7000","workers":2}
//
// One process-wide logger, configured once at start-up; writes are serialised by
// a mutex and each line is written whole, so any thread may log. Logging is for
// events worth a line (start, stop, connect, errors), never per stream event.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "cepheus/core/result.h"

namespace cepheus::log {

enum class Level : std::uint8_t { kTrace, kDebug, kInfo, kWarn, kError, kOff };
enum class Format : std::uint8_t { kText, kJson };

// "trace", "debug", "info", "warn", "error", "off".
Result<Level> parse_level(std::string_view name);
Result<Format> parse_format(std::string_view name);  // "text" or "json"

// A field value: text, integer, number or flag.
class FieldValue {
 public:
  FieldValue(std::string_view s) : kind_(kText), text_(s) {}    // NOLINT: implicit for brevity at call sites
  FieldValue(const char* s) : kind_(kText), text_(s) {}         // NOLINT
  FieldValue(const std::string& s) : kind_(kText), text_(s) {}  // NOLINT
  FieldValue(int i) : kind_(kInt), int_(i) {}                   // NOLINT
  FieldValue(long i) : kind_(kInt), int_(i) {}                  // NOLINT
  FieldValue(long long i) : kind_(kInt), int_(i) {}             // NOLINT
  FieldValue(unsigned i) : kind_(kInt), int_(i) {}              // NOLINT
  FieldValue(unsigned long i) : kind_(kInt), int_(static_cast<std::int64_t>(i)) {}       // NOLINT
  FieldValue(unsigned long long i) : kind_(kInt), int_(static_cast<std::int64_t>(i)) {}  // NOLINT
  FieldValue(double d) : kind_(kDouble), double_(d) {}                                   // NOLINT
  FieldValue(bool b) : kind_(kBool), bool_(b) {}                                         // NOLINT

  void append_text(std::string& out) const;
  void append_json(std::string& out) const;

 private:
  enum Kind : std::uint8_t { kText, kInt, kDouble, kBool } kind_;
  std::string_view text_;
  std::int64_t int_ = 0;
  double double_ = 0;
  bool bool_ = false;
};

struct LogField {
  std::string_view key;
  FieldValue value;
};

// Where lines go; the default writes to stderr.
class Sink {
 public:
  virtual ~Sink() = default;
  virtual void write_line(std::string_view line) = 0;
};

// Sets the lowest level written, the format and the sink (nullptr: stderr). The
// sink must outlive all logging; configure before other threads log.
void configure(Level level, Format format, Sink* sink = nullptr);
bool enabled(Level level);

void write(Level level, std::string_view message, std::initializer_list<LogField> fields = {});
inline void debug(std::string_view m, std::initializer_list<LogField> f = {}) {
  write(Level::kDebug, m, f);
}
inline void info(std::string_view m, std::initializer_list<LogField> f = {}) {
  write(Level::kInfo, m, f);
}
inline void warn(std::string_view m, std::initializer_list<LogField> f = {}) {
  write(Level::kWarn, m, f);
}
inline void error(std::string_view m, std::initializer_list<LogField> f = {}) {
  write(Level::kError, m, f);
}

// The line that write() would produce, without writing it (for tests and sinks).
std::string format_line(Level level, Format format, std::string_view timestamp, std::string_view message,
                        std::initializer_list<LogField> fields);

}  // namespace cepheus::log
