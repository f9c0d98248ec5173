// Printing a diagnostics list the way every `cepheus` command does: text for
// people (to stderr) or one JSON document for tools (to stdout).
#pragma once

#include <cstddef>
#include <string>

#include "cepheus/dsl/diagnostic.h"

namespace cepheus::cli {

enum class OutputFormat { kText, kJson };

// Prints every diagnostic and then a summary line ("2 errors, 1 warning in 3
// files") when there is anything to say; `files` is the number of files read.
void print_diagnostics(dsl::Diagnostics& diagnostics, OutputFormat format, std::size_t files);

}  // namespace cepheus::cli
