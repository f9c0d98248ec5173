// `cepheus compile` and `cepheus explain`: the execution plan of a project.
#include <cstdio>

#include "cepheus/core/file.h"
#include "cepheus/host/arguments.h"
#include "commands.h"
#include "project_loader.h"

namespace cepheus::cli {

static const char* const kCompileHelp = R"(Usage: cepheus compile PATH... [-o FILE]

Checks the rule files and project folders and compiles them into an execution
plan: the resolved, typed operator graph that the engine runs, as versioned
JSON (docs/plan-format.md). Problems are reported as by 'cepheus check'; a
project with errors produces no plan.

  -o, --output FILE   write the plan to FILE (default: standard output)

Exit status: 0 compiled, 1 the rules have errors, 2 usage or I/O problems.
)";

static const char* const kExplainHelp = R"(Usage: cepheus explain PATH...

Compiles rule files and project folders (or reads a compiled plan.json) and
prints the plan readably: each statement with its inputs, resolved conditions
and computed fields with their names, pattern steps and the match, and the
shape of its output.

Exit status: 0 success, 1 the rules or the plan have errors, 2 usage or I/O problems.
)";

int run_compile(const std::vector<std::string>& words) {
  std::vector<std::string> normalized;
  normalized.reserve(words.size());
  for (const std::string& word : words) normalized.push_back(word == "-o" ? "--output" : word);
  auto parsed = host::Arguments::parse(normalized, {"output"}, {"help"});
  if (!parsed.ok()) return usage_error("compile", parsed.status().message());
  if (parsed->flag("help")) {
    std::fputs(kCompileHelp, stdout);
    return 0;
  }
  if (parsed->positional().empty()) return usage_error("compile", "give at least one file or project folder");
  int exit_code = 0;
  auto plan = load_plan("compile", parsed->positional(), exit_code);
  if (!plan) return exit_code;
  const std::string json = dsl::plan_to_json(*plan);
  if (const auto output = parsed->value("output")) {
    if (Status status = write_file_atomically(*output, json); !status.ok()) {
      std::fprintf(stderr, "cepheus compile: %s\n", status.message().c_str());
      return 2;
    }
    std::fprintf(stderr, "wrote %s (%zu statements)\n", output->c_str(), plan->statements.size());
  } else {
    std::fputs(json.c_str(), stdout);
  }
  return 0;
}

int run_explain(const std::vector<std::string>& words) {
  auto parsed = host::Arguments::parse(words, {}, {"help"});
  if (!parsed.ok()) return usage_error("explain", parsed.status().message());
  if (parsed->flag("help")) {
    std::fputs(kExplainHelp, stdout);
    return 0;
  }
  if (parsed->positional().empty())
    return usage_error("explain", "give at least one file, project folder or plan.json");
  int exit_code = 0;
  auto plan = load_plan("explain", parsed->positional(), exit_code);
  if (!plan) return exit_code;
  std::fputs(dsl::explain_plan(*plan).c_str(), stdout);
  return 0;
}

}  // namespace cepheus::cli
