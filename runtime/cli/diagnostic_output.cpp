#include "diagnostic_output.h"

#include <cstdio>

namespace cepheus::cli {
namespace {

std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

void print_diagnostics(dsl::Diagnostics& diagnostics, OutputFormat format, std::size_t files) {
  diagnostics.sort();
  if (format == OutputFormat::kJson) {
    std::string out = "{\"diagnostics\":[";
    for (std::size_t i = 0; i < diagnostics.all().size(); ++i) {
      if (i) out += ",";
      out += dsl::render_json(diagnostics.all()[i]);
    }
    out += "],\"errors\":" + std::to_string(diagnostics.error_count()) +
           ",\"warnings\":" + std::to_string(diagnostics.warning_count()) + ",\"files\":" + std::to_string(files) +
           "}\n";
    std::fputs(out.c_str(), stdout);
    return;
  }
  for (const dsl::Diagnostic& diagnostic : diagnostics.all()) std::fputs(dsl::render_text(diagnostic).c_str(), stderr);
  if (diagnostics.dropped() > 0) {
    std::fprintf(stderr, "... and %zu more not shown\n", diagnostics.dropped());
  }
  if (diagnostics.error_count() + diagnostics.warning_count() > 0) {
    std::fprintf(stderr, "%s, %s in %s\n", plural(diagnostics.error_count(), "error").c_str(),
                 plural(diagnostics.warning_count(), "warning").c_str(), plural(files, "file").c_str());
  }
}

}  // namespace cepheus::cli
