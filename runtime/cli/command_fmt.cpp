// `cepheus fmt [--check | --write] PATH...`: the canonical layout of rule files.
#include <cstdio>

#include "cepheus/core/file.h"
#include "cepheus/dsl/formatter.h"
#include "cepheus/dsl/project.h"
#include "cepheus/host/arguments.h"
#include "commands.h"
#include "diagnostic_output.h"

namespace cepheus::cli {

static const char* const kFmtHelp = R"(Usage: cepheus fmt [--check | --write] PATH...

Prints rule files in the canonical layout, the one the studio writes: one clause
per line, two-space indents, a blank line between statements, comments kept.

  (no option)   print the formatted text of each file on standard output
  --check       print nothing but the names of files that are not canonical;
                exit 1 if there are any (for CI)
  --write       rewrite the files that are not canonical, in place

A file with syntax errors is never rewritten: its errors are reported instead.
Exit status: 0 success, 1 files not canonical (--check) or with syntax errors,
2 on a usage error or a path that cannot be read.
)";

int run_fmt(const std::vector<std::string>& words) {
  auto parsed = host::Arguments::parse(words, {}, {"check", "write", "help"});
  if (!parsed.ok()) return usage_error("fmt", parsed.status().message());
  if (parsed->flag("help")) {
    std::fputs(kFmtHelp, stdout);
    return 0;
  }
  const bool check = parsed->flag("check");
  const bool write = parsed->flag("write");
  if (check && write) return usage_error("fmt", "--check and --write cannot be combined");
  if (parsed->positional().empty()) return usage_error("fmt", "give at least one file or project folder");
  dsl::Diagnostics diagnostics;
  auto project = dsl::Project::load(parsed->positional(), diagnostics);
  if (!project.ok()) {
    std::fprintf(stderr, "cepheus fmt: %s\n", project.status().message().c_str());
    return 2;
  }
  if (diagnostics.has_errors()) {
    print_diagnostics(diagnostics, OutputFormat::kText, project->files().size());
    std::fprintf(stderr, "cepheus fmt: nothing was formatted; fix the syntax errors first\n");
    return 1;
  }
  int exit_code = 0;
  for (const dsl::RuleFile& file : project->files()) {
    const std::string formatted = dsl::format_file(file);
    const bool canonical = formatted == file.source->text();
    if (check) {
      if (!canonical) {
        std::printf("%s\n", file.source->path().c_str());
        exit_code = 1;
      }
    } else if (write) {
      if (canonical) continue;
      if (Status status = write_file_atomically(file.source->path(), formatted); !status.ok()) {
        std::fprintf(stderr, "cepheus fmt: %s\n", status.message().c_str());
        return 2;
      }
      std::fprintf(stderr, "formatted %s\n", file.source->path().c_str());
    } else {
      std::fputs(formatted.c_str(), stdout);
    }
  }
  return exit_code;
}

}  // namespace cepheus::cli
