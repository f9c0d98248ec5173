#include "project_loader.h"

#include <cstdio>

#include "cepheus/core/file.h"
#include "cepheus/dsl/checker.h"
#include "cepheus/dsl/project.h"
#include "diagnostic_output.h"

namespace cepheus::cli {

std::optional<dsl::Plan> load_plan(const char* command, const std::vector<std::string>& paths, int& exit_code) {
  // A single compiled plan is read as it is.
  if (paths.size() == 1 && paths[0].ends_with(".json")) {
    auto text = read_file(paths[0]);
    if (!text.ok()) {
      std::fprintf(stderr, "cepheus %s: %s\n", command, text.status().message().c_str());
      exit_code = 2;
      return std::nullopt;
    }
    auto plan = dsl::plan_from_json(*text);
    if (!plan.ok()) {
      std::fprintf(stderr, "%s: %s\n", paths[0].c_str(), plan.status().message().c_str());
      exit_code = 1;
      return std::nullopt;
    }
    return std::move(*plan);
  }
  dsl::Diagnostics diagnostics;
  auto project = dsl::Project::load(paths, diagnostics);
  if (!project.ok()) {
    std::fprintf(stderr, "cepheus %s: %s\n", command, project.status().message().c_str());
    exit_code = 2;
    return std::nullopt;
  }
  const dsl::CheckedProject checked = dsl::check_project(*project, diagnostics);
  print_diagnostics(diagnostics, OutputFormat::kText, project->files().size());
  if (diagnostics.has_errors()) {
    exit_code = 1;
    return std::nullopt;
  }
  return dsl::compile_plan(checked);
}

}  // namespace cepheus::cli
