// The subcommands of `cepheus`. Each takes the words after its name and returns
// the process exit code: 0 success, 1 the input had errors, 2 a usage error.
#pragma once

#include <string>
#include <vector>

namespace cepheus::cli {

int run_decode(const std::vector<std::string>& words);
extern const char* const kDecodeHelp;

}  // namespace cepheus::cli
