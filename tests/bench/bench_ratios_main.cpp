// cepheus-bench's main: the usual Google Benchmark console output, then each
// engine benchmark's rate over its hand-written baseline's (BM_X against
// BM_Baseline_X) as measured in this very run, so the overhead is read off rather
// than worked out by hand. With repetitions the table gives the medians and the
// best repetitions: on a shared machine, other work only ever slows a repetition
// down, so the best is the nearest to what one core does alone, and the median
// what it does under this machine's load. Other output formats
// (--benchmark_format=json, csv) are left as Google Benchmark makes them.
#include <benchmark/benchmark.h>

#include <unistd.h>
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

constexpr const char* kBaselinePrefix = "BM_Baseline_";

class RatioReporter final : public benchmark::ConsoleReporter {
 public:
  explicit RatioReporter(OutputOptions options) : ConsoleReporter(options) {}

  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      const auto rate = run.counters.find("items_per_second");
      if (run.error_occurred || rate == run.counters.end()) continue;
      const std::string& name = run.run_name.function_name;
      names_.insert(name);
      if (run.run_type == Run::RT_Aggregate && run.aggregate_name == "median") medians_[name] = rate->second;
      if (run.run_type == Run::RT_Iteration) samples_[name].push_back(rate->second);
    }
  }

  void Finalize() override {
    ConsoleReporter::Finalize();
    bool any = false;
    for (const std::string& baseline : names_) {
      if (baseline.rfind(kBaselinePrefix, 0) != 0) continue;
      const std::string engine = "BM_" + baseline.substr(std::strlen(kBaselinePrefix));
      const double by_hand = median_of(baseline), ours = median_of(engine);
      if (by_hand <= 0 || ours <= 0) continue;
      const bool repeated = samples_[engine].size() > 1 && samples_[baseline].size() > 1;
      if (!any) {
        std::printf("\n%-28s %14s %14s %7s", "engine / hand-written", repeated ? "engine median" : "engine",
                    "hand-written", "ratio");
        if (repeated) std::printf("   %14s %14s %7s", "engine best", "hand-written", "ratio");
        std::printf("\n");
      }
      any = true;
      std::printf("%-28s %12.3fM/s %12.3fM/s %7.2f", engine.c_str() + 3, ours / 1e6, by_hand / 1e6, ours / by_hand);
      if (repeated) {
        const double best_by_hand = best_of(baseline), best_ours = best_of(engine);
        std::printf("   %12.3fM/s %12.3fM/s %7.2f", best_ours / 1e6, best_by_hand / 1e6, best_ours / best_by_hand);
      }
      std::printf("\n");
    }
  }

 private:
  // The median of the repetitions (Google Benchmark's, or of the runs seen when it reported none).
  double median_of(const std::string& name) const {
    if (const auto median = medians_.find(name); median != medians_.end()) return median->second;
    const auto found = samples_.find(name);
    if (found == samples_.end() || found->second.empty()) return 0;
    std::vector<double> rates = found->second;
    std::sort(rates.begin(), rates.end());
    return rates[rates.size() / 2];
  }
  // The fastest repetition's rate.
  double best_of(const std::string& name) const {
    const auto found = samples_.find(name);
    if (found == samples_.end() || found->second.empty()) return 0;
    return *std::max_element(found->second.begin(), found->second.end());
  }

  std::set<std::string> names_;
  std::map<std::string, double> medians_;
  std::map<std::string, std::vector<double>> samples_;
};

// The value of flag `--NAME=VALUE`, or `otherwise`.
std::string flag(int argc, char** argv, const std::string& name, const std::string& otherwise) {
  const std::string prefix = "--" + name + "=";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind(prefix, 0) == 0) return arg.substr(prefix.size());
  }
  return otherwise;
}

// As Google Benchmark's own main sets them: colour on a terminal unless turned off, tabular counters on request.
benchmark::ConsoleReporter::OutputOptions console_options(int argc, char** argv) {
  const std::string color = flag(argc, argv, "benchmark_color", "auto");
  const bool coloured = color == "auto" ? isatty(fileno(stdout)) != 0 : color == "true" || color == "yes";
  const bool tabular = flag(argc, argv, "benchmark_counters_tabular", "false") == "true";
  int options = benchmark::ConsoleReporter::OO_None;
  if (coloured) options |= benchmark::ConsoleReporter::OO_Color;
  if (tabular) options |= benchmark::ConsoleReporter::OO_Tabular;
  return static_cast<benchmark::ConsoleReporter::OutputOptions>(options);
}

}  // namespace

int main(int argc, char** argv) {
  const bool console = flag(argc, argv, "benchmark_format", "console") == "console";
  const auto options = console_options(argc, argv);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  if (console) {
    RatioReporter reporter(options);
    benchmark::RunSpecifiedBenchmarks(&reporter);
  } else {
    benchmark::RunSpecifiedBenchmarks();
  }
  benchmark::Shutdown();
  return 0;
}
