#include "cepheus/core/log.h"

#include <atomic>
#include <cstdio>
#include <mutex>

#include "cepheus/core/clock.h"
#include "cepheus/core/json_writer.h"

namespace cepheus::log {
namespace {

constexpr std::string_view kLevelNames[] = {"trace", "debug", "info", "warn", "error", "off"};
constexpr std::string_view kTextLevels[] = {"TRACE", "DEBUG", "INFO ", "WARN ", "ERROR", "OFF  "};

class StderrSink final : public Sink {
 public:
  void write_line(std::string_view line) override {
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
  }
};

struct Logger {
  std::atomic<Level> level{Level::kInfo};
  Format format = Format::kText;
  Sink* sink = nullptr;
  std::mutex mutex;
};

Logger& logger() {
  static Logger instance;
  return instance;
}

// Text values with spaces or quotes are quoted so that lines stay machine-splittable.
void append_text_value(std::string& out, std::string_view text) {
  if (!text.empty() && text.find_first_of(" \"=\n\t") == std::string_view::npos) {
    out += text;
    return;
  }
  append_json_string(out, text);
}

}  // namespace

Result<Level> parse_level(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kLevelNames); ++i) {
    if (kLevelNames[i] == name) return static_cast<Level>(i);
  }
  return invalid_argument("unknown log level '" + std::string(name) + "'; use trace, debug, info, warn, error or off");
}

Result<Format> parse_format(std::string_view name) {
  if (name == "text") return Format::kText;
  if (name == "json") return Format::kJson;
  return invalid_argument("unknown log format '" + std::string(name) + "'; use text or json");
}

void FieldValue::append_text(std::string& out) const {
  switch (kind_) {
    case kText: append_text_value(out, text_); break;
    case kInt: append_json_int(out, int_); break;
    case kDouble: append_json_double(out, double_); break;
    case kBool: out += bool_ ? "true" : "false"; break;
  }
}

void FieldValue::append_json(std::string& out) const {
  switch (kind_) {
    case kText: append_json_string(out, text_); break;
    case kInt: append_json_int(out, int_); break;
    case kDouble: append_json_double(out, double_); break;
    case kBool: out += bool_ ? "true" : "false"; break;
  }
}

void configure(Level level, Format format, Sink* sink) {
  Logger& l = logger();
  std::lock_guard lock(l.mutex);
  l.level.store(level, std::memory_order_relaxed);
  l.format = format;
  l.sink = sink;
}

bool enabled(Level level) {
  return level != Level::kOff && level >= logger().level.load(std::memory_order_relaxed);
}

std::string format_line(Level level, Format format, std::string_view timestamp, std::string_view message,
                        std::initializer_list<LogField> fields) {
  std::string line;
  line.reserve(96);
  const auto index = static_cast<std::size_t>(level);
  if (format == Format::kJson) {
    line += "{\"ts\":";
    append_json_string(line, timestamp);
    line += ",\"level\":";
    append_json_string(line, kLevelNames[index]);
    line += ",\"msg\":";
    append_json_string(line, message);
    for (const LogField& field : fields) {
      line += ',';
      append_json_string(line, field.key);
      line += ':';
      field.value.append_json(line);
    }
    line += "}\n";
    return line;
  }
  line += timestamp;
  line += ' ';
  line += kTextLevels[index];
  line += ' ';
  line += message;
  for (const LogField& field : fields) {
    line += ' ';
    line += field.key;
    line += '=';
    field.value.append_text(line);
  }
  line += '\n';
  return line;
}

void write(Level level, std::string_view message, std::initializer_list<LogField> fields) {
  if (!enabled(level)) return;
  static StderrSink stderr_sink;
  Logger& l = logger();
  const std::string timestamp = format_timestamp(SystemClock::instance().now());
  std::lock_guard lock(l.mutex);
  const std::string line = format_line(level, l.format, timestamp, message, fields);
  (l.sink ? l.sink : &stderr_sink)->write_line(line);
}

}  // namespace cepheus::log
