#include "metrics_text.h"

#include <dirent.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iterator>
#include <sstream>

#include "cepheus/core/json_writer.h"

namespace cepheus::node {
namespace {

// A label value, escaped as the text format asks (backslash, quote, newline).
std::string label(std::string_view value) {
  std::string out;
  for (const char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

void header(std::string& out, const char* name, const char* type, const char* help) {
  out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
}

void sample(std::string& out, const std::string& name, std::string_view labels, double value) {
  char number[64];
  std::snprintf(number, sizeof(number), "%.17g", value);
  out += name;
  if (!labels.empty()) out += "{" + std::string(labels) + "}";
  out += " " + std::string(number) + "\n";
}

void counter(std::string& out, const char* name, const char* help, std::uint64_t value) {
  header(out, name, "counter", help);
  sample(out, name, "", static_cast<double>(value));
}

// An engine histogram (power-of-two nanosecond buckets) as a Prometheus one in
// seconds. The engine keeps no exact sum; it is estimated from bucket midpoints.
void histogram(std::string& out, const std::string& labels, const engine::LatencyHistogram& h) {
  const std::string name = "cepheus_operator_latency_seconds";
  std::uint64_t cumulative = 0;
  double sum = 0;
  for (int b = 0; b < engine::LatencyHistogram::kBuckets; ++b) {
    cumulative += h.counts[static_cast<std::size_t>(b)];
    sum += static_cast<double>(h.counts[static_cast<std::size_t>(b)]) * 1.5 * std::ldexp(1.0, b) * 1e-9;
    if (b >= 9 && b <= 30) {  // 1 µs .. 2 s
      char le[32];
      std::snprintf(le, sizeof(le), "%.9g", std::ldexp(1.0, b + 1) * 1e-9);
      sample(out, name + "_bucket", labels + ",le=\"" + le + "\"", static_cast<double>(cumulative));
    }
  }
  sample(out, name + "_bucket", labels + ",le=\"+Inf\"", static_cast<double>(h.total));
  sample(out, name + "_sum", labels, sum);
  sample(out, name + "_count", labels, static_cast<double>(h.total));
}

void process_figures(std::string& out) {
  const long page = ::sysconf(_SC_PAGESIZE);
  const long ticks = ::sysconf(_SC_CLK_TCK);
  std::ifstream statm("/proc/self/statm");
  long size_pages = 0, resident_pages = 0;
  statm >> size_pages >> resident_pages;
  std::ifstream stat_file("/proc/self/stat");
  std::string stat((std::istreambuf_iterator<char>(stat_file)), std::istreambuf_iterator<char>());
  // Fields after the command name (which may hold spaces): utime is the 14th, stime 15th, starttime 22nd.
  std::istringstream fields(stat.substr(stat.rfind(')') + 2));
  std::vector<std::string> f((std::istream_iterator<std::string>(fields)), std::istream_iterator<std::string>());
  double cpu = 0, start = 0;
  if (f.size() > 19) {
    cpu = (std::stod(f[11]) + std::stod(f[12])) / static_cast<double>(ticks);
    std::ifstream uptime_file("/proc/uptime");
    double uptime = 0;
    uptime_file >> uptime;
    const double boot = static_cast<double>(std::time(nullptr)) - uptime;
    start = boot + std::stod(f[19]) / static_cast<double>(ticks);
  }
  int fds = 0;
  if (DIR* dir = ::opendir("/proc/self/fd")) {
    while (::readdir(dir)) ++fds;
    ::closedir(dir);
    fds -= 3;  // ".", ".." and the directory's own descriptor
  }
  header(out, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes.");
  sample(out, "process_resident_memory_bytes", "", static_cast<double>(resident_pages) * static_cast<double>(page));
  header(out, "process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.");
  sample(out, "process_virtual_memory_bytes", "", static_cast<double>(size_pages) * static_cast<double>(page));
  header(out, "process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.");
  sample(out, "process_cpu_seconds_total", "", cpu);
  header(out, "process_open_fds", "gauge", "Number of open file descriptors.");
  sample(out, "process_open_fds", "", fds);
  header(out, "process_start_time_seconds", "gauge", "Start time of the process since the epoch in seconds.");
  sample(out, "process_start_time_seconds", "", start);
}

}  // namespace

std::string render_metrics(const NodeMetrics& m,
                           const std::map<std::string, std::unique_ptr<RunningDeployment>>& deployments,
                           std::size_t intake_queue) {
  std::string out;
  counter(out, "cepheus_messages_received_total", "Messages taken in from MQTT and HTTP ingest.",
          NodeMetrics::get(m.messages_received));
  counter(out, "cepheus_mqtt_redeliveries_total",
          "MQTT messages delivered a second time after a crash or a lost acknowledgement, and not taken again.",
          NodeMetrics::get(m.redeliveries_left_out));
  counter(out, "cepheus_file_records_total", "Records read from the files of `from file` sources.",
          NodeMetrics::get(m.file_records));
  counter(out, "cepheus_events_in_total", "Decoded events handed to the engines.", NodeMetrics::get(m.events_in));
  counter(out, "cepheus_events_out_total", "Alerts and sink events that left the engines.",
          NodeMetrics::get(m.events_out));
  counter(out, "cepheus_alerts_total", "Alerts journaled (each alert id once).", NodeMetrics::get(m.alerts));
  header(out, "cepheus_dead_letters_total", "counter", "Events not processed, by reason.");
  sample(out, "cepheus_dead_letters_total", "reason=\"malformed\"",
         static_cast<double>(NodeMetrics::get(m.dead_malformed)));
  sample(out, "cepheus_dead_letters_total", "reason=\"late\"", static_cast<double>(NodeMetrics::get(m.dead_late)));
  sample(out, "cepheus_dead_letters_total", "reason=\"overload\"",
         static_cast<double>(NodeMetrics::get(m.messages_refused)));
  counter(out, "cepheus_late_events_total", "Events behind their source's watermark.", NodeMetrics::get(m.late_events));
  counter(out, "cepheus_dead_letters_trimmed_total", "Dead letters dropped from the store at its limit, oldest first.",
          NodeMetrics::get(m.dead_letters_trimmed));
  counter(out, "cepheus_alerts_trimmed_total", "Alerts dropped from the journal at its limit, oldest first.",
          NodeMetrics::get(m.alerts_trimmed));
  counter(out, "cepheus_checkpoints_total", "State checkpoints taken.", NodeMetrics::get(m.checkpoints));
  counter(out, "cepheus_publish_failures_total", "MQTT publishes and webhook deliveries that failed for good.",
          NodeMetrics::get(m.publish_failures));
  counter(out, "cepheus_http_requests_total", "Control API requests.", NodeMetrics::get(m.http_requests));
  counter(out, "cepheus_http_errors_total", "Control API requests answered with 4xx or 5xx.",
          NodeMetrics::get(m.http_errors));
  header(out, "cepheus_intake_queue_messages", "gauge", "Messages waiting for the engines.");
  sample(out, "cepheus_intake_queue_messages", "", static_cast<double>(intake_queue));
  header(out, "cepheus_deployments_running", "gauge", "Deployments running.");
  sample(out, "cepheus_deployments_running", "", static_cast<double>(deployments.size()));

  header(out, "cepheus_operator_events_in_total", "counter", "Events that reached an operator.");
  std::string latency, partial, keys;
  for (const auto& [name, d] : deployments) {
    const dsl::Plan& plan = d->plan();
    for (dsl::StatementId id = 0; id < plan.statements.size(); ++id) {
      const dsl::PlanStatement& s = plan.statements[id];
      if (s.kind == dsl::StatementKind::kSchema || s.kind == dsl::StatementKind::kTable) continue;
      const std::string labels = "deployment=\"" + label(name) + "\",operator=\"" + label(s.name) + "\"";
      sample(out, "cepheus_operator_events_in_total", labels, static_cast<double>(d->engine().counters(id).in));
      histogram(latency, labels, d->engine().counters(id).latency);
      if (s.kind == dsl::StatementKind::kPattern) {
        const engine::PatternStats p = d->engine().pattern_stats(id);
        sample(partial, "cepheus_partial_matches", labels, static_cast<double>(p.partial_matches));
        sample(keys, "cepheus_pattern_keys", labels, static_cast<double>(p.keys));
      }
    }
  }
  header(out, "cepheus_operator_latency_seconds", "histogram",
         "Time an event spends in an operator and what it feeds (sum estimated from bucket midpoints).");
  out += latency;
  header(out, "cepheus_partial_matches", "gauge", "Partial matches in flight per pattern.");
  out += partial;
  header(out, "cepheus_pattern_keys", "gauge", "Keys with a partial match per pattern.");
  out += keys;
  process_figures(out);
  return out;
}

}  // namespace cepheus::node
