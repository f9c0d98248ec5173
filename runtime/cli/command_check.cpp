// `cepheus check PATH...`: reports every problem in rule files and projects.
#include <cstdio>

#include "cepheus/dsl/checker.h"
#include "cepheus/dsl/project.h"
#include "cepheus/host/arguments.h"
#include "commands.h"
#include "diagnostic_output.h"

namespace cepheus::cli {

static const char* const kCheckHelp = R"(Usage: cepheus check [--format text|json] PATH...

Checks rule files and project folders (every .cep file below a folder) and reports
every problem found, not only the first:

  path:line:col: error: what is wrong
     12 | the line
        |     ^~~~
  hint: how to fix it

  --format text   compiler-style messages on standard error (default)
  --format json   one JSON document on standard output, for tools and editors

Exit status: 0 when there are no errors (warnings allowed), 1 when there are
errors, 2 on a usage error or a path that cannot be read.
)";

int run_check(const std::vector<std::string>& words) {
  auto parsed = host::Arguments::parse(words, {"format"}, {"help"});
  if (!parsed.ok()) return usage_error("check", parsed.status().message());
  if (parsed->flag("help")) {
    std::fputs(kCheckHelp, stdout);
    return 0;
  }
  const std::string format_name = parsed->value("format").value_or("text");
  if (format_name != "text" && format_name != "json") return usage_error("check", "--format must be text or json");
  if (parsed->positional().empty()) return usage_error("check", "give at least one file or project folder");
  dsl::Diagnostics diagnostics;
  auto project = dsl::Project::load(parsed->positional(), diagnostics);
  if (!project.ok()) {
    std::fprintf(stderr, "cepheus check: %s\n", project.status().message().c_str());
    return 2;
  }
  dsl::check_project(*project, diagnostics);
  print_diagnostics(diagnostics, format_name == "json" ? OutputFormat::kJson : OutputFormat::kText,
                    project->files().size());
  return diagnostics.has_errors() ? 1 : 0;
}

}  // namespace cepheus::cli
