// `cepheus decode`: reads a recording and prints its events as canonical JSON
// lines, reporting every bad record instead of stopping at the first.
#include <cstdio>
#include <string>

#include "cepheus/core/event_json.h"
#include "cepheus/core/file.h"
#include "cepheus/core/recording.h"
#include "cepheus/core/schema.h"
#include "cepheus/host/arguments.h"
#include "commands.h"

namespace cepheus::cli {

static const char* const kDecodeHelp = R"(Usage: cepheus decode FILE --schema FIELDS [options]

Decodes a recorded feed against a schema and prints each event as one JSON line
on standard output, fields in schema order. Every record that does not fit is
reported on standard error as FILE:LINE: where and why, and reading goes on.

  --schema FIELDS     the event shape, e.g. "device: string, temp: double,
                      vibration: double?, ts: timestamp" ('?' marks an optional
                      field; '= value' gives a default)
  --time-field NAME   the timestamp field that holds the event time
  --epoch-unit UNIT   what numeric timestamps count: s, ms (default), us or ns
  --format FORMAT     jsonl or csv (default: from the file name's ending)
  --strict            refuse fields or columns that the schema does not name
  --quiet             print only the summary and the errors
  --max-errors N      stop after N bad records (default: report them all)

Exit status: 0 when every record decoded, 1 when some did not, 2 on a usage error.
)";

int run_decode(const std::vector<std::string>& words) {
  auto parsed = host::Arguments::parse(words, {"schema", "time-field", "epoch-unit", "format", "max-errors"},
                                       {"strict", "quiet", "help"});
  if (!parsed.ok()) return usage_error("decode", parsed.status().message());
  const host::Arguments& args = *parsed;
  if (args.flag("help")) {
    std::fputs(kDecodeHelp, stdout);
    return 0;
  }
  if (args.positional().size() != 1) return usage_error("decode", "give exactly one FILE to decode");
  const std::string path = args.positional()[0];
  const auto schema_text = args.value("schema");
  if (!schema_text) return usage_error("decode", "--schema is required");
  auto schema = parse_schema_spec("event", *schema_text);
  if (!schema.ok()) return usage_error("decode", "--schema: " + schema.status().message());

  RecordingOptions options;
  options.time_field = args.value("time-field").value_or("");
  options.reject_unknown_fields = args.flag("strict");
  if (const auto unit = args.value("epoch-unit")) {
    auto duration = parse_duration("1" + *unit);
    if (!duration.ok() || (*unit != "s" && *unit != "ms" && *unit != "us" && *unit != "ns")) {
      return usage_error("decode", "--epoch-unit must be s, ms, us or ns");
    }
    options.epoch_unit = *duration;
  }
  if (const auto format = args.value("format")) {
    if (*format == "jsonl") {
      options.format = RecordingFormat::kJsonLines;
    } else if (*format == "csv") {
      options.format = RecordingFormat::kCsv;
    } else {
      return usage_error("decode", "--format must be jsonl or csv");
    }
  } else {
    auto detected = recording_format_for_path(path);
    if (!detected.ok()) return usage_error("decode", detected.status().message());
    options.format = *detected;
  }
  long max_errors = -1;
  if (const auto text = args.value("max-errors")) {
    try {
      max_errors = std::stol(*text);
    } catch (...) {
      return usage_error("decode", "--max-errors needs a whole number");
    }
  }

  auto text = read_file(path);
  if (!text.ok()) {
    std::fprintf(stderr, "cepheus decode: %s\n", text.status().message().c_str());
    return 1;
  }
  auto reader = RecordingReader::make(path, std::move(*text), **schema, std::move(options));
  if (!reader.ok()) {
    std::fprintf(stderr, "%s\n", reader.status().message().c_str());
    return 1;
  }
  long decoded = 0;
  long errors = 0;
  std::string line;
  while (auto record = reader->next()) {
    if (!record->ok()) {
      ++errors;
      std::fprintf(stderr, "%s\n", record->status().message().c_str());
      if (max_errors >= 0 && errors >= max_errors) break;
      continue;
    }
    ++decoded;
    if (!args.flag("quiet")) {
      line.clear();
      encode_event_json(**record, line);
      line += '\n';
      std::fwrite(line.data(), 1, line.size(), stdout);
    }
  }
  std::fflush(stdout);
  std::fprintf(stderr, "%s: %ld events decoded, %ld records with errors\n", path.c_str(), decoded, errors);
  return errors == 0 ? 0 : 1;
}

}  // namespace cepheus::cli
